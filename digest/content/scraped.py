"""Raw scraped news text: language line, title, repeated title with photo caption, author, body."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from digest.content.dates import is_date_line
from digest.languages import ALIASES

LANGUAGE_CODES = frozenset(
    """en uk ua ru de fr es it pl pt nl cs sk ro hu bg sr hr sl lt lv et fi sv da no nb el tr ka
    hy az kk be ar he fa zh ja ko""".split()
)
"""The codes a switcher line may list: languages news outlets publish in, and `ua`. Deliberately
not all of ISO 639-1, whose codes make English words (`be`, `my`, `to`)."""
_LANGUAGE_SEPARATORS = re.compile(r"[\s|/·•,;]+")
_CODE_CASES = (str.islower, str.isupper, str.istitle)
_CREDIT = re.compile(
    r"\s*\((?:photo|photos|image|picture|credit|фото|світлина)\s*(?:by)?\s*:?\s*([^()]+)\)\s*$",
    re.IGNORECASE,
)
_AUTHOR = re.compile(r"^(?:authors?|автор(?:ка|и|ы)?)\s*:\s*(.+)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:[Bb]y|[Вв]ід)\s+((?:[A-ZА-ЯІЇЄҐ][\w'’.-]*\s*(?:,|and|і|и)?\s*){1,6})$")
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,|;|\band\b|\bі\b|\bи\b|&)\s*")


@dataclass(frozen=True)
class ScrapedText:
    """What the header lines of a scraped article say, and its paragraphs with their lines."""

    title: str = ""
    title_line: int = 0
    languages: tuple[str, ...] = ()
    caption: str = ""
    credit: str = ""
    authors: tuple[str, ...] = ()
    date_text: str = ""
    date_line: int = 0
    paragraphs: tuple[str, ...] = ()


def parse_scraped(text: str, first_line: int = 1) -> ScrapedText:
    """Read the header lines of scraped text; the rest is paragraphs split at blank lines."""
    lines = [(number, line.strip()) for number, line in enumerate(text.split("\n"), first_line)]
    filled = [(number, line) for number, line in lines if line]
    if not filled:
        return ScrapedText()
    position = 0
    languages = language_switcher(filled[0][1])
    if languages:
        position = 1
    if position >= len(filled):
        return ScrapedText(languages=languages)
    title_line, title = filled[position]
    title = title.lstrip("#").strip()
    fields: dict[str, object] = {}
    position += 1
    while position < len(filled) and _read_header_line(filled[position], title, fields):
        position += 1
    body_start = filled[position][0] if position < len(filled) else lines[-1][0] + 1
    paragraphs = _paragraphs(line for number, line in lines if number >= body_start)
    return ScrapedText(
        title=title,
        title_line=title_line,
        languages=languages,
        paragraphs=tuple(paragraphs),
        **fields,  # type: ignore[arg-type]
    )


def language_switcher(line: str) -> tuple[str, ...]:
    """The languages of a switcher line (`ua en ru`, `UA | EN | RU`, `Ua En Ru`), or ().

    A switcher lists two or more different codes, all written alike (lower, upper or title
    case), separated by spaces, `|`, `/`, `·`, `•`, commas or semicolons; `ua` means `uk`.
    """
    tokens = [t.strip("[]()") for t in _LANGUAGE_SEPARATORS.split(line.strip()) if t.strip("[]()")]
    codes = [token.lower() for token in tokens]
    if len(tokens) < 2 or len(set(codes)) < len(codes):
        return ()
    if not all(code in LANGUAGE_CODES for code in codes):
        return ()
    if not any(all(case(token) for token in tokens) for case in _CODE_CASES):
        return ()
    return tuple(dict.fromkeys(ALIASES.get(code, code) for code in codes))


def _read_header_line(numbered: tuple[int, str], title: str, fields: dict[str, object]) -> bool:
    """Consume one caption, author or date line into `fields`; False at the first body line."""
    number, line = numbered
    if "caption" not in fields and (line.startswith(title) and line != title or _CREDIT.search(line)):
        caption = line[len(title) :].strip() if line.startswith(title) else line
        credit = _CREDIT.search(caption)
        if credit:
            fields["credit"] = credit[1].strip()
            caption = caption[: credit.start()].strip()
        fields["caption"] = caption
        return True
    author = _AUTHOR.match(line) or _BYLINE.match(line)
    if "authors" not in fields and author:
        names = _AUTHOR_SEPARATORS.split(author[1].strip().rstrip("."))
        fields["authors"] = tuple(name for name in names if name)
        return True
    if "date_text" not in fields and is_date_line(line):
        fields["date_text"], fields["date_line"] = line, number
        return True
    return False


def _paragraphs(lines: Iterable[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return paragraphs
