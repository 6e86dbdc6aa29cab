"""What every reader shares: the article's context, known names, what reading finds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from digest.enrich.gazetteer import Entry, Gazetteer
from digest.enrich.text import Sentence


class Mention(NamedTuple):
    """One place an actor is named: which sentence and paragraph (0 is the title)."""

    actor: str
    kind: str
    paragraph: int
    sentence: int
    surface: str
    aside: bool = False
    """Named in passing, not as one who acts: a country as where something is (`near Palmyra,
    Syria`), a spokesperson voicing an organisation (`Fuad Basya, spokesman for …`)."""


def mention(actor: str, kind: str, sentence: Sentence, surface: list[str]) -> Mention:
    """A mention of `actor` in `sentence`, written as the words `surface`."""
    return Mention(actor, kind, sentence.paragraph, sentence.index, " ".join(surface))


@dataclass
class Leftovers:
    """Words no rule claimed yet: single words (surnames?) and short names (people in a list?)."""

    singles: list[tuple[str, Sentence]]
    unsure: list[tuple[list[str], Sentence, str, str]]
    """(words, sentence, the word before, the word after)."""


class Known:
    """Known names in one sentence, each position looked up once."""

    def __init__(self, gazetteer: Gazetteer, words: list[str]) -> None:
        self._gazetteer = gazetteer
        self._words = words
        self._found: dict[int, tuple[int, Entry] | None] = {}

    def at(self, index: int) -> tuple[int, Entry] | None:
        if index not in self._found:
            self._found[index] = self._gazetteer.match(self._words, index)
        return self._found[index]


@dataclass(frozen=True)
class Context:
    """What reading one article needs besides the sentence at hand."""

    lower: frozenset[str]
    """Words the text also uses in lower case."""
    alone: frozenset[str]
    """Capitalised words the text also uses on their own, mid-sentence (surnames, mostly)."""
