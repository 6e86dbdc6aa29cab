"""Site → Atom feeds (the site's, each topic's, each actor's) and the site's RSS 2.0 feed.

Feeds are built with the standard library's ElementTree, which escapes every text and
attribute, so no feed library is needed. Nothing in a feed depends on the time of the build:
a feed's `updated` is its newest entry's. Entry ids are tag URIs (RFC 4151) made of a host,
the article's day and its key, so they survive a new base path and a rebuild.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from email.utils import format_datetime
from functools import cached_property, partial
from urllib.parse import quote

from digest import __version__
from digest.config import SiteConfig
from digest.model import Article, RenderedFile, Site
from digest.site.urls import Urls

ATOM = "http://www.w3.org/2005/Atom"
ATOM_TYPE = "application/atom+xml"
RSS_TYPE = "application/rss+xml"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""A feed with no entries is dated here, never at the time of the build."""
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Feed:
    """One feed to write: where it goes, the page it stands for, and its articles' keys."""

    path: str
    page: str
    title: str
    keys: tuple[str, ...]


class FeedMemory:
    """The feeds of the last build, kept for the next one in the same process.

    A feed is reused when the writer's settings (checked once per build) and its description
    (`Feed`, with its entries' keys) are equal, and none of its entries changed since: each is
    the very same (frozen) Article object, at the same path. Then its bytes are too.
    """

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        """False for a single build: then no feed is kept (the writer holds none after)."""
        self._feeds: dict[str, tuple[str, Feed, RenderedFile]] = {}
        self._used: set[str] = set()
        self._settings: tuple[object, ...] = ()
        self._listed: tuple[str, ...] = ()
        self._newest: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._articles: Mapping[str, Article] = {}
        self._paths: Mapping[str, str] = {}
        self._changed: AbstractSet[str] = frozenset()
        self._earliest: Article | None = None

    def settle(self, settings: tuple[object, ...], site: Site) -> datetime:
        """Start a build whose writer has these settings for this site, and give the date
        of its earliest article (feed ids begin with it).

        Other settings, or another earliest date, forget every feed; another order of the
        listed articles forgets which are the newest of each topic and actor; the articles
        that are new or changed, or moved, are noted.
        """
        last, last_paths = self._articles, self._paths
        moved = site.paths is not last_paths and site.paths != last_paths
        self._changed = {
            key
            for key, article in site.articles.items()
            if last.get(key) is not article or (moved and last_paths.get(key) != site.paths[key])
        }
        self._articles, self._paths = site.articles, site.paths
        earliest = self._earliest_of(site)
        first = earliest.date if earliest else EPOCH
        if (*settings, first) != self._settings:
            self._feeds, self._newest, self._settings = {}, {}, (*settings, first)
        if site.listed != self._listed:
            self._newest, self._listed = {}, site.listed
        return first

    def _earliest_of(self, site: Site) -> Article | None:
        """The site's earliest article: the last one's, or an article new since, when that
        is still there as it was (so a small change does not look at every article)."""
        last = self._earliest
        if last is not None and site.articles.get(last.key) is last:
            articles: Iterable[Article] = [last, *(site.articles[k] for k in self._changed)]
        else:
            articles = site.articles.values()
        self._earliest = min(articles, key=lambda article: article.date, default=None)
        return self._earliest

    def newest(
        self, keys: tuple[str, ...], choose: Callable[[tuple[str, ...]], tuple[str, ...]]
    ) -> tuple[str, ...]:
        """`choose(keys)`, unless these keys were chosen from in the same order before."""
        chosen = self._newest.get(keys)
        if chosen is None:
            chosen = self._newest[keys] = choose(keys)
        return chosen

    def written(
        self, path: str, kind: str, feed: Feed, make: Callable[[], RenderedFile]
    ) -> RenderedFile:
        """The feed at `path` of this kind that `make()` gives, unless an equal one was made
        before."""
        self._used.add(path)
        known = self._feeds.get(path)
        if (
            known is not None
            and known[0] == kind
            and known[1] == feed
            and self._changed.isdisjoint(feed.keys)
        ):
            return known[2]
        file = make()
        if self.keep:
            self._feeds[path] = (kind, feed, file)
        return file

    def forget_unused(self) -> None:
        """Drop the feeds this build did not write (a topic or an actor that is gone)."""
        self._feeds = {path: self._feeds[path] for path in self._used if path in self._feeds}
        self._used = set()


