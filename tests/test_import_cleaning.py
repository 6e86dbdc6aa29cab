"""Imported HTML: safe once sanitised, safe again once rendered from Markdown, still readable."""

from __future__ import annotations

import random
import re
from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib
import pytest

from digest.content.markdown import render_markdown
from digest.importing.cleaning import html_to_markdown, html_to_text, sanitise_html

HOSTILE = Path(__file__).resolve().parent / "fixtures" / "import" / "hostile.html"
BASE = "https://news.example/2025/03/budget.html"
FORBIDDEN = {"script", "style", "iframe", "frame", "object", "embed", "form", "input", "button"}
FORBIDDEN |= {"textarea", "select", "svg", "math", "base", "meta", "link", "noscript", "template"}
SAFE_URL = re.compile(r"^(https?://|mailto:)", re.IGNORECASE)
DANGEROUS_URL = re.compile(r"^(javascript|vbscript|data|file):", re.IGNORECASE)
PIXELS = ("tracker.example/open.gif", "news.example/p.gif", "news.example/t.gif")
PIXELS += ("feeds.feedburner.com", "pixel.wp.com")


def elements(fragment: str) -> list[Element]:
    """Every element of a fragment parsed as a browser would (html5lib), in document order."""
    root = html5lib.parseFragment(fragment, treebuilder="etree", namespaceHTMLElements=False)
    return [e for e in root.iter() if isinstance(e.tag, str) and e is not root]


def rendered(markdown: str, trusted: bool = False) -> list[Element]:
    """The elements of Markdown rendered by digest's own renderer."""
    return elements(render_markdown(markdown, trusted=trusted).html)


def local(name: str) -> str:
    """A tag or attribute name without its namespace (`svg`, `href` for `xlink:href`)."""
    return name.rpartition("}")[2].lower()


def unsafe_parts(found: list[Element]) -> list[str]:
    """Everything in the elements that could run a script or track the reader."""
    problems = []
    for element in found:
        name = local(element.tag)
        if name in FORBIDDEN:
            problems.append(f"<{name}>")
        for attribute, value in element.attrib.items():
            attribute = local(attribute)
            if attribute.startswith("on") or attribute in ("style", "srcdoc", "formaction"):
                problems.append(f"<{name} {attribute}>")
            if attribute in ("href", "src", "action", "data", "poster"):
                bare = re.sub(r"[\x00-\x20\s]+", "", value)
                if DANGEROUS_URL.match(bare) or not SAFE_URL.match(bare):
                    problems.append(f"<{name} {attribute}={value!r}>")
        if name == "img":
            src = element.get("src", "")
            if any(pixel in src for pixel in PIXELS) or (
                element.get("width") in ("0", "1") and element.get("height") in ("0", "1")
            ):
                problems.append(f"tracking pixel {src}")
    return problems


def text_of(found: list[Element], tag: str) -> list[str]:
    return [" ".join("".join(e.itertext()).split()) for e in found if e.tag == tag]


@pytest.fixture(scope="module")
def hostile() -> str:
    return HOSTILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_markdown(hostile: str) -> str:
    return html_to_markdown(hostile, BASE)


def test_sanitised_hostile_html_is_safe(hostile: str) -> None:
    assert unsafe_parts(elements(sanitise_html(hostile, BASE))) == []


@pytest.mark.parametrize("trusted", [False, True], ids=["site-sanitiser", "markdown-alone"])
def test_hostile_html_stays_safe_through_markdown_and_rendering(
    hostile_markdown: str, trusted: bool
) -> None:
    """With `trusted=True` the renderer passes raw HTML through: the Markdown must be safe alone."""
    assert unsafe_parts(rendered(hostile_markdown, trusted)) == []


