"""Incremental builds are exact: after any edit, the site equals a clean build, byte for byte."""

from __future__ import annotations

import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from conftest import SITES, article_md, clean_tree, run, tree, write_files

from digest.build import BuildResult, build
from digest.cache import ARTICLES as ARTICLE_STORE
from digest.cache import CACHE_DIR, FORMAT, LAST_BUILD, PAGES, BuildCache
from digest.config import load_config
from digest.content.sources import WatchedChanges
from digest.errors import DigestError
from digest.fingerprint import program_digest
from digest.render.theme import builtin_themes_dir

Edit = Callable[[Path], None]
CONFIG = 'title = "Incremental"\nbase_url = "/news/"\nper_page = 2\n\n[actors]\ndetect = false\n'
ARTICLES = {
    "content/alpha.md": article_md(
        "Alpha", "2024-03-01T09:00:00Z", "[Aid, Defence]", "[Ukraine, NATO]"
    ),
    "content/beta.md": article_md("Beta", "2024-03-01T12:00:00Z", "[Aid]", "[Ukraine]"),
    "content/gamma.md": article_md("Gamma", "2024-03-02T08:00:00Z", "[Energy]", "[Poland]"),
    "content/delta.md": article_md("Delta", "2024-04-05T08:00:00Z", "[Defence]", "[NATO]"),
    "content/world/epsilon.md": article_md("Epsilon", "2024-04-06T08:00:00Z"),
    "content/solo.md": article_md(
        "Solo", "2023-12-24T08:00:00Z", "[Lonely topic]", "[Lonely actor]"
    ),
}


def mtimes(folder: Path) -> dict[str, int]:
    return {
        p.relative_to(folder).as_posix(): p.stat().st_mtime_ns
        for p in folder.rglob("*")
        if p.is_file()
    }


def assert_exact(
    root: Path,
    elsewhere: Path,
    cache: BuildCache | None = None,
    in_place: bool = False,
    watched: WatchedChanges | None = None,
) -> BuildResult:
    """Build incrementally, then check the result against a clean build."""
    result = build(load_config(root), cache=cache, in_place=in_place, watched=watched)
    assert result.errors == ()
    incremental = tree(root / "site")
    clean = clean_tree(root, elsewhere)
    assert sorted(incremental) == sorted(clean)
    assert [path for path in clean if incremental[path] != clean[path]] == []
    return result


