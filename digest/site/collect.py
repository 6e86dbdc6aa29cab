"""Articles → Site: unique URLs, stories, topics, actors, daily editions, related articles."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date, tzinfo
from typing import TYPE_CHECKING, Any, TypeVar

from digest.errors import Problem, warning
from digest.model import Actor, ActorProfile, Article, Edition, Site, Story, Term, Topic
from digest.site.urls import Urls

if TYPE_CHECKING:
    from digest.enrich.stories import StoryMemory

RELATED_COUNT = 4
ACTOR_WEIGHT = 2
Result = TypeVar("Result")


class CollectMemory:
    """What the last collect found, kept in memory (`BuildCache.collected`) for the next one.

    Each part is reused only when its inputs equal the last ones, so the Site is the same as
    collecting afresh; the structures reused are the same objects, which makes comparing
    them (as the page planner does) cheap.
    """

    def __init__(self) -> None:
        self.stories: StoryMemory | None = None
        self._last: dict[str, tuple[object, Any]] = {}
        self._stamps: dict[int, tuple[Article, float]] = {}

    def stamps(self, articles: Iterable[Article]) -> dict[str, float]:
        """Each article's date as a timestamp, by key, computed once per Article object."""
        known, self._stamps = self._stamps, {}
        stamps = {}
        for article in articles:
            entry = known.get(id(article))
            if entry is None or entry[0] is not article:
                entry = (article, article.date.timestamp())
            self._stamps[id(article)] = entry  # holding the article keeps its id its own
            stamps[article.key] = entry[1]
        return stamps

    def reuse(self, part: str, inputs: object, compute: Callable[[], Result]) -> Result:
        """The last result of `part` if its inputs are equal, else `compute()`."""
        last = self._last.get(part)
        if last is not None and last[0] == inputs:
            return last[1]  # type: ignore[no-any-return]
        result = compute()
        self._last[part] = (inputs, result)
        return result


def collect_site(
    articles: Iterable[Article],
    urls: Urls,
    tz: tzinfo,
    profiles: Mapping[str, ActorProfile] | None = None,
    memory: CollectMemory | None = None,
) -> tuple[Site, list[Problem]]:
    """Order the articles newest first and gather everything the pages need."""
    memory = CollectMemory() if memory is None else memory
    articles = list(articles)
    stamps = memory.stamps(articles)
    ordered = sorted(articles, key=lambda a: (-stamps[a.key], a.key))
    days, paths, problems = memory.reuse(
        "paths",
        (urls, tz, [(a.key, a.date, a.slug, a.source_path) for a in ordered]),
        lambda: _days_and_paths(ordered, urls, tz),
    )
    stories = find_stories(ordered, memory, stamps)
    copies = {copy for story in stories.values() for copy in story.duplicates}
    listed = [a for a in ordered if a.key not in copies]
    terms = [(a.key, a.topics, a.actors, a.main_actors) for a in listed]
    topics, actors, editions, related = memory.reuse(
        "terms",
        (terms, profiles, days),
        lambda: (
            _topics(listed),
            _actors(listed, profiles or {}),
            _editions([a.key for a in listed], days),
            related_articles(listed),
        ),
    )
    site = Site(
        articles={a.key: a for a in ordered},
        paths=paths,
        days=days,
        topics=topics,
        actors=actors,
        editions=editions,
        related=related,
        listed=tuple(a.key for a in listed),
        stories=stories,
        story_of=memory.reuse(
            "story_of",
            stories,
            lambda: {key: story.id for story in stories.values() for key in story.articles},
        ),
    )
    return site, list(problems)


def _days_and_paths(
    ordered: list[Article], urls: Urls, tz: tzinfo
) -> tuple[dict[str, date], dict[str, str], tuple[Problem, ...]]:
    days = {a.key: a.date.astimezone(tz).date() for a in ordered}
    paths, problems = assign_paths(ordered, days, urls)
    return days, paths, tuple(problems)


def find_stories(
    articles: list[Article],
    memory: CollectMemory | None = None,
    stamps: Mapping[str, float] | None = None,
) -> dict[str, Story]:
    """Articles that report the same event (or copy each other), grouped into stories;
    `stamps` are their dates as timestamps, by key, if known."""
    from digest.enrich.stories import StoryMemory, StoryText  # numpy, datasketch: slow import

    if len(articles) < 2:
        return {}
    memory = CollectMemory() if memory is None else memory
    if memory.stories is None:
        memory.stories = StoryMemory()
    stamps = memory.stamps(articles) if stamps is None else stamps
    texts = [StoryText(a.key, stamps[a.key], a.title, a.text) for a in articles]
    found = memory.stories.group(texts)
    return memory.reuse(
        "stories",
        found,
        lambda: {story.id: Story(story.id, story.keys, dict(story.duplicates)) for story in found},
    )


