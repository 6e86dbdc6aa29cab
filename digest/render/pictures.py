"""Pictures drawn at build time as inline SVG: a timeline of mentions and a network of actors.

Pure functions of their arguments: no JavaScript, no requests, no hard-coded colours (shapes
use `currentColor` and classes the theme's CSS paints), and the same input gives the same bytes.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from markupsafe import Markup, escape

__all__ = ["network_svg", "timeline_svg"]

FONT = 'font-family="system-ui, sans-serif"'
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
ID = re.compile(r"[A-Za-z][\w-]*")

DAY_SPAN = 62
"""Spans up to this many days are drawn a bar per day…"""
WEEK_SPAN = 731
"""…up to two years a bar per ISO week (Monday to Sunday), longer spans a bar per month."""

CHAR_EM = 0.62
"""Approximate width of a character, in font sizes (wide East Asian ones count twice); a little
more than the 0.6 usual for system fonts, so that names keep clear of the edges."""
ASCENT, DESCENT = 0.8, 0.25
"""Approximate height of a line of text above and below its baseline, in font sizes."""


# ---------- Shared helpers ----------


def num(value: float) -> str:
    """A coordinate rounded to one decimal, without a trailing `.0` or a `-0`."""
    text = f"{round(value, 1):.1f}".removesuffix(".0")
    return "0" if text == "-0" else text


def text_width(text: str, font_size: float) -> float:
    """Approximate rendered width of a line of text."""
    units = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return units * CHAR_EM * font_size


def plural(count: int, noun: str = "article") -> str:
    """`1 article`, `3 articles`."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


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


# ---------- Dates ----------


def short_month(day: date) -> str:
    """`Feb`."""
    return MONTHS[day.month - 1][:3]


def medium_day(day: date) -> str:
    """`16 Feb 2024`."""
    return f"{day.day} {short_month(day)} {day.year}"


def long_day(day: date, year: bool = True) -> str:
    """`16 February 2024`, or `16 February` without the year."""
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def long_month(day: date, year: bool = True) -> str:
    """`February 2024`, or `February` without the year."""
    return f"{MONTHS[day.month - 1]} {day.year}" if year else MONTHS[day.month - 1]


def day_range(first: date, last: date) -> str:
    """A compact range of days: `12–18 Feb 2024`, `26 Feb–3 Mar 2024`, `30 Dec 2024–5 Jan 2025`."""
    if first.year != last.year:
        return f"{medium_day(first)}–{medium_day(last)}"
    if first.month != last.month:
        return f"{first.day} {short_month(first)}–{medium_day(last)}"
    return f"{first.day}–{medium_day(last)}"


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

    def span(self, start: date) -> str:
        """The bucket for a bar's tooltip: `16 Feb 2024`, `12–18 Feb 2024`, `Feb 2024`."""
        if self.name == "week":
            return day_range(start, self.end(start))
        if self.name == "month":
            return f"{short_month(start)} {start.year}"
        return medium_day(start)

    def edge(self, day: date) -> str:
        """An axis label for one end of the time axis."""
        return f"{short_month(day)} {day.year}" if self.name == "month" else medium_day(day)


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


def timeline_desc(unit: Unit, series: Sequence[tuple[date, int]]) -> str:
    """The timeline in words: its unit, its span, its total and its peak."""
    total = sum(count for _, count in series)
    first, last = series[0][0], unit.end(series[-1][0])
    if len(series) == 1:
        return f"{plural(total)} on {long_day(first)}."
    peak_start, peak = max(series, key=lambda item: (item[1], -item[0].toordinal()))
    same_year = first.year == last.year
    if unit.name == "month":
        span = f"from {long_month(first, not same_year)} to {long_month(last)}"
        when = f"in {long_month(peak_start, not same_year)}"
    else:
        span = f"from {long_day(first, not same_year)} to {long_day(last)}"
        when = long_day(peak_start, not same_year)
        when = f"in the week of {when}" if unit.name == "week" else f"on {when}"
    return f"Articles per {unit.name} {span}, {total} in all; most {when} ({peak})."


