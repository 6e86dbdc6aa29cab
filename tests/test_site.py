"""End to end: content/ → site/, checked with real HTML parsers."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from conftest import REPO, article_md, build_project, run, write_files
from htmlcheck import html_errors, internal_urls, listed_articles, pages, resolve, tree

from digest.render.pages import pager_window

BASE = "https://user.github.io/repo/"


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample content, built under a GitHub project-pages sub-path."""
    project = tmp_path_factory.mktemp("sample")
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "digest.toml", project / "digest.toml")
    result = build_project(project, base_url=BASE)
    assert result.errors == ()
    return project / "site"


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_every_page_is_valid_html5(sample_site: Path) -> None:
    errors = [error for page in pages(sample_site) for error in html_errors(page)]
    assert errors == []


def test_every_internal_link_resolves_under_the_sub_path(sample_site: Path) -> None:
    broken = [
        f"{page.relative_to(sample_site)} → {url}"
        for page in pages(sample_site)
        for url in internal_urls(page)
        if resolve(sample_site, "/repo/", url) is None
    ]
    assert broken == []


def test_every_page_has_one_h1_and_a_canonical_link(sample_site: Path) -> None:
    for page in pages(sample_site):
        document = tree(page)
        assert len(document.findall(".//h1")) == 1, page
        canonical = document.find(".//link[@rel='canonical']")
        assert canonical is not None and canonical.get("href", "").startswith(BASE), page


def test_site_has_the_expected_pages(sample_site: Path) -> None:
    for path in (
        "index.html",
        "404.html",
        ".nojekyll",
        "topics/index.html",
        "topics/nato/index.html",
        "topics/politics/index.html",
        "actors/index.html",
        "actors/ukraine/index.html",
        "archive/index.html",
        "2024/index.html",
        "2024/02/index.html",
        "2024/02/28/index.html",
    ):
        assert (sample_site / path).is_file(), path


def test_seed_article_page(sample_site: Path) -> None:
    [page] = sample_site.glob("2024/02/28/belgium-pledges-*/index.html")
    document = tree(page)
    assert document.findtext(".//h1").strip().startswith("Belgium pledges continued aid")
    time = document.find(".//main//time")
    assert time is not None and time.get("datetime", "").startswith("2024-02-28")
    text = document.text_content()
    assert "Daria Shekina" in text
    assert "Ludivine Dedonder" in text and "Getty Images" in text


def test_listings_are_exact(make_site) -> None:
    root = make_site(
        {
            "content/a.md": article_md("Alpha", "2024-03-01", "[NATO]", "[Ukraine, NATO]"),
            "content/b.md": article_md("Beta", "2024-03-02", "[NATO, EU]", "[Ukraine]"),
            "content/c.md": article_md("Gamma", "2024-03-03", "[EU]", "[Germany]"),
            "content/d.md": article_md("Delta", "2024-03-03T12:00:00Z", "[]", "[Germany, NATO]"),
        },
        config='base_url = "/sub/"\n',
    )
    assert build_project(root).errors == ()
    site = root / "site"
    a, b, c, d = (
        "/sub/2024/03/01/alpha/",
        "/sub/2024/03/02/beta/",
        "/sub/2024/03/03/gamma/",
        ("/sub/2024/03/03/delta/"),
    )
    assert listed_articles(site / "topics/nato/index.html") == [b, a]
    assert listed_articles(site / "topics/eu/index.html") == [c, b]
    assert listed_articles(site / "actors/ukraine/index.html") == [b, a]
    assert listed_articles(site / "actors/germany/index.html") == [d, c]
    assert listed_articles(site / "actors/nato/index.html") == [d, a]
    assert set(listed_articles(site / "2024/03/03/index.html")) == {c, d}
    assert not (site / "topics/ukraine").exists()


def nato_site(make_site, count: int, per_page: int) -> Path:
    """A built site of `count` articles on NATO, one a day from 1 March 2024; its output."""
    files = {
        f"content/a{n}.md": article_md(f"Story {n}", f"2024-03-{n:02}", "[NATO]")
        for n in range(1, count + 1)
    }
    root = make_site(files, config=f"per_page = {per_page}\n")
    build_project(root)
    return root / "site"


