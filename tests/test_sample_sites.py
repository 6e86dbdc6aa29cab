"""The named sample sites under tests/sites/: valid ones build cleanly, invalid ones report
exactly the problems listed in their `expected-problems.txt`, with the documented exit code."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SITES, run
from htmlcheck import html_errors, listed_articles, pages, tree


def copy_site(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITES / name, tmp_path / name))


def problem_lines(output: str) -> list[str]:
    """The first line of each problem, without hints and without the summary line."""
    return [
        line
        for line in output.splitlines()
        if line.startswith(("content/", "digest.toml")) and ": warning:" not in line
    ]


def expected(name: str) -> list[str]:
    return (SITES / name / "expected-problems.txt").read_text(encoding="utf-8").splitlines()


def test_all_formats_site(tmp_path: Path) -> None:
    root = copy_site("all-formats", tmp_path)
    result = run("build", root)
    assert result.exit_code == 0, result.output
    assert "8 articles" in result.output and "no problems" in result.output
    site = root / "site"
    assert [e for page in pages(site) for e in html_errors(page)] == []
    assert listed_articles(site / "topics/nato/index.html") == [
        "/news/2024/03/03/json-front-matter/",
        "/news/2024/03/01/yaml-front-matter/",
    ]
    assert listed_articles(site / "topics/politics/index.html") == [
        "/news/2024/03/08/topic-from-the-folder/"
    ]
    pelican = tree(site / "2024/03/04/pelican-header/index.html")
    assert pelican.find(".//time").get("datetime") == "2024-03-04T11:00:00+02:00"
    scraped = tree(site / "2024/03/06/scraped-article-title/index.html").text_content()
    assert "A caption for the photo" in scraped and "Jane Doe" in scraped
    assert "ua en ru" not in scraped


def test_broken_content_site(tmp_path: Path) -> None:
    root = copy_site("broken-content", tmp_path)
    result = run("build", root)
    assert result.exit_code == 1
    assert problem_lines(result.output) == expected("broken-content")
    assert (root / "site/2024/03/01/the-one-good-article/index.html").is_file()
    assert "1 article," in result.output


def test_broken_config_site(tmp_path: Path) -> None:
    root = copy_site("broken-config", tmp_path)
    result = run("build", root)
    assert result.exit_code == 2
    assert problem_lines(result.output) == expected("broken-config")
    assert not (root / "site").exists()
