"""Text as detection reads it: paragraphs → sentences → tokens, with positions kept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_TOKEN = re.compile(
    r"(?:[A-ZА-ЯІЇЄҐ]\.){2,}"  # U.S., U.K., Д.А. (initialisms with dots)
    r"|[A-ZА-ЯІЇЄҐ]\.(?=\s+[A-ZА-ЯІЇЄҐ][\w’']+)"  # a middle initial: Stephen J. Townsend
    r"|\w+(?:[-'’](?![sS]\b)\w+)*"  # words, with inner hyphens and apostrophes
    r"|['’][sS]\b"  # a possessive, a token of its own
    r"|[^\w\s]",  # punctuation, one character each
)
_SENTENCE_END = frozenset(".!?…")
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm cmdr rep sen gov st jr sr no vs etc inc corp
    co ltd dept est fig approx jan feb mar apr jun jul aug sep sept oct nov dec u.s д г т им
    ул св""".split()
)


class Token(NamedTuple):
    """A word or punctuation mark; `start` is its offset in the paragraph."""

    text: str
    start: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper() or (self.text[0].isdigit() and self.text[-1].isalpha())


class Sentence(NamedTuple):
    """One sentence: its words, which paragraph it is in (0 is the title), and its index.

    `starts` holds each word's offset in the paragraph when the sentences were split with
    offsets (the Slavic reader needs them; the English one does not, and is faster without).
    """

    text_words: tuple[str, ...]
    paragraph: int
    index: int
    starts: tuple[int, ...] = ()

    def words(self) -> list[str]:
        return list(self.text_words)

    @classmethod
    def from_tokens(cls, tokens: Sequence[Token], paragraph: int, index: int) -> Sentence:
        return cls(tuple(t.text for t in tokens), paragraph, index, tuple(t.start for t in tokens))

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(Token(w, s) for w, s in zip(self.text_words, self.starts, strict=True))


def tokenize(text: str) -> list[Token]:
    """Words and punctuation with their offsets; a possessive `’s` is a token, written `'s`."""
    return [Token(_possessive(m.group()), m.start()) for m in _TOKEN.finditer(text)]


def words_of(text: str) -> list[str]:
    """The words and punctuation of `text`, as `tokenize` finds them, without offsets."""
    get = _POSSESSIVES.get
    return [get(word, word) for word in _TOKEN.findall(text)]


_POSSESSIVES = {"’s": "'s", "'S": "'s", "’S": "'s"}


def _possessive(word: str) -> str:
    return _POSSESSIVES.get(word, word)


def split_sentences(paragraphs: Sequence[str], offsets: bool = False) -> list[Sentence]:
    """Sentences of every paragraph, numbered through the whole text."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        if offsets:
            tokens = tokenize(paragraph)
            words = [t.text for t in tokens]
            starts = [t.start for t in tokens]
        else:
            words, starts = words_of(paragraph), []
        first = 0
        for position in [i for i, word in enumerate(words) if word in _SENTENCE_END]:
            if _ends_sentence(words, position):
                sentences.append(_sentence(words, starts, first, position + 1, number, sentences))
                first = position + 1
        if first < len(words):
            sentences.append(_sentence(words, starts, first, len(words), number, sentences))
    return sentences


def _sentence(
    words: list[str], starts: list[int], first: int, end: int, paragraph: int, done: list[Sentence]
) -> Sentence:
    return Sentence(tuple(words[first:end]), paragraph, len(done), tuple(starts[first:end]))


def _ends_sentence(words: list[str], position: int) -> bool:
    """A full stop after an abbreviation (`Mr.`, `Gen.`) or an initial (`J.`) ends nothing."""
    if words[position] != ".":
        return True
    before = words[position - 1] if position else ""
    if before.lower() in ABBREVIATIONS or (len(before) == 1 and before.isupper()):
        return False
    after = words[position + 1] if position + 1 < len(words) else ""
    return not after or not after[0].islower()
