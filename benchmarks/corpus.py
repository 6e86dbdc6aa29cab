"""A seeded corpus of news-like Markdown articles for benchmarks."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

TOPICS = [f"Topic {n}" for n in range(40)]
ACTORS = [f"Actor {n}" for n in range(400)]
WORDS = [
    "government",
    "minister",
    "said",
    "talks",
    "aid",
    "military",
    "support",
    "summit",
    "leaders",
    "agreed",
    "security",
    "council",
    "president",
    "country",
    "week",
    "region",
    "report",
    "officials",
    "border",
]


def write_corpus(folder: Path, count: int, seed: int = 7, words: int = 700) -> None:
    """Write `count` articles with YAML front matter into `folder/content/`."""
    rng = random.Random(seed)
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    start = date(2021, 1, 1)
    for number in range(count):
        day = start + timedelta(days=rng.randrange(3 * 365))
        topics = rng.sample(TOPICS, rng.randint(1, 3))
        actors = rng.sample(ACTORS, rng.randint(2, 6))
        paragraphs = [
            " ".join(rng.choice(WORDS) for _ in range(70)).capitalize() + "."
            for _ in range(words // 70)
        ]
        text = (
            f"---\ntitle: Article {number} about {actors[0]}\ndate: {day.isoformat()}\n"
            f"topics: [{', '.join(topics)}]\nactors: [{', '.join(actors)}]\n---\n\n"
            + "\n\n".join(paragraphs)
            + "\n"
        )
        (content / f"article-{number:06}.md").write_text(text, encoding="utf-8")
