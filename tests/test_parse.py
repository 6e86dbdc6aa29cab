"""Articles from Markdown in every shape real sites have; problems instead of crashes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from digest.content.parse import ParseSettings, parse_source
from digest.content.sources import decode
from digest.model import Source

SETTINGS = ParseSettings(timezone="UTC", language="en")


def parse(text: str, name: str = "story.md", trusted: bool = False, mtime: float = 0.0):
    settings = ParseSettings("UTC", "en", trusted)
    return parse_source(Source(f"content/{name}", name, text, mtime=mtime), settings)


def test_field_spellings_of_real_sites() -> None:
    article, problems = parse(
        "---\ntitle: T\ndate: 2013-11-22 5:00:00 +0000\nauthor: Jane Doe\n"
        "tags: NATO\ncategories: [EU, Defence]\ndescription: Short.\nlang: uk\n"
        "image: /img/a.jpg\ncaption: A caption\nsource: Outlet\nsource_url: https://example.org/a\n"
        "custom: 42\n---\nBody"
    )
    assert problems == []
    assert article is not None
    assert article.date == datetime(2013, 11, 22, 5, tzinfo=UTC)
    assert article.authors == ("Jane Doe",)
    assert [t.name for t in article.topics] == ["NATO", "EU", "Defence"]
    assert article.summary == "Short."
    assert article.language == "uk"
    assert (article.image, article.image_caption) == ("/img/a.jpg", "A caption")
    assert (article.source_name, article.source_url) == ("Outlet", "https://example.org/a")
    assert article.params == {"custom": 42}


def test_authors_list_and_string_list() -> None:
    article, _ = parse('+++\ntitle = "T"\ndate = 2024-01-01\nauthors = ["A B", "C D"]\n+++\nx')
    assert article is not None and article.authors == ("A B", "C D")
    article, _ = parse("---\ntitle: T\ndate: 2024-01-01\nauthors: A B, C D\n---\nx")
    assert article is not None and article.authors == ("A B", "C D")


@pytest.mark.parametrize(
    ("front", "line", "words"),
    [
        ("title: T\ndate: yesterday", 3, "invalid date"),
        ("title: T\ndate: 2024-02-30", 3, "invalid date"),
        ("title: T\ndate: 2024-01-01\ntags: {a: 1}", 4, "must be text or a list"),
        ("title: [1, 2]\ndate: 2024-01-01", 2, "must be text"),
        ("title: T\ndate: 2024-01-01\ndraft: maybe", 4, "true or false"),
    ],
)
def test_field_errors_name_field_and_line(front: str, line: int, words: str) -> None:
    article, problems = parse(f"---\n{front}\n---\nBody")
    assert article is None
    [problem] = [p for p in problems if p.is_error]
    assert problem.line == line
    assert words in problem.message
    assert problem.path == "content/story.md"


def test_liquid_and_shortcodes_are_text() -> None:
    body = "{% include x.html %} and {{< youtube id >}} and {{ site.title }}\n"
    article, _ = parse(f"---\ntitle: T\ndate: 2024-01-01\n---\n{body}")
    assert article is not None
    assert "{% include x.html %}" in article.body_html
    assert "{{&lt; youtube id &gt;}}" in article.body_html
    assert "{{ site.title }}" in article.body_html


def test_raw_html_is_sanitised_unless_trusted() -> None:
    body = '<script>alert(1)</script><a href="javascript:alert(1)" onclick="x()">a</a><b>ok</b>'
    text = f"---\ntitle: T\ndate: 2024-01-01\n---\n{body}\n"
    article, _ = parse(text)
    assert article is not None
    assert "script" not in article.body_html
    assert "javascript:" not in article.body_html
    assert "onclick" not in article.body_html
    assert "<b>ok</b>" in article.body_html
    trusted, _ = parse(text, trusted=True)
    assert trusted is not None and "<script>" in trusted.body_html


def test_markdown_extensions() -> None:
    body = "## Section\n\n~~gone~~ text[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: note\n"
    article, _ = parse(f"---\ntitle: T\ndate: 2024-01-01\n---\n{body}")
    assert article is not None
    html = article.body_html
    assert '<h2 id="section">' in html
    assert "<s>gone</s>" in html
    assert "<table>" in html
    assert 'class="footnotes"' in html


def test_body_headings_never_compete_with_the_title() -> None:
    article, _ = parse("---\ntitle: T\ndate: 2024-01-01\n---\n# Part one\n\n## Detail\n\nx\n")
    assert article is not None
    assert "<h1" not in article.body_html
    assert '<h2 id="part-one">Part one</h2>' in article.body_html
    assert '<h3 id="detail">Detail</h3>' in article.body_html


def test_summary_sources() -> None:
    more = parse(
        "---\ntitle: T\ndate: 2024-01-01\n---\nLead *one*.\n\nLead two.\n<!-- more -->\nRest."
    )
    first = parse("---\ntitle: T\ndate: 2024-01-01\n---\nFirst **para**.\n\nSecond.")
    given = parse("---\ntitle: T\ndate: 2024-01-01\nsummary: Given.\n---\nFirst.")
    assert more[0] is not None and more[0].summary == "Lead one. Lead two."
    assert first[0] is not None and first[0].summary == "First para."
    assert given[0] is not None and given[0].summary == "Given."


def test_date_falls_back_to_file_name_then_text_then_mtime() -> None:
    named, problems = parse("# Title\n\nBody", name="2024-2-8-title.md")
    assert named is not None and named.date == datetime(2024, 2, 8, tzinfo=UTC)
    assert named.title == "Title" and "Title" not in named.body_html
    assert problems == []
    dated, _ = parse("# Title\n\n28 February 2024\n\nBody")
    assert dated is not None and dated.date == datetime(2024, 2, 28, tzinfo=UTC)
    undated, problems = parse("# Title\n\nBody", mtime=1709107200.0)
    assert undated is not None and undated.date == datetime(2024, 2, 28, 8, tzinfo=UTC)
    [warning] = problems
    assert not warning.is_error and "modification time" in warning.message


def test_no_title_uses_file_name_with_warning() -> None:
    article, problems = parse("Just text.", name="2024-01-01-some-story.md")
    assert article is not None and article.title == "Some story"
    assert [p.is_error for p in problems] == [False]


def test_cyrillic_title_gives_latin_slug() -> None:
    article, _ = parse("---\ntitle: Київ і Брюссель\ndate: 2024-01-01\n---\nТекст.")
    assert article is not None
    assert article.slug == "kiiv-i-briussel"
    assert article.word_count == 1


def test_draft_and_status() -> None:
    assert parse("---\ntitle: T\ndate: 2024-01-01\ndraft: true\n---\nx")[0].draft  # type: ignore[union-attr]
    assert parse("Title: T\nDate: 2024-01-01\nStatus: draft\n\nx")[0].draft  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"\xef\xbb\xbfHello", "Hello", "utf-8-sig"),
        ("Київ".encode(), "Київ", "utf-8"),
        ("Café – “quoted”".encode("cp1252"), "Café – “quoted”", "cp1252"),
        ("Hi".encode("utf-16"), "Hi", "utf-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", None, "binary"),
    ],
)
def test_decoding(data: bytes, text: str | None, encoding: str) -> None:
    assert decode(data) == (text, encoding)
