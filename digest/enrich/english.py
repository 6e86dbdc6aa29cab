"""Actors in English text: known names, people by name shape and role cues, organisations by shape.

Detection reads capitalised runs of words sentence by sentence; no model, no network.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import NamedTuple

from digest.enrich.gazetteer import Entry, Gazetteer
from digest.enrich.text import Sentence

CONNECTORS = frozenset(
    "of the for and on at de del della da di du la le van von der den y & bin ibn".split()
)
NAME_PARTICLES = re.compile(r"^(al|el|ad|ar|as|ash|at|az|ibn|abu|de|di|da|le|la)-\w")
PLACE_WORDS = frozenset(
    """airport stadium arena street road avenue boulevard square bridge station palace dam
    canal river mountains islands beach valley province county""".split()
)
LIST_MARKS = frozenset((",", "and", ";", ":", "(", ")", "", "."))
SPLITTERS = frozenset(("and", "&", "at"))
"""Between two organisation words these join two organisations, not one name."""
CREDIT = re.compile(r"^(image|images|photo|photos|video|audio|picture|credit|source)s?$", re.I)
ARABIC_NAME_STARTS = frozenset(("Abu", "Abd", "Abdul", "Abdel"))
ARABIC_SURNAME = re.compile(r"^(?:al|Al|el|El)-[A-Z][a-z]+$")
HYPHENATED_GIVEN_NAME = re.compile(r"^[A-Z][a-z]+-[A-Za-z][a-z]+$")
ROLE_WORDS = frozenset(
    """president vice prime minister chancellor secretary general ambassador envoy spokesman
    spokeswoman spokesperson senator sen representative rep congressman congresswoman governor
    gov mayor king queen prince princess pope judge justice chairman chairwoman chair ceo
    director commander chief officer lieutenant lt colonel col major maj captain capt sergeant
    sgt admiral adm commodore brigadier gen marshal deputy attorney leader founder premier
    sheikh emir sultan lord sir dame mr mrs ms miss dr prof professor rev reverend father
    bishop archbishop cardinal ayatollah imam rabbi coach manager striker midfielder defender
    goalkeeper player correspondent reporter editor analyst consul diplomat candidate mp
    lawmaker activist artist singer actor actress author writer ms. mr. dr. sgt. gen. lt. col.
    pvt private corporal cpl specialist spc inspector detective superintendent constable
    commissioner councillor councilman councilwoman speaker chairperson executive head
    spokesperson secretary-general student teenager boy girl resident official researcher
    scientist economist lawyer doctor teacher pastor priest soldier journalist blogger
    businessman businesswoman billionaire entrepreneur producer designer photographer
    filmmaker prosecutor commentator columnist historian expert academic chef athlete
    champion president-elect nominee incumbent challenger dissident defector whistleblower
    astronaut administrator qc""".split()
)
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady".split())
ORG_WORDS = frozenset(
    """department ministry council party agency command forces force army navy guard police
    committee commission university college school district association union federation
    league alliance coalition organization organisation institute foundation corporation corp
    inc ltd llc plc company co group bank court office service services authority board bureau
    church club news times post journal gazette herald tribune network radio television
    tv magazine center centre front movement assembly parliament senate congress cabinet
    administration airlines airways motors industries technologies systems laboratories labs
    society trust fund brigade battalion regiment division corps wing squadron fleet
    hospital museum library agency commissions institution unit units fc cf afc team
    committee ministry embassy consulate secretariat tribunal agency""".split()
)
SPEECH_VERBS = frozenset(
    """said says told added explained stated noted warned wrote announced argued asked
    claimed confirmed replied insisted denied""".split()
)
METONYM_VERBS = SPEECH_VERBS | frozenset(
    """has have had is was will would wants wanted accused rejected condemned responded
    plans planned urged called agreed refused demanded""".split()
)
LANGUAGE_CONTEXT = frozenset(
    "language languages speaking speaker speakers cuisine food new zodiac".split()
)


class Mention(NamedTuple):
    """One place an actor is named: which sentence and paragraph (0 is the title)."""

    actor: str
    kind: str
    paragraph: int
    sentence: int
    surface: str


@cache
def first_names() -> frozenset[str]:
    """Common given names: US Census 1990 (public domain) and a world list, lower-case ASCII."""
    text = resources.files("digest.enrich").joinpath("data/first_names.txt").read_text("utf-8")
    return frozenset(text.split())


@cache
def common_words() -> frozenset[str]:
    """Words that start sentences and headlines without naming anyone."""
    text = resources.files("digest.enrich").joinpath("data/common_words_en.txt").read_text("utf-8")
    return frozenset(text.split())


@dataclass
class _Leftovers:
    """Words no rule claimed yet: single words (surnames?) and short names (people in a list?)."""

    singles: list[tuple[str, Sentence]]
    unsure: list[tuple[list[str], Sentence, str, str]]
    """(words, sentence, the word before, the word after)."""


class _Known:
    """Known names in one sentence, each position looked up once."""

    def __init__(self, gazetteer: Gazetteer, words: list[str]) -> None:
        self._gazetteer = gazetteer
        self._words = words
        self._found: dict[int, tuple[int, Entry] | None] = {}

    def at(self, index: int) -> tuple[int, Entry] | None:
        if index not in self._found:
            self._found[index] = self._gazetteer.match(self._words, index)
        return self._found[index]


@dataclass(frozen=True)
class _Context:
    """What reading one article needs besides the sentence at hand."""

    lower: frozenset[str]
    """Words the text also uses in lower case."""
    alone: frozenset[str]
    """Capitalised words the text also uses on their own, mid-sentence (surnames, mostly)."""


def find_mentions(sentences: Sequence[Sentence], gazetteer: Gazetteer) -> list[Mention]:
    """Every actor named in the sentences, with aliases folded to one name per actor."""
    marks = [_name_positions(sentence.text_words) for sentence in sentences]
    context = _Context(_lower_case_words(sentences), _words_alone(sentences, marks))
    title_case = _is_title_case([s for s in sentences if s.paragraph == 0])
    raw: list[Mention] = []
    leftovers = _Leftovers([], [])
    acronyms: dict[str, str] = {}
    for sentence in sentences:
        words = _without_credits(sentence.words())
        known = _Known(gazetteer, words)
        headline = title_case and sentence.paragraph == 0
        cue_until = -1
        for start, end in _capitalised_runs(words, marks[sentence.index]):
            start = _skip_sentence_start(words, start, end, context, known)
            if start >= end:
                continue
            if headline:
                raw += _known_names(words, start, end, sentence, known, leftovers.singles)
                continue
            cue = start - 2 == cue_until and words[start - 1] == ","
            found, cue_left = _read_run(words, start, end, sentence, context, known, leftovers, cue)
            raw += found
            cue_until = end - 1 if cue_left else -1
        acronyms.update(_defined_acronyms(words))
    raw += _people_in_lists(raw, leftovers)
    headline = [s for s in sentences if title_case and s.paragraph == 0]
    return _fold(raw, leftovers.singles, acronyms, headline)


def _people_in_lists(raw: list[Mention], leftovers: _Leftovers) -> list[Mention]:
    """`Courtois, Alderweireld, Dries Mertens and …`: names listed among people are people."""
    people: dict[int, int] = {}
    for mention in raw:
        if mention.kind == "person":
            people[mention.sentence] = people.get(mention.sentence, 0) + 1
    return [
        _mention(" ".join(segment), "person", sentence, segment)
        for segment, sentence, before, after in leftovers.unsure
        if people.get(sentence.index, 0) >= 2 and before in LIST_MARKS and after in LIST_MARKS
    ]


def _without_credits(words: list[str]) -> list[str]:
    """Cut a sentence at a credit (`Image: Twitter / Barack Obama`): credits name no actors."""
    if ":" not in words:
        return words
    for index in range(len(words) - 1):
        if words[index + 1] == ":" and CREDIT.match(words[index]):
            return words[:index]
    return words


def _is_title_case(sentences: Sequence[Sentence]) -> bool:
    """A headline In Which Most Words Are Capitalised says nothing by its capitals."""
    words = [w for s in sentences for w in s.words() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _words_alone(sentences: Sequence[Sentence], positions: list[list[int]]) -> frozenset[str]:
    """Capitalised words that stand alone mid-sentence: `… said Lukaku.`"""
    alone = set()
    for sentence in sentences:
        words = sentence.text_words
        marks = set(positions[sentence.index])
        for index in marks:
            if (
                index
                and words[index][0].isupper()
                and words[index - 1] not in '.:;"“('
                and index - 1 not in marks
                and index + 1 not in marks
            ):
                alone.add(words[index])
    return frozenset(alone)


def _name_positions(words: Sequence[str]) -> list[int]:
    return [index for index, word in enumerate(words) if _is_name_word(word)]


def _known_names(
    words: list[str],
    start: int,
    end: int,
    sentence: Sentence,
    known: _Known,
    singles: list[tuple[str, Sentence]],
) -> list[Mention]:
    """In a title-case headline only known names count; other words may be surnames."""
    mentions = []
    index = start
    while index < end:
        found = known.at(index)
        if found:
            length, entry = found
            if _counts_as_actor(entry, words, index, length):
                mentions.append(
                    _mention(entry.actor, entry.kind, sentence, words[index : index + length])
                )
            index += length
        else:
            if words[index] not in CONNECTORS:
                singles.append((words[index], sentence))
            index += 1
    return mentions


def _lower_case_words(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Words the text also uses in lower case: a capital on them is the sentence's, not a name's."""
    lower: set[str] = set()
    for sentence in sentences:
        lower.update(filter(str.islower, sentence.text_words))
    return frozenset(lower)


