"""Does `digest topics --suggest` beat the topic rules? Leave-one-out on a site's tagged articles.

    python benchmarks/topic_suggest.py [PROJECT_DIR]

Each article whose front matter names its topics is hidden in turn: naive Bayes, trained on
the other tagged articles, proposes its likeliest topic; the rules in `data/topics.toml` give
theirs. Both are scored against the editors' topics (micro precision, recall and F1).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from digest.build import read_articles  # noqa: E402
from digest.config import load_config  # noqa: E402
from digest.enrich.suggest import suggest_topics  # noqa: E402
from digest.enrich.topic_rules import load_topic_rules, matching_topics  # noqa: E402


def scores(predicted: list[set[str]], gold: list[set[str]]) -> tuple[float, float, float]:
    """Micro precision, recall and F1 of predicted topic sets against gold ones."""
    hits = sum(len(p & g) for p, g in zip(predicted, gold, strict=True))
    made, wanted = sum(map(len, predicted)), sum(map(len, gold))
    precision, recall = hits / (made or 1), hits / (wanted or 1)
    return precision, recall, 2 * precision * recall / ((precision + recall) or 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("project", nargs="?", type=Path, default=ROOT)
    config = load_config(parser.parse_args().project)
    articles, _, _ = read_articles(config)
    rules, _ = load_topic_rules(config.root, config.topics.rules)
    tagged = [a for a in articles if a.topics_given]
    gold = [{t.name for t in a.topics} for a in tagged]
    bayes, by_rules = [], []
    for held, article in enumerate(tagged):
        others = [(a.title, a.text, gold[i]) for i, a in enumerate(tagged) if i != held]
        found = suggest_topics(others, [(article.key, article.title, article.text)])
        bayes.append({s.topic for s in found})
        matched = matching_topics(article.title, article.text, article.language, rules)
        by_rules.append({rule.name for rule in matched})
    print(f"{len(tagged)} tagged articles, leave-one-out")
    for name, predicted in (
        ("naive Bayes (top topic)", bayes),
        ("rules (data/topics.toml)", by_rules),
    ):
        precision, recall, f1 = scores(predicted, gold)
        print(f"  {name:26} P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}")


if __name__ == "__main__":
    main()
