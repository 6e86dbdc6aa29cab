"""The search page in real headless Chromium, on the sample site served under a sub-path."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from chromium import SUB_PATH, need_chromium
from test_search import needs_pagefind

need_chromium()
pytestmark = needs_pagefind
RESULT_LINKS = "#search-results .search-result-title a"


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors


def search_page(page, sample_url: str):
    page.goto(sample_url)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    assert page.url == sample_url + "search/"
    page.get_by_label("Words to find").wait_for()
    return page


def titles(page) -> list[str]:
    return page.locator(RESULT_LINKS).all_inner_texts()


def wait_for_status(page, text: str) -> str:
    status = page.get_by_role("status")
    status.filter(has_text=text).wait_for()
    return status.inner_text()


def test_a_query_finds_the_article_under_the_sub_path(page, sample_url: str) -> None:
    search_page(page, sample_url)
    page.get_by_label("Words to find").fill("Navalny")
    assert wait_for_status(page, "found") == "4 articles found for “Navalny”."
    assert "Thousands attend Alexei Navalny's funeral in Moscow" in titles(page)
    link = page.locator(RESULT_LINKS).filter(has_text="Thousands attend").first
    assert link.get_attribute("href").startswith(SUB_PATH + "2024/03/01/")
    assert page.locator("#search-results mark").first.inner_text().lower().startswith("navalny")
    assert page.locator("#search-results time").first.get_attribute("datetime")
    link.click()
    assert urlsplit(page.url).path.startswith(SUB_PATH + "2024/03/01/")
    assert page.locator("h1").inner_text().startswith("Thousands attend")


def test_a_topic_filter_narrows_the_results(page, sample_url: str) -> None:
    search_page(page, sample_url)
    page.get_by_label("Words to find").fill("Navalny")
    wait_for_status(page, "4 articles")
    page.get_by_label("Topic").select_option("Elections")
    assert wait_for_status(page, "3 articles") == "3 articles found for “Navalny”."
    assert "Alexei Navalny dies in Arctic prison colony" not in " ".join(titles(page))
    assert "topic=Elections" in page.url


def test_an_actor_filter_alone_lists_its_articles_newest_first(page, sample_url: str) -> None:
    search_page(page, sample_url)
    page.get_by_label("Who is involved").select_option("Alexei Navalny")
    wait_for_status(page, "found")
    days = page.locator("#search-results time").evaluate_all(
        "times => times.map(t => t.getAttribute('datetime'))"
    )
    assert days and days == sorted(days, reverse=True)


def test_a_date_range_keeps_the_days_inside_it(page, sample_url: str) -> None:
    search_page(page, sample_url)
    page.get_by_label("Words to find").fill("Navalny")
    wait_for_status(page, "4 articles")
    page.get_by_label("From", exact=True).fill("2024-03-01")
    page.get_by_label("To", exact=True).fill("2024-03-17")
    page.get_by_role("button", name="Search").click()
    assert wait_for_status(page, "2 articles") == "2 articles found for “Navalny”."
    days = page.locator("#search-results time").evaluate_all(
        "times => times.map(t => t.getAttribute('datetime'))"
    )
    assert sorted(days) == ["2024-03-01", "2024-03-17"]


def test_a_search_can_be_linked_to(page, sample_url: str) -> None:
    page.goto(sample_url + "search/?q=ammunition&from=2024-03-01")
    assert wait_for_status(page, "found").startswith("4 articles found")
    assert page.get_by_label("Words to find").input_value() == "ammunition"


def test_without_javascript_a_message_explains(browser, sample_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_url + "search/")
    assert page.locator("#search-form").is_hidden()
    message = page.locator("#search-noscript")
    assert message.is_visible()
    assert "needs JavaScript" in message.inner_text()
    message.get_by_role("link", name="by topic").click()
    assert page.url == sample_url + "topics/"
    context.close()


def test_each_edition_searches_its_own_language(page, sample_url: str) -> None:
    page.goto(sample_url + "uk/search/?q=НАТО")
    status = wait_for_status(page, "Знайдено")
    assert status.startswith("Знайдено 1 статтю"), status
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs == [SUB_PATH + "uk/2024/03/07/shvetsiia-stala-32-m-chlenom-nato/"]
    page.goto(sample_url + "search/?q=Sweden")
    wait_for_status(page, "found")
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(a => a.pathname)")
    assert hrefs and not any(
        href.startswith((SUB_PATH + "uk/", SUB_PATH + "ru/")) for href in hrefs
    )
