"""Folding mentions to one name per actor, and people found in lists of names.

Surnames and short forms go to full names, acronyms to what they stand for; names the article
uses elsewhere are found again in a title-case headline.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from digest.enrich.english.context import Leftovers, Mention, mention
from digest.enrich.english.people import is_given_name
from digest.enrich.english.words import LIST_MARKS, WORK_WORDS
from digest.enrich.text import Sentence


def people_in_lists(raw: list[Mention], leftovers: Leftovers) -> list[Mention]:
    """`Courtois, Alderweireld, Dries Mertens and …`: names listed among people are people."""
    people: dict[int, int] = {}
    for found in raw:
        if found.kind == "person":
            people[found.sentence] = people.get(found.sentence, 0) + 1
    return [
        mention(" ".join(segment), "person", sentence, segment)
        for segment, sentence, before, after in leftovers.unsure
        if people.get(sentence.index, 0) >= 2
        and before.lower() not in WORK_WORDS  # `her novel Angel Catbird, with …`
        and (before in LIST_MARKS or after == ",")
        and after in LIST_MARKS
    ]


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
            if len(short) >= len(parts):
                continue
            if (short[-1] == parts[-1] and set(short) <= set(parts)) or (
                len(short) >= 2 and parts[: len(short)] == short  # `Abu Jandal`
            ):
                full.setdefault(other, name)
    for name in sorted(counts, key=lambda n: (-counts[n], people.index(n))):
        full.setdefault(name.split()[-1], full.get(name, name))
    return full


def _inside_longer(names: set[str], known: Callable[[str], bool]) -> dict[str, str]:
    """`Supreme Court` → `Italian Supreme Court of Cassation`, `Scientology` → `Church of
    Scientology`: an organisation found by shape, named in full elsewhere, in one longer name."""
    split = {name: name.split() for name in names}
    inside: dict[str, str] = {}
    for short, words in split.items():
        longer = [
            name
            for name, other in split.items()
            if len(other) > len(words) and _contains(other, words)
        ]
        if len(longer) == 1 and not known(short):
            inside[short] = longer[0]
    return inside


def _named_after(name: str, people: set[str]) -> bool:
    """`Warhol Polaroids`, `Obama Administration`: another person's surname first names a
    thing after them, not another person."""
    words = name.split()
    if len(words) < 2 or "-" in words[-1] or is_given_name(words[0]):
        return False  # `Wong Kwok-kin`, `Mohamed El-Hassan Mohamed`
    return any(words[0] == other.split()[-1] for other in people if " " in other)


def _contains(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return any(words[i : i + size] == part for i in range(len(words) - size + 1))


def fold(
    raw: list[Mention],
    singles: list[tuple[str, Sentence]],
    acronyms: dict[str, str],
    headline: list[Sentence],
    known: Callable[[str], bool],
) -> list[Mention]:
    """One name per actor: surnames and `Mr X` to full names, acronyms to what they stand for,
    short organisation names to the longer one they are part of."""
    people = {m.actor for m in raw if m.kind == "person"}
    things = {name for name in people if _named_after(name, people)}
    full = _full_names([m.actor for m in raw if m.kind == "person" and m.actor not in things])
    expansions = {acronym: name for acronym, name in acronyms.items()}
    longer = _inside_longer({m.actor for m in raw if m.kind == "organisation"}, known)
    folded = []
    for found in raw:
        actor = found.actor
        if found.kind == "person" and actor in things:
            continue
        if found.kind == "person":
            actor = full.get(actor, actor)
        elif actor in expansions:
            actor = expansions[actor]
        elif actor in longer:
            actor = longer[actor]
        folded.append(found._replace(actor=actor))
    for sentence in headline:
        text = " ".join(sentence.words())
        names = {m.actor for m in folded if m.kind != "person" or " " in m.actor}
        for name in sorted(names):  # known names were read in the headline with their rules
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) and not known(name):
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
