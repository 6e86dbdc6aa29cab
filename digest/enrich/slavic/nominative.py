"""Names in the nominative: people's names word by word, organisations' head phrases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from digest.enrich.slavic.context import Context
from digest.enrich.slavic.morphology import (
    CASES,
    PERSON_TAGS,
    Parse,
    case_of,
    features,
    inflect_to_nominative,
    parses,
)
from digest.enrich.slavic.spelling import (
    INITIAL,
    LATIN,
    capitalise,
    is_abbreviation,
    join_words,
)


def person_name(language: str, words: Sequence[str], case: str = "") -> tuple[str, ...]:
    """A person's name words in the nominative: «Людмилы Гурченко» → Людмила Гурченко.
    `case`, if given, is the case of the role word before the name."""
    case = _shared_case(language, words, case)
    gender = _gender(language, words, case)
    return tuple(_person_word(language, word, case, gender) for word in words)


def _person_readings(language: str, word: str) -> list[Parse]:
    """Singular noun readings of a name word, names' readings first."""
    readings = [
        p
        for p in parses(language, word)
        if "NOUN" in p.tag.grammemes and "plur" not in p.tag.grammemes
    ]
    named = [p for p in readings if PERSON_TAGS & p.tag.grammemes]
    return named or readings


def _shared_case(language: str, words: Sequence[str], hint: str = "") -> str:
    """The case of a name: its given name's likeliest case the others allow, else the
    case of the role word before it, else a vote."""
    score: Counter[str] = Counter()
    for word in words:
        if features(language, word).given and features(language, word).known:
            readings = [
                p
                for p in _person_readings(language, word)
                if "Name" in p.tag.grammemes and "Fixd" not in p.tag.grammemes
            ]
            allowed = [c for c in CASES if all(_allows(language, w, c) for w in words)]
            for p in readings:
                if not allowed or any(c in p.tag.grammemes for c in allowed):
                    found = case_of([p]) & set(allowed or CASES)
                    if found:
                        return min(found, key=CASES.index)
    if hint and all(_allows(language, w, hint) for w in words):
        return hint
    for word in words:
        readings = _person_readings(language, word)
        if not readings or all("Fixd" in p.tag.grammemes for p in readings):
            continue
        best: dict[str, float] = {}
        for p in readings:
            for c in case_of([p]):
                best[c] = max(best.get(c, 0.0), p.score)
        for c, value in best.items():
            score[c] += 1 + value
    return max(CASES, key=lambda c: (score[c], -CASES.index(c))) if score else "nomn"


def _allows(language: str, word: str, case: str) -> bool:
    """Whether a name word can be in a case (unknown and fixed words can be in any)."""
    readings = [
        p
        for p in parses(language, word)
        if "NOUN" in p.tag.grammemes and "plur" not in p.tag.grammemes
    ]
    if not features(language, word).known or not readings:
        return True
    if not any(PERSON_TAGS & p.tag.grammemes for p in readings):
        return True
    return any(case in p.tag.grammemes or "Fixd" in p.tag.grammemes for p in readings)


def _gender(language: str, words: Sequence[str], case: str) -> str | None:
    """The gender of the given name (or of the first word) in that case."""
    for word in words:
        for p in _person_readings(language, word):
            grammemes = p.tag.grammemes
            if case in grammemes and p.tag.gender in ("masc", "femn") and grammemes & PERSON_TAGS:
                return p.tag.gender
    return None


def _person_word(language: str, word: str, case: str, gender: str | None) -> str:
    """One name word in the nominative, given the name's case and gender."""
    if case == "nomn" or INITIAL.match(word):
        return word
    readings = [p for p in _person_readings(language, word) if case in p.tag.grammemes]
    if any("Fixd" in p.tag.grammemes for p in readings[:1]):
        return word
    if features(language, word).place and not any(PERSON_TAGS & p.tag.grammemes for p in readings):
        return guess_nominative(word, case, gender)
    if gender:
        readings.sort(key=lambda p: (p.tag.gender != gender, not (PERSON_TAGS & p.tag.grammemes)))
    if readings and (features(language, word).known or PERSON_TAGS & readings[0].tag.grammemes):
        return inflect_to_nominative(language, word, readings[0])
    return guess_nominative(word, case, gender)


