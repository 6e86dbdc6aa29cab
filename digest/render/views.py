"""What templates see: declared, frozen view types built from the Site (see docs/themes.md)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime, tzinfo
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from digest import __version__
from digest.config import SiteConfig
from digest.model import Article, PackedMarkup, Site
from digest.render.i18n import Messages
from digest.site.urls import Urls


@dataclass(frozen=True)
class Link:
    """Something to link to: a topic, an actor, a day. `count` is how many articles it holds."""

    name: str
    url: str
    count: int = 0
    slug: str = ""
    day: date | None = None
    """The date of a day's edition, for links to one."""


@dataclass(frozen=True)
class FeedLink:
    """A feed to announce with `<link rel="alternate">`: its title, URL and media type."""

    title: str
    url: str
    type: str = "application/atom+xml"


@dataclass(frozen=True)
class ArticleCard:
    """An article as listings show it (cards, related articles, older and newer, a story's
    sources): everything of its view but the body, so that editing a body re-renders the
    article's own page and not every page that lists it. Dates are in the site's time zone."""

    key: str
    title: str
    url: str
    date: datetime
    edition: Link
    summary: str
    language: str
    topics: tuple[Link, ...] = ()
    actors: tuple[Link, ...] = ()
    """Every actor, the main ones first."""
    main_actors: tuple[Link, ...] = ()
    """The actors the article is about."""
    authors: tuple[str, ...] = ()
    updated: datetime | None = None
    source_name: str = ""
    source_url: str = ""
    image: str = ""
    image_caption: str = ""
    image_credit: str = ""
    reading_time: int = 1
    params: Mapping[str, Any] = field(default_factory=dict)
    story: Link | None = None
    """The story the article belongs to: `count` is its number of sources."""
    copy_of: str = ""
    """The URL of the article this one copies, if it is a copy."""


@dataclass(frozen=True)
class ArticleView(ArticleCard):
    """An article as its own page shows it: its card, with the body."""

    body: Markup | PackedMarkup = Markup("")
    """Safe HTML: packed while a build plans pages, `Markup` when a template sees it."""
    word_count: int = 0

    def unpacked(self) -> ArticleView:
        """The view as templates see it: the body as `Markup`."""
        if isinstance(self.body, PackedMarkup):
            return replace(self, body=self.body.unpacked())
        return self

    def card(self) -> ArticleCard:
        """The article as listings show it."""
        return ArticleCard(**{name: getattr(self, name) for name in _CARD_FIELDS})


_CARD_FIELDS = tuple(f.name for f in fields(ArticleCard))


@dataclass(frozen=True)
class ActorView:
    """An actor's page header: who it is, how often it appears, and the registry's profile."""

    name: str
    url: str
    kind: str
    count: int
    about: int
    """How many of its articles are about it (the rest only mention it)."""
    role: str = ""
    description: str = ""
    image: str = ""
    wikidata_url: str = ""


@dataclass(frozen=True)
class StoryView:
    """One event told by several articles: its sources, earliest first; copies marked."""

    id: str
    title: str
    url: str
    articles: tuple[ArticleCard, ...]
    copies: Mapping[str, str]
    """Key of a copy → key of the article it copies."""

    @property
    def sources(self) -> int:
        """How many different articles (copies not counted) report the story."""
        return len(self.articles) - len(self.copies)


@dataclass(frozen=True)
class Alternate:
    """The page being rendered in one language edition (this one too): for a language
    switcher and `<link rel="alternate" hreflang>`."""

    language: str
    """The language code, as `hreflang` and `lang` write it (`uk`)."""
    name: str
    """The language's own name (`Українська`)."""
    url: str
    """Root-relative URL of the page in that language."""
    absolute: str
    """The full URL when `base_url` names a host, else the root-relative one."""
    current: bool = False
    """True for the page being rendered itself."""


