"""Site → the list of pages to render (template, path, context), then their HTML."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from markupsafe import Markup

from digest.model import Actor, Edition, RenderedFile, Site
from digest.render.seo import described as page_description
from digest.render.seo import json_ld
from digest.render.theme import render_template
from digest.render.views import (
    ArticleView,
    Link,
    MonthView,
    PageLink,
    Pager,
    ViewBuilder,
    YearView,
)
from digest.site.urls import output_file

Item = TypeVar("Item")
PAGER_REACH = 2
"""A pager links the pages this near the current one (besides the first and the last)."""
SIDEBAR_SIZE = 8
"""Topics and actors listed beside a topic's or actor's articles."""
DAY_ACTORS = 6
"""Actors shown as bars for the newest edition on the home page."""
NETWORK_SIZE = 12
"""Actors drawn around an actor in its network picture."""


@dataclass(frozen=True)
class PageSpec:
    """One page to render: where it goes, which template, and what the template sees."""

    path: str
    template: str
    context: Mapping[str, Any]

    @cached_property
    def file(self) -> str:
        """The file the page is written to, below the output folder."""
        return output_file(self.path)


@dataclass(frozen=True)
class PageGroup:
    """Pages planned together (an article's page, a topic's pages…), named the same each build."""

    name: str
    plan: Callable[[], list[PageSpec]]


def plan_pages(site: Site, views: ViewBuilder, per_page: int) -> list[PageSpec]:
    """Every page of the site, in a fixed order, each described for feeds and search engines."""
    return [
        spec for group in page_groups(site, views, per_page) for spec in described(views, group)
    ]


def page_groups(
    site: Site,
    views: ViewBuilder,
    per_page: int,
    only: AbstractSet[str] | None = None,
    main: bool = True,
) -> list[PageGroup]:
    """The groups of pages of the site (a language edition), in a fixed order; nothing is
    planned until asked. The `main` edition also has the pages of the whole site (404).

    With `only`, just the groups of those names (in the same order).
    """
    wanted: Container[str] = _Everything() if only is None else only
    listed = {key: index for index, key in enumerate(site.listed)}
    groups = [
        *_home_groups(site, views, per_page),
        *(
            PageGroup(name, lambda key=key: [_article_page(site, views, key, listed)])
            for key in site.articles
            if (name := f"article:{key}") in wanted
        ),
        *(
            PageGroup(name, lambda story=story: [_story_page(views, story)])
            for story in site.stories
            if (name := f"story:{story}") in wanted
        ),
        *_term_groups(site, views, per_page, "topic", wanted),
        *_term_groups(site, views, per_page, "actor", wanted),
        *(_archive_groups(site, views) if only is None or _archived(only) else ()),
        *(
            PageGroup(name, lambda index=index: [_edition_page(site, views, index)])
            for index, e in enumerate(site.editions)
            if (name := f"edition:{e.day}") in wanted
        ),
        PageGroup("search", lambda: list(_search_page(views))),
        *((PageGroup("404", lambda: [_not_found_page(views)]),) if main else ()),
    ]
    return groups if only is None else [group for group in groups if group.name in only]


class _Everything:
    """Contains every name."""

    def __contains__(self, name: object) -> bool:
        return True


def described(views: ViewBuilder, group: PageGroup) -> list[PageSpec]:
    """A group's pages, each with what feeds, sharing and search engines read (`page`)."""
    return [
        replace(s, context={**s.context, "page": page_description(views, s.context)})
        for s in group.plan()
    ]


def render_pages(
    specs: Sequence[PageSpec], environment: jinja2.Environment, root: Path
) -> list[RenderedFile]:
    """Render each page to bytes; a template mistake raises DigestError naming file and line."""
    return [
        RenderedFile(
            output_file(spec.path),
            render_template(environment, spec.template, _shown(spec.context), root).encode("utf-8"),
        )
        for spec in specs
    ]