def test_the_article_in_the_hostile_page_survives(hostile_markdown: str) -> None:
    found = rendered(hostile_markdown)
    headings = [t for tag in ("h1", "h2", "h3") for t in text_of(found, tag)]
    assert "Council approves the new budget" in headings
    lead = next(e for e in found if e.tag == "p" and "city council" in "".join(e.itertext()))
    assert [e.text for e in lead.iter("strong")] == ["2025 budget"]
    assert [e.text for e in lead.iter("em")] == ["long"]
    links = {"".join(e.itertext()): e.get("href") for e in found if e.tag == "a"}
    assert links["full report"] == "https://news.example/reports/budget-2025.pdf"
    assert links["write to us"] == "https://example.org/contact"
    assert links["clean link"] == "https://example.org/safe"
    assert text_of(found, "li") == ["Schools: 4% more", "Transport: 2% more", "Parks: unchanged"]
    assert text_of(found, "blockquote") == ["“We kept our promises,” the mayor said."]
    images = {e.get("alt"): e.get("src") for e in found if e.tag == "img"}
    assert images["The council chamber"] == "https://news.example/2025/03/images/council.jpg"
    assert text_of(found, "th") == ["Department", "Budget"]
    assert text_of(found, "td") == ["Schools", "120 M", "Transport", "80 M"]


def test_text_that_looks_like_markup_stays_text(hostile_markdown: str) -> None:
    found = rendered(hostile_markdown, trusted=True)
    paragraphs = text_of(found, "p")
    assert "Type <script>alert('text')</script> to show a script tag." in paragraphs
    md_link = "[not a link](javascript:alert('md link'))"
    assert f"{md_link} and ![not an image](javascript:alert('md image'))" in paragraphs
    assert "<img src=x onerror=alert('escaped')> *not emphasis* # not a heading" in paragraphs
    assert not any("not a link" in "".join(e.itertext()) for e in found if e.tag == "a")


def test_markdown_lookalikes_render_as_the_same_text() -> None:
    source = (
        "<p>*stars* _under_ `tick` [a](b) ![c](d) &lt;b&gt;bold&lt;/b&gt; &amp;amp; a\\b | c</p>"
        "<p># not a heading</p><p>1. not a list</p><p>- not a bullet</p><p>&gt; not a quote</p>"
        "<p>---</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p><p>&lt;!-- not a comment --&gt;</p>"
    )
    found = rendered(html_to_markdown(source, BASE), trusted=True)
    assert text_of(found, "p") == [
        "*stars* _under_ `tick` [a](b) ![c](d) <b>bold</b> &amp; a\\b | c",
        "# not a heading",
        "1. not a list",
        "- not a bullet",
        "> not a quote",
        "---",
        "<script>alert(1)</script>",
        "<!-- not a comment -->",
    ]
    assert [e.tag for e in found] == ["p"] * 8


@pytest.mark.parametrize(
    "fragment",
    [
        "<pre><code>```\n&lt;script&gt;alert(1)&lt;/script&gt;\n````\n</code></pre>",
        "<p><code>a\n&lt;script&gt;alert(1)&lt;/script&gt;</code></p>",
        "<table><tr><th>h</th></tr><tr><td><code>a | &lt;script&gt;x&lt;/script&gt;</code></td>"
        "</tr></table>",
        "<table><tr><th>h</th></tr><tr><td><pre>a | &lt;script&gt;x&lt;/script&gt;</pre></td>"
        "</tr></table>",
        '<p><a href="https://e.org/x) &lt;script&gt;alert(1)&lt;/script&gt;">link</a></p>',
        '<p><img src="https://e.org/a.png" alt="] &lt;script&gt;alert(1)&lt;/script&gt;"></p>',
        '<p><a href="https://e.org/" title="\\ &quot;&gt;&lt;script&gt;x&lt;/script&gt;">t</a></p>',
        '<h2><img src="https://e.org/a.png" alt="&lt;script&gt;alert(1)&lt;/script&gt;"></h2>',
        '<table><tr><th>h</th></tr><tr><td><a href="https://e.org/a|b" title="x|&lt;script&gt;">'
        "l</a></td></tr></table>",
    ],
)
def test_code_urls_and_attributes_cannot_break_out_of_markdown(fragment: str) -> None:
    found = rendered(html_to_markdown(fragment, BASE), trusted=True)
    assert unsafe_parts(found) == []
    assert "alert(1)" not in "".join(e.get("href", "") + e.get("src", "") for e in found)