def timeline_bars(unit: Unit, series: Sequence[tuple[date, int]], box: Frame) -> str:
    """One bar per bucket, each with a tooltip; drawn as strokes, painted by `.tl-bar`."""
    peak = max(count for _, count in series)
    bars = "".join(
        f'<path d="M{num(box.centre(i))} {num(box.base)}'
        f'V{num(box.base - box.height(count, peak))}">'
        f"<title>{unit.span(start)}: {plural(count)}</title></path>"
        for i, (start, count) in enumerate(series)
    )
    return (
        f'<g class="tl-bar" stroke="currentColor" stroke-opacity=".75"'
        f' stroke-width="{num(box.bar)}">{bars}</g>'
    )


def timeline_axes(box: Frame) -> str:
    """The baseline and a dotted line at the highest bar."""
    grid = f'<path d="M0 {num(box.top)}H{box.width}" stroke-dasharray="2 3"/>'
    base = f'<path d="M0 {num(box.base + 0.5)}H{box.width}"/>'
    return f'<g class="tl-axis" stroke="currentColor" stroke-opacity=".35">{grid}{base}</g>'


def timeline_labels(unit: Unit, series: Sequence[tuple[date, int]], box: Frame) -> str:
    """The highest count above its line, and the dates at both ends of the time axis."""
    peak = max(count for _, count in series)
    first, last = unit.edge(series[0][0]), unit.edge(unit.end(series[-1][0]))
    left = box.centre(0) - box.bar / 2
    right = box.centre(len(series) - 1) + box.bar / 2
    texts = [f'<text x="0" y="{num(box.top - 4)}">{plural(peak)}</text>']
    # dy in em: the dates hang below the baseline whatever size the theme gives them.
    hang = f'y="{num(box.base + 4)}" dy=".8em"'
    room = right - left - text_width(first, TL_FONT_MAX) - text_width(last, TL_FONT_MAX)
    if first != last and room >= TL_FONT_MAX:
        texts.append(f'<text x="{num(left)}" {hang}>{first}</text>')
        texts.append(f'<text x="{num(right)}" {hang} text-anchor="end">{last}</text>')
    else:
        both = first if first == last else f"{first}–{last}"
        half = min(text_width(both, TL_FONT_MAX), box.width) / 2
        x = min(max((left + right) / 2, half), box.width - half)
        texts.append(f'<text x="{num(x)}" {hang} text-anchor="middle">{both}</text>')
    return f'<g class="tl-label" fill="currentColor">{"".join(texts)}</g>'


def timeline_svg(
    counts: Sequence[tuple[date, int]],
    *,
    label: str,
    id_prefix: str,
    width: int = 640,
    height: int = 120,
) -> Markup:
    """Mentions over time as a bar chart: one bar per bucket."""
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
        + heading(id_prefix, label, timeline_desc(unit, series))
        + timeline_axes(box)
        + timeline_bars(unit, series, box)
        + timeline_labels(unit, series, box)
        + "</svg>"
    )


# ---------- Network ----------

NW_FONT = 12
"""Font size of every name in the network, in px."""
LINE = 14
"""Distance between the baselines of a name's lines."""
MARGIN = 4
NODE = 6.0
"""Radius of a neighbour's circle."""
GAP = 5
"""Space between a circle and its name."""
PAD = 7
"""Space between the centre's name and the edge of its box."""
MAX_NEIGHBOURS = 12


@dataclass(frozen=True)
class Label:
    """A name laid out beside its node: its lines, anchor and each line's baseline."""

    lines: tuple[str, ...]
    x: float
    ys: tuple[float, ...]
    anchor: str

    @property
    def top(self) -> float:
        """Approximately where the first line's letters start."""
        return self.ys[0] - NW_FONT * ASCENT if self.ys else math.inf

    @property
    def bottom(self) -> float:
        """Approximately where the last line's letters end."""
        return self.ys[-1] + NW_FONT * DESCENT if self.ys else -math.inf


@dataclass(frozen=True)
class Node:
    """A neighbour placed on the ellipse, with its name beside it."""

    name: str
    weight: int
    url: str
    x: float
    y: float
    label: Label


