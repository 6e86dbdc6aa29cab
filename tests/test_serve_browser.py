"""`digest serve` in real headless Chromium: edits reload the page, problems show over it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import need_chromium
from conftest import article_md, write_files

from digest.serve.builder import PreviewBuilder
from digest.serve.server import PreviewServer

need_chromium()
playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

BASE = "/repo/"
ARTICLE = BASE + "2024/03/01/hello/"
WAIT_MS = 10_000
LONG_BODY = "\n\n".join(f"Paragraph {n} of a long article." for n in range(120))


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[PreviewServer, Path]]:
    root = write_files(
        tmp_path,
        {
            "content/hello.md": article_md("Hello", "2024-03-01", body="First words."),
            "digest.toml": f'title = "Preview"\nbase_url = "{BASE}"\n',
            "static/assets/digest.css": "body { background: rgb(1, 2, 3); }\n",
        },
    )
    with PreviewServer(root, PreviewBuilder(), port=0, quiet=0.05) as server:
        yield server, root


def open_page(browser, server: PreviewServer, path: str):  # type: ignore[no-untyped-def]
    page = browser.new_page()
    page.goto(f"http://127.0.0.1:{server.port}{path}")
    deadline = time.monotonic() + WAIT_MS / 1000
    while server.live.listeners < 1 and time.monotonic() < deadline:
        time.sleep(0.02)  # until the page's event stream is connected
    return page


def test_edit_break_and_fix_an_article(browser, served) -> None:
    server, root = served
    page = open_page(browser, server, ARTICLE)
    main = page.locator("main")
    expect(main).to_contain_text("First words.")

    article = root / "content/hello.md"
    article.write_text(article_md("Hello", "2024-03-01", body="Second words."))
    expect(main).to_contain_text("Second words.", timeout=WAIT_MS)

    article.write_text("---\ntitle: Hello\ndate: [oops\n---\n\nBroken.\n")
    overlay = page.locator("#digest-problems")
    expect(overlay).to_contain_text("content/hello.md:3", timeout=WAIT_MS)
    expect(overlay).to_contain_text("invalid YAML")

    other = open_page(browser, server, BASE)  # loaded after the failure: the overlay too
    expect(other.locator("#digest-problems")).to_contain_text("content/hello.md:3")
    other.close()

    article.write_text(article_md("Hello", "2024-03-01", body="Fixed words."))
    expect(main).to_contain_text("Fixed words.", timeout=WAIT_MS)
    expect(overlay).to_have_count(0)
    page.close()


def test_reload_keeps_the_scroll_position(browser, served) -> None:
    server, root = served
    article = root / "content/hello.md"
    article.write_text(article_md("Hello", "2024-03-01", body="Before.\n\n" + LONG_BODY))
    page = open_page(browser, server, ARTICLE)
    page.set_viewport_size({"width": 800, "height": 600})
    page.evaluate("window.scrollTo(0, 900)")
    article.write_text(article_md("Hello", "2024-03-01", body="After.\n\n" + LONG_BODY))
    expect(page.locator("main")).to_contain_text("After.", timeout=WAIT_MS)
    page.wait_for_function("window.scrollY > 0", timeout=WAIT_MS)
    assert abs(page.evaluate("window.scrollY") - 900) < 5
    page.close()


def test_a_stylesheet_change_is_swapped_without_a_reload(browser, served) -> None:
    server, root = served
    css = root / "static/assets/digest.css"  # the site's own, over the theme's
    page = open_page(browser, server, ARTICLE)
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(1, 2, 3)"
    page.evaluate("window.stillHere = true")
    css.write_text("body { background: rgb(4, 5, 6); }\n")
    page.wait_for_function(
        "getComputedStyle(document.body).backgroundColor === 'rgb(4, 5, 6)'", timeout=WAIT_MS
    )
    assert page.evaluate("window.stillHere") is True
    assert "digest-build=" in page.locator('link[rel="stylesheet"]').get_attribute("href")
    page.close()


def test_a_restarted_server_reloads_open_pages(browser, served) -> None:
    server, root = served
    page = open_page(browser, server, ARTICLE)
    page.evaluate("window.stillHere = true")
    server.stop()
    (root / "content/hello.md").write_text(article_md("Hello", "2024-03-01", body="Meanwhile."))
    with PreviewServer(root, PreviewBuilder(), port=server.port) as again:
        expect(page.locator("main")).to_contain_text("Meanwhile.", timeout=WAIT_MS)
        assert page.evaluate("window.stillHere") is None
        assert again.live.listeners >= 1
    page.close()
