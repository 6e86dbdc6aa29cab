"""People: runs of name words read as one person's name, and lone name words."""

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
    features,
    inflect_to_nominative,
    is_personish,
    parses,
)
from digest.enrich.slavic.nominative import nominative_word, person_name
from digest.enrich.slavic.spelling import INITIAL, is_capitalised

FUNCTION_WORDS = frozenset({"CONJ", "PREP", "PRCL", "INTJ", "NPRO", "ADVB", "PRED", "NUMR"})


def read_person(line: Line, index: int, context: Context, cue: str) -> Result:
    """A person: given name, patronymic and surname in capitals, or any name after a role."""
    run = _name_run(line, index, context, cue)
    names = [w for w in run if not INITIAL.match(w)]
    if not names:
        return None
    end = index + len(run)
    language = context.language
    if len(names) == 1:
        if cue and not features(language, names[0]).common:
            parts = ("", "", person_name(language, names, cue)[0], "")
            return end, [Found.of(line, index, end, parts[2], "person", parts=parts)]
        if len(run) > 1:
            forms = single_forms(language, names[0])
            return end, [Found.of(line, index, end, names[0], "single", parts=forms)]
        return None
    if not cue and not _looks_like_person(language, names):
        return None
    parts = _name_parts(language, run, cue)
    return end, [Found.of(line, index, end, person_display(parts), "person", parts=parts)]


def _name_run(line: Line, index: int, context: Context, cue: str) -> list[str]:
    """Capitalised words (and initials) that could make one person's name."""
    run: list[str] = []
    position = index
    while position < len(line.words) and len(run) < 4:
        word = line.words[position]
        if not (INITIAL.match(word) or _continues_name(line, position, context, cue, run)):
            break
        run.append(word)
        position += 1
    while run and INITIAL.match(run[-1]):
        run.pop()
    return run


def _continues_name(line: Line, position: int, context: Context, cue: str, run: list[str]) -> bool:
    """A name word that does not start another name."""
    word = line.words[position]
    return _name_word(line, position, context, cue, run) and not _new_name(context, run, word)


def _name_word(line: Line, position: int, context: Context, cue: str, run: list[str]) -> bool:
    """Whether a word can continue (or start) a person's name."""
    word = line.words[position]
    language = context.language
    if not is_capitalised(word) or is_role(context, word):
        return False
    if pos_of(context, word) in FUNCTION_WORDS:
        return False
    known = known_at(context, line, position)
    if known and (known[1].via == "name" or not is_personish(language, word)):
        return False
    info = features(language, word)
    person = info.given or info.surname or info.patronymic
    key = word_lemma(context, word)
    if key in context.words.org_heads or key in context.words.fold_heads:
        return False
    if info.organisation and not person:
        return False
    names = [w for w in run if not INITIAL.match(w)]
    after_given = bool(names) and features(language, names[-1]).given
    if pos_of(context, word) in ("ADJF", "PRTF") and not info.surname:
        return after_given
    if info.place and not person and info.known:
        return after_given and not known
    return bool(cue) or person or not info.known


def _new_name(context: Context, run: list[str], word: str) -> bool:
    """A word that starts another name: «Кима Чен Ира | Ким Ир Сен», «Ельцина | Наина»."""
    names = [w for w in run if not INITIAL.match(w)]
    if not names:
        return False
    if any(name_stem(w) == name_stem(word) for w in names):
        return True
    language = context.language
    readings = parses(language, word)
    starts = bool(readings) and "Name" in readings[0].tag.grammemes and readings[0].is_known
    previous = features(language, names[-1])
    return starts and not previous.given and previous.surname and previous.known


def _looks_like_person(language: str, names: list[str]) -> bool:
    """Two or more name words: one the dictionary knows as a name, or all unknown to it."""
    infos = [features(language, w) for w in names]
    if any(i.known and (i.given or i.surname or i.patronymic) for i in infos):
        return True
    return all(not i.known for i in infos)


def _name_parts(language: str, run: list[str], case: str = "") -> tuple[str, str, str, str]:
    """(given name, patronymic, surname, middle initials) of a name, nominative."""
    words = [w for w in run if not INITIAL.match(w)]
    nominative = person_name(language, words, case)
    given = patronymic = ""
    rest = []
    for position, (word, form) in enumerate(zip(words, nominative, strict=True)):
        info = features(language, word)
        if info.patronymic and position > 0 and not patronymic:
            patronymic = form
        elif position == 0 and len(words) > 1 and (info.given or not info.surname):
            given = form
        else:
            rest.append(form)
    initials = " ".join(w for w in run[1:] if INITIAL.match(w)) if given else ""
    return given, patronymic, " ".join(rest), initials


def person_display(parts: Sequence[str]) -> str:
    """A person's name to show: given name and surname; the patronymic only without one."""
    given, patronymic, surname, initials = parts
    if surname:
        return " ".join(p for p in (given, initials, surname) if p)
    return " ".join(p for p in (given, patronymic) if p)


def read_single(line: Line, index: int, context: Context, cue: str) -> Result:
    """One capitalised word no rule claimed: a dictionary organisation («Роскомнадзора»), a
    name word (folded into a person later) or a capitalised common noun («Кнессета»)."""
    word = line.words[index]
    if not is_capitalised(word) or is_role(context, word):
        return None
    language = context.language
    info = features(language, word)
    readings = parses(language, word)
    first = readings[0].tag.grammemes if readings else frozenset()
    if "Orgn" in first and readings[0].is_known:
        name = nominative_word(context, word)
        return index + 1, [Found.of(line, index, index + 1, name, "organisation")]
    if first & {"ADJF", "PRTF"} and "Surn" not in first:
        return None
    if info.given or info.surname or info.patronymic or not info.known or info.place:
        if at_clause_start(line, index) and info.common:
            return None
        forms = single_forms(language, word)
        return index + 1, [Found.of(line, index, index + 1, word, "single", parts=forms)]
    if "NOUN" in first and "inan" in first and not at_clause_start(line, index):
        if is_capitalised(line.word(index + 1)):
            return None
        name = inflect_to_nominative(language, word, readings[0])
        forms = single_forms(language, word)
        return index + 1, [Found.of(line, index, index + 1, name, "noun", parts=forms)]
    return None


def single_forms(language: str, word: str) -> tuple[str, ...]:
    """What a lone name word may stand for, as stems: «Ельцина» → ельцин."""
    forms = {name_stem(word)}
    for p in parses(language, word):
        if "NOUN" in p.tag.grammemes:
            forms.add(name_stem(p.normal_form))
    return tuple(sorted(forms))


NAME_ENDINGS = sorted(
    """ого его ому ему ыми ими ой ей ий ый ая яя ую юю их ых ым им ом ем ам ям ах ях ов ев
    а я у ю е ы и о й ь""".split(),
    key=len,
    reverse=True,
)


def name_stem(word: str) -> str:
    """A name word without its case ending: «Стругацких», «Стругацкий» → стругацк."""
    lower = word.lower().replace("ё", "е")
    for ending in NAME_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 2:
            return lower[: -len(ending)]
    return lower
