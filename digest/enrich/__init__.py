"""Who and what each article is about: actors (detected and from front matter) and topics."""

from __future__ import annotations

from dataclasses import dataclass

from digest.enrich.actors import ActorRules, with_actors
from digest.enrich.topics import with_folder_topic
from digest.model import Article


@dataclass(frozen=True)
class EnrichSettings:
    """What enriching needs from the config: picklable, for worker processes."""

    topics_from_folders: bool = True
    actors: ActorRules = ActorRules()


def enrich(article: Article, settings: EnrichSettings = EnrichSettings()) -> Article:
    """Add what the article's front matter did not say: its actors and its folder's topic."""
    if settings.topics_from_folders:
        article = with_folder_topic(article)
    return with_actors(article, settings.actors)
