"""`digest check`: every link, image, stylesheet and #anchor of a built site resolves.

A site is checked as its host serves it: under the base path of `base_url` (`/repo/` for a
GitHub project site), a URL ending in `/` being its folder's `index.html`. Feeds and sitemaps
(`*.xml`) must be well-formed, and the site's own URLs in them must exist. External links are
only collected here; `check_external` visits them, politely, when asked.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from digest import __version__
from digest.errors import DigestError, Problem

LINK_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "script": ("src",),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
}
SKIPPED_SCHEMES = ("mailto", "tel", "javascript", "data", "blob", "about")
ALWAYS_THERE = {"", "top"}
"""Fragments a browser resolves without a matching id: `#` and `#top` scroll to the top."""


@dataclass(frozen=True, order=True)
class Failure:
    """One reference that does not resolve: `page: link: reason`."""

    page: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


@dataclass(frozen=True)
class CheckReport:
    """What was checked, and every failure found, in page order."""

    pages: int
    links: int
    feeds: int
    failures: tuple[Failure, ...]
    external: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """External URL → the pages that link to it (checked only by `check_external`)."""


@dataclass(frozen=True)
class Page:
    """What one HTML file holds for the check: its ids and the URLs it refers to."""

    ids: frozenset[str]
    references: tuple[str, ...]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value for name, value in attrs if value is not None}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for name in LINK_ATTRIBUTES.get(tag, ()):
            if name not in values:
                continue
            if name == "srcset":
                self.references += srcset_urls(values[name])
            elif tag != "link" or _is_fetched_link(values):
                self.references.append(values[name].strip())


def _is_fetched_link(values: Mapping[str, str]) -> bool:
    """`<link>`s a browser or reader follows; `preconnect` and `dns-prefetch` name hosts only."""
    rel = set(values.get("rel", "").lower().split())
    return not rel & {"preconnect", "dns-prefetch"}


def parse_page(html: str) -> Page:
    """The ids and references of an HTML document."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return Page(frozenset(parser.ids), tuple(parser.references))


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a `srcset`: `a.jpg 1x, b.jpg 2x` → `[a.jpg, b.jpg]`."""
    urls = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            urls.append(parts[0])
    return urls


@dataclass(frozen=True)
class SiteMap:
    """Where a site lives: its output folder and the base URL it is served under."""

    folder: Path
    base_url: str = "/"

    @property
    def base_path(self) -> str:
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc.lower()

    def url_of(self, relative: str) -> str:
        """The root-relative URL a file is served at: `topics/index.html` → `/repo/topics/`."""
        path = relative.removesuffix("index.html") if relative.endswith("index.html") else relative
        return self.base_path + path

    def file_of(self, path: str) -> Path | None:
        """The file a root-relative URL path under the base path serves, if it exists."""
        relative = unquote(path[len(self.base_path) :])
        target = self.folder / relative
        if path.endswith("/") or relative == "":
            target = target / "index.html"
        if target.is_file():
            return target
        if (target / "index.html").is_file():  # hosts redirect `/topics` to `/topics/`
            return target / "index.html"
        return None


def is_external(url: str, site: SiteMap) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) and parts.netloc.lower() != site.host


def check_site(folder: Path, base_url: str = "/") -> CheckReport:
    """Check every HTML page and XML feed of the built site in `folder`."""
    site = SiteMap(folder.resolve(), base_url)
    if not site.folder.is_dir():
        raise DigestError(
            Problem(str(folder), None, "no built site here", "run `digest build` first")
        )
    pages = {
        path.relative_to(site.folder).as_posix(): path
        for path in sorted(site.folder.rglob("*"))
        if path.suffix in (".html", ".htm") and path.is_file()
    }
    parsed: dict[Path, Page] = {}

    def page_at(path: Path) -> Page:
        if path not in parsed:
            parsed[path] = parse_page(path.read_text(encoding="utf-8", errors="replace"))
        return parsed[path]

    failures: list[Failure] = []
    external: dict[str, list[str]] = defaultdict(list)
    count = 0
    for relative, path in pages.items():
        page_url = site.url_of(relative)
        for reference in dict.fromkeys(page_at(path).references):
            count += 1
            absolute = urljoin(page_url, reference)
            if is_external(absolute, site):
                external[_with_scheme(absolute)].append(relative)
                continue
            reason = resolve(reference, page_url, site, page_at)
            if reason:
                failures.append(Failure(relative, reference, reason))
    feeds = sorted(p for p in site.folder.rglob("*.xml") if p.is_file())
    for feed in feeds:
        failures += check_feed(feed, site, page_at)
    return CheckReport(
        pages=len(pages),
        links=count,
        feeds=len(feeds),
        failures=tuple(sorted(failures)),
        external={url: tuple(dict.fromkeys(found)) for url, found in sorted(external.items())},
    )


def _with_scheme(url: str) -> str:
    """A protocol-relative `//host/x` as the `https:` URL a browser on Pages would use."""
    return f"https:{url}" if url.startswith("//") else url


def resolve(
    reference: str, page_url: str, site: SiteMap, page_at: Callable[[Path], Page]
) -> str | None:
    """Why `reference` on the page at `page_url` does not resolve; None when it does."""
    if not reference or urlsplit(reference).scheme.lower() in SKIPPED_SCHEMES:
        return None
    url = urlsplit(urljoin(page_url, reference))
    if url.scheme not in ("", "http", "https"):
        return None
    if not url.path.startswith(site.base_path):
        return f"outside the base path {site.base_path}"
    target = site.file_of(url.path)
    if target is None:
        return "not found"
    fragment = unquote(url.fragment)
    is_page = target.suffix in (".html", ".htm")
    if is_page and fragment not in ALWAYS_THERE and fragment not in page_at(target).ids:
        return f'no element with id "{fragment}" on {target.relative_to(site.folder)}'
    return None


FEED_LINKS = {
    "{http://www.w3.org/2005/Atom}link": "href",
    "{http://www.sitemaps.org/schemas/sitemap/0.9}loc": "",
    "link": "",
}


def check_feed(path: Path, site: SiteMap, page_at: Callable[[Path], Page]) -> list[Failure]:
    """A feed or sitemap must parse as XML, and the site's own URLs in it must resolve."""
    relative = path.relative_to(site.folder).as_posix()
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        return [Failure(relative, "(XML)", f"not well-formed XML: {error}")]
    failures = []
    for element in root.iter():
        attribute = FEED_LINKS.get(element.tag)
        if attribute is None:
            continue
        url = (element.get(attribute) if attribute else element.text) or ""
        url = url.strip()
        if not url or (urlsplit(url).netloc and is_external(url, site)):
            continue
        reason = resolve(url, site.url_of(relative), site, page_at)
        if reason:
            failures.append(Failure(relative, url, reason))
    return failures


