"""Reading built pages with real parsers: strict HTML5 parsing, links, and what a page lists."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
from lxml import html as lxml_html

ARTICLE_PATH = re.compile(r"/\d{4}/\d{2}/\d{2}/[^/]+/$")


def html_errors(path: Path) -> list[str]:
    """Parse errors a strict HTML5 parser reports for one page."""
    parser = html5lib.HTMLParser(strict=False)
    with path.open("rb") as file:
        parser.parse(file)
    return [f"{path}: line {pos[0]}: {code} {data}" for pos, code, data in parser.errors]


def tree(path: Path) -> lxml_html.HtmlElement:
    return lxml_html.fromstring(path.read_bytes())


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def resolve(site: Path, base_path: str, url: str) -> Path | None:
    """The file an internal URL points to, or None if it points nowhere."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path.startswith(base_path):
        return None
    relative = path[len(base_path) :]
    target = site / relative
    if relative == "" or relative.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def internal_urls(page: Path) -> list[str]:
    """Every href and src of a page that is not an external or special URL."""
    urls = []
    for element in tree(page).iter():
        for attribute in ("href", "src"):
            url = element.get(attribute)
            if url and not urlsplit(url).scheme and not url.startswith(("#", "//")):
                urls.append(url)
    return urls


def listed_articles(page: Path) -> list[str]:
    """Article URLs linked from the page's <main>, in order, without repeats."""
    main = tree(page).find(".//main")
    assert main is not None, f"{page} has no <main>"
    found = [a.get("href") for a in main.iter("a") if ARTICLE_PATH.search(a.get("href") or "")]
    return list(dict.fromkeys(found))
