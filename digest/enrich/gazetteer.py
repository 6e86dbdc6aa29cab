"""Known names → actors: longest-match lookup over token sequences, per language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from digest.enrich.text import tokenize

MAX_NAME_TOKENS = 10


@dataclass(frozen=True)
class Entry:
    """What a known name stands for: the actor, its kind, and how it was named."""

    actor: str
    kind: str
    via: str = "name"
    """`name`, `demonym` (Belgian → Belgium) or `capital` (Washington → United States)."""


@dataclass(frozen=True)
class NameSource:
    """The names of one actor in one language, as a registry or the built-in data gives them."""

    actor: str
    kind: str
    names: tuple[str, ...]
    demonyms: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()


Normalise = Callable[[str], str]


class Gazetteer:
    """Finds known names in token sequences. Acronyms (`WHO`, `US`) match only in capitals."""

    def __init__(self, sources: Iterable[NameSource], normalise: Normalise = str.casefold) -> None:
        self.normalise = normalise
        self._exact: dict[tuple[str, ...], Entry] = {}
        self._folded: dict[tuple[str, ...], Entry] = {}
        self._lengths: dict[str, tuple[int, ...]] = {}
        """First word (normalised) → the lengths of the names starting with it, longest first."""
        for source in sources:
            for via, names in (
                ("name", source.names),
                ("demonym", source.demonyms),
                ("capital", source.capitals),
            ):
                for name in names:
                    self._add(name, Entry(source.actor, source.kind, via))

    def _add(self, name: str, entry: Entry) -> None:
        words = tuple(token.text for token in tokenize(name))
        if words[:1] in (("the",), ("The",)):
            words = words[1:]
        if not words or len(words) > MAX_NAME_TOKENS:
            return
        if len(words) == 1 and words[0].isupper() and len(words[0]) > 1:
            self._exact.setdefault(words, entry)
        else:
            key = tuple(self.normalise(w) for w in words)
            self._folded.setdefault(key, entry)
            lengths = {*self._lengths.get(key[0], ()), len(key)}
            self._lengths[key[0]] = tuple(sorted(lengths, reverse=True))

    def match(self, words: Sequence[str], start: int) -> tuple[int, Entry] | None:
        """The longest known name starting at `words[start]`: (number of tokens, entry)."""
        if start >= len(words):
            return None
        first = words[start]
        exact = self._exact.get((first,)) if first.isupper() and len(first) > 1 else None
        lengths = self._lengths.get(self.normalise(first), ())
        if not lengths:
            return (1, exact) if exact else None
        available = len(words) - start
        folded = [self.normalise(w) for w in words[start : start + min(lengths[0], available)]]
        for length in lengths:
            if length > available:
                continue
            entry = exact if length == 1 and exact else self._folded.get(tuple(folded[:length]))
            if entry is not None:
                return length, entry
        return (1, exact) if exact else None

    def lookup(self, name: str) -> Entry | None:
        """What a whole name stands for, if it is known."""
        words = [token.text for token in tokenize(name)]
        found = self.match(words, 0) if words else None
        return found[1] if found is not None and found[0] == len(words) else None
