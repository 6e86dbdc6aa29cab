"""Inline SVG pictures: time buckets, layout within the picture, escaping, ARIA, parsing."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta
from itertools import pairwise

import html5lib
import pytest
from conftest import REPO

from digest.render.i18n import load_messages
from digest.render.pictures import buckets, network_svg, timeline_svg
from digest.render.theme import theme_layers

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "</svg><script>alert('x')</script> & \"Co\""
FONT = 12
EN = load_messages(theme_layers("default", REPO), "en")
"""The default theme's English: the pictures' words and its date patterns."""
ELEMENTS = {"svg", "title", "desc", "g", "path", "text", "tspan", "a", "circle", "rect"}


def days(first: date, number: int, count: int = 1) -> list[tuple[date, int]]:
    """`number` consecutive days from `first`, each with `count` articles."""
    return [(first + timedelta(days=i), count) for i in range(number)]


def year_of_days() -> list[tuple[date, int]]:
    rng = random.Random(1)
    return [(date(2023, 3, 1) + timedelta(days=i), rng.randint(0, 9)) for i in range(366)]


def neighbours(number: int, name: str = "Neighbour") -> list[tuple[str, int, str]]:
    return [(f"{name} {i}", number + 1 - i, f"/actors/n{i}/") for i in range(number)]


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def titles(svg: str, tag: str = "path") -> list[str]:
    """The tooltip of every `tag` element that has one, in order."""
    found = []
    for element in parse(svg).iter(f"{SVG}{tag}"):
        title = element.find(f"{SVG}title")
        if title is not None:
            found.append(title.text or "")
    return found


def bars(svg: str) -> list[tuple[float, float, float]]:
    """Each bar's x, bottom and top, from its path `M x bottom V top`."""
    found = []
    for element in parse(svg).iter(f"{SVG}path"):
        if element.find(f"{SVG}title") is not None:
            x, bottom, top = re.fullmatch(r"M(\S+) (\S+)V(\S+)", element.get("d", "")).groups()
            found.append((float(x), float(bottom), float(top)))
    return found


def texts(svg: str) -> list[str]:
    return ["".join(text.itertext()) for text in parse(svg).iter(f"{SVG}text")]


def view_box(svg: str) -> tuple[float, float, float, float]:
    left, top, width, height = (float(v) for v in parse(svg).get("viewBox", "").split())
    return left, top, left + width, top + height


def line_boxes(svg: str, font: float = FONT) -> Iterator[tuple[str, float, float, float, float]]:
    """Every line of text with its approximate extent: 0.6 × font size a character."""
    for text in parse(svg).iter(f"{SVG}text"):
        anchor = text.get("text-anchor", "start")
        for line in list(text.iter(f"{SVG}tspan")) or [text]:
            content = line.text or ""
            x = float(line.get("x") or text.get("x"))
            y = float(line.get("y") or text.get("y"))
            if text.get("dy") == ".8em":
                y += 0.8 * font
            width = 0.6 * font * len(content)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            yield content, left, left + width, y - 0.8 * font, y + 0.25 * font


def html_errors(svg: str) -> list[str]:
    page = f"<!DOCTYPE html><html lang=en><head><title>t</title></head><body>{svg}</body></html>"
    parser = html5lib.HTMLParser(strict=False)
    parser.parse(page)
    return [f"{position}: {code} {data}" for position, code, data in parser.errors]


# ---------- Buckets ----------


@pytest.mark.parametrize(
    ("span", "unit"),
    [
        *[(0, "day"), (30, "day"), (62, "day"), (63, "week"), (400, "week"), (731, "week")],
        *[(732, "month"), (3650, "month")],
    ],
)
def test_the_bucket_follows_the_span(span: int, unit: str) -> None:
    first = date(2024, 2, 16)
    found, series = buckets([(first, 1), (first + timedelta(days=span), 1)])
    assert found.name == unit
    assert sum(count for _, count in series) == 2


