"""Text as detection reads it: paragraphs → sentences → tokens, with positions kept."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_TOKEN = re.compile(
    r"(?:[A-ZА-ЯІЇЄҐ]\.){2,}"  # U.S., U.K., Д.А. (initialisms with dots)
    r"|[A-ZА-ЯІЇЄҐ]\.(?=\s+[A-ZА-ЯІЇЄҐ][\w’']+)"  # a middle initial: Stephen J. Townsend
    r"|\w(?:[\w’'\-]*\w)?"  # words, with inner hyphens and apostrophes
    r"|[^\w\s]",  # punctuation, one character each
)
_SENTENCE_END = frozenset(".!?…")
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt sgt adm cmdr rep sen gov st jr sr no vs etc inc corp
    co ltd dept est fig approx jan feb mar apr jun jul aug sep sept oct nov dec u.s д г т им
    ул св""".split()
)


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark; `start` is its offset in the paragraph."""

    text: str
    start: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper() or (self.text[0].isdigit() and self.text[-1].isalpha())


@dataclass(frozen=True)
class Sentence:
    """One sentence: its tokens, which paragraph it is in (0 is the title), and its index."""

    tokens: tuple[Token, ...]
    paragraph: int
    index: int

    def words(self) -> list[str]:
        return [t.text for t in self.tokens]


def tokenize(text: str) -> list[Token]:
    """Words and punctuation; a possessive `’s` becomes a token of its own."""
    tokens = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(), match.start()
        if len(word) > 2 and word[-2] in "’'" and word[-1] in "sS":
            tokens += [Token(word[:-2], start), Token("'s", start + len(word) - 2)]
        else:
            tokens.append(Token(word, start))
    return tokens


def split_sentences(paragraphs: Sequence[str]) -> list[Sentence]:
    """Sentences of every paragraph, numbered through the whole text."""
    sentences: list[Sentence] = []
    for number, paragraph in enumerate(paragraphs):
        current: list[Token] = []
        tokens = tokenize(paragraph)
        for position, token in enumerate(tokens):
            current.append(token)
            if token.text in _SENTENCE_END and _ends_sentence(tokens, position):
                sentences.append(Sentence(tuple(current), number, len(sentences)))
                current = []
        if current:
            sentences.append(Sentence(tuple(current), number, len(sentences)))
    return sentences


def _ends_sentence(tokens: list[Token], position: int) -> bool:
    """A full stop after an abbreviation (`Mr.`, `Gen.`) or an initial (`J.`) ends nothing."""
    if tokens[position].text != ".":
        return True
    before = tokens[position - 1].text if position else ""
    if before.lower() in ABBREVIATIONS or (len(before) == 1 and before.isupper()):
        return False
    after = tokens[position + 1].text if position + 1 < len(tokens) else ""
    return not after or not after[0].islower()
