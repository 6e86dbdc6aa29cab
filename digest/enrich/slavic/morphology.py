"""What pymorphy3 says about a word: its readings, lemma and features; the nominative."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from typing import Any

import pymorphy3

Parse = Any
"""A pymorphy3 parse (its class cannot be named in annotations portably)."""
PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2", "acc2")


@cache
def analyser(language: str) -> pymorphy3.MorphAnalyzer:
    """One pymorphy3 analyser per language, created on first use."""
    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=200_000)
def parses(language: str, word: str) -> tuple[Parse, ...]:
    """Every pymorphy3 reading of a word, likeliest first (cached per word).

    Where the dictionary gives no likelihoods (Ukrainian), a capitalised word's name readings
    come first (a lower-case word's last), then nouns and adjectives, the dictionary form
    itself, singular readings, and those whose lemma the word starts with."""
    readings = tuple(analyser(language).parse(word))
    if len({p.score for p in readings}) > 1:
        return readings
    lower = word.lower()
    capitalised = word[:1].isupper()
    return tuple(
        sorted(
            readings,
            key=lambda p: (
                capitalised != bool(PROPER & p.tag.grammemes),
                p.tag.POS not in NOMINAL,
                p.normal_form != lower,
                "plur" in p.tag.grammemes,
                not lower.startswith(p.normal_form),
                not lower.startswith(p.normal_form[:-1]),
            ),
        )
    )


@lru_cache(maxsize=200_000)
def lemma(language: str, word: str) -> str:
    """A word's dictionary form, lower case, ё as е; a capitalised word prefers a name's reading."""
    readings = parses(language, word)
    if not readings:
        return plain(word.lower())
    best = readings[0]
    if word[:1].isupper():
        best = next((p for p in readings if PROPER & p.tag.grammemes), best)
    return plain(best.normal_form)


def plain(word: str) -> str:
    """ё as е, one apostrophe: «прем’єр» and «прем'єр» are one word."""
    return word.replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def lemma_normaliser(language: str) -> Callable[[str], str]:
    """For `Gazetteer(normalise=...)`: a word → its lemma, so «России» matches «Россия»."""
    return partial(lemma, language)


@dataclass(frozen=True)
class Features:
    """What the dictionary says about one word."""

    known: bool
    given: bool
    surname: bool
    patronymic: bool
    place: bool
    organisation: bool
    common: bool
    """The likeliest reading is a known word that is no name."""
    adjective: bool
    verb: bool


@lru_cache(maxsize=200_000)
def features(language: str, word: str) -> Features:
    """The dictionary's view of a word (cached per word)."""
    readings = parses(language, word)
    tags = [p.tag.grammemes for p in readings]
    first = tags[0] if tags else frozenset()
    known = any(p.is_known for p in readings)
    dictionary = [p.tag.grammemes for p in readings if p.is_known]
    return Features(
        known=known,
        given=any("Name" in t for t in tags),
        surname=any("Surn" in t for t in tags),
        patronymic=any("Patr" in t for t in tags),
        place=any("Geox" in t for t in dictionary),
        organisation=any("Orgn" in t for t in dictionary),
        common=bool(readings) and readings[0].is_known and not (PROPER & first),
        adjective=any(t & {"ADJF", "PRTF"} for t in tags),
        verb=bool(first & {"VERB", "INFN", "GRND", "PRTS"}) and known,
    )


@cache
def tags_organisations(language: str) -> bool:
    """Whether the language's dictionary marks organisations (Russian does, Ukrainian not)."""
    return "Orgn" in analyser(language).TagClass.KNOWN_GRAMMEMES


def is_personish(language: str, word: str) -> bool:
    """A given name, surname or patronymic reading, or a word the dictionary does not know."""
    info = features(language, word)
    return info.given or info.surname or info.patronymic or not info.known


def case_of(readings: Iterable[Parse]) -> set[str]:
    """The grammatical cases a set of readings allows."""
    return {c for p in readings for c in CASES if c in p.tag.grammemes}


def restore_case(surface: str, word: str) -> str:
    """Give `word` the capitals of `surface`, hyphen part by hyphen part."""
    if surface.isupper() and len(surface) > 1:
        return word.upper()
    parts, surface_parts = word.split("-"), surface.split("-")
    if len(parts) != len(surface_parts):
        return word[:1].upper() + word[1:] if surface[:1].isupper() else word
    return "-".join(
        p[:1].upper() + p[1:] if s[:1].isupper() else p
        for p, s in zip(parts, surface_parts, strict=True)
    )


def inflect_to_nominative(language: str, surface: str, reading: Parse) -> str:
    """One word in the nominative, keeping its number and gender; the surface if it cannot."""
    grammemes = reading.tag.grammemes
    if "nomn" in grammemes or "Fixd" in grammemes:
        return surface
    wanted = {"nomn"} | ({"plur"} if "plur" in grammemes else {"sing"})
    inflected = reading.inflect(wanted) or reading.inflect({"nomn"})
    return restore_case(surface, inflected.word) if inflected else surface
