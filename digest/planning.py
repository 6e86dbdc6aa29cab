"""Plan the pages and digest their contexts, reusing the last plan where its inputs are the same.

Pages are planned in named groups (`render.pages.page_groups`). A page's context is a function
of the Site's maps (paths, days, topics, actors, editions, related articles, stories; no
article fields), the configuration, and the views and cards of the articles it shows. So when
the Site's maps and the configuration equal the last build's, a group whose pages show none of
the articles that changed (a different `Article` object: the cache gives an unchanged article
as the same object) has the same specs and context digests as last time, and is not planned
again; nor is one that shows only the card of a changed article whose card is as it was (a
body edit changes the article's view, not its card). Which articles a page shows is recorded
while its context is digested: every `ArticleView` and `ArticleCard` it holds is met there.
Anything else is planned anew; an unchanged article's view is reused too.

When nothing but such groups changed, and no template's head either, the plan is the last one
with those groups' pages replaced in place: no other group is even looked at.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from digest.config import SiteConfig
from digest.fingerprint import ValueDigests, context_digests, page_fingerprint
from digest.model import Article, Site
from digest.render.i18n import Messages
from digest.render.pages import PageGroup, PageSpec, described, page_groups
from digest.render.views import ArticleCard, ArticleView, ViewBuilder
from digest.site.urls import Urls


@dataclass
class PlannedGroup:
    """A group's pages, the digest of each page's context, and the articles its pages show:
    whole (`shows`) or as cards (`cards`).

    The pages' last `fingerprints` are kept with the template `heads` they were made with
    (the only mutable part: equal heads give equal fingerprints).
    """

    specs: tuple[PageSpec, ...]
    contexts: tuple[bytes, ...]
    shows: frozenset[str]
    cards: frozenset[str]
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
    """Every page in order, each page's fingerprint, and how many were planned anew.

    `fresh` lists the positions of the pages planned anew when every other page is as in the
    last plan the build confirmed written (`PlanMemory.confirm`): the same spec with the same
    fingerprint at the same position. It is None when any page may differ.
    """

    specs: list[PageSpec]
    fingerprints: list[bytes]
    planned: int
    fresh: tuple[int, ...] | None = None

    @classmethod
    def joined(cls, plans: Sequence[Plan]) -> Plan:
        """The plans one after the other (the site's language editions)."""
        if len(plans) == 1:
            return plans[0]
        specs: list[PageSpec] = []
        fingerprints: list[bytes] = []
        fresh: list[int] | None = []
        for plan in plans:
            if fresh is not None and plan.fresh is not None:
                fresh += (len(specs) + index for index in plan.fresh)
            else:
                fresh = None
            specs += plan.specs
            fingerprints += plan.fingerprints
        planned = sum(plan.planned for plan in plans)
        return cls(specs, fingerprints, planned, None if fresh is None else tuple(fresh))


class PlanMemory:
    """The last build's plan, kept in memory (`BuildCache.plans`) for the next build; with
    `keep` false, nothing is kept (every page is planned, and no index made for later)."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._inputs: tuple[object, ...] | None = None
        self._articles: Mapping[str, Article] = {}
        self._views: Mapping[str, ArticleView] = {}
        self._cards: Mapping[str, ArticleCard] = {}
        self._groups: dict[str, PlannedGroup] = {}
        self._showing = _GroupIndex()
        """The groups whose pages show each article whole."""
        self._carding = _GroupIndex()
        """The groups whose pages show each article's card."""
        self._where: dict[str, slice] = {}
        """Where each group's pages are in the plan."""
        self._heads: dict[str, bytes] = {}
        """The head of every template the plan uses."""
        self._last: Plan | None = None
        self._confirmed = False
        self._digests: ValueDigests = context_digests()

    def plan(
        self,
        site: Site,
        config: SiteConfig,
        urls: Urls,
        head_of: Callable[[str], bytes],
        messages: Messages,
        main: bool = True,
    ) -> Plan:
        """Plan and fingerprint every page, planning again only groups whose inputs changed.

        `head_of` gives a template's head (`digest.fingerprint.PageHeads.of`); `messages` are
        the edition's interface text (the views hold text made from them); `main` is as for
        `page_groups`.
        """
        if not self.keep:
            return self._planned_once(
                ViewBuilder(site, config, urls, messages), config, main, head_of
            )
        inputs = (*_inputs(site, config), main, messages.source)
        same = inputs == self._inputs
        changed = [
            key for key, article in site.articles.items() if self._articles.get(key) is not article
        ]
        known, known_cards = (dict(self._views), dict(self._cards)) if same else ({}, {})
        for key in changed:
            known.pop(key, None)
            known_cards.pop(key, None)
        views = ViewBuilder(site, config, urls, messages, known, known_cards)
        carded = {key for key in changed if views.card(key) != self._cards.get(key)}
        confirmed, self._confirmed = self._confirmed, False
        plan = None
        if same and self._last is not None:
            plan = self._patched(views, config.per_page, main, set(changed), carded, head_of)
        if plan is None:
            plan = self._planned_all(
                views, config.per_page, main, same, set(changed), carded, head_of
            )
        elif not confirmed:
            plan = Plan(plan.specs, plan.fingerprints, plan.planned)
        self._digests.forget(
            [self._views.get(key) for key in changed] + [self._cards.get(key) for key in carded]
        )
        self._inputs, self._articles, self._last = inputs, site.articles, plan
        self._views = dict(views.built)
        self._cards = dict(views.built_cards)
        return plan

    def confirm(self) -> None:
        """Note that the pages of the last plan were written: the next plan may name only
        the pages it planned anew (`Plan.fresh`)."""
        self._confirmed = True

    def _patched(
        self,
        views: ViewBuilder,
        per_page: int,
        main: bool,
        changed: AbstractSet[str],
        carded: AbstractSet[str],
        head_of: Callable[[str], bytes],
    ) -> Plan | None:
        """The last plan with the groups that show a changed article planned again; None if
        that cannot be (a template's head changed, or a group's number of pages)."""
        assert self._last is not None
        if any(head_of(template) != head for template, head in self._heads.items()):
            return None
        affected = self._showing.of(changed) | self._carding.of(carded)
        specs, fingerprints = list(self._last.specs), list(self._last.fingerprints)
        fresh: list[int] = []
        replanned = {}
        for group in page_groups(views.site, views, per_page, affected, main):
            planned = self._planned_group(views, group)
            where = self._where[group.name]
            if len(planned.specs) != where.stop - where.start:
                return None
            specs[where] = planned.specs
            fingerprints[where] = planned.fingerprint(head_of)
            fresh += range(where.start, where.stop)
            replanned[group.name] = planned
        for name, planned in replanned.items():
            self._index(name, self._groups[name], planned)
        self._groups.update(replanned)
        for planned in replanned.values():
            self._heads.update((spec.template, head_of(spec.template)) for spec in planned.specs)
        return Plan(specs, fingerprints, len(fresh), tuple(fresh))

    def showing(self, key: str) -> frozenset[str]:
        """The names of the last plan's groups whose pages show the article `key` whole."""
        return frozenset(self._showing.of({key}))

    def _planned_once(
        self,
        views: ViewBuilder,
        config: SiteConfig,
        main: bool,
        head_of: Callable[[str], bytes],
    ) -> Plan:
        """Every page planned, keeping nothing for a later plan."""
        specs: list[PageSpec] = []
        fingerprints: list[bytes] = []
        for group in page_groups(views.site, views, config.per_page, main=main):
            planned = self._planned_group(views, group)
            specs += planned.specs
            fingerprints += planned.fingerprint(head_of)
        return Plan(specs, fingerprints, len(specs))

    def _planned_all(
        self,
        views: ViewBuilder,
        per_page: int,
        main: bool,
        same: bool,
        changed: AbstractSet[str],
        carded: AbstractSet[str],
        head_of: Callable[[str], bytes],
    ) -> Plan:
        """Every group, each planned again unless the inputs are the `same` and it shows no
        changed article."""
        groups: dict[str, PlannedGroup] = {}
        where: dict[str, slice] = {}
        specs: list[PageSpec] = []
        fingerprints: list[bytes] = []
        anew = 0
        for group in page_groups(views.site, views, per_page, main=main):
            planned = self._groups.get(group.name) if same else None
            if planned is None or _shows(planned, changed, carded):
                planned = self._planned_group(views, group)
                anew += len(planned.specs)
            groups[group.name] = planned
            where[group.name] = slice(len(specs), len(specs) + len(planned.specs))
            specs += planned.specs
            fingerprints += planned.fingerprint(head_of)
        self._groups, self._where = groups, where
        self._showing, self._carding = _GroupIndex(), _GroupIndex()
        for name, planned in groups.items():
            self._index(name, None, planned)
        self._heads = {template: head_of(template) for template in {s.template for s in specs}}
        self._digests.retain([*views.built.values(), *views.built_cards.values(), views.site_view])
        return Plan(specs, fingerprints, anew)

    def _index(self, name: str, old: PlannedGroup | None, new: PlannedGroup) -> None:
        """Note which articles the group `name` now shows, whole and as cards."""
        if old is not None:
            self._showing.remove(name, old.shows)
            self._carding.remove(name, old.cards)
        self._showing.add(name, new.shows)
        self._carding.add(name, new.cards)

    def _planned_group(self, views: ViewBuilder, group: PageGroup) -> PlannedGroup:
        specs = described(views, group)
        contexts, shows, cards = [], set(), set()
        for spec in specs:
            digest, held = self._digests.holding(spec.context)
            contexts.append(digest)
            for value in held:
                if isinstance(value, ArticleView):
                    shows.add(value.key)
                elif isinstance(value, ArticleCard):
                    cards.add(value.key)
        return PlannedGroup(tuple(specs), tuple(contexts), frozenset(shows), frozenset(cards))


class _GroupIndex:
    """For each article, the names of the groups that show it (one way)."""

    def __init__(self) -> None:
        self._groups: dict[str, set[str]] = {}

    def add(self, group: str, keys: AbstractSet[str]) -> None:
        for key in keys:
            self._groups.setdefault(key, set()).add(group)

    def remove(self, group: str, keys: AbstractSet[str]) -> None:
        for key in keys:
            self._groups[key].discard(group)

    def of(self, keys: AbstractSet[str]) -> set[str]:
        """The groups that show any of these articles."""
        return {group for key in keys for group in self._groups.get(key, ())}


def _shows(group: PlannedGroup, changed: AbstractSet[str], carded: AbstractSet[str]) -> bool:
    """True if the group shows a changed article whole, or one whose card changed."""
    return not (group.shows.isdisjoint(changed) and group.cards.isdisjoint(carded))


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
        site.counterparts,
    )
