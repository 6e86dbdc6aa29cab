"""A timeline of mentions as inline SVG: one bar per day, ISO week or month."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from digest.render.pictures.svg import (
    ASCENT,
    DESCENT,
    articles,
    check_id,
    day_range,
    heading,
    num,
    svg_open,
    text_width,
)

if TYPE_CHECKING:
    from digest.render.i18n import Messages

DAY_SPAN = 62
"""Spans up to this many days are drawn a bar per day…"""
WEEK_SPAN = 731
"""…up to two years a bar per ISO week (Monday to Sunday), longer spans a bar per month."""


# ---------- Buckets of time ----------


@dataclass(frozen=True)
class Unit:
    """A bucket of time: a day, an ISO week or a calendar month."""

    name: str

    def start(self, day: date) -> date:
        """The first day of the bucket holding `day`."""
        if self.name == "week":
            return day - timedelta(days=day.weekday())
        if self.name == "month":
            return day.replace(day=1)
        return day

    def next(self, start: date) -> date:
        """The first day of the following bucket."""
        if self.name == "week":
            return start + timedelta(days=7)
        if self.name == "month":
            return date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start + timedelta(days=1)

    def end(self, start: date) -> date:
        """The last day of the bucket starting on `start`."""
        return self.next(start) - timedelta(days=1)

    def span(self, start: date, messages: Messages) -> str:
        """The bucket for a bar's tooltip: `16 Feb 2024`, `12–18 Feb 2024`, `Feb 2024`."""
        if self.name == "week":
            return day_range(start, self.end(start), messages)
        return self.edge(start, messages)

    def edge(self, day: date, messages: Messages) -> str:
        """An axis label for one end of the time axis: `16 Feb 2024`, or `Feb 2024`."""
        return messages.format_date(day, "short_month_year" if self.name == "month" else "medium")

    def in_text(self, day: date, messages: Messages, year: bool = True) -> str:
        """The bucket as a sentence names it: `16 February (2024)`, `March (2021)`."""
        if self.name == "month":
            return messages.format_date(day, "month_year" if year else "month", in_text=True)
        return messages.format_date(day, "long" if year else "day_month")


def unit_for(first: date, last: date) -> Unit:
    """Days for spans up to 62 days, ISO weeks up to two years, else months."""
    span = (last - first).days
    if span <= DAY_SPAN:
        return Unit("day")
    return Unit("week") if span <= WEEK_SPAN else Unit("month")


def buckets(counts: Iterable[tuple[date, int]]) -> tuple[Unit, list[tuple[date, int]]]:
    """The unit, and every bucket from the first to the last (empty ones as 0), oldest first."""
    totals: dict[date, int] = {}
    for when, count in counts:
        if count < 0:
            raise ValueError(f"negative count for {when}: {count}")
        day = when.date() if isinstance(when, datetime) else when
        totals[day] = totals.get(day, 0) + count
    if not totals:
        return Unit("day"), []
    unit = unit_for(min(totals), max(totals))
    summed: dict[date, int] = {}
    for day, count in totals.items():
        summed[unit.start(day)] = summed.get(unit.start(day), 0) + count
    result, start, last = [], unit.start(min(totals)), unit.start(max(totals))
    while start <= last:
        result.append((start, summed.get(start, 0)))
        start = unit.next(start)
    return unit, result


# ---------- Timeline ----------


@dataclass(frozen=True)
class Frame:
    """Where a timeline's bars go: the plot area and each bar's slot."""

    width: int
    top: float
    base: float
    pitch: float
    bar: float

    def centre(self, index: int) -> float:
        """The x of the middle of bar `index`."""
        return (index + 0.5) * self.pitch

    def height(self, count: int, peak: int) -> float:
        """A bar's length: proportional to its count; at least 1.5 px unless 0, 1 px if 0."""
        if count == 0:
            return 1.0
        return max(1.5, (self.base - self.top) * count / peak)


TL_FONT = 12
"""Font size of the timeline's labels, in px…"""
TL_FONT_MAX = 18
"""…and the size the theme's CSS may enlarge them to where the picture is scaled down: the layout
leaves room for it (the labels hang from the lines they are measured from)."""


def frame(width: int, height: int, slots: int) -> Frame:
    """The layout of a timeline of `slots` bars."""
    pitch = width / slots
    bar = min(pitch * 0.75, pitch - 1, 40.0) if pitch > 2 else pitch * 0.9
    top = math.ceil(TL_FONT_MAX * ASCENT + 5)
    base = math.floor(height - TL_FONT_MAX * (ASCENT + DESCENT) - 5)
    return Frame(width, top, base, pitch, bar)


