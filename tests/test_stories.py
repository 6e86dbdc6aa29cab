"""Stories: rewrites and copies of one report are grouped, other reports are not."""

from __future__ import annotations

import random
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from digest.enrich import stories
from digest.enrich.stories import (
    Story,
    StoryMemory,
    StorySettings,
    StoryText,
    _WordHasher,
    group_stories,
    sign_text,
)

NOON = datetime(2024, 9, 12, 12, tzinfo=UTC)

WIRE_TITLE = "Central bank of Norland holds rates at 4.5% as inflation cools"
WIRE = """\
The Central Bank of Norland kept its benchmark interest rate unchanged at 4.5 percent on \
Thursday, saying inflation had cooled faster than expected over the summer but warning that \
wage growth remained too strong to begin cutting borrowing costs.

Governor Ilse Marten told reporters in the capital that the nine-member policy board had voted \
seven to two to hold rates, with two members favouring a quarter-point cut. "We are not yet \
confident that inflation will return sustainably to our two percent target," Marten said.

Consumer prices rose 3.1 percent in the year to August, down from 3.8 percent in July and well \
below the peak of 9.4 percent reached last autumn. Core inflation, which strips out food and \
energy, eased to 3.6 percent.

The bank raised its forecast for economic growth this year to 1.2 percent from 0.9 percent, \
citing resilient household spending and a recovery in exports of machinery and timber. It said \
unemployment was likely to rise slightly to 4.1 percent by the end of next year.

The Norland krone weakened 0.4 percent against the euro after the decision, as some investors \
had bet on an immediate cut. Most economists polled before the meeting had expected the bank to \
hold.

The next policy meeting is scheduled for October 24.
"""

REWRITE_TITLE = "Norland's central bank keeps interest rate on hold, cut not yet in sight"
REWRITE = """\
Norland's central bank left its key interest rate at 4.5 percent on Thursday. Inflation has \
cooled faster than expected over the summer, it said, but wage growth is still too strong for \
the bank to start lowering borrowing costs.

Governor Ilse Marten told reporters in the capital that the nine-member policy board had voted \
seven to two to hold rates, with two members favouring a quarter-point cut. "We are not yet \
confident that inflation will return sustainably to our two percent target," Marten said.

Consumer prices rose 3.1 percent in the year to August, down from 3.8 percent in July and well \
below the peak of 9.4 percent reached last autumn. Core inflation, which strips out food and \
energy, eased to 3.6 percent.

The bank now expects the economy to grow by 1.2 percent this year, up from 0.9 percent \
previously, thanks to resilient household spending and a recovery in exports. It said \
unemployment was likely to rise slightly to 4.1 percent by the end of next year.

The krone fell against the euro after the announcement.

The next policy meeting is scheduled for October 24.
"""

LOCAL_TITLE = "Rates stay at 4.5 percent: what the decision means for mortgages"
LOCAL = """\
The Central Bank of Norland kept its benchmark interest rate unchanged at 4.5 percent on \
Thursday, saying inflation had cooled faster than expected over the summer but warning that \
wage growth remained too strong to begin cutting borrowing costs.

Governor Ilse Marten said the nine-member policy board had voted seven to two to hold rates, \
with two members favouring a quarter-point cut. "We are not yet confident that inflation will \
return sustainably to our two percent target," Marten said.

Consumer prices rose 3.1 percent in the year to August, down from 3.8 percent in July and well \
below the peak of 9.4 percent reached last autumn. Core inflation, which strips out food and \
energy, eased to 3.6 percent.

For homeowners the decision means variable mortgage payments will stay at their current level \
for at least another six weeks. Banks in the region said they had no plans to change their \
lending rates before the next meeting.

The bank raised its forecast for economic growth this year to 1.2 percent from 0.9 percent, \
citing resilient household spending and a recovery in exports of machinery and timber.

The next policy meeting is scheduled for October 24.
"""

OTHER_TITLE = "Sudmark central bank cuts rates for first time in three years"
OTHER = """\
The Sudmark Reserve Bank cut its benchmark interest rate by a quarter point to 5.25 percent on \
Friday, its first reduction in three years, as inflation fell back towards its target and the \
economy stalled.

Governor Paulo Reis told reporters that the policy board had voted unanimously for the cut and \
that further reductions were possible if price pressures kept easing. "The fight against \
inflation is not over, but the balance of risks has shifted," Reis said.

Consumer prices rose 2.9 percent in the year to August, the slowest pace since early 2021. The \
economy shrank 0.2 percent in the second quarter as construction and manufacturing output \
declined.

The Sudmark real strengthened slightly after the decision, which most economists polled before \
the meeting had expected. The bank will publish new forecasts at its next policy meeting in \
November.
"""

