"""What the preview server builds with: the build cache kept in memory from one build to the
next, the output updated in place (the server holds requests while it builds), and the search
index refreshed and the heap tidied after the reload instead of before it."""

from __future__ import annotations

import gc
from pathlib import Path

from digest.build import BuildResult, build
from digest.cache import BuildCache
from digest.config import SiteConfig
from digest.errors import DigestError, Problem
from digest.output.search import index_site
from digest.serve.changes import ChangeSet


class PreviewBuilder:
    """`build(config, changes)` for the PreviewServer, then `settle()` once the open pages
    were told to reload."""

    def __init__(self) -> None:
        self._caches: dict[Path, BuildCache] = {}
        self._unindexed: SiteConfig | None = None

    def __call__(self, config: SiteConfig, changes: ChangeSet | None) -> BuildResult:
        cache = self._caches.get(config.root)
        if cache is None:
            cache = self._caches[config.root] = BuildCache.for_project(config.root)
        result = build(config, cache=cache, search_index=False, in_place=True)
        self._unindexed = config if config.search.enabled else None
        return result

    def settle(self) -> tuple[Problem, ...]:
        """What can wait until the open pages were told to reload: the search index, if the
        last build wants one (its problems, if that failed), and the heap tidied."""
        config, self._unindexed = self._unindexed, None
        problems: tuple[Problem, ...] = ()
        if config is not None:
            try:
                index_site(config.output_dir, config.language)
            except DigestError as error:
                problems = error.problems
        tidy_heap()
        return problems


def tidy_heap() -> None:
    """Collect garbage now, then freeze what is left (the cache, mostly) out of later passes.

    The cache holds some 100 objects per article; a full pass of the garbage collector over
    them takes a third of a second, and one landing inside a build would double it. Done
    after each build instead, the build itself only ever collects its own young objects.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