def test_days_weeks_and_months_are_contiguous_and_aligned() -> None:
    _, by_day = buckets(days(date(2024, 2, 16), 30))
    assert [d for d, _ in by_day] == [date(2024, 2, 16) + timedelta(days=i) for i in range(30)]
    _, by_week = buckets([(date(2024, 1, 3), 1), (date(2024, 6, 30), 1)])
    assert all(d.weekday() == 0 for d, _ in by_week)
    assert all(b - a == timedelta(days=7) for (a, _), (b, _) in pairwise(by_week))
    assert by_week[0][0] == date(2024, 1, 1) and by_week[-1][0] == date(2024, 6, 24)
    _, by_month = buckets([(date(2021, 11, 20), 1), (date(2024, 2, 3), 1)])
    assert by_month[0][0] == date(2021, 11, 1) and by_month[-1][0] == date(2024, 2, 1)
    assert len(by_month) == 28
    assert date(2022, 1, 1) in {d for d, _ in by_month}


def test_gaps_are_filled_with_zeros_and_time_stays_linear() -> None:
    counts = [(date(2024, 3, 10), 4), (date(2024, 3, 1), 2), (date(2024, 3, 1), 1)]
    _, series = buckets(counts)
    assert [c for _, c in series] == [3, 0, 0, 0, 0, 0, 0, 0, 0, 4]
    svg = timeline_svg(counts, label="Mentions", messages=EN, id_prefix="t")
    xs = [x for x, _, _ in bars(svg)]
    assert len(xs) == 10
    steps = {round(b - a, 1) for a, b in pairwise(xs)}
    assert max(steps) - min(steps) <= 0.2
    assert titles(svg)[1] == "2 Mar 2024: 0 articles"
    assert titles(svg)[0] == "1 Mar 2024: 3 articles"


def test_bar_lengths_are_proportional_to_counts() -> None:
    svg = timeline_svg(
        [(date(2024, 1, 1), 2), (date(2024, 1, 2), 4), (date(2024, 1, 3), 1)],
        label="x",
        messages=EN,
        id_prefix="t",
    )
    lengths = [bottom - top for _, bottom, top in bars(svg)]
    assert lengths[1] == pytest.approx(2 * lengths[0], abs=0.2)
    assert lengths[1] == pytest.approx(4 * lengths[2], abs=0.2)


# ---------- Timeline ----------


def test_a_week_timeline_labels_its_ends_peak_and_bars() -> None:
    counts = [(date(2024, 2, 14), 2), (date(2024, 2, 28), 5), (date(2024, 5, 20), 1)]
    svg = timeline_svg(counts, label="Mentions of NATO", messages=EN, id_prefix="nato-tl")
    assert texts(svg) == ["5 articles", "12 Feb 2024", "26 May 2024"]
    assert titles(svg)[:3] == [
        "12–18 Feb 2024: 2 articles",
        "19–25 Feb 2024: 0 articles",
        "26 Feb–3 Mar 2024: 5 articles",
    ]
    desc = parse(svg).find(f"{SVG}desc")
    assert desc is not None and desc.text == (
        "Articles per week from 12 February to 26 May 2024, 8 in all;"
        " most in the week of 26 February (5)."
    )


def test_a_month_timeline_names_months() -> None:
    svg = timeline_svg(
        [(date(2021, 3, 5), 1), (date(2022, 7, 1), 6), (date(2024, 6, 30), 2)],
        label="x",
        messages=EN,
        id_prefix="t",
    )
    assert texts(svg) == ["6 articles", "Mar 2021", "Jun 2024"]
    assert "Jul 2022: 6 articles" in titles(svg)
    assert "from March 2021 to June 2024, 9 in all; most in July 2022 (6)." in svg


def test_a_single_day_is_one_centred_bar() -> None:
    svg = timeline_svg([(date(2024, 2, 16), 3)], label="x", messages=EN, id_prefix="t")
    assert len(bars(svg)) == 1
    assert texts(svg) == ["3 articles", "16 Feb 2024"]
    assert "3 articles on 16 February 2024." in svg
    assert bars(svg)[0][0] == pytest.approx(320, abs=0.1)


