"""Feeds read into articles: RSS 0.9x, 1.0 and 2.0 and Atom (feedparser), JSON Feed, and the
feed addresses an OPML list names.

Whatever a feed gets wrong (broken XML, a wrong encoding, entities in titles, CDATA bodies)
is read as far as feedparser allows; an entry that still cannot make an article (no title
and no text, no link and no id) is skipped with a warning.
"""

from __future__ import annotations

import calendar
import json
import time
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html import escape
from typing import Any

from digest.importing.cleaning import html_to_text
from digest.importing.items import ImportedArticle, SourceRead
from digest.importing.urls import absolute_url

JSON_FEED_VERSION = "https://jsonfeed.org/version/"
TITLE_WORDS = 12
"""An entry without a title is named by the first words of its text."""


def looks_like_opml(data: bytes) -> bool:
    """True if the document's root element is `<opml>`."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return b"<opml" in head.lower()


def looks_like_json_feed(data: bytes) -> bool:
    """True for a JSON document naming a JSON Feed version."""
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and JSON_FEED_VERSION.encode() in data[:4096]


def read_opml(data: bytes, origin: str) -> SourceRead:
    """The feeds an OPML subscription list names (`xmlUrl`), made absolute, in order."""
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return SourceRead(warnings=(f"{origin}: not a readable OPML file: {error}",))
    feeds = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("xmlurl") or ""
        if url.strip():
            feeds.append(absolute_url(url, origin))
    return SourceRead(feeds=tuple(dict.fromkeys(feeds)))


def read_feed(data: bytes, origin: str, content_type: str = "") -> SourceRead | None:
    """The articles of an RSS, Atom or JSON feed; None if the document is not a feed. An
    article's outlet is the one its entry names (Atom's and RSS's `<source>`), else the
    feed's."""
    if looks_like_json_feed(data) or "json" in content_type:
        return _read_json_feed(data, origin)
    import feedparser  # imported when a feed is read: it takes a tenth of a second

    headers = {"content-location": origin}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=False)
    benign = feedparser.NonXMLContentType  # a file has no Content-Type to check
    if not parsed.get("version") and not parsed.entries:
        return None
    feed = parsed.feed
    outlet = _text_of(feed, "title")
    language = str(feed.get("language") or "")
    warnings: list[str] = []
    if parsed.get("bozo") and parsed.entries and not isinstance(parsed.bozo_exception, benign):
        warnings.append(f"{origin}: {parsed.bozo_exception}; read anyway")
    found = (_entry_article(entry, origin, outlet, language) for entry in parsed.entries)
    return _read(found, origin, warnings)


def _read(found: Iterable[ImportedArticle | str], origin: str, warnings: list[str]) -> SourceRead:
    """The feed's articles; a warning for each entry skipped, and for each that repeats an
    earlier entry's id (the first is kept)."""
    articles: list[ImportedArticle] = []
    numbers: dict[str, int] = {}
    for number, article in enumerate(found, start=1):
        if isinstance(article, str):
            warnings.append(f"{origin}: entry {number} skipped: {article}")
        elif article.id and article.id in numbers:
            first = numbers[article.id]
            warnings.append(f"{origin}: entry {number} skipped: the id of entry {first} again")
        else:
            numbers.setdefault(article.id, number)
            articles.append(article)
    return SourceRead(articles=tuple(articles), warnings=tuple(warnings))


def _entry_article(
    entry: Mapping[str, Any], origin: str, outlet: str, language: str
) -> ImportedArticle | str:
    """One feedparser entry as an article, or why it cannot be one."""
    body, body_language = _body(entry)
    link = absolute_url(str(entry.get("link") or ""), origin)
    title = _text_of(entry, "title") or _first_words(html_to_text(body))
    if not title:
        return "no title and no text"
    if not link and not entry.get("id"):
        return f"“{title}” has no link and no id"
    return ImportedArticle(
        title=title,
        url=link,
        origin=origin,
        id=str(entry.get("id") or ""),
        published=_date(entry, "published") or _date(entry, "created"),
        updated=_date(entry, "updated"),
        authors=_authors(entry),
        source_name=_text_of(entry.get("source") or {}, "title") or outlet,
        language=body_language or str(entry.get("language") or "") or language,
        summary=_summary(entry, body),
        topics=_topics(entry.get("tags") or ()),
        image=_image(entry, origin),
        body_html=body,
        base_url=link or origin,
    )


def _text_of(record: Mapping[str, Any], key: str) -> str:
    """A title as plain text: feedparser keeps HTML titles as HTML, plain ones decoded."""
    value = str(record.get(key) or "")
    detail = record.get(f"{key}_detail") or {}
    if detail.get("type", "text/plain") == "text/plain":
        return " ".join(value.split())
    return html_to_text(value)


def _body(entry: Mapping[str, Any]) -> tuple[str, str]:
    """The entry's fullest text as HTML (its content, else its summary), and its language."""
    contents = entry.get("content") or []
    chosen = max(contents, key=lambda content: len(content.get("value") or ""), default=None)
    detail = chosen or entry.get("summary_detail") or {}
    value = str(detail.get("value") or entry.get("summary") or "")
    if detail.get("type") == "text/plain":
        value = _plain_as_html(value)
    return value, str(detail.get("language") or "")


