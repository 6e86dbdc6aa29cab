"""Folding mentions to one name per actor, and people found in lists of names.

Surnames and short forms go to full names, acronyms to what they stand for; names the article
uses elsewhere are found again in a title-case headline.
"""

from __future__ import annotations

import re
from collections import Counter

from digest.enrich.english.context import Leftovers, Mention, mention
from digest.enrich.english.words import LIST_MARKS
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
            if len(short) < len(parts) and short[-1] == parts[-1] and set(short) <= set(parts):
                full.setdefault(other, name)
    for name in sorted(counts, key=lambda n: (-counts[n], people.index(n))):
        full.setdefault(name.split()[-1], full.get(name, name))
    return full


def fold(
    raw: list[Mention],
    singles: list[tuple[str, Sentence]],
    acronyms: dict[str, str],
    headline: list[Sentence],
) -> list[Mention]:
    """One name per actor: surnames and `Mr X` to full names, acronyms to what they stand for."""
    full = _full_names([m.actor for m in raw if m.kind == "person"])
    expansions = {acronym: name for acronym, name in acronyms.items()}
    folded = []
    for found in raw:
        actor = found.actor
        if found.kind == "person":
            actor = full.get(actor, actor)
        elif actor in expansions:
            actor = expansions[actor]
        folded.append(found._replace(actor=actor))
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
