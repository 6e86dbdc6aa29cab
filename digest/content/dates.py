"""Dates as real sites write them, made time-zone aware."""

from __future__ import annotations

import re
from datetime import date, datetime, time, tzinfo

from dateutil import parser as dateutil_parser

_FILE_NAME_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[-_T]|$)")
_LOOSE_ISO = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$"
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE_LINE = re.compile(
    rf"^(?:(?:published|updated|date)\s*:?\s*)?"
    rf"(?:\w+,\s*)?(?:\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})"
    rf"(?:[,\s]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?m\.?)?)?(?:\s*\w{{2,5}})?$",
    re.IGNORECASE,
)


def to_datetime(value: object, tz: tzinfo) -> datetime:
    """A front-matter value (string, date or datetime) as an aware datetime; ValueError if not."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=tz)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected a date, got {type(value).__name__} {value!r}")
    text = value.strip()
    parsed = _parse_loose_iso(text)
    if parsed is None:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            parsed = _parse_words(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=tz)


def _parse_loose_iso(text: str) -> datetime | None:
    """`2020-12-2`, `2013-11-22 5:00:00 +0000`: ISO 8601 with unpadded parts, as sites write it."""
    match = _LOOSE_ISO.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    stamp = f"{year}-{int(month):02}-{int(day):02}T{int(hour or 0):02}:{minute or '00'}"
    stamp += f":{second or '00'}"
    if zone:
        stamp += "+00:00" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
    return datetime.fromisoformat(stamp)


def _parse_words(text: str) -> datetime:
    """`28 February 2024`, `Feb 28, 2024 10:30`: written-out dates, day first when ambiguous."""
    if not re.search(r"\d{4}", text):
        raise ValueError(f"not a date: {text!r}")
    try:
        return dateutil_parser.parse(text, dayfirst=True)
    except (ValueError, OverflowError) as error:
        raise ValueError(f"not a date: {text!r}") from error


def date_from_file_name(name: str, tz: tzinfo) -> datetime | None:
    """The date of a `YYYY-MM-DD-slug.md` file name, if it has one."""
    match = _FILE_NAME_DATE.match(name)
    if match is None:
        return None
    try:
        return datetime(int(match[1]), int(match[2]), int(match[3]), tzinfo=tz)
    except ValueError:
        return None


def is_date_line(line: str) -> bool:
    """True for a line that holds only a date (and maybe a time), as scraped pages print it."""
    return bool(_DATE_LINE.match(line.strip()))
