"""A fetched or saved document read as what it is: an OPML list, a feed, or an article page."""

from __future__ import annotations

from digest.importing.feeds import looks_like_opml, read_feed, read_opml
from digest.importing.items import SourceRead
from digest.importing.pages import front_page_feeds, looks_like_html, read_page


def read_document(
    data: bytes, address: str, origin: str, content_type: str = ""
) -> SourceRead | str:
    """What the document at `address` (`""` for a file) gives, or why it gives nothing: an
    OPML list's feeds, a feed's articles, a front page's feed, or an article page's article.
    `origin` names the source in reports and ledger: its URL or the file's path."""
    base = address or origin
    if looks_like_opml(data):
        return read_opml(data, base)
    if not looks_like_html(data):  # a feed served as text/html is still read as a feed
        feed = read_feed(data, base, content_type)
        if feed is not None:
            return feed
        if not looks_like_html(data, content_type):
            return "neither a feed, an OPML list nor an HTML page"
    feeds = front_page_feeds(data, address or origin)
    if feeds:  # a site's front page: its first feed has the articles
        return SourceRead(
            feeds=feeds[:1], warnings=(f"{origin}: a front page; importing its feed {feeds[0]}",)
        )
    page = read_page(data, address, origin)
    if isinstance(page, str):
        return page
    return SourceRead(articles=(page,))
