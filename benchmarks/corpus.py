"""Seeded corpora of news articles for benchmarks.

`write_corpus` writes the simple corpus the older benchmarks use (random words, front matter).
`news_articles` generates a realistic one: ~700-word articles with paragraphs, headings,
block quotes, lists and links, each with 1–3 topics and 2–6 actors (people, countries,
organisations) that the text mentions; about a third are raw scraped text (no front matter,
topics found by the rules `write_topic_rules` writes), and a few are rewrites of an earlier
article, as wire copies are. `write_digest_project` and `write_hugo_content` write the same
articles for digest and for Hugo.
"""

from __future__ import annotations

import random
import re
from bisect import bisect
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from corpus_words import (
    ADJECTIVES,
    COUNTRIES,
    FIRST_NAMES,
    HEADINGS,
    LAST_NAMES,
    LINK_SITES,
    LIST_ITEMS,
    NOUNS,
    ORGANISATIONS,
    PLACES,
    PREDICATES,
    QUOTES,
    SUBJECTS,
    TITLES,
    TOPIC_PHRASES,
    VERBS,
)

START = datetime(2021, 1, 1, 6, 0)
DAYS = 3 * 365
RAW_SHARE = 0.3
REWRITE_SHARE = 0.03


@dataclass(frozen=True)
class Actor:
    """Someone or something an article is about, as the text names it."""

    name: str
    kind: str


@dataclass(frozen=True)
class Topic:
    """A topic and the lower-case phrases that articles about it use."""

    name: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Block:
    """One block of an article's body: `p`, `h2`, `quote` or `list` (one line per item).

    Text may hold Markdown links and emphasis; raw text renders them as plain words."""

    kind: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class NewsArticle:
    """A generated article, independent of how it is written to disk."""

    number: int
    title: str
    published: datetime
    author: str
    topics: tuple[Topic, ...]
    actors: tuple[Actor, ...]
    blocks: tuple[Block, ...]
    raw: bool

    @property
    def stem(self) -> str:
        return f"article-{self.number:06}"


TOPICS = tuple(Topic(name, phrases) for name, phrases in TOPIC_PHRASES)
PEOPLE = tuple(Actor(f"{first} {last}", "person") for last in LAST_NAMES for first in FIRST_NAMES)


