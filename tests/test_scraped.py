"""Raw scraped news text, starting with the real article the product was specified from."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from conftest import SEED, needs_seed

from digest.content.parse import ParseSettings, parse_source
from digest.content.scraped import language_switcher, parse_scraped
from digest.model import Source


def parse_text(text: str, name: str = "2024-02-28-story.txt"):
    return parse_source(Source(f"content/{name}", name, text), ParseSettings())


@needs_seed
def test_seed_article() -> None:
    article, problems = parse_text(SEED.read_text(encoding="utf-8"), "2024-02-28-belgium-aid.txt")
    assert problems == []
    assert article is not None
    assert article.title == (
        "Belgium pledges continued aid to Ukraine without sending troops, MoD's head says"
    )
    assert article.authors == ("Daria Shekina",)
    assert article.image_caption == "Minister of Defense of Belgium Ludivine Dedonder"
    assert article.image_credit == "Getty Images"
    assert article.date == datetime(2024, 2, 28, tzinfo=UTC)
    assert article.body_html.startswith("<p>Belgium will continue to provide")
    for header_line in (
        "ua en ru",
        "Author:",
        "(Photo:",
        "MoD&#x27;s head says",
        "MoD's head says",
    ):
        assert header_line not in article.body_html
    assert article.summary.startswith("Belgium will continue to provide military")
    assert article.body_html.count("<p>") == 11
    assert "Elysée" in article.body_html


def test_plain_title_and_paragraphs() -> None:
    article, problems = parse_text("A plain title\n\nFirst paragraph\nwrapped.\n\nSecond one.\n")
    assert article is not None and not problems
    assert article.title == "A plain title"
    assert article.body_html == "<p>First paragraph wrapped.</p>\n<p>Second one.</p>\n"
    assert article.summary == "First paragraph wrapped."


def test_text_is_never_markup() -> None:
    text = "Title\n\nA <script>alert(1)</script> and {% raw %} and {{< tweet 1 >}} *here*.\n"
    article, _ = parse_text(text)
    assert article is not None
    assert "<script>" not in article.body_html
    assert "&lt;script&gt;" in article.body_html
    assert "{% raw %} and {{&lt; tweet 1 &gt;}} *here*" in article.body_html


def test_caption_without_repeated_title_and_byline_and_date_line() -> None:
    text = (
        "Title here\n\nSoldiers at the front (Photo: Reuters)\nBy Jane Doe and John Roe\n"
        "28 February 2024, 10:30\n\nBody text.\n"
    )
    scraped = parse_scraped(text)
    assert scraped.caption == "Soldiers at the front"
    assert scraped.credit == "Reuters"
    assert scraped.authors == ("Jane Doe", "John Roe")
    assert scraped.date_text == "28 February 2024, 10:30"
    assert scraped.paragraphs == ("Body text.",)
    article, _ = parse_text(text, "undated.txt")
    assert article is not None
    assert article.date == datetime(2024, 2, 28, 10, 30, tzinfo=UTC)


def test_language_switcher_lines() -> None:
    assert language_switcher("ua en ru") == ("uk", "en", "ru")
    assert language_switcher("UA | EN") == ("uk", "en")
    assert language_switcher("Go on") == ()
    assert language_switcher("en") == ()
    assert language_switcher("It is") == ()


@pytest.mark.parametrize(
    ("line", "languages"),
    [
        ("ru en ua", ("ru", "en", "uk")),
        ("UA | EN | RU", ("uk", "en", "ru")),
        ("Ua En Ru", ("uk", "en", "ru")),
        ("ua/en", ("uk", "en")),
        ("UA · EN · RU", ("uk", "en", "ru")),
        ("ua, en, ru", ("uk", "en", "ru")),
        ("[UA] [EN] [RU]", ("uk", "en", "ru")),
        ("  en   ru  ", ("en", "ru")),
        ("ua uk", ("uk",)),
        ("de fr pl", ("de", "fr", "pl")),
    ],
)
def test_language_switchers_in_any_order_case_and_separator(
    line: str, languages: tuple[str, ...]
) -> None:
    assert language_switcher(line) == languages


@pytest.mark.parametrize(
    "line",
    ["UA en RU", "uA eN", "en en", "Be my", "No to war", "en ru and more", "ua | | ", "EN"],
)
def test_lines_that_are_not_switchers(line: str) -> None:
    assert language_switcher(line) == ()


@pytest.mark.parametrize("switcher", ["UA | EN | RU", "Ua En Ru", "ru ua", "EN/UA"])
def test_switcher_line_is_removed_from_the_article(switcher: str) -> None:
    article, problems = parse_text(f"{switcher}\n\nThe title\n\nThe body.\n")
    assert problems == []
    assert article is not None
    assert article.title == "The title"
    assert article.body_html == "<p>The body.</p>\n"


def test_a_title_that_looks_like_codes_is_kept_without_a_switcher() -> None:
    scraped = parse_scraped("Be My Guest\n\nThe body.\n")
    assert scraped.title == "Be My Guest" and scraped.languages == ()


def test_body_paragraph_starting_like_a_byline_stays() -> None:
    scraped = parse_scraped("Title\n\nBy 2025, the plan will be complete.\n\nMore.")
    assert scraped.authors == ()
    assert scraped.paragraphs[0] == "By 2025, the plan will be complete."
