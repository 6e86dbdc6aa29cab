"""What every reader shares: the article's context, what a reader finds, lookups by lemma."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from digest.enrich.gazetteer import Entry, Gazetteer
from digest.enrich.slavic.lines import Line
from digest.enrich.slavic.morphology import lemma, parses
from digest.enrich.slavic.spelling import join_words
from digest.enrich.slavic.words import Lexicon
from digest.enrich.text import Sentence

PREFIXES = ("экс-", "вице-", "и.о.", "екс-", "віце-", "в.о.")


@dataclass(frozen=True)
class Found:
    """One name read in one sentence, before folding: what it is and how it was written."""

    name: str
    kind: str
    """person, country, organisation; or, until folding: single (a lone name word), work
    (a quoted title, never an actor) and noun (a capitalised common noun)."""
    sentence: Sentence
    surface: str
    parts: tuple[str, ...] = ()
    """People: (given name, patronymic, surname, initials), nominative; singles: their forms."""
    weak: bool = False
    """Counts only if the article confirms it: an organisation named only at a sentence's
    start, an abbreviation the dictionary knows as no organisation («СПО»)."""

    @classmethod
    def of(cls, line: Line, start: int, end: int, name: str, kind: str, **extra: Any) -> Found:
        """A name found in `line` from word `start` to `end`, its surface as written there."""
        return cls(name, kind, line.sentence, join_words(line.words[start:end]), **extra)


@dataclass(frozen=True)
class Context:
    """What reading one article needs besides the sentence at hand."""

    language: str
    gazetteer: Gazetteer
    words: Lexicon
    names: Mapping[str, str]
    """Gazetteer actor (the English canonical name) → the canonical name in this language."""
    lower: frozenset[str] = frozenset()
    """Lemmas the article also writes in lower case."""


Result = tuple[int, list[Found]] | None
Reader = Callable[[Line, int, Context, str], Result]
"""Reads a name at a position; the last argument is the case of a waiting role cue, or ""."""


def known_at(context: Context, line: Line, position: int) -> tuple[int, Entry] | None:
    """The longest gazetteer name starting at a position, if any."""
    if not 0 <= position < len(line.words):
        return None
    return context.gazetteer.match(line.words, position)


def is_role(context: Context, word: str) -> bool:
    """A role word: «президент», «экс-премьер», «премьер-министром»."""
    lower = word.lower()
    for prefix in PREFIXES:
        lower = lower.removeprefix(prefix)
    if not lower.replace("-", "").isalpha():
        return False
    return lower in context.words.roles or lemma(context.language, lower) in context.words.roles


def word_lemma(context: Context, word: str) -> str:
    """A word's lemma, read in lower case ("" for no word)."""
    return lemma(context.language, word.lower()) if word else ""


def pos_of(context: Context, word: str) -> str:
    """The likeliest part of speech of a word ("" if none)."""
    readings = parses(context.language, word)
    return str(readings[0].tag.POS or "") if readings else ""