class Weighted:
    """Draws from a sequence with Zipf-like weights: a few very common, a long tail."""

    def __init__(self, items: Sequence[Actor] | Sequence[Topic], exponent: float) -> None:
        self.items = items
        self.cumulative = list(accumulate(1 / (rank + 1) ** exponent for rank in range(len(items))))

    def draw(self, rng: random.Random) -> Actor | Topic:
        return self.items[bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def distinct(self, rng: random.Random, count: int) -> list:
        chosen: dict[Actor | Topic, None] = {}
        while len(chosen) < count:
            chosen[self.draw(rng)] = None
        return list(chosen)


_SLOT = re.compile(r"\{(\w)\}")
_WORDS = {"j": ADJECTIVES, "o": NOUNS, "v": VERBS, "w": PLACES}


class _Writer:
    """Composes articles from one random stream, so that a seed fixes the whole corpus."""

    def __init__(self, seed: int, words: int) -> None:
        self.rng = random.Random(seed)
        self.words = words
        self.countries = Weighted([Actor(name, "country") for name in COUNTRIES], 0.9)
        self.organisations = Weighted([Actor(name, "organisation") for name in ORGANISATIONS], 0.9)
        self.people = Weighted(PEOPLE, 0.6)
        self.topics = Weighted(TOPICS, 0.7)
        self.titles: set[str] = set()
        self.recent: deque[NewsArticle] = deque(maxlen=20)

    def article(self, number: int) -> NewsArticle:
        rng = self.rng
        if self.recent and rng.random() < REWRITE_SHARE:
            made = self.rewrite(number, rng.choice(self.recent))
        else:
            made = self.fresh(number)
        self.recent.append(made)
        return made

    def fresh(self, number: int) -> NewsArticle:
        rng = self.rng
        topics = tuple(self.topics.distinct(rng, rng.randint(1, 3)))
        actors = tuple(self.actors(rng.randint(2, 6)))
        published = START + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(14 * 60))
        return NewsArticle(
            number=number,
            title=self.title(actors, topics),
            published=published,
            author=self.person_name(),
            topics=topics,
            actors=actors,
            blocks=tuple(self.body(actors, topics)),
            raw=rng.random() < RAW_SHARE,
        )

    def rewrite(self, number: int, original: NewsArticle) -> NewsArticle:
        """Another outlet's version of `original`: a day or two later, one paragraph new."""
        rng = self.rng
        blocks = list(original.blocks)
        changed = rng.randrange(len(blocks))
        blocks[changed] = Block("p", (self.paragraph(original.actors, original.topics),))
        return replace(
            original,
            number=number,
            title=self.title(original.actors, original.topics),
            published=original.published + timedelta(hours=rng.randint(2, 48)),
            author=self.person_name(),
            blocks=tuple(blocks),
            raw=rng.random() < RAW_SHARE,
        )

    def actors(self, count: int) -> list[Actor]:
        """A country first (most news has one), then countries, organisations and people."""
        rng = self.rng
        chosen: dict[Actor, None] = {self.countries.draw(rng): None}
        while len(chosen) < count:
            pool = rng.choices((self.countries, self.organisations, self.people), (2, 2, 3))[0]
            chosen[pool.draw(rng)] = None
        return list(chosen)

    def person_name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def title(self, actors: Sequence[Actor], topics: Sequence[Topic]) -> str:
        """A headline no earlier article has (two would share a slug on one day)."""
        rng = self.rng
        while True:
            title = rng.choice(TITLES).format(
                a=actors[0].name,
                b=actors[rng.randrange(1, len(actors))].name,
                p=rng.choice(topics[0].phrases),
                n=rng.randint(2, 900),
            )
            if title not in self.titles:
                self.titles.add(title)
                return title[0].upper() + title[1:]

    def sentence(self, actors: Sequence[Actor], topics: Sequence[Topic]) -> str:
        """A subject and a predicate, each slot filled anew."""
        rng = self.rng
        template = f"{rng.choice(SUBJECTS)} {rng.choice(PREDICATES)}."
        text = _SLOT.sub(lambda slot: self.fill(slot[1], actors, topics), template)
        return text[0].upper() + text[1:]

    def fill(self, slot: str, actors: Sequence[Actor], topics: Sequence[Topic]) -> str:
        rng = self.rng
        if slot == "a":
            return rng.choice(actors).name
        if slot == "p":
            return rng.choice(rng.choice(topics).phrases)
        if slot == "n":
            return str(rng.randint(2, 900))
        return rng.choice(_WORDS[slot])

    def paragraph(self, actors: Sequence[Actor], topics: Sequence[Topic]) -> str:
        return " ".join(self.sentence(actors, topics) for _ in range(self.rng.randint(3, 5)))

    def body(self, actors: Sequence[Actor], topics: Sequence[Topic]) -> Iterator[Block]:
        """Paragraphs up to the length wanted; every actor and topic named early on."""
        rng = self.rng
        lead = ", ".join(a.name for a in actors[1:])
        phrases = ", ".join(t.phrases[0] for t in topics)
        yield Block("p", (f"{actors[0].name} met {lead} this week to discuss {phrases}.",))
        yield Block("p", (f"The discussion of {phrases} is set to continue next week.",))
        written = 30
        extras = self.extras(actors, topics)
        while written < self.words:
            if extras and rng.random() < 0.3:
                block = extras.pop()
            else:
                block = Block("p", (self.paragraph(actors, topics),))
            written += sum(len(line.split()) for line in block.lines)
            yield block

    def extras(self, actors: Sequence[Actor], topics: Sequence[Topic]) -> list[Block]:
        """A heading, a quote, a list and a link paragraph, each in some articles only."""
        rng = self.rng
        blocks = []
        people = [a for a in actors if a.kind == "person"] or [actors[0]]
        if rng.random() < 0.6:
            quote = rng.choice(QUOTES).format(p=topics[0].phrases[0])
            blocks.append(Block("quote", (f"“{quote}”, said {rng.choice(people).name}.",)))
        if rng.random() < 0.5:
            items = rng.sample(LIST_ITEMS, rng.randint(3, 5))
            blocks.append(Block("list", tuple(i.format(p=topics[-1].phrases[-1]) for i in items)))
        if rng.random() < 0.5:
            blocks.append(Block("h2", (rng.choice(HEADINGS).format(a=actors[0].name),)))
        site, path = rng.choice(LINK_SITES)
        link = f"[the {site} website](https://{path}/{rng.randint(1, 99999)})"
        blocks.append(
            Block(
                "p",
                (
                    f"The full statement is on {link}, and *earlier reports* on "
                    f"{topics[0].phrases[0]} are in our archive.",
                ),
            )
        )
        rng.shuffle(blocks)
        return blocks


def news_articles(count: int, seed: int = 7, words: int = 700) -> Iterator[NewsArticle]:
    """`count` generated articles; the same seed gives the same articles."""
    writer = _Writer(seed, words)
    return (writer.article(number) for number in range(count))


_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def plain(text: str) -> str:
    """Markdown inline text as a scraper would have it: links and emphasis as their words."""
    return _LINK.sub(r"\1", text).replace("*", "")


