"""Debian's Chromium for the browser tests: skipped without it, a failure when it is required.

Set DIGEST_REQUIRE_TOOLS=1 (as `.ci/run` does) to turn a missing browser into a failure.
A pytest plugin (see conftest.py) too: the `browser` and `sample_url` fixtures.
"""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE = "DIGEST_REQUIRE_TOOLS"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def need_chromium() -> None:
    """Skip the calling test module without Chromium and Playwright, unless they are required."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright is a test extra (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        missing.append("Debian's chromium is not installed (apt-get install chromium)")
    if not missing:
        return
    if os.environ.get(REQUIRE):
        raise RuntimeError(f"{REQUIRE} is set, but " + "; ".join(missing))
    pytest.skip("; ".join(missing), allow_module_level=True)


SUB_PATH = "/repo/"
"""Where the sample site is served, as GitHub Pages serves a project site."""


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves a site folder at SUB_PATH; every other path is missing."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(SUB_PATH):
            return str(Path(self.directory) / "missing")
        return super().translate_path("/" + route[len(SUB_PATH) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served_folder(folder: Path) -> Iterator[str]:
    """Serve `folder` at SUB_PATH on a free port; yields the site's URL."""
    handler = functools.partial(SubPathHandler, directory=str(folder))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository's sample site (search on), built and served under SUB_PATH."""
    from conftest import REPO, build_project

    project = tmp_path_factory.mktemp("sample-served")
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "data", project / "data")
    shutil.copy(REPO / "digest.toml", project / "digest.toml")
    build_project(project, base_url=f"http://127.0.0.1{SUB_PATH}")
    with served_folder(project / "site") as url:
        yield url