@lru_cache(maxsize=65536)
def _is_name_word(word: str) -> bool:
    return ((word[0].isupper() or bool(NAME_PARTICLES.match(word))) and word[0].isalpha()) or (
        word[0].isdigit() and word[-1].isalpha() and word[-2:].lower() in ("th", "st", "nd", "rd")
    )


def _capitalised_runs(words: list[str], positions: list[int]) -> list[tuple[int, int]]:
    """Runs of capitalised words, joined by connectors (`of`, `the`, `'s`) between them."""
    marks = [index for index in positions if index < len(words)]
    runs = []
    position = 0
    while position < len(marks):
        start = marks[position]
        end = start + 1
        position += 1
        while position < len(marks):
            following = marks[position]
            if following == end:
                end += 1
            elif following == end + 1 and _joins_names(words, end):
                end += 2
            else:
                break
            position += 1
        runs.append((start, end))
    return runs


def _joins_names(words: list[str], index: int) -> bool:
    """`People 's Army`, `Church of Scientology`: a possessive or connector between names."""
    following = words[index + 1] if index + 1 < len(words) else ""
    joiner = words[index] == "'s" or words[index] in CONNECTORS
    return joiner and bool(following) and _is_name_word(following) and following != "The"


def _skip_sentence_start(
    words: list[str], start: int, end: int, context: _Context, known: _Known
) -> int:
    """Drop leading words that are capitalised only because a sentence or headline starts."""
    while start < end and _sentence_capital(words, start, end, context) and not known.at(start):
        start += 1
        while start < end and words[start] in CONNECTORS:
            start += 1
    return start


