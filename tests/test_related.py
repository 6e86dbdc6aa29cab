"""Related articles: the pruned search gives exactly what scoring every pair of the window
gives."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from datetime import UTC, datetime

import pytest

from digest.model import Article, Term
from digest.site import related
from digest.site.related import ACTOR_WEIGHT, RELATED_COUNT, RELATED_WINDOW, related_articles

WHEN = datetime(2024, 1, 1, tzinfo=UTC)


def reference(ordered: list[Article], window: int = RELATED_WINDOW) -> dict[str, tuple[str, ...]]:
    """The first implementation, within `window`: score every pair that shares a term, among
    the `window` others nearest in order (as many on each side where there are enough, one
    more older than newer when `window` is odd)."""
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
        nearest = sorted(rank.values(), key=lambda r: (abs(r - rank[article.key]), -r))
        candidates = {ordered[r].key for r in nearest[: window + 1]}
        scores = Counter({key: score for key, score in scores.items() if key in candidates})
        best = sorted(scores, key=lambda k: (-scores[k], rank[k]))[:RELATED_COUNT]
        related[article.key] = tuple(best)
    return related


def article(number: int, topics: list[str], actors: list[str]) -> Article:
    return Article(
        key=f"a{number:05d}.md",
        source_path=f"a{number:05d}.md",
        title="",
        date=WHEN,
        slug=f"a{number}",
        body_html="",
        language="en",
        topics=tuple(Term(slug, slug) for slug in topics),
        actors=tuple(Term(slug, slug) for slug in actors),
    )


def skewed_corpus(seed: int, count: int) -> list[Article]:
    """One term in ~40% of the articles, a few in ~10%, many rare; some articles with no
    terms, some listing a term twice, some sharing a slug between a topic and an actor."""
    rng = random.Random(seed)
    common = {"ukraine": 0.4} | {f"often-{n}": 0.1 for n in range(4)}
    rare = [f"rare-{n}" for n in range(rng.choice([5, 30, 300]))]

    def draw() -> list[str]:
        terms = [slug for slug, share in common.items() if rng.random() < share]
        terms += rng.sample(rare, rng.randint(0, min(3, len(rare))))
        if terms and rng.random() < 0.05:
            terms.append(rng.choice(terms))
        rng.shuffle(terms)
        return terms

    corpus = []
    for number in rng.sample(range(count), count):
        if rng.random() < 0.05:
            corpus.append(article(number, [], []))
        else:
            corpus.append(article(number, draw()[:3], draw()))
    return corpus


@pytest.mark.parametrize(
    ("seed", "count"),
    [(seed, count) for seed in range(6) for count in (0, 1, 2, 5, 40, 300)]
    + [(seed, 2000) for seed in range(6, 9)],
)
def test_same_as_scoring_every_pair(seed: int, count: int) -> None:
    corpus = skewed_corpus(seed, count)
    assert related_articles(corpus) == reference(corpus)


def test_ties_go_to_the_newer_and_zero_scores_are_left_out() -> None:
    corpus = [
        article(0, ["war"], []),
        article(1, ["war"], []),
        article(2, [], ["kyiv"]),
        article(3, ["war"], ["kyiv"]),
        article(4, ["war"], []),
        article(5, ["war"], []),
        article(6, ["war"], []),
        article(7, ["sport"], []),
    ]
    related = related_articles(corpus)
    assert related["a00003.md"] == ("a00002.md", "a00000.md", "a00001.md", "a00004.md")
    assert related["a00000.md"] == ("a00001.md", "a00003.md", "a00004.md", "a00005.md")
    assert related["a00007.md"] == ()
    assert related == reference(corpus)


def test_a_term_listed_twice_counts_twice() -> None:
    corpus = [
        article(0, ["war"], []),
        article(1, ["peace"], []),
        article(2, ["peace", "peace"], []),
        article(3, ["war", "peace"], []),
    ]
    assert related_articles(corpus)["a00003.md"] == ("a00002.md", "a00000.md", "a00001.md")
    assert related_articles(corpus) == reference(corpus)


@pytest.mark.parametrize("budget", [0, 1, 3, 100_000])
def test_same_whether_frequent_terms_are_scanned_or_scored_at_once(
    budget: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(related, "SCAN_BUDGET", budget)
    for seed in range(4):
        corpus = skewed_corpus(seed, 300)
        assert related_articles(corpus) == reference(corpus)


@pytest.mark.parametrize(("window", "budget"), [(1, 16), (2, 0), (7, 16), (7, 1), (50, 3)])
def test_candidates_are_the_articles_nearest_in_order(
    window: int, budget: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(related, "RELATED_WINDOW", window)
    monkeypatch.setattr(related, "SCAN_BUDGET", budget)
    for seed in range(4):
        corpus = skewed_corpus(seed, 300)
        assert related_articles(corpus) == reference(corpus, window)


def test_an_article_outside_the_window_is_not_related(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(related, "RELATED_WINDOW", 4)
    corpus = [article(0, ["war"], ["kyiv"])]
    corpus += [article(n, ["sport"], []) for n in range(1, 8)]
    corpus.append(article(8, ["war"], ["kyiv"]))
    related_to = related_articles(corpus)
    assert related_to["a00000.md"] == ()
    assert related_to["a00008.md"] == ()
    monkeypatch.setattr(related, "RELATED_WINDOW", 8)
    assert related_articles(corpus)["a00008.md"] == ("a00000.md",)