NESTING_TAGS = "p br h2 ul ol li dl dt dd blockquote pre code kbd em strong q a img table tr td"
PAYLOADS = ["&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)</script>", "```", "`"]
PAYLOADS += ["\n", "\n\n", "    ", "\\", "*", "_", "[", "]", "(", ")", "!", "#", "1.", "|", "-"]
PAYLOADS += ["&lt;img src=x onerror=alert(1)&gt;", "&amp;lt;b&amp;gt;", "&lt;!--", "&gt;", "~~~"]
PAYLOADS += ["word", "Wow!"]
NESTING_ATTRIBUTES = ['href="https://e.org/a) &lt;b onclick=x&gt;"', 'src="https://e.org/i.png"']
NESTING_ATTRIBUTES += ['alt="] &lt;script&gt;x&lt;/script&gt;"', 'title="\\ &quot;\n\n&lt;b&gt;"']


def nested_fragment(rng: random.Random, depth: int) -> str:
    """Random nesting of the allowed tags around text full of Markdown and HTML syntax."""
    parts = []
    for _ in range(rng.randint(1, 4)):
        if depth and rng.random() < 0.5:
            tag = rng.choice(NESTING_TAGS.split())
            attributes = " ".join(rng.sample(NESTING_ATTRIBUTES, rng.randint(0, 2)))
            parts.append(f"<{tag} {attributes}>{nested_fragment(rng, depth - 1)}</{tag}>")
        else:
            parts.append("".join(rng.choices(PAYLOADS, k=rng.randint(1, 4))))
    return "".join(parts)


@pytest.mark.parametrize("seed", range(0, 400, 50))
def test_random_nestings_of_markup_stay_safe(seed: int) -> None:
    """markdownify was not written against hostile input: whatever nesting, nothing gets out."""
    for fragment in (nested_fragment(random.Random(n), 5) for n in range(seed, seed + 50)):
        markdown = html_to_markdown(fragment, BASE)
        assert unsafe_parts(rendered(markdown, trusted=True)) == [], (fragment, markdown)


@pytest.mark.parametrize(
    ("fragment", "markdown", "html"),
    [
        (
            '<p>Wow!<a href="https://e.org/x">link</a></p>',
            "Wow\\![link](https://e.org/x)\n",
            '<p>Wow!<a href="https://e.org/x">link</a></p>\n',
        ),
        (
            "<p><code>a</code><code>`` &lt;b onclick=x&gt;</code></p>",
            "a\\`\\` \\<b onclick\\=x\\>\n",
            "<p>a`` &lt;b onclick=x&gt;</p>\n",
        ),
    ],
)
def test_markdown_read_otherwise_than_written_falls_back_to_plain_text(
    fragment: str, markdown: str, html: str
) -> None:
    """A `!` that would make the link an image, code spans that merge and let HTML out: code is
    then written as escaped text, and every `!` escaped."""
    assert html_to_markdown(fragment, BASE) == markdown
    assert render_markdown(markdown, trusted=True).html == html


def test_code_keeps_its_text() -> None:
    found = rendered(html_to_markdown("<pre><code>a = `b`\n```\n&lt;x&gt;\n</code></pre>", BASE))
    assert text_of(found, "code") == ["a = `b` ``` <x>"]
    assert "".join(next(e for e in found if e.tag == "code").itertext()) == "a = `b`\n```\n<x>\n"


