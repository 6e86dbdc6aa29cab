"""`digest check`: links, images, anchors and feeds of a built site, under its base path."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest
from conftest import REPO, article_md, build_project, run, write_files

from digest.output.check import (
    check_external,
    check_site,
    check_url,
    hosts_first_seen,
    parse_page,
    srcset_urls,
)


def sample_project(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "digest.toml", root / "digest.toml")
    return root


@pytest.mark.parametrize("base_url", ["/repo/", "https://example.org/news/", "/"])
def test_the_sample_site_checks_clean(tmp_path: Path, base_url: str) -> None:
    project = sample_project(tmp_path / "sample")
    build_project(project, base_url=base_url)
    result = run("check", project, "--base-url", base_url)
    assert result.exit_code == 0, result.output
    [summary] = result.output.splitlines()
    assert summary.startswith("checked ")
    assert summary.endswith(": all resolve")


def test_the_project_base_url_and_output_are_the_defaults(tmp_path: Path) -> None:
    project = write_files(
        tmp_path / "p",
        {
            "digest.toml": 'base_url = "/repo/"\noutput = "public"\n',
            "content/a.md": article_md("Alpha", "2024-03-01", "[NATO]"),
        },
    )
    build_project(project)
    assert run("check", project).exit_code == 0
    # the same files served at the root: every link now points outside the base path
    wrong = run("check", project, "--base-url", "/other/")
    assert wrong.exit_code == 1
    assert "outside the base path /other/" in wrong.output


BROKEN_PAGE = """\
<!doctype html>
<html lang="en"><head><title>Broken</title>
<link rel="stylesheet" href="/repo/assets/missing.css">
<link rel="preconnect" href="https://fonts.example.net">
</head><body>
<h2 id="here">Here</h2>
<a href="#here">fine</a> <a href="#top">fine</a> <a href="">fine</a>
<a href="mailto:desk@example.org">fine</a> <a href="https://example.com/x">external</a>
<a href="../topics/">fine</a> <a href="/repo/topics">fine (hosts add the slash)</a>
<a href="/repo/nope/">broken</a>
<img src="../img/missing.jpg" alt="">
<img src="/repo/assets/digest.css" srcset="/repo/a-1x.jpg 1x, /repo/assets/digest.css 2x" alt="">
<a href="/repo/topics/#nowhere">bad anchor</a>
<a href="../../outside.html">escapes the base path</a>
<a href="/elsewhere/">escapes the base path</a>
</body></html>
"""


def broken_site(tmp_path: Path) -> Path:
    project = write_files(
        tmp_path / "p",
        {
            "digest.toml": 'base_url = "/repo/"\n',
            "content/a.md": article_md("Alpha", "2024-03-01", "[NATO]"),
        },
    )
    build_project(project)
    write_files(
        project / "site",
        {
            "extra/index.html": BROKEN_PAGE,
            "feed.xml": "<feed xmlns='http://www.w3.org/2005/Atom'><title>x</feed>",
            "sitemap.xml": (
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                "<url><loc>/repo/topics/</loc></url><url><loc>/repo/gone/</loc></url></urlset>"
            ),
        },
    )
    return project


def test_each_failure_is_reported_as_page_link_reason(tmp_path: Path) -> None:
    result = run("check", broken_site(tmp_path))
    assert result.exit_code == 1
    *lines, summary = result.output.splitlines()
    assert lines == [
        "extra/index.html: ../../outside.html: outside the base path /repo/",
        "extra/index.html: ../img/missing.jpg: not found",
        "extra/index.html: /elsewhere/: outside the base path /repo/",
        "extra/index.html: /repo/a-1x.jpg: not found",
        "extra/index.html: /repo/assets/missing.css: not found",
        "extra/index.html: /repo/nope/: not found",
        "extra/index.html: /repo/topics/#nowhere: "
        'no element with id "nowhere" on topics/index.html',
        "feed.xml: (XML): not well-formed XML: mismatched tag: line 1, column 52",
        "sitemap.xml: /repo/gone/: not found",
    ]
    assert summary.endswith("9 broken links")
    assert "(1 external not visited)" in summary


def test_a_missing_site_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", tmp_path, "--output", tmp_path / "nothing")
    assert result.exit_code == 2
    assert "no built site here" in result.output


def test_external_links_are_collected_not_visited(tmp_path: Path) -> None:
    report = check_site(broken_site(tmp_path) / "site", "/repo/")
    assert dict(report.external) == {"https://example.com/x": ("extra/index.html",)}


def test_parse_page_finds_ids_names_and_every_reference() -> None:
    page = parse_page(
        '<a name="old"></a><p id="new"><link rel="dns-prefetch" href="//cdn.example">'
        '<link rel="alternate" href="feed.xml"><picture><source srcset="a.webp 1x, b.webp 2x">'
        '<img src="a.jpg"></picture><video poster="p.jpg" src="v.mp4"></video>'
    )
    assert page.ids == {"old", "new"}
    assert page.references == ("feed.xml", "a.webp", "b.webp", "a.jpg", "v.mp4", "p.jpg")


def test_srcset_urls() -> None:
    assert srcset_urls("a.jpg, b.jpg 2x,c.jpg 300w") == ["a.jpg", "b.jpg", "c.jpg"]
    assert srcset_urls("") == []


# External links: the pure parts, with a fake fetch (the tests never touch the network).


def test_head_then_get_when_head_is_refused() -> None:
    calls: list[tuple[str, str]] = []

    def fetch(method: str, url: str) -> int:
        calls.append((method, url))
        return 405 if method == "HEAD" else 200

    assert check_url("https://a.example/", fetch) is None
    assert calls == [("HEAD", "https://a.example/"), ("GET", "https://a.example/")]
    assert check_url("https://a.example/", lambda method, url: 404) == "HTTP 404"


def test_an_unreachable_host_is_a_failure() -> None:
    def fetch(method: str, url: str) -> int:
        raise TimeoutError("timed out")

    assert check_url("https://slow.example/", fetch) == "unreachable: timed out"


def test_check_external_is_polite_to_each_host() -> None:
    external = {
        f"https://{host}.example/{n}": (f"page-{n}.html",) for host in ("a", "b") for n in range(6)
    }
    lock = threading.Lock()
    active: dict[str, int] = {}
    most: dict[str, int] = {}
    seen: list[str] = []

    def fetch(method: str, url: str) -> int:
        host = url.split("/")[2]
        with lock:
            seen.append(url)
            active[host] = active.get(host, 0) + 1
            most[host] = max(most.get(host, 0), active[host])
        time.sleep(0.02)
        with lock:
            active[host] -= 1
        return 404 if url.endswith("/3") else 200

    failures = check_external(external, fetch, workers=4, per_host=2)
    assert sorted(seen) == sorted(external)
    assert max(most.values()) <= 2
    assert [str(f) for f in failures] == [
        "page-3.html: https://a.example/3: HTTP 404",
        "page-3.html: https://b.example/3: HTTP 404",
    ]


def test_hosts_are_grouped_in_first_seen_order() -> None:
    groups = hosts_first_seen(["https://B.example/1", "https://a.example/", "https://b.example/2"])
    assert list(groups) == ["b.example", "a.example"]
    assert groups["b.example"] == ["https://B.example/1", "https://b.example/2"]
