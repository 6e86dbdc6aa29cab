"""The values a build passes between stages: frozen, and linked by key, never by back-pointer."""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from markupsafe import Markup

PACK_LEVEL = 1
"""zlib's fastest level: a body packs to a third of its UTF-8 size (a sixth of its size as a
`str`, which holds any curly quote's text in two bytes per character) in 50 µs."""


class PackedText:
    """Text kept compressed until it is read (`str(packed)`): an article's body and plain text
    are most of what a large build holds in memory, and each is read by one page or none.

    Equal texts pack to equal bytes, so packed texts compare, hash, pickle and digest by them.
    Any `str` packs and reads back as it was, lone surrogates included.
    """

    __slots__ = ("packed",)

    def __init__(self, text: str) -> None:
        self.packed = zlib.compress(text.encode("utf-8", "surrogatepass"), PACK_LEVEL)

    def __str__(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")

    def __bool__(self) -> bool:
        return self.packed != _PACKED_NOTHING

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.packed == self.packed  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash(self.packed)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({str(self)[:40]!r}…)"


class PackedMarkup(PackedText):
    """Safe HTML kept compressed; unpacked, it is `Markup`."""

    __slots__ = ()

    def __html__(self) -> Markup:
        return self.unpacked()

    def unpacked(self) -> Markup:
        return Markup(str(self))


_PACKED_NOTHING = zlib.compress(b"", PACK_LEVEL)


@dataclass(frozen=True)
class Source:
    """One file read from `content/`, decoded to text with LF line endings."""

    path: str
    """Project-relative POSIX path, used in messages (`content/2024/story.md`)."""
    content_path: str
    """Path relative to the content folder (`2024/story.md`); the article's key."""
    text: str
    encoding: str = "utf-8"
    mtime: float = 0.0


@dataclass(frozen=True, order=True)
class Term:
    """An article's reference to a topic or an actor: the slug links, the name is shown."""

    slug: str
    name: str
    kind: str = ""
    """For actors: person, country, organisation or group, when known."""


@dataclass(frozen=True)
class TextSignature:
    """What story grouping compares of an article's title and text, worked out once with the
    article (`digest.enrich.stories.sign_text`): the sorted unique hashes of its word
    shingles (their low 32 bits) and its MinHash, as raw bytes (unsigned 32-bit integers). A
    text too short to join a story has few or no shingles."""

    shingles: bytes = field(repr=False)
    minhash: bytes = field(repr=False)
    shingle: int = 3
    """Words per shingle."""


@dataclass(frozen=True)
class Article:
    """One parsed article. `key` is its content path, unique within a build."""

    key: str
    source_path: str
    title: str
    date: datetime
    slug: str
    body_html: str | PackedMarkup
    """The body as safe HTML (a `Markup` when parsing made it, packed once enriched in a
    build: `packed`)."""
    language: str
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    source_name: str = ""
    source_url: str = ""
    topics: tuple[Term, ...] = ()
    actors: tuple[Term, ...] = ()
    summary: str = ""
    image: str = ""
    image_caption: str = ""
    image_credit: str = ""
    draft: bool = False
    word_count: int = 0
    reading_time: int = 1
    translation_key: str = ""
    """Front matter's `translation_key`: articles sharing it are translations of each other."""
    translation_of: str = ""
    """Front matter's `translation_of`: the translation key or content path of the original."""
    translation_line: int | None = None
    """The front-matter line of `translation_of` (else `translation_key`), for messages."""
    text: str | PackedText = field(default="", repr=False)
    """The body as plain text, blocks separated by blank lines: what detection reads (packed
    once enriched in a build: `packed`)."""
    topics_given: bool = False
    """True when front matter named the topics; False when folder or rules found them."""
    main_actors: tuple[str, ...] = ()
    """Slugs of the actors the article is about; its other actors are only mentioned."""
    excluded_actors: tuple[str, ...] = ()
    """Names front matter removed (`actors_exclude:`), kept until detection has run."""
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    """Front-matter fields digest does not know, passed to templates as they are."""
    signature: TextSignature | None = field(default=None, repr=False)
    """Its title and text signed for story grouping, when enriching did it."""


def packed(article: Article) -> Article:
    """The article with its body and plain text packed (`PackedText`), as a build holds it."""
    if isinstance(article.body_html, PackedMarkup) and isinstance(article.text, PackedText):
        return article
    return replace(
        article,
        body_html=PackedMarkup(str(article.body_html)),
        text=PackedText(str(article.text)),
    )


@dataclass(frozen=True)
class Topic:
    """What articles are about; `articles` are keys, newest first."""

    slug: str
    name: str
    articles: tuple[str, ...]


@dataclass(frozen=True)
class ActorProfile:
    """What the registry (`data/actors.toml`) says about an actor, for its page."""

    description: str = ""
    role: str = ""
    image: str = ""
    wikidata: str = ""


@dataclass(frozen=True)
class Actor:
    """Who articles are about: a person, country, organisation or group.

    `articles` lists the articles about the actor first, then those that only mention it,
    each part newest first; `about` counts the first part.
    """

    slug: str
    name: str
    articles: tuple[str, ...]
    kind: str = ""
    about: int = 0
    profile: ActorProfile = ActorProfile()


@dataclass(frozen=True)
class Edition:
    """One day of the digest: the articles published that day, newest first."""

    day: date
    articles: tuple[str, ...]


@dataclass(frozen=True)
class Story:
    """One event reported by several articles; `articles` are keys, earliest first.

    `duplicates` maps a copy (the same text published again) to the article it copies.
    """

    id: str
    articles: tuple[str, ...]
    duplicates: Mapping[str, str] = field(default_factory=dict)

    @property
    def sources(self) -> int:
        """How many different articles (copies not counted) report the story."""
        return len(self.articles) - len(self.duplicates)


@dataclass(frozen=True)
class Translations:
    """Articles that are one another's translations, linked by translation key."""

    groups: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Translation key → {language: article key}, the site's languages in order; only keys
    with two or more languages."""
    group_of: Mapping[str, str] = field(default_factory=dict)
    """Article key → its translation key, for the articles in `groups`."""

    def of(self, key: str) -> Mapping[str, str]:
        """{language: article key} of the article `key` and its translations; empty if none."""
        group = self.group_of.get(key)
        return self.groups[group] if group is not None else {}


@dataclass(frozen=True)
class Site:
    """Everything collected from the articles, ready to render. Maps are keyed by slug or key."""

    articles: Mapping[str, Article]
    """Every published article by key, in display order: newest first."""
    paths: Mapping[str, str]
    """Each article's site path (`2024/02/28/slug/`) by key."""
    days: Mapping[str, date]
    """Each article's edition day, in the site's time zone, by key."""
    topics: Mapping[str, Topic]
    actors: Mapping[str, Actor]
    editions: tuple[Edition, ...]
    """Newest day first."""
    related: Mapping[str, tuple[str, ...]]
    """For each article key, the keys of the articles most like it."""
    listed: tuple[str, ...] = ()
    """The articles listings show, newest first: all but copies of other articles."""
    stories: Mapping[str, Story] = field(default_factory=dict)
    story_of: Mapping[str, str] = field(default_factory=dict)
    """Article key → the id of its story, for articles in a story."""
    counterparts: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    """Site path → the same page in every language edition that has it, this one included:
    (language code, site path) pairs in the site's order of languages. Only pages that exist
    in more than one edition are here (`site.language_editions.counterparts`)."""


@dataclass(frozen=True)
class RenderedFile:
    """One file of the finished site: its path below the output root and its bytes."""

    path: str
    data: bytes