def _plain_as_html(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _summary(entry: Mapping[str, Any], body: str) -> str:
    """The entry's summary as text, when it is not simply its whole body."""
    summary = str(entry.get("summary") or "")
    if not summary or summary == body:
        return ""
    return html_to_text(summary)


def _first_words(text: str) -> str:
    words = text.split()
    return " ".join(words[:TITLE_WORDS]) + ("…" if len(words) > TITLE_WORDS else "")


def _date(entry: Mapping[str, Any], key: str) -> datetime | None:
    """The entry's date as an aware datetime, in the offset the feed wrote it in when that
    can be read (feedparser's own reading is in UTC)."""
    # dict.get: feedparser's own get() answers `updated` with `published` (and a warning)
    parsed: time.struct_time | None = dict.get(entry, f"{key}_parsed")
    if not parsed:
        return None
    try:
        utc = datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    except (OverflowError, ValueError, OSError):
        return None
    written = str(dict.get(entry, key) or "")
    for read in (parsedate_to_datetime, datetime.fromisoformat):
        try:
            local = read(written)
        except (TypeError, ValueError, IndexError):
            continue
        if local.tzinfo is not None and local == utc:
            return local
    return utc


def _authors(entry: Mapping[str, Any]) -> tuple[str, ...]:
    names = [str(author.get("name") or "") for author in entry.get("authors") or ()]
    if not any(names) and entry.get("author"):
        names = [str(entry["author"])]
    return tuple(dict.fromkeys(" ".join(name.split()) for name in names if name.strip()))


def _topics(tags: Any) -> tuple[str, ...]:
    names = (str(tag.get("label") or tag.get("term") or "") for tag in tags)
    return tuple(dict.fromkeys(" ".join(name.split()) for name in names if name.strip()))


def _image(entry: Mapping[str, Any], origin: str) -> str:
    """The entry's picture: Media RSS content or thumbnail, else an image enclosure."""
    candidates: Iterator[str] = (
        str(media.get("url") or "")
        for key in ("media_content", "media_thumbnail")
        for media in entry.get(key) or ()
        if media.get("medium", "image") == "image"
        and str(media.get("type", "image/")).startswith("image/")
    )
    enclosures = (
        str(link.get("href") or "")
        for link in entry.get("links") or ()
        if link.get("rel") == "enclosure" and str(link.get("type", "")).startswith("image/")
    )
    for url in (*candidates, *enclosures):
        if url.strip():
            return absolute_url(url, origin)
    return ""


def _read_json_feed(data: bytes, origin: str) -> SourceRead | None:
    """A JSON Feed (version 1 or 1.1): https://jsonfeed.org/version/1.1."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        return SourceRead(warnings=(f"{origin}: not a readable JSON Feed: {error}",))
    if not isinstance(document, dict) or not str(document.get("version", "")).startswith(
        JSON_FEED_VERSION
    ):
        return None
    outlet = " ".join(str(document.get("title") or "").split())
    language = str(document.get("language") or "")
    feed_authors = _json_authors(document)
    found = (
        _json_article(entry, origin, outlet, language, feed_authors)
        for entry in _list(document.get("items"))
    )
    return _read(found, origin, [])


def _json_article(
    entry: Any, origin: str, outlet: str, language: str, feed_authors: tuple[str, ...]
) -> ImportedArticle | str:
    if not isinstance(entry, dict):
        return "not an object"
    body = str(entry.get("content_html") or "")
    if not body and entry.get("content_text"):
        body = _plain_as_html(str(entry["content_text"]))
    link = absolute_url(str(entry.get("url") or entry.get("external_url") or ""), origin)
    title = html_to_text(str(entry.get("title") or "")) or _first_words(html_to_text(body))
    if not title:
        return "no title and no text"
    if not link and not entry.get("id"):
        return f"“{title}” has no link and no id"
    image = str(entry.get("image") or entry.get("banner_image") or "")
    return ImportedArticle(
        title=title,
        url=link,
        origin=origin,
        id=str(entry.get("id") or ""),
        published=_iso_date(entry.get("date_published")),
        updated=_iso_date(entry.get("date_modified")),
        authors=_json_authors(entry) or feed_authors,
        source_name=outlet,
        language=str(entry.get("language") or "") or language,
        summary=html_to_text(str(entry.get("summary") or "")),
        topics=tuple(dict.fromkeys(str(tag).strip() for tag in _list(entry.get("tags")) if tag)),
        image=absolute_url(image, origin) if image else "",
        body_html=body,
        base_url=link or origin,
    )


def _json_authors(record: dict[str, Any]) -> tuple[str, ...]:
    people = _list(record.get("authors")) or ([record["author"]] if record.get("author") else [])
    names = (str(person.get("name") or "") for person in people if isinstance(person, dict))
    return tuple(dict.fromkeys(name.strip() for name in names if name.strip()))


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _iso_date(value: Any) -> datetime | None:
    """An RFC 3339 date of a JSON Feed; naive ones are taken as UTC."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
