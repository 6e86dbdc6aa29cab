"""The build cache: parsed articles by the digest of their inputs, and the pages last written.

It lives in memory (a `BuildCache` kept between builds, as the preview server does) and in
`.digest-cache/` in the project, which git ignores:

    articles.sqlite       every parsed and enriched article (or its problems) by KEY, the
                          digest of its source, the parse and enrich settings and the program
                          (`digest.article_store`)
    pages.pickle          for each page of the output: the fingerprint of its inputs and the
                          size and modification time of the file written
    last-build.pickle     the last complete build: the manifest of its inputs, every file of
                          its output and what it reported (`digest.manifest`)
    build-state.pickle    what that build read: each article file's stat, entry and problems
    build-sites.pickle    what the last full build collected: each edition's Site without
                          its articles (both `digest.build_state`, for a quick rebuild)
    templates/            the theme's templates compiled (Jinja's bytecode, by template)

Nothing is trusted that does not check out: an article entry carries a checksum of its
payload, the build record starts with a format line, the program's digest and a checksum,
and a pages index names the program and the output folder. A file or entry that fails a
check is ignored with a warning and rebuilt. Entries are pickles of our own frozen
dataclasses (Article, Problem): JSON would need a hand-written codec for every model type,
and the checks above keep a truncated, garbled or stale entry from ever being unpickled.
Like the project's templates, the folder is trusted not to be hostile.
"""

from __future__ import annotations

import gc
import os
import pickle
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from digest.article_store import ArticleStore
from digest.build_state import BuildState, SavedSites
from digest.content.sources import KnownSources
from digest.errors import Problem, warning
from digest.fingerprint import TemplateReferences, program_digest, value_digest
from digest.hashing import SIZE, digest_bytes
from digest.manifest import LastBuild
from digest.model import Article, Source
from digest.output.feeds import FeedMemory
from digest.output.publish import PublishMemory
from digest.output.writer import write_atomic
from digest.planning import PlanMemory
from digest.render.theme import CompiledTemplates
from digest.site.collect import CollectMemory

CACHE_DIR = ".digest-cache"
FORMAT = b"digest-cache 1\n"
ARTICLES = "articles.sqlite"
LAST_BUILD = "last-build.pickle"
BUILD_STATE = "build-state.pickle"
BUILD_SITES = "build-sites.pickle"
TEMPLATES = "templates"
PAGES = "pages.pickle"
_HINT = "the cache is rebuilt; nothing to do"


@dataclass(frozen=True)
class ParsedEntry:
    """One source as parsing and enriching left it: the article (None if it had errors)."""

    article: Article | None
    problems: tuple[Problem, ...]


class PageEntry(NamedTuple):
    """A page the last build wrote: its fingerprint, and the size and mtime of its file (a
    tuple: a site has tens of thousands, loaded at every build)."""

    fingerprint: bytes
    size: int
    mtime_ns: int

    def stands_for(self, fingerprint: bytes, file: str, trusted: bool = False) -> bool:
        """True if the page has this fingerprint and its `file` (unless `trusted`) is as the
        build that wrote it left it."""
        if self.fingerprint != fingerprint:
            return False
        if trusted:
            return True
        try:
            now = os.stat(file)
        except OSError:
            return False
        return (now.st_size, now.st_mtime_ns) == (self.size, self.mtime_ns)


@dataclass(frozen=True)
class PagesIndex:
    """The pages a build wrote into the folder `output`, by path below it."""

    output: str
    pages: dict[str, PageEntry]

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with each entry as a plain tuple (faster by far than named tuples)."""
        return _pages_index, (self.output, {path: tuple(e) for path, e in self.pages.items()})


def _pages_index(output: str, pages: dict[str, tuple[bytes, int, int]]) -> PagesIndex:
    return PagesIndex(output, {path: PageEntry._make(entry) for path, entry in pages.items()})


def article_key(settings: bytes, source: Source) -> bytes:
    """The key of a source's entry: the digest of the article settings and the source."""
    return digest_bytes(settings, value_digest(source))


class EditionMemory:
    """What the last build of one language edition found, kept in memory for the next; with
    `keep` false, memories for one build, which keep nothing past their use."""

    def __init__(self, keep: bool = True) -> None:
        self.collected = CollectMemory()
        """Its stories, related articles… (see CollectMemory)."""
        self.plans = PlanMemory(keep)
        """The last plan of its pages."""
        self.feeds = FeedMemory(keep)
        """Its feeds last written."""


