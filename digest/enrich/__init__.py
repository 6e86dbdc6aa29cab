"""Who and what each article is about. Actors come from front matter until detection lands here."""

from __future__ import annotations

from digest.enrich.topics import with_folder_topic
from digest.model import Article


def enrich(article: Article, topics_from_folders: bool = True) -> Article:
    """Add what the article's front matter did not say: for now, its folder's topic."""
    return with_folder_topic(article) if topics_from_folders else article