@dataclass(frozen=True)
class SiteView:
    """The site as a whole: settings, navigation, and the `extra` table from digest.toml."""

    title: str
    description: str
    language: str
    base_url: str
    home_url: str
    """This language edition's front page (the site's, with one language)."""
    nav: tuple[Link, ...]
    topics_url: str
    actors_url: str
    archive_url: str
    extra: Mapping[str, Any]
    generator: str = f"digest {__version__}"
    locale: str = "en_US"
    """The language as OpenGraph writes it (`og:locale`): `en_US`, `uk_UA`."""
    feeds: tuple[FeedLink, ...] = ()
    """The site's feeds: Atom (`feed.xml`), then RSS 2.0 (`rss.xml`)."""
    search_url: str = ""
    """The search page's URL; `""` when `[search]` is not enabled."""
    root_url: str = "/"
    """The root of the whole site, where its assets and search index are (`/repo/`): the home
    page's URL, but for a language edition under a prefix."""
    languages: tuple[Link, ...] = ()
    """Every language edition's home (`name` the language's own name, `slug` its code), the
    site's order; empty for a one-language site."""


@dataclass(frozen=True)
class PageMeta:
    """The page being rendered: its title, its URL, and its full (canonical) URL."""

    title: str
    url: str
    canonical: str
    description: str = ""
    kind: str = ""
    type: str = "website"
    """OpenGraph's `og:type`: `article` on article pages, else `website`."""
    image: str = ""
    """Absolute URL of the page's picture (an article's image, an actor's), for sharing."""
    feeds: tuple[FeedLink, ...] = ()
    """Feeds to announce in `<head>`: a topic's or actor's own first, then the site's."""
    structured_data: tuple[Mapping[str, Any], ...] = ()
    """schema.org objects (JSON-LD) describing the page; write each with the `json_ld` filter."""
    alternates: tuple[Alternate, ...] = ()
    """The page in every language edition that has it, this one included, in the site's
    order of languages; empty when no other edition has it."""


@dataclass(frozen=True)
class PageLink:
    """A page of a paginated list, by number."""

    number: int
    url: str


@dataclass(frozen=True)
class Pager:
    """Where this page sits in a paginated list. `pages` links the first and the last page
    and those near this one, in order, with None where pages are left out: a list of any
    length gets a pager of a few links (linking every page would make every page of a long
    list longer, and the whole list grow with the square of its length)."""

    number: int
    count: int
    previous_url: str | None
    next_url: str | None
    pages: tuple[PageLink | None, ...] = ()


@dataclass(frozen=True)
class Section:
    """A group of articles under a heading: one topic of a day's edition."""

    heading: Link
    articles: tuple[ArticleCard, ...]


@dataclass(frozen=True)
class EditionView:
    """One day's edition, its articles grouped by their first topic."""

    day: date
    url: str
    count: int
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class MonthView:
    """A month of the archive and its days with articles."""

    year: int
    month: int
    url: str
    count: int
    days: tuple[Link, ...]

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)


@dataclass(frozen=True)
class YearView:
    """A year of the archive and its months, newest first."""

    year: int
    url: str
    count: int
    months: tuple[MonthView, ...]