@dataclass(frozen=True)
class Centre:
    """The actor itself: its name in a rounded box in the middle."""

    name: str
    x: float
    y: float
    half_width: float
    half_height: float
    label: Label


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


def baselines(lines: int, middle: float) -> tuple[float, ...]:
    """The baselines of `lines` lines whose block of text is centred on `middle`."""
    first = middle + NW_FONT * (ASCENT - DESCENT) / 2 - LINE * (lines - 1) / 2
    return tuple(first + LINE * i for i in range(lines))


def block_height(lines: int) -> float:
    """The height of `lines` lines of text, from the first's ascent to the last's descent."""
    return LINE * (lines - 1) + NW_FONT * (ASCENT + DESCENT)


def place(name: str, x: float, y: float, angle: float, size: int) -> Label:
    """A neighbour's name outside its node: to the right, to the left, above or below."""
    cos, sin = math.cos(angle), math.sin(angle)
    if abs(cos) < 0.2:
        room = min(2 * min(x, size - x) - 2 * MARGIN, size * 0.5)
        lines = wrap(name, room, NW_FONT)
        middle = y + math.copysign(block_height(len(lines)) / 2 + NODE + GAP, sin)
        return Label(tuple(lines), x, baselines(len(lines), middle), "middle")
    side = 1 if cos > 0 else -1
    text_x = x + side * (NODE + GAP)
    room = (size - MARGIN - text_x) if side > 0 else (text_x - MARGIN)
    lines = wrap(name, room, NW_FONT)
    return Label(tuple(lines), text_x, baselines(len(lines), y), "start" if side > 0 else "end")


def angles(count: int) -> list[float]:
    """Evenly spaced, clockwise from just right of the top; a single neighbour sits right."""
    if count == 1:
        return [0.0]
    step = 2 * math.pi / count
    return [-math.pi / 2 + step * (i + 0.5) for i in range(count)]


def radii(size: int) -> tuple[float, float]:
    """The ellipse the neighbours sit on: narrow, leaving room beside it for two-line names."""
    return size * 0.22, size / 2 - (MARGIN + NODE + GAP + block_height(2))


def layout(neighbours: Sequence[tuple[str, int, str]], size: int) -> list[Node]:
    """Each neighbour on the ellipse around the middle, its name outside it."""
    rx, ry = radii(size)
    nodes = []
    for (name, weight, url), angle in zip(neighbours, angles(len(neighbours)), strict=True):
        x, y = size / 2 + rx * math.cos(angle), size / 2 + ry * math.sin(angle)
        nodes.append(Node(name, weight, url, x, y, place(name, x, y, angle, size)))
    return nodes


def centre_layout(name: str, size: int) -> Centre:
    """The centre's name in up to three lines, in a box that leaves the edges visible."""
    c = size / 2
    room = 2 * (radii(size)[0] - NODE - 12 - PAD)
    lines = wrap(name, room, NW_FONT, max_lines=3)
    half_width = max(text_width(line, NW_FONT) for line in lines) / 2 + PAD if lines else NODE
    half_height = block_height(len(lines)) / 2 + PAD * 0.6 if lines else NODE
    label = Label(tuple(lines), c, baselines(len(lines), c), "middle")
    return Centre(name, c, c, half_width, half_height, label)


def edge_width(weight: int, heaviest: int) -> float:
    """Stroke width proportional to the weight: 6 px for the heaviest, at least 1 px."""
    return max(1.0, 6 * weight / heaviest)


def label_svg(label: Label) -> str:
    """A `<text>` for a laid-out name: one line, or one `<tspan>` per line."""
    anchor = "" if label.anchor == "start" else f' text-anchor="{label.anchor}"'
    x = num(label.x)
    if len(label.lines) == 1:
        return f'<text x="{x}" y="{num(label.ys[0])}"{anchor}>{escape(label.lines[0])}</text>'
    spans = "".join(
        f'<tspan x="{x}" y="{num(y)}">{escape(line)}</tspan>'
        for line, y in zip(label.lines, label.ys, strict=True)
    )
    return f"<text{anchor}>{spans}</text>"