def test_code_in_a_table_stays_in_its_cell() -> None:
    fragment = "<table><tr><th>a</th><th>b</th></tr><tr><td><code>x|y</code></td><td>z</td></tr>"
    found = rendered(html_to_markdown(fragment + "</table>", BASE))
    assert text_of(found, "td") == ["x|y", "z"]


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ('<a href="../reports/a.pdf">r</a>', "[r](https://news.example/2025/reports/a.pdf)"),
        ('<a href="/about">r</a>', "[r](https://news.example/about)"),
        ('<a href="#notes">r</a>', f"[r]({BASE}#notes)"),
        ('<a href="?page=2">r</a>', f"[r]({BASE}?page=2)"),
        ('<a href="//cdn.example/x">r</a>', "[r](https://cdn.example/x)"),
        ('<a href="mailto:desk@news.example">r</a>', "[r](mailto:desk@news.example)"),
        ('<img src="photos/a.jpg" alt="A">', "![A](https://news.example/2025/03/photos/a.jpg)"),
        ('<img src="//cdn.example/b.jpg" alt="B">', "![B](https://cdn.example/b.jpg)"),
        ('<a href="https://e.org/a b(c)">r</a>', "[r](https://e.org/a%20b%28c%29)"),
        ('<a href="https://e.org/" title="T">r</a>', '[r](https://e.org/ "T")'),
        ('<a href="javascript:alert(1)">r</a>', "r"),
        ('<img src="mailto:a@b.example" alt="M">', ""),
    ],
)
def test_links_and_images_are_made_absolute(fragment: str, expected: str) -> None:
    assert html_to_markdown(f"<p>{fragment}</p>", BASE) == (expected + "\n" if expected else "")


def test_relative_links_and_images_without_a_base_are_dropped() -> None:
    html = '<p><a href="/a">link</a> <img src="b.png" alt="picture"></p>'
    assert sanitise_html(html, "") == "<p>link </p>"
    assert html_to_markdown(html, "") == "link\n"


@pytest.mark.parametrize(
    "image",
    [
        '<img src="https://e.org/a.gif" width="1" height="1">',
        '<img src="https://e.org/a.gif" width="2px" height="0">',
        '<img src="https://e.org/a.gif" style="width: 1px; height: 1px">',
        '<img src="https://e.org/a.gif" width="1" style="height:1px">',
        '<img src="http://feeds.feedburner.com/~r/Example/~4/xyz">',
        '<img src="https://feeds.feedburner.com/~ff/Example?d=abc">',
        '<img src="https://pixel.wp.com/g.gif?v=ext&blog=1">',
        '<img src="https://www.google-analytics.com/collect?v=1">',
        '<img src="https://news.example/track/pixel.gif?id=7">',
        '<img src="https://news.example/beacon?id=7">',
        '<img src="https://news.example/1x1.png">',
        '<img alt="no source">',
    ],
)
def test_tracking_pixels_are_removed(image: str) -> None:
    assert "<img" not in sanitise_html(f"<p>text {image}</p>", BASE)
    assert html_to_markdown(f"<p>text {image}</p>", BASE) == "text\n"


@pytest.mark.parametrize(
    "image",
    [
        '<img src="https://e.org/a.jpg">',
        '<img src="https://e.org/a.jpg" width="1" height="400">',
        '<img src="https://e.org/a.jpg" width="100%" height="1">',
        '<img src="https://e.org/pixels/landscape.jpg">',
    ],
)
def test_ordinary_images_are_kept(image: str) -> None:
    assert "https://e.org/" in html_to_markdown(f"<p>{image}</p>", BASE)


def test_sanitised_html_keeps_only_the_allow_list() -> None:
    html = (
        '<div class="x" id="y"><p style="color:red" data-x="1">A <span onclick="f()">b</span></p>'
        '<img src="a.jpg" alt="A" width="10" height="20" style="width:1px; border:1px" loading=l>'
        '<a href="https://e.org/" target="_blank" rel="opener" title="T">t</a>'
        '<table><tr><td colspan="2" style="x" align="left">c</td></tr></table></div>'
    )
    assert sanitise_html(html, BASE) == (
        '<div><p>A <span>b</span></p><img src="https://news.example/2025/03/a.jpg" alt="A" '
        'width="10" height="20"><a href="https://e.org/" title="T">t</a>'
        '<table><tbody><tr><td colspan="2">c</td></tr></tbody></table></div>'
    )