def _shown(context: Mapping[str, Any]) -> Mapping[str, Any]:
    """The context as templates see it: an article's body, packed while pages are planned,
    as `Markup`."""
    views = {k: v.unpacked() for k, v in context.items() if isinstance(v, ArticleView)}
    return {**context, **views} if views else context


def template_filters() -> dict[str, Callable[..., Any]]:
    """Filters besides `format_date` and `format_month`, which the environment adds per language."""
    return {"json_ld": json_ld}


def _context(views: ViewBuilder, title: str, path: str, kind: str, **values: Any) -> dict[str, Any]:
    return {"site": views.site_view, "page": views.page(title, path, kind=kind), **values}


def paginate(
    items: Sequence[Item], per_page: int, path_of: Callable[[int], str], views: ViewBuilder
) -> Iterator[tuple[str, Sequence[Item], Pager]]:
    """Split `items` into pages; yields each page's path, items and pager."""
    count = max(1, -(-len(items) // per_page))
    links = [PageLink(n, views.urls.link(path_of(n))) for n in range(1, count + 1)]
    for number in range(1, count + 1):
        pager = Pager(
            number=number,
            count=count,
            previous_url=links[number - 2].url if number > 1 else None,
            next_url=links[number].url if number < count else None,
            pages=tuple(links[n - 1] if n else None for n in pager_window(number, count)),
        )
        yield path_of(number), items[(number - 1) * per_page : number * per_page], pager


def pager_window(number: int, count: int, reach: int = PAGER_REACH) -> list[int | None]:
    """The page numbers a pager links on page `number` of `count`: the first, the last and
    those within `reach` of `number`, in order, with None for each run of pages left out
    (a run of one page is linked instead)."""
    shown = sorted({1, count, *range(max(1, number - reach), min(count, number + reach) + 1)})
    window: list[int | None] = []
    for page in shown:
        if window and page - (window[-1] or 0) == 2:
            window.append(page - 1)
        elif window and page - (window[-1] or 0) > 2:
            window.append(None)
        window.append(page)
    return window


def _home_groups(site: Site, views: ViewBuilder, per_page: int) -> list[PageGroup]:
    """A group for each page of the home page."""
    pages = paginate(site.editions, per_page, views.urls.home, views)
    return [
        PageGroup(f"home:{page[0]}", lambda page=page: [_home_page(views, *page)]) for page in pages
    ]


def _home_page(
    views: ViewBuilder, path: str, editions: Sequence[Edition], pager: Pager
) -> PageSpec:
    keys = [key for edition in editions for key in edition.articles]
    page_n = views.messages.gettext("Page %(number)s") % {"number": pager.number}
    title = views.site_view.title if pager.number == 1 else page_n
    return PageSpec(
        path,
        "index.html",
        _context(
            views,
            title,
            path,
            "home",
            editions=tuple(views.edition(e.day, e.articles) for e in editions),
            pager=pager,
            leading_topics=views.leading(keys, "topic"),
            leading_actors=views.leading(keys, "actor"),
            day_actors=_day_actors(views, editions[0].articles if editions else ()),
        ),
    )


def _day_actors(views: ViewBuilder, keys: Sequence[str]) -> tuple[Link, ...]:
    """The actors of the newest day's edition, for the picture on the home page."""
    return views.leading(keys, "actor", DAY_ACTORS)


def _not_found_page(views: ViewBuilder) -> PageSpec:
    title = views.messages.gettext("Page not found")
    return PageSpec("404.html", "404.html", _context(views, title, "404.html", "404"))


def _article_page(site: Site, views: ViewBuilder, key: str, listed: Mapping[str, int]) -> PageSpec:
    """An article's page, copies included; older/newer step through the listed ones."""
    article = views.article(key)
    index = listed.get(key)
    context = _context(views, article.title, site.paths[key], "article", article=article)
    context["page"] = views.page(article.title, site.paths[key], article.summary, "article")
    if key in site.story_of:
        original = site.stories[site.story_of[key]].duplicates.get(key)
        if original:  # a copy points search engines at the article it copies
            canonical = views.urls.absolute(site.paths[original])
            context["page"] = replace(context["page"], canonical=canonical)
    context["related"] = views.cards(site.related.get(key, ()))
    context["newer"] = views.card(site.listed[index - 1]) if index else None
    context["older"] = (
        views.card(site.listed[index + 1])
        if index is not None and index + 1 < len(site.listed)
        else None
    )
    context["story"] = views.story(site.story_of[key]) if key in site.story_of else None
    return PageSpec(site.paths[key], "article.html", context)


def _story_page(views: ViewBuilder, story_id: str) -> PageSpec:
    """A story's page: the event and every source that reported it."""
    story = views.story(story_id)
    path = views.urls.story(story_id)
    return PageSpec(path, "story.html", _context(views, story.title, path, "story", story=story))


def _term_groups(
    site: Site, views: ViewBuilder, per_page: int, kind: str, wanted: Container[str]
) -> list[PageGroup]:
    """The index of all topics (or actors), then each one's pages."""
    terms = site.topics if kind == "topic" else site.actors
    return [
        PageGroup(f"{kind}s", lambda: [_term_index(views, terms, kind)]),
        *(
            PageGroup(name, lambda slug=slug: list(_term_pages(site, views, per_page, kind, slug)))
            for slug in terms
            if (name := f"{kind}:{slug}") in wanted
        ),
    ]


def _term_index(views: ViewBuilder, terms: Mapping[str, object], kind: str) -> PageSpec:
    """The page listing every topic (or actor)."""
    link = views.topic_link if kind == "topic" else views.actor_link
    index_path = views.urls.topics() if kind == "topic" else views.urls.actors()
    _ = views.messages.gettext
    plural = _("Topics") if kind == "topic" else _("Actors")
    links = sorted((link(slug) for slug in terms), key=lambda t: (t.name.casefold(), t.slug))
    return PageSpec(
        index_path, f"{kind}s.html", _context(views, plural, index_path, f"{kind}s", terms=links)
    )


def _term_pages(
    site: Site, views: ViewBuilder, per_page: int, kind: str, slug: str
) -> Iterator[PageSpec]:
    """A topic's (or actor's) paginated pages."""
    term = site.topics[slug] if kind == "topic" else site.actors[slug]
    link = views.topic_link if kind == "topic" else views.actor_link
    path_of = views.urls.topic if kind == "topic" else views.urls.actor
    topics = [t for t in views.leading(term.articles, "topic") if t.slug != slug or kind != "topic"]
    actors = [
        a
        for a in views.leading(term.articles, "actor", NETWORK_SIZE + 1)
        if a.slug != slug or kind != "actor"
    ]
    neighbours = actors if kind == "actor" else []
    pictures = _pictures(site, views, term.name, term.articles, neighbours)
    actors = actors[:SIDEBAR_SIZE]
    pages = paginate(term.articles, per_page, lambda n: path_of(slug, n), views)
    for path, keys, pager in pages:
        later = views.messages.gettext("%(name)s (page %(number)s)")
        numbered = {"name": term.name, "number": pager.number}
        title = term.name if pager.number == 1 else later % numbered
        context = _context(
            views,
            title,
            path,
            kind,
            term=link(slug),
            articles=views.cards(keys),
            pager=pager,
            topics=tuple(topics),
            actors=tuple(actors),
            **pictures,
        )
        if isinstance(term, Actor):
            about = set(term.articles[: term.about])
            context["actor"] = views.actor(slug)
            context["about"] = views.cards(k for k in keys if k in about)
            context["mentions"] = views.cards(k for k in keys if k not in about)
        yield PageSpec(path, f"{kind}.html", context)


def _pictures(
    site: Site, views: ViewBuilder, name: str, keys: Sequence[str], neighbours: Sequence[Link]
) -> dict[str, Markup]:
    """The timeline of a topic or actor, and for an actor the actors it appears with."""
    _ = views.messages.gettext
    per_day = Counter(site.days[key] for key in keys)
    from digest.render.pictures import network_svg, timeline_svg  # only the lists draw

    timeline = timeline_svg(
        sorted(per_day.items()),
        label=_("Articles on %(name)s over time") % {"name": name},
        id_prefix="timeline",
        messages=views.messages,
    )
    network = network_svg(
        name,
        [(link.name, link.count, link.url) for link in neighbours[:NETWORK_SIZE]],
        label=_("Who appears with %(name)s") % {"name": name},
        id_prefix="network",
        messages=views.messages,
    )
    return {"timeline": timeline, "network": network}


def _archived(names: AbstractSet[str]) -> bool:
    """True if any of these groups is the archive's, a year's or a month's."""
    return any(name == "archive" or name.startswith(("year:", "month:")) for name in names)


def _archive_groups(site: Site, views: ViewBuilder) -> list[PageGroup]:
    """The archive (years → months → days), then a group for each year and each month."""
    years = _years(site, views)
    archive = views.urls.archive()
    groups = [
        PageGroup(
            "archive",
            lambda: [
                PageSpec(
                    archive,
                    "archive.html",
                    _context(
                        views, views.messages.gettext("Archive"), archive, "archive", years=years
                    ),
                )
            ],
        )
    ]
    for year in years:
        groups.append(PageGroup(f"year:{year.year}", lambda year=year: [_year_page(views, year)]))
        groups += [
            PageGroup(
                f"month:{month.year}-{month.month}",
                lambda month=month: [_month_page(site, views, month)],
            )
            for month in year.months
        ]
    return groups


def _year_page(views: ViewBuilder, year: YearView) -> PageSpec:
    path = views.urls.year(year.year)
    return PageSpec(path, "year.html", _context(views, str(year.year), path, "year", year=year))


def _month_page(site: Site, views: ViewBuilder, month: MonthView) -> PageSpec:
    path = views.urls.month(month.year, month.month)
    title = views.messages.format_month(month.first_day)
    days = tuple(
        views.edition(e.day, e.articles)
        for e in site.editions
        if (e.day.year, e.day.month) == (month.year, month.month)
    )
    return PageSpec(
        path, "month.html", _context(views, title, path, "month", month=month, editions=days)
    )


def _edition_page(site: Site, views: ViewBuilder, index: int) -> PageSpec:
    """A day's edition, linking the days before and after it."""
    editions = site.editions
    edition = editions[index]
    path = views.urls.edition(edition.day)
    context = _context(
        views,
        views.messages.format_date(edition.day),
        path,
        "edition",
        edition=views.edition(edition.day, edition.articles),
        newer=views.day_link(editions[index - 1].day) if index > 0 else None,
        older=views.day_link(editions[index + 1].day) if index + 1 < len(editions) else None,
    )
    return PageSpec(path, "edition.html", context)


def _search_page(views: ViewBuilder) -> Iterator[PageSpec]:
    """The search page, when the site has a search index; its script fills in the rest."""
    if views.site_view.search_url:
        path = views.urls.search()
        title = views.messages.gettext("Search")
        yield PageSpec(path, "search.html", _context(views, title, path, "search"))


def _years(site: Site, views: ViewBuilder) -> tuple[YearView, ...]:
    months: dict[int, dict[int, list[Link]]] = defaultdict(lambda: defaultdict(list))
    for edition in site.editions:
        day = edition.day
        months[day.year][day.month].append(views.day_link(day, len(edition.articles)))
    years = []
    for year in sorted(months, reverse=True):
        month_views = tuple(
            MonthView(
                year,
                month,
                views.urls.link(views.urls.month(year, month)),
                sum(d.count for d in days),
                tuple(days),
            )
            for month, days in sorted(months[year].items(), reverse=True)
        )
        years.append(
            YearView(
                year,
                views.urls.link(views.urls.year(year)),
                sum(m.count for m in month_views),
                month_views,
            )
        )
    return tuple(years)
