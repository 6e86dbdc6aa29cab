"""The quick rebuild after body edits: taken only when exact, and then equal to a clean build."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from conftest import SITES, article_md, clean_tree, tree, write_files

from digest.build import BuildResult, build
from digest.build_state import EditionState
from digest.cache import ARTICLES as ARTICLE_STORE
from digest.cache import BUILD_STATE, CACHE_DIR, BuildCache
from digest.config import load_config
from digest.model import Site
from digest.output.search import pagefind_binary
from digest.planning import PlanMemory
from digest.reading import read_articles
from digest.render.pages import template_filters
from digest.render.theme import make_environment, theme_layers
from digest.site.language_editions import collect_editions, language_editions

CONFIG = 'title = "Quick"\nbase_url = "https://example.org/news/"\nper_page = 2\n'
STORY = (
    "Ministers of the two countries met in Brussels on Tuesday to agree on a new package of "
    "military aid, including air defence systems, artillery shells and training for pilots, "
    "and said the first deliveries would arrive before the winter."
)
OTHER = (
    "The harvest of grain in the south of the country was larger than expected this year, "
    "farmers said, although exports through the ports of the Black Sea remain difficult and "
    "insurance for ships is expensive."
)
ARTICLES = {
    "content/aid.md": article_md("Aid agreed", "2024-03-01T09:00:00Z", "[Aid]", "[NATO]", STORY),
    "content/aid-again.md": article_md(
        "Aid agreed again", "2024-03-01T15:00:00Z", "[Aid]", "[NATO]", STORY + " Officials agreed."
    ),
    "content/grain.md": article_md(
        "Grain harvest", "2024-03-01T12:00:00Z", "[Economy]", "[Ukraine]", OTHER + "\n\nMore."
    ),
    "content/energy.md": article_md(
        "Energy", "2024-03-05T08:00:00Z", "[Energy]", "[Ukraine]", "Power came back.\n\nMore."
    ),
    "content/older.md": article_md(
        "Older", "2024-01-10T08:00:00Z", "[Economy]", "[Poland]", "First.\n\nSecond."
    ),
}


def quick(result: BuildResult) -> bool:
    """True if the build was the quick rebuild (it collects nothing)."""
    return "state" in result.timings and "collect" not in result.timings


def rebuilt(root: Path, elsewhere: Path) -> BuildResult:
    """A build as a new `digest build` process makes it, checked against a clean build."""
    result = build(load_config(root))
    assert tree(root / "site") == clean_tree(root, elsewhere)
    return result


def append(root: Path, relative: str, text: str) -> None:
    """Add to the article's last paragraph (its summary is the first)."""
    path = root / relative
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + text + "\n", encoding="utf-8")