def assign_paths(
    ordered: list[Article], days: dict[str, date], urls: Urls
) -> tuple[dict[str, str], list[Problem]]:
    """Give each article its own URL; on a clash the article whose path sorts first keeps it."""
    paths: dict[str, str] = {}
    owners: dict[str, Article] = {}
    problems = []
    for article in sorted(ordered, key=lambda a: a.key):
        wanted = urls.article(days[article.key], article.slug)
        path, number = wanted, 1
        while path in owners:
            number += 1
            path = urls.article(days[article.key], f"{article.slug}-{number}")
        if path != wanted:
            problems.append(
                warning(
                    article.source_path,
                    None,
                    f"URL /{wanted} is taken by {owners[wanted].source_path}; "
                    f"published at /{path} instead",
                    "give one of the two articles its own `slug:`",
                )
            )
        owners[path] = article
        paths[article.key] = path
    return {a.key: paths[a.key] for a in ordered}, problems


def display_names(terms: Iterable[Term]) -> dict[str, str]:
    """For each slug, the spelling used most often (ties: the first in sorted order)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for term in terms:
        counts[term.slug][term.name] += 1
    return {slug: min(names, key=lambda n: (-names[n], n)) for slug, names in counts.items()}


def _members(
    ordered: list[Article], terms_of: Callable[[Article], tuple[Term, ...]]
) -> dict[str, list[str]]:
    members: dict[str, list[str]] = defaultdict(list)
    for article in ordered:
        for term in terms_of(article):
            members[term.slug].append(article.key)
    return members


def _topics(ordered: list[Article]) -> dict[str, Topic]:
    members = _members(ordered, lambda a: a.topics)
    names = display_names(term for article in ordered for term in article.topics)
    return {slug: Topic(slug, names[slug], tuple(members[slug])) for slug in sorted(members)}


def _actors(ordered: list[Article], profiles: Mapping[str, ActorProfile]) -> dict[str, Actor]:
    """Each actor with the articles about it first, then those that only mention it."""
    members = _members(ordered, lambda a: a.actors)
    about = {a.key: set(a.main_actors) for a in ordered}
    names = display_names(term for article in ordered for term in article.actors)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for article in ordered:
        for term in article.actors:
            if term.kind:
                kinds[term.slug][term.kind] += 1
    actors = {}
    for slug in sorted(members):
        main = [key for key in members[slug] if slug in about[key]]
        mentions = [key for key in members[slug] if slug not in about[key]]
        kind = min(kinds[slug], key=lambda k: (-kinds[slug][k], k), default="")
        actors[slug] = Actor(
            slug,
            names[slug],
            tuple(main + mentions),
            kind=kind,
            about=len(main),
            profile=profiles.get(slug, ActorProfile()),
        )
    return actors


def _editions(keys: list[str], days: dict[str, date]) -> tuple[Edition, ...]:
    by_day: dict[date, list[str]] = defaultdict(list)
    for key in keys:
        by_day[days[key]].append(key)
    return tuple(Edition(day, tuple(by_day[day])) for day in sorted(by_day, reverse=True))


def related_articles(ordered: list[Article]) -> dict[str, tuple[str, ...]]:
    """The articles sharing the most actors (counted double) and topics; newer wins a tie."""
    rank = {a.key: index for index, a in enumerate(ordered)}
    index: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article in ordered:
        for term in article.actors:
            index["actor", term.slug].append(article.key)
        for term in article.topics:
            index["topic", term.slug].append(article.key)
    related = {}
    for article in ordered:
        scores: Counter[str] = Counter()
        for kind, terms in (("actor", article.actors), ("topic", article.topics)):
            weight = ACTOR_WEIGHT if kind == "actor" else 1
            for term in terms:
                for other in index[kind, term.slug]:
                    scores[other] += weight
        scores.pop(article.key, None)
        best = sorted(scores, key=lambda k: (-scores[k], rank[k]))[:RELATED_COUNT]
        related[article.key] = tuple(best)
    return related
