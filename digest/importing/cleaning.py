"""Untrusted HTML made safe: cut to an allow-list (nh3), written as Markdown, or read as text.

The Markdown is rendered later with raw HTML enabled, so it must hold no HTML of its own. Text is
escaped by markdownify (`escape_misc`); what markdownify writes unescaped (URLs, titles, alt
texts, code) is encoded or escaped here. Code cannot be escaped, only fenced, so the Markdown is
read back as the renderer will read it: if any raw HTML, or a link or image we did not write,
appears, code is written again as plain escaped text.
"""

from __future__ import annotations

import html as entities
import re
from functools import partial
from typing import Any
from urllib.parse import urlsplit

import nh3
from lxml import html as lxml_html
from markdown_it.common.utils import unescapeAll
from markdownify import ATX, BACKSLASH, MarkdownConverter, chomp

from digest.content.markdown import markdown_parser
from digest.importing.urls import absolute_url, is_safe_link, is_web_url

_TAGS = {
    *"p br h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre code kbd samp hr".split(),
    *"em strong b i s del ins u q cite abbr small mark sub sup time a img figure".split(),
    *"figcaption table caption thead tbody tfoot tr th td div span section article".split(),
}
_DROPPED_WITH_CONTENT = {
    *"script style template noscript iframe frame frameset object embed applet svg".split(),
    *"math canvas audio video select textarea button title head xmp noembed noframes".split(),
    "plaintext",
}
_ATTRIBUTES = {
    "a": {"href", "title"},
    # `style` is kept, cut to width and height, only to recognise a tracking pixel (`_drop_images`).
    "img": {"src", "alt", "title", "width", "height", "style"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}
_TRACKERS = (
    "feeds.feedburner.com/~r/",
    "feeds.feedburner.com/~ff/",
    "feedproxy.google.com/~r/",
    "pixel.wp.com/",
    "stats.wp.com/",
    "www.google-analytics.com/",
    "ssl.google-analytics.com/",
    "pixel.quantserve.com/",
    "sb.scorecardresearch.com/",
    "b.scorecardresearch.com/",
    "www.facebook.com/tr",
    "bat.bing.com/",
)
"""Where tracking images come from (host and path prefix): FeedBurner's per-item pixel and
share buttons, and the pixels of common analytics services."""
_TRACKER_NAMES = re.compile(r"/(pixel|beacon|tracker|tracking|1x1|spacer)(\.\w+)?$", re.IGNORECASE)
"""Also a tracking image: a file named like one (`…/pixel.gif`, `…/beacon`, `…/1x1.png`)."""
_PIXEL_SIZE = 2
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d*)?)\s*(?:px)?\s*$", re.IGNORECASE)
_BLOCKS = {"p", "div", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "table", "hr"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "figure", "figcaption"}
_ONE_LINE = {"b", "strong", "em", "i", "del", "s", "sub", "sup", "q", "dt"}
"""What markdownify writes on one line: a code block inside cannot be fenced."""
_DESTINATION_UNSAFE = re.compile(r"[\x00-\x20\x7f\s<>()\"\\`|]")
_BACKTICKS = re.compile(r"`+")
_MAX_DEPTH = 64
"""Deeper nesting is no article's; lxml would drop it and markdownify recurse too deep."""
_TAG_TOKEN = re.compile(r"<(/?)([a-z0-9]+)[^>]*>")
"""A tag in nh3's output, where every `<` and `>` of text and attribute values is escaped."""
_VOID = {"br", "hr", "img"}
_CDATA = re.compile(r"<!\[CDATA\[|\]\]>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
"""Characters that are no text, and that lxml (like XML) refuses."""


def sanitise_html(html: str, base_url: str) -> str:
    """The HTML cut to an allow-list of text structure, links and images.

    Links and images are made absolute against `base_url`; a link that is not http(s) or mailto
    loses its `href` (and so is plain text), an image that is not http(s) or is a tracking pixel
    is removed. No `rel` is added: Markdown keeps none, and the site decides when rendering."""
    if not html.strip():
        return ""
    cleaned = nh3.clean(
        _CONTROL.sub("", html),
        tags=_TAGS,
        clean_content_tags=_DROPPED_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=partial(_filter_attribute, base_url),
        url_schemes={"http", "https", "mailto"},
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"width", "height"},
    )
    # Character references can bring the control characters back.
    cleaned = _CONTROL.sub("", cleaned)
    return _drop_images(_flatten(cleaned)) if cleaned.strip() else ""


