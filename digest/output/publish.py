"""Everything published beside the pages: feeds, sitemap, robots.txt and CNAME."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from digest.config import SiteConfig
from digest.model import RenderedFile, Site
from digest.output.feeds import feed_files
from digest.output.sitemap import SitemapEntry, cname_files, robots_file, sitemap_file
from digest.render.pages import PageSpec
from digest.site.urls import Urls


def published_files(
    site: Site, specs: Sequence[PageSpec], urls: Urls, config: SiteConfig
) -> list[RenderedFile]:
    """The files that go with the rendered pages, in a fixed order."""
    return [
        *feed_files(site, urls, config),
        sitemap_file(sitemap_entries(specs, urls), urls),
        robots_file(urls),
        *cname_files(config.cname),
    ]


def sitemap_entries(specs: Sequence[PageSpec], urls: Urls) -> Iterator[SitemapEntry]:
    """Every page that is its own canonical page (not 404, not a copy of another article)."""
    for spec in specs:
        page = spec.context["page"]
        url = urls.absolute(spec.path)
        if page.kind == "404" or page.canonical != url:
            continue
        article = spec.context.get("article") if page.kind == "article" else None
        moment = (article.updated or article.date) if article else None
        yield SitemapEntry(url, moment.isoformat(timespec="seconds") if moment else "")