def test_pagination(make_site) -> None:
    site = nato_site(make_site, 5, per_page=2)
    seen = [
        listed_articles(site / "topics/nato" / p / "index.html") for p in ("", "page/2", "page/3")
    ]
    assert [len(s) for s in seen] == [2, 2, 1]
    assert [url for page in seen for url in page] == [
        f"/2024/03/{n:02}/story-{n}/" for n in range(5, 0, -1)
    ]
    assert not (site / "topics/nato/page/4").exists()
    assert (site / "page/3/index.html").is_file() and not (site / "page/4").exists()


def test_a_long_list_has_a_short_pager_that_leads_everywhere(make_site) -> None:
    site = nato_site(make_site, 20, per_page=1)
    topic = site / "topics/nato"
    pager = "//nav[@class='pager']//li"
    page_10 = tree(topic / "page/10/index.html")
    assert ["".join(li.itertext()).replace("Page ", "").strip() for li in page_10.xpath(pager)] == [
        "← Previous page", "1", "…", "8", "9", "10", "11", "12", "…", "20", "Next page →"
    ]  # fmt: skip
    assert page_10.xpath(f"{pager}/a[@aria-current='page']/@href") == ["/topics/nato/page/10/"]
    # every page is reached from the first by following pager links
    seen, todo = set(), ["/topics/nato/"]
    while todo:
        url = todo.pop()
        if url not in seen:
            seen.add(url)
            found = resolve(site, "/", url)
            assert found is not None, url
            todo += tree(found).xpath(f"{pager}/a/@href")
    assert seen == {"/topics/nato/", *(f"/topics/nato/page/{n}/" for n in range(2, 21))}


def test_two_builds_are_byte_identical_whatever_the_file_order(make_site, tmp_path: Path) -> None:
    names = [f"content/{topic}/2024-03-0{n}-story.md" for n in range(1, 4) for topic in ("x", "y")]
    files = {
        name: article_md(f"Story {i}", "2024-03-01", "[NATO, EU]", "[Ukraine]")
        for i, name in enumerate(names)
    }
    first = make_site(files)
    build_project(first)
    other = write_files(tmp_path / "other", dict(reversed(files.items())))
    build_project(other)
    assert snapshot(first / "site") == snapshot(other / "site")
    build_project(first)
    assert snapshot(first / "site") == snapshot(other / "site")


def test_slug_clash_gets_distinct_urls_and_a_warning(make_site) -> None:
    root = make_site(
        {
            "content/a.md": article_md("Same title", "2024-03-01"),
            "content/b.md": article_md("Same title", "2024-03-01"),
        }
    )
    result = build_project(root)
    assert (root / "site/2024/03/01/same-title/index.html").is_file()
    assert (root / "site/2024/03/01/same-title-2/index.html").is_file()
    [warning] = result.problems
    assert warning.path == "content/b.md" and not warning.is_error
    assert "content/a.md" in warning.message


def test_drafts_only_with_the_flag(make_site) -> None:
    draft = "---\ntitle: Secret\ndate: 2024-03-01\ndraft: true\n---\nNot yet.\n"
    root = make_site({"content/a.md": article_md("Public", "2024-03-01"), "content/d.md": draft})
    assert build_project(root).articles == 1
    assert not (root / "site/2024/03/01/secret").exists()
    assert build_project(root, drafts=True).articles == 2
    assert (root / "site/2024/03/01/secret/index.html").is_file()


def test_folder_topics(make_site) -> None:
    root = make_site(
        {
            "content/world-news/a.md": article_md("A", "2024-03-01"),
            "content/world-news/b.md": article_md("B", "2024-03-01", "[Diplomacy]"),
            "content/2024/c.md": article_md("C", "2024-03-01"),
        }
    )
    build_project(root)
    assert listed_articles(root / "site/topics/world-news/index.html") == ["/2024/03/01/a/"]
    assert not (root / "site/topics/2024").exists()
    root.joinpath("digest.toml").write_text("topics_from_folders = false\n")
    build_project(root)
    assert not (root / "site/topics/world-news").exists()


def test_site_static_and_templates_override_the_theme(make_site) -> None:
    root = make_site(
        {
            "content/a.md": article_md("A", "2024-03-01"),
            "static/assets/digest.css": "body { color: red }\n",
            "static/CNAME": "news.example.org\n",
            "templates/404.html": (
                '{% extends "default:404.html" %}{% block content %}<h1>Lost</h1>{% endblock %}'
            ),
        }
    )
    build_project(root)
    site = root / "site"
    assert (site / "assets/digest.css").read_text() == "body { color: red }\n"
    assert (site / "CNAME").read_text() == "news.example.org\n"
    assert tree(site / "404.html").findtext(".//h1") == "Lost"
    assert tree(site / "404.html").find(".//header") is not None


