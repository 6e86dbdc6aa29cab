"""The build, start to finish: read → parse → enrich → collect → render → write.

This module alone decides the order of the stages. Each stage is a function of plain values;
problems travel beside them, and only a DigestError stops the build before its output is
replaced (pages are staged as they are rendered, and the staging folder is removed on failure).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TypeVar

from digest.build_state import BuildState, EditionState, SavedSites, files_state
from digest.cache import BuildCache, EditionMemory, PageEntry, folder_id
from digest.config import SiteConfig
from digest.content.sources import WatchedChanges
from digest.errors import Problem
from digest.fingerprint import PageHeads
from digest.manifest import LastBuild, Manifest, output_files, take_manifest, unchanged_since
from digest.model import RenderedFile, Site
from digest.output.feeds import feed_files
from digest.output.publish import site_files
from digest.output.writer import check_output_dir, static_files, write_site
from digest.planning import Plan
from digest.quick_build import quick_build
from digest.reading import ReadArticles, read_articles
from digest.render.pages import template_filters
from digest.render.theme import ThemeEnvironment, make_environment, theme_layers
from digest.result import BuildResult, Progress, problem_order, quiet, timed, timed_each
from digest.site.language_editions import LanguageEdition, collect_editions, language_editions
from digest.slugs import slugify

__all__ = ["BuildResult", "Progress", "build", "read_articles"]

Item = TypeVar("Item")


def build(
    config: SiteConfig,
    executor: Executor | None = None,
    progress: Progress | None = None,
    cache: BuildCache | None = None,
    clean: bool = False,
    search_index: bool = True,
    in_place: bool = False,
    watched: WatchedChanges | None = None,
) -> BuildResult:
    """Build the site of `config` into its output folder, swapping it in only when complete.

    Articles are parsed and pages rendered by `executor`'s workers when one is given (a
    process pool, a dask.distributed client's executor), else by processes forked here when
    there are many.

    Only what changed is parsed and rendered again: `cache` is the project's `.digest-cache/`
    unless given (keep one between builds to keep it in memory); `clean` forgets it first.
    Without a `cache` given, a build after edits of article bodies alone renders just their
    pages and feeds from the state the last build stored (`digest.quick_build`).
    With search on, the index is built in the staged site unless `search_index` is false (the
    preview server refreshes it after the reload instead).
    With `in_place` (the preview server, which serves under a lock), once `cache` has built
    the output, changed files are written into it one by one, after every page is rendered,
    instead of staging the whole site: much faster, but not atomic for other readers.
    `watched` (the preview server's watcher saw every change since the last build with this
    cache) names the only article files to look at; the output, if it is still the folder
    the last build with this cache wrote, is then taken to hold what that build wrote,
    without a stat of every file.
    """
    timings: dict[str, float] = {}
    report = progress or quiet
    owned = cache is None  # then no later build in this process reuses what it keeps
    cache = BuildCache.for_project(config.root) if cache is None else cache
    memory_of = _edition_memory(cache, owned)
    if clean:
        cache.clear()
    check_output_dir(config.output_dir)
    indexing = config.search.enabled and search_index
    if indexing:
        from digest.output.search import require_pagefind

        require_pagefind()
    with timed(timings, "theme"):
        layers = theme_layers(config.theme, config.root)
        environment = make_environment(layers, template_filters(), cache.templates)
    recording = watched is None and not in_place and search_index  # not the preview server
    if recording:
        with timed(timings, "check"):
            manifest = take_manifest(config, layers, cache.sources.settle_ns)
            last = cache.last_build()
            if unchanged_since(last, manifest, config.output_dir):
                assert last is not None
                return _as_before(last, config, timings)
        if owned and not clean:  # a cache kept for later builds is filled by a full build
            quick = quick_build(config, cache, environment, manifest, last, timings)
            if quick is not None:
                return quick
        cache.forget_build()
    # Only the full build renders in forked workers and trims the heap; loaded here, before
    # the site fills the memory (later, their memory lands where it cannot be given back).
    from digest.heap import release_free_memory
    from digest.render.parallel import render_each

    read = read_articles(config, executor, report, timings, cache, watched)
    articles, problems, registry, parsed = read.articles, read.problems, read.registry, read.counts
    if owned:
        cache.forget_sources()  # every article's text, kept only to skip unchanged files later
        release_free_memory()
    published = [a for a in articles if config.drafts or not a.draft]
    editions = language_editions(config)
    with timed(timings, "collect"):
        profiles = {slugify(actor.name): actor.profile for actor in registry}
        sites, collect_problems = collect_editions(
            published, editions, profiles, lambda code: memory_of(code).collected
        )
        problems += collect_problems
    if owned:
        release_free_memory()  # what grouping stories held, before planning takes its place
    with timed(timings, "plan"):
        heads = PageHeads(environment, layers, config, cache.template_references)
        plan = _plan_editions(editions, sites, heads, environment, memory_of)
        cache.template_references.forget_unused()
        specs, fingerprints = plan.specs, plan.fingerprints
    output = config.output_dir
    wrote_last = cache.wrote_last(output)
    trusted = watched is not None and wrote_last
    only = plan.fresh if trusted else None  # the pages planned anew; the others are as written
    with timed(timings, "compare"):
        before = cache.pages(output)
        paths = [spec.file for spec in specs]
        unchanged = _compare(paths, fingerprints, before, output, trusted, only)
    stale = [spec for spec, same in zip(specs, unchanged, strict=True) if not same]
    files: Iterable[RenderedFile] = timed_each(
        timings,
        "render",
        render_each(
            stale,
            environment,
            config.root,
            lambda done: report("render", done, len(stale)),
            executor=executor,
        ),
    )
    if in_place:  # every page rendered before the output is touched
        files = list(files)
    with timed(timings, "publish"):
        feeds = chain.from_iterable(
            feed_files(sites[e.code], e.urls, e.config, memory_of(e.code).feeds) for e in editions
        )
        others = site_files(specs, config, cache.published, plan.fresh)
        beside: Sequence[RenderedFile] | _Counted[RenderedFile]
        if owned:  # nothing is kept for a later build: feeds are made as they are written
            beside = fresh = _Counted(chain(feeds, others))
            kept_beside: list[str] = []
        else:
            beside = [*feeds, *others]
            fresh, kept_beside = cache.published.unwritten(beside, output, trusted)
    with timed(timings, "write"):
        kept = [path for path, same in zip(paths, unchanged, strict=True) if same]
        written = write_site(
            chain(files, fresh),
            static_files(layer.static for layer in layers),
            output,
            kept=[*kept, *kept_beside],
            reuse=not clean,
            on_complete=partial(_index_search, config, timings) if indexing else None,
            present=cache.output_files(output) if in_place and wrote_last else None,
        )
    # Staged pages are rendered while they are written, and the search index is built there:
    # count each once.
    timings["write"] -= timings.get("search", 0.0) + (0.0 if in_place else timings["render"])
    planned, rendered = plan.planned, len(stale)
    if owned:  # the pages' contexts, needed no more: their memory serves what follows
        del plan, specs, stale, files
    with timed(timings, "cache"):
        pages = {} if only is None else dict(before)
        for index in range(len(paths)) if only is None else only:
            path = paths[index]
            stat = written.stats.get(path)
            pages[path] = PageEntry(fingerprints[index], *stat) if stat else before[path]
        cache.remember_pages(output, pages, written.files)
        if not isinstance(beside, _Counted):
            cache.published.remember_written(beside, written.stats)
        cache.save(parsed.used)
        cache.confirm_plans()
        if recording:
            cache.remember_state(
                _state(config, manifest, read),
                SavedSites(manifest.inputs, tuple(EditionState.of(c, s) for c, s in sites.items())),
            )
            cache.remember_build(
                LastBuild(
                    manifest.inputs,
                    str(output),
                    output_files(output),
                    len(published),
                    written.pages - len(beside),
                    written.static_files,
                    tuple(sorted(problems, key=problem_order)),
                )
            )
    return BuildResult(
        output=config.output_dir,
        articles=len(published),
        pages=written.pages - len(beside),
        static_files=written.static_files,
        problems=tuple(sorted(problems + cache.take_notes(), key=problem_order)),
        timings=timings,
        read=parsed.read,
        parsed=parsed.parsed,
        cached=parsed.cached,
        planned=planned,
        rendered=rendered,
        reused=len(kept),
        written=written.written,
    )


def _state(
    config: SiteConfig,
    manifest: Manifest,
    read: ReadArticles,
) -> BuildState:
    """What this build read, for a quick rebuild after body edits."""
    read_problems: dict[str, list[Problem]] = {}
    for problem in read.read_problems:  # each names its file as messages show it
        try:
            path = (config.root / problem.path).relative_to(config.content_dir).as_posix()
        except ValueError:
            continue
        if path in manifest.articles:
            read_problems.setdefault(path, []).append(problem)
    return BuildState(
        manifest.inputs,
        manifest.rest if manifest.rest_settled else b"",
        manifest.taken_ns,
        str(config.output_dir),
        folder_id(config.output_dir),
        files_state(
            manifest.articles,
            read.entries,
            read_problems,
        ),
        manifest.inputs,
    )


def _edition_memory(cache: BuildCache, owned: bool) -> Callable[[str], EditionMemory]:
    """What each stage of an edition's build remembers from the last build and for the next:
    the cache's memory, or, for a build that owns its cache (no later build would use it),
    a new one at each call that keeps nothing past its use (the story index, the plan's
    indexes and the feeds are each tens of megabytes)."""
    if owned:
        return lambda code: EditionMemory(keep=False)
    return cache.edition


class _Counted(Iterator[Item]):
    """The items of an iterable, passed on one by one and counted (`len`)."""

    def __init__(self, items: Iterable[Item]) -> None:
        self._items = iter(items)
        self._count = 0

    def __next__(self) -> Item:
        item = next(self._items)
        self._count += 1
        return item

    def __len__(self) -> int:
        return self._count


def _as_before(last: LastBuild, config: SiteConfig, timings: dict[str, float]) -> BuildResult:
    """The result of a build whose inputs and output are as the last build left them: that
    build's counts and problems, nothing read, rendered or written."""
    return BuildResult(
        output=config.output_dir,
        articles=last.articles,
        pages=last.pages,
        static_files=last.static_files,
        problems=last.problems,
        timings=timings,
        cached=last.articles,
        reused=last.pages,
    )


