"""What `digest analyze` and `digest actors` report: per-article findings and actor counts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from digest.config import SiteConfig
from digest.enrich.actors import identities_for
from digest.enrich.suggest import Suggestion, suggest_topics
from digest.errors import Problem
from digest.model import Article
from digest.reading import read_articles
from digest.site.collect import find_stories


@dataclass(frozen=True)
class ActorCount:
    """An actor, its kind, in how many articles it appears and in how many it is main."""

    name: str
    kind: str
    articles: int
    main: int
    known: bool


def article_record(article: Article, story: str | None = None) -> dict[str, object]:
    """One line of `digest analyze --json`."""
    main = set(article.main_actors)
    return {
        "path": article.key,
        "title": article.title,
        "date": article.date.isoformat(),
        "language": article.language,
        "topics": [t.name for t in article.topics],
        "actors": {
            "main": [t.name for t in article.actors if t.slug in main],
            "mentioned": [t.name for t in article.actors if t.slug not in main],
        },
        "story": story,
    }


def analyze(config: SiteConfig) -> tuple[list[tuple[Article, str | None]], list[Problem]]:
    """Every article (drafts too) with its story id, in content-path order."""
    read = read_articles(config)
    articles, problems = read.articles, read.problems
    ordered = sorted(articles, key=lambda a: a.key)
    story_of = {key: story.id for story in find_stories(ordered).values() for key in story.articles}
    return [(article, story_of.get(article.key)) for article in ordered], problems


def count_actors(config: SiteConfig) -> tuple[list[ActorCount], list[Problem]]:
    """Every actor of the site with its counts; `known` if the registry or built-ins have it."""
    read = read_articles(config)
    articles, problems, registry = read.articles, read.problems, read.registry
    known = {name for name in identities_for(registry)}
    return _counts(articles, known), problems


def _counts(articles: Iterable[Article], known: set[str]) -> list[ActorCount]:
    seen: Counter[str] = Counter()
    main: Counter[str] = Counter()
    names: dict[str, tuple[str, str]] = {}
    for article in articles:
        for term in article.actors:
            seen[term.slug] += 1
            main[term.slug] += term.slug in article.main_actors
            names.setdefault(term.slug, (term.name, term.kind))
    counts = [
        ActorCount(names[s][0], names[s][1], seen[s], main[s], names[s][0] in known) for s in seen
    ]
    return sorted(counts, key=lambda c: (-c.articles, c.name))


def registry_snippet(counts: Iterable[ActorCount], minimum: int = 2) -> str:
    """Frequent detected actors the registry lacks, as `[[actor]]` entries to paste."""
    blocks = [
        f"[[actor]]  # in {count.articles} articles\n"
        f"name = {json.dumps(count.name, ensure_ascii=False)}\n"
        f'kind = "{count.kind or "person"}"\n'
        for count in counts
        if not count.known and count.articles >= minimum
    ]
    return "\n".join(blocks)


def topic_counts(config: SiteConfig) -> tuple[list[tuple[str, int]], list[Problem]]:
    """Every topic with the number of its articles, most first."""
    read = read_articles(config)
    articles, problems = read.articles, read.problems
    counts = Counter(term.name for article in articles for term in article.topics)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0])), problems


def topic_suggestions(config: SiteConfig) -> tuple[list[Suggestion], list[Problem]]:
    """Topics for articles whose front matter names none, learnt from those that do."""
    read = read_articles(config)
    articles, problems = read.articles, read.problems
    tagged = [
        (a.title, str(a.text), [t.name for t in a.topics]) for a in articles if a.topics_given
    ]
    untagged = [(a.key, a.title, str(a.text)) for a in articles if not a.topics_given]
    return suggest_topics(tagged, sorted(untagged)), problems
