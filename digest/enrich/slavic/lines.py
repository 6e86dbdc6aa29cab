"""Sentences as the readers see them: words made whole, split sentences rejoined."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from digest.enrich.slavic.spelling import INITIAL, LATIN, fix_script
from digest.enrich.text import Sentence, Token

CLAUSE_STARTS = frozenset({"«", '"', "„", "“", "(", "—", "–", "-", ":", "…", "•"})


@dataclass(frozen=True)
class Line:
    """One sentence as words, and whether a space comes before each word."""

    words: tuple[str, ...]
    spaced: tuple[bool, ...]
    sentence: Sentence

    def word(self, index: int) -> str:
        """The word at a position ("" outside the sentence)."""
        return self.words[index] if 0 <= index < len(self.words) else ""


def rejoin(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Undo sentence splits inside a word: `Mail.` | `Ru Group`, `«Живи!` | `»` (this needs
    the sentences' word offsets: `split_sentences(..., offsets=True)`)."""
    joined: list[Sentence] = []
    for sentence in sentences:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.paragraph == sentence.paragraph
            and sentence.starts
            and previous.starts
            and sentence.starts[0] == previous.starts[-1] + len(previous.text_words[-1])
        ):
            tokens = previous.tokens + sentence.tokens
            joined[-1] = Sentence.from_tokens(tokens, previous.paragraph, previous.index)
        else:
            joined.append(sentence)
    return joined


def line_of(sentence: Sentence) -> Line:
    """A sentence's words; `infox.ru`, `www.F5.ru`, `Yahoo!` and `Н.` made whole."""
    if not sentence.starts:
        words = tuple(fix_script(w) for w in sentence.text_words)
        return Line(words, (True,) * len(words), sentence)
    words: list[str] = []
    spaced: list[bool] = []
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        text = fix_script(token.text)
        touching = index > 0 and token.start == _end(tokens[index - 1])
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        touches_next = following is not None and following.start == _end(token)
        if touching and words and _joins(words[-1], text, touches_next):
            words[-1] += text
        else:
            words.append(text)
            spaced.append(not touching)
    return Line(tuple(words), tuple(spaced), sentence)


def _end(token: Token) -> int:
    """Where a token ends in its paragraph."""
    return token.start + len(token.text)


def _joins(previous: str, text: str, touches_next: bool) -> bool:
    """Whether a token touching the previous word belongs to it."""
    if text == ".":
        return touches_next and previous[:1].isalnum()
    if previous.endswith(".") and text[:1].isalnum():
        return len(previous) > 2 and not INITIAL.match(previous)
    return text == "!" and bool(LATIN.match(previous) or previous[:1].isupper())


def at_clause_start(line: Line, index: int) -> bool:
    """The first word of a sentence or of quoted speech: its capital says nothing."""
    before = index - 1
    while before >= 0 and line.words[before] in CLAUSE_STARTS:
        before -= 1
    return before < 0 or line.words[before] in (".", "!", "?", "…")
