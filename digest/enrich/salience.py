"""Which actors an article is about: salience from the title, the lead and frequency."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from digest.enrich.english import Mention
from digest.enrich.text import Sentence


@dataclass(frozen=True)
class SalienceSettings:
    """How main actors are chosen; tuned on ../shared/actors-dev."""

    title_weight: float = 3.0
    lead_weight: float = 3.0
    lead_sentences: int = 2
    frequency_weight: float = 2.0
    main_threshold: float = 3.0
    max_main: int = 4
    relative: float = 0.4
    """A main actor scores at least this share of the top score."""
    speaker_weight: float = 2.0
    """Added for a person who speaks in the lead (`said`, `according to`): the story's source."""
    country_weight: float = -1.5
    """Added for countries: named often as setting, they are the subject less often."""
    media_weight: float = -2.0
    """Added for news media: cited as sources, they are rarely what a story is about (and
    never main unless the title names them)."""


@dataclass(frozen=True)
class RankedActor:
    """An actor of an article with its kind, its salience and whether it is a main actor."""

    name: str
    kind: str
    score: float
    main: bool


def rank_actors(
    mentions: Sequence[Mention],
    sentences: Sequence[Sentence],
    settings: SalienceSettings = SalienceSettings(),
    media: frozenset[str] = frozenset(),
) -> tuple[RankedActor, ...]:
    """Actors by salience, highest first; the first few above the threshold are main."""
    if not mentions:
        return ()
    lead = lead_sentences(sentences, settings.lead_sentences)
    speaking = {s.index for s in sentences if s.index in lead and _has_speech(s)}
    speakers = {m.actor for m in mentions if m.sentence in speaking and not m.aside}
    first_seen: dict[str, int] = {}
    kinds: dict[str, str] = {}
    counts: dict[str, int] = {}
    in_title: set[str] = set()
    in_lead: set[str] = set()
    for order, mention in enumerate(mentions):
        first_seen.setdefault(mention.actor, order)
        kinds.setdefault(mention.actor, mention.kind)
        counts[mention.actor] = counts.get(mention.actor, 0) + 1
        if mention.aside:
            continue
        if mention.paragraph == 0:
            in_title.add(mention.actor)
        if mention.sentence in lead:
            in_lead.add(mention.actor)
    scores = {
        actor: settings.title_weight * (actor in in_title)
        + settings.lead_weight * (actor in in_lead)
        + settings.frequency_weight * math.log2(1 + counts[actor])
        + settings.speaker_weight * (kinds[actor] == "person" and actor in speakers)
        + settings.country_weight * (kinds[actor] == "country")
        + settings.media_weight * (actor in media)
        for actor in counts
    }
    order = sorted(counts, key=lambda a: (-scores[a], first_seen[a]))
    floor = max(settings.main_threshold, settings.relative * scores[order[0]])
    eligible = [a for a in order if a not in media or a in in_title]  # cited, not the subject
    main = [a for a in eligible if scores[a] >= floor][: settings.max_main]
    if not main and order:
        main = order[:1]
    return tuple(RankedActor(a, kinds[a], round(scores[a], 3), a in main) for a in order)


SPEECH = frozenset("said says told according stated announced added noted".split())


def _has_speech(sentence: Sentence) -> bool:
    return any(word.lower() in SPEECH for word in sentence.words())


def lead_sentences(sentences: Sequence[Sentence], count: int) -> frozenset[int]:
    """The first sentences of the body (after the title), skipping datelines with no prose."""
    lead = [
        s.index
        for s in sentences
        if s.paragraph > 0 and any(w.islower() and len(w) > 2 for w in s.words())
    ]
    return frozenset(lead[:count])
