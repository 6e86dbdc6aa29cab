"""Quoted names: «Яблоко» and партии «Яблоко» are organisations, фильм «…» is a work."""

from __future__ import annotations

from collections.abc import Sequence

from digest.enrich.slavic.context import Context, Found, Result, pos_of, word_lemma
from digest.enrich.slavic.lines import Line
from digest.enrich.slavic.morphology import features, is_personish, parses
from digest.enrich.slavic.nominative import phrase_nominative
from digest.enrich.slavic.spelling import LATIN, capitalise, is_capitalised, join_words
from digest.enrich.slavic.words import AND

OPENING_QUOTES = frozenset("«„“")
QUOTES = frozenset('«„“"')
CLOSING_QUOTES = {"«": "»", "„": "“", "“": "”"}


def read_quoted(line: Line, index: int, context: Context, cue: str) -> Result:
    """«Яблоко», партии «Яблоко», газеты «Русская правда»: a short quoted name after an
    organisation's noun, or alone; not after a work's noun (фильм «…», акция «…»)."""
    close = _closing_quote(line, index)
    if close is None:
        return None
    inner = line.words[index + 1 : close]
    if not _is_quoted_name(inner):
        return None
    noun = _type_word(line, index, context)
    if noun in context.words.work_types or _names_a_work(inner, context):
        return close + 1, [Found.of(line, index + 1, close, join_words(inner), "work")]
    if noun in context.words.org_types:
        return close + 1, [
            Found.of(line, index + 1, close, capitalise(join_words(inner)), "organisation")
        ]
    if not _standalone_name(inner, context):
        return None
    name = phrase_nominative(context, inner)
    return close + 1, [Found.of(line, index + 1, close, name, "organisation")]


def _closing_quote(line: Line, index: int) -> int | None:
    """The position of the quote closing one at `index`, within eight words; None if none."""
    word = line.words[index]
    if word in OPENING_QUOTES:
        closing = CLOSING_QUOTES[word]
    elif word == '"' and index + 1 < len(line.words) and not line.spaced[index + 1]:
        closing = '"'
    else:
        return None
    for end in range(index + 1, min(len(line.words), index + 9)):
        if line.words[end] in (closing, '"'):
            return end if end > index + 1 else None
    return None


def _is_quoted_name(inner: Sequence[str]) -> bool:
    """Up to six words, the first capitalised (or Latin), no sentence inside."""
    if not inner or len(inner) > 6:
        return False
    if any(w in (".", "?", ":", ",", ";", "«", "»", '"', "(") for w in inner):
        return False
    if any(w == "!" for w in inner[:-1]):
        return False
    first = inner[0]
    return first[:1].isupper() or bool(LATIN.match(first))


def _type_word(line: Line, index: int, context: Context) -> str:
    """The noun just before a quote («партии», «газеты»), as a lemma; "" if there is none.
    A quote in a list after another quote shares its noun: соцсетей «Одноклассники» и «…»."""
    before = line.word(index - 1)
    if (before == "," or before in AND) and line.word(index - 2) in ("»", '"', "“"):
        opening = max(
            (p for p in range(max(0, index - 10), index - 2) if line.words[p] in QUOTES),
            default=None,
        )
        if opening is not None:
            return _type_word(line, opening, context)
    if not before[:1].isalpha():
        return ""
    whole = word_lemma(context, before)
    if whole in context.words.org_types or whole in context.words.work_types:
        return whole
    return word_lemma(context, before.rsplit("-", 1)[-1])


def _names_a_work(inner: Sequence[str], context: Context) -> bool:
    """«Русский марш», «Памяти Бориса Стругацкого»: a work's noun or a person's name inside."""
    if any(word_lemma(context, w) in context.words.work_types for w in inner):
        return True
    language = context.language
    for position in range(len(inner) - 1):
        word, following = inner[position], inner[position + 1]
        readings = parses(language, word)
        given = is_capitalised(word) and "Name" in readings[0].tag.grammemes
        if given and is_capitalised(following) and is_personish(language, following):
            return True
    return False


def _standalone_name(inner: Sequence[str], context: Context) -> bool:
    """A quoted name with no noun before it: a noun phrase, not a slogan or a verb."""
    first = inner[0]
    if LATIN.match(first) or not features(context.language, first).known:
        return True
    if first[:1].isdigit() or pos_of(context, first) not in ("NOUN", "ADJF", "PRTF", ""):
        return False
    if parses(context.language, first)[0].tag.grammemes & {"Apro", "Anum"}:
        return False
    return not any(w.islower() and features(context.language, w).verb for w in inner)