def _sentence_capital(words: list[str], start: int, end: int, context: _Context) -> bool:
    """Is this word capitalised only because it is a common word or opens a sentence?"""
    lower = words[start].lower()
    if lower in ROLE_WORDS:
        return False
    if lower in common_words():
        return True
    return _opens_sentence(words, start) and (
        (lower in context.lower and _stands_alone(words, start, end))
        or _starts_phrase(words, start, end)
    )


def _opens_sentence(words: list[str], index: int) -> bool:
    return index == 0 or words[index - 1] in '.:;"“('


def _stands_alone(words: list[str], start: int, end: int) -> bool:
    """`Dutch officials`: no capitalised word follows, so the capital is the sentence's."""
    return start + 1 >= end or words[start + 1] in CONNECTORS


def _starts_phrase(words: list[str], start: int, end: int) -> bool:
    """`Researchers at Harvard University`: a plain word, then a connector, opens a sentence."""
    return (
        start + 1 < end
        and words[start + 1] in CONNECTORS
        and words[start].lower() not in ORG_WORDS
        and words[start].lower() not in first_names()
    )


def _read_run(
    words: list[str],
    start: int,
    end: int,
    sentence: Sentence,
    context: _Context,
    known: _Known,
    leftovers: _Leftovers,
    cue: bool = False,
) -> tuple[list[Mention], bool]:
    """Split one capitalised run into known names, organisations and people.

    Returns the mentions and whether a role is still waiting for its name (`the Minister of
    Defence of Belgium, Ludivine Dedonder`).
    """
    mentions = []
    index = start
    cue = cue or _role_before(words, start)
    organisation = _has_org_word(words, start, end)
    while index < end:
        word = words[index]
        org_end = _organisation_end(words, index, end) if organisation else None
        person_end = _person_before_of(words, index, org_end) if org_end else None
        if person_end is not None:
            segment = words[index:person_end]
            mentions.append(_mention(" ".join(segment), "person", sentence, segment))
            index = person_end + 1
            continue
        found = known.at(index)
        if found and (org_end is None or index + found[0] >= org_end):
            length, entry = found
            if _counts_as_actor(entry, words, index, length):
                mentions.append(
                    _mention(entry.actor, entry.kind, sentence, words[index : index + length])
                )
            index += length
            continue
        if org_end is not None:
            name = _clean_org(words[index:org_end])
            mentions.append(_mention(name, "organisation", sentence, words[index:org_end]))
            index = org_end
            continue
        if word.lower().rstrip(".") in ROLE_WORDS:
            cue = True
            index += 1
            continue
        if word in CONNECTORS or word == "'s":
            index += 1
            continue
        stop = _name_end(words, index, end, known)
        segment = words[index:stop]
        if (
            len(segment) >= 3
            and not _looks_like_person(segment)
            and _looks_like_person(segment[1:])
        ):
            segment = segment[1:]  # a descriptor before a name: "Scientologist Tom Cruise"
        if _is_person(segment, cue, words, stop, context):
            mentions.append(_mention(" ".join(segment), "person", sentence, segment))
            cue = False
        elif len(segment) == 1:
            leftovers.singles.append((segment[0], sentence))
        elif len(segment) <= 3:
            before = words[stop - len(segment) - 1] if stop - len(segment) > 0 else ""
            after = words[stop] if stop < len(words) else ""
            leftovers.unsure.append((segment, sentence, before, after))
        index = stop
    return mentions, cue


