"""What the preview server builds with: the build cache kept in memory from one build to the
next, the output updated in place (the server holds requests while it builds), and the search
index refreshed after the reload instead of before it."""

from __future__ import annotations

from pathlib import Path

from digest.build import BuildResult, build
from digest.cache import BuildCache
from digest.config import SiteConfig
from digest.errors import DigestError, Problem
from digest.output.search import index_site
from digest.serve.changes import ChangeSet


class PreviewBuilder:
    """`build(config, changes)` for the PreviewServer, then `refresh_search()` once the open
    pages were told to reload."""

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

    def refresh_search(self) -> tuple[Problem, ...]:
        """Index the last build for search, if it wants an index; the problems if that failed."""
        config, self._unindexed = self._unindexed, None
        if config is None:
            return ()
        try:
            index_site(config.output_dir, config.language)
        except DigestError as error:
            return error.problems
        return ()