def html_to_markdown(html: str, base_url: str) -> str:
    """The HTML sanitised (`sanitise_html`) and written as Markdown: ATX headings, `-` bullets,
    fenced code, `![alt](src)` images, pipe tables; one blank line at most between blocks, no
    trailing spaces, one final newline; `""` for nothing."""
    cleaned = sanitise_html(html, base_url)
    converter = _Converter()
    markdown = converter.convert(cleaned)
    if not converter.reads_as_written(markdown):
        markdown = _Converter(plain_code=True).convert(cleaned)
    lines = [line.rstrip() for line in markdown.strip().splitlines()]
    tidy = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return tidy + "\n" if tidy else ""


def html_to_text(html: str) -> str:
    """The plain text of an HTML fragment (a title, a summary, a name): tags removed, blocks
    separated by a space, entities decoded once, whitespace collapsed."""
    unwrapped = _CDATA.sub("", _CONTROL.sub("", html))  # CDATA left in a feed: its text counts
    bare = nh3.clean(unwrapped, tags=_BLOCKS | {"br", "tr", "td", "th"}, attributes={})
    return " ".join(_CONTROL.sub("", entities.unescape(_TAG_TOKEN.sub(" ", bare))).split())


def _filter_attribute(base_url: str, tag: str, attribute: str, value: str) -> str | None:
    """Links and images made absolute, or dropped when they point anywhere but the web (or mail)."""
    if attribute not in ("href", "src"):
        return value
    url = absolute_url(value, base_url)
    allowed = is_safe_link(url) if tag == "a" else is_web_url(url)
    return url if allowed else None


def _flatten(cleaned: str) -> str:
    """nh3's output with the tags nested deeper than `_MAX_DEPTH` removed, their text kept."""
    kept: list[bool] = []  # for each open element: is its tag kept?

    def tag(match: re.Match[str]) -> str:
        if match[2] in _VOID:
            return match[0]
        if match[1]:
            return match[0] if kept.pop() else ""
        kept.append(len(kept) < _MAX_DEPTH)
        return match[0] if kept[-1] else ""

    return _TAG_TOKEN.sub(tag, cleaned)


def _drop_images(cleaned: str) -> str:
    """Remove images without a source and tracking pixels, and unwrap links without a target."""
    root = lxml_html.fragment_fromstring(cleaned, create_parent="div")
    for img in list(root.iter("img")):
        if not img.get("src") or _is_tracking_pixel(img):
            img.drop_tree()
        else:
            img.attrib.pop("style", None)
    for link in list(root.iter("a")):
        if not link.get("href"):
            link.drop_tag()
    inner = lxml_html.tostring(root, encoding="unicode")
    return inner.removeprefix("<div>").removesuffix("</div>")


def _is_tracking_pixel(img: lxml_html.HtmlElement) -> bool:
    """An image at most 2×2 pixels (by its attributes or its style), or from a known tracker."""
    style = {}
    for declaration in img.get("style", "").split(";"):
        name, _, value = declaration.partition(":")
        style[name.strip().lower()] = value
    sizes = [_pixels(img.get(side) or style.get(side, "")) for side in ("width", "height")]
    if all(size is not None and size <= _PIXEL_SIZE for size in sizes):
        return True
    parts = urlsplit(img.get("src", ""))
    address = parts.netloc.lower() + parts.path
    return address.startswith(_TRACKERS) or bool(_TRACKER_NAMES.search(parts.path))


def _pixels(length: str) -> float | None:
    match = _LENGTH.match(length)
    return float(match.group(1)) if match else None


def _destination(url: str) -> str:
    """A URL that cannot end a Markdown link early or carry markup: spaces, brackets, quotes
    and pipes percent-encoded."""
    return _DESTINATION_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), url)


