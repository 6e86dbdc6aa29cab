"""Time `related_articles` on seeded synthetic term sets with news-like skew.

`python benchmarks/related_speed.py --articles 5000 20000` draws, for each article, 1–3
topics (Zipf over 40, the first in ~35% of articles) and 2–6 actors: "ukraine" in 31%,
a few in 10–20%, then a Zipf tail over 3,000 people and organisations; articles are newest
first. It prints the seconds `related_articles` takes (best of `--runs`) and how many
articles per second that is.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digest.model import Article, Term
from digest.site.related import related_articles

FREQUENT_ACTORS = {"ukraine": 0.31, "russia": 0.2, "usa": 0.15, "china": 0.1, "eu": 0.1}
TAIL_ACTORS = 3000
TOPICS = 40


def _zipf(count: int, exponent: float) -> list[float]:
    return list(accumulate(1 / (rank + 1) ** exponent for rank in range(count)))


def synthetic_articles(count: int, seed: int = 1) -> list[Article]:
    """`count` articles with only their keys, topics and actors set, newest first."""
    rng = random.Random(seed)
    topics = [f"topic-{n}" for n in range(TOPICS)]
    tail = [f"actor-{n}" for n in range(TAIL_ACTORS)]
    topic_weights, tail_weights = _zipf(TOPICS, 0.7), _zipf(TAIL_ACTORS, 0.9)
    when = datetime(2024, 1, 1, tzinfo=UTC)
    articles = []
    for number in range(count):
        chosen_topics = set(rng.choices(topics, cum_weights=topic_weights, k=rng.randint(1, 3)))
        actors = {slug for slug, share in FREQUENT_ACTORS.items() if rng.random() < share}
        while len(actors) < rng.randint(2, 6):
            actors.add(rng.choices(tail, cum_weights=tail_weights)[0])
        articles.append(
            Article(
                key=f"a{number:06d}.md",
                source_path=f"a{number:06d}.md",
                title="",
                date=when,
                slug=f"a{number}",
                body_html="",
                language="en",
                topics=tuple(Term(slug, slug) for slug in sorted(chosen_topics)),
                actors=tuple(Term(slug, slug) for slug in sorted(actors)),
            )
        )
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[5000, 20000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for count in args.articles:
        articles = synthetic_articles(count)
        best = float("inf")
        for _ in range(args.runs):
            start = time.perf_counter()
            related_articles(articles)
            best = min(best, time.perf_counter() - start)
        print(f"{count:>7} articles: {best:8.3f} s  ({count / best:,.0f} articles/s)")


if __name__ == "__main__":
    main()