@pytest.mark.parametrize("counts", [[], [(date(2024, 1, 1), 0), (date(2024, 1, 9), 0)]])
def test_nothing_to_draw_draws_nothing(counts: list[tuple[date, int]]) -> None:
    assert timeline_svg(counts, label="x", messages=EN, id_prefix="t") == ""


def test_timeline_root_is_an_accessible_scalable_image() -> None:
    root = parse(
        timeline_svg(days(date(2024, 1, 1), 5), label="L", messages=EN, id_prefix="p1", width=500)
    )
    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 500 120"
    assert (root.get("width"), root.get("height")) == ("500", "120")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "p1-title p1-desc"
    assert root.get("class") == "timeline"
    assert root.get("font-family") == "system-ui, sans-serif"
    assert root.find(f"{SVG}title").get("id") == "p1-title"
    assert root.find(f"{SVG}desc").get("id") == "p1-desc"


def test_timeline_labels_stay_inside_even_when_the_theme_enlarges_them() -> None:
    for counts in (year_of_days(), days(date(2024, 1, 1), 2), days(date(2024, 1, 1), 1)):
        svg = timeline_svg(counts, label="x", messages=EN, id_prefix="t")
        left, top, right, bottom = view_box(svg)
        for font in (12, 18):
            for content, x0, x1, y0, y1 in line_boxes(svg, font):
                assert left <= x0 and x1 <= right, content
                assert top <= y0 and y1 <= bottom, content


def test_a_year_of_daily_data_is_small() -> None:
    svg = timeline_svg(year_of_days(), label="Mentions of NATO", messages=EN, id_prefix="t")
    assert len(bars(svg)) == 53
    assert len(svg.encode()) <= 5000


def test_timeline_needs_room() -> None:
    with pytest.raises(ValueError, match="160"):
        timeline_svg(days(date(2024, 1, 1), 3), label="x", messages=EN, id_prefix="t", height=40)
    with pytest.raises(ValueError, match="negative"):
        timeline_svg([(date(2024, 1, 1), -1)], label="x", messages=EN, id_prefix="t")


# ---------- Network ----------


def test_no_neighbours_draws_nothing() -> None:
    assert network_svg("NATO", [], label="x", messages=EN, id_prefix="n") == ""


@pytest.mark.parametrize("number", [1, 2, 5, 12, 13, 20])
def test_one_link_per_neighbour_shown_at_most_twelve_in_order(number: int) -> None:
    given = neighbours(number)
    root = parse(network_svg("NATO", given, label="x", messages=EN, id_prefix="n"))
    links = list(root.iter(f"{SVG}a"))
    assert len(links) == min(number, 12)
    assert [a.get("href") for a in links] == [url for _, _, url in given[:12]]


def test_network_root_is_a_named_group_not_an_image() -> None:
    root = parse(
        network_svg("NATO", neighbours(3), label="Who appears", messages=EN, id_prefix="n1")
    )
    assert root.get("role") == "group"
    assert root.get("aria-labelledby") == "n1-title"
    assert root.get("aria-describedby") == "n1-desc"
    assert root.get("class") == "network"
    assert root.find(f"{SVG}title").text == "Who appears"
    assert root.find(f"{SVG}desc").text == (
        "NATO appears in articles with Neighbour 0 (4 articles), Neighbour 1 (3 articles)"
        " and Neighbour 2 (2 articles)."
    )


LONG_NAMES = [
    "Volodymyr Zelensky",
    "Organisation for Economic Co-operation and Development",
    "Kristalina Georgieva",
    "International Monetary Fund",
    "Ursula von der Leyen",
    "Bundesverfassungsgerichtspräsident",
    "Emmanuel Macron",
    "WHO",
    "Christine Lagarde",
    "Andrés Manuel López Obrador",
    "Mohammed bin Salman Al Saud",
    "European Commission",
]


