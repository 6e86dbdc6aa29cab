"""Articles → Translations: which articles are the same story in other languages.

An article's translation key is its front matter's `translation_key`, else its content path
without language folder, language suffix and extension (`uk/2024/story.md` and
`2024/story.ru.md` are both `2024/story`). `translation_of` names the original instead, by
its translation key or its content path. Problems are errors, yet nothing is lost: the
articles are published, only the link that would be wrong is left out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from digest.content.language import path_language
from digest.errors import Problem
from digest.model import Article, Translations


def link_translations(
    articles: Iterable[Article], languages: Sequence[str]
) -> tuple[Translations, list[Problem]]:
    """Group the articles by translation key; `languages` are the site's, the default first.

    Two articles claiming one key in one language: the one whose content path sorts first
    is linked, the other is reported and left unlinked. A `translation_of` naming no article
    is reported and the article left unlinked.
    """
    ordered = sorted(articles, key=lambda article: article.key)
    own = {article.key: own_translation_key(article, languages) for article in ordered}
    named = _names(ordered, own)
    problems: list[Problem] = []
    members: dict[str, dict[str, Article]] = {}
    for article in ordered:
        group = _group_of(article, named, own)
        if group is None:
            problems.append(_missing(article))
            continue
        claimed = members.setdefault(group, {})
        other = claimed.get(article.language)
        if other is not None:
            problems.append(_duplicate(article, other, group))
            continue
        claimed[article.language] = article
    rank = {code: index for index, code in enumerate(languages)}
    groups = {
        group: {
            code: claimed[code].key
            for code in sorted(claimed, key=lambda code: (rank.get(code, len(rank)), code))
        }
        for group, claimed in sorted(members.items())
        if len(claimed) > 1
    }
    group_of = {key: group for group, keys in groups.items() for key in keys.values()}
    return Translations(groups, group_of), problems


def own_translation_key(article: Article, languages: Sequence[str]) -> str:
    """The front matter's `translation_key`, else the path without its language marks."""
    if article.translation_key:
        return article.translation_key
    return path_language(article.key, lambda code: code in languages).base


def _names(ordered: list[Article], own: Mapping[str, str]) -> dict[str, Article]:
    """What `translation_of` may name: translation keys (the first article's), then content
    paths (`en/story.md`, `content/en/story.md`), which win."""
    named = {}
    for article in reversed(ordered):
        named[own[article.key]] = article
    for article in ordered:
        named[article.key] = named[article.source_path] = article
    return named


def _group_of(article: Article, named: Mapping[str, Article], own: Mapping[str, str]) -> str | None:
    """The key of the article's group: its own, or its original's (following `translation_of`);
    None if its `translation_of` names no article."""
    chain = [article]
    while chain[-1].translation_of:
        name = chain[-1].translation_of.strip().removeprefix("/")
        original = named.get(name)
        if original is None:
            return None if len(chain) == 1 else own[chain[-1].key]
        if any(link.key == original.key for link in chain):
            return min(own[link.key] for link in chain)
        chain.append(original)
    return own[chain[-1].key]


def _missing(article: Article) -> Problem:
    return Problem(
        article.source_path,
        article.translation_line,
        f"`translation_of: {article.translation_of}` names no article; published unlinked",
        "name the original's translation_key or its path below content/ (e.g. `en/story.md`);"
        " a draft original counts only with --drafts",
    )


def _duplicate(article: Article, other: Article, group: str) -> Problem:
    return Problem(
        article.source_path,
        article.translation_line,
        f"{other.source_path} is already the `{article.language}` translation of `{group}`;"
        " published unlinked",
        "give one of them its own `translation_key` or `lang`",
    )
