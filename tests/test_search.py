"""Search: the [search] setting, the Pagefind index of the staged site, the search page."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import REPO, article_md, build_project, run

from digest.config import load_config
from digest.errors import DigestError
from digest.output.search import SEARCH_FOLDER, index_site, pagefind_binary
from digest.serve.builder import PreviewBuilder

PAGEFIND_MISSING = "the Pagefind binary is not installed (pip install 'pagefind[bin]')"
if pagefind_binary() is None and os.environ.get("DIGEST_REQUIRE_TOOLS"):
    raise RuntimeError(f"DIGEST_REQUIRE_TOOLS is set, but {PAGEFIND_MISSING}")
needs_pagefind = pytest.mark.skipif(pagefind_binary() is None, reason=PAGEFIND_MISSING)
SEARCH_ON = {"search": {"enabled": True}}


def sample_project(root: Path) -> Path:
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "digest.toml", root / "digest.toml")
    return root


def fragments(bundle: Path) -> list[dict]:
    """Pagefind's per-page records (gzip, a signature, then JSON): url, filters, meta."""
    records = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        records.append(json.loads(data[data.index(b"{") :]))
    return records


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def stable(files: dict[str, bytes]) -> dict[str, bytes]:
    """All but the parts of a Pagefind bundle that Pagefind writes in a varying order.

    Pagefind 1.5 orders the values inside its filter chunks differently from run to run, and
    the chunks' names are their hashes, so the filter chunks, the metadata file that names them
    and the entry file that names that differ. Pages, fragments and word index do not.
    """
    varying = ("filter/", "pagefind-entry.json")
    return {
        name: data
        for name, data in files.items()
        if not name.removeprefix(f"{SEARCH_FOLDER}/").startswith(varying)
        and not name.endswith(".pf_meta")
    }


def test_search_section_is_closed_and_typed(make_site) -> None:
    root = make_site({}, config='title = "x"\n\n[search]\nenabled = "yes"\nlimit = 3\n')
    with pytest.raises(DigestError) as caught:
        load_config(root)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (4, "`search.enabled` must be true or false, not 'yes'"),
        (5, "unknown key `search.limit`"),
    ]


def test_search_is_off_by_default(make_site) -> None:
    assert load_config(make_site({}, config="")).search.enabled is False
    root = make_site({}, config="[search]\nenabled = true\n")
    assert load_config(root).search.enabled is True


