"""Time story grouping on a seeded corpus with planted rewrites and copies.

`python benchmarks/stories_speed.py --articles 10000` generates ~700-word articles from a
Zipf-weighted random vocabulary spread over a year, plus rewrites (10–30% of the sentences
reworded, half-reworded or moved) and exact copies of other articles published within two
days, times `group_stories`, and prints articles/s, the recall of the planted pairs and the
precision of the groups found.
"""

from __future__ import annotations

import argparse
import random
import string
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from digest.enrich.stories import Story, StorySettings, StoryText, group_stories

YEAR = 365 * 86400.0
DAY = 86400.0
START = 1_704_067_200.0  # 2024-01-01T00:00:00Z


@dataclass(frozen=True)
class Planted:
    """A generated article and the original it was derived from (itself for originals)."""

    text: StoryText
    origin: str
    kind: str  # "original", "rewrite" or "copy"


@dataclass(frozen=True)
class Writer:
    """Random sentences over a Zipf-weighted vocabulary."""

    rng: random.Random
    words: tuple[str, ...]
    weights: tuple[float, ...]

    def sentence(self) -> list[str]:
        """One sentence of 8–24 words."""
        return self.rng.choices(self.words, cum_weights=self.weights, k=self.rng.randint(8, 24))

    def word(self) -> str:
        """One word."""
        return self.rng.choices(self.words, cum_weights=self.weights)[0]

    def body(self, length: int) -> list[list[str]]:
        """Sentences adding up to about `length` words."""
        sentences: list[list[str]] = []
        while sum(map(len, sentences)) < length:
            sentences.append(self.sentence())
        return sentences

    def title(self) -> str:
        """A headline of 6–10 words."""
        return " ".join(self.sentence()[: self.rng.randint(6, 10)]).capitalize()


def vocabulary(rng: random.Random, size: int) -> tuple[str, ...]:
    """`size` distinct pseudo-words of 2–10 letters."""
    found: set[str] = set()
    while len(found) < size:
        found.add("".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 10))))
    return tuple(sorted(found))


def writer(rng: random.Random, size: int = 5000) -> Writer:
    """A writer whose word frequencies follow Zipf's law, as in real text."""
    cumulative, total = [], 0.0
    for rank in range(1, size + 1):
        total += 1.0 / rank
        cumulative.append(total)
    return Writer(rng, vocabulary(rng, size), tuple(cumulative))


def render(sentences: list[list[str]]) -> str:
    """Sentences as plain text paragraphs of five sentences."""
    lines = [" ".join(words).capitalize() + "." for words in sentences]
    return "\n\n".join(" ".join(lines[i : i + 5]) for i in range(0, len(lines), 5))


def rewrite(pen: Writer, sentences: list[list[str]]) -> list[list[str]]:
    """The same sentences with 10–30% of them reworded, half reworded or moved."""
    rng = pen.rng
    result = [list(s) for s in sentences]
    chosen = rng.sample(range(len(result)), max(1, round(len(result) * rng.uniform(0.1, 0.3))))
    for index in chosen:
        roll = rng.random()
        if roll < 0.4:
            result[index] = pen.sentence()
        elif roll < 0.8:
            result[index] = [w if rng.random() < 0.5 else pen.word() for w in result[index]]
        else:
            result.insert(rng.randrange(len(result)), result.pop(index))
    return result


def originals(pen: Writer, count: int) -> list[tuple[StoryText, list[list[str]]]]:
    """`count` articles of 650–750 words published at random times within a year."""
    rng = pen.rng
    found = []
    for number in range(count):
        sentences = pen.body(rng.randint(650, 750))
        text = StoryText(
            f"a{number:06}", START + rng.random() * YEAR, pen.title(), render(sentences)
        )
        found.append((text, sentences))
    return found


def derived(
    pen: Writer, sources: list[tuple[StoryText, list[list[str]]]], kind: str
) -> list[Planted]:
    """A rewrite (new title, within two days) or an exact copy (within a day) of each source."""
    rng = pen.rng
    made = []
    for number, (source, sentences) in enumerate(sources):
        if kind == "rewrite":
            title, body, delay = pen.title(), render(rewrite(pen, sentences)), 2 * DAY
        else:
            title, body, delay = source.title, source.text, DAY
        text = StoryText(
            f"{kind[0]}{number:06}", source.published + rng.random() * delay, title, body
        )
        made.append(Planted(text, source.key, kind))
    return made


def corpus(count: int, seed: int) -> list[Planted]:
    """`count` articles: ~93% originals, ~5% rewrites and ~2% exact copies of originals."""
    rng = random.Random(seed)
    pen = writer(rng)
    copies, rewrites = count * 2 // 100, count * 5 // 100
    sources = originals(pen, count - copies - rewrites)
    planted = [Planted(text, text.key, "original") for text, _ in sources]
    planted += derived(pen, rng.sample(sources, rewrites), "rewrite")
    planted += derived(pen, rng.sample(sources, copies), "copy")
    rng.shuffle(planted)
    return planted


def pairs(count: int) -> int:
    """Unordered pairs among `count` items."""
    return count * (count - 1) // 2


def report(planted: list[Planted], stories: tuple[Story, ...]) -> None:
    """Print recall of the planted pairs, duplicate detection and precision of the groups."""
    story_of = {key: story.id for story in stories for key in story.keys}
    copied = {key: original for story in stories for key, original in story.duplicates.items()}
    for kind in ("rewrite", "copy"):
        derived = [p for p in planted if p.kind == kind]
        found = sum(story_of.get(p.text.key, "-") == story_of.get(p.origin) for p in derived)
        flagged = sum(copied.get(p.text.key) == p.origin for p in derived)
        print(
            f"  {kind:8} pairs: {found}/{len(derived)} grouped ({found / len(derived):.1%}),"
            f" {flagged} marked duplicate"
        )
    origin = {p.text.key: p.origin for p in planted}
    grouped = same = mixed = 0
    for story in stories:
        counts: dict[str, int] = {}
        for key in story.keys:
            counts[origin[key]] = counts.get(origin[key], 0) + 1
        grouped += pairs(len(story.keys))
        same += sum(pairs(c) for c in counts.values())
        mixed += len(counts) > 1
    largest = max((len(s.keys) for s in stories), default=0)
    print(f"  stories: {len(stories)}, largest {largest} articles, {mixed} mixing originals")
    print(f"  pair precision: {same}/{grouped} ({same / max(grouped, 1):.1%})")


def measure(count: int, seed: int, settings: StorySettings) -> None:
    """Generate, group (timed) and report."""
    planted = corpus(count, seed)
    texts = [p.text for p in planted]
    start, cpu = time.perf_counter(), time.process_time()
    stories = group_stories(texts, settings)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{count} articles: {seconds:.2f} s ({cpu:.2f} s CPU), {count / seconds:,.0f} articles/s")
    report(planted, stories)


def main() -> None:
    """Parse the arguments and measure each corpus size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[10_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--similarity", type=float, default=StorySettings.similarity)
    parser.add_argument("--num-perm", type=int, default=StorySettings.num_perm)
    arguments = parser.parse_args()
    settings = StorySettings(similarity=arguments.similarity, num_perm=arguments.num_perm)
    for count in arguments.articles:
        measure(count, arguments.seed, settings)


if __name__ == "__main__":
    main()