def edge_svg(node: Node, centre: Centre, heaviest: int) -> str:
    """A spoke from the edge of the centre's box to the neighbour, as wide as its weight."""
    dx, dy = node.x - centre.x, node.y - centre.y
    reach = min(
        centre.half_width / abs(dx) if dx else math.inf,
        centre.half_height / abs(dy) if dy else math.inf,
    )
    x, y = centre.x + dx * reach, centre.y + dy * reach
    width = num(edge_width(node.weight, heaviest))
    return f'<path d="M{num(x)} {num(y)}L{num(node.x)} {num(node.y)}" stroke-width="{width}"/>'


def node_svg(node: Node) -> str:
    """A link to the neighbour's page: its circle and name, titled with the full name."""
    title = f"{escape(node.name)}: {plural(node.weight, 'shared article')}"
    circle = f'<circle cx="{num(node.x)}" cy="{num(node.y)}" r="{num(NODE)}"/>'
    # color="inherit": without the theme's CSS, a browser's own link blue would be hard to read
    # on a dark page; the theme paints the links itself.
    return (
        f'<a href="{escape(node.url)}" color="inherit"><title>{title}</title>{circle}'
        f"{label_svg(node.label)}</a>"
    )


def centre_svg(centre: Centre) -> str:
    """The actor's name in a rounded box, titled with its full name."""
    box = (
        f'<rect x="{num(centre.x - centre.half_width)}" y="{num(centre.y - centre.half_height)}"'
        f' width="{num(2 * centre.half_width)}" height="{num(2 * centre.half_height)}" rx="4"'
        ' fill="currentColor" fill-opacity=".08" stroke="currentColor" stroke-width="1.5"/>'
    )
    return (
        '<g class="nw-centre" fill="currentColor" font-weight="700">'
        f"<title>{escape(centre.name)}</title>{box}{label_svg(centre.label)}</g>"
    )


def network_desc(center: str, shown: Sequence[tuple[str, int, str]]) -> str:
    """The picture in words: who appears with the actor most, and how often."""
    named = [f"{name} ({plural(weight)})" for name, weight, _ in shown[:3]]
    if len(shown) > 3:
        named.append(plural(len(shown) - 3, "other"))
    listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    return f"{center} appears in articles with {listed}."


def vertical_extent(nodes: Sequence[Node], centre: Centre, size: int) -> tuple[float, float]:
    """The top and height of the band that holds everything drawn, within the square."""
    tops = [centre.y - centre.half_height, *(min(n.y - NODE, n.label.top) for n in nodes)]
    bottoms = [centre.y + centre.half_height, *(max(n.y + NODE, n.label.bottom) for n in nodes)]
    top = max(0.0, math.floor(min(tops) - MARGIN))
    return top, min(float(size), math.ceil(max(bottoms) + MARGIN)) - top


def network_svg(
    center: str,
    neighbours: Sequence[tuple[str, int, str]],
    *,
    label: str,
    id_prefix: str,
    size: int = 360,
) -> Markup:
    """An actor and the actors it appears with: a radial picture, links to their pages."""
    check_id(id_prefix)
    shown = list(neighbours[:MAX_NEIGHBOURS])
    if not shown:
        return Markup("")
    heaviest = max(1, *(weight for _, weight, _ in shown))
    nodes, centre = layout(shown, size), centre_layout(center, size)
    top, height = vertical_extent(nodes, centre, size)
    # Not role="img": the children of an img are presentational, which would hide the links
    # from assistive technology. role="group", named by the title and described by the desc,
    # keeps every link reachable by keyboard and screen reader.
    aria = f'role="group" aria-labelledby="{id_prefix}-title" aria-describedby="{id_prefix}-desc"'
    return Markup(
        svg_open(size, height, "network", aria, NW_FONT, top=top)
        + heading(id_prefix, label, network_desc(center, shown))
        + '<g class="nw-edge" stroke="currentColor" stroke-opacity=".35">'
        + "".join(edge_svg(node, centre, heaviest) for node in nodes)
        + '</g><g class="nw-node" fill="currentColor">'
        + "".join(node_svg(node) for node in nodes)
        + "</g>"
        + centre_svg(centre)
        + "</svg>"
    )
