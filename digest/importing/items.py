"""What a source gives: articles to import, and what went wrong reading it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ImportedArticle:
    """One article a source gives, before it is cleaned and written.

    Texts are plain (titles, names); `body_html` is the source's HTML as given, untrusted:
    it is sanitised when converted to Markdown."""

    title: str
    url: str
    """The article's own address (absolute), or `""` when the source gives none."""
    origin: str
    """The feed or page it came from: a URL, or a file's path."""
    id: str = ""
    """The source's id for the article (an RSS guid, an Atom id), or `""`."""
    published: datetime | None = None
    updated: datetime | None = None
    authors: tuple[str, ...] = ()
    source_name: str = ""
    """The outlet's name."""
    language: str = ""
    """A language tag as the source states it (normalised later), or `""`."""
    summary: str = ""
    topics: tuple[str, ...] = ()
    image: str = ""
    body_html: str = ""
    base_url: str = ""
    """What relative links and images of `body_html` are relative to."""


@dataclass(frozen=True)
class SourceRead:
    """What reading one source gave: its items, the feeds it lists (an OPML file), and a
    warning for each item skipped."""

    articles: tuple[ImportedArticle, ...] = ()
    feeds: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
