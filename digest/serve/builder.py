"""What the preview server builds with: the build cache kept in memory from one build to the
next, the output updated in place (the server holds requests while it builds), and the search
index refreshed, the cache stored and the heap tidied after the reload instead of before."""

from __future__ import annotations

import gc
import time
from pathlib import Path

from digest.build import BuildResult, build
from digest.cache import BuildCache
from digest.config import SiteConfig
from digest.content.sources import WatchedChanges
from digest.errors import DigestError, Problem
from digest.output.search import index_site
from digest.serve.changes import ChangeSet

SEND_FIRST = 0.05
"""Seconds to leave the request threads to send the reload event before settling: a garbage
collection holds the interpreter for a third of a second, and would hold the event too."""


class PreviewBuilder:
    """`build(config, changes)` for the PreviewServer, then `settle()` once the open pages
    were told to reload."""

    def __init__(self) -> None:
        self._caches: dict[Path, BuildCache] = {}
        self._unindexed: SiteConfig | None = None
        self._built: Path | None = None
        """The project the last build completed for: the watcher has seen all since."""

    def __call__(self, config: SiteConfig, changes: ChangeSet | None) -> BuildResult:
        cache = self._caches.get(config.root)
        if cache is None:
            cache = self._caches[config.root] = BuildCache.for_project(config.root)
            cache.store_later = True
        watched = watched_changes(changes) if self._built == config.root else None
        self._built = None
        result = build(config, cache=cache, search_index=False, in_place=True, watched=watched)
        self._built = config.root
        self._unindexed = config if config.search.enabled else None
        return result

    def settle(self) -> tuple[Problem, ...]:
        """What can wait until the open pages were told to reload: the build cache written to
        disk, the search index if the last build wants one (its problems, if that failed), and
        the heap tidied."""
        time.sleep(SEND_FIRST)
        for cache in self._caches.values():
            cache.store()
        config, self._unindexed = self._unindexed, None
        problems: tuple[Problem, ...] = ()
        if config is not None:
            try:
                index_site(config.output_dir, [lang.code for lang in config.languages])
            except DigestError as error:
                problems = error.problems
        tidy_heap()
        return problems


def watched_changes(changes: ChangeSet | None) -> WatchedChanges | None:
    """The article files the watcher saw change, when that is all that can have changed
    among them: not after a change of configuration (the content folder may move) or of
    folders (their files are not listed one by one)."""
    if changes is None or changes.config or changes.folders:
        return None
    renamed = changes.content_renamed
    return WatchedChanges(
        changed=frozenset((*changes.content_added, *changes.content_changed))
        | {new for _, new in renamed},
        removed=frozenset(changes.content_removed) | {old for old, _ in renamed},
    )


def tidy_heap() -> None:
    """Collect garbage now, then freeze what is left (the cache, mostly) out of later passes.

    The cache holds some 100 objects per article; a full pass of the garbage collector over
    them takes a third of a second, and one landing inside a build would double it. Done
    after each build instead, the build itself only ever collects its own young objects.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