class BuildCache:
    """What earlier builds know, in memory and (unless `folder` is None) on disk.

    `build()` reads and updates the cache it is given; keeping one between builds of the same
    project in one process makes the next build faster.
    """

    def __init__(
        self, folder: Path | None, shown: str = CACHE_DIR, settle_ns: int | None = None
    ) -> None:
        self.folder = folder
        self._shown = shown
        self.sources = KnownSources() if settle_ns is None else KnownSources(settle_ns)
        """The article files read, in memory only: unchanged files are not read again."""
        self.templates = CompiledTemplates(self._templates_folder())
        """Compiled templates (checked against their sources' checksums)."""
        self.template_references = TemplateReferences()
        """The templates each template source references, in memory only."""
        self.editions: dict[str, EditionMemory] = {}
        """For each language edition, what its last build collected, planned and fed: in
        memory only (`edition(code)`)."""
        self.published = PublishMemory()
        """The sitemap and other files beside the pages last written, in memory only."""
        self._parsed: dict[bytes, ParsedEntry] = {}
        self._stored: set[bytes] | None = None
        """The keys of the entries on disk, once known (the first `store` reads them)."""
        self._source_keys: dict[int, tuple[Source, bytes]] = {}
        self._key_settings = b""
        self._pages: dict[str, PageEntry] | None = None
        self._pages_output = ""
        self._files: frozenset[str] | None = None
        self._output_id: tuple[int, int] | None = None
        self._used: set[bytes] = set()
        self.store_later = False
        """Leave writing to the cache folder to `store()`: the preview server does it once the
        open pages were told to reload."""
        self._pages_saved: tuple[dict[str, PageEntry], str] | None = None
        self._notes: list[Problem] = []
        self._store = None if folder is None else ArticleStore(folder / ARTICLES, self._damaged)

    def _templates_folder(self) -> Path | None:
        return None if self.folder is None else self.folder / TEMPLATES

    @classmethod
    def for_project(cls, root: Path) -> BuildCache:
        """The cache in the project's `.digest-cache/` folder."""
        return cls(root / CACHE_DIR)

    def clear(self) -> None:
        """Forget everything, in memory and on disk (`digest build --clean`)."""
        self._parsed.clear()
        self._stored = set()  # the file is removed below
        self.sources = KnownSources(self.sources.settle_ns)
        self.templates = CompiledTemplates(self._templates_folder())
        self.template_references = TemplateReferences()
        self.editions = {}
        self.published = PublishMemory()
        self._pages = {}
        self._files = None
        self._output_id = None
        self._pages_saved = None
        if self.folder is not None and self._store is not None:
            self._store.clear()
            shutil.rmtree(self.folder / "articles", ignore_errors=True)  # the older layout
            (self.folder / PAGES).unlink(missing_ok=True)
            (self.folder / LAST_BUILD).unlink(missing_ok=True)
            (self.folder / BUILD_STATE).unlink(missing_ok=True)
            (self.folder / BUILD_SITES).unlink(missing_ok=True)
            shutil.rmtree(self.folder / TEMPLATES, ignore_errors=True)

    def forget_sources(self) -> None:
        """Forget the files read (and their texts): the next build reads every file."""
        self.sources = KnownSources(self.sources.settle_ns)
        self._source_keys = {}

    def edition(self, code: str) -> EditionMemory:
        """What the last build of the language edition `code` found, for the next one."""
        memory = self.editions.get(code)
        if memory is None:
            memory = self.editions[code] = EditionMemory()
        return memory

    def confirm_plans(self) -> None:
        """Note that every edition's last plan was written (`PlanMemory.confirm`)."""
        for memory in self.editions.values():
            memory.plans.confirm()

    def kept_open(self) -> AbstractContextManager[None]:
        """One connection to the article store for every load and update within."""
        return nullcontext() if self._store is None else self._store.kept_open()

    def take_notes(self) -> list[Problem]:
        """Warnings about cache files that were ignored, since the last call."""
        notes, self._notes = self._notes, []
        return notes

    def article_keys(self, settings: bytes, sources: Sequence[Source]) -> list[bytes]:
        """Each source's key: the digest of `settings` and the source.

        A source object the last call saw, with the same settings, is not digested again:
        `KnownSources` gives an unchanged file's `Source` as the same object each build.
        """
        known = self._source_keys if settings == self._key_settings else {}
        self._source_keys, self._key_settings = {}, settings
        for source in sources:
            entry = known.get(id(source))
            if entry is None or entry[0] is not source:
                entry = (source, article_key(settings, source))
            self._source_keys[id(source)] = entry
        return [self._source_keys[id(source)][1] for source in sources]

    def parsed(self, keys: Sequence[bytes]) -> dict[bytes, ParsedEntry | None]:
        """The entry stored under each key, from memory or disk; None if absent or
        unreadable. The entries not in memory are read from disk at once."""
        entries: dict[bytes, ParsedEntry | None] = {key: self._parsed.get(key) for key in keys}
        missing = {key for key, entry in entries.items() if entry is None}
        if missing and self._store is not None:
            for key, entry in self._store.load(missing):
                if isinstance(entry, ParsedEntry):
                    entries[key] = self._parsed[key] = entry
                    if self._stored is not None:
                        self._stored.add(key)
                else:
                    self._damaged(f"entry {key.hex()[:12]} is not an article entry")
        return entries

    def stored_keys(self) -> set[bytes]:
        """The keys of the article entries on disk."""
        return set() if self._store is None else self._store.keys()

    def remember_parsed(self, key: bytes, entry: ParsedEntry) -> None:
        self._parsed[key] = entry

    def pages(self, output: Path) -> Mapping[str, PageEntry]:
        """The pages the last build wrote into `output`, by path below it."""
        if self._pages is None:
            self._pages, self._pages_output = self._load_pages()
        return self._pages if self._pages_output == str(output) else {}

    def remember_pages(
        self, output: Path, pages: dict[str, PageEntry], files: frozenset[str] | None = None
    ) -> None:
        """The pages just written into `output`, and every file it holds (in memory only)."""
        self._pages, self._pages_output, self._files = pages, str(output), files
        self._output_id = folder_id(output)

    def wrote_last(self, output: Path) -> bool:
        """True if `output` is still the folder the last build with this cache wrote: no
        other build (`digest build` swaps a new folder in) has replaced it since."""
        return self._output_id is not None and self._output_id == folder_id(output)

    def output_files(self, output: Path) -> frozenset[str] | None:
        """Every file the last build with this cache left in `output`; None if not known."""
        return self._files if self._pages_output == str(output) else None

    def save(self, used: Iterable[bytes]) -> None:
        """Keep only the `used` article entries; store the new ones and the pages index,
        unless `store_later` (then `store()` does)."""
        self._used = set(used)
        self._parsed = {key: self._parsed[key] for key in self._used if key in self._parsed}
        if not self.store_later:
            self.store()

    def store(self) -> None:
        """Write what the last `save` kept to the cache folder: new article entries, the pages
        index; entries no longer used are removed."""
        used = self._used
        if self.folder is None or self._store is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.folder / ".gitignore"
        if not ignore.exists():
            write_atomic(ignore, b"*\n")
        stored = self._stored
        if stored is None:  # the first store: learn what the file holds
            stored = self._store.keys()
            # The older layout, a file per article in `articles/`, is removed.
            shutil.rmtree(self.folder / "articles", ignore_errors=True)
        new = {key: entry for key, entry in self._parsed.items() if key not in stored}
        if not self._store.update(new, stored - used):  # damaged, and removed
            new = self._parsed
            self._store.update(new, ())
        self._stored = (stored | new.keys()) & used
        self._store_pages()

    def replace_entries(self, new: Mapping[bytes, ParsedEntry], gone: Iterable[bytes]) -> None:
        """Store the `new` article entries and remove the `gone` ones, on disk at once."""
        self._parsed.update(new)
        if self._store is not None and self._store.update(new, gone) and self._stored is not None:
            self._stored = (self._stored | new.keys()) - set(gone)

    def _store_pages(self) -> None:
        """Write the pages index, unless it is as last written."""
        assert self.folder is not None
        saved = (self._pages, self._pages_output)
        if self._pages is not None and saved != self._pages_saved:
            index = PagesIndex(self._pages_output, self._pages)
            write_atomic(self.folder / PAGES, _checked_pickle(index))
            self._pages_saved = saved

    def last_build(self) -> LastBuild | None:
        """The record of the last complete build with this cache folder, if it checks out."""
        if self.folder is None:
            return None
        found = self._load_checked(self.folder / LAST_BUILD, LastBuild, "a build record")
        return found if isinstance(found, LastBuild) else None

    def remember_build(self, record: LastBuild) -> None:
        """Store the record of the build that just completed (not with `store_later`: the
        preview server's builds are not recorded)."""
        if self.folder is not None and not self.store_later:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.folder / LAST_BUILD, _checked_pickle(record))

    def forget_build(self) -> None:
        """Drop the record of the last build: the output is about to change."""
        if self.folder is not None:
            (self.folder / LAST_BUILD).unlink(missing_ok=True)

    def last_state(self) -> BuildState | None:
        """What the last complete build read and collected, if it checks out."""
        if self.folder is None:
            return None
        found = self._load_checked(self.folder / BUILD_STATE, BuildState, "a build state")
        return found if isinstance(found, BuildState) else None

    def remember_state(self, state: BuildState, sites: SavedSites | None = None) -> None:
        """Store what the build that just completed read, and the `sites` it collected (a
        quick rebuild leaves those as they were), before its record (`remember_build`, which
        vouches for them)."""
        if self.folder is not None and not self.store_later:
            self.folder.mkdir(parents=True, exist_ok=True)
            if sites is not None:
                write_atomic(self.folder / BUILD_SITES, _checked_pickle(sites))
            write_atomic(self.folder / BUILD_STATE, _checked_pickle(state))

    def last_sites(self, state: BuildState) -> SavedSites | None:
        """The sites that go with `state`, if they check out."""
        if self.folder is None:
            return None
        found = self._load_checked(self.folder / BUILD_SITES, SavedSites, "saved sites")
        return found if isinstance(found, SavedSites) and found.id == state.sites else None

    def _load_checked(self, path: Path, kind: type, what: str) -> object | None:
        """The object pickled at `path` by `_checked_pickle`, if it checks out and is a `kind`."""
        try:
            data = path.read_bytes()
        except OSError:
            return None  # not stored: the usual case for a new or changed article
        start = len(FORMAT) + 2 * SIZE
        header, checksum, payload = data[: start - SIZE], data[start - SIZE : start], data[start:]
        if not header.startswith(FORMAT):
            return self._ignored(path, "not a digest cache file, or truncated")
        if header != FORMAT + program_digest():
            return self._ignored(path, "written by another version of digest")
        if digest_bytes(payload) != checksum:
            return self._ignored(path, "truncated or damaged (checksum differs)")
        try:
            with collector_paused():
                entry = pickle.loads(payload)
        except Exception as error:  # any unpickling failure means the entry is unusable
            return self._ignored(path, f"unreadable ({type(error).__name__})")
        if not isinstance(entry, kind):
            return self._ignored(path, f"not {what}")
        return entry

    def _load_pages(self) -> tuple[dict[str, PageEntry], str]:
        if self.folder is None:
            return {}, ""
        found = self._load_checked(self.folder / PAGES, PagesIndex, "a pages index")
        return (found.pages, found.output) if isinstance(found, PagesIndex) else ({}, "")

    def _damaged(self, reason: str) -> None:
        """Note that the article store, or an entry of it, was left out."""
        shown = f"{self._shown}/{ARTICLES}"
        self._notes.append(warning(shown, None, f"build cache file ignored: {reason}", _HINT))

    def _ignored(self, path: Path, reason: str) -> None:
        assert self.folder is not None
        shown = f"{self._shown}/{path.relative_to(self.folder).as_posix()}"
        self._notes.append(warning(shown, None, f"build cache file ignored: {reason}", _HINT))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused: unpickling a large record makes hundreds of
    thousands of objects and no cycle, and the collector would walk them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _checked_pickle(value: object) -> bytes:
    """`value` pickled behind the format line, the program's digest and a checksum."""
    payload = pickle.dumps(value, protocol=5)
    return FORMAT + program_digest() + digest_bytes(payload) + payload


def folder_id(folder: Path) -> tuple[int, int] | None:
    """The device and inode of a folder: a build that swaps a new one in changes them."""
    try:
        result = folder.stat()
    except OSError:
        return None
    return result.st_dev, result.st_ino
