"""Dates as sites write them become time-zone aware datetimes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from digest.content.dates import date_from_file_name, is_date_line, to_datetime

KYIV = ZoneInfo("Europe/Kyiv")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-11-22 5:00:00 +0000", datetime(2013, 11, 22, 5, tzinfo=UTC)),
        ("2020-12-2", datetime(2020, 12, 2, tzinfo=KYIV)),
        ("2024-02-28T10:30:00Z", datetime(2024, 2, 28, 10, 30, tzinfo=UTC)),
        ("2024-02-28T10:30:00+02:00", datetime(2024, 2, 28, 8, 30, tzinfo=UTC)),
        ("2024-02-28 10:30", datetime(2024, 2, 28, 10, 30, tzinfo=KYIV)),
        ("28 February 2024", datetime(2024, 2, 28, tzinfo=KYIV)),
        ("February 28, 2024 10:30", datetime(2024, 2, 28, 10, 30, tzinfo=KYIV)),
        (date(2024, 2, 28), datetime(2024, 2, 28, tzinfo=KYIV)),
        (datetime(2024, 2, 28, 9), datetime(2024, 2, 28, 9, tzinfo=KYIV)),
    ],
)
def test_date_spellings(value: object, expected: datetime) -> None:
    parsed = to_datetime(value, KYIV)
    assert parsed == expected
    assert parsed.tzinfo is not None


def test_offset_is_kept() -> None:
    parsed = to_datetime("2024-03-18 9:00:00 +0300", KYIV)
    assert parsed.utcoffset() == timedelta(hours=3)
    assert parsed.tzinfo != KYIV or parsed.utcoffset() == timezone(timedelta(hours=3)).utcoffset(
        None
    )


@pytest.mark.parametrize("value", ["2024-13-01", "soon", "", 42, ["2024-01-01"]])
def test_invalid_dates_raise(value: object) -> None:
    with pytest.raises(ValueError):
        to_datetime(value, KYIV)


def test_date_from_file_name() -> None:
    assert date_from_file_name("2024-02-28-belgium.txt", UTC) == datetime(2024, 2, 28, tzinfo=UTC)
    assert date_from_file_name("2024-2-8-x.md", UTC) == datetime(2024, 2, 8, tzinfo=UTC)
    assert date_from_file_name("belgium.txt", UTC) is None
    assert date_from_file_name("2024-02-31-x.md", UTC) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("28 February 2024, 10:30", True),
        ("Wednesday, 28 February 2024 14:05 EET", True),
        ("Published: 2024-02-28", True),
        ("In 2024, Belgium intends to provide aid.", False),
        ("Previously, on February 26, a meeting took place.", False),
    ],
)
def test_date_lines(line: str, expected: bool) -> None:
    assert is_date_line(line) is expected