def timeline_desc(unit: Unit, series: Sequence[tuple[date, int]], messages: Messages) -> str:
    """The timeline in words: its unit, its span, its total and its peak."""
    total = sum(count for _, count in series)
    first, last = series[0][0], unit.end(series[-1][0])
    if len(series) == 1:
        text = messages.ngettext(
            "%(num)d article on %(day)s.", "%(num)d articles on %(day)s.", total
        )
        return text % {"num": total, "day": messages.format_date(first)}
    peak_start, peak = max(series, key=lambda item: (item[1], -item[0].toordinal()))
    same_year = first.year == last.year
    return span_sentence(unit, messages) % {
        "first": unit.in_text(first, messages, not same_year),
        "last": unit.in_text(last, messages),
        "total": total,
        "peak": unit.in_text(peak_start, messages, not same_year),
        "count": peak,
    }


def span_sentence(unit: Unit, messages: Messages) -> str:
    """The sentence that describes a timeline of many bars, in `unit`s."""
    _ = messages.gettext
    if unit.name == "month":
        return _(
            "Articles per month from %(first)s to %(last)s, %(total)d in all;"
            " most in %(peak)s (%(count)d)."
        )
    if unit.name == "week":
        return _(
            "Articles per week from %(first)s to %(last)s, %(total)d in all;"
            " most in the week of %(peak)s (%(count)d)."
        )
    return _(
        "Articles per day from %(first)s to %(last)s, %(total)d in all;"
        " most on %(peak)s (%(count)d)."
    )


def timeline_bars(
    unit: Unit, series: Sequence[tuple[date, int]], box: Frame, messages: Messages
) -> str:
    """One bar per bucket, each with a tooltip; drawn as strokes, painted by `.tl-bar`."""
    peak = max(count for _, count in series)
    bars = "".join(
        f'<path d="M{num(box.centre(i))} {num(box.base)}'
        f'V{num(box.base - box.height(count, peak))}">'
        f"<title>{escape(bar_title(unit.span(start, messages), count, messages))}</title></path>"
        for i, (start, count) in enumerate(series)
    )
    return (
        f'<g class="tl-bar" stroke="currentColor" stroke-opacity=".75"'
        f' stroke-width="{num(box.bar)}">{bars}</g>'
    )


def bar_title(when: str, count: int, messages: Messages) -> str:
    """A bar's tooltip: `12–18 Feb 2024: 2 articles`."""
    text = messages.ngettext("%(when)s: %(num)d article", "%(when)s: %(num)d articles", count)
    return text % {"when": when, "num": count}


def timeline_axes(box: Frame) -> str:
    """The baseline and a dotted line at the highest bar."""
    grid = f'<path d="M0 {num(box.top)}H{box.width}" stroke-dasharray="2 3"/>'
    base = f'<path d="M0 {num(box.base + 0.5)}H{box.width}"/>'
    return f'<g class="tl-axis" stroke="currentColor" stroke-opacity=".35">{grid}{base}</g>'


def timeline_labels(
    unit: Unit, series: Sequence[tuple[date, int]], box: Frame, messages: Messages
) -> str:
    """The highest count above its line, and the dates at both ends of the time axis."""
    peak = max(count for _, count in series)
    first = unit.edge(series[0][0], messages)
    last = unit.edge(unit.end(series[-1][0]), messages)
    left = box.centre(0) - box.bar / 2
    right = box.centre(len(series) - 1) + box.bar / 2
    texts = [f'<text x="0" y="{num(box.top - 4)}">{escape(articles(peak, messages))}</text>']
    # dy in em: the dates hang below the baseline whatever size the theme gives them.
    hang = f'y="{num(box.base + 4)}" dy=".8em"'
    room = right - left - text_width(first, TL_FONT_MAX) - text_width(last, TL_FONT_MAX)
    if first != last and room >= TL_FONT_MAX:
        texts.append(f'<text x="{num(left)}" {hang}>{escape(first)}</text>')
        texts.append(f'<text x="{num(right)}" {hang} text-anchor="end">{escape(last)}</text>')
    else:
        both = first if first == last else f"{first}–{last}"
        half = min(text_width(both, TL_FONT_MAX), box.width) / 2
        x = min(max((left + right) / 2, half), box.width - half)
        texts.append(f'<text x="{num(x)}" {hang} text-anchor="middle">{escape(both)}</text>')
    return f'<g class="tl-label" fill="currentColor">{"".join(texts)}</g>'


def timeline_svg(
    counts: Sequence[tuple[date, int]],
    *,
    label: str,
    id_prefix: str,
    messages: Messages,
    width: int = 640,
    height: int = 120,
) -> Markup:
    """Mentions over time as a bar chart: one bar per bucket, in the language of `messages`."""
    check_id(id_prefix)
    if width < 160 or height < 80:
        raise ValueError(f"a timeline needs at least 160 × 80 px, not {width} × {height}")
    unit, series = buckets(counts)
    if not any(count for _, count in series):
        return Markup("")
    box = frame(width, height, len(series))
    aria = f'role="img" aria-labelledby="{id_prefix}-title {id_prefix}-desc"'
    return Markup(
        svg_open(width, height, "timeline", aria, TL_FONT)
        + heading(id_prefix, label, timeline_desc(unit, series, messages))
        + timeline_axes(box)
        + timeline_bars(unit, series, box, messages)
        + timeline_labels(unit, series, box, messages)
        + "</svg>"
    )
