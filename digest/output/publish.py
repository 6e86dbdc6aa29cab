"""Everything published beside the pages: feeds, sitemap, robots.txt and CNAME."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from digest.config import SiteConfig
from digest.model import RenderedFile
from digest.output.sitemap import SitemapEntry, cname_files, robots_file, sitemap_file
from digest.render.pages import PageSpec
from digest.site.urls import Urls


class PublishMemory:
    """What the last build published beside its pages, kept for the next one in the same
    process: which files it wrote, and its sitemap, reused while its entries are equal."""

    def __init__(self) -> None:
        self._sitemap: tuple[tuple[SitemapEntry, ...], RenderedFile] | None = None
        self._entries: list[tuple[PageSpec, SitemapEntry | None]] = []
        """Each page of the last call, in order, with its entry."""
        self._base_url = ""
        self._written: dict[str, tuple[RenderedFile, tuple[int, int]]] = {}
        """The last build's files, each with the size and mtime of the file written."""

    def unwritten(
        self, files: list[RenderedFile], output: Path, trusted: bool = False
    ) -> tuple[list[RenderedFile], list[str]]:
        """The files to write, and the paths of those the output still holds as written last
        time: the very same file (reused by the memory) and a file of the same size and mtime
        (not looked at if the output is `trusted`: nobody else writes it)."""
        fresh, kept = [], []
        for file in files:
            known = self._written.get(file.path)
            if (
                known is not None
                and known[0] is file
                and (trusted or _stat(output / file.path) == known[1])
            ):
                kept.append(file.path)
            else:
                fresh.append(file)
        return fresh, kept

    def remember_written(
        self, files: list[RenderedFile], stats: Mapping[str, tuple[int, int]]
    ) -> None:
        """Note the files of this build, with the stats of those just written."""
        self._written = {
            file.path: (
                file,
                stats[file.path] if file.path in stats else self._written[file.path][1],
            )
            for file in files
        }

    def sitemap(
        self, specs: Sequence[PageSpec], urls: Urls, fresh: Sequence[int] | None = None
    ) -> RenderedFile:
        """`sitemap.xml` for these pages; a page planned again gets its entry anew. `fresh`
        names the only pages that can differ from the last call's (`Plan.fresh`)."""
        known = self._entries if self._base_url == urls.base_url else []
        if fresh is not None and len(known) == len(specs):
            entries = list(known)
            for index in fresh:
                entries[index] = (specs[index], sitemap_entry(specs[index], urls))
        else:
            memo = {id(pair[0]): pair for pair in known}  # the pairs keep each id its own
            entries = []
            for spec in specs:
                pair = memo.get(id(spec))
                if pair is None or pair[0] is not spec:
                    pair = (spec, sitemap_entry(spec, urls))
                entries.append(pair)
        self._entries, self._base_url = entries, urls.base_url
        listed = tuple(entry for _, entry in entries if entry is not None)
        if self._sitemap is None or self._sitemap[0] != listed:
            self._sitemap = (listed, sitemap_file(listed, urls))
        return self._sitemap[1]


def site_files(
    specs: Sequence[PageSpec],
    config: SiteConfig,
    memory: PublishMemory | None = None,
    fresh: Sequence[int] | None = None,
) -> list[RenderedFile]:
    """The files of the whole site that go with the rendered pages of every language edition
    (sitemap, robots.txt, CNAME), in a fixed order; `memory` holds what the last build
    published, to reuse what has the same inputs; `fresh` names the only pages that can
    differ from the last build's (`Plan.fresh`)."""
    memory = memory or PublishMemory()
    urls = Urls(config.base_url)
    return [memory.sitemap(specs, urls, fresh), robots_file(urls), *cname_files(config.cname)]


def sitemap_entry(spec: PageSpec, urls: Urls) -> SitemapEntry | None:
    """A page's entry, if it is its own canonical page (not 404, not a copy of another)."""
    page = spec.context["page"]
    url = urls.absolute(spec.path)
    if page.kind == "404" or page.canonical != url:
        return None
    article = spec.context.get("article") if page.kind == "article" else None
    moment = (article.updated or article.date) if article else None
    return SitemapEntry(
        url,
        moment.isoformat(timespec="seconds") if moment else "",
        tuple((other.language, other.absolute) for other in page.alternates),
    )


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        result = path.stat()
    except OSError:
        return None
    return result.st_size, result.st_mtime_ns
