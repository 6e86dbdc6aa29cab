"""Actor and topic detection speed on 700-word English articles, one core.

    python benchmarks/detect_speed.py [--articles 1000]

The articles are made of paragraphs of the sample site's own (English) articles, shuffled with
a fixed seed, so the text has the names, roles and organisations of real news. Target: at
least 500 articles per second.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.build import read_articles  # noqa: E402
from digest.config import load_config  # noqa: E402
from digest.enrich.actors import ActorRules, detect_actors  # noqa: E402
from digest.enrich.topic_rules import load_topic_rules, matching_topics  # noqa: E402

WORDS_PER_ARTICLE = 700


def corpus(count: int, seed: int = 11) -> list[tuple[str, str]]:
    """(title, text) pairs of about 700 words from the sample site's paragraphs."""
    articles, _, _, _ = read_articles(load_config(ROOT))
    paragraphs = [p for a in articles for p in a.text.split("\n\n") if len(p.split()) > 15]
    titles = [a.title for a in articles]
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        chosen: list[str] = []
        while sum(len(p.split()) for p in chosen) < WORDS_PER_ARTICLE:
            chosen.append(rng.choice(paragraphs))
        made.append((rng.choice(titles), "\n\n".join(chosen)))
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    count = parser.parse_args().articles
    articles = corpus(count)
    rules = ActorRules()
    topic_rules, _ = load_topic_rules(ROOT, "data/topics.toml")
    detect_actors(*articles[0], "en", rules)  # load data once, outside the timing
    start, cpu = time.perf_counter(), time.process_time()
    for title, text in articles:
        detect_actors(title, text, "en", rules)
        matching_topics(title, text, "en", topic_rules)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    words = sum(len(text.split()) for _, text in articles)
    print(
        f"{count} articles ({words / count:.0f} words each): {seconds:.2f} s wall, "
        f"{cpu:.2f} s CPU, {count / cpu:.0f} articles per CPU second on one core (target ≥ 500)"
    )


if __name__ == "__main__":
    main()