def feed_files(
    site: Site, urls: Urls, config: SiteConfig, memory: FeedMemory | None = None
) -> Iterator[RenderedFile]:
    """The site's Atom and RSS feeds, then an Atom feed per topic and per actor, each made as
    it is asked for. `memory` keeps them for the next build in this process; without it, a
    feed is held only by whoever takes it (a writer of a large site need not hold them all).
    """
    writer = FeedWriter(site, urls, config, memory or FeedMemory(keep=False))
    for feed, rss in _feeds(writer, site.topics, site.actors):
        yield writer.rss(feed, rss) if rss else writer.atom(feed)
    writer.memory.forget_unused()


def feeds_listing(
    site: Site, urls: Urls, config: SiteConfig, keys: AbstractSet[str], first: datetime | None
) -> Iterator[RenderedFile]:
    """The feeds of `feed_files` that list one of these articles, made without looking at
    any other: `first` is the date of the site's earliest article (None if it has none)."""
    writer = FeedWriter(site, urls, config, first=first or EPOCH)
    articles = [site.articles[key] for key in keys]
    topics = sorted({term.slug for article in articles for term in article.topics})
    actors = sorted({term.slug for article in articles for term in article.actors})
    for feed, rss in _feeds(writer, topics, actors):
        if not keys.isdisjoint(feed.keys):
            yield writer.rss(feed, rss) if rss else writer.atom(feed)


def _feeds(
    writer: FeedWriter, topics: Iterable[str], actors: Iterable[str]
) -> Iterator[tuple[Feed, str]]:
    """The site's Atom and RSS feeds, then the Atom feed of each of these topics and actors,
    each with the path of its RSS version (`""`: Atom only)."""
    site, urls, config = writer.site, writer.urls, writer.config
    home = urls.home()
    site_feed = Feed(urls.feed(), home, config.title, site.listed[: config.feeds.length])
    yield site_feed, ""
    yield site_feed, urls.rss()
    for slug in topics:
        topic, page = site.topics[slug], urls.topic(slug)
        keys = writer.newest(topic.articles)
        yield Feed(urls.feed(page), page, f"{topic.name} — {config.title}", keys), ""
    for slug in actors:
        actor, page = site.actors[slug], urls.actor(slug)
        keys = writer.newest(actor.articles)
        yield Feed(urls.feed(page), page, f"{actor.name} — {config.title}", keys), ""


