"""One name per actor: an article's surnames, abbreviations and cases folded together."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from digest.enrich.english import Mention
from digest.enrich.slavic.context import Context, Found, word_lemma
from digest.enrich.slavic.morphology import parses
from digest.enrich.slavic.nominative import person_name
from digest.enrich.slavic.people import name_stem, person_display
from digest.enrich.slavic.spelling import is_abbreviation


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


@dataclass(frozen=True)
class People:
    """The people of one article: each name as found → the full name it folds to."""

    names: Mapping[tuple[str, ...], str]
    by_surname: Mapping[str, str]
    by_given: Mapping[str, str]

    @classmethod
    def of(cls, found: Sequence[Found]) -> People:
        """Full names first (most words, most often, first seen); other names fold into them."""
        persons = [f.parts for f in found if f.kind == "person" and len(f.parts) == 4]
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


def _key_name(context: Context, words: Sequence[str]) -> str:
    """A name's lemmas, to tell one name in different cases (works and organisations)."""
    return " ".join(word_lemma(context, w) for w in words if w[:1].isalnum())


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