@pytest.mark.parametrize("number", range(1, 13))
@pytest.mark.parametrize("size", [300, 360, 480])
def test_every_name_stays_inside_the_picture(number: int, size: int) -> None:
    given = [(name, 20 - i, f"/a/{i}/") for i, name in enumerate(LONG_NAMES[:number])]
    svg = network_svg(
        "North Atlantic Treaty Organization",
        given,
        label="x",
        messages=EN,
        id_prefix="n",
        size=size,
    )
    left, top, right, bottom = view_box(svg)
    assert right - left == size and bottom - top <= size
    boxes = list(line_boxes(svg))
    for content, x0, x1, y0, y1 in boxes:
        assert left <= x0 and x1 <= right, content
        assert top <= y0 and y1 <= bottom, content
    for i, (a, *box_a) in enumerate(boxes):
        for b, *box_b in boxes[i + 1 :]:
            apart = box_a[1] <= box_b[0] or box_b[1] <= box_a[0] or box_a[3] <= box_b[2]
            assert apart or box_b[3] <= box_a[2], (a, b)


def test_long_names_are_cut_but_titled_in_full() -> None:
    name = "Organisation for Economic Co-operation and Development"
    svg = network_svg("NATO", [(name, 3, "/a/")], label="x", messages=EN, id_prefix="n")
    assert any(text.endswith("…") for text in texts(svg))
    assert name not in "".join(texts(svg))
    assert titles(svg, "a") == [f"{name}: 3 shared articles"]


def test_edges_are_as_wide_as_their_weight() -> None:
    given = [("A", 12, "/a/"), ("B", 6, "/b/"), ("C", 1, "/c/")]
    root = parse(network_svg("NATO", given, label="x", messages=EN, id_prefix="n"))
    edges = root.find(f"{SVG}g[@class='nw-edge']")
    assert [p.get("stroke-width") for p in edges] == ["6", "3", "1"]


# ---------- Languages ----------

UK = load_messages(theme_layers("default", REPO), "uk")
RU = load_messages(theme_layers("default", REPO), "ru")


def desc(svg: str) -> str:
    return parse(svg).findtext(f"{SVG}desc") or ""


def test_weeks_and_months_in_ukrainian_and_russian() -> None:
    weeks = [(date(2024, 2, 14), 2), (date(2024, 2, 28), 5), (date(2024, 5, 20), 1)]
    svg = timeline_svg(weeks, label="x", messages=UK, id_prefix="t")
    assert desc(svg) == (
        "Статті за тижнями з 12 лютого до 26 травня 2024, усього 8;"
        " найбільше — за тиждень від 26 лютого (5)."
    )
    assert titles(svg)[:3] == [
        "12–18 лют. 2024: 2 статті",
        "19–25 лют. 2024: 0 статей",
        "26 лют.–3 бер. 2024: 5 статей",
    ]
    months = [(date(2021, 3, 5), 1), (date(2022, 7, 1), 6), (date(2024, 6, 30), 2)]
    svg = timeline_svg(months, label="x", messages=RU, id_prefix="t")
    assert texts(svg) == ["6 статей", "март 2021", "июнь 2024"]  # CLDR: short as it is
    assert "июль 2022: 6 статей" in titles(svg)
    assert desc(svg) == (
        "Статьи по месяцам: март 2021 — июнь 2024, всего 9; больше всего — июль 2022 (6)."
    )
    one_day = timeline_svg([(date(2024, 2, 16), 2)], label="x", messages=UK, id_prefix="t")
    assert desc(one_day) == "2 статті за 16 лютого 2024."


