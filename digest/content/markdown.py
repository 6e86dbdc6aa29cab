"""The one Markdown setup: CommonMark, tables, strikethrough, footnotes, heading anchors, safe HTML."""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from functools import cache

import nh3
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.footnote import footnote_plugin

MORE_MARKER = re.compile(r"^\s*<!--\s*more\s*-->\s*$", re.MULTILINE | re.IGNORECASE)
WORDS_PER_MINUTE = 220
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")

_TAGS = nh3.ALLOWED_TAGS | {"section", "figure", "figcaption", "picture", "source", "video"}
_ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    **{tag: {"id"} for tag in ("h1", "h2", "h3", "h4", "h5", "h6")},
    "li": {"id", "class"},
    "sup": {"id", "class"},
    "a": {"href", "hreflang", "title", "id", "class"},
    "img": {"src", "alt", "title", "width", "height", "loading"},
    "section": {"class"},
    "ol": {"class", "start"},
    "hr": {"class"},
    "source": {"src", "srcset", "type", "media"},
    "video": {"src", "controls", "poster", "width", "height"},
    "th": {"align", "style"},
    "td": {"align", "style"},
}


@dataclass(frozen=True)
class Body:
    """An article body rendered to HTML, with what listings and counters need."""

    html: str
    lead: str
    """The summary as plain text: the text before `<!-- more -->`, else the first paragraph."""
    word_count: int
    text: str = ""
    """The body as plain text, one block (paragraph, heading, list item) per line pair."""

    @property
    def reading_time(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE))


@cache
def markdown_parser() -> MarkdownIt:
    """The parser every article body goes through (also what imports are checked with)."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.core.ruler.push("demote_headings", _demote_headings)
    return md.use(footnote_plugin).use(anchors_plugin, min_level=2, max_level=4)


def _demote_headings(state: StateCore) -> None:
    """Body headings start at h2 when a body uses h1: the title is the page's one h1."""
    headings = [t for t in state.tokens if t.type in ("heading_open", "heading_close")]
    if any(t.tag == "h1" for t in headings):
        for token in headings:
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


def render_markdown(text: str, trusted: bool = False) -> Body:
    """Render Markdown; raw HTML is cleaned with an allow-list unless the content is trusted."""
    md = markdown_parser()
    tokens = md.parse(text, {})
    rendered = md.renderer.render(tokens, md.options, {})
    if not trusted:
        rendered = sanitize(rendered)
    blocks = [_inline_text(t) for t in tokens if t.type == "inline"]
    plain = "\n\n".join(block for block in blocks if block)
    more = MORE_MARKER.search(text)
    if more:
        lead = _plain_text(md.parse(text[: more.start()], {}))
    else:
        lead = _first_paragraph(tokens)
    return Body(rendered, lead, count_words(plain), plain)


def render_paragraphs(paragraphs: list[str]) -> Body:
    """Plain text paragraphs (scraped news) as escaped HTML; nothing in them is markup."""
    rendered = "".join(f"<p>{html.escape(p, quote=False)}</p>\n" for p in paragraphs)
    plain = "\n\n".join(paragraphs)
    return Body(rendered, paragraphs[0] if paragraphs else "", count_words(plain), plain)


def sanitize(fragment: str) -> str:
    """Keep only allow-listed tags, attributes and URL schemes: no scripts, handlers or js URLs."""
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


def _first_paragraph(tokens: list[Token]) -> str:
    for index, token in enumerate(tokens):
        if token.type == "paragraph_open" and token.level == 0:
            return _inline_text(tokens[index + 1])
    return ""


def _plain_text(tokens: list[Token]) -> str:
    return " ".join(_inline_text(t) for t in tokens if t.type == "inline").strip()


def _inline_text(token: Token) -> str:
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()
