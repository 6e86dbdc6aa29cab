"""`digest import`: articles brought in from feeds and web pages, safely and repeatably.

A source (a feed, an OPML list of feeds, or an article page; a URL or a file) is fetched
(`fetch`: timeouts, retries, conditional requests, a size limit), read into items
(`feeds`, `pages`), each item's HTML sanitised and converted to Markdown (`cleaning`), and
written as one Markdown file with front matter (`writing`). The ledger (`ledger`) remembers
what was imported, so that importing again changes nothing, and a file the user edited is
never overwritten.
"""
