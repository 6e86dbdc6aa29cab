"""Reading an article: each sentence's capitalised runs, then the names folded.

A run splits into known names (the gazetteer), organisations and people; what no rule claims
is left over for folding (surnames, people in lists).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from digest.enrich.english.context import Context, Known, Leftovers, Mention, mention
from digest.enrich.english.folding import fold, people_in_lists
from digest.enrich.english.organisations import (
    clean_org,
    defined_acronyms,
    has_org_word,
    organisation_end,
)
from digest.enrich.english.people import (
    is_person,
    is_place,
    looks_like_person,
    name_end,
    person_before_of,
    role_before,
)
from digest.enrich.english.runs import (
    capitalised_runs,
    is_title_case,
    lower_case_words,
    name_positions,
    skip_sentence_start,
    without_credits,
    words_alone,
)
from digest.enrich.english.words import (
    AGENCY_WORDS,
    CONNECTORS,
    LANGUAGE_CONTEXT,
    METONYM_VERBS,
    ROLE_WORDS,
    WEB_SUFFIXES,
)
from digest.enrich.gazetteer import Entry, Gazetteer
from digest.enrich.text import Sentence

YEAR = re.compile(r"^(?:19|20)\d\d$")
SIDE = re.compile(r"^(?:pro|anti)-([A-Z][\w.]+)$")


def find_mentions(sentences: Sequence[Sentence], gazetteer: Gazetteer) -> list[Mention]:
    """Every actor named in the sentences, with aliases folded to one name per actor."""
    marks = [name_positions(sentence.text_words) for sentence in sentences]
    context = Context(lower_case_words(sentences), words_alone(sentences, marks))
    title_case = is_title_case([s for s in sentences if s.paragraph == 0])
    raw: list[Mention] = []
    leftovers = Leftovers([], [])
    acronyms: dict[str, str] = {}
    for sentence in sentences:
        words = without_credits(sentence.words())
        known = Known(gazetteer, words)
        headline = title_case and sentence.paragraph == 0
        cue_until = -1
        unclaimed_until = -1
        for start, end in capitalised_runs(words, marks[sentence.index]):
            start = skip_sentence_start(words, start, end, context, known)
            if start >= end:
                continue
            after_place = start - 2 == unclaimed_until and words[start - 1] == ","
            if headline:
                raw += _known_names(words, start, end, sentence, known, leftovers.singles)
                continue
            cue = start - 2 == cue_until and words[start - 1] == ","
            found, cue_left = _read_run(words, start, end, sentence, context, known, leftovers, cue)
            raw += _asides(found, words, start, end, after_place)
            cue_until = end - 1 if cue_left else -1
            unclaimed_until = -1 if found else end - 1
        acronyms.update(defined_acronyms(words))
        raw += _sides(words, sentence, gazetteer) + _websites(words, sentence)
    raw += people_in_lists(raw, leftovers)
    headline = [s for s in sentences if title_case and s.paragraph == 0]
    return fold(
        raw, leftovers.singles, acronyms, headline, lambda name: gazetteer.lookup(name) is not None
    )


def _asides(
    found: list[Mention], words: list[str], start: int, end: int, after_place: bool
) -> list[Mention]:
    """Mark the run's mentions named in passing: a country after a place (`Palmyra, Syria`),
    a spokesperson (`spokesman Fuad Basya`, `Fuad Basya, spokesman for …`)."""
    if not found:
        return found
    first, last = found[0], found[-1]
    if after_place and first.kind == "country":
        found[0] = first = first._replace(aside=True)
    if first.kind == "person" and start and _is_spokesperson(words[start - 1]):
        found[0] = first._replace(aside=True)
    after = words[end + 1] if end + 1 < len(words) and words[end] == "," else ""
    if last.kind == "person" and _is_spokesperson(after):
        found[-1] = found[-1]._replace(aside=True)
    return found


def _is_spokesperson(word: str) -> bool:
    return word.lower().startswith("spokes")


def _sides(words: list[str], sentence: Sentence, gazetteer: Gazetteer) -> list[Mention]:
    """`pro-Beijing`, `anti-American`: a side taken names the country (capital or demonym)."""
    found = []
    for word in words:
        side = SIDE.match(word)
        if side:
            entry = gazetteer.lookup(side[1])
            if entry is not None and entry.kind == "country":
                found.append(mention(entry.actor, entry.kind, sentence, [word]))
    return found


def _websites(words: list[str], sentence: Sentence) -> list[Mention]:
    """`Gawker.com`, `Secunia.com`: a capitalised name with a web suffix names its owner."""
    return [
        mention(words[index], "organisation", sentence, words[index : index + 3])
        for index in range(len(words) - 2)
        if words[index + 1] == "."
        and words[index + 2] in WEB_SUFFIXES
        and words[index][:1].isupper()
        and words[index].isalnum()
    ]


def _known_names(
    words: list[str],
    start: int,
    end: int,
    sentence: Sentence,
    known: Known,
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
                    mention(entry.actor, entry.kind, sentence, words[index : index + length])
                )
            index += length
        else:
            if words[index] not in CONNECTORS:
                singles.append((words[index], sentence))
            index += 1
    return mentions


def _read_run(
    words: list[str],
    start: int,
    end: int,
    sentence: Sentence,
    context: Context,
    known: Known,
    leftovers: Leftovers,
    cue: bool = False,
) -> tuple[list[Mention], bool]:
    """Split one capitalised run into known names, organisations and people.

    Returns the mentions and whether a role is still waiting for its name (`the Minister of
    Defence of Belgium, Ludivine Dedonder`).
    """
    mentions = []
    index = start
    cue = cue or role_before(words, start)
    organisation = has_org_word(words, start, end)
    unclaimed_from, unclaimed = -1, -1
    """Where the last name nobody claimed starts and ends: a country right after it is part
    of it (`New South Wales`), and it may name an agency (`Environment Canada`)."""
    while index < end:
        word = words[index]
        org_end = organisation_end(words, index, end) if organisation else None
        person_end = person_before_of(words, index, org_end) if org_end else None
        if person_end is not None:
            segment = words[index:person_end]
            mentions.append(mention(" ".join(segment), "person", sentence, segment))
            index = person_end + 1
            continue
        found = known.at(index)
        owner = found is not None and index + found[0] < end and words[index + found[0]] == "'s"
        if found and (
            org_end is None
            or index + found[0] >= org_end
            or owner
            or _joined_by_and(words, index, found, org_end, known)
        ):
            length, entry = found
            inside = index == unclaimed and entry.kind == "country"  # `New South Wales`
            if inside and words[index - 1].lower() in AGENCY_WORDS:
                segment = words[unclaimed_from : index + length]
                mentions.append(mention(" ".join(segment), "organisation", sentence, segment))
            elif not inside and _counts_as_actor(entry, words, index, length):
                mentions.append(
                    mention(entry.actor, entry.kind, sentence, words[index : index + length])
                )
            index += length + owner  # `Britain 's Conservative Party`: two actors
            if owner and entry.kind in ("organisation", "group") and organisation:
                index = organisation_end(words, index, end) or index  # `ISIL 's War Committee`
            continue
        if org_end is not None:
            if not is_place(words[index:org_end]):  # `Metro Toronto Convention Centre`
                name = clean_org(words[index:org_end])
                mentions.append(mention(name, "organisation", sentence, words[index:org_end]))
            index = org_end
            continue
        if word.lower().rstrip(".") in ROLE_WORDS:
            cue = True
            index += 1
            continue
        if word in CONNECTORS or word == "'s":
            index += 1
            continue
        name_start = index
        index, person = _read_name(words, index, end, sentence, context, known, leftovers, cue)
        if person is not None:
            mentions.append(person)
            cue = False
        else:
            unclaimed_from, unclaimed = name_start, index
    return mentions, cue


def _joined_by_and(
    words: list[str], index: int, found: tuple[int, Entry], org_end: int, known: Known
) -> bool:
    """`Moldova and European Union`: two known names joined by `and` are two actors, not one
    organisation. The longest known name wins (`Bosnia and Herzegovina`), and a known name
    before an unknown one stays in it (`Washington and Lee University`)."""
    joint = index + found[0]
    return joint + 1 < org_end and words[joint] in ("and", "&") and known.at(joint + 1) is not None


def _read_name(
    words: list[str],
    start: int,
    end: int,
    sentence: Sentence,
    context: Context,
    known: Known,
    leftovers: Leftovers,
    cue: bool,
) -> tuple[int, Mention | None]:
    """Where a name from `start` ends, and the person it names; else it is left over."""
    stop = name_end(words, start, end, known)
    segment = words[start:stop]
    if len(segment) >= 3 and not looks_like_person(segment) and looks_like_person(segment[1:]):
        segment = segment[1:]  # a descriptor before a name: "Scientologist Tom Cruise"
    if is_person(segment, cue, words, stop, context):
        return stop, mention(" ".join(segment), "person", sentence, segment)
    if len(segment) == 1:
        leftovers.singles.append((segment[0], sentence))
    elif len(segment) <= 3:
        before = words[stop - len(segment) - 1] if stop - len(segment) > 0 else ""
        after = words[stop] if stop < len(words) else ""
        leftovers.unsure.append((segment, sentence, before, after))
    return stop, None


def _counts_as_actor(entry: Entry, words: list[str], index: int, length: int) -> bool:
    """Capitals count only as the subject of a verb; demonyms not when they name a language;
    a country not inside an event's name (`Fan Expo Canada 2016`)."""
    after = words[index + length].lower() if index + length < len(words) else ""
    if entry.kind == "country" and index and words[index - 1][:1].isupper() and YEAR.match(after):
        return False
    if entry.via == "capital":
        return after in METONYM_VERBS or after == "'s"
    if entry.via == "demonym":
        before = words[index - 1].lower() if index else ""
        return not (before in ("in", "into", "from") and not after[:1].isalpha()) and (
            after not in LANGUAGE_CONTEXT
        )
    return True