def _replace(relative: str, old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        path = root / relative
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    return edit


def _rename(old: str, new: str) -> Edit:
    def edit(root: Path) -> None:
        (root / new).parent.mkdir(parents=True, exist_ok=True)
        (root / old).rename(root / new)

    return edit


def _delete(relative: str) -> Edit:
    return lambda root: (root / relative).unlink()


def _write(relative: str, text: str) -> Edit:
    return lambda root: write_files(root, {relative: text})


def _override_template(name: str, old: str, new: str) -> Edit:
    """Copy a default template into the site's templates/ (if not there yet) and change it."""

    def edit(root: Path) -> None:
        target = root / "templates" / name
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(builtin_themes_dir() / "default" / "templates" / name, target)
        text = target.read_text(encoding="utf-8")
        assert old in text, f"{old!r} is not in {name}"
        target.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


CATALOGUE = """
    msgid ""
    msgstr ""
    "Language: en\\n"
    "Content-Type: text/plain; charset=UTF-8\\n"

    msgid "Topics"
    msgstr "Subjects"

    msgid "Page %(number)s"
    msgstr "Sheet %(number)s"

    msgid "%(num)d article"
    msgid_plural "%(num)d articles"
    msgstr[0] "%(num)d story"
    msgstr[1] "%(num)d stories"

    msgctxt "date format"
    msgid "long"
    msgstr "MMMM d, y"
"""
"""A site's own English catalogue: a nav name and page titles (made in Python), text of
templates and a date format (in every page)."""

SCRIPT: list[tuple[str, Edit]] = [
    ("body", _replace("content/beta.md", "Some text about Beta.", "A new body for Beta.")),
    ("title", _replace("content/gamma.md", "title: Gamma", "title: Gamma renamed")),
    ("add actor", _replace("content/delta.md", "actors: [NATO]", "actors: [NATO, Poland]")),
    ("remove actor", _replace("content/delta.md", "actors: [NATO, Poland]", "actors: [NATO]")),
    ("add topic", _replace("content/gamma.md", "topics: [Energy]", "topics: [Energy, Aid]")),
    ("remove topic", _replace("content/gamma.md", "topics: [Energy, Aid]", "topics: [Aid]")),
    ("rename", _rename("content/alpha.md", "content/2024/alpha-moved.md")),
    ("delete", _delete("content/solo.md")),
    ("add", _write("content/zeta.md", article_md("Zeta", "2024-05-01T08:00:00Z", "[Aid]"))),
    ("template", _override_template("article.html", "</article>", "<p>edited</p></article>")),
    ("base layout", _override_template("base.html", "</body>", "<!-- layout --></body>")),
    ("config", _replace("digest.toml", 'title = "Incremental"', 'title = "Renamed"')),
    ("catalogue add", _write("locales/en.po", CATALOGUE)),
    ("catalogue text", _replace("locales/en.po", "d stories", "d reports")),
    ("catalogue title", _replace("locales/en.po", '"Sheet %(number)s"', '"Leaf %(number)s"')),
    ("catalogue delete", _delete("locales/en.po")),
    ("static add", _write("static/notes.txt", "first\n")),
    ("static edit", _replace("static/notes.txt", "first", "second")),
]


@pytest.fixture
def project(make_site: Callable[..., Path]) -> Path:
    root = make_site(ARTICLES, config=CONFIG)
    assert build(load_config(root)).errors == ()
    return root


def test_each_scripted_edit_builds_the_same_site_as_a_clean_build(
    project: Path, tmp_path: Path
) -> None:
    for name, edit in SCRIPT:
        edit(project)
        try:
            assert_exact(project, tmp_path)
        except AssertionError as error:
            raise AssertionError(f"after the edit `{name}`: {error}") from None


@pytest.mark.parametrize("in_place", [False, True], ids=["staged", "in place"])
def test_the_script_is_exact_with_a_cache_kept_in_memory(
    project: Path, tmp_path: Path, in_place: bool
) -> None:
    cache = BuildCache.for_project(project)
    for name, edit in SCRIPT:
        edit(project)
        result = assert_exact(project, tmp_path, cache, in_place)
        assert result.problems == (), name


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_edits_build_the_same_site_as_a_clean_build(
    project: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    for step in range(6):
        _random_edit(project, rng, step)
        assert_exact(project, tmp_path)


@pytest.mark.parametrize("seed", [5, 6, 7])
def test_random_edits_are_exact_in_place_with_a_cache_kept_in_memory(
    project: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    cache = BuildCache.for_project(project)
    for step in range(8):
        _random_edit(project, rng, step)
        assert_exact(project, tmp_path, cache, in_place=True)
    assert _empty_folders(project / "site") == []


@pytest.mark.parametrize("seed", [8, 9])
def test_random_edits_are_exact_when_a_watcher_names_the_changed_files(
    project: Path, tmp_path: Path, seed: int
) -> None:
    """As `digest serve` builds: in place, looking only at the files the watcher saw change."""
    rng = random.Random(seed)
    cache = BuildCache.for_project(project)
    assert_exact(project, tmp_path, cache, in_place=True)
    for step in range(8):
        before = _content(project)
        _random_edit(project, rng, step)
        after = _content(project)
        watched = WatchedChanges(
            changed=frozenset(p for p in after if before.get(p) != after[p]),
            removed=frozenset(before.keys() - after.keys()),
        )
        result = assert_exact(project, tmp_path, cache, in_place=True, watched=watched)
        assert result.read == len(watched.changed)


def _content(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}


def _empty_folders(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_dir() and not any(p.iterdir())]


def _random_edit(root: Path, rng: random.Random, step: int) -> None:
    """One of the edits an author makes, chosen and applied at random."""
    articles = sorted((root / "content").rglob("*.md"))
    topics = ["Aid", "Defence", "Energy", "Trade"]
    actors = ["Ukraine", "NATO", "Poland", "Hungary"]
    kind = rng.choice(["body", "title", "front", "rename", "delete", "add", "template", "static"])
    if kind in ("rename", "delete") and len(articles) < 3:
        kind = "add"
    if kind == "body":
        path = rng.choice(articles)
        path.write_text(path.read_text(encoding="utf-8") + f"\nMore, step {step}.\n", "utf-8")
    elif kind == "title":
        path = rng.choice(articles)
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("title: ", f"title: Step {step} ", 1), encoding="utf-8")
    elif kind == "front":
        path = rng.choice(articles)
        text = path.read_text(encoding="utf-8")
        head, _, body = text.partition("\n---\n")
        fields = [line for line in head.splitlines() if not line.startswith(("topics", "actors"))]
        fields += [
            f"topics: [{', '.join(rng.sample(topics, rng.randint(0, 2)))}]",
            f"actors: [{', '.join(rng.sample(actors, rng.randint(0, 3)))}]",
        ]
        path.write_text("\n".join(fields) + "\n---\n" + body, encoding="utf-8")
    elif kind == "rename":
        path = rng.choice(articles)
        path.rename(path.with_name(f"renamed-{step}-{path.name}"))
    elif kind == "delete":
        rng.choice(articles).unlink()
    elif kind == "add":
        day = f"2024-0{rng.randint(1, 6)}-1{rng.randint(0, 9)}T08:00:00Z"
        text = article_md(f"New {step}", day, f"[{rng.choice(topics)}]", f"[{rng.choice(actors)}]")
        write_files(root, {f"content/new-{step}.md": text})
    elif kind == "template":
        _override_template("base.html", "</body>", f"<!-- step {step} --></body>")(root)
    else:
        write_files(root, {f"static/file-{rng.randint(0, 2)}.txt": f"step {step}\n"})


def test_a_rebuild_without_changes_parses_and_renders_nothing_and_keeps_mtimes(
    project: Path,
) -> None:
    before = mtimes(project / "site")
    result = build(load_config(project))
    assert (result.parsed, result.cached) == (0, len(ARTICLES))
    assert (result.rendered, result.reused, result.written) == (0, result.pages, 0)
    assert mtimes(project / "site") == before


def test_one_changed_body_renders_only_the_pages_that_show_the_article(project: Path) -> None:
    before = mtimes(project / "site")
    _replace("content/solo.md", "Some text about Solo.", "Another text.")(project)
    result = build(load_config(project))
    assert (result.parsed, result.cached) == (1, len(ARTICLES) - 1)
    shows_it = {
        "2023/12/24/solo/index.html",  # its page
        "2024/03/01/alpha/index.html",  # the newer article, which links to it as older
        "2023/12/24/index.html",  # its day's edition
        "2023/12/index.html",  # its month
        "page/3/index.html",  # the last home page (2 days per page, 5 days)
        "actors/lonely-actor/index.html",
        "topics/lonely-topic/index.html",
    }
    assert (result.rendered, result.reused) == (len(shows_it), result.pages - len(shows_it))
    feeds_with_it = {
        "feed.xml",
        "rss.xml",
        "actors/lonely-actor/feed.xml",
        "topics/lonely-topic/feed.xml",
    }  # made anew by every build; only those whose bytes changed are written
    after = mtimes(project / "site")
    changed = {path for path in after if after[path] != before[path]}
    assert "2023/12/24/solo/index.html" in changed
    assert feeds_with_it <= changed <= shows_it | feeds_with_it


def test_a_warm_rebuild_reads_only_the_changed_file(project: Path, tmp_path: Path) -> None:
    cache = BuildCache(project / CACHE_DIR, settle_ns=1_000_000)  # files settle after 1 ms
    time.sleep(0.01)
    assert build(load_config(project), cache=cache, clean=True).read == len(ARTICLES)
    time.sleep(0.01)
    _replace("content/solo.md", "Some text about Solo.", "Another text.")(project)
    result = assert_exact(project, tmp_path, cache)
    assert (result.read, result.parsed, result.cached) == (1, 1, len(ARTICLES) - 1)


def test_a_file_changed_just_after_it_was_read_is_read_again(project: Path) -> None:
    cache = BuildCache.for_project(project)  # files settle after 2 s
    for path in (project / "content").rglob("*.md"):
        os.utime(path)  # changed just now, as far as the change time tells
    assert build(load_config(project), cache=cache).read == len(ARTICLES)
    assert build(load_config(project), cache=cache).read == len(ARTICLES)


def test_a_failing_build_in_place_changes_nothing(project: Path) -> None:
    cache = BuildCache.for_project(project)
    build(load_config(project), cache=cache)
    _replace("content/solo.md", "Some text about Solo.", "Another text.")(project)
    _override_template("article.html", "</article>", "{% if %}</article>")(project)
    before = tree(project / "site")
    with pytest.raises(DigestError):
        build(load_config(project), cache=cache, in_place=True)
    assert tree(project / "site") == before


def test_a_warm_body_change_plans_only_the_pages_that_show_the_article(project: Path) -> None:
    cache = BuildCache.for_project(project)
    first = build(load_config(project), cache=cache)
    assert first.planned == first.pages
    _replace("content/solo.md", "Some text about Solo.", "Another text.")(project)
    result = build(load_config(project), cache=cache, in_place=True)
    assert (result.parsed, result.planned, result.rendered) == (1, 7, 7)


def test_a_body_edit_that_keeps_the_cards_renders_only_the_article_page(
    project: Path, tmp_path: Path
) -> None:
    """Listings show cards (no body): adding a paragraph after the summary changes none."""
    cache = BuildCache.for_project(project)
    assert_exact(project, tmp_path, cache, in_place=True)
    solo = project / "content" / "solo.md"
    solo.write_text(solo.read_text(encoding="utf-8") + "\nOne more paragraph.\n", "utf-8")
    watched = WatchedChanges(changed=frozenset({str(solo)}))
    result = assert_exact(project, tmp_path, cache, in_place=True, watched=watched)
    assert (result.parsed, result.planned, result.rendered) == (1, 1, 1)


def test_after_a_failed_build_the_next_one_looks_at_every_page(
    project: Path, tmp_path: Path
) -> None:
    """A plan whose pages were never written is no base for naming only the pages it changed:
    an article edited in a build that failed is rendered by the next one, though unchanged."""
    boom = "{% if 'BOOM' in article.body %}{{ article.title.fails() }}{% endif %}</article>"
    _override_template("article.html", "</article>", boom)(project)
    cache = BuildCache.for_project(project)
    assert_exact(project, tmp_path, cache, in_place=True)
    solo, beta = project / "content" / "solo.md", project / "content" / "beta.md"
    _replace("content/solo.md", "Some text about Solo.", "Another text.")(project)
    _replace("content/beta.md", "Some text about Beta.", "BOOM")(project)
    both = WatchedChanges(changed=frozenset({str(solo), str(beta)}))
    with pytest.raises(DigestError):
        build(load_config(project), cache=cache, in_place=True, watched=both)
    _replace("content/beta.md", "BOOM", "Beta again.")(project)
    watched = WatchedChanges(changed=frozenset({str(beta)}))
    assert_exact(project, tmp_path, cache, in_place=True, watched=watched)


def test_a_template_change_renders_its_pages_and_parses_nothing(project: Path) -> None:
    _override_template("story.html", "{%", "{# edited #}{%")(project)
    result = build(load_config(project))
    assert (result.parsed, result.rendered) == (0, 0)  # no stories on this site
    _override_template("partials/pager.html", "{%", "{# edited #}{%")(project)
    result = build(load_config(project))
    assert result.parsed == 0
    assert 0 < result.rendered < result.pages


def test_a_deleted_article_loses_its_pages_and_an_empty_topic_disappears(
    project: Path,
) -> None:
    assert (project / "site/topics/lonely-topic/index.html").is_file()
    (project / "content/solo.md").unlink()
    build(load_config(project))
    assert not (project / "site/2023/12/24/solo/index.html").exists()
    assert not (project / "site/topics/lonely-topic").exists()
    assert not (project / "site/actors/lonely-actor").exists()


def test_a_page_edited_by_hand_in_the_output_is_rendered_again(project: Path) -> None:
    page = project / "site/2023/12/24/solo/index.html"
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")
    result = build(load_config(project))
    assert result.rendered == 1
    assert page.read_bytes() == original


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],
        lambda data: data[:40] + b"x" * 20 + data[60:],
        lambda data: b"not a cache file at all" * 10,
        lambda data: b"",
    ],
    ids=["truncated", "garbled", "foreign", "empty"],
)
def test_a_damaged_cache_is_ignored_with_a_warning(
    project: Path, tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    cache = project / CACHE_DIR
    assert stored_keys(project) and len(stored_keys(project)) == len(ARTICLES)
    for path in [cache / ARTICLE_STORE, cache / PAGES]:
        path.write_bytes(damage(path.read_bytes()))
    _replace("content/beta.md", "Some text about Beta.", "Changed.")(project)
    result = assert_exact(project, tmp_path)
    notes = [p for p in result.problems if "build cache file ignored" in p.message]
    assert notes == list(result.problems)
    assert {p.path for p in notes} <= {f"{CACHE_DIR}/{ARTICLE_STORE}", f"{CACHE_DIR}/{PAGES}"}
    assert f"{CACHE_DIR}/{PAGES}" in {p.path for p in notes}
    assert all(not p.is_error for p in notes)
    assert result.rendered == result.pages
    again = built_again(project)
    assert (again.problems, again.parsed, again.rendered) == ((), 0, 0)
    assert len(stored_keys(project)) == len(ARTICLES)


def test_a_damaged_entry_is_parsed_again_with_a_warning(project: Path, tmp_path: Path) -> None:
    with closing(sqlite3.connect(project / CACHE_DIR / ARTICLE_STORE)) as connection, connection:
        connection.execute("UPDATE entries SET payload = substr(payload, 1, 100)")
    result = assert_exact(project, tmp_path)
    assert result.parsed == len(ARTICLES)
    assert [p.message.split(" entry ")[0] for p in result.problems] == [
        "build cache file ignored:"
    ] * len(ARTICLES)
    assert all(p.message.endswith("damaged (checksum differs)") for p in result.problems)
    again = built_again(project)
    assert (again.problems, again.parsed, again.rendered) == ((), 0, 0)


def built_again(project: Path) -> BuildResult:
    """A build without the record of the last one, so that the cache is read (an unchanged
    project would only be checked against the record)."""
    (project / CACHE_DIR / LAST_BUILD).unlink()
    return build(load_config(project))


def stored_keys(project: Path) -> list[bytes]:
    """The keys of the article entries in the project's cache."""
    with closing(sqlite3.connect(project / CACHE_DIR / ARTICLE_STORE)) as connection:
        return [key for (key,) in connection.execute("SELECT key FROM entries")]


def test_a_cache_of_another_version_is_ignored(project: Path, tmp_path: Path) -> None:
    index = project / CACHE_DIR / PAGES
    data = index.read_bytes()
    index.write_bytes(
        FORMAT + bytes(len(program_digest())) + data[len(FORMAT) + len(program_digest()) :]
    )
    result = assert_exact(project, tmp_path)
    assert [p.message for p in result.problems] == [
        "build cache file ignored: written by another version of digest"
    ]


def test_clean_ignores_and_rewrites_the_cache(project: Path, tmp_path: Path) -> None:
    with closing(sqlite3.connect(project / CACHE_DIR / ARTICLE_STORE)) as connection, connection:
        connection.execute("INSERT INTO entries VALUES (x'00', x'00', x'00')")
    older = project / CACHE_DIR / "articles" / "stale.pickle"  # the layout of older versions
    older.parent.mkdir()
    older.write_bytes(b"junk")
    result = run("build", project, "--clean", "-q")
    assert result.exit_code == 0, result.output
    assert not older.parent.exists()
    assert len(stored_keys(project)) == len(ARTICLES)
    again = built_again(project)
    assert (again.parsed, again.rendered) == (0, 0)
    assert tree(project / "site") == clean_tree(project, tmp_path)


def test_the_cache_folder_ignores_itself_for_git(project: Path) -> None:
    assert (project / CACHE_DIR / ".gitignore").read_text() == "*\n"


def test_files_are_copied_when_hard_links_fail(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no hard links here")

    monkeypatch.setattr(os, "link", refuse)
    before = mtimes(project / "site")
    _replace("content/beta.md", "Some text about Beta.", "Changed.")(project)
    assert_exact(project, tmp_path)
    after = mtimes(project / "site")
    assert after["404.html"] == before["404.html"]


def test_with_a_watcher_only_the_files_it_names_are_looked_at(project: Path) -> None:
    """The watcher's word is taken: a file it did not name is not read, even if it changed."""
    cache = BuildCache.for_project(project)
    build(load_config(project), cache=cache, in_place=True)
    content = project / "content"
    _replace("content/beta.md", "Some text about Beta.", "Unseen.")(project)
    _replace("content/gamma.md", "Some text about Gamma.", "Seen.")(project)
    write_files(project, {"content/.drafts/hidden.md": article_md("Hidden", "2024-03-03")})
    write_files(project, {"content/new.md": article_md("New", "2024-03-03")})
    (content / "delta.md").unlink()
    watched = WatchedChanges(
        changed=frozenset(
            str(content / name) for name in ("gamma.md", "new.md", ".drafts/hidden.md")
        ),
        removed=frozenset({str(content / "delta.md")}),
    )
    result = build(load_config(project), cache=cache, in_place=True, watched=watched)
    assert (result.read, result.articles) == (2, len(ARTICLES))  # gamma and new; delta gone
    site = project / "site"
    assert "Seen." in (site / "2024/03/02/gamma/index.html").read_text(encoding="utf-8")
    assert "Unseen." not in (site / "2024/03/01/beta/index.html").read_text(encoding="utf-8")
    assert not (site / "2024/04/05/delta").exists()


def test_after_another_build_replaced_the_output_the_preview_looks_again(
    project: Path, tmp_path: Path
) -> None:
    """`digest build --drafts` run beside `digest serve` swaps its own site in: the preview's
    next build must not take the output for the one it wrote."""
    cache = BuildCache.for_project(project)
    assert_exact(project, tmp_path, cache, in_place=True)
    draft = "---\ntitle: Draft\ndate: 2024-03-05\ndraft: true\n---\n\nA draft.\n"
    write_files(project, {"content/draft.md": draft})
    assert build(load_config(project, {"drafts": True}), cache=BuildCache(None)).errors == ()
    assert (project / "site/2024/03/05/draft/index.html").is_file()
    watched = WatchedChanges(changed=frozenset({str(project / "content/draft.md")}))
    assert_exact(project, tmp_path, cache, in_place=True, watched=watched)


MULTILINGUAL_SCRIPT: list[tuple[str, Edit]] = [
    ("uk body", _replace("content/uk/2024-03-10-zhytomyr-shcherbukhy.md", "укриття", "сховища")),
    (
        "ru translation added",
        _write(
            "content/ru/2024-03-10-zhytomyr-shcherbukhy.md",
            "---\ntitle: Житомир и Щербухи открыли новые укрытия\ndate: 2024-03-10\n---\n"
            "В Житомире открыли новые укрытия.\n",
        ),
    ),
    ("translation key", _replace("content/2024-03-07-sweden-nato.md", "sweden-nato", "other")),
    ("en deleted", _delete("content/2024-02-28-belgium-aid.txt")),
    ("edition title", _replace("digest.toml", 'title = "Дайджест"', 'title = "Огляд"')),
]


@pytest.mark.parametrize("watching", [False, True], ids=["looking", "watched"])
def test_edits_of_a_multilingual_site_are_exact(tmp_path: Path, watching: bool) -> None:
    """Each edition, its translations and counterparts, as a clean build makes them."""
    root = Path(shutil.copytree(SITES / "multilingual", tmp_path / "multilingual"))
    cache = BuildCache.for_project(root)
    assert_exact(root, tmp_path, cache, in_place=True)
    for label, edit in MULTILINGUAL_SCRIPT:
        before = _content(root)
        edit(root)
        after = _content(root)
        watched = WatchedChanges(
            changed=frozenset(p for p in after if before.get(p) != after[p]),
            removed=frozenset(before.keys() - after.keys()),
        )
        is_content = label != "edition title"
        use = watched if watching and is_content else None
        assert_exact(root, tmp_path, cache, in_place=True, watched=use)


def test_an_unchanged_project_builds_in_a_glance_with_the_same_report(project: Path) -> None:
    """A new process (a new BuildCache on the same folder) finds nothing to do, and reports
    what the last build reported."""
    write_files(project, {"content/undated.md": "---\ntitle: Undated\n---\nNo date.\n"})
    first = build(load_config(project), cache=BuildCache(project / CACHE_DIR, settle_ns=1_000_000))
    assert first.problems  # the undated article's warning
    time.sleep(0.01)
    before = mtimes(project / "site")
    again = build(load_config(project), cache=BuildCache(project / CACHE_DIR, settle_ns=1_000_000))
    assert list(again.timings) == ["theme", "check"]
    assert (again.read, again.parsed, again.rendered, again.written) == (0, 0, 0, 0)
    assert (again.articles, again.pages, again.problems) == (
        first.articles,
        first.pages,
        first.problems,
    )
    assert mtimes(project / "site") == before


GLANCE = """
import sys
from pathlib import Path
from digest.build import build
from digest.cache import CACHE_DIR, BuildCache
from digest.config import load_config
root = Path(sys.argv[1])
result = build(load_config(root), cache=BuildCache(root / CACHE_DIR, settle_ns=1_000_000))
print(list(result.timings), sorted(name for name in ("numpy", "datasketch") if name in sys.modules))
"""


def test_a_build_with_nothing_to_do_does_not_load_numpy(project: Path) -> None:
    """numpy and datasketch (a tenth of a second to import; datasketch, a test extra, would be
    a mistake anywhere) serve no stage a build with nothing to do runs."""
    glance = subprocess.run(
        [sys.executable, "-c", GLANCE, str(project)], capture_output=True, text=True, check=True
    )
    assert glance.stdout.split("\n")[0] == "['theme', 'check'] []"


@pytest.mark.parametrize(
    "edit",
    [
        _replace("content/beta.md", "Some text about Beta.", "Changed."),
        _write("data/actors.toml", '[[actor]]\nname = "Beta Person"\nkind = "person"\n'),
        _override_template("article.html", "</article>", "<p>edited</p></article>"),
        _write("static/extra.txt", "new\n"),
        _replace("digest.toml", 'title = "Incremental"', 'title = "Renamed"'),
        lambda root: (root / "site" / "feed.xml").unlink(),
        lambda root: (root / "site" / "index.html").write_text("edited by hand", "utf-8"),
        lambda root: (root / "content" / "solo.md").unlink(),
    ],
    ids=["body", "data", "template", "static", "config", "output deleted", "output edited", "gone"],
)
def test_any_change_after_a_glance_is_built_exactly(
    project: Path, tmp_path: Path, edit: Edit
) -> None:
    """Nothing a build reads, and nothing of its output, can change unseen by the glance."""
    first = BuildCache(project / CACHE_DIR, settle_ns=1_000_000)
    assert_exact(project, tmp_path, first)
    time.sleep(0.01)
    edit(project)
    time.sleep(0.01)
    result = assert_exact(project, tmp_path, BuildCache(project / CACHE_DIR, settle_ns=1_000_000))
    assert "parse" in result.timings  # built, not glanced at