class _Converter(MarkdownConverter):
    """markdownify, with everything it writes unescaped made literal.

    With `plain_code`, code is written as ordinary escaped text (and every `!` escaped, lest it
    turn a link after it into an image): Markdown with nothing left unescaped."""

    def __init__(self, plain_code: bool = False) -> None:
        super().__init__(
            heading_style=ATX,
            bullets="-",
            escape_misc=True,
            newline_style=BACKSLASH,
            autolinks=False,
        )
        self.plain_code = plain_code
        self.written: set[tuple[str, str]] = set()  # ("href" or "src", URL) of what was written

    def reads_as_written(self, markdown: str) -> bool:
        """True if the Markdown holds no raw HTML and no link or image but those written."""
        reader = markdown_parser()  # read as digest renders it
        written = {(kind, reader.normalizeLink(unescapeAll(url))) for kind, url in self.written}
        for block in reader.parse(markdown):
            for token in (block, *(block.children or ())):
                if token.type in ("html_block", "html_inline"):
                    return False
                kind = {"link_open": "href", "image": "src"}.get(token.type)
                if kind and (kind, token.attrGet(kind)) not in written:
                    return False
        return True

    def process_text(self, el: Any, parent_tags: set[str] | None = None) -> str:
        if not self.plain_code:
            return super().process_text(el, parent_tags)
        text = super().process_text(el, (parent_tags or set()) - {"pre", "_noformat"})
        return text.replace("!", r"\!")

    def _target(self, kind: str, url: str, el: Any, parent_tags: set[str]) -> str:
        """`(url "title")`, the URL remembered as written."""
        destination = _destination(url)
        self.written.add((kind, destination))
        title = self.escape(" ".join(el.get("title", "").split()), parent_tags).replace('"', r"\"")
        return f'({destination} "{title}")' if title else f"({destination})"

    def convert_a(self, el: Any, text: str, parent_tags: set[str]) -> str:
        href = el.get("href")
        if not href or "_noformat" in parent_tags:
            return text
        prefix, suffix, text = chomp(text)
        if not text or "\n\n" in text:  # a link around whole blocks: keep the blocks
            return text
        return f"{prefix}[{text}]{self._target('href', href, el, parent_tags)}{suffix}"

    def convert_img(self, el: Any, text: str, parent_tags: set[str]) -> str:
        alt = self.escape(" ".join(el.get("alt", "").split()), parent_tags)
        src = el.get("src")
        if not src or "_inline" in parent_tags:
            return alt
        return f"![{alt}]{self._target('src', src, el, parent_tags)}"

    def convert_br(self, el: Any, text: str, parent_tags: set[str]) -> str:
        # A break that ends a block would be written as a stray backslash; one that starts it
        # is noise.
        for siblings in (el.previous_siblings, el.next_siblings):
            beside = next((s for s in siblings if not isinstance(s, str) or s.strip()), None)
            if beside is None or beside.name in _BLOCKS:
                return text
        return super().convert_br(el, text, parent_tags)

    def convert_li(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if el.parent is None or el.parent.name not in ("ul", "ol"):
            return self.convert_div(el, text, parent_tags)  # an item outside a list
        return super().convert_li(el, text, parent_tags)

    def convert_code(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags or self.plain_code:
            return text
        # A line break in a code span could start an HTML block on the next line, and a `|`
        # would end a table cell in the middle of the code.
        text = " ".join(text.splitlines())
        if "td" in parent_tags or "th" in parent_tags:
            text = text.replace("|", r"\|")
        return super().convert_code(el, text, parent_tags)

    convert_kbd = convert_code
    convert_samp = convert_code

    def convert_pre(self, el: Any, text: str, parent_tags: set[str]) -> str:
        if self.plain_code:
            return self.convert_div(el, text, parent_tags)
        if "_inline" in parent_tags or parent_tags & _ONE_LINE:
            return self.convert_code(el, text, parent_tags)
        text = text.strip("\n")
        if not text:
            return ""
        # The fence is longer than any run of backticks inside, which would otherwise close it.
        longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
        fence = "`" * max(3, longest + 1)
        return f"\n\n{fence}\n{text}\n{fence}\n\n"
