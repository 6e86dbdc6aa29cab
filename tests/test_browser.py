"""The built site in real headless Chromium: navigation without JavaScript, under a sub-path."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS, need_chromium
from conftest import REPO, build_project

SUB_PATH = "/repo/"
need_chromium()
playwright_api = pytest.importorskip("playwright.sync_api")


class SubPathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder at /repo/, as GitHub Pages serves a project site."""

    def translate_path(self, path: str) -> str:
        route = urlsplit(path).path
        if not route.startswith(SUB_PATH):
            return str(Path(self.directory) / "missing")
        return super().translate_path("/" + route[len(SUB_PATH) :])

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = tmp_path_factory.mktemp("browser")
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "digest.toml", project / "digest.toml")
    build_project(project, base_url=f"http://127.0.0.1{SUB_PATH}")
    handler = functools.partial(SubPathHandler, directory=str(project / "site"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}{SUB_PATH}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_navigation_works_without_javascript(server: str, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(server)
    assert page.locator("h1").count() == 1

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics").click()
    assert page.url == server + "topics/"
    page.locator("main").get_by_role("link", name="NATO").first.click()
    assert page.url == server + "topics/nato/"
    assert page.locator("h1").inner_text() == "NATO"

    page.locator("main article a").first.click()
    assert page.locator("main time").first.get_attribute("datetime")
    title = page.locator("h1").inner_text()
    assert page.title().startswith(title)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Archive").click()
    page.locator("main").get_by_role("link", name="28 February 2024").first.click()
    assert page.url == server + "2024/02/28/"
    page.locator("main").get_by_role("link", name="Belgium pledges continued aid").first.click()
    assert "Daria Shekina" in page.locator("main").inner_text()

    page.goto(server + "no/such/page/")
    assert hosts == {urlsplit(server).netloc}
    context.close()


def test_404_page_works_at_any_depth(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server + "404.html")
    stylesheet = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert stylesheet
    home = page.get_by_role("link", name=page.locator("header a").first.inner_text()).first
    assert home.get_attribute("href") == SUB_PATH
    page.close()


def test_skip_link_is_first_and_focus_is_visible(server: str, browser) -> None:
    page = browser.new_page()
    page.goto(server)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#digest-main"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.close()


def test_light_and_dark_schemes(server: str, browser) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(server)
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
    assert colours["light"] != colours["dark"]


def test_readable_on_a_phone(server: str, browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    page.goto(server)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    context.close()
