"""Organisations by shape: where one starts and ends in a run, its name, acronyms it defines."""

from __future__ import annotations

from digest.enrich.english.words import (
    CONNECTORS,
    ORG_WORDS,
    ROLE_WORDS,
    SPLITTERS,
    common_words,
    is_name_word,
)


def organisation_end(words: list[str], start: int, end: int) -> int | None:
    """Where an organisation starting at `start` ends, if an organisation word follows in the run.

    `X Institute of Technology and Y State University` is two organisations; `Alliance for the
    Betterment and Progress of Hong Kong` is one: `and` splits only when both sides have one.
    """
    if words[start].lower() in ROLE_WORDS or words[start] in CONNECTORS:
        return None
    keyword = None
    for index in range(start, end):
        word = words[index]
        if word in SPLITTERS and keyword is not None and has_org_word(words, index + 1, end):
            break
        if keyword is None and index > start and word.lower() in ROLE_WORDS:
            return None  # `Special Presidential Envoy for the Global Coalition`: a role first
        if word.lower() in ORG_WORDS and (index > start or _connector_follows(words, index, end)):
            keyword = index
    if keyword is None:
        return None
    return _organisation_tail(words, keyword + 1, end)


def _organisation_tail(words: list[str], last: int, end: int) -> int:
    """Extend an organisation past its word: `… of Scientology`, `… for the Welfare of X`, `… 50`.

    `and` never continues it (`Civic Party and Wong Pik-wan`), nor does a second organisation.
    """
    while last < end:
        word = words[last]
        if word in ("and", "&") or (word in SPLITTERS and has_org_word(words, last + 1, end)):
            break
        if word[0].isdigit():
            last += 1
            continue
        if word not in CONNECTORS:
            break
        following = last + 1
        if following < end and words[following] in ("the", "The"):
            following += 1
        if following >= end or not _plain_name(words[following]):
            break
        last = following + 1
        while last < end and _plain_name(words[last]) and words[last].lower() not in ROLE_WORDS:
            last += 1
    return last


def _plain_name(word: str) -> bool:
    """A capitalised word that is not a month, weekday or code such as `STS-1`."""
    return (
        is_name_word(word)
        and word.lower() not in common_words()
        and not any(c.isdigit() for c in word)
    )


def _connector_follows(words: list[str], index: int, end: int) -> bool:
    """`Church of Scientology`: a connector, then a name that is not a month or weekday."""
    return (
        index + 2 < end
        and words[index + 1] in CONNECTORS
        and is_name_word(words[index + 2])
        and words[index + 2].lower() not in common_words()
    )


def has_org_word(words: list[str], start: int, end: int) -> bool:
    """Is one of the words from `start` to `end` an organisation word (`Party`, `Ministry`)?"""
    return any(words[index].lower() in ORG_WORDS for index in range(start, end))


def clean_org(words: list[str]) -> str:
    """`U.S. Department of State` → `United States Department of State`."""
    if words and words[0] in ("U.S.", "US"):
        words = ["United", "States", *words[1:]]
    elif words and words[0] in ("U.K.", "UK"):
        words = ["United", "Kingdom", *words[1:]]
    if words and words[0] == "The":
        words = words[1:]
    return " ".join(words).replace(" 's", "'s")


def defined_acronyms(words: list[str]) -> dict[str, str]:
    """`Islamic State of Iraq and the Levant (ISIL)` → {"ISIL": "Islamic State … Levant"}."""
    found: dict[str, str] = {}
    if "(" not in words:
        return found
    for index in range(2, len(words) - 1):
        if words[index - 1] == "(" and words[index + 1] == ")" and words[index].isupper():
            acronym = words[index]
            for start in range(index - 2, max(-1, index - 12), -1):
                candidate = [w for w in words[start : index - 1] if w not in CONNECTORS]
                initials = "".join(w[0] for w in candidate if w[0].isupper())
                if initials.upper() == acronym.upper() or (
                    len(initials) >= 2 and acronym.startswith(initials) and start == index - 2
                ):
                    found[acronym] = " ".join(words[start : index - 1])
                    break
    return found
