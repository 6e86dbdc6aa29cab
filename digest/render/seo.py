"""What a page tells feed readers, sharing cards and search engines about itself.

`described(views, context)` completes a page's PageMeta from what its template receives:
the feeds to announce, the picture to share, and schema.org objects (JSON-LD) —
NewsArticle on articles, Person/Organization/Country on actors, BreadcrumbList on the
pages below the home page, WebSite on the home page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from digest.render.views import (
    ActorView,
    ArticleView,
    FeedLink,
    Link,
    PageMeta,
    ViewBuilder,
)

SCHEMA = "https://schema.org"
SCHEMA_TYPES = {"person": "Person", "country": "Country", "organisation": "Organization"}
"""schema.org type of each actor kind; groups and unknown kinds are Organization and Thing."""
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028"}


def described(views: ViewBuilder, context: Mapping[str, Any]) -> PageMeta:
    """The page's PageMeta with its feeds, shared image and structured data filled in."""
    page: PageMeta = context["page"]
    urls = views.urls
    feeds = views.site_view.feeds
    image = ""
    data: list[dict[str, Any]] = []
    if page.kind == "home":
        data.append(_website(views))
    elif page.kind == "article":
        article: ArticleView = context["article"]
        image = urls.full(article.image)
        data.append(_news_article(views, article, page))
    elif page.kind in ("topic", "actor"):
        term: Link = context["term"]
        path = urls.topic(term.slug) if page.kind == "topic" else urls.actor(term.slug)
        title = f"{term.name} — {views.site_view.title}"
        feeds = (FeedLink(title, urls.link(urls.feed(path))), *feeds)
        if page.kind == "actor":
            actor: ActorView = context["actor"]
            image = urls.full(actor.image)
            data.append({"@context": SCHEMA, **_actor_thing(views, actor, full=True)})
    trail = _trail(views, context)
    if trail:
        data.append(_breadcrumbs(views, trail))
    kind = "article" if page.kind == "article" else page.type
    return replace(page, type=kind, feeds=feeds, image=image, structured_data=tuple(data))


def json_ld(data: Mapping[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped as \\u003c…,
    so no text (a headline with `</script>` or `<!--`) can end the script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in _JSON_ESCAPES.items():
        text = text.replace(character, escape)
    return Markup(text)


def _website(views: ViewBuilder) -> dict[str, Any]:
    site = views.site_view
    data = {"@context": SCHEMA, "@type": "WebSite", "name": site.title, "url": site.base_url}
    if site.description:
        data["description"] = site.description
    return {**data, "inLanguage": site.language}


def _news_article(views: ViewBuilder, article: ArticleView, page: PageMeta) -> dict[str, Any]:
    urls = views.urls
    site = views.site_view
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": article.title,
        "url": urls.full(article.url),
        "mainEntityOfPage": page.canonical,
        "datePublished": article.date.isoformat(timespec="seconds"),
        "dateModified": (article.updated or article.date).isoformat(timespec="seconds"),
        "inLanguage": article.language,
    }
    if article.summary:
        data["description"] = article.summary
    if article.image:
        data["image"] = [urls.full(article.image)]
    if article.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in article.authors]
    data["publisher"] = {"@type": "Organization", "name": site.title, "url": site.base_url}
    if article.topics:
        data["keywords"] = [topic.name for topic in article.topics]
    main = {link.slug for link in article.main_actors}
    about = [views.actor(link.slug) for link in article.actors if link.slug in main]
    others = [views.actor(link.slug) for link in article.actors if link.slug not in main]
    if about:
        data["about"] = [_actor_thing(views, actor) for actor in about]
    if others:
        data["mentions"] = [_actor_thing(views, actor) for actor in others]
    if article.source_url:
        data["isBasedOn"] = article.source_url
    return data


def _actor_thing(views: ViewBuilder, actor: ActorView, full: bool = False) -> dict[str, Any]:
    """An actor as a schema.org Person, Organization or Country; `full` adds its profile."""
    kind = SCHEMA_TYPES.get(actor.kind, "Organization" if actor.kind == "group" else "Thing")
    data: dict[str, Any] = {"@type": kind, "name": actor.name, "url": views.urls.full(actor.url)}
    if actor.wikidata_url:
        data["sameAs"] = actor.wikidata_url
    if full:
        if actor.description:
            data["description"] = actor.description
        if actor.role and kind == "Person":
            data["jobTitle"] = actor.role
        if actor.image:
            data["image"] = views.urls.full(actor.image)
    return data


def _trail(views: ViewBuilder, context: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The (name, URL) steps from the home page to this page; none for home and 404."""
    page: PageMeta = context["page"]
    site = views.site_view
    kind = page.kind
    if kind in ("home", "404", ""):
        return []
    trail = [(site.title, site.home_url)]
    _ = views.messages.gettext
    if kind == "article":
        article: ArticleView = context["article"]
        trail += [(t.name, t.url) for t in article.topics[:1]]
        return [*trail, (article.title, article.url)]
    if kind in ("topic", "actor"):
        topics, actors = (_("Topics"), site.topics_url), (_("Actors"), site.actors_url)
        index = topics if kind == "topic" else actors
        term: Link = context["term"]
        return [*trail, index, (term.name, term.url)]
    if kind in ("year", "month", "edition"):
        trail.append((_("Archive"), site.archive_url))
        day = context["edition"].day if kind == "edition" else None
        month = context["month"] if kind == "month" else None
        year = context["year"].year if kind == "year" else (day or month.first_day).year
        trail.append((str(year), views.urls.link(views.urls.year(year))))
        if kind != "year":
            first = day.replace(day=1) if day else month.first_day
            month_url = views.urls.link(views.urls.month(first.year, first.month))
            trail.append((views.messages.format_month(first), month_url))
        if day:
            trail.append((views.messages.format_date(day), context["edition"].url))
        return trail
    return [*trail, (page.title, page.url)]


def _breadcrumbs(views: ViewBuilder, trail: list[tuple[str, str]]) -> dict[str, Any]:
    items = [
        {"@type": "ListItem", "position": n, "name": name, "item": views.urls.full(url)}
        for n, (name, url) in enumerate(trail, start=1)
    ]
    return {"@context": SCHEMA, "@type": "BreadcrumbList", "itemListElement": items}
