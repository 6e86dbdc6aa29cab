"""Who and what each article is about: actors (detected and from front matter) and topics."""

from __future__ import annotations

from dataclasses import dataclass, replace

from digest.enrich.actors import ActorRules, with_actors
from digest.enrich.topic_rules import TopicRule
from digest.enrich.topics import with_topics
from digest.model import Article


@dataclass(frozen=True)
class EnrichSettings:
    """What enriching needs from the config: picklable, for worker processes."""

    topics_from_folders: bool = True
    actors: ActorRules = ActorRules()
    topic_rules: tuple[TopicRule, ...] = ()


def enrich(article: Article, settings: EnrichSettings = EnrichSettings()) -> Article:
    """Add what the article's front matter did not say: its actors and topics; and sign its
    text for story grouping."""
    article = with_topics(article, settings.topics_from_folders, settings.topic_rules)
    article = with_actors(article, settings.actors)
    # Imported here: numpy takes a tenth of a second, which a build of an unchanged
    # project (or `digest --help`) should not pay.
    from digest.enrich.stories import sign_text

    return replace(article, signature=sign_text(article.title, str(article.text)))
