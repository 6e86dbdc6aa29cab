"""Topics: from front matter; else from the folder an article sits in and the topic rules."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import PurePosixPath

from digest.enrich.topic_rules import TopicRule, matching_topics
from digest.model import Article, Term
from digest.slugs import slugify

_NOT_A_TOPIC = re.compile(r"^(\d{1,4}|[a-z]{2}(-[a-z]{2})?|_.*)$")


def folder_topic(content_path: str, language: str = "") -> Term | None:
    """The topic named by an article's first folder (`politics/x.md` → Politics), if any.

    Year or month folders (`2024/`), language folders (`uk/`) and `_private` folders name none.
    """
    for folder in PurePosixPath(content_path).parts[:-1]:
        if not _NOT_A_TOPIC.match(folder.lower()):
            name = folder.replace("-", " ").replace("_", " ").strip()
            slug = slugify(name, language=language)
            return Term(slug, name[:1].upper() + name[1:]) if slug else None
    return None


def with_topics(
    article: Article, from_folders: bool = True, rules: tuple[TopicRule, ...] = ()
) -> Article:
    """Give an article without front-matter topics its folder's topic and those its text earns;
    front-matter topics that name a rule's topic, in any language, become that topic."""
    if article.topics:
        known = _rule_names(rules)
        topics = tuple(_as_rule(term, known, article.language) for term in article.topics)
        unique = {term.slug: term for term in reversed(topics)}
        topics = tuple(term for term in topics if unique.get(term.slug) is term)
        return article if topics == article.topics else replace(article, topics=topics)
    folder = folder_topic(article.key, article.language) if from_folders else None
    found = [folder] if folder else []
    for rule in matching_topics(article.title, str(article.text), article.language, rules):
        found.append(Term(slugify(rule.name), rule.name_in(article.language)))
    unique: dict[str, Term] = {}
    for term in found:
        unique.setdefault(term.slug, term)
    return replace(article, topics=tuple(unique.values())) if unique else article


def _rule_names(rules: tuple[TopicRule, ...]) -> dict[str, TopicRule]:
    """Each rule by every name it has (its own and its translations), case-folded."""
    names: dict[str, TopicRule] = {}
    for rule in rules:
        for name in (rule.name, *(name for _, name in rule.names)):
            names.setdefault(name.casefold(), rule)
    return names


def _as_rule(term: Term, rules: dict[str, TopicRule], language: str) -> Term:
    """The rule's topic, named in `language`, when the term names one; else the term."""
    rule = rules.get(term.name.casefold())
    return Term(slugify(rule.name), rule.name_in(language)) if rule else term