RUSSIAN_TITLE = "Область выделит два миллиарда рублей на ремонт школ и больниц"
RUSSIAN = """\
Правительство области объявило в понедельник о выделении дополнительных средств на ремонт школ \
и больниц. По словам губернатора, работы начнутся весной и завершатся до конца следующего года. \
В первую очередь отремонтируют здания, построенные более пятидесяти лет назад. Общая сумма \
расходов составит около двух миллиардов рублей, часть средств поступит из федерального бюджета.
"""


def article(key: str, hours: float, title: str = WIRE_TITLE, text: str = WIRE) -> StoryText:
    """An article published `hours` after noon of the wire story's day."""
    return StoryText(key, (NOON + timedelta(hours=hours)).timestamp(), title, text)


def wire_and_rewrites() -> list[StoryText]:
    """The wire story, a rewrite three hours later and a local version the next day."""
    return [
        article("wire/norland-rates", 0),
        article("news/norland-on-hold", 3, REWRITE_TITLE, REWRITE),
        article("local/mortgages", 22, LOCAL_TITLE, LOCAL),
    ]


def only(stories: tuple[Story, ...]) -> Story:
    """The single story found."""
    assert len(stories) == 1, stories
    return stories[0]


def test_a_wire_story_and_its_rewrites_form_one_story() -> None:
    story = only(group_stories(wire_and_rewrites()))
    assert story.keys == ("wire/norland-rates", "news/norland-on-hold", "local/mortgages")
    assert dict(story.duplicates) == {}


def test_more_permutations_find_weaker_pairs_such_as_two_rewrites_without_their_source() -> None:
    settings = StorySettings(num_perm=128)
    story = only(group_stories(wire_and_rewrites()[1:], settings))
    assert story.keys == ("news/norland-on-hold", "local/mortgages")


def test_an_exact_copy_is_a_duplicate_of_the_earlier_article() -> None:
    texts = [*wire_and_rewrites(), article("mirror/norland", 1)]
    story = only(group_stories(texts))
    assert story.keys[:2] == ("wire/norland-rates", "mirror/norland")
    assert dict(story.duplicates) == {"mirror/norland": "wire/norland-rates"}


def test_a_near_exact_copy_with_a_new_title_and_credit_line_is_a_duplicate() -> None:
    copy = WIRE + "\n(Reporting by Anna Berg; editing by Tom Hale)\n"
    texts = [article("wire/norland-rates", 0), article("paper/rates", 2, "Rates on hold", copy)]
    story = only(group_stories(texts))
    assert dict(story.duplicates) == {"paper/rates": "wire/norland-rates"}


def test_case_and_punctuation_do_not_matter() -> None:
    shouted = WIRE.upper().replace(",", "").replace(".", " ;")
    texts = [article("wire/norland-rates", 0), article("loud/rates", 1, WIRE_TITLE, shouted)]
    assert dict(only(group_stories(texts)).duplicates) == {"loud/rates": "wire/norland-rates"}


def test_words_are_the_runs_of_regex_word_characters() -> None:
    text = "hello, wörld! привет_мир 42 x² e\u0301 𝔘𝔫𝔦 😀smile 中文字 don't hello мир 42"
    words = re.findall(r"\w+", text)
    hashes = _WordHasher.upto(len(text)).hashes(text).tolist()
    assert len(hashes) == len(words)
    pairs = set(zip(words, hashes, strict=True))  # one hash per word, one word per hash
    assert len(pairs) == len(set(words)) == len(set(hashes))


def test_copies_of_a_copy_point_at_the_earliest_article() -> None:
    texts = [article("a/first", 0), article("b/second", 1), article("c/third", 2)]
    story = only(group_stories(texts))
    assert dict(story.duplicates) == {"b/second": "a/first", "c/third": "a/first"}


def test_many_copies_of_one_text_point_at_the_first() -> None:
    texts = [article(f"mirror/{n:03}", n / 10) for n in range(300)]
    story = only(group_stories(texts))
    assert len(story.keys) == 300
    assert set(story.duplicates.values()) == {"mirror/000"}