def _mention(actor: str, kind: str, sentence: Sentence, surface: list[str]) -> Mention:
    return Mention(actor, kind, sentence.paragraph, sentence.index, " ".join(surface))


def _role_before(words: list[str], start: int) -> bool:
    """A role just before the run: `defence minister Rustem Umerov`, `Lt. Gen. Stephen Townsend`."""
    before = start - 2 if start > 1 and words[start - 1] == "." else start - 1
    return before >= 0 and words[before].lower() in ROLE_WORDS


def _organisation_end(words: list[str], start: int, end: int) -> int | None:
    """Where an organisation starting at `start` ends, if an organisation word follows in the run.

    `X Institute of Technology and Y State University` is two organisations; `Alliance for the
    Betterment and Progress of Hong Kong` is one: `and` splits only when both sides have one.
    """
    if words[start].lower() in ROLE_WORDS or words[start] in CONNECTORS:
        return None
    keyword = None
    for index in range(start, end):
        word = words[index]
        if word in SPLITTERS and keyword is not None and _has_org_word(words, index + 1, end):
            break
        if word.lower() in ORG_WORDS and (index > start or _connector_follows(words, index, end)):
            keyword = index
    if keyword is None:
        return None
    return _organisation_tail(words, keyword + 1, end)


def _organisation_tail(words: list[str], last: int, end: int) -> int:
    """Extend an organisation past its word: `… of Scientology`, `… for the Welfare of X`, `… 50`.

    `and` never continues it (`Civic Party and Wong Pik-wan`), nor does a second organisation.
    """
    while last < end:
        word = words[last]
        if word in ("and", "&") or (word in SPLITTERS and _has_org_word(words, last + 1, end)):
            break
        if word[0].isdigit():
            last += 1
            continue
        if word not in CONNECTORS:
            break
        following = last + 1
        if following < end and words[following] in ("the", "The"):
            following += 1
        if following >= end or not _plain_name(words[following]):
            break
        last = following + 1
        while last < end and _plain_name(words[last]) and words[last].lower() not in ROLE_WORDS:
            last += 1
    return last