@pytest.mark.parametrize(
    ("number", "uk", "ru"),
    [
        (4, "та ще 1 учасник", "и ещё 1 участник"),
        (5, "та ще 2 учасники", "и ещё 2 участника"),
        (8, "та ще 5 учасників", "и ещё 5 участников"),
    ],
)
def test_the_others_of_a_network_are_counted_in_the_language(number: int, uk: str, ru: str) -> None:
    given = [(f"N{i}", 9 - i, f"/a/{i}/") for i in range(number)]
    uk_desc = desc(network_svg("НАТО", given, label="x", messages=UK, id_prefix="n"))
    assert uk_desc.startswith("У статтях, де згадується НАТО, також фігурують: N0 (9 статей),")
    assert uk_desc.endswith(f"N2 (7 статей) {uk}.")
    ru_desc = desc(network_svg("НАТО", given, label="x", messages=RU, id_prefix="n"))
    assert ru_desc.endswith(f"N2 (7 статей) {ru}.")


# ---------- Both ----------


def both(label: str = "Mentions", name: str = "NATO") -> list[str]:
    return [
        timeline_svg(year_of_days(), label=label, messages=EN, id_prefix="t"),
        timeline_svg(days(date(2024, 2, 16), 20, 2), label=label, messages=EN, id_prefix="t2"),
        network_svg(name, neighbours(12, name), label=label, messages=EN, id_prefix="n"),
    ]


def test_hostile_text_is_escaped() -> None:
    hostile_links = [(HOSTILE, 2, 'x" onclick="alert(1)'), ("B & <b>", 1, "/b?x=1&y=2")]
    for svg in [
        *both(label=HOSTILE, name=HOSTILE),
        network_svg(HOSTILE, hostile_links, label=HOSTILE, messages=EN, id_prefix="n"),
    ]:
        assert "<script" not in svg and "<b>" not in svg
        root = parse(svg)
        assert root.find(f"{SVG}title").text == HOSTILE
        assert not any("onclick" in element.attrib for element in root.iter())
        assert {element.tag.removeprefix(SVG) for element in root.iter()} <= ELEMENTS
        assert html_errors(svg) == []
    root = parse(network_svg("N", hostile_links, label="x", messages=EN, id_prefix="n"))
    assert [a.get("href") for a in root.iter(f"{SVG}a")] == ['x" onclick="alert(1)', "/b?x=1&y=2"]


def test_id_prefix_must_make_valid_ids() -> None:
    with pytest.raises(ValueError, match="id_prefix"):
        timeline_svg(days(date(2024, 1, 1), 2), label="x", messages=EN, id_prefix='a" onload="x')
    with pytest.raises(ValueError, match="id_prefix"):
        network_svg("N", neighbours(2), label="x", messages=EN, id_prefix="1abc")


def test_output_is_deterministic() -> None:
    counts = year_of_days()
    shuffled = counts[:]
    random.Random(3).shuffle(shuffled)
    assert timeline_svg(counts, label="x", messages=EN, id_prefix="t") == timeline_svg(
        shuffled, label="x", messages=EN, id_prefix="t"
    )
    assert both() == both()


def test_pictures_parse_as_xml_and_as_html5() -> None:
    for svg in both():
        assert parse(svg).tag == f"{SVG}svg"
        assert html_errors(svg) == []
        assert html_errors(f"<figure>{svg}<figcaption>c</figcaption></figure>") == []


def test_coordinates_are_rounded_and_colours_left_to_css() -> None:
    for svg in both():
        numbers = re.findall(r'(?:x|y|r|d|width|height|viewBox|stroke-width)="([^"]*)"', svg)
        decimals = [n for value in numbers for n in re.findall(r"\d+\.(\d+)", value)]
        assert decimals and all(len(d) == 1 for d in decimals)
        assert not re.search(r"#[0-9a-fA-F]{3}|rgb\(|hsl\(", svg)
        colours = re.findall(r'(?:fill|stroke)="([^"]*)"', svg)
        assert set(colours) == {"currentColor"}


def test_pictures_are_markup_safe_for_templates() -> None:
    for svg in both():
        assert hasattr(svg, "__html__")
        assert str(svg).startswith('<svg xmlns="http://www.w3.org/2000/svg"')
