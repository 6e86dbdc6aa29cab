"""`digest topics --suggest`: topics for untagged articles, learnt from the site's tagged ones.

A multinomial naive Bayes classifier over the words of title and body: small, deterministic,
and trained on the editors' own choices, so it speaks the site's topic vocabulary.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_WORD = re.compile(r"[^\W\d_]{3,}")
TITLE_WEIGHT = 3


@dataclass(frozen=True)
class Suggestion:
    """A topic proposed for an article, with the classifier's probability for it."""

    key: str
    topic: str
    probability: float


def features(title: str, text: str) -> Counter[str]:
    words = Counter(w.lower() for w in _WORD.findall(text))
    for word in _WORD.findall(title):
        words[word.lower()] += TITLE_WEIGHT
    return words


class TopicClassifier:
    """Naive Bayes with add-one smoothing; each article counts once per topic it has."""

    def __init__(self, examples: Iterable[tuple[Counter[str], Iterable[str]]]) -> None:
        self.word_counts: dict[str, Counter[str]] = {}
        self.documents: Counter[str] = Counter()
        vocabulary: set[str] = set()
        for words, topics in examples:
            for topic in topics:
                self.documents[topic] += 1
                self.word_counts.setdefault(topic, Counter()).update(words)
            vocabulary.update(words)
        self.vocabulary = len(vocabulary) or 1
        self.totals = {topic: sum(c.values()) for topic, c in self.word_counts.items()}

    def probabilities(self, words: Counter[str]) -> dict[str, float]:
        """Each topic's probability for these words (they sum to 1)."""
        if not self.documents:
            return {}
        total = sum(self.documents.values())
        logs = {}
        for topic, count in self.documents.items():
            counts, size = self.word_counts[topic], self.totals[topic] + self.vocabulary
            logs[topic] = math.log(count / total) + sum(
                n * math.log((counts[w] + 1) / size) for w, n in words.items()
            )
        top = max(logs.values())
        exp = {topic: math.exp(value - top) for topic, value in logs.items()}
        norm = sum(exp.values())
        return {topic: value / norm for topic, value in exp.items()}


def suggest_topics(
    tagged: Iterable[tuple[str, str, Iterable[str]]],
    untagged: Iterable[tuple[str, str, str]],
    minimum: float = 0.5,
) -> list[Suggestion]:
    """For each (key, title, text) without topics, the likeliest topic learnt from (title, text,
    topics) examples, when its probability is at least `minimum`."""
    model = TopicClassifier((features(title, text), topics) for title, text, topics in tagged)
    found = []
    for key, title, text in untagged:
        scores = model.probabilities(features(title, text))
        if scores:
            topic = min(scores, key=lambda t: (-scores[t], t))
            if scores[topic] >= minimum:
                found.append(Suggestion(key, topic, round(scores[topic], 3)))
    return found
