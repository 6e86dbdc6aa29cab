"""A network of actors as inline SVG: an actor in the middle, the actors it appears with round it.

Each neighbour is a link to its page, its name placed and wrapped to stay inside the picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from digest.render.pictures.svg import (
    ASCENT,
    DESCENT,
    articles,
    check_id,
    heading,
    num,
    svg_open,
    text_width,
    wrap,
)

if TYPE_CHECKING:
    from digest.render.i18n import Messages

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


def node_svg(node: Node, messages: Messages) -> str:
    """A link to the neighbour's page: its circle and name, titled with the full name."""
    title = messages.ngettext(
        "%(name)s: %(num)d shared article", "%(name)s: %(num)d shared articles", node.weight
    )
    title = escape(title % {"name": node.name, "num": node.weight})
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


def network_desc(center: str, shown: Sequence[tuple[str, int, str]], messages: Messages) -> str:
    """The picture in words: who appears with the actor most, and how often."""
    named = [f"{name} ({articles(weight, messages)})" for name, weight, _ in shown[:3]]
    if len(shown) > 3:
        others = len(shown) - 3
        named.append(messages.ngettext("%(num)d other", "%(num)d others", others) % {"num": others})
    sentence = messages.gettext("%(name)s appears in articles with %(names)s.")
    return sentence % {"name": center, "names": listing(named, messages)}


def listing(items: Sequence[str], messages: Messages) -> str:
    """`A`, `A and B`, `A, B and C`: the last joined as the language joins it."""
    if len(items) == 1:
        return items[0]
    rest = ", ".join(items[:-1])
    return messages.gettext("%(rest)s and %(last)s") % {"rest": rest, "last": items[-1]}


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
    messages: Messages,
    size: int = 360,
) -> Markup:
    """An actor and the actors it appears with: a radial picture, links to their pages, in the
    language of `messages`."""
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
        + heading(id_prefix, label, network_desc(center, shown, messages))
        + '<g class="nw-edge" stroke="currentColor" stroke-opacity=".35">'
        + "".join(edge_svg(node, centre, heaviest) for node in nodes)
        + '</g><g class="nw-node" fill="currentColor">'
        + "".join(node_svg(node, messages) for node in nodes)
        + "</g>"
        + centre_svg(centre)
        + "</svg>"
    )
