"""Organisations by their head noun and its genitive tail, state bodies and abbreviations."""

from __future__ import annotations

from collections.abc import Sequence

from digest.enrich.slavic.context import (
    Context,
    Found,
    Result,
    is_role,
    known_at,
    pos_of,
    word_lemma,
)
from digest.enrich.slavic.lines import Line, at_clause_start
from digest.enrich.slavic.morphology import (
    case_of,
    features,
    parses,
    plain,
    tags_organisations,
)
from digest.enrich.slavic.nominative import nominative_word, phrase_nominative
from digest.enrich.slavic.places import is_country
from digest.enrich.slavic.spelling import (
    CYRILLIC_CAPITAL,
    LATIN,
    is_abbreviation,
    is_capitalised,
    join_words,
)
from digest.enrich.slavic.words import AND


def read_organisation(line: Line, index: int, context: Context, cue: str) -> Result:
    """An organisation by its head noun: «Общественной палаты», «Совета при Президенте РФ по
    развитию …», «парламент Грузии», «Минсельхоза США»."""
    word = line.words[index]
    if is_capitalised(word):
        return _capitalised_organisation(line, index, context) or _named_body(line, index, context)
    if is_abbreviation(word):
        return _named_body(line, index, context)
    if word.islower() and word.isalpha():
        return _state_body(line, index, context)
    return None


def _capitalised_organisation(line: Line, index: int, context: Context) -> Result:
    """Capitalised adjectives and an organisation noun, with the name's tail."""
    head = _org_head(line, index, context)
    if head is None:
        return None
    end = _tail_end(line, head + 1, context)
    adjectives = line.words[index:head]
    clause_start = at_clause_start(line, index)
    if not adjectives and (
        end == head + 1 or (clause_start and not _proper_tail(line, head, end, context))
    ):
        return None
    if clause_start and adjectives:
        first = parses(context.language, adjectives[0])[0].tag.grammemes
        if first & {"Apro", "Qual", "Anum"}:
            return None
    known = known_at(context, line, index)
    if known and index + known[0] >= end:
        return None
    weak = clause_start and end == head + 1 and len(adjectives) < 2
    name = phrase_nominative(context, line.words[index:end])
    return end, [Found.of(line, index, end, name, "organisation", weak=weak)]


def _org_head(line: Line, index: int, context: Context) -> int | None:
    """The position of the organisation noun after capitalised adjectives, if they agree."""
    for position in range(index, min(len(line.words), index + 4)):
        word = line.words[position]
        if not word.replace("-", "").isalpha() or LATIN.match(word):
            return None
        info = features(context.language, word)
        if word_lemma(context, word) in context.words.org_heads and not info.surname:
            return position if _agree(context, line.words[index : position + 1]) else None
        if not info.adjective or is_role(context, word) or pos_of(context, word) == "NOUN":
            return None
    return None


def _agree(context: Context, words: Sequence[str]) -> bool:
    """Adjectives and their noun share a case and number."""
    shared: set[tuple[str, str]] | None = None
    for word in words:
        options = set()
        for p in parses(context.language, word):
            number = "plur" if "plur" in p.tag.grammemes else "sing"
            options |= {(c, number) for c in case_of([p])}
        shared = options if shared is None else shared & options
    return bool(shared)


def _tail_end(line: Line, start: int, context: Context) -> int:
    """Where an organisation's name ends after its head: genitives, countries, «по …»."""
    position = start
    lower_phrases = prepositions = 0
    while position < len(line.words):
        word = line.words[position]
        step = _known_name(line, position, context)
        if not step and is_capitalised(word) and _genitive_name(context, word):
            step = 1
        if not step and _lone_surname(line, position, context):
            return position + 1
        if not step and word.islower() and not lower_phrases and not prepositions:
            step = _genitive_phrase(line, position, context) - position
            lower_phrases = 1 if step else 0
        if not step and word in context.words.tail_prepositions and prepositions < 2:
            end = _prepositional_phrase(line, position + 1, context)
            step = end - position if end > position + 1 else 0
            prepositions += 1 if step else 0
        if not step:
            break
        position += step
    return position


def _known_name(line: Line, position: int, context: Context) -> int:
    """The length of a country's name at a position (0 if there is none)."""
    if not is_country(line, position, context):
        return 0
    known = known_at(context, line, position)
    return known[0] if known else 0


def _genitive_name(context: Context, word: str) -> bool:
    """A capitalised genitive that continues a name («Совета Европы»), not a person or role."""
    info = features(context.language, word)
    if info.given or info.surname or info.patronymic or is_role(context, word):
        return False
    if word_lemma(context, word) in context.words.fold_heads:
        return False
    return "gent" in case_of(parses(context.language, word)) or not info.known