# External links: off by default; a few at a time, at most PER_HOST to one host at once.

USER_AGENT = f"digest-check/{__version__} (static site link checker)"
MAX_WORKERS = 4
PER_HOST = 2
TIMEOUT = 10.0
RETRY_WITH_GET = {403, 405, 501}
"""Statuses a server gives to HEAD that a GET may not get: check those with GET."""

Fetch = Callable[[str, str], int]
"""`fetch(method, url)` → HTTP status; raises OSError when the request fails."""


def external_reason(status: int) -> str | None:
    """Why a final status means a broken link; None for success and redirects followed."""
    if 200 <= status < 400:
        return None
    return f"HTTP {status}"


def check_url(url: str, fetch: Fetch) -> str | None:
    """HEAD, then GET when the server refuses HEAD; the reason it fails, or None."""
    try:
        status = fetch("HEAD", url)
        if status in RETRY_WITH_GET:
            status = fetch("GET", url)
    except OSError as error:
        return f"unreachable: {getattr(error, 'reason', None) or error}"
    return external_reason(status)


def hosts_first_seen(urls: Iterable[str]) -> dict[str, list[str]]:
    """URLs grouped by host, hosts in first-seen order."""
    groups: dict[str, list[str]] = {}
    for url in urls:
        groups.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    return groups


def check_external(
    external: Mapping[str, Iterable[str]],
    fetch: Fetch | None = None,
    workers: int = MAX_WORKERS,
    per_host: int = PER_HOST,
) -> list[Failure]:
    """Visit every external URL once, at most `per_host` to one host at a time."""
    fetch = fetch or fetch_status
    limits = {host: threading.Semaphore(per_host) for host in hosts_first_seen(external)}

    def visit(url: str) -> tuple[str, str | None]:
        with limits[urlsplit(url).netloc.lower()]:
            return url, check_url(url, fetch)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(visit, _interleaved(hosts_first_seen(external))))
    return sorted(
        Failure(page, url, reason) for url, reason in results if reason for page in external[url]
    )


def _interleaved(groups: Mapping[str, list[str]]) -> Iterator[str]:
    """One URL of each host in turn, so that no host gets a burst of requests."""
    queues = [list(urls) for urls in groups.values()]
    while any(queues):
        for queue in queues:
            if queue:
                yield queue.pop(0)


def fetch_status(method: str, url: str) -> int:
    """The HTTP status of `url` (redirects followed); raises OSError on network failure."""
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
