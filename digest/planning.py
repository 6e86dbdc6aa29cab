"""Plan the pages and digest their contexts, reusing the last plan where its inputs are the same.

Pages are planned in named groups (`render.pages.page_groups`). A page's context is a function
of the Site's maps (paths, days, topics, actors, editions, related articles, stories; no
article fields), the configuration, and the views of the articles it shows. So when the Site's
maps and the configuration equal the last build's, a group whose pages show none of the
articles that changed (a different `Article` object: the cache gives an unchanged article as
the same object) has the same specs and context digests as last time, and is not planned again.
Which articles a page shows is recorded while its context is digested: every `ArticleView` it
holds is met there. Anything else is planned anew; an unchanged article's view is reused too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from digest.config import SiteConfig
from digest.fingerprint import ValueDigests, context_digests, page_fingerprint
from digest.model import Article, Site
from digest.render.pages import PageSpec, described, page_groups
from digest.render.views import ArticleView, ViewBuilder, site_messages
from digest.site.urls import Urls


@dataclass
class PlannedGroup:
    """A group's pages, the digest of each page's context, and the articles its pages show.

    The pages' last `fingerprints` are kept with the template `heads` they were made with
    (the only mutable part: equal heads give equal fingerprints).
    """

    specs: tuple[PageSpec, ...]
    contexts: tuple[bytes, ...]
    shows: frozenset[str]
    heads: tuple[bytes, ...] = ()
    fingerprints: tuple[bytes, ...] = ()

    def fingerprint(self, head_of: Callable[[str], bytes]) -> tuple[bytes, ...]:
        """Each page's fingerprint (see `digest.fingerprint.PageHeads`)."""
        heads = tuple(head_of(spec.template) for spec in self.specs)
        if heads != self.heads:
            self.fingerprints = tuple(
                page_fingerprint(head, spec.path, context)
                for head, spec, context in zip(heads, self.specs, self.contexts, strict=True)
            )
            self.heads = heads
        return self.fingerprints


@dataclass(frozen=True)
class Plan:
    """Every page in order, each page's fingerprint, and how many were planned anew."""

    specs: list[PageSpec]
    fingerprints: list[bytes]
    planned: int


class PlanMemory:
    """The last build's plan, kept in memory (`BuildCache.plans`) for the next build."""

    def __init__(self) -> None:
        self._inputs: tuple[object, ...] | None = None
        self._articles: Mapping[str, Article] = {}
        self._views: Mapping[str, ArticleView] = {}
        self._groups: dict[str, PlannedGroup] = {}
        self._digests: ValueDigests = context_digests()

    def plan(
        self, site: Site, config: SiteConfig, urls: Urls, head_of: Callable[[str], bytes]
    ) -> Plan:
        """Plan and fingerprint every page, planning again only groups whose inputs changed.

        `head_of` gives a template's head (`digest.fingerprint.PageHeads.of`).
        """
        messages = site_messages(config)  # the catalogues: views hold text made from them
        inputs = (_inputs(site, config), messages.source)
        same = inputs == self._inputs
        changed = {
            key for key, article in site.articles.items() if self._articles.get(key) is not article
        }
        known = {k: v for k, v in self._views.items() if k not in changed} if same else {}
        views = ViewBuilder(site, config, urls, known, messages)
        groups: dict[str, PlannedGroup] = {}
        specs: list[PageSpec] = []
        fingerprints: list[bytes] = []
        anew = 0
        for group in page_groups(site, views, config.per_page):
            planned = self._groups.get(group.name) if same else None
            if planned is None or not planned.shows.isdisjoint(changed):
                planned = self._planned(described(views, group))
                anew += len(planned.specs)
            groups[group.name] = planned
            specs += planned.specs
            fingerprints += planned.fingerprint(head_of)
        self._inputs, self._articles, self._groups = inputs, site.articles, groups
        self._views = dict(views.built)
        self._digests.retain(self._views.values())
        return Plan(specs, fingerprints, anew)

    def _planned(self, specs: list[PageSpec]) -> PlannedGroup:
        contexts, shows = [], set()
        for spec in specs:
            digest, held = self._digests.holding(spec.context)
            contexts.append(digest)
            shows.update(view.key for view in held)
        return PlannedGroup(tuple(specs), tuple(contexts), frozenset(shows))


def _inputs(site: Site, config: SiteConfig) -> tuple[object, ...]:
    """What every page may depend on besides the views of the articles it shows."""
    return (
        config,
        tuple(site.articles),
        site.paths,
        site.days,
        site.topics,
        site.actors,
        site.editions,
        site.related,
        site.listed,
        site.stories,
        site.story_of,
    )