def test_an_unrelated_report_on_the_same_topic_is_not_joined() -> None:
    texts = [*wire_and_rewrites(), article("wire/sudmark-cut", 24, OTHER_TITLE, OTHER)]
    story = only(group_stories(texts))
    assert "wire/sudmark-cut" not in story.keys


def test_the_same_text_a_month_later_is_another_story() -> None:
    texts = [article("2024/rates", 0), article("2024/rates-again", 30 * 24)]
    assert group_stories(texts) == ()


def test_the_time_window_links_each_member_to_its_nearest_neighbour() -> None:
    texts = [article("day-0", 0), article("day-2", 48), article("day-4", 96)]
    assert only(group_stories(texts)).keys == ("day-0", "day-2", "day-4")
    assert group_stories(texts, StorySettings(window_days=1.5)) == ()


def test_a_window_of_zero_joins_only_simultaneous_articles() -> None:
    texts = [article("a", 0), article("b", 0), article("c", 1)]
    assert only(group_stories(texts, StorySettings(window_days=0))).keys == ("a", "b")


def test_an_endless_window_joins_across_any_time() -> None:
    texts = [article("2024/rates", 0), article("2025/rates", 365 * 24)]
    assert len(group_stories(texts, StorySettings(window_days=float("inf")))) == 1


def test_output_does_not_depend_on_input_order() -> None:
    texts = [
        *wire_and_rewrites(),
        article("mirror/norland", 1),
        article("wire/sudmark-cut", 24, OTHER_TITLE, OTHER),
        article("ru/remont", 5, RUSSIAN_TITLE, RUSSIAN),
        article("ru/remont-copy", 6, RUSSIAN_TITLE, RUSSIAN),
        article("2024/rates-again", 30 * 24),
        article("2024/rates-again-copy", 30 * 24 + 1, "Rates held", WIRE),
    ]
    expected = group_stories(texts)
    assert len(expected) == 3
    shuffler = random.Random(5)
    for _ in range(10):
        shuffler.shuffle(texts)
        assert group_stories(texts) == expected


def test_stories_are_ordered_by_their_earliest_member() -> None:
    texts = [
        article("ru/remont", 5, RUSSIAN_TITLE, RUSSIAN),
        article("ru/remont-copy", 6, RUSSIAN_TITLE, RUSSIAN),
        *wire_and_rewrites(),
    ]
    stories = group_stories(texts)
    assert [story.keys[0] for story in stories] == ["wire/norland-rates", "ru/remont"]
    assert dict(stories[1].duplicates) == {"ru/remont-copy": "ru/remont"}


def test_the_id_stays_when_a_later_member_is_added() -> None:
    first = only(group_stories(wire_and_rewrites()[:2]))
    later = only(group_stories(wire_and_rewrites()))
    assert later.id == first.id
    assert later.keys != first.keys


def test_ids_differ_between_stories() -> None:
    texts = [
        *wire_and_rewrites(),
        article("ru/remont", 5, RUSSIAN_TITLE, RUSSIAN),
        article("ru/remont-copy", 6, RUSSIAN_TITLE, RUSSIAN),
    ]
    assert len({story.id for story in group_stories(texts)}) == 2


def test_ties_in_time_are_ordered_by_key() -> None:
    texts = [article("b", 0), article("a", 0)]
    story = only(group_stories(texts))
    assert story.keys == ("a", "b")
    assert dict(story.duplicates) == {"b": "a"}


def test_short_texts_do_not_form_stories() -> None:
    brief = "Markets closed early because of the holiday."
    texts = [article("brief/one", 0, "Markets", brief), article("brief/two", 1, "Markets", brief)]
    assert group_stories(texts) == ()


def test_empty_and_single_inputs_have_no_stories() -> None:
    assert group_stories([]) == ()
    assert group_stories([article("wire/norland-rates", 0)]) == ()


def test_keys_must_be_unique() -> None:
    with pytest.raises(ValueError, match="unique"):
        group_stories([article("same", 0), article("same", 1, OTHER_TITLE, OTHER)])


