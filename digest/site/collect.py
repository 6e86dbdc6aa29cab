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
    from digest.enrich.stories import StoryMemory, StoryText

Result = TypeVar("Result")


Swap = tuple[Article, Article]
"""An article replaced by its new version at the same place in the site's order."""


class CollectMemory:
    """What the last collect found, kept in memory (`BuildCache.collected`) for the next one.

    When the articles are the last ones in the same order with some replaced by new versions
    of the same key and date (an edit), the order is patched instead of sorted again, and
    each part is reused when the replaced articles agree on everything it reads. So the Site
    is the same as collecting afresh; the structures reused are the same objects, which makes
    comparing them (as the page planner does) cheap.
    """

    def __init__(self) -> None:
        self.stories: StoryMemory | None = None
        self._last: dict[str, tuple[object, Any]] = {}
        self._stamps: dict[int, tuple[Article, float]] = {}
        self._input: list[Article] = []
        self._ordered: list[Article] = []
        self._rank: dict[str, int] = {}
        self._texts: list[StoryText] = []
        self._by_key: dict[str, Article] = {}

    def order(self, articles: list[Article]) -> tuple[list[Article], list[Swap] | None]:
        """The articles newest first, and the swaps since the last call (None: not just
        swaps, or no last call)."""
        last, self._input = self._input, articles
        if len(last) == len(articles) and last:
            swaps = [(old, new) for old, new in zip(last, articles, strict=True) if old is not new]
            if all(old.key == new.key and old.date == new.date for old, new in swaps):
                ordered = list(self._ordered)
                for _, new in swaps:
                    ordered[self._rank[new.key]] = new
                self._ordered = ordered
                return ordered, swaps
        stamps = self.stamps(articles)
        self._ordered = sorted(articles, key=lambda a: (-stamps[a.key], a.key))
        self._rank = {article.key: index for index, article in enumerate(self._ordered)}
        return self._ordered, None

    def by_key(self, ordered: list[Article], swaps: list[Swap] | None) -> dict[str, Article]:
        """The articles by key, in order: the last call's mapping patched for `swaps` when
        given."""
        if swaps is None or len(self._by_key) != len(ordered):
            by_key = {article.key: article for article in ordered}
        else:
            by_key = dict(self._by_key)
            by_key.update((new.key, new) for _, new in swaps)
        self._by_key = by_key
        return by_key

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

    def story_texts(self, ordered: list[Article], swaps: list[Swap] | None) -> list[StoryText]:
        """What story grouping reads of each article, patched for `swaps` when given."""
        from digest.enrich.stories import StoryText  # numpy: slow import

        if swaps is None or len(self._texts) != len(ordered):
            stamps = self.stamps(ordered)
            texts = [
                StoryText(a.key, stamps[a.key], a.title, a.text, a.signature) for a in ordered
            ]
        else:
            texts = list(self._texts)
            for old, new in swaps:
                at = self._rank[new.key]
                if (old.title, old.text) != (new.title, new.text):
                    published = texts[at].published
                    texts[at] = StoryText(new.key, published, new.title, new.text, new.signature)
        self._texts = texts
        return texts

    def reuse(
        self,
        part: str,
        inputs: object,
        compute: Callable[[], Result],
        swaps: list[Swap] | None = None,
        reads: Callable[[Article], object] | None = None,
    ) -> Result:
        """The last result of `part` if its inputs are equal, else `compute()`.

        With `reads` (what the part reads of an article) and `swaps`, `inputs` holds only the
        rest: the result is reused if that is equal and each swapped pair reads the same.
        """
        last = self._last.get(part)
        same_reads = reads is None or (
            swaps is not None and all(reads(old) == reads(new) for old, new in swaps)
        )
        if last is not None and last[0] == inputs and same_reads:
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
    ordered, swaps = memory.order(list(articles))
    days, paths, problems = memory.reuse(
        "paths",
        (urls, tz),
        lambda: _days_and_paths(ordered, urls, tz),
        swaps,
        lambda a: (a.slug, a.source_path),
    )
    stories = find_stories(ordered, memory, swaps=swaps)
    copies = memory.reuse(
        "copies", stories, lambda: {copy for story in stories.values() for copy in story.duplicates}
    )
    by_key = memory.by_key(ordered, swaps)
    listed = memory.reuse(
        "listed",
        copies,
        lambda: tuple(a.key for a in ordered if a.key not in copies),
        swaps,
        lambda a: a.key,  # the same keys in the same order: reused after swaps only
    )
    topics, actors, editions, related = memory.reuse(
        "terms",
        (copies, profiles, days),
        lambda: _terms([by_key[key] for key in listed], profiles or {}, days),
        swaps,
        lambda a: (a.topics, a.actors, a.main_actors),
    )
    site = Site(
        articles=by_key,
        paths=paths,
        days=days,
        topics=topics,
        actors=actors,
        editions=editions,
        related=related,
        listed=listed,
        stories=stories,
        story_of=memory.reuse(
            "story_of",
            stories,
            lambda: {key: story.id for story in stories.values() for key in story.articles},
        ),
    )
    return site, list(problems)


def _terms(
    listed: list[Article], profiles: Mapping[str, ActorProfile], days: dict[str, date]
) -> tuple[dict[str, Topic], dict[str, Actor], tuple[Edition, ...], dict[str, tuple[str, ...]]]:
    """The topics, actors, daily editions and related articles of the listed articles."""
    from digest.site.related import related_articles  # numpy: a build with nothing to do skips it

    return (
        _topics(listed),
        _actors(listed, profiles),
        _editions([a.key for a in listed], days),
        related_articles(listed),
    )


def _days_and_paths(
    ordered: list[Article], urls: Urls, tz: tzinfo
) -> tuple[dict[str, date], dict[str, str], tuple[Problem, ...]]:
    days = {a.key: a.date.astimezone(tz).date() for a in ordered}
    paths, problems = assign_paths(ordered, days, urls)
    return days, paths, tuple(problems)


def find_stories(
    articles: list[Article],
    memory: CollectMemory | None = None,
    swaps: list[Swap] | None = None,
) -> dict[str, Story]:
    """Articles that report the same event (or copy each other), grouped into stories;
    `swaps` are the articles replaced since the last call with `memory`, if that is all."""
    from digest.enrich.stories import StoryMemory

    if len(articles) < 2:
        return {}
    memory = CollectMemory() if memory is None else memory
    if memory.stories is None:
        memory.stories = StoryMemory()
    found = memory.stories.group(memory.story_texts(articles, swaps))
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