def _plan_editions(
    editions: Sequence[LanguageEdition],
    sites: Mapping[str, Site],
    heads: PageHeads,
    environment: ThemeEnvironment,
    memory_of: Callable[[str], EditionMemory],
) -> Plan:
    """Every edition's pages, planned by its own memory, one edition after the other."""
    return Plan.joined(
        [
            memory_of(e.code).plans.plan(
                sites[e.code],
                e.config,
                e.urls,
                heads.of,
                environment.catalogues.messages(e.code),
                e.main,
            )
            for e in editions
        ]
    )


def _compare(
    paths: Sequence[str],
    fingerprints: Sequence[bytes],
    before: Mapping[str, PageEntry],
    output: Path,
    trusted: bool,
    fresh: Sequence[int] | None,
) -> list[bool]:
    """For each page, whether the output holds it as it would be rendered now. With `fresh`
    (the pages planned anew; every other page is as the last build wrote it), only those
    are looked at."""
    if fresh is not None:
        unchanged = [True] * len(paths)
        for index in fresh:
            entry = before.get(paths[index])
            unchanged[index] = entry is not None and entry.fingerprint == fingerprints[index]
        return unchanged
    return [
        entry is not None and entry.stands_for(fingerprint, f"{output}/{path}", trusted)
        for path, fingerprint in zip(paths, fingerprints, strict=True)
        for entry in (before.get(path),)
    ]


def _index_search(config: SiteConfig, timings: dict[str, float], staging: Path) -> None:
    """Index the staged site for search, so the index is swapped in with the pages."""
    from digest.output.search import index_site

    with timed(timings, "search"):
        index_site(staging, [language.code for language in config.languages])