def markdown_body(article: NewsArticle) -> str:
    """The article's body as Markdown."""
    parts = []
    for block in article.blocks:
        if block.kind == "h2":
            parts.append(f"## {block.lines[0]}")
        elif block.kind == "quote":
            parts.append(f"> {block.lines[0]}")
        elif block.kind == "list":
            parts.append("\n".join(f"- {line}" for line in block.lines))
        else:
            parts.append(block.lines[0])
    return "\n\n".join(parts) + "\n"


def raw_body(article: NewsArticle) -> str:
    """The article's body as a scraper saves it: one paragraph per block, no markup."""
    return "\n\n".join(plain(" ".join(block.lines)) for block in article.blocks) + "\n"


def _yaml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def front_matter(article: NewsArticle, extra: Sequence[str] = ()) -> str:
    """YAML front matter naming the article's title, date, author, topics and actors."""
    lines = [
        "---",
        f'title: "{article.title}"',
        f"date: {article.published.isoformat()}",
        f'author: "{article.author}"',
        f"topics: {_yaml_list(t.name for t in article.topics)}",
        f"actors: {_yaml_list(a.name for a in article.actors)}",
        *extra,
        "---",
        "",
    ]
    return "\n".join(lines)


def raw_text(article: NewsArticle) -> str:
    """The article as scraped text: (language switcher,) title, author, date, paragraphs."""
    switcher = "ua en ru\n\n" if article.number % 2 else ""
    when = article.published
    dated = f"{when.day} {when:%B %Y}, {when:%H:%M}"
    return f"{switcher}{article.title}\n\nAuthor: {article.author}\n{dated}\n\n{raw_body(article)}"


def digest_file(article: NewsArticle) -> tuple[str, str]:
    """The file name and text of the article in a digest project."""
    if article.raw:
        return f"{article.stem}.txt", raw_text(article)
    return f"{article.stem}.md", front_matter(article) + "\n" + markdown_body(article)


def hugo_file(article: NewsArticle) -> str:
    """The article as a Hugo page: raw text becomes Markdown paragraphs, with front matter
    that names what digest would find in it (Hugo cannot read raw text)."""
    when = article.published
    archive = [f'days: ["{when:%Y-%m-%d}"]', f'months: ["{when:%Y-%m}"]', f'years: ["{when:%Y}"]']
    body = raw_body(article) if article.raw else markdown_body(article)
    return front_matter(article, archive) + "\n" + body


DIGEST_CONFIG = """title = "Benchmark Digest"
base_url = "https://example.org/"
"""


def write_topic_rules(path: Path) -> None:
    """`data/topics.toml`: each topic found by its phrases (for the raw articles)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rules = [
        f'[[topic]]\nname = "{t.name}"\nphrases.en = {_yaml_list(t.phrases)}\n' for t in TOPICS
    ]
    path.write_text("threshold = 2.0\n\n" + "\n".join(rules), encoding="utf-8")


def write_digest_project(folder: Path, articles: Iterable[NewsArticle]) -> list[NewsArticle]:
    """A digest project in `folder`: digest.toml, topic rules and content/. Returns the
    articles written, for later edits."""
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    (folder / "digest.toml").write_text(DIGEST_CONFIG, encoding="utf-8")
    write_topic_rules(folder / "data" / "topics.toml")
    written = []
    for article in articles:
        name, text = digest_file(article)
        (content / name).write_text(text, encoding="utf-8")
        written.append(article)
    return written


def write_hugo_content(content: Path, articles: Iterable[NewsArticle]) -> None:
    """The same articles as Hugo pages in `content/articles/`."""
    folder = content / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article.stem}.md").write_text(hugo_file(article), encoding="utf-8")


LEGACY_TOPICS = [f"Topic {n}" for n in range(40)]
LEGACY_ACTORS = [f"Actor {n}" for n in range(400)]
LEGACY_WORDS = (
    "government minister said talks aid military support summit leaders agreed security "
    "council president country week region report officials border"
).split()


def write_corpus(folder: Path, count: int, seed: int = 7, words: int = 700) -> None:
    """Write `count` articles of random words with YAML front matter into `folder/content/`."""
    rng = random.Random(seed)
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    start = date(2021, 1, 1)
    for number in range(count):
        day = start + timedelta(days=rng.randrange(3 * 365))
        topics = rng.sample(LEGACY_TOPICS, rng.randint(1, 3))
        actors = rng.sample(LEGACY_ACTORS, rng.randint(2, 6))
        paragraphs = [
            " ".join(rng.choice(LEGACY_WORDS) for _ in range(70)).capitalize() + "."
            for _ in range(words // 70)
        ]
        text = (
            f"---\ntitle: Article {number} about {actors[0]}\ndate: {day.isoformat()}\n"
            f"topics: [{', '.join(topics)}]\nactors: [{', '.join(actors)}]\n---\n\n"
            + "\n\n".join(paragraphs)
            + "\n"
        )
        (content / f"article-{number:06}.md").write_text(text, encoding="utf-8")
