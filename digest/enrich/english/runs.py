"""Capitalised runs of words, and the capitals that name nobody: sentence starts, credits.

Headlines In Title Case say nothing by their capitals either. The whole article is read here
too: which words it writes in lower case, which capitalised ones it uses alone (surnames).
"""

from __future__ import annotations

from collections.abc import Sequence

from digest.enrich.english.context import Context, Known
from digest.enrich.english.words import (
    CONNECTORS,
    CREDIT,
    ORG_WORDS,
    ROLE_WORDS,
    common_words,
    first_names,
    is_given_not_date,
    is_name_word,
)
from digest.enrich.text import Sentence


def without_credits(words: list[str]) -> list[str]:
    """Cut a sentence at a credit (`Image: Twitter / Barack Obama`): credits name no actors."""
    if ":" not in words:
        return words
    for index in range(len(words) - 1):
        if words[index + 1] == ":" and CREDIT.match(words[index]):
            return words[:index]
    return words


def is_title_case(sentences: Sequence[Sentence]) -> bool:
    """A headline In Which Most Words Are Capitalised says nothing by its capitals."""
    words = [w for s in sentences for w in s.words() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def words_alone(sentences: Sequence[Sentence], positions: list[list[int]]) -> frozenset[str]:
    """Capitalised words that stand alone mid-sentence: `… said Lukaku.`"""
    alone = set()
    for sentence in sentences:
        words = sentence.text_words
        marks = set(positions[sentence.index])
        for index in marks:
            if (
                index
                and words[index][0].isupper()
                and words[index - 1] not in '.:;"“('
                and index - 1 not in marks
                and index + 1 not in marks
            ):
                alone.add(words[index])
    return frozenset(alone)


def name_positions(words: Sequence[str]) -> list[int]:
    """Where the name-shaped words of a sentence are."""
    return [index for index, word in enumerate(words) if is_name_word(word)]


def lower_case_words(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Words the text also uses in lower case: a capital on them is the sentence's, not a name's."""
    lower: set[str] = set()
    for sentence in sentences:
        lower.update(filter(str.islower, sentence.text_words))
    return frozenset(lower)


def capitalised_runs(words: list[str], positions: list[int]) -> list[tuple[int, int]]:
    """Runs of capitalised words, joined by connectors (`of`, `the`, `'s`) between them."""
    marks = [index for index in positions if index < len(words)]
    runs = []
    position = 0
    while position < len(marks):
        start = marks[position]
        end = start + 1
        position += 1
        while position < len(marks):
            following = marks[position]
            if following == end:
                end += 1
            elif following == end + 1 and _joins_names(words, end):
                end += 2
            elif following == end + 2 and _joins_through_the(words, end):
                end += 3  # `Joint Council for the Welfare of Immigrants`
            else:
                break
            position += 1
        runs.append((start, end))
    return runs


def _joins_through_the(words: list[str], index: int) -> bool:
    """`… for the Welfare of …` joins; `… of the UK` names a second actor."""
    following = words[index + 2] if index + 2 < len(words) else ""
    return words[index] in ("for", "of") and words[index + 1] == "the" and not following.isupper()


def _joins_names(words: list[str], index: int) -> bool:
    """`People 's Army`, `Church of Scientology`: a possessive or connector between names.

    `and` before a given name starts a new name: `Gary Chan of DAB and Eunice Yung of …`.
    """
    following = words[index + 1] if index + 1 < len(words) else ""
    joiner = words[index] == "'s" or words[index] in CONNECTORS
    if words[index] in ("and", "&") and following.lower() in first_names():
        return False
    return joiner and bool(following) and is_name_word(following) and following != "The"


def skip_sentence_start(
    words: list[str], start: int, end: int, context: Context, known: Known
) -> int:
    """Drop leading words that are capitalised only because a sentence or headline starts."""
    while start < end and _sentence_capital(words, start, end, context) and not known.at(start):
        start += 1
        while start < end and words[start] in CONNECTORS:
            start += 1
    return start


def _sentence_capital(words: list[str], start: int, end: int, context: Context) -> bool:
    """Is this word capitalised only because it is a common word or opens a sentence?"""
    lower = words[start].lower()
    if lower in ROLE_WORDS:
        return False
    if lower in common_words():
        return not is_given_not_date(words, start)
    return _opens_sentence(words, start) and (
        (lower in context.lower and _stands_alone(words, start, end))
        or _starts_phrase(words, start, end)
    )


def _opens_sentence(words: list[str], index: int) -> bool:
    return index == 0 or words[index - 1] in '.:;"“('


def _stands_alone(words: list[str], start: int, end: int) -> bool:
    """`Dutch officials`: no capitalised word follows, so the capital is the sentence's."""
    return start + 1 >= end or words[start + 1] in CONNECTORS


def _starts_phrase(words: list[str], start: int, end: int) -> bool:
    """`Researchers at Harvard University`: a plain word, then a connector, opens a sentence."""
    return (
        start + 1 < end
        and words[start + 1] in CONNECTORS
        and words[start].lower() not in ORG_WORDS
        and words[start].lower() not in first_names()
    )