def _plain_name(word: str) -> bool:
    """A capitalised word that is not a month, weekday or code such as `STS-1`."""
    return (
        _is_name_word(word)
        and word.lower() not in common_words()
        and not any(c.isdigit() for c in word)
    )


def _connector_follows(words: list[str], index: int, end: int) -> bool:
    """`Church of Scientology`: a connector, then a name that is not a month or weekday."""
    return (
        index + 2 < end
        and words[index + 1] in CONNECTORS
        and _is_name_word(words[index + 2])
        and words[index + 2].lower() not in common_words()
    )


def _has_org_word(words: list[str], start: int, end: int) -> bool:
    return any(words[index].lower() in ORG_WORDS for index in range(start, end))


def _person_before_of(words: list[str], start: int, org_end: int) -> int | None:
    """`Claudia Mo of Civic Party`: the end of a person's name before `of` and an organisation."""
    try:
        of = words.index("of", start, org_end)
    except ValueError:
        return None
    head = words[start:of]
    if 2 <= len(head) <= 3 and not _has_org_word(words, start, of) and _looks_like_person(head):
        return of
    return None


def _clean_org(words: list[str]) -> str:
    """`U.S. Department of State` → `United States Department of State`."""
    if words and words[0] in ("U.S.", "US"):
        words = ["United", "States", *words[1:]]
    elif words and words[0] in ("U.K.", "UK"):
        words = ["United", "Kingdom", *words[1:]]
    if words and words[0] == "The":
        words = words[1:]
    return " ".join(words).replace(" 's", "'s")


def _counts_as_actor(entry: Entry, words: list[str], index: int, length: int) -> bool:
    """Capitals count only as the subject of a verb; demonyms not when they name a language."""
    after = words[index + length].lower() if index + length < len(words) else ""
    if entry.via == "capital":
        return after in METONYM_VERBS or after == "'s"
    if entry.via == "demonym":
        before = words[index - 1].lower() if index else ""
        return not (before in ("in", "into", "from") and not after[:1].isalpha()) and (
            after not in LANGUAGE_CONTEXT
        )
    return True


def _name_end(words: list[str], start: int, end: int, known: _Known) -> int:
    """A person's name ends at a role word, a possessive, a known name, or the run's end."""
    stop = start + 1
    while stop < end:
        word = words[stop]
        if word.lower() in ROLE_WORDS or word in CONNECTORS or word == "'s" or known.at(stop):
            break
        stop += 1
    return stop


def _is_acronym(word: str) -> bool:
    return word.isupper() and len(word) > 1 and not word.endswith(".")


@lru_cache(maxsize=65536)
def _is_given_name(word: str) -> bool:
    """`José`, `François` and `Łukasz` are found as jose, francois, lukasz."""
    folded = unicodedata.normalize("NFKD", word.lower().replace("ł", "l"))
    return "".join(c for c in folded if not unicodedata.combining(c)) in first_names()


def _is_place(segment: list[str]) -> bool:
    """`Hamad International Airport`, `Fisht Stadium`: venues are places, not actors."""
    return any(word.lower() in PLACE_WORDS for word in segment)


def _looks_like_person(segment: list[str]) -> bool:
    """A given name first (`Claudia Mo`), an East Asian name (`Wong Pik-wan`), or an Arabic one
    (`Abu Jandal al-Kuwaiti`, `Khaled Al-Maeena`)."""
    return (
        _is_given_name(segment[0])
        or (len(segment[0]) <= 5 and bool(HYPHENATED_GIVEN_NAME.match(segment[-1])))
        or segment[0] in ARABIC_NAME_STARTS
        or (len(segment) >= 2 and bool(ARABIC_SURNAME.match(segment[-1])))
    )


