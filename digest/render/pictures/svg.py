"""What every picture shares: numbers, text widths and wrapping, ids, headings, date labels.

The pictures are inline SVG drawn at build time; no hard-coded colours (shapes use
`currentColor` and classes the theme's CSS paints), and no English of their own: every word
and date comes from the `Messages` of the page's language.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING

from markupsafe import escape

if TYPE_CHECKING:
    from digest.render.i18n import Messages

FONT = 'font-family="system-ui, sans-serif"'
ID = re.compile(r"[A-Za-z][\w-]*")

CHAR_EM = 0.62
"""Approximate width of a character, in font sizes (wide East Asian ones count twice); a little
more than the 0.6 usual for system fonts, so that names keep clear of the edges."""
ASCENT, DESCENT = 0.8, 0.25
"""Approximate height of a line of text above and below its baseline, in font sizes."""


# ---------- Numbers, ids, headings ----------


def num(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing `.0` or a `-0`."""
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def text_width(text: str, font_size: float) -> float:
    """Approximate rendered width of a line of text."""
    units = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return units * CHAR_EM * font_size


def check_id(id_prefix: str) -> str:
    """The prefix, if it makes valid XML and HTML ids."""
    if not ID.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must be a letter then letters, digits, - or _: {id_prefix!r}")
    return id_prefix


def heading(id_prefix: str, label: str, desc: str) -> str:
    """The `<title>` and `<desc>` that name and describe a picture."""
    return (
        f'<title id="{id_prefix}-title">{escape(label)}</title>'
        f'<desc id="{id_prefix}-desc">{escape(desc)}</desc>'
    )


def svg_open(
    width: int, height: float, css_class: str, aria: str, font_size: int, top: float = 0
) -> str:
    """The root element's start tag: sized, scalable, styled with system fonts."""
    w, h = num(width), num(height)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {num(top)} {w} {h}" width="{w}"'
        f' height="{h}" {aria} class="{css_class}" {FONT} font-size="{font_size}px">'
    )


# ---------- Text ----------


def wrap(text: str, room: float, font_size: float, max_lines: int = 2) -> list[str]:
    """The text in at most `max_lines` lines of `room` px (two lines balanced); cut with `…`."""
    words = text.split()
    if max_lines == 2 and len(words) > 1 and text_width(text, font_size) > room:
        splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
        widths = [max(text_width(line, font_size) for line in pair) for pair in splits]
        if min(widths) <= room:
            return list(splits[widths.index(min(widths))])
    lines: list[str] = []
    for word in words:
        if lines and text_width(f"{lines[-1]} {word}", font_size) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    kept = [*lines[: max_lines - 1], " ".join(lines[max_lines - 1 :])]
    return [clip(line, room, font_size) for line in kept if line]


def clip(line: str, room: float, font_size: float) -> str:
    """The line, or as much as fits `room` px followed by `…`."""
    if text_width(line, font_size) <= room:
        return line
    while line and text_width(line + "…", font_size) > room:
        line = line[:-1]
    return line.rstrip() + "…"


# ---------- Words and dates ----------


def articles(count: int, messages: Messages) -> str:
    """`1 article`, `3 articles`; `3 статті`, `5 статей`."""
    return messages.ngettext("%(num)d article", "%(num)d articles", count) % {"num": count}


def day_range(first: date, last: date, messages: Messages) -> str:
    """A compact range of days: `12–18 Feb 2024`, `26 Feb–3 Mar 2024`, `30 Dec 2024–5 Jan 2025`."""
    if first.year != last.year:
        start = messages.format_date(first, "medium")
    elif first.month != last.month:
        start = messages.format_date(first, "short_day_month")
    else:
        start = str(first.day)
    return f"{start}–{messages.format_date(last, 'medium')}"
