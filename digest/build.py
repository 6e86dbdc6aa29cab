"""The build, start to finish: read → parse → enrich → collect → render → write.

This module alone decides the order of the stages. Each stage is a function of plain values;
problems travel beside them, and only a DigestError stops the build before its output is
replaced (pages are staged as they are rendered, and the staging folder is removed on failure).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TypeVar

from digest.cache import BuildCache, EditionMemory, PageEntry, ParsedEntry
from digest.config import SiteConfig
from digest.content.parse import ParseSettings, parse_source
from digest.content.sources import WatchedChanges, read_sources
from digest.enrich import EnrichSettings, enrich
from digest.enrich.actors import ActorRules
from digest.enrich.registry import RegistryActor, load_registry
from digest.enrich.topic_rules import load_topic_rules
from digest.errors import Problem
from digest.fingerprint import PageHeads, program_digest, value_digest
from digest.heap import release_free_memory
from digest.manifest import LastBuild, output_files, take_manifest, unchanged_since
from digest.model import Article, RenderedFile, Site, Source, packed
from digest.output.feeds import feed_files
from digest.output.publish import site_files
from digest.output.search import index_site, require_pagefind
from digest.output.writer import check_output_dir, static_files, write_site
from digest.planning import Plan
from digest.render.pages import template_filters
from digest.render.parallel import render_each
from digest.render.theme import ThemeEnvironment, make_environment, theme_layers
from digest.site.language_editions import LanguageEdition, collect_editions, language_editions
from digest.slugs import slugify

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while a build runs."""
Item = TypeVar("Item")
_END = object()
PARALLEL_FROM = 400
"""Below this many articles, worker processes cost more than they save."""
PARSE_CHUNK = 100
"""At most this many articles per parse task: progress stays fine-grained, tasks few."""


