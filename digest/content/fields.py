"""Front-matter fields as real sites spell them, checked and normalised into article metadata."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from digest.content.dates import to_datetime
from digest.content.frontmatter import FrontMatter
from digest.errors import Problem

ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "date": ("date", "published", "pubdate", "publishdate", "published_at", "created"),
    "updated": ("updated", "modified", "lastmod", "last_modified", "updated_at"),
    "authors": ("authors", "author"),
    "topics": ("topics", "tags", "tag", "categories", "category"),
    "actors": ("actors",),
    "actors_exclude": ("actors_exclude", "exclude_actors"),
    "summary": ("summary", "description"),
    "image": ("image", "cover", "featured_image", "images"),
    "image_caption": ("image_caption", "caption"),
    "image_credit": ("image_credit", "credit"),
    "source_name": ("source", "outlet", "publisher"),
    "source_url": ("source_url", "original_url", "canonical_url", "link"),
    "language": ("lang", "language"),
    "draft": ("draft", "status"),
    "slug": ("slug",),
    "translation_key": ("translation_key", "translationkey"),
    "translation_of": ("translation_of", "translationof"),
}
_FIELD_OF = {alias: name for name, aliases in ALIASES.items() for alias in aliases}
_LIST_SEPARATOR = re.compile(r"\s*,\s*")
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,|;|\band\b|&)\s*")
DATE_HINT = "write an ISO 8601 date, e.g. 2024-02-28 or 2024-02-28T10:30:00+02:00"


@dataclass
class Metadata:
    """Normalised article fields gathered from front matter; unknown fields go to `params`."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def read_fields(path: str, front: FrontMatter, tz: tzinfo) -> Metadata:
    """Check each front-matter field against its expected shape; every mistake becomes a Problem."""
    meta = Metadata()
    for key, value in front.fields.items():
        name = _FIELD_OF.get(str(key).lower().replace("-", "_"))
        if name is None:
            meta.params[str(key)] = value
            continue
        line = front.line(key)
        try:
            converted = _CONVERTERS[name](value, tz)
        except ValueError as error:
            hint = DATE_HINT if name in ("date", "updated") else ""
            meta.problems.append(Problem(path, line, f"field `{key}`: {error}", hint))
            continue
        if name in meta.values and isinstance(converted, tuple):
            converted = meta.values[name] + converted
        meta.values[name] = converted
        meta.lines.setdefault(name, line or 0)
    return meta


def _text(value: Any, tz: tzinfo) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError(f"must be text, not {_kind(value)}")
    return str(value).strip()


def _names(separator: re.Pattern[str]) -> Callable[[Any, tzinfo], tuple[str, ...]]:
    def convert(value: Any, tz: tzinfo) -> tuple[str, ...]:
        items = separator.split(value) if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise ValueError(f"must be text or a list of text, not {_kind(value)}")
        names = []
        for item in items:
            if isinstance(item, Mapping) and isinstance(item.get("name"), str):
                item = item["name"]
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                raise ValueError(f"must be a list of text, but holds {_kind(item)} {item!r}")
            if str(item).strip():
                names.append(str(item).strip())
        return tuple(dict.fromkeys(names))

    return convert


def _date(value: Any, tz: tzinfo) -> datetime:
    try:
        return to_datetime(value, tz)
    except (ValueError, OverflowError) as error:
        raise ValueError(f"invalid date {value!r} ({error})") from None


def _draft(value: Any, tz: tzinfo) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _DRAFT_WORDS:
        return _DRAFT_WORDS[value.strip().lower()]
    raise ValueError(f"must be true or false, not {value!r}")


_DRAFT_WORDS = {
    "true": True,
    "yes": True,
    "draft": True,
    "false": False,
    "no": False,
    "published": False,
    "publish": False,
}


def _image(value: Any, tz: tzinfo) -> str:
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, Mapping) and isinstance(value.get("src", value.get("url")), str):
        value = value.get("src", value.get("url"))
    return _text(value, tz)


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    return f"{type(value).__name__} {value!r}"


_CONVERTERS: dict[str, Callable[[Any, tzinfo], Any]] = {
    "title": _text,
    "date": _date,
    "updated": _date,
    "authors": _names(_AUTHOR_SEPARATOR),
    "topics": _names(_LIST_SEPARATOR),
    "actors": _names(_LIST_SEPARATOR),
    "actors_exclude": _names(_LIST_SEPARATOR),
    "summary": _text,
    "image": _image,
    "image_caption": _text,
    "image_credit": _text,
    "source_name": _text,
    "source_url": _text,
    "language": _text,
    "draft": _draft,
    "slug": _text,
    "translation_key": _text,
    "translation_of": _text,
}
