"""An imported article as the Markdown file `digest import` writes: front matter and body."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from digest.importing.items import ImportedArticle
from digest.slugs import slugify

_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
MAX_SUMMARY = 500
"""A summary longer than this (characters) is cut at a word."""


def article_text(article: ImportedArticle, body: str, date: datetime, language: str) -> str:
    """The file: YAML front matter (strings written as JSON, which YAML reads as they are),
    then the body in Markdown."""
    fields: list[tuple[str, object]] = [
        ("title", article.title),
        ("date", date.isoformat()),
    ]
    if article.updated and article.updated > date:
        fields.append(("updated", article.updated.isoformat()))
    fields += [
        ("authors", list(article.authors)),
        ("source", article.source_name),
        ("source_url", article.url),
        ("language", language),
        ("summary", _shortened(article.summary)),
        ("topics", list(article.topics)),
        ("image", article.image),
    ]
    lines = ["---"]
    for name, value in fields:
        if isinstance(value, list):
            value = [text for text in map(_printable, value) if text]
        elif isinstance(value, str):
            value = _printable(value)
        if value:
            shown = value if name in ("date", "updated") else json.dumps(value, ensure_ascii=False)
            lines.append(f"{name}: {shown}")
    lines += ["---", "", body.strip() or _shortened(article.summary) or article.title, ""]
    return _printable("\n".join(lines))


def _printable(text: str) -> str:
    """The text without what YAML refuses in a file or is no text (control characters but
    tab and line breaks, DEL and the C1 controls but NEL) and what UTF-8 cannot hold (lone
    surrogates)."""
    return _UNPRINTABLE.sub("", text)


def file_name(
    article: ImportedArticle, date: datetime, language: str, taken: Callable[[str], bool]
) -> str:
    """`YYYY-MM-DD-slug.md`, with `-2`, `-3`… when that name is taken. Made of a slug (letters,
    digits and hyphens), so it names a file in the import folder and nowhere else."""
    stem = f"{date:%Y-%m-%d}-{slugify(article.title, fallback='article', language=language)}"
    name, number = f"{stem}.md", 1
    while taken(name):
        number += 1
        name = f"{stem}-{number}.md"
    assert Path(name).name == name and not name.startswith(".")
    return name


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= MAX_SUMMARY:
        return text
    return text[:MAX_SUMMARY].rsplit(" ", 1)[0].rstrip(",;:") + "…"