@dataclass(frozen=True)
class BuildResult:
    """What a build did: counts, every problem found, and how long each stage took.

    `read` counts the article files read from disk (the others are unchanged since the last
    build with the same cache); `parsed` articles were parsed anew and `cached` ones taken
    from the cache; `planned` pages were planned anew (the others as the last build with
    the same cache planned them); `rendered` pages
    were rendered and `reused` ones kept as the previous build wrote them; `written` counts
    the files whose bytes are new (every other file keeps its modification time).
    """

    output: Path
    articles: int
    pages: int
    static_files: int
    problems: tuple[Problem, ...]
    timings: dict[str, float] = field(default_factory=dict)
    read: int = 0
    parsed: int = 0
    cached: int = 0
    planned: int = 0
    rendered: int = 0
    reused: int = 0
    written: int = 0

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def seconds(self) -> float:
        return sum(self.timings.values())


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
    report = progress or _quiet
    owned = cache is None  # then no later build in this process reuses what it keeps
    cache = BuildCache.for_project(config.root) if cache is None else cache
    memory_of = _edition_memory(cache, owned)
    if clean:
        cache.clear()
    check_output_dir(config.output_dir)
    indexing = config.search.enabled and search_index
    if indexing:
        require_pagefind()
    with _timed(timings, "theme"):
        layers = theme_layers(config.theme, config.root)
        environment = make_environment(layers, template_filters(), cache.templates)
    recording = watched is None and not in_place and search_index  # not the preview server
    if recording:
        with _timed(timings, "check"):
            manifest = take_manifest(config, layers, cache.sources.settle_ns)
            last = cache.last_build()
            if unchanged_since(last, manifest, config.output_dir):
                assert last is not None
                return _as_before(last, config, timings)
            cache.forget_build()
    articles, problems, registry, parsed = read_articles(
        config, executor, report, timings, cache, watched
    )
    if owned:
        cache.forget_sources()  # every article's text, kept only to skip unchanged files later
        release_free_memory()
    published = [a for a in articles if config.drafts or not a.draft]
    editions = language_editions(config)
    with _timed(timings, "collect"):
        profiles = {slugify(actor.name): actor.profile for actor in registry}
        sites, collect_problems = collect_editions(
            published, editions, profiles, lambda code: memory_of(code).collected
        )
        problems += collect_problems
    if owned:
        release_free_memory()  # what grouping stories held, before planning takes its place
    with _timed(timings, "plan"):
        heads = PageHeads(environment, layers, config, cache.template_references)
        plan = _plan_editions(editions, sites, heads, environment, memory_of)
        cache.template_references.forget_unused()
        specs, fingerprints = plan.specs, plan.fingerprints
    output = config.output_dir
    wrote_last = cache.wrote_last(output)
    trusted = watched is not None and wrote_last
    only = plan.fresh if trusted else None  # the pages planned anew; the others are as written
    with _timed(timings, "compare"):
        before = cache.pages(output)
        paths = [spec.file for spec in specs]
        unchanged = _compare(paths, fingerprints, before, output, trusted, only)
    stale = [spec for spec, same in zip(specs, unchanged, strict=True) if not same]
    files: Iterable[RenderedFile] = _timed_each(
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
    with _timed(timings, "publish"):
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
    with _timed(timings, "write"):
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
    with _timed(timings, "cache"):
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
            cache.remember_build(
                LastBuild(
                    manifest.inputs,
                    str(output),
                    output_files(output),
                    len(published),
                    written.pages - len(beside),
                    written.static_files,
                    tuple(sorted(problems, key=_problem_order)),
                )
            )
    return BuildResult(
        output=config.output_dir,
        articles=len(published),
        pages=written.pages - len(beside),
        static_files=written.static_files,
        problems=tuple(sorted(problems + cache.take_notes(), key=_problem_order)),
        timings=timings,
        read=parsed.read,
        parsed=parsed.parsed,
        cached=parsed.cached,
        planned=planned,
        rendered=rendered,
        reused=len(kept),
        written=written.written,
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
        _unchanged(before.get(path), fingerprint, f"{output}/{path}", trusted)
        for path, fingerprint in zip(paths, fingerprints, strict=True)
    ]


def _unchanged(entry: PageEntry | None, fingerprint: bytes, file: str, trusted: bool) -> bool:
    """True if the page's inputs, and its file (unless `trusted`), are as the last build left
    them."""
    if entry is None or entry.fingerprint != fingerprint:
        return False
    if trusted:
        return True
    try:
        now = os.stat(file)
    except OSError:
        return False
    return (now.st_size, now.st_mtime_ns) == (entry.size, entry.mtime_ns)


@dataclass(frozen=True)
class ParseCounts:
    """How many sources were parsed anew and how many came from the cache; the keys used."""

    read: int = 0
    parsed: int = 0
    cached: int = 0
    used: tuple[bytes, ...] = ()


def read_articles(
    config: SiteConfig,
    executor: Executor | None = None,
    report: Progress | None = None,
    timings: dict[str, float] | None = None,
    cache: BuildCache | None = None,
    watched: WatchedChanges | None = None,
) -> tuple[list[Article], list[Problem], tuple[RegistryActor, ...], ParseCounts]:
    """Read, parse and enrich every article (drafts included), with the registry used.

    Sources the cache knows (same bytes, path, settings and program) are not parsed again;
    with `watched`, only the files it names are looked at.
    """
    timings = {} if timings is None else timings
    cache = BuildCache(None) if cache is None else cache
    with _timed(timings, "read"):
        reads = cache.sources.reads
        sources, problems = read_sources(config.root, config.content_dir, cache.sources, watched)
        reads = cache.sources.reads - reads
        registry, registry_problems = load_registry(config.root, config.actors.registry)
        topic_rules, rule_problems = load_topic_rules(config.root, config.topics.rules)
        problems += registry_problems + rule_problems
    enrich_settings = EnrichSettings(
        config.topics_from_folders,
        ActorRules(
            config.actors.detect, registry, config.actors.max_main, config.actors.main_threshold
        ),
        topic_rules,
    )
    parse_settings = ParseSettings.from_config(config)
    with _timed(timings, "parse"):
        settings = value_digest((program_digest(), parse_settings, enrich_settings))
        keys = cache.article_keys(settings, sources)
        entries = cache.parsed(keys)
        missing = [(k, s) for k, s in zip(keys, sources, strict=True) if entries[k] is None]
        fresh = parse_all(
            [s for _, s in missing], parse_settings, enrich_settings, executor, report or _quiet
        )
        entries.update(zip((k for k, _ in missing), fresh, strict=True))
    articles = []
    for key in keys:
        entry = entries[key]
        assert entry is not None
        cache.remember_parsed(key, entry)
        problems += entry.problems
        if entry.article is not None:
            articles.append(entry.article)
    counts = ParseCounts(reads, len(missing), len(sources) - len(missing), tuple(keys))
    return articles, problems, registry, counts


def parse_all(
    sources: Sequence[Source],
    settings: ParseSettings,
    enrich_settings: EnrichSettings,
    executor: Executor | None,
    report: Progress,
) -> list[ParsedEntry]:
    """Parse and enrich every source, in worker processes when there are many: in chunks,
    one task each (a dask executor ignores `map`'s chunksize)."""
    work = partial(_parse_chunk, settings=settings, enrich_settings=enrich_settings)
    entries: list[ParsedEntry] = []
    with _executor_for(len(sources), executor) as pool:
        size = min(PARSE_CHUNK, max(1, len(sources) // (4 * (os.cpu_count() or 1))))
        chunks = [sources[start : start + size] for start in range(0, len(sources), size)]
        for parsed in pool.map(work, chunks) if pool else map(work, chunks):
            entries += (ParsedEntry(article, tuple(found)) for article, found in parsed)
            report("parse", len(entries), len(sources))
    return entries


def _parse_chunk(
    sources: Sequence[Source], settings: ParseSettings, enrich_settings: EnrichSettings
) -> list[tuple[Article | None, list[Problem]]]:
    """Each source parsed, enriched and packed (a task of `parse_all`)."""
    parsed = []
    for source in sources:
        article, problems = parse_source(source, settings)
        parsed.append(((packed(enrich(article, enrich_settings)) if article else None), problems))
    return parsed


def _index_search(config: SiteConfig, timings: dict[str, float], staging: Path) -> None:
    """Index the staged site for search, so the index is swapped in with the pages."""
    with _timed(timings, "search"):
        index_site(staging, [language.code for language in config.languages])


def _quiet(stage: str, done: int, total: int) -> None:
    """A progress report nobody reads."""


@contextmanager
def _executor_for(count: int, given: Executor | None) -> Iterator[Executor | None]:
    """The caller's executor, else a process pool for large sites, else none (in-process)."""
    if given is not None or count < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        yield given
        return
    with ProcessPoolExecutor() as pool:
        yield pool


def _timed_each(timings: dict[str, float], stage: str, items: Iterable[Item]) -> Iterator[Item]:
    """The items, one by one, adding the time each took to come to `timings[stage]`."""
    timings[stage] = 0.0
    iterator = iter(items)
    while True:
        start = time.perf_counter()
        item = next(iterator, _END)
        timings[stage] += time.perf_counter() - start
        if item is _END:
            return
        yield item  # type: ignore[misc]


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = time.perf_counter() - start


def _problem_order(problem: Problem) -> tuple[str, int, str]:
    return (problem.path, problem.line or 0, problem.message)