def _lone_surname(line: Line, position: int, context: Context) -> bool:
    """«Космического центра Кеннеди»: one surname in the genitive ends the name."""
    word = line.words[position]
    info = features(context.language, word)
    following = line.word(position + 1)
    return (
        is_capitalised(word)
        and info.surname
        and not info.given
        and "gent" in case_of(parses(context.language, word))
        and not is_capitalised(following)
    )


def _genitive_phrase(line: Line, start: int, context: Context, case: str = "gent") -> int:
    """Lower-case adjectives and a noun, all in `case` (any case when `case` is "")."""
    for position in range(start, min(len(line.words), start + 5)):
        word = line.words[position]
        if not word.replace("-", "").isalpha() or not word.islower():
            return start
        readings = parses(context.language, word)
        if not readings or readings[0].tag.POS not in ("NOUN", "ADJF", "PRTF"):
            return start
        wanted = [p for p in readings if not case or case in p.tag.grammemes]
        key = word_lemma(context, word)
        if not wanted or key in context.words.place_nouns or is_role(context, word):
            return start
        if any(p.tag.POS == "NOUN" for p in wanted):
            return position + 1
        if not any(p.tag.POS in ("ADJF", "PRTF") for p in wanted):
            return start
    return start


def _prepositional_phrase(line: Line, start: int, context: Context) -> int:
    """After «по», «при», «против»: a phrase, then genitives and «и …» inside it."""
    if is_capitalised(line.word(start)):
        position = start + 1
    else:
        position = _genitive_phrase(line, start, context, case="")
        if position == start:
            return start
    while position < len(line.words):
        word = line.words[position]
        known = _known_name(line, position, context)
        if known:
            position += known
        elif is_capitalised(word) and _genitive_name(context, word):
            position += 1
        elif word in AND:
            end = _genitive_phrase(line, position + 1, context, case="")
            if end == position + 1:
                break
            position = end
        else:
            end = _genitive_phrase(line, position, context)
            if end == position:
                break
            position = end
    return position


def _proper_tail(line: Line, head: int, end: int, context: Context) -> bool:
    """A head alone at a sentence's start needs a known capitalised name after it."""
    return any(
        line.words[p][:1].isupper() and features(context.language, line.words[p]).known
        for p in range(head + 1, end)
    )


def _named_body(line: Line, index: int, context: Context) -> Result:
    """A dictionary organisation word, or an abbreviation, before a country: «Минсельхоза
    США», «МИД РФ» (the country is part of the name, not a mention of its own)."""
    word = line.words[index]
    info = features(context.language, word)
    if not (info.organisation or is_abbreviation(word)) or info.given or info.surname:
        return None
    if known_at(context, line, index):
        return None
    known = known_at(context, line, index + 1)
    if known is None or known[1].kind != "country" or known[1].via != "name":
        return None
    if plain(word.lower()) in context.words.not_actors:
        return None
    end = index + 1 + known[0]
    name = join_words([nominative_word(context, word), *line.words[index + 1 : end]])
    return end, [Found.of(line, index, end, name, "organisation")]


def _state_body(line: Line, index: int, context: Context) -> Result:
    """«парламент Грузии», «государственный департамент США»: a state body of a country."""
    position = index
    while position < min(len(line.words), index + 3) and pos_of(context, line.words[position]) in (
        "ADJF",
        "PRTF",
    ):
        position += 1
    head = line.word(position)
    if not head.islower() or word_lemma(context, head) not in context.words.state_heads:
        return None
    if not _agree(context, line.words[index : position + 1]):
        return None
    country = _genitive_phrase(line, position + 1, context)
    if not is_country(line, country, context):
        country = position + 1
        if not is_country(line, country, context):
            return None
    known = known_at(context, line, country)
    end = country + (known[0] if known else 1)
    whole = known_at(context, line, index)
    if whole and index + whole[0] >= end:
        return None
    name = phrase_nominative(context, line.words[index:end])
    return end, [Found.of(line, index, end, name, "organisation")]


def read_abbreviation(line: Line, index: int, context: Context, cue: str) -> Result:
    """An abbreviation in capitals (КПСС, ГУВД): an organisation, unless it is a common term."""
    word = line.words[index]
    if not (is_abbreviation(word) and CYRILLIC_CAPITAL.match(word)):
        return None
    info = features(context.language, word)
    before = line.word(index - 1)
    if plain(word.lower()) in context.words.not_actors:
        return index + 1, []
    if info.place and not info.organisation:
        return index + 1, []
    if before[:1].isdigit() or word_lemma(context, before) in context.words.numbers:
        return index + 1, []
    weak = info.known and not info.organisation and tags_organisations(context.language)
    return index + 1, [Found.of(line, index, index + 1, word, "organisation", weak=weak)]
