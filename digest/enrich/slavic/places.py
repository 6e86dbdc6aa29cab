"""Countries by name, demonym or capital, and cities and regions acting as polities."""

from __future__ import annotations

from digest.enrich.gazetteer import Entry
from digest.enrich.slavic.context import Context, Found, Result, known_at, pos_of, word_lemma
from digest.enrich.slavic.lines import Line, at_clause_start
from digest.enrich.slavic.morphology import case_of, features, parses
from digest.enrich.slavic.nominative import phrase_nominative
from digest.enrich.slavic.spelling import is_capitalised

DEMONYMS = True
"""Whether «российский», «россияне» name Russia (they help on the dev set)."""
PLACES = "cue"
"""Cities and regions count only after «власти», «губернатор»… ("cue"), always ("all") or
never ("none"); "cue" scores best on the factRuEval dev set."""


def read_known(line: Line, index: int, context: Context, cue: str) -> Result:
    """Countries and organisations the gazetteer knows, by name, demonym or capital."""
    known = known_at(context, line, index)
    if known is None:
        return None
    length, entry = known
    end = index + length
    if not _counts(line, index, end, entry, context):
        return (end, []) if entry.via == "name" and line.words[index][:1].isupper() else None
    name = context.names.get(entry.actor, entry.actor)
    return end, [Found.of(line, index, end, name, entry.kind)]


def _counts(line: Line, index: int, end: int, entry: Entry, context: Context) -> bool:
    """Whether a known name names its actor here: not in «долларов США», not a language."""
    word = line.words[index]
    if entry.via == "name":
        if end - index == 1 and not word[:1].isupper():
            return False
        return word_lemma(context, line.word(index - 1)) not in context.words.currency
    if entry.via == "demonym":
        if not DEMONYMS or (word[:1].isupper() and not at_clause_start(line, index)):
            return False
        return not any(
            word_lemma(context, w) in context.words.language for w in line.words[end : end + 4]
        )
    if not word[:1].isupper() or pos_of(context, line.word(index - 1)) == "PREP":
        return False
    return "nomn" in case_of(parses(context.language, word)[:1])


def read_place(line: Line, index: int, context: Context, cue: str) -> Result:
    """A city or region acting as a polity: «власти Петербурга», «глава Свердловской области»;
    other places are no actors."""
    word = line.words[index]
    if not is_capitalised(word):
        return None
    end = _place_end(line, index, context)
    if end is None:
        return None
    before = word_lemma(context, line.word(index - 1))
    if before in context.words.place_nouns:
        before = word_lemma(context, line.word(index - 2))
    if PLACES == "none" or (PLACES == "cue" and before not in context.words.polity_cues):
        return (end, []) if end > index + 1 else None
    name = phrase_nominative(context, line.words[index:end])
    return end, [Found.of(line, index, end, name, "organisation")]


def _place_end(line: Line, index: int, context: Context) -> int | None:
    """The end of a city's or region's name: «Петербурга», «Свердловской области»."""
    word = line.words[index]
    info = features(context.language, word)
    if info.adjective and word_lemma(context, line.word(index + 1)) in context.words.region_nouns:
        return index + 2
    readings = parses(context.language, word)
    if readings and "Geox" in readings[0].tag.grammemes and not (info.given or info.surname):
        return index + 1
    return None


def is_country(line: Line, position: int, context: Context) -> bool:
    """A country's capitalised name (not a demonym or capital) starts at a position."""
    known = known_at(context, line, position)
    return (
        known is not None
        and known[1].kind == "country"
        and known[1].via == "name"
        and line.word(position)[:1].isupper()
    )
