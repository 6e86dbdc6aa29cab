"""Topic rules, `data/topics.toml`: phrases per language that give an article a topic.

```toml
threshold = 2.0                      # default score a topic needs

[[topic]]
name = "Military aid"
names = { uk = "Військова допомога", ru = "Военная помощь" }   # shown in those editions
threshold = 3.0                      # optional, for this topic
phrases.en = ["military aid", "ammunition", "air defence"]    # weight 1 each
phrases.uk = { "військова допомога" = 2, "боєприпаси" = 1 }   # or weighted
```
A phrase found in the title counts twice. Ukrainian and Russian phrases match inflected forms.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from digest.config import line_of_value, toml_problem
from digest.errors import Problem

DEFAULT_THRESHOLD = 2.0
TITLE_WEIGHT = 2
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


@dataclass(frozen=True)
class TopicRule:
    """One topic: its name, display names per language, weighted phrases per language."""

    name: str
    phrases: tuple[tuple[str, str, float], ...]
    """(language, phrase, weight)."""
    names: tuple[tuple[str, str], ...] = ()
    threshold: float = DEFAULT_THRESHOLD

    def name_in(self, language: str) -> str:
        return next((n for lang, n in self.names if lang == language), self.name)


def load_topic_rules(root: Path, configured: str) -> tuple[tuple[TopicRule, ...], list[Problem]]:
    """Read `data/topics.toml`; a malformed rule is a problem and is left out."""
    path = root / configured
    if not path.is_file():
        return (), []
    shown = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return (), [toml_problem(shown, error, 1, text)]
    default = data.get("threshold", DEFAULT_THRESHOLD)
    rules, problems = [], []
    for entry in data.get("topic", []):
        rule = _read_rule(entry, default)
        if isinstance(rule, str):
            name = entry.get("name") if isinstance(entry, dict) else None
            line = line_of_value(text, name) if isinstance(name, str) else None
            problems.append(Problem(shown, line, rule))
        else:
            rules.append(rule)
    return tuple(rules), problems


def _read_rule(entry: Any, default: float) -> TopicRule | str:
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        return "every [[topic]] needs a `name`"
    name = entry["name"]
    unknown = set(entry) - {"name", "names", "threshold", "phrases"}
    if unknown:
        known = "name, names, threshold, phrases"
        return f"{name}: unknown key `{sorted(unknown)[0]}` (known: {known})"
    phrases = []
    for language, listed in entry.get("phrases", {}).items():
        weighted = listed if isinstance(listed, dict) else dict.fromkeys(listed, 1.0)
        for phrase, weight in weighted.items():
            if not isinstance(phrase, str) or not isinstance(weight, int | float):
                return f"{name}: phrases are text, with numbers as weights"
            phrases.append((language, phrase, float(weight)))
    names = entry.get("names", {})
    if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
        return f"{name}: `names` maps a language to a name"
    threshold = entry.get("threshold", default)
    if not isinstance(threshold, int | float):
        return f"{name}: `threshold` must be a number"
    return TopicRule(name, tuple(phrases), tuple(names.items()), float(threshold))


def matching_topics(
    title: str, text: str, language: str, rules: tuple[TopicRule, ...]
) -> list[TopicRule]:
    """The rules whose phrases score at least their threshold in this article."""
    index = _phrase_index(rules, language)
    if not index:
        return []
    normalise = _normaliser(language)
    scores = [0.0] * len(rules)
    for words, factor in (
        (_WORD.findall(title.lower()), TITLE_WEIGHT),
        (_WORD.findall(text.lower()), 1),
    ):
        words = [normalise(w) for w in words]
        for position, word in enumerate(words):
            for phrase, rule, weight in index.get(word, ()):
                if len(phrase) == 1 or tuple(words[position : position + len(phrase)]) == phrase:
                    scores[rule] += factor * weight
    return [rule for rule, score in zip(rules, scores, strict=True) if score >= rule.threshold]


@cache
def _phrase_index(
    rules: tuple[TopicRule, ...], language: str
) -> dict[str, list[tuple[tuple[str, ...], int, float]]]:
    """First word of each phrase in this language → (phrase, rule number, weight)."""
    normalise = _normaliser(language)
    index: dict[str, list[tuple[tuple[str, ...], int, float]]] = {}
    for number, rule in enumerate(rules):
        for lang, phrase, weight in rule.phrases:
            words = tuple(normalise(w) for w in _WORD.findall(phrase.lower()))
            if lang == language and words:
                index.setdefault(words[0], []).append((words, number, weight))
    return index


@cache
def _normaliser(language: str) -> Callable[[str], str]:
    """Lemmas for Ukrainian and Russian (inflected forms match), plain English plurals."""
    if language in ("uk", "ru"):
        from digest.enrich.slavic import lemma_normaliser

        return lemma_normaliser(language)
    return _english_singular


@lru_cache(maxsize=65536)
def _english_singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word
