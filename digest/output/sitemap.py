"""The files for search engines and hosts: `sitemap.xml`, `robots.txt` and `CNAME`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from digest.model import RenderedFile
from digest.site.urls import Urls

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True)
class SitemapEntry:
    """One page search engines should index: its absolute URL and, for articles, lastmod."""

    loc: str
    lastmod: str = ""
    """W3C datetime (`2024-02-28T10:00:00+02:00`), or `""` when the page has none."""
    alternates: tuple[tuple[str, str], ...] = ()
    """The page in each language edition that has it, itself included: (hreflang, URL)."""


def sitemap_file(entries: Iterable[SitemapEntry], urls: Urls) -> RenderedFile:
    """`sitemap.xml` listing every entry in the order given (sitemaps.org protocol 0.9)."""
    entries = list(entries)
    namespaces = {"xmlns": SITEMAP}
    if any(entry.alternates for entry in entries):
        namespaces["xmlns:xhtml"] = XHTML
    root = ET.Element("urlset", namespaces)
    for entry in entries:
        url = ET.SubElement(root, "url")
        ET.SubElement(url, "loc").text = entry.loc
        if entry.lastmod:
            ET.SubElement(url, "lastmod").text = entry.lastmod
        for language, href in entry.alternates:  # Google's hreflang in sitemaps
            attributes = {"rel": "alternate", "hreflang": language, "href": href}
            ET.SubElement(url, "xhtml:link", attributes)
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    return RenderedFile(urls.sitemap(), data)


def robots_file(urls: Urls) -> RenderedFile:
    """`robots.txt`: everything may be crawled; the sitemap named when its URL is absolute.

    Crawlers read robots.txt only at a host's root: under a sub-path (project pages) this
    file is not read, and the sitemap is best submitted to search engines directly.
    """
    lines = ["User-agent: *", "Allow: /"]
    if urls.origin:
        lines += ["", f"Sitemap: {urls.absolute(urls.sitemap())}"]
    return RenderedFile("robots.txt", ("\n".join(lines) + "\n").encode("utf-8"))


def cname_files(cname: str) -> list[RenderedFile]:
    """`CNAME` with the custom domain, when the site has one (branch-published GitHub Pages)."""
    return [RenderedFile("CNAME", f"{cname}\n".encode())] if cname else []