class ViewBuilder:
    """Turns model values into views, each article's view and card built once and shared by
    every page.

    `known` views and `known_cards` are taken as they are: the caller vouches that they are
    what this builder would make of the same articles and site. `messages` are the interface
    text and dates of the edition's language (`ThemeEnvironment.catalogues`); its language is
    `site.language` in every page.
    """

    def __init__(
        self,
        site: Site,
        config: SiteConfig,
        urls: Urls,
        messages: Messages,
        known: Mapping[str, ArticleView] | None = None,
        known_cards: Mapping[str, ArticleCard] | None = None,
    ) -> None:
        self.site = site
        self.urls = urls
        self.tz: tzinfo = config.tz
        self.messages = messages
        _ = self.messages.gettext
        self._articles: dict[str, ArticleView] = dict(known or {})
        self._cards: dict[str, ArticleCard] = dict(known_cards or {})
        self._links: dict[tuple[str, str], Link] = {}
        search_url = urls.link(urls.search()) if config.search.enabled else ""
        self.site_view = SiteView(
            title=config.title,
            description=config.description,
            language=self.messages.language,
            base_url=urls.absolute(urls.home()),
            home_url=urls.link(urls.home()),
            nav=(
                Link(_("Home"), urls.link(urls.home())),
                Link(_("Topics"), urls.link(urls.topics())),
                Link(_("Actors"), urls.link(urls.actors())),
                Link(_("Archive"), urls.link(urls.archive())),
                *((Link(_("Search"), search_url),) if search_url else ()),
            ),
            topics_url=urls.link(urls.topics()),
            actors_url=urls.link(urls.actors()),
            archive_url=urls.link(urls.archive()),
            extra=config.extra,
            locale=og_locale(self.messages.language),
            feeds=(
                FeedLink(config.title, urls.link(urls.feed())),
                FeedLink(config.title, urls.link(urls.rss()), "application/rss+xml"),
            ),
            search_url=search_url,
            root_url=urls.base_path,
            languages=_edition_links(config, urls),
        )
        self._names = {language.code: language.name for language in config.languages}

    @property
    def built(self) -> Mapping[str, ArticleView]:
        """The article views made so far (or given), by key."""
        return self._articles

    def article(self, key: str) -> ArticleView:
        view = self._articles.get(key)
        if view is None:
            view = self._articles[key] = self._article(self.site.articles[key])
        return view

    @property
    def built_cards(self) -> Mapping[str, ArticleCard]:
        """The article cards made so far, by key."""
        return self._cards

    def card(self, key: str) -> ArticleCard:
        card = self._cards.get(key)
        if card is None:
            card = self._cards[key] = self.article(key).card()
        return card

    def cards(self, keys: Iterable[str]) -> tuple[ArticleCard, ...]:
        return tuple(self.card(key) for key in keys)

    def topic_link(self, slug: str) -> Link:
        link = self._links.get(("topic", slug))
        if link is None:
            topic = self.site.topics[slug]
            url = self.urls.link(self.urls.topic(slug))
            link = self._links["topic", slug] = Link(topic.name, url, len(topic.articles), slug)
        return link

    def actor_link(self, slug: str) -> Link:
        link = self._links.get(("actor", slug))
        if link is None:
            actor = self.site.actors[slug]
            url = self.urls.link(self.urls.actor(slug))
            link = self._links["actor", slug] = Link(actor.name, url, len(actor.articles), slug)
        return link

    def story(self, story_id: str) -> StoryView:
        story = self.site.stories[story_id]
        first = self.site.articles[story.articles[0]]
        return StoryView(
            id=story_id,
            title=first.title,
            url=self.urls.link(self.urls.story(story_id)),
            articles=self.cards(story.articles),
            copies=story.duplicates,
        )

    def actor(self, slug: str) -> ActorView:
        actor = self.site.actors[slug]
        profile = actor.profile
        return ActorView(
            name=actor.name,
            url=self.urls.link(self.urls.actor(slug)),
            kind=actor.kind,
            count=len(actor.articles),
            about=actor.about,
            role=profile.role,
            description=profile.description,
            image=self._asset_url(profile.image),
            wikidata_url=f"https://www.wikidata.org/wiki/{profile.wikidata}"
            if profile.wikidata
            else "",
        )

    def day_link(self, day: date, count: int = 0) -> Link:
        name = self.messages.format_date(day)
        return Link(name, self.urls.link(self.urls.edition(day)), count, day=day)

    def page(self, title: str, path: str, description: str = "", kind: str = "") -> PageMeta:
        return PageMeta(
            title=title,
            url=self.urls.link(path),
            canonical=self.urls.absolute(path),
            description=description or self.site_view.description,
            kind=kind,
            alternates=tuple(
                Alternate(
                    code,
                    self._names.get(code, code),
                    self.urls.link(other),
                    self.urls.absolute(other),
                    current=other == path,
                )
                for code, other in self.site.counterparts.get(path, ())
            ),
        )

    def edition(self, day: date, keys: tuple[str, ...]) -> EditionView:
        """A day's articles grouped under each one's first topic; topicless ones come last."""
        groups: dict[str, list[str]] = {}
        for key in keys:
            topics = self.site.articles[key].topics
            groups.setdefault(topics[0].slug if topics else "", []).append(key)
        order = sorted(groups, key=lambda slug: (slug == "", -len(groups[slug]), slug))
        sections = tuple(
            Section(
                self.topic_link(slug) if slug else Link(self.messages.gettext("More news"), ""),
                self.cards(groups[slug]),
            )
            for slug in order
        )
        return EditionView(day, self.urls.link(self.urls.edition(day)), len(keys), sections)

    def leading(self, keys: Iterable[str], kind: str, limit: int = 8) -> tuple[Link, ...]:
        """The topics or actors most present in these articles."""
        counts: Counter[str] = Counter()
        for key in keys:
            article = self.site.articles[key]
            counts.update(t.slug for t in (article.topics if kind == "topic" else article.actors))
        best = sorted(counts, key=lambda slug: (-counts[slug], slug))[:limit]
        link = self.topic_link if kind == "topic" else self.actor_link
        return tuple(replace(link(slug), count=counts[slug]) for slug in best)

    def _asset_url(self, url: str) -> str:
        """A site-relative image path (`img/a.jpg`) made to work from any page's URL."""
        if not url or urlsplit(url).scheme or url.startswith(("/", "//", "#")):
            return url
        return self.urls.link(url)

    def _article(self, article: Article) -> ArticleView:
        day = self.site.days[article.key]
        return ArticleView(
            key=article.key,
            title=article.title,
            url=self.urls.link(self.site.paths[article.key]),
            date=article.date.astimezone(self.tz),
            edition=self.day_link(day),
            summary=article.summary,
            body=_markup(article.body_html),
            language=article.language,
            topics=tuple(self.topic_link(t.slug) for t in article.topics),
            actors=tuple(self.actor_link(t.slug) for t in article.actors),
            main_actors=tuple(self.actor_link(slug) for slug in article.main_actors),
            authors=article.authors,
            updated=article.updated.astimezone(self.tz) if article.updated else None,
            source_name=article.source_name,
            source_url=article.source_url,
            image=self._asset_url(article.image),
            image_caption=article.image_caption,
            image_credit=article.image_credit,
            word_count=article.word_count,
            reading_time=article.reading_time,
            params=article.params,
            story=self._story_link(article.key),
            copy_of=self._copy_of(article.key),
        )

    def _story_link(self, key: str) -> Link | None:
        story_id = self.site.story_of.get(key)
        if story_id is None:
            return None
        story = self.site.stories[story_id]
        url = self.urls.link(self.urls.story(story_id))
        name = self.messages.ngettext("%(num)d source", "%(num)d sources", story.sources)
        return Link(name % {"num": story.sources}, url, story.sources)

    def _copy_of(self, key: str) -> str:
        story_id = self.site.story_of.get(key)
        original = self.site.stories[story_id].duplicates.get(key) if story_id else None
        return self.urls.link(self.site.paths[original]) if original else ""