MASCULINE_ENDINGS = {
    "gent": ("а", "я", "ы", "и"),
    "accs": ("а", "я"),
    "datv": ("у", "ю"),
    "ablt": ("ом", "ем", "ём"),
    "loct": ("е",),
}
FEMININE_ENDINGS = {
    "gent": ("ы", "и"),
    "datv": ("е", "и"),
    "loct": ("е", "и"),
    "accs": ("у", "ю"),
    "ablt": ("ой", "ей", "ою"),
}
VOWELS = frozenset("аеёиоуыэюяіїє")


def guess_nominative(word: str, case: str, gender: str | None) -> str:
    """A name the dictionary lacks, by its ending: «Карзаем» → Карзай, «Лофнера» → Лофнер."""
    table = FEMININE_ENDINGS if gender == "femn" else MASCULINE_ENDINGS
    for ending in table.get(case, ()):
        stem = word[: -len(ending)]
        if not word.lower().endswith(ending) or len(stem) < 2:
            continue
        if gender == "femn":
            return stem + ("а" if ending in ("ы", "у", "ой", "е", "ою") else "я")
        if ending in ("ы", "и"):
            return stem + "а"
        if ending in ("я", "ю", "ем", "ём"):
            return stem + ("й" if stem[-1].lower() in VOWELS else "ь")
        return stem
    return word


def phrase_nominative(context: Context, words: Sequence[str]) -> str:
    """A name's head (adjectives and their noun) in the nominative, the rest as written:
    «Общественной палаты» → Общественная палата, «Голоса Америки» → Голос Америки."""
    head = _head_length(context, words)
    if head == 0:
        return capitalise(join_words(words))
    case, number = _phrase_case(context, words[:head])
    noun = _reading_in(context, words[head - 1], case, number, None, ("NOUN",))
    gender = noun.tag.gender if noun is not None and number == "sing" else None
    out = list(words)
    for position in range(head):
        allowed = ("NOUN",) if position == head - 1 else ("ADJF", "PRTF")
        reading = _reading_in(context, words[position], case, number, gender, allowed)
        if reading is not None:
            out[position] = inflect_to_nominative(context.language, words[position], reading)
    return capitalise(join_words(out))


def _head_length(context: Context, words: Sequence[str]) -> int:
    """How many words make the head: adjectives, then the first noun."""
    for position, word in enumerate(words):
        if not word[:1].isalpha() or LATIN.match(word) or is_abbreviation(word):
            return 0
        if any(p.tag.POS == "NOUN" for p in parses(context.language, word)[:2]):
            return position + 1
        if not features(context.language, word).adjective:
            return 0
    return 0


def _phrase_case(context: Context, words: Sequence[str]) -> tuple[str, str]:
    """The (case, number) every word of a head phrase can have, likeliest first."""
    scores: Counter[tuple[str, str]] = Counter()
    for word in words:
        seen: dict[tuple[str, str], float] = {}
        for p in parses(context.language, word):
            if p.tag.POS in ("NOUN", "ADJF", "PRTF"):
                number = "plur" if "plur" in p.tag.grammemes else "sing"
                for c in case_of([p]):
                    seen[(c, number)] = max(seen.get((c, number), 0.0), p.score)
        for key, value in seen.items():
            scores[key] += 10 + value
    if not scores:
        return "nomn", "sing"
    return max(scores, key=lambda k: (scores[k], k[0] == "nomn"))


def _reading_in(
    context: Context,
    word: str,
    case: str,
    number: str,
    gender: str | None,
    allowed: tuple[str, ...],
) -> Parse | None:
    """The reading of a word in a given case, number and (for adjectives) gender."""
    for p in parses(context.language, word):
        grammemes = p.tag.grammemes
        if p.tag.POS not in allowed or case not in grammemes:
            continue
        if ("plur" in grammemes) != (number == "plur"):
            continue
        if gender and p.tag.POS != "NOUN" and p.tag.gender not in (gender, None):
            continue
        return p
    return None


def nominative_word(context: Context, word: str) -> str:
    """An organisation's one-word name in the nominative: «Роскомнадзора» → Роскомнадзор."""
    if is_abbreviation(word):
        return word
    readings = parses(context.language, word)
    reading = next((p for p in readings if "Orgn" in p.tag.grammemes), None)
    return inflect_to_nominative(context.language, word, reading) if reading else word