def test_a_build_without_search_needs_no_binary(make_site, monkeypatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")
    root = make_site({"content/a.md": article_md("Alpha", "2024-03-01")}, config="")
    build_project(root)
    site = root / "site"
    assert not (site / SEARCH_FOLDER).exists()
    assert not (site / "search").exists()
    assert "/search/" not in (site / "index.html").read_text()


def test_a_missing_binary_is_a_clear_error_and_writes_nothing(make_site, monkeypatch) -> None:
    root = make_site({"content/a.md": article_md("Alpha", "2024-03-01")}, config="")
    build_project(root)
    before = tree(root / "site")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/nonexistent/pagefind")
    with pytest.raises(DigestError) as caught:
        build_project(root, **SEARCH_ON)
    [problem] = caught.value.problems
    assert "Pagefind is not installed" in problem.message
    assert "pagefind[bin]" in problem.hint
    assert tree(root / "site") == before


def test_a_failed_index_leaves_the_previous_site(make_site, monkeypatch, tmp_path) -> None:
    root = make_site({"content/a.md": article_md("Alpha", "2024-03-01")}, config="")
    build_project(root)
    before = tree(root / "site")
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: the index is on fire' >&2\nexit 3\n")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    with pytest.raises(DigestError) as caught:
        build_project(root, **SEARCH_ON)
    [problem] = caught.value.problems
    assert "exit 3" in problem.message
    assert "the index is on fire" in problem.hint
    assert tree(root / "site") == before
    assert sorted(p.name for p in root.iterdir()) == [
        ".digest-cache",
        "content",
        "digest.toml",
        "site",
    ]


@needs_pagefind
def test_sample_site_is_indexed_before_the_swap(tmp_path: Path) -> None:
    project = sample_project(tmp_path / "sample")
    result = build_project(project, base_url="/repo/", **SEARCH_ON)
    site = project / "site"
    bundle = site / SEARCH_FOLDER
    assert (bundle / "pagefind.js").is_file()
    assert list((bundle / "index").glob("*.pf_index"))
    assert list((bundle / "filter").glob("*.pf_filter"))
    assert "search" in result.timings
    records = fragments(bundle)
    articles = {
        language: list((site / prefix).glob("2024/*/*/*/index.html"))
        for language, prefix in (("en", ""), ("uk", "uk"), ("ru", "ru"))
    }
    assert len(records) == sum(map(len, articles.values())) == result.articles
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    indexed = {code: index["page_count"] for code, index in entry["languages"].items()}
    assert indexed == {code: len(pages) for code, pages in articles.items()}  # one per edition
    navalny = next(r for r in records if r["url"].endswith("-navalnys-funeral-in-moscow/"))
    assert navalny["meta"]["date"] == "2024-03-01"
    assert navalny["meta"]["title"].startswith("Thousands attend Alexei Navalny")
    assert "Elections" in navalny["filters"]["topic"]
    assert "Alexei Navalny" in navalny["filters"]["actor"]
    # only the article itself is indexed: not its footer, related articles or the site chrome
    assert "Who is involved" not in navalny["content"]
    assert "Built with" not in navalny["content"]


@needs_pagefind
def test_search_page_and_header_link(tmp_path: Path) -> None:
    project = sample_project(tmp_path / "sample")
    build_project(project, base_url="/repo/", **SEARCH_ON)
    page = (project / "site/search/index.html").read_text()
    assert 'data-bundle="/repo/pagefind/"' in page
    assert 'data-base="/repo/"' in page
    assert 'src="/repo/assets/search.js"' in page
    assert 'role="status"' in page
    home = (project / "site/index.html").read_text()
    assert '<a href="/repo/search/"' in home
    checked = run("check", project, "--base-url", "/repo/")
    assert checked.exit_code == 0, checked.output


@needs_pagefind
def test_index_site_works_on_an_existing_folder_and_is_idempotent(tmp_path: Path) -> None:
    project = sample_project(tmp_path / "sample")
    build_project(project)
    site = project / "site"
    first = index_site(site)
    files = tree(site / SEARCH_FOLDER)
    second = index_site(site)
    assert first.pages == second.pages == len(fragments(site / SEARCH_FOLDER)) > 0
    assert stable(tree(site / SEARCH_FOLDER)) == stable(files)
    assert len(tree(site / SEARCH_FOLDER)) == len(files)
    assert not [p for p in site.iterdir() if p.name.startswith(".pagefind")]


@needs_pagefind
def test_two_builds_with_search_are_identical_but_for_filter_order(tmp_path: Path) -> None:
    project = sample_project(tmp_path / "sample")
    build_project(project, **SEARCH_ON)
    first = tree(project / "site")
    build_project(project, **SEARCH_ON)
    again = tree(project / "site")
    assert stable(again) == stable(first)
    assert len(again) == len(first)


@needs_pagefind
def test_the_preview_indexes_after_the_build(make_site) -> None:
    root = make_site(
        {"content/a.md": article_md("Alpha", "2024-03-01")}, config="[search]\nenabled = true\n"
    )
    builder = PreviewBuilder()
    result = builder(load_config(root), None)
    assert not result.errors
    assert not (root / "site" / SEARCH_FOLDER).exists()  # the reload is not kept waiting
    assert builder.settle() == ()
    assert (root / "site" / SEARCH_FOLDER / "pagefind.js").is_file()
    assert builder.settle() == ()  # nothing left to index