def test_failed_build_leaves_the_old_site_untouched(make_site) -> None:
    root = make_site({"content/a.md": article_md("A", "2024-03-01")})
    assert run("build", root).exit_code == 0
    before = snapshot(root / "site")
    write_files(root, {"templates/article.html": "{% block content %}{{ article.title }\n"})
    result = run("build", root)
    assert result.exit_code == 2
    assert "templates/article.html:1" in result.output
    assert snapshot(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_a_page_failing_while_others_are_written_leaves_the_old_site_untouched(
    make_site,
) -> None:
    """Pages are written into the staging folder as they are rendered: a later page failing
    must still leave the old site as it was, and no staging folder behind."""
    root = make_site({f"content/{n}.md": article_md(n, "2024-03-01") for n in "ABCDEF"})
    assert run("build", root).exit_code == 0
    before = snapshot(root / "site")
    write_files(
        root,
        {
            "content/F.md": article_md("F", "2024-03-01", body="Changed."),
            "templates/article.html": (
                '{% extends "default:article.html" %}{% block content %}'
                '{% if article.title == "F" %}{{ article.title.missing() }}{% endif %}'
                "{{ super() }}{% endblock %}"
            ),
        },
    )
    result = run("build", root)
    assert result.exit_code == 2, result.output
    assert "templates/article.html" in result.output
    assert snapshot(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


def test_bad_article_is_reported_and_the_rest_still_build(make_site) -> None:
    root = make_site(
        {
            "content/good.md": article_md("Good", "2024-03-01"),
            "content/bad.md": "---\ntitle: Bad\ndate: [2024\n---\nBody\n",
        }
    )
    result = run("build", root)
    assert result.exit_code == 1
    assert "content/bad.md:3:12: invalid YAML" in result.output
    assert (root / "site/2024/03/01/good/index.html").is_file()


def test_config_error_exits_2_and_writes_nothing(make_site) -> None:
    root = make_site({"content/a.md": article_md("A", "2024-03-01")}, config="titel = 'x'\n")
    result = run("build", root)
    assert result.exit_code == 2
    assert "digest.toml:1: unknown key `titel`" in result.output
    assert "did you mean `title`" in result.output
    assert not (root / "site").exists()


def test_refuses_to_replace_a_folder_it_did_not_build(make_site) -> None:
    root = make_site({"content/a.md": article_md("A", "2024-03-01"), "docs/notes.txt": "mine\n"})
    result = run("build", root, "--output", root / "docs")
    assert result.exit_code == 2
    assert (root / "docs/notes.txt").read_text() == "mine\n"


def test_warnings_keep_exit_code_0(make_site) -> None:
    root = make_site(
        {
            "content/a.md": article_md("A", "2024-03-01"),
            "content/legacy.md": "# Café\n\nCrème brûlée.\n".encode("cp1252"),
            "content/empty.md": "",
            "content/image.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00",
        }
    )
    result = run("build", root)
    assert result.exit_code == 0, result.output
    assert "content/legacy.md: warning: not valid UTF-8; read as cp1252" in result.output
    assert "content/empty.md: warning: empty file skipped" in result.output
    assert "content/image.md: warning: binary file skipped" in result.output


def test_crlf_and_bom(make_site) -> None:
    text = "\ufeff---\r\ntitle: Windows\r\ndate: 2024-03-01\r\n---\r\nLine one\r\n\r\nLine two\r\n"
    root = make_site({"content/w.md": text.encode("utf-8")})
    result = build_project(root)
    assert result.problems == ()
    page = root / "site/2024/03/01/windows/index.html"
    assert "\r" not in page.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("number", "count", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, 3, None, 10]),
        (4, 10, [1, 2, 3, 4, 5, 6, None, 10]),
        (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 10]),
        (6, 10, [1, None, 4, 5, 6, 7, 8, 9, 10]),
        (10, 10, [1, None, 8, 9, 10]),
        (500, 1000, [1, None, 498, 499, 500, 501, 502, None, 1000]),
    ],
)
def test_a_pager_links_the_ends_and_the_pages_near_this_one(
    number: int, count: int, expected: list[int | None]
) -> None:
    assert pager_window(number, count) == expected
