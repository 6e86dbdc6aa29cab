"""The built site in real headless Chromium: navigation without JavaScript, under a sub-path."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

import pytest
from chromium import REQUIRE, SUB_PATH, need_chromium
from conftest import REPO

need_chromium()


def test_navigation_works_without_javascript(sample_url: str, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(sample_url)
    assert page.locator("h1").count() == 1

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Topics").click()
    assert page.url == sample_url + "topics/"
    page.locator("main").get_by_role("link", name="NATO").first.click()
    assert page.url == sample_url + "topics/nato/"
    assert page.locator("h1").inner_text() == "NATO"

    page.locator("main article a").first.click()
    assert page.locator("main time").first.get_attribute("datetime")
    title = page.locator("h1").inner_text()
    assert page.title().startswith(title)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Archive").click()
    page.locator("main").get_by_role("link", name="28 February 2024").first.click()
    assert page.url == sample_url + "2024/02/28/"
    page.locator("main").get_by_role("link", name="Belgium pledges continued aid").first.click()
    assert "Daria Shekina" in page.locator("main").inner_text()

    page.goto(sample_url + "no/such/page/")
    assert hosts == {urlsplit(sample_url).netloc}
    context.close()


def test_404_page_works_at_any_depth(sample_url: str, browser) -> None:
    page = browser.new_page()
    page.goto(sample_url + "404.html")
    stylesheet = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert stylesheet
    home = page.get_by_role("link", name=page.locator("header a").first.inner_text()).first
    assert home.get_attribute("href") == SUB_PATH
    page.close()


def test_skip_link_is_first_and_focus_is_visible(sample_url: str, browser) -> None:
    page = browser.new_page()
    page.goto(sample_url)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#digest-main"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.close()


def test_light_and_dark_schemes(sample_url: str, browser) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(sample_url)
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
        context.close()
    assert colours["light"] != colours["dark"]


def test_readable_on_a_phone(sample_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2)
    page = context.new_page()
    page.goto(sample_url)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    context.close()


def test_the_language_menu_leads_to_the_same_story_in_each_edition(
    sample_url: str, browser
) -> None:
    """Without JavaScript, from the English story to its Ukrainian and Russian versions."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "2024/03/07/sweden-becomes-natos-32nd-member/")
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Українська").click()
    assert page.url == sample_url + "uk/2024/03/07/shvetsiia-stala-32-m-chlenom-nato/"
    assert page.locator("html").get_attribute("lang") == "uk"
    assert page.locator("h1").inner_text() == "Швеція стала 32-м членом НАТО"
    assert "7 березня 2024" in page.locator("main time").first.inner_text()
    switcher = page.get_by_role("navigation", name="Читати цю новину")
    switcher.get_by_role("link", name="Русский").click()
    assert page.url == sample_url + "ru/2024/03/07/shvetsiya-stala-32-m-chlenom-nato/"
    page.get_by_role("navigation", name="Языки").get_by_role("link", name="English").click()
    assert page.url == sample_url + "2024/03/07/sweden-becomes-natos-32nd-member/"
    page.get_by_role("navigation", name="Languages").get_by_role("link", name="Русский").click()
    page.get_by_role("navigation", name="Главное").get_by_role("link").first.click()
    assert page.url == sample_url + "ru/"
    context.close()


AXE = REPO / "tests" / "tools" / "node_modules" / "axe-core" / "axe.min.js"
PAGE_KINDS = {
    "home": "",
    "article": "2024/02/28/"
    "belgium-pledges-continued-aid-to-ukraine-without-sending-troops-mods-head-says/",
    "topic": "topics/nato/",
    "actor": "actors/belgium/",
    "archive": "archive/",
    "search": "search/",
    "Ukrainian article": "uk/2024/02/28/"
    "belhiia-prodovzhyt-dopomahaty-ukraini-ale-ne-vidpravliatyme-viiska-ministerka/",
    "Russian actor": "ru/actors/ludivine-dedonder/",
}


@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_accessibility_violations(sample_url: str, browser, kind: str) -> None:
    """axe-core (tests/tools, installed by .ci/run) finds nothing serious or critical."""
    if not AXE.is_file():
        reason = f"axe-core is not installed ({AXE}): npm install --prefix tests/tools"
        if os.environ.get(REQUIRE):
            pytest.fail(reason)
        pytest.skip(reason)
    page = browser.new_page()
    page.goto(sample_url + PAGE_KINDS[kind])
    page.wait_for_load_state("networkidle")
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    page.close()
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
