"""The word lists of Russian and Ukrainian, read from `data/actor_words_<language>.txt`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from importlib import resources

from digest.enrich.slavic.morphology import plain

AND = frozenset({"и", "і", "й", "та"})


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one language (lemmas), read from `data/actor_words_<lang>.txt`."""

    roles: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    state_heads: frozenset[str] = frozenset()
    fold_heads: frozenset[str] = frozenset()
    org_types: frozenset[str] = frozenset()
    work_types: frozenset[str] = frozenset()
    place_nouns: frozenset[str] = frozenset()
    region_nouns: frozenset[str] = frozenset()
    polity_cues: frozenset[str] = frozenset()
    currency: frozenset[str] = frozenset()
    numbers: frozenset[str] = frozenset()
    language: frozenset[str] = frozenset()
    not_actors: frozenset[str] = frozenset()
    tail_prepositions: frozenset[str] = frozenset()


@cache
def lexicon(language: str) -> Lexicon:
    """The word lists of a language ("ru" or "uk")."""
    path = resources.files("digest.enrich").joinpath(f"data/actor_words_{language}.txt")
    sections: dict[str, set[str]] = {}
    current: set[str] = set()
    for line in path.read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], set())
        else:
            current.update(plain(word) for word in line.split())
    known = {f.name for f in fields(Lexicon)}
    return Lexicon(**{name: frozenset(words) for name, words in sections.items() if name in known})
