"""An article page read into an article: its main text (trafilatura), without navigation, ads
and comments, and what its metadata says (title, date, authors, outlet, picture, language)."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit

from digest.importing.cleaning import html_to_text
from digest.importing.items import ImportedArticle
from digest.importing.urls import absolute_url, is_web_url

DATE_SETTINGS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True}
"""htmldate's settings: the publication date (not the last change), with its time."""


def looks_like_html(data: bytes, content_type: str = "") -> bool:
    """True for an HTML document."""
    if "html" in content_type:
        return True
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<meta"))


FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


def front_page_feeds(data: bytes | str, url: str) -> tuple[str, ...]:
    """The feeds a site's front page announces (`<link rel="alternate">`), absolute; none for
    an article page, which often announces the site's feeds too. A page is a front page when
    it says so (`og:type` "website") or sits at the root of its site."""
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(data)
    except (ValueError, lxml_html.etree.ParserError):
        return ()
    kinds = tree.xpath("//meta[@property='og:type']/@content")
    at_root = bool(url) and urlsplit(url).path in ("", "/")
    if "article" in kinds or not ("website" in kinds or at_root):
        return ()
    links = tree.xpath("//link[@href and contains(concat(' ', @rel, ' '), ' alternate ')]")
    found = (
        absolute_url(str(link.get("href")), url)
        for link in links
        if str(link.get("type", "")).split(";")[0].strip().lower() in FEED_TYPES
    )
    return tuple(dict.fromkeys(feed for feed in found if is_web_url(feed)))


def read_page(data: bytes | str, url: str, origin: str) -> ImportedArticle | str:
    """The article of a page at `url` (the address it was fetched from, or `""` for a saved
    file, when its canonical link says where it lives), or why there is none."""
    import trafilatura  # imported when a page is read: it takes a quarter of a second
    from trafilatura.metadata import extract_metadata

    html = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    meta = extract_metadata(html, default_url=url or None, date_config=DATE_SETTINGS)
    address = url or str(meta.url or "")
    body = trafilatura.extract(
        html,
        url=address or None,
        output_format="html",
        include_comments=False,
        include_images=True,
        include_links=True,
        include_formatting=True,
        include_tables=True,
    )
    if not body:
        return "no article text found on the page"
    title = " ".join(str(meta.title or "").split())
    if not title:
        return "the page has no title"
    return ImportedArticle(
        title=title,
        url=address,
        origin=origin,
        published=_page_date(meta.date),
        authors=tuple(name.strip() for name in str(meta.author or "").split(";") if name.strip()),
        source_name=str(meta.sitename or ""),
        language=str(meta.language or ""),
        summary=html_to_text(str(meta.description or "")),
        topics=tuple(dict.fromkeys([*(meta.categories or []), *(meta.tags or [])])),
        image=absolute_url(str(meta.image or ""), address) if meta.image else "",
        body_html=_without_title(body, title),
        base_url=address,
    )


def _page_date(value: str | None) -> datetime | None:
    """htmldate's date (with time and offset when the page gives them) as an aware datetime."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _without_title(body: str, title: str) -> str:
    """The extracted HTML without its first heading when that only repeats the title."""
    from lxml import html as lxml_html

    tree = lxml_html.fromstring(body)
    first = next(iter(tree.iter("h1", "h2")), None)
    if first is not None and " ".join(first.text_content().split()) == title:
        first.drop_tree()
    return lxml_html.tostring(tree, encoding="unicode")
