"""Every permalink and output path in one place, under a base path for GitHub project pages.

A *site path* is relative to the output root: `""` is the home page, `topics/nato/` a
pretty URL (written as `topics/nato/index.html`), `feed.xml` a plain file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Urls:
    """Builds site paths and turns them into links; `prefix` is a language edition's folder."""

    base_url: str = "/"
    prefix: str = ""

    @property
    def base_path(self) -> str:
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def link(self, path: str) -> str:
        """The root-relative URL of a site path: `/repo/topics/nato/`."""
        return self.base_path + path

    def absolute(self, path: str) -> str:
        """The full URL when `base_url` names a host, else the root-relative one."""
        return self.origin + self.link(path)

    @property
    def origin(self) -> str:
        """`https://host` when `base_url` names a host, else `""`."""
        parts = urlsplit(self.base_url)
        return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""

    @property
    def host(self) -> str:
        """The host `base_url` names, lower case, without port; `""` when it names none."""
        return urlsplit(self.base_url).hostname or ""

    def full(self, url: str) -> str:
        """A root-relative URL (`/repo/img/a.jpg`) made absolute; other URLs as they are."""
        return self.origin + url if url.startswith("/") and not url.startswith("//") else url

    def home(self, page: int = 1) -> str:
        return paged(self.prefix, page)

    def article(self, day: date, slug: str) -> str:
        return f"{self.edition(day)}{slug}/"

    def edition(self, day: date) -> str:
        return f"{self.month(day.year, day.month)}{day.day:02}/"

    def month(self, year: int, month: int) -> str:
        return f"{self.year(year)}{month:02}/"

    def year(self, year: int) -> str:
        return f"{self.prefix}{year}/"

    def archive(self) -> str:
        return f"{self.prefix}archive/"

    def topics(self) -> str:
        return f"{self.prefix}topics/"

    def topic(self, slug: str, page: int = 1) -> str:
        return paged(f"{self.topics()}{slug}/", page)

    def actors(self) -> str:
        return f"{self.prefix}actors/"

    def actor(self, slug: str, page: int = 1) -> str:
        return paged(f"{self.actors()}{slug}/", page)

    def story(self, story_id: str) -> str:
        return f"{self.prefix}stories/{story_id.removeprefix('story-')}/"

    def feed(self, page: str = "") -> str:
        """The Atom feed of a page: the site's (`feed.xml`), a topic's or an actor's."""
        return f"{page or self.prefix}feed.xml"

    def rss(self) -> str:
        return f"{self.prefix}rss.xml"

    def sitemap(self) -> str:
        return "sitemap.xml"
    def search(self) -> str:
        return f"{self.prefix}search/"

    def static(self, name: str) -> str:
        return name.lstrip("/")


def paged(path: str, page: int) -> str:
    """Page 1 lives at the path itself, page N at `path/page/N/`."""
    return path if page <= 1 else f"{path}page/{page}/"


def output_file(path: str) -> str:
    """The file a site path is written to: pretty URLs end in `index.html`."""
    return f"{path}index.html" if path == "" or path.endswith("/") else path