_TERRITORIES = {
    "en": "US", "uk": "UA", "be": "BY", "cs": "CZ", "da": "DK", "el": "GR", "et": "EE",
    "he": "IL", "hi": "IN", "ja": "JP", "ka": "GE", "kk": "KZ", "ko": "KR", "sl": "SI",
    "sq": "AL", "sr": "RS", "sv": "SE", "vi": "VN", "zh": "CN", "ar": "SA", "fa": "IR",
}  # fmt: skip
"""Languages whose main territory's code is not the language code in capitals."""


def _edition_links(config: SiteConfig, urls: Urls) -> tuple[Link, ...]:
    """Each language edition's home page, when the site has more than one."""
    if len(config.languages) < 2:
        return ()
    links = []
    for language in config.languages:
        edition = Urls(urls.base_url, language.path_prefix)
        links.append(Link(language.name, edition.link(edition.home()), slug=language.code))
    return tuple(links)


def og_locale(language: str) -> str:
    """`en` → `en_US`, `en-GB` → `en_GB`, `de` → `de_DE`: OpenGraph's language_TERRITORY."""
    code, _, region = language.partition("-")
    region = region.split("-")[0] if len(region.split("-")[0]) == 2 else ""
    return f"{code.lower()}_{(region or _TERRITORIES.get(code.lower(), code)).upper()}"


def _markup(html: str | PackedMarkup) -> Markup | PackedMarkup:
    """The article's safe HTML as Markup: the same object when parsing made it Markup or a
    build packed it (an article body is kilobytes, and a site has thousands)."""
    return html if isinstance(html, Markup | PackedMarkup) else Markup(html)
