"""One site, several language editions: each edition's settings and articles, and where each
page has its counterparts in the others (for language switchers and `hreflang` links).

Every edition is a whole site under its prefix (`uk/`), collected and rendered on its own;
only the translations of articles and the counterparts of pages link the editions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from digest.config import LanguageConfig, SiteConfig
from digest.errors import Problem
from digest.model import ActorProfile, Article, Site, Translations
from digest.site.collect import CollectMemory, collect_site
from digest.site.translations import link_translations
from digest.site.urls import Urls

Counterparts = tuple[tuple[str, str], ...]
"""A page in every edition that has it: (language code, site path) pairs, in the site's order
of languages, the page itself included."""


@dataclass(frozen=True)
class LanguageEdition:
    """One language's edition: the settings it is built with (its language, title and
    description in place of the site's) and its URLs (under its prefix)."""

    language: LanguageConfig
    config: SiteConfig
    urls: Urls
    main: bool
    """The first edition, which also carries the pages of the whole site (`404.html`)."""

    @property
    def code(self) -> str:
        return self.language.code


def language_editions(config: SiteConfig) -> tuple[LanguageEdition, ...]:
    """The site's editions, the default language's first; a one-language site has one."""
    return tuple(
        LanguageEdition(
            language,
            replace(
                config,
                language=language.code,
                title=language.title or config.title,
                description=language.description or config.description,
            ),
            Urls(config.base_url, language.path_prefix),
            main=index == 0,
        )
        for index, language in enumerate(config.languages)
    )


def collect_editions(
    articles: Sequence[Article],
    editions: Sequence[LanguageEdition],
    profiles: Mapping[str, ActorProfile],
    memory_of: Callable[[str], CollectMemory],
) -> tuple[dict[str, Site], list[Problem]]:
    """Each edition's Site by language code, linked to the others; `memory_of(code)` is what
    the last collect of that edition found."""
    shares = by_language(articles, editions)
    sites: dict[str, Site] = {}
    problems: list[Problem] = []
    for edition in editions:
        site, found = collect_site(
            shares[edition.code],
            edition.urls,
            edition.config.tz,
            profiles,
            memory_of(edition.code),
        )
        sites[edition.code] = site
        problems += found
    if len(editions) > 1:
        translations, found = link_translations(articles, [edition.code for edition in editions])
        problems += found
        search = editions[0].config.search.enabled
        linked = counterparts(sites, editions, translations, search)
        sites = {code: replace(site, counterparts=linked[code]) for code, site in sites.items()}
    return sites, problems


def by_language(
    articles: Iterable[Article], editions: Sequence[LanguageEdition]
) -> dict[str, list[Article]]:
    """Each edition's articles, in the order given. On a one-language site every article is
    the edition's, whatever its own language; otherwise each goes to its language's edition
    (parsing reported, and left out, articles in languages the site does not have)."""
    shares: dict[str, list[Article]] = {edition.code: [] for edition in editions}
    if len(editions) == 1:
        shares[editions[0].code] = list(articles)
        return shares
    for article in articles:
        share = shares.get(article.language)
        if share is not None:
            share.append(article)
    return shares


def counterparts(
    sites: Mapping[str, Site],
    editions: Sequence[LanguageEdition],
    translations: Translations,
    search: bool,
) -> dict[str, dict[str, Counterparts]]:
    """For each edition, its pages that exist in more than one edition, by site path:
    the home pages and indexes, each topic's and actor's first page, and translated
    articles."""
    found: dict[str, dict[str, Counterparts]] = {edition.code: {} for edition in editions}
    if len(editions) < 2:
        return found
    urls = {edition.code: edition.urls for edition in editions}

    def link(pages: Mapping[str, str]) -> None:
        if len(pages) < 2:
            return
        pair = tuple(pages.items())
        for code, path in pages.items():
            found[code][path] = pair

    for make in (Urls.home, Urls.topics, Urls.actors, Urls.archive):
        link({code: make(urls[code]) for code in urls})
    if search:
        link({code: urls[code].search() for code in urls})
    for kind in ("topic", "actor"):
        slugs = {
            slug
            for site in sites.values()
            for slug in (site.topics if kind == "topic" else site.actors)
        }
        for slug in sorted(slugs):
            link(
                {
                    code: urls[code].topic(slug) if kind == "topic" else urls[code].actor(slug)
                    for code, site in sites.items()
                    if slug in (site.topics if kind == "topic" else site.actors)
                }
            )
    for group in translations.groups.values():
        link(
            {
                code: sites[code].paths[key]
                for code, key in group.items()
                if code in sites and key in sites[code].paths
            }
        )
    return found
