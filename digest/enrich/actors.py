"""Actors of an article: front matter first, then detection in its title and body.

Known actors (the project registry, then the built-in countries and organisations) are
matched by name in any language and keep one identity, their canonical name; people and
organisations new to the registry are found by shape (the english and slavic packages).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from digest.enrich.english import Mention
from digest.enrich.gazetteer import Gazetteer, NameSource
from digest.enrich.knowledge import KnownActor, builtin_actors, news_media
from digest.enrich.registry import RegistryActor
from digest.enrich.salience import RankedActor, SalienceSettings, rank_actors
from digest.enrich.text import split_sentences
from digest.model import Article, Term
from digest.slugs import slugify

DETECTED_LANGUAGES = frozenset({"en", "ru", "uk"})


@dataclass(frozen=True)
class ActorRules:
    """What actor detection needs: picklable and hashable, so workers can cache on it."""

    detect: bool = True
    registry: tuple[RegistryActor, ...] = ()
    max_main: int | None = None
    """Unset: the language's tuned default (salience.py, slavic.SALIENCE)."""
    main_threshold: float | None = None


@dataclass(frozen=True)
class Identity:
    """An actor's canonical name (its identity and slug), kind, and names per language."""

    canonical: str
    kind: str
    names: tuple[tuple[str, str], ...] = ()

    def name_in(self, language: str) -> str:
        return next((n for lang, n in self.names if lang == language), self.canonical)


def with_actors(article: Article, rules: ActorRules) -> Article:
    """Set the article's actors (main first) and which of them it is about.

    Front-matter actors are always kept; if detection makes none of them main, the first one
    written is. `actors_exclude` removes an actor whatever found it.
    """
    ranked = list(detect_actors(article.title, str(article.text), article.language, rules))
    pinned = [_resolve(name, article.language, rules) for name in (t.name for t in article.actors)]
    excluded = {_resolve(name, article.language, rules)[0] for name in article.excluded_actors}
    by_name = {actor.name: actor for actor in ranked}
    threshold = salience_for(article.language, rules).main_threshold
    for name, kind in pinned:
        found = by_name.get(name, RankedActor(name, kind, 0.0, False))
        score = max(found.score, threshold)
        by_name[name] = RankedActor(name, kind or found.kind, score, found.main)
    if pinned and not any(by_name[name].main for name, _ in pinned):
        first = by_name[pinned[0][0]]
        by_name[first.name] = replace(first, main=True)
    ordered = sorted(
        (a for a in by_name.values() if a.name not in excluded),
        key=lambda a: (not a.main, -a.score, a.name),
    )
    identities = identities_for(rules.registry)
    terms = []
    for actor in ordered:
        identity = identities.get(actor.name, Identity(actor.name, actor.kind))
        terms.append(
            Term(
                slugify(identity.canonical, fallback="actor", language=article.language),
                identity.name_in(article.language),
                identity.kind or actor.kind,
            )
        )
    main = tuple(t.slug for t, a in zip(terms, ordered, strict=True) if a.main)
    return replace(article, actors=_unique(terms), main_actors=tuple(dict.fromkeys(main)))


def detect_actors(
    title: str, text: str, language: str, rules: ActorRules
) -> tuple[RankedActor, ...]:
    """Actors named in the title and body, ranked by salience; main ones marked."""
    if not rules.detect or language not in DETECTED_LANGUAGES:
        return ()
    paragraphs = [title, *(p for p in text.split("\n\n") if p.strip())]
    sentences = split_sentences(paragraphs, offsets=language != "en")
    mentions = find_mentions(sentences, language, rules.registry)
    return rank_actors(mentions, sentences, salience_for(language, rules), news_media())


def salience_for(language: str, rules: ActorRules) -> SalienceSettings:
    """The language's tuned salience, with the project's overrides."""
    if language in ("ru", "uk"):
        from digest.enrich import slavic

        settings = slavic.SALIENCE
    else:
        settings = SalienceSettings()
    if rules.max_main is not None:
        settings = replace(settings, max_main=rules.max_main)
    if rules.main_threshold is not None:
        settings = replace(settings, main_threshold=rules.main_threshold)
    return settings


def find_mentions(
    sentences: Sequence, language: str, registry: tuple[RegistryActor, ...]
) -> list[Mention]:
    """Mentions in one language, named by canonical identity."""
    gazetteer = gazetteer_for(language, registry)
    if language == "en":
        from digest.enrich import english

        return english.find_mentions(sentences, gazetteer)
    from digest.enrich import slavic

    return slavic.find_mentions(sentences, gazetteer, language)


@cache
def gazetteer_for(language: str, registry: tuple[RegistryActor, ...]) -> Gazetteer:
    """Registry names first (they win), then the built-in countries and organisations."""
    normalise = str.casefold
    if language in ("ru", "uk"):
        from digest.enrich import slavic

        normalise = slavic.lemma_normaliser(language)
    return Gazetteer(_name_sources(language, registry), normalise)


def _name_sources(language: str, registry: tuple[RegistryActor, ...]) -> Iterable[NameSource]:
    for actor in registry:
        names = (actor.name, *(n for lang, n in actor.names if lang == language))
        yield NameSource(actor.name, actor.kind, (*names, *actor.aliases_for(language)))
    for known in builtin_actors():
        yield NameSource(
            known.name,
            known.kind,
            tuple(known.names.get(language, ())) + ((known.name,) if language == "en" else ()),
            tuple(known.demonyms.get(language, ())),
            tuple(known.capitals.get(language, ())),
        )


@cache
def identities_for(registry: tuple[RegistryActor, ...]) -> dict[str, Identity]:
    """Canonical name, or its name in another language (Украина) → identity."""
    found: dict[str, Identity] = {}
    for known in builtin_actors():
        found[known.name] = _identity_of_known(known)
    for actor in registry:
        base = found.get(actor.name)
        names = actor.names + (base.names if base else ())
        found[actor.name] = Identity(actor.name, actor.kind, names)
    for identity in list(found.values()):
        for _, name in identity.names:
            found.setdefault(name, identity)
    return found


def _identity_of_known(known: KnownActor) -> Identity:
    names = tuple((lang, names[0]) for lang, names in known.names.items() if names)
    return Identity(known.name, known.kind, names)


def _resolve(name: str, language: str, rules: ActorRules) -> tuple[str, str]:
    """A front-matter name in any language → (canonical name, kind); unknown names stay."""
    others = ("uk", "ru") if any("\u0400" <= c <= "\u04ff" for c in name) else ("en",)
    for lang in dict.fromkeys((language, *others)):
        entry = gazetteer_for(lang, rules.registry).lookup(name)
        if entry is not None:
            return entry.actor, entry.kind
    return name, ""


def _unique(terms: list[Term]) -> tuple[Term, ...]:
    seen: dict[str, Term] = {}
    for term in terms:
        seen.setdefault(term.slug, term)
    return tuple(seen.values())