class FeedWriter:
    """Turns Feeds into Atom or RSS bytes for one site."""

    def __init__(
        self,
        site: Site,
        urls: Urls,
        config: SiteConfig,
        memory: FeedMemory | None = None,
        first: datetime | None = None,
    ) -> None:
        """With `first`, the date of the site's earliest article, no memory is used (the
        feeds are made as asked), and no other article looked at."""
        self.site = site
        self.urls = urls
        self.config = config
        self.memory = FeedMemory(keep=False) if first is not None else memory or FeedMemory()
        self.tz: tzinfo = config.tz
        self.authority = config.feeds.id_authority or urls.host or "localhost"
        if first is None:
            first = self.memory.settle((config, urls.absolute(urls.home()), self.authority), site)
        self._since = first.astimezone(self.tz).date().isoformat()

    @cached_property
    def _order(self) -> dict[str, int]:
        """Each listed article's position in the site's order."""
        return {key: index for index, key in enumerate(self.site.listed)}

    def _remembered(
        self, feed: Feed, path: str, kind: str, make: Callable[[list[Article]], RenderedFile]
    ) -> RenderedFile:
        return self.memory.written(
            path, kind, feed, lambda: make([self.site.articles[key] for key in feed.keys])
        )

    def newest(self, keys: Sequence[str]) -> tuple[str, ...]:
        """Of these articles, the newest `feeds.length`, newest first, in the site's order."""
        return self.memory.newest(tuple(keys), self._newest)

    def _newest(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        listed = sorted((key for key in keys if key in self._order), key=self._order.__getitem__)
        return tuple(listed[: self.config.feeds.length])

    def entry_id(self, article: Article) -> str:
        """`tag:HOST,YYYY-MM-DD:KEY`: the same for an article in every build and every feed."""
        day = article.date.astimezone(self.tz).date().isoformat()
        return f"tag:{self.authority},{day}:{quote(article.key, safe='/')}"

    def atom(self, feed: Feed) -> RenderedFile:
        return self._remembered(feed, feed.path, "atom", partial(self._atom, feed))

    def _atom(self, feed: Feed, articles: list[Article]) -> RenderedFile:
        root = ET.Element("feed", {"xmlns": ATOM})
        if self.urls.origin:
            root.set("xml:base", self.urls.absolute(self.urls.home()))
        if _LANGUAGE_TAG.match(self.config.language):
            root.set("xml:lang", self.config.language)
        _text(root, "id", f"tag:{self.authority},{self._since}:{quote(feed.path, safe='/')}")
        _text(root, "title", feed.title)
        if self.config.description:
            _text(root, "subtitle", self.config.description)
        _link(root, self.urls.absolute(feed.path), "self", ATOM_TYPE)
        _link(root, self.urls.absolute(feed.page), "alternate", "text/html")
        _text(root, "updated", _rfc3339(self._updated(articles), self.tz))
        author = ET.SubElement(root, "author")
        _text(author, "name", self.config.title)
        _text(root, "generator", "digest", version=__version__)
        for article in articles:
            self._atom_entry(root, article)
        return RenderedFile(feed.path, _serialise(root))

    def _atom_entry(self, root: ET.Element, article: Article) -> None:
        entry = ET.SubElement(root, "entry")
        if article.language != self.config.language and _LANGUAGE_TAG.match(article.language):
            entry.set("xml:lang", article.language)
        url = self.urls.absolute(self.site.paths[article.key])
        _text(entry, "id", self.entry_id(article))
        _text(entry, "title", article.title)
        _link(entry, url, "alternate", "text/html")
        _text(entry, "published", _rfc3339(article.date, self.tz))
        _text(entry, "updated", _rfc3339(article.updated or article.date, self.tz))
        for name in article.authors:
            _text(ET.SubElement(entry, "author"), "name", name)
        for topic in article.topics:
            ET.SubElement(entry, "category", {"term": _clean(topic.name)})
        if article.summary:
            _text(entry, "summary", article.summary, type="text")
        if article.source_name or _is_web_address(article.source_url):
            source = ET.SubElement(entry, "source")  # the outlet it was first published by
            if article.source_name:
                _text(source, "title", article.source_name)
            if _is_web_address(article.source_url):
                _link(source, article.source_url, "alternate", "text/html")
        if self.config.feeds.full_content and article.body_html:
            content = _text(entry, "content", str(article.body_html), type="html")
            if self.urls.origin:  # relative links in the body resolve as on the article's page
                content.set("xml:base", url)

    def rss(self, feed: Feed, path: str) -> RenderedFile:
        return self._remembered(feed, path, "rss", partial(self._rss, feed, path))

    def _rss(self, feed: Feed, path: str, articles: list[Article]) -> RenderedFile:
        root = ET.Element(
            "rss",
            {
                "version": "2.0",
                "xmlns:atom": ATOM,
                "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
                "xmlns:dc": "http://purl.org/dc/elements/1.1/",
            },
        )
        channel = ET.SubElement(root, "channel")
        _text(channel, "title", feed.title)
        _text(channel, "link", self.urls.absolute(feed.page))
        _text(channel, "description", self.config.description or self.config.title)
        ET.SubElement(
            channel,
            "atom:link",
            {"href": self.urls.absolute(path), "rel": "self", "type": RSS_TYPE},
        )
        _text(channel, "language", self.config.language)
        _text(channel, "lastBuildDate", _rfc822(self._updated(articles), self.tz))
        _text(channel, "generator", f"digest {__version__}")
        for article in articles:
            item = ET.SubElement(channel, "item")
            _text(item, "title", article.title)
            _text(item, "link", self.urls.absolute(self.site.paths[article.key]))
            _text(item, "guid", self.entry_id(article), isPermaLink="false")
            _text(item, "pubDate", _rfc822(article.date, self.tz))
            for name in article.authors:
                _text(item, "dc:creator", name)
            for topic in article.topics:
                _text(item, "category", topic.name)
            if article.summary:
                _text(item, "description", article.summary)
            if article.source_name and _is_web_address(article.source_url):
                _text(item, "source", article.source_name, url=article.source_url)
            if self.config.feeds.full_content and article.body_html:
                _text(item, "content:encoded", str(article.body_html))
        return RenderedFile(path, _serialise(root))

    def _updated(self, articles: Sequence[Article]) -> datetime:
        return max((a.updated or a.date for a in articles), default=EPOCH)


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: _clean(v) for k, v in attributes.items()})
    element.text = _clean(text)
    return element


def _link(parent: ET.Element, href: str, rel: str, media_type: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": media_type, "href": href})


def _is_web_address(url: str) -> bool:
    return url.startswith(("https://", "http://"))


def _clean(text: str) -> str:
    """Drop the characters XML 1.0 cannot hold (control characters from scraped text)."""
    return _NOT_XML.sub("", text)


def _rfc3339(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).isoformat(timespec="seconds")


def _rfc822(moment: datetime, tz: tzinfo) -> str:
    return format_datetime(moment.astimezone(tz))


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