def _is_person(
    segment: list[str], cue: bool, words: list[str], stop: int, context: _Context
) -> bool:
    """Two to four name-shaped words: after a role, with a given name, a surname used alone
    elsewhere, after `by`, or before speech or a verb in the past (`Dries Mertens scored`)."""
    if not 2 <= len(segment) <= 4 or any(_is_acronym(w) for w in segment) or _is_place(segment):
        return False
    if any(w.lower() in common_words() or w.lower() in context.lower for w in segment):
        return False
    if cue or _looks_like_person(segment) or segment[-1] in context.alone:
        return True
    after = words[stop].lower() if stop < len(words) else ""
    follow = words[stop + 1].lower() if stop + 1 < len(words) else ""
    before = words[stop - len(segment) - 1].lower() if stop > len(segment) else ""
    return (
        after in SPEECH_VERBS
        or (after == "," and follow in ("who", "the", "a"))
        or before == "by"
        or (after.endswith("ed") and after.isalpha())
    )


def _defined_acronyms(words: list[str]) -> dict[str, str]:
    """`Islamic State of Iraq and the Levant (ISIL)` → {"ISIL": "Islamic State … Levant"}."""
    found: dict[str, str] = {}
    if "(" not in words:
        return found
    for index in range(2, len(words) - 1):
        if words[index - 1] == "(" and words[index + 1] == ")" and words[index].isupper():
            acronym = words[index]
            for start in range(index - 2, max(-1, index - 12), -1):
                candidate = [w for w in words[start : index - 1] if w not in CONNECTORS]
                initials = "".join(w[0] for w in candidate if w[0].isupper())
                if initials.upper() == acronym.upper() or (
                    len(initials) >= 2 and acronym.startswith(initials) and start == index - 2
                ):
                    found[acronym] = " ".join(words[start : index - 1])
                    break
    return found


def _full_names(people: list[str]) -> dict[str, str]:
    """Shorter forms → the full name: `Stoltenberg`, `Stephen Townsend` → `Stephen J. Townsend`.

    A surname shared by two people goes to the one named more often (then first).
    """
    counts = Counter(people)
    names = sorted(counts, key=lambda n: (-len(n.split()), -counts[n], people.index(n)))
    full: dict[str, str] = {}
    for name in names:
        parts = name.split()
        for other in names:
            short = other.split()
            if len(short) < len(parts) and short[-1] == parts[-1] and set(short) <= set(parts):
                full.setdefault(other, name)
    for name in sorted(counts, key=lambda n: (-counts[n], people.index(n))):
        full.setdefault(name.split()[-1], full.get(name, name))
    return full


def _fold(
    raw: list[Mention],
    singles: list[tuple[str, Sentence]],
    acronyms: dict[str, str],
    headline: list[Sentence],
) -> list[Mention]:
    """One name per actor: surnames and `Mr X` to full names, acronyms to what they stand for."""
    full = _full_names([m.actor for m in raw if m.kind == "person"])
    expansions = {acronym: name for acronym, name in acronyms.items()}
    folded = []
    for mention in raw:
        actor = mention.actor
        if mention.kind == "person":
            actor = full.get(actor, actor)
        elif actor in expansions:
            actor = expansions[actor]
        folded.append(
            Mention(actor, mention.kind, mention.paragraph, mention.sentence, mention.surface)
        )
    for sentence in headline:
        text = " ".join(sentence.words())
        for name in sorted({m.actor for m in folded if m.kind != "person" or " " in m.actor}):
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                kind = next(m.kind for m in folded if m.actor == name)
                folded.append(Mention(name, kind, sentence.paragraph, sentence.index, name))
    for word, sentence in singles:
        if word in full:
            folded.append(Mention(full[word], "person", sentence.paragraph, sentence.index, word))
        elif word in expansions:
            folded.append(
                Mention(expansions[word], "organisation", sentence.paragraph, sentence.index, word)
            )
    return folded