@pytest.mark.parametrize(
    "settings",
    [
        {"similarity": 0},
        {"similarity": 0.9, "duplicate": 0.8},
        {"window_days": -1},
        {"shingle": 0},
        {"num_perm": 1},
    ],
)
def test_settings_that_cannot_work_are_refused(settings: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        StorySettings(**settings)


@pytest.mark.parametrize("seed", range(6))
def test_a_story_memory_gives_what_grouping_afresh_gives_after_every_edit(seed: int) -> None:
    rng = random.Random(seed)
    bodies = [
        (WIRE_TITLE, WIRE),
        (REWRITE_TITLE, REWRITE),
        (LOCAL_TITLE, LOCAL),
        (OTHER_TITLE, OTHER),
        (RUSSIAN_TITLE, RUSSIAN),
        ("Short", "Too short to join a story."),
    ]
    texts = {f"a{n}": article(f"a{n}", rng.uniform(0, 120), *rng.choice(bodies)) for n in range(8)}
    memory = StoryMemory()
    for step in range(25):
        key = rng.choice(sorted(texts))
        kind = rng.choice(["text", "time", "add", "remove", "edit", "same"])
        if kind == "text":
            texts[key] = article(key, rng.uniform(0, 120), *rng.choice(bodies))
        elif kind == "time":
            texts[key] = StoryText(
                key,
                texts[key].published + rng.uniform(-80, 80) * 3600,
                *[texts[key].title, texts[key].text],
            )
        elif kind == "add":
            texts[f"new{step}"] = article(f"new{step}", rng.uniform(0, 120), *rng.choice(bodies))
        elif kind == "remove" and len(texts) > 2:
            del texts[key]
        elif kind == "edit":
            old = texts[key]
            texts[key] = StoryText(key, old.published, old.title, old.text + f" Step {step}.")
        assert memory.group(list(texts.values())) == group_stories(list(texts.values())), step


def signed(texts: list[StoryText]) -> list[StoryText]:
    """The texts with the signatures enriching gives articles."""
    return [replace(text, signature=sign_text(text.title, text.text)) for text in texts]


@pytest.mark.parametrize(
    "settings",
    [StorySettings(), StorySettings(num_perm=128), StorySettings(shingle=2, min_shingles=5)],
    ids=["default", "other-permutations", "other-shingles"],
)
def test_signatures_worked_out_beforehand_group_as_signing_here_does(
    settings: StorySettings,
) -> None:
    texts = [
        *wire_and_rewrites(),
        article("other", 5, OTHER_TITLE, OTHER),
        article("copy", 6),
        article("russian", 7, RUSSIAN_TITLE, RUSSIAN),
        article("short", 8, "Short", "Too short to join a story."),
    ]
    expected = group_stories(texts, settings)
    assert expected  # the wire story and its rewrites
    assert group_stories(signed(texts), settings) == expected
    memory = StoryMemory(settings)
    assert memory.group(signed(texts)) == expected
    texts[1] = article("news/norland-on-hold", 3, OTHER_TITLE, OTHER)
    assert memory.group(signed(texts)) == group_stories(texts, settings)


def test_grouping_reads_the_signature_it_is_given() -> None:
    wire, rewrite, _ = wire_and_rewrites()
    assert group_stories(signed([wire, rewrite]))
    unlike = replace(rewrite, signature=sign_text(OTHER_TITLE, OTHER))
    assert group_stories([*signed([wire]), unlike]) == ()
    assert StoryMemory().group([*signed([wire]), unlike]) == ()


@pytest.mark.parametrize("num_perm", [16, 64, 128])
def test_permutations_are_datasketchs(num_perm: int) -> None:
    """Signatures made here are the ones datasketch's affine32 MinHash makes (a test extra:
    the package imports scipy, which digest does not need)."""
    from datasketch import MinHash

    made = stories._permutations(num_perm)
    assert (made == MinHash(num_perm, seed=stories.SEED, scheme="affine32").permutations).all()


@pytest.mark.parametrize("threshold", [0.1, 0.25, 0.4, 0.5, 0.7, 0.85])
@pytest.mark.parametrize("num_perm", [16, 32, 64, 100, 128])
def test_bands_are_tuned_as_datasketch_tunes_them(threshold: float, num_perm: int) -> None:
    from datasketch import MinHashLSH

    expected = MinHashLSH(threshold, num_perm, stories.LSH_WEIGHTS).r
    assert stories._optimal_rows(threshold, num_perm, stories.LSH_WEIGHTS) == expected


@pytest.mark.parametrize("size", [0, 1, 2, 3, 50, 2000])
def test_shingles_are_kept_sorted_and_unique_as_numpy_keeps_them(size: int) -> None:
    values = np.random.default_rng(size).integers(0, max(size // 2, 1), size, dtype=np.uint32)
    kept = stories._sorted_unique(values)
    assert kept.dtype == np.uint32
    assert kept.tolist() == np.unique(values).tolist()
