"""People by shape: given names, name forms of other cultures, role cues, where a name ends."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from digest.enrich.english.context import Context, Known
from digest.enrich.english.organisations import has_org_word
from digest.enrich.english.words import (
    ARABIC_NAME_STARTS,
    ARABIC_SURNAME,
    CONNECTORS,
    HYPHENATED_GIVEN_NAME,
    INITIALS,
    LANDMARK_WORDS,
    PLACE_INITIALISMS,
    PLACE_WORDS,
    ROLE_WORDS,
    SPEECH_VERBS,
    WORK_WORDS,
    common_words,
    first_names,
    is_given_not_date,
)


def role_before(words: list[str], start: int) -> bool:
    """A role just before the run: `defence minister Rustem Umerov`, `Lt. Gen. Stephen Townsend`."""
    before = start - 2 if start > 1 and words[start - 1] == "." else start - 1
    if before < 0:
        return False
    word = words[before].lower()
    return word in ROLE_WORDS or (word.endswith("s") and word[:-1] in ROLE_WORDS)


def person_before_of(words: list[str], start: int, org_end: int) -> int | None:
    """`Claudia Mo of Civic Party`: the end of a person's name before `of` and an organisation."""
    try:
        of = words.index("of", start, org_end)
    except ValueError:
        return None
    head = words[start:of]
    if 2 <= len(head) <= 3 and not has_org_word(words, start, of) and looks_like_person(head):
        return of
    return None


def name_end(words: list[str], start: int, end: int, known: Known) -> int:
    """A person's name ends at a role word, a possessive, a known name, or the run's end.

    A capital is no end: `Valeska Paris` is a person, not France.
    """
    stop = start + 1
    while stop < end:
        word = words[stop]
        found = known.at(stop)
        if (
            word.lower() in ROLE_WORDS
            or word in CONNECTORS
            or word == "'s"
            or (found is not None and found[1].via != "capital")
        ):
            break
        stop += 1
    return stop


def _is_acronym(word: str) -> bool:
    return word.isupper() and len(word) > 1 and not word.endswith(".")


@lru_cache(maxsize=65536)
def is_given_name(word: str) -> bool:
    """`José`, `François` and `Łukasz` are found as jose, francois, lukasz."""
    folded = unicodedata.normalize("NFKD", word.lower().replace("ł", "l"))
    return "".join(c for c in folded if not unicodedata.combining(c)) in first_names()


def is_place(segment: list[str]) -> bool:
    """`Hamad International Airport`, `Fisht Stadium`: venues are places, not actors."""
    return any(word.lower() in PLACE_WORDS for word in segment)


def looks_like_person(segment: list[str]) -> bool:
    """A given name or initials first (`Claudia Mo`, `K.C. Maurer`), an East Asian name
    (`Wong Pik-wan`), or an Arabic one (`Abu Jandal al-Kuwaiti`, `Khaled Al-Maeena`)."""
    return (
        is_given_name(segment[0])
        or (bool(INITIALS.match(segment[0])) and segment[0] not in PLACE_INITIALISMS)
        or (len(segment[0]) <= 5 and bool(HYPHENATED_GIVEN_NAME.match(segment[-1])))
        or segment[0] in ARABIC_NAME_STARTS
        or (len(segment) >= 2 and bool(ARABIC_SURNAME.match(segment[-1])))
    )


def _plain_word(word: str, context: Context) -> bool:
    """A word the text also writes in lower case, or one that names nobody (`However`, `Jan`)."""
    lower = word.lower()
    return lower in common_words() or lower in context.lower


def is_person(segment: list[str], cue: bool, words: list[str], stop: int, context: Context) -> bool:
    """Two to four name-shaped words: after a role, with a given name, a surname used alone
    elsewhere, after `by`, or before speech or a verb in the past (`Dries Mertens scored`)."""
    if not 2 <= len(segment) <= 4 or any(_is_acronym(w) for w in segment) or is_place(segment):
        return False
    before = words[stop - len(segment) - 1].lower() if stop > len(segment) else ""
    if before in WORK_WORDS or any(w.lower() in LANDMARK_WORDS for w in segment):
        return False
    if any(_plain_word(w, context) for w in segment[1:]) or (
        _plain_word(segment[0], context) and not is_given_not_date(words, stop - len(segment))
    ):
        return False
    if cue or looks_like_person(segment) or segment[-1] in context.alone:
        return True
    after = words[stop].lower() if stop < len(words) else ""
    follow = words[stop + 1].lower() if stop + 1 < len(words) else ""
    return (
        after in SPEECH_VERBS
        or (after == "," and follow in ("who", "the", "a"))
        or before == "by"
        or (after.endswith("ed") and after.isalpha())
    )
