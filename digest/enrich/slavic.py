"""Actors in Russian and Ukrainian text: known names, people, organisations, by morphology.

Capitals are reliable in these languages (only names take them, apart from a sentence's first
word), so detection reads capitalised words and asks pymorphy3 what they are: given names,
surnames and patronymics become people, organisation nouns with their genitive tails become
organisations, and the gazetteer names countries and known organisations. Names are given in
the nominative. No model, no network: pymorphy3's dictionaries and the word lists in
`data/actor_words_<language>.txt`.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache, lru_cache, partial
from importlib import resources
from types import MappingProxyType
from typing import Any

import pymorphy3

from digest.enrich.english import Mention, first_names
from digest.enrich.gazetteer import Entry, Gazetteer
from digest.enrich.knowledge import builtin_actors
from digest.enrich.salience import SalienceSettings
from digest.enrich.text import Sentence, Token

Parse = Any
"""A pymorphy3 parse (its class cannot be named in annotations portably)."""

PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})
PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
NOMINAL = frozenset({"NOUN", "ADJF", "PRTF"})
AND = frozenset({"и", "і", "й", "та"})
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "gen2", "loc2", "acc2")
OPENING_QUOTES = frozenset("«„“")
QUOTES = frozenset('«„“"')
CLOSING_QUOTES = {"«": "»", "„": "“", "“": "”"}
CLAUSE_STARTS = frozenset({"«", '"', "„", "“", "(", "—", "–", "-", ":", "…", "•"})
CLAUSE_BREAKS = frozenset({",", ";", ":", ".", "!", "?", "(", ")", "—", "–", "…"})
DOMAIN_ENDINGS = frozenset("ru com org net info ua рф ру su io tv by kz de fr uk eu me".split())
LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&'’\-.!]*$")
CYRILLIC_CAPITAL = re.compile(r"^[А-ЯЁІЇЄҐ]")
HOMOGLYPHS = str.maketrans("AaBCcEeHKMOoPpTXxyi", "АаВСсЕеНКМОоРрТХхуі")
INITIAL = re.compile(r"^[А-ЯЁІЇЄҐA-Z]\.$")
PREFIXES = ("экс-", "вице-", "и.о.", "екс-", "віце-", "в.о.")
FUNCTION_WORDS = frozenset({"CONJ", "PREP", "PRCL", "INTJ", "NPRO", "ADVB", "PRED", "NUMR"})
LATIN_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "du", "la", "le", "von", "van"})
CUE_REACH = 8
"""How many words after a role word its person may come: «президент США Барак Обама»."""
PLACES = "cue"
"""Cities and regions count only after «власти», «губернатор»… ("cue"), always ("all") or
never ("none"); "cue" scores best on the factRuEval dev set."""
SALIENCE = SalienceSettings(
    title_weight=3.0,
    lead_weight=1.0,
    lead_sentences=3,
    frequency_weight=2.0,
    main_threshold=4.0,
    max_main=6,
    relative=0.5,
    speaker_weight=0.0,
    country_weight=-1.0,
)
"""Salience for Russian and Ukrainian news, tuned on the factRuEval dev set: its articles
often have no title line, so the lead counts less and repetition more."""
DEMONYMS = True
"""Whether «российский», «россияне» name Russia (they help on the dev set)."""


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
            current.update(_plain(word) for word in line.split())
    known = {f.name for f in fields(Lexicon)}
    return Lexicon(**{name: frozenset(words) for name, words in sections.items() if name in known})


# --- morphology -----------------------------------------------------------------------------


@cache
def analyser(language: str) -> pymorphy3.MorphAnalyzer:
    """One pymorphy3 analyser per language, created on first use."""
    return pymorphy3.MorphAnalyzer(lang=language)


@lru_cache(maxsize=200_000)
def parses(language: str, word: str) -> tuple[Parse, ...]:
    """Every pymorphy3 reading of a word, likeliest first (cached per word).

    Where the dictionary gives no likelihoods (Ukrainian), a capitalised word's name readings
    come first (a lower-case word's last), then nouns and adjectives, the dictionary form
    itself, singular readings, and those whose lemma the word starts with."""
    readings = tuple(analyser(language).parse(word))
    if len({p.score for p in readings}) > 1:
        return readings
    lower = word.lower()
    capitalised = word[:1].isupper()
    return tuple(
        sorted(
            readings,
            key=lambda p: (
                capitalised != bool(PROPER & p.tag.grammemes),
                p.tag.POS not in NOMINAL,
                p.normal_form != lower,
                "plur" in p.tag.grammemes,
                not lower.startswith(p.normal_form),
                not lower.startswith(p.normal_form[:-1]),
            ),
        )
    )


@lru_cache(maxsize=200_000)
def lemma(language: str, word: str) -> str:
    """A word's dictionary form, lower case, ё as е; a capitalised word prefers a name's reading."""
    readings = parses(language, word)
    if not readings:
        return _plain(word.lower())
    best = readings[0]
    if word[:1].isupper():
        best = next((p for p in readings if PROPER & p.tag.grammemes), best)
    return _plain(best.normal_form)


def _plain(word: str) -> str:
    """ё as е, one apostrophe: «прем’єр» and «прем'єр» are one word."""
    return word.replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def lemma_normaliser(language: str) -> Callable[[str], str]:
    """For `Gazetteer(normalise=...)`: a word → its lemma, so «России» matches «Россия»."""
    return partial(lemma, language)


@dataclass(frozen=True)
class Features:
    """What the dictionary says about one word."""

    known: bool
    given: bool
    surname: bool
    patronymic: bool
    place: bool
    organisation: bool
    common: bool
    """The likeliest reading is a known word that is no name."""
    adjective: bool
    verb: bool


@lru_cache(maxsize=200_000)
def features(language: str, word: str) -> Features:
    """The dictionary's view of a word (cached per word)."""
    readings = parses(language, word)
    tags = [p.tag.grammemes for p in readings]
    first = tags[0] if tags else frozenset()
    known = any(p.is_known for p in readings)
    dictionary = [p.tag.grammemes for p in readings if p.is_known]
    return Features(
        known=known,
        given=any("Name" in t for t in tags),
        surname=any("Surn" in t for t in tags),
        patronymic=any("Patr" in t for t in tags),
        place=any("Geox" in t for t in dictionary),
        organisation=any("Orgn" in t for t in dictionary),
        common=bool(readings) and readings[0].is_known and not (PROPER & first),
        adjective=any(t & {"ADJF", "PRTF"} for t in tags),
        verb=bool(first & {"VERB", "INFN", "GRND", "PRTS"}) and known,
    )


@cache
def tags_organisations(language: str) -> bool:
    """Whether the language's dictionary marks organisations (Russian does, Ukrainian not)."""
    return "Orgn" in analyser(language).TagClass.KNOWN_GRAMMEMES


def is_personish(language: str, word: str) -> bool:
    """A given name, surname or patronymic reading, or a word the dictionary does not know."""
    info = features(language, word)
    return info.given or info.surname or info.patronymic or not info.known


def case_of(readings: Iterable[Parse]) -> set[str]:
    """The grammatical cases a set of readings allows."""
    return {c for p in readings for c in CASES if c in p.tag.grammemes}


def restore_case(surface: str, word: str) -> str:
    """Give `word` the capitals of `surface`, hyphen part by hyphen part."""
    if surface.isupper() and len(surface) > 1:
        return word.upper()
    parts, surface_parts = word.split("-"), surface.split("-")
    if len(parts) != len(surface_parts):
        return word[:1].upper() + word[1:] if surface[:1].isupper() else word
    return "-".join(
        p[:1].upper() + p[1:] if s[:1].isupper() else p
        for p, s in zip(parts, surface_parts, strict=True)
    )


def inflect_to_nominative(language: str, surface: str, reading: Parse) -> str:
    """One word in the nominative, keeping its number and gender; the surface if it cannot."""
    grammemes = reading.tag.grammemes
    if "nomn" in grammemes or "Fixd" in grammemes:
        return surface
    wanted = {"nomn"} | ({"plur"} if "plur" in grammemes else {"sing"})
    inflected = reading.inflect(wanted) or reading.inflect({"nomn"})
    return restore_case(surface, inflected.word) if inflected else surface


# --- names of people ------------------------------------------------------------------------


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


# --- reading the text -----------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    """One name read in one sentence, before folding: what it is and how it was written."""

    name: str
    kind: str
    """person, country, organisation; or, until folding: single (a lone name word), work
    (a quoted title, never an actor) and noun (a capitalised common noun)."""
    sentence: Sentence
    surface: str
    parts: tuple[str, ...] = ()
    """People: (given name, patronymic, surname, initials), nominative; singles: their forms."""
    weak: bool = False
    """Counts only if the article confirms it: an organisation named only at a sentence's
    start, an abbreviation the dictionary knows as no organisation («СПО»)."""


@dataclass(frozen=True)
class Context:
    """What reading one article needs besides the sentence at hand."""

    language: str
    gazetteer: Gazetteer
    words: Lexicon
    names: Mapping[str, str]
    """Gazetteer actor (the English canonical name) → the canonical name in this language."""
    lower: frozenset[str] = frozenset()
    """Lemmas the article also writes in lower case."""


@dataclass(frozen=True)
class Line:
    """One sentence as words, and whether a space comes before each word."""

    words: tuple[str, ...]
    spaced: tuple[bool, ...]
    sentence: Sentence

    def word(self, index: int) -> str:
        return self.words[index] if 0 <= index < len(self.words) else ""


Result = tuple[int, list[Found]] | None
Reader = Callable[[Line, int, Context, str], Result]
"""Reads a name at a position; the last argument is the case of a waiting role cue, or ""."""


def find_mentions(
    sentences: Sequence[Sentence], gazetteer: Gazetteer, language: str
) -> list[Mention]:
    """Every actor named in the sentences, one nominative name per actor in `language`."""
    lines = [line_of(sentence) for sentence in rejoin(sentences)]
    context = Context(
        language,
        gazetteer,
        lexicon(language),
        canonical_names(language),
        lower_lemmas(lines, language),
    )
    found = [item for line in lines for item in read_sentence(line, context)]
    return fold(found, context)


@cache
def canonical_names(language: str) -> Mapping[str, str]:
    """Built-in actors: English canonical name → the first name in `language`."""
    return MappingProxyType(
        {k.name: k.names[language][0] for k in builtin_actors() if k.names.get(language)}
    )


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
        words = tuple(_fix_script(w) for w in sentence.text_words)
        return Line(words, (True,) * len(words), sentence)
    words: list[str] = []
    spaced: list[bool] = []
    tokens = sentence.tokens
    for index, token in enumerate(tokens):
        text = _fix_script(token.text)
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
    return token.start + len(token.text)


def _joins(previous: str, text: str, touches_next: bool) -> bool:
    """Whether a token touching the previous word belongs to it."""
    if text == ".":
        return touches_next and previous[:1].isalnum()
    if previous.endswith(".") and text[:1].isalnum():
        return len(previous) > 2 and not INITIAL.match(previous)
    return text == "!" and bool(LATIN.match(previous) or previous[:1].isupper())


def _fix_script(word: str) -> str:
    """`Cтив` (a Latin C among Cyrillic letters) → `Стив`."""
    latin = sum("a" <= c.lower() <= "z" for c in word)
    if latin and sum("а" <= c.lower() <= "я" for c in word) > latin:
        return word.translate(HOMOGLYPHS)
    return word


def lower_lemmas(lines: Iterable[Line], language: str) -> frozenset[str]:
    """Lemmas of the words an article writes in lower case."""
    return frozenset(
        lemma(language, word)
        for line in lines
        for word in line.words
        if word.isalpha() and word.islower()
    )


def read_sentence(line: Line, context: Context) -> list[Found]:
    """Every name in one sentence, left to right; each word is read once."""
    readers: tuple[Reader, ...] = (
        read_quoted,
        read_organisation,
        read_known,
        read_person,
        read_latin,
        read_abbreviation,
        read_place,
        read_single,
    )
    found: list[Found] = []
    index = 0
    reach, case = 0, ""
    while index < len(line.words):
        for reader in readers:
            result = reader(line, index, context, case if reach else "")
            if result is not None:
                index, new = result
                found += new
                reach = 0 if any(f.kind == "person" for f in new) else reach
                break
        else:
            reach, case = _cue_after(line, index, context, reach, case)
            index += 1
    return found


def known_at(context: Context, line: Line, position: int) -> tuple[int, Entry] | None:
    """The longest gazetteer name starting at a position, if any."""
    if not 0 <= position < len(line.words):
        return None
    return context.gazetteer.match(line.words, position)


def _found(line: Line, start: int, end: int, name: str, kind: str, **extra: Any) -> Found:
    return Found(name, kind, line.sentence, _join(line.words[start:end]), **extra)


def _cue_after(line: Line, index: int, context: Context, reach: int, case: str) -> tuple[int, str]:
    """How many more words a role cue («президент», «глава») waits for its person, and the
    role word's case (a name in apposition shares it: «председателя … Си Цзиньпина»)."""
    word = line.words[index]
    if is_role(context, word):
        readings = parses(context.language, word)
        cases = case_of(readings[:1])
        return CUE_REACH, min(cases, key=CASES.index) if cases else "nomn"
    if word in CLAUSE_BREAKS or (word.islower() and features(context.language, word).verb):
        return 0, ""
    return max(0, reach - 1), case


def is_role(context: Context, word: str) -> bool:
    """A role word: «президент», «экс-премьер», «премьер-министром»."""
    lower = word.lower()
    for prefix in PREFIXES:
        lower = lower.removeprefix(prefix)
    if not lower.replace("-", "").isalpha():
        return False
    return lower in context.words.roles or lemma(context.language, lower) in context.words.roles


def at_clause_start(line: Line, index: int) -> bool:
    """The first word of a sentence or of quoted speech: its capital says nothing."""
    before = index - 1
    while before >= 0 and line.words[before] in CLAUSE_STARTS:
        before -= 1
    return before < 0 or line.words[before] in (".", "!", "?", "…")


def is_capitalised(word: str) -> bool:
    """A Cyrillic word with a capital first letter, not an abbreviation or initial."""
    return bool(CYRILLIC_CAPITAL.match(word)) and not is_abbreviation(word) and "." not in word


def is_abbreviation(word: str) -> bool:
    return len(word) > 1 and word.isupper() and word.replace("-", "").isalpha()


def word_lemma(context: Context, word: str) -> str:
    return lemma(context.language, word.lower()) if word else ""


def pos_of(context: Context, word: str) -> str:
    """The likeliest part of speech of a word ("" if none)."""
    readings = parses(context.language, word)
    return str(readings[0].tag.POS or "") if readings else ""


def _join(words: Sequence[str]) -> str:
    return re.sub(r" ([!?.,»“”])|([«„“]) ", r"\1\2", " ".join(words))


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- quoted names ---------------------------------------------------------------------------


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
        return close + 1, [_found(line, index + 1, close, _join(inner), "work")]
    if noun in context.words.org_types:
        return close + 1, [_found(line, index + 1, close, capitalise(_join(inner)), "organisation")]
    if not _standalone_name(inner, context):
        return None
    name = phrase_nominative(context, inner)
    return close + 1, [_found(line, index + 1, close, name, "organisation")]


def _closing_quote(line: Line, index: int) -> int | None:
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


def _key_name(context: Context, words: Sequence[str]) -> str:
    """A name's lemmas, to tell one name in different cases (works and organisations)."""
    return " ".join(word_lemma(context, w) for w in words if w[:1].isalnum())


def phrase_nominative(context: Context, words: Sequence[str]) -> str:
    """A name's head (adjectives and their noun) in the nominative, the rest as written:
    «Общественной палаты» → Общественная палата, «Голоса Америки» → Голос Америки."""
    head = _head_length(context, words)
    if head == 0:
        return capitalise(_join(words))
    case, number = _phrase_case(context, words[:head])
    noun = _reading_in(context, words[head - 1], case, number, None, ("NOUN",))
    gender = noun.tag.gender if noun is not None and number == "sing" else None
    out = list(words)
    for position in range(head):
        allowed = ("NOUN",) if position == head - 1 else ("ADJF", "PRTF")
        reading = _reading_in(context, words[position], case, number, gender, allowed)
        if reading is not None:
            out[position] = inflect_to_nominative(context.language, words[position], reading)
    return capitalise(_join(out))


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


# --- organisations --------------------------------------------------------------------------


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
    return end, [_found(line, index, end, name, "organisation", weak=weak)]


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
    if not _is_country(line, position, context):
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
    if _plain(word.lower()) in context.words.not_actors:
        return None
    end = index + 1 + known[0]
    name = _join([_nominative_word(context, word), *line.words[index + 1 : end]])
    return end, [_found(line, index, end, name, "organisation")]


def _nominative_word(context: Context, word: str) -> str:
    """An organisation's one-word name in the nominative: «Роскомнадзора» → Роскомнадзор."""
    if is_abbreviation(word):
        return word
    readings = parses(context.language, word)
    reading = next((p for p in readings if "Orgn" in p.tag.grammemes), None)
    return inflect_to_nominative(context.language, word, reading) if reading else word


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
    if not _is_country(line, country, context):
        country = position + 1
        if not _is_country(line, country, context):
            return None
    known = known_at(context, line, country)
    end = country + (known[0] if known else 1)
    whole = known_at(context, line, index)
    if whole and index + whole[0] >= end:
        return None
    name = phrase_nominative(context, line.words[index:end])
    return end, [_found(line, index, end, name, "organisation")]


def _is_country(line: Line, position: int, context: Context) -> bool:
    known = known_at(context, line, position)
    return (
        known is not None
        and known[1].kind == "country"
        and known[1].via == "name"
        and line.word(position)[:1].isupper()
    )


# --- known names ----------------------------------------------------------------------------


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
    return end, [_found(line, index, end, name, entry.kind)]


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


# --- people ---------------------------------------------------------------------------------


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
            return end, [_found(line, index, end, parts[2], "person", parts=parts)]
        if len(run) > 1:
            forms = single_forms(language, names[0])
            return end, [_found(line, index, end, names[0], "single", parts=forms)]
        return None
    if not cue and not _looks_like_person(language, names):
        return None
    parts = _name_parts(language, run, cue)
    return end, [_found(line, index, end, person_display(parts), "person", parts=parts)]


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


# --- Latin script, abbreviations, places, single words --------------------------------------


def read_latin(line: Line, index: int, context: Context, cue: str) -> Result:
    """Names in Latin script (BBC, Union Square Ventures) and web names (Лента.ру)."""
    word = line.words[index]
    if not ((LATIN.match(word) and word[:1].isupper()) or _is_domain(word)):
        return None
    end = index + 1
    while (
        end < len(line.words)
        and LATIN.match(line.words[end])
        and (line.words[end][:1].isupper() or line.words[end] in LATIN_CONNECTORS)
    ):
        end += 1
    words = line.words[index:end]
    if _skip_latin(line, index, end, context):
        return end, []
    name = _join(words)
    person = len(words) in (2, 3) and (bool(cue) or words[0].lower() in first_names())
    return end, [_found(line, index, end, name, "person" if person else "organisation")]


def _is_domain(word: str) -> bool:
    return "." in word[1:] and word.rsplit(".", 1)[-1].lower() in DOMAIN_ENDINGS


def _skip_latin(line: Line, index: int, end: int, context: Context) -> bool:
    """A gloss in brackets, a web address, a currency code, a product after its noun."""
    if line.word(index - 1) == "(" and line.word(end) == ")":
        return True
    if line.words[index].lower().startswith("www"):
        return True
    before = line.word(index - 1)
    if before[:1].isdigit() or word_lemma(context, before) in context.words.numbers:
        return True
    return word_lemma(context, before) in context.words.work_types


def read_abbreviation(line: Line, index: int, context: Context, cue: str) -> Result:
    """An abbreviation in capitals (КПСС, ГУВД): an organisation, unless it is a common term."""
    word = line.words[index]
    if not (is_abbreviation(word) and CYRILLIC_CAPITAL.match(word)):
        return None
    info = features(context.language, word)
    before = line.word(index - 1)
    if _plain(word.lower()) in context.words.not_actors:
        return index + 1, []
    if info.place and not info.organisation:
        return index + 1, []
    if before[:1].isdigit() or word_lemma(context, before) in context.words.numbers:
        return index + 1, []
    weak = info.known and not info.organisation and tags_organisations(context.language)
    return index + 1, [_found(line, index, index + 1, word, "organisation", weak=weak)]


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
    return end, [_found(line, index, end, name, "organisation")]


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
        name = _nominative_word(context, word)
        return index + 1, [_found(line, index, index + 1, name, "organisation")]
    if first & {"ADJF", "PRTF"} and "Surn" not in first:
        return None
    if info.given or info.surname or info.patronymic or not info.known or info.place:
        if at_clause_start(line, index) and info.common:
            return None
        forms = single_forms(language, word)
        return index + 1, [_found(line, index, index + 1, word, "single", parts=forms)]
    if "NOUN" in first and "inan" in first and not at_clause_start(line, index):
        if is_capitalised(line.word(index + 1)):
            return None
        name = inflect_to_nominative(language, word, readings[0])
        forms = single_forms(language, word)
        return index + 1, [_found(line, index, index + 1, name, "noun", parts=forms)]
    return None


def single_forms(language: str, word: str) -> tuple[str, ...]:
    """What a lone name word may stand for, as stems: «Ельцина» → ельцин."""
    forms = {name_stem(word)}
    for p in parses(language, word):
        if "NOUN" in p.tag.grammemes:
            forms.add(name_stem(p.normal_form))
    return tuple(sorted(forms))


# --- folding names to one per actor ---------------------------------------------------------


def fold(found: list[Found], context: Context) -> list[Mention]:
    """One name per actor: surnames, first name and patronymic, abbreviations, cases."""
    people = People.of(found)
    organisations = organisation_names(found, context)
    mentions = []
    for item in found:
        actor, kind = actor_of(item, people, organisations, context)
        if actor:
            sentence = item.sentence
            mentions.append(Mention(actor, kind, sentence.paragraph, sentence.index, item.surface))
    return mentions


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


@dataclass(frozen=True)
class People:
    """The people of one article: each name as found → the full name it folds to."""

    names: Mapping[tuple[str, ...], str]
    by_surname: Mapping[str, str]
    by_given: Mapping[str, str]

    @classmethod
    def of(cls, found: Sequence[Found]) -> People:
        """Full names first (most words, most often, first seen); other names fold into them."""
        persons = [f.parts for f in found if f.kind == "person"]
        counts = Counter(persons)
        order = {parts: position for position, parts in reversed(list(enumerate(persons)))}
        full = sorted(
            {p for p in persons if p[0] and p[2]},
            key=lambda p: (-len(person_display(p).split()), -counts[p], order[p]),
        )
        names: dict[tuple[str, ...], str] = {}
        for parts in full:
            names[parts] = _same_person(parts, names) or person_display(parts)
        by_surname: dict[str, str] = {}
        given: dict[str, set[str]] = {}
        for parts, display in names.items():
            for word in parts[2].split():
                by_surname.setdefault(name_stem(word), display)
            given.setdefault(name_stem(parts[0]), set()).add(display)
        by_given = {g: next(iter(d)) for g, d in given.items() if len(d) == 1}
        for parts in persons:
            if parts not in names:
                names[parts] = _short_name(parts, by_surname, by_given)
        return cls(names, by_surname, by_given)


def _same_person(parts: tuple[str, ...], names: Mapping[tuple[str, ...], str]) -> str | None:
    """An earlier full name with the same words in another case, or ending in these words."""
    words = [name_stem(w) for w in person_display(parts).split()]
    for other, display in names.items():
        theirs = [name_stem(w) for w in person_display(other).split()]
        if theirs == words or (len(words) < len(theirs) and theirs[-len(words) :] == words):
            return display
    return None


def _short_name(
    parts: tuple[str, ...], by_surname: Mapping[str, str], by_given: Mapping[str, str]
) -> str:
    """A surname alone, or a first name and patronymic, folded to the article's full name."""
    given, _, surname, _ = parts
    if surname:
        found = by_surname.get(name_stem(surname.split()[-1]))
        return found or person_display(parts)
    return by_given.get(name_stem(given)) or person_display(parts)


def organisation_names(found: Sequence[Found], context: Context) -> dict[str, str]:
    """Organisation name → the one name its mentions fold to ("" for none): cases, quoted
    names that are works elsewhere, abbreviations of names spelt out, unconfirmed names."""
    keys = {f.name: _key_name(context, f.name.split()) for f in found}
    works = {keys[f.name] for f in found if f.kind == "work"}
    confirmed = {keys[f.name] for f in found if f.kind == "organisation" and not f.weak}
    canonical: dict[str, str] = {}
    for item in found:
        if item.kind == "organisation" and keys[item.name] not in works:
            canonical.setdefault(keys[item.name], item.name)
    names: dict[str, str] = {}
    spelt = [n for n in canonical.values() if " " in n]
    for item in found:
        if item.kind != "organisation":
            continue
        key = keys[item.name]
        name = canonical.get(key, "") if key in confirmed else ""
        if is_abbreviation(item.name):
            expansion = next((n for n in spelt if initials(n) == item.name.replace("-", "")), "")
            name = expansion or ("" if item.weak else name)
        names[item.name] = name
    names.update(_repeated_nouns(found, context))
    return names


def _repeated_nouns(found: Sequence[Found], context: Context) -> dict[str, str]:
    """A capitalised common noun used twice mid-sentence and never in lower case: a name."""
    counts = Counter(f.name for f in found if f.kind == "noun")
    return {
        name: name
        for name, count in counts.items()
        if count >= 2 and word_lemma(context, name) not in context.lower
    }


def initials(name: str) -> str:
    """First letters of a name's words: «Движение против нелегальной иммиграции» → ДПНИ."""
    return "".join(w[0] for w in re.split(r"[\s\-]+", name) if w[:1].isalpha()).upper()


def actor_of(
    item: Found, people: People, organisations: Mapping[str, str], context: Context
) -> tuple[str, str]:
    """The actor a found name stands for after folding, with its kind ("" for none)."""
    if item.kind == "person":
        return people.names.get(item.parts, item.name), "person"
    if item.kind == "noun":
        person = _single_actor(item, people, {}, context)
        return person if person[0] else (organisations.get(item.name, ""), "organisation")
    if item.kind == "organisation":
        return organisations.get(item.name, ""), "organisation"
    if item.kind == "single":
        return _single_actor(item, people, organisations, context)
    if item.kind == "work":
        return "", ""
    return item.name, item.kind


def _single_actor(
    item: Found, people: People, organisations: Mapping[str, str], context: Context
) -> tuple[str, str]:
    """A lone name word: a known person's surname or given name, an organisation named
    alone elsewhere in the article, or a surname the dictionary knows («Топалов»)."""
    for form in item.parts:
        if form in people.by_surname:
            return people.by_surname[form], "person"
    for form in item.parts:
        if form in people.by_given:
            return people.by_given[form], "person"
    for name, target in organisations.items():
        if target and " " not in name and name_stem(name) in item.parts:
            return target, "organisation"
    readings = parses(context.language, item.surface)
    if readings and "Surn" in readings[0].tag.grammemes and readings[0].is_known:
        return person_name(context.language, [item.surface])[0], "person"
    return "", ""