def replace_text(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def project(make_site: Callable[..., Path]) -> Path:
    root = make_site(ARTICLES, config=CONFIG)
    first = build(load_config(root))
    assert first.errors == ()
    assert not quick(first)
    assert len(list((root / "site" / "stories").iterdir())) == 1  # the two aid articles
    return root


def test_a_body_edit_renders_the_article_page_and_its_feeds_as_a_clean_build_would(
    project: Path, tmp_path: Path
) -> None:
    before = tree(project / "site")
    append(project, "content/grain.md", " Prices fell in March.")
    result = rebuilt(project, tmp_path)
    assert quick(result)
    # Files younger than the file system's clock tick are read again, whatever their stat.
    assert (result.parsed, result.planned, result.rendered) == (1, 1, 1)
    after = tree(project / "site")
    changed = sorted(path for path in after if after[path] != before.get(path))
    assert changed == [
        "2024/03/01/grain-harvest/index.html",
        "actors/ukraine/feed.xml",
        "feed.xml",
        "rss.xml",
        "topics/economy/feed.xml",
    ]
    assert result.written == len(changed)
    assert (result.articles, result.pages) == (
        len(ARTICLES),
        sum(p.endswith(".html") for p in after),
    )


def test_quick_rebuilds_follow_one_another_and_leave_a_build_with_nothing_to_do(
    project: Path, tmp_path: Path
) -> None:
    for step in range(3):
        append(project, "content/energy.md", f" Step {step}.")
        append(project, "content/older.md", f" Older step {step}.")
        result = rebuilt(project, tmp_path)
        assert quick(result)
        assert result.parsed == 2
    again = build(load_config(project))  # a full build: its files are too new to trust
    # The two pages quick rebuilds wrote are rendered again (the pages index has the last full
    # build's entries for them), to the same bytes.
    assert (again.parsed, again.rendered, again.written) == (0, 2, 0)


@pytest.mark.parametrize(
    ("label", "edit"),
    [
        ("title", lambda root: replace_text(root, "content/grain.md", "Grain harvest", "Grain")),
        ("date", lambda root: replace_text(root, "content/grain.md", "12:00:00Z", "13:00:00Z")),
        ("topics", lambda root: replace_text(root, "content/grain.md", "[Economy]", "[Food]")),
        ("summary", lambda root: replace_text(root, "content/energy.md", "Power came", "Light")),
        ("in a story", lambda root: append(root, "content/aid.md", " A new sentence.")),
        ("joins a story", lambda root: append(root, "content/grain.md", "\n\n" + STORY)),
        (
            "new file",
            lambda root: write_files(root, {"content/new.md": ARTICLES["content/aid.md"]}),
        ),
        ("deleted file", lambda root: (root / "content/older.md").unlink()),
        (
            "template",
            lambda root: write_files(root, {"templates/article.html": "{{ article.title }}"}),
        ),
        ("config", lambda root: replace_text(root, "digest.toml", "Quick", "Slow")),
    ],
)
def test_any_other_edit_takes_the_full_build(
    project: Path, tmp_path: Path, label: str, edit: Callable[[Path], None]
) -> None:
    edit(project)
    assert not quick(rebuilt(project, tmp_path)), label


def test_the_body_of_a_draft_is_stored_and_nothing_is_rendered(
    project: Path, tmp_path: Path
) -> None:
    replace_text(project, "content/older.md", "title: Older", "title: Older\ndraft: true")
    assert not quick(rebuilt(project, tmp_path))
    append(project, "content/older.md", " Still a draft.")
    result = rebuilt(project, tmp_path)
    assert quick(result)
    assert (result.parsed, result.rendered, result.written) == (1, 0, 0)


def test_with_search_enabled_every_rebuild_is_a_full_one(project: Path, tmp_path: Path) -> None:
    """Pagefind indexes the whole site: a quick rebuild would leave its index behind."""
    if pagefind_binary() is None:
        pytest.skip("Pagefind is not installed (pip install 'pagefind[bin]')")
    append(project, "digest.toml", "\n[search]\nenabled = true")
    assert build(load_config(project)).errors == ()
    append(project, "content/grain.md", " Prices fell.")
    result = build(load_config(project))
    assert not quick(result)
    assert "search" in result.timings


def test_a_body_edit_that_names_a_new_actor_takes_the_full_build(
    project: Path, tmp_path: Path
) -> None:
    """Actors found in the text are part of what the site's maps read."""
    append(project, "content/grain.md", " Emmanuel Macron visited the port of Odesa.")
    result = rebuilt(project, tmp_path)
    assert not quick(result)
    assert "emmanuel-macron" in {a.name for a in (project / "site" / "actors").iterdir()}


def test_problems_of_an_edited_file_are_replaced_and_reported_again(
    project: Path, tmp_path: Path
) -> None:
    path = project / "content/grain.md"
    path.write_bytes(path.read_bytes() + "Caf\u00e9 prices rose.\n".encode("cp1252"))
    warned = rebuilt(project, tmp_path)
    assert quick(warned)
    assert [p.message for p in warned.problems] == ["not valid UTF-8; read as cp1252"]
    again = build(load_config(project))  # nothing changed: the same problems
    assert (again.problems, again.written) == (warned.problems, 0)
    path.write_bytes(path.read_bytes().replace(b"Caf\xe9", "Café".encode()))
    fixed = rebuilt(project, tmp_path)
    assert quick(fixed)
    assert fixed.problems == ()


def test_a_file_changed_again_right_after_a_quick_rebuild_is_read_again(
    project: Path, tmp_path: Path
) -> None:
    """Same size, within the file system's clock tick: its stat alone cannot tell."""
    append(project, "content/grain.md", " Version A.")
    assert quick(rebuilt(project, tmp_path))
    replace_text(project, "content/grain.md", "Version A.", "Version B.")
    assert quick(rebuilt(project, tmp_path))
    page = project / "site/2024/03/01/grain-harvest/index.html"
    assert "Version B." in page.read_text(encoding="utf-8")


def test_an_output_folder_replaced_since_takes_the_full_build(
    project: Path, tmp_path: Path
) -> None:
    shutil.copytree(project / "site", tmp_path / "copy")
    shutil.rmtree(project / "site")
    shutil.move(tmp_path / "copy", project / "site")
    append(project, "content/grain.md", " Prices fell.")
    assert not quick(rebuilt(project, tmp_path))


def test_a_damaged_state_is_ignored_with_a_warning(project: Path, tmp_path: Path) -> None:
    state = project / CACHE_DIR / BUILD_STATE
    state.write_bytes(state.read_bytes()[:-100])
    append(project, "content/grain.md", " Prices fell.")
    result = rebuilt(project, tmp_path)
    assert not quick(result)
    assert [p.path for p in result.problems] == [f"{CACHE_DIR}/{BUILD_STATE}"]


def test_an_article_the_store_lost_takes_the_full_build(project: Path, tmp_path: Path) -> None:
    """The page of the edited article shows its neighbours' cards, read from the store."""
    with closing(sqlite3.connect(project / CACHE_DIR / ARTICLE_STORE)) as connection, connection:
        connection.execute("DELETE FROM entries")
    append(project, "content/grain.md", " Prices fell.")
    assert not quick(rebuilt(project, tmp_path))


def test_a_body_edit_in_a_multilingual_site_is_exact(tmp_path: Path) -> None:
    root = Path(shutil.copytree(SITES / "multilingual", tmp_path / "multilingual"))
    assert build(load_config(root)).errors == ()
    bodies = sorted((root / "content").rglob("*.md"))
    for path in bodies[:3]:
        path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
        result = rebuilt(root, tmp_path)
        assert result.errors == ()


def test_only_its_own_page_shows_an_article_whole(project: Path) -> None:
    """What the quick rebuild relies on: every other page shows an article's card at most."""
    config = load_config(project)
    articles = read_articles(config).articles
    (edition,) = language_editions(config)
    sites, _ = collect_editions(
        articles, [edition], {}, lambda code: BuildCache(None).edition(code).collected
    )
    layers = theme_layers(config.theme, config.root)
    environment = make_environment(layers, template_filters())
    memory = PlanMemory()
    memory.plan(
        sites[edition.code],
        edition.config,
        edition.urls,
        lambda template: b"",
        environment.catalogues.messages(edition.code),
    )
    assert {a.key: memory.showing(a.key) for a in articles} == {
        a.key: {f"article:{a.key}"} for a in articles
    }


@pytest.mark.parametrize("stamp", [0.0, 5.0, 9.5, 20.0, 100.0])
def test_the_articles_of_a_window_are_found_among_the_newest_first(stamp: float) -> None:
    stamps = (40.0, 20.0, 12.0, 10.0, 10.0, 9.0, 3.0, 0.0)
    order = tuple(f"k{index}" for index in range(len(stamps)))
    edition = EditionState("en", Site({}, {}, {}, {}, {}, (), {}), order, stamps, None)
    expected = [(key, at) for key, at in zip(order, stamps, strict=True) if abs(at - stamp) <= 3]
    assert list(edition.near(stamp, 3.0)) == expected
