"""Topics: from front matter, else from the folder an article sits in."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath

from digest.model import Article, Term
from digest.slugs import slugify

_NOT_A_TOPIC = re.compile(r"^(\d{1,4}|[a-z]{2}(-[a-z]{2})?|_.*)$")


def folder_topic(content_path: str) -> Term | None:
    """The topic named by an article's first folder (`politics/x.md` → Politics), if any.

    Year or month folders (`2024/`), language folders (`uk/`) and `_private` folders name none.
    """
    for folder in PurePosixPath(content_path).parts[:-1]:
        if not _NOT_A_TOPIC.match(folder.lower()):
            name = folder.replace("-", " ").replace("_", " ").strip()
            slug = slugify(name)
            return Term(slug, name[:1].upper() + name[1:]) if slug else None
    return None


def with_folder_topic(article: Article) -> Article:
    """Give an article without topics the topic of its folder."""
    if article.topics:
        return article
    topic = folder_topic(article.key)
    return replace(article, topics=(topic,)) if topic else article
