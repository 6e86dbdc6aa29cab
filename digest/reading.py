"""Read, parse and enrich every article, taking from the build cache what it already knows."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial

from digest.cache import BuildCache, ParsedEntry
from digest.config import SiteConfig
from digest.content.parse import ParseSettings, parse_source
from digest.content.sources import WatchedChanges, read_sources
from digest.enrich import EnrichSettings, enrich
from digest.enrich.actors import ActorRules
from digest.enrich.registry import RegistryActor, load_registry
from digest.enrich.topic_rules import load_topic_rules
from digest.errors import Problem
from digest.fingerprint import program_digest, value_digest
from digest.model import Article, Source, packed
from digest.result import Progress, quiet, timed

PARALLEL_FROM = 400
"""Below this many articles, worker processes cost more than they save."""
PARSE_CHUNK = 100
"""At most this many articles per parse task: progress stays fine-grained, tasks few."""


@dataclass(frozen=True)
class ArticleSettings:
    """How articles are parsed and enriched, with the project's registry and topic rules (and
    what reading those reported); `digest` covers the program too: it is in every article's
    cache key."""

    parse: ParseSettings
    enrich: EnrichSettings
    registry: tuple[RegistryActor, ...]
    problems: tuple[Problem, ...]
    digest: bytes


def article_settings(config: SiteConfig) -> ArticleSettings:
    """Read the registry and topic rules of `config`'s project into the article settings."""
    registry, registry_problems = load_registry(config.root, config.actors.registry)
    topic_rules, rule_problems = load_topic_rules(config.root, config.topics.rules)
    enrich_settings = EnrichSettings(
        config.topics_from_folders,
        ActorRules(
            config.actors.detect, registry, config.actors.max_main, config.actors.main_threshold
        ),
        topic_rules,
    )
    parse_settings = ParseSettings.from_config(config)
    return ArticleSettings(
        parse_settings,
        enrich_settings,
        registry,
        tuple(registry_problems + rule_problems),
        value_digest((program_digest(), parse_settings, enrich_settings)),
    )


@dataclass(frozen=True)
class ParseCounts:
    """How many sources were parsed anew and how many came from the cache; the keys used."""

    read: int = 0
    parsed: int = 0
    cached: int = 0
    used: tuple[bytes, ...] = ()


@dataclass(frozen=True)
class ReadArticles:
    """Every article read (drafts included), the problems met, the registry used, the
    counts, and (`entries`) each source's path below the content folder with the key of its
    entry in the cache and what parsing it reported, in the order read (not the sources:
    their texts are most of a large build's memory)."""

    articles: list[Article]
    problems: list[Problem]
    registry: tuple[RegistryActor, ...]
    counts: ParseCounts
    entries: list[tuple[str, bytes, tuple[Problem, ...]]]
    read_problems: list[Problem]
    """What reading the files reported (each names its file)."""


def read_articles(
    config: SiteConfig,
    executor: Executor | None = None,
    report: Progress | None = None,
    timings: dict[str, float] | None = None,
    cache: BuildCache | None = None,
    watched: WatchedChanges | None = None,
) -> ReadArticles:
    """Read, parse and enrich every article (drafts included), with the registry used.

    Sources the cache knows (same bytes, path, settings and program) are not parsed again;
    with `watched`, only the files it names are looked at.
    """
    timings = {} if timings is None else timings
    cache = BuildCache(None) if cache is None else cache
    with timed(timings, "read"):
        reads = cache.sources.reads
        sources, read_problems = read_sources(
            config.root, config.content_dir, cache.sources, watched
        )
        reads = cache.sources.reads - reads
        settings = article_settings(config)
    problems = read_problems + list(settings.problems)
    with timed(timings, "parse"):
        keys = cache.article_keys(settings.digest, sources)
        entries = cache.parsed(keys)
        missing = [(k, s) for k, s in zip(keys, sources, strict=True) if entries[k] is None]
        fresh = parse_all(
            [s for _, s in missing], settings.parse, settings.enrich, executor, report or quiet
        )
        entries.update(zip((k for k, _ in missing), fresh, strict=True))
    articles = []
    read = []
    for source, key in zip(sources, keys, strict=True):
        entry = entries[key]
        assert entry is not None
        cache.remember_parsed(key, entry)
        problems += entry.problems
        read.append((source.content_path, key, entry.problems))
        if entry.article is not None:
            articles.append(entry.article)
    counts = ParseCounts(reads, len(missing), len(sources) - len(missing), tuple(keys))
    return ReadArticles(articles, problems, settings.registry, counts, read, read_problems)


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


def parse_one(source: Source, settings: ArticleSettings) -> ParsedEntry:
    """One source parsed, enriched and packed, as `parse_all` makes it."""
    ((article, problems),) = _parse_chunk([source], settings.parse, settings.enrich)
    return ParsedEntry(article, tuple(problems))


def _parse_chunk(
    sources: Sequence[Source], settings: ParseSettings, enrich_settings: EnrichSettings
) -> list[tuple[Article | None, list[Problem]]]:
    """Each source parsed, enriched and packed (a task of `parse_all`)."""
    parsed = []
    for source in sources:
        article, problems = parse_source(source, settings)
        parsed.append(((packed(enrich(article, enrich_settings)) if article else None), problems))
    return parsed


@contextmanager
def _executor_for(count: int, given: Executor | None) -> Iterator[Executor | None]:
    """The caller's executor, else a process pool for large sites, else none (in-process)."""
    if given is not None or count < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        yield given
        return
    from concurrent.futures import ProcessPoolExecutor  # multiprocessing: only when used

    with ProcessPoolExecutor() as pool:
        yield pool