def test_markdown_style() -> None:
    html = (
        "<h1>One</h1><h3>Three</h3><ul><li>a<ul><li>b</li></ul></li></ul><ol><li>c</li></ol>"
        "<p><em>e</em> <strong>s</strong></p><pre>code</pre><hr>"
    )
    assert html_to_markdown(html, BASE) == (
        "# One\n\n### Three\n\n- a\n  - b\n\n1. c\n\n*e* **s**\n\n```\ncode\n```\n\n---\n"
    )


def test_whitespace_is_normalised() -> None:
    html = (
        "\n\n  <p>  first   line \n  second\t line  </p>\n\n\n\n<p>&nbsp;</p><p></p><div> </div>"
        "<p>a<br>b<br></p><ul><li>item<br></li></ul><p><br>c</p>\n\n"
    )
    markdown = html_to_markdown(html, BASE)
    assert markdown == "first line\nsecond line\n\na\\\nb\n\n- item\n\nc\n"
    assert "\n\n\n" not in markdown
    assert not any(line != line.rstrip() for line in markdown.splitlines())


@pytest.mark.parametrize(
    "html", ["", "   \n ", "<p></p>", "<p>&nbsp;</p>", "<script>alert(1)</script>", "<!-- c -->"]
)
def test_nothing_gives_nothing(html: str) -> None:
    assert html_to_markdown(html, BASE) == ""
    assert html_to_text(html) == ""


def test_control_characters_are_dropped() -> None:
    html = '<p title="a&#14;b">x\x00y&#14;z\x1f</p><img src="https://e.org/a.png" alt="&#x1f;">'
    assert (
        sanitise_html(html, BASE) == '<p title="ab">xyz</p><img src="https://e.org/a.png" alt="">'
    )
    assert html_to_markdown(html, BASE) == "xyz\n\n![](https://e.org/a.png)\n"
    assert html_to_text("a\x0bb&#14;c\ud800") == "abc"


def test_deep_nesting_keeps_its_text() -> None:
    """Nesting past what any article needs is flattened, not lost (lxml stops at 256 levels)."""
    html = "<div>" * 3000 + "deep <b>text</b>" + "</div>" * 3000 + "<p>after</p>" + "<em>" * 3000
    assert html_to_markdown(html, BASE) == "deep text\n\nafter\n"


def test_empty_input_sanitises_to_nothing() -> None:
    assert sanitise_html("", BASE) == ""


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Council &amp; mayor", "Council & mayor"),
        ("It&#8217;s &#x201C;done&#x201D;", "It’s “done”"),
        ("caf&eacute; &lt;b&gt;", "café <b>"),
        ("<b>Bold</b> and <a href='x'>linked</a>", "Bold and linked"),
        ("<p>One</p><p>Two</p>", "One Two"),
        ("line<br>break", "line break"),
        ("<![CDATA[Budget <b>approved</b> & signed]]>", "Budget approved & signed"),
        ("<![CDATA[Unclosed leftover", "Unclosed leftover"),
        ("Stray end]]>", "Stray end"),
        ("a&nbsp;b\u00a0c", "a b c"),
        ("  lots \n\t of   space  ", "lots of space"),
        ("&amp;amp; once", "&amp; once"),
        ("AT&T and 1 < 2", "AT&T and 1 < 2"),
        ("<script>alert(1)</script>Title<style>p{}</style>", "Title"),
        ("Title <!-- comment -->", "Title"),
        ("Рада ухвалила <i>закон</i>", "Рада ухвалила закон"),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text
