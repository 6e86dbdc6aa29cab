"""Find article files under `content/` and decode them to text, warning about what is odd."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

import codecs
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

from digest.errors import Problem, warning
from digest.model import Source

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
_EDITOR_LEFTOVERS = re.compile(r"(^\.|^#.*#$|~$|\.sw[a-p]$|___jb_(tmp|old)___$|^4913$)")


def is_article_file(path: Path) -> bool:
    """True for files digest reads as articles: known suffixes, no hidden or editor temp files."""
    return _is_article_name(path.name)


def _is_article_name(name: str) -> bool:
    suffix = os.path.splitext(name)[1]
    return suffix.lower() in ARTICLE_SUFFIXES and not _EDITOR_LEFTOVERS.search(name)


def find_article_files(content_dir: Path) -> list[Path]:
    """Every article file below `content_dir`, sorted, skipping hidden folders.

    Symbolic links to files are followed, those to folders are not (as `Path.rglob`).
    """
    return [Path(path) for path in article_paths(str(content_dir))]


def article_paths(content_dir: str) -> list[str]:
    """`find_article_files`, as strings (sorted as paths are: by their parts)."""
    found = []
    folders = [content_dir]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if not entry.name.startswith("."):
                    folders.append(entry.path)
            elif _is_article_name(entry.name) and entry.is_file():
                found.append(entry.path)
    return sorted(found, key=lambda path: path.split(os.sep))


@dataclass(frozen=True)
class WatchedChanges:
    """The article files a watcher saw change since the last read (absolute paths): with it,
    the other files are taken as they were, without looking at them."""

    changed: frozenset[str] = frozenset()
    """Added or modified (a renamed file's new path too)."""
    removed: frozenset[str] = frozenset()
    """Deleted (a renamed file's old path too)."""


def _listed(path: str, content_dir: Path) -> bool:
    """Would `article_paths` list this path (an article name, in no hidden folder)?"""
    relative = os.path.relpath(path, content_dir).split(os.sep)
    return (
        relative[0] != os.pardir
        and not any(part.startswith(".") for part in relative[:-1])
        and _is_article_name(relative[-1])
    )


def read_sources(
    root: Path,
    content_dir: Path,
    known: KnownSources | None = None,
    watched: WatchedChanges | None = None,
) -> tuple[list[Source], list[Problem]]:
    """Read and decode every article file; unreadable ones become warnings, never crashes.

    With `known`, a file whose stat is as when it was last read is not read again; with
    `watched` too, only the files it names are looked at (the folder is not listed again).
    """
    sources: list[Source] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return sources, [warning(_display(content_dir, root), None, "content folder not found")]
    known = KnownSources() if known is None else known
    listed = known.listing(content_dir) if watched is not None else None
    if listed is not None and watched is not None and not watched.removed:
        reread = known.reread(watched.changed, root, content_dir)
        if reread is not None:
            return reread
    if listed is None:
        paths = article_paths(str(content_dir))
    else:
        found = {p for p in watched.changed if _listed(p, content_dir) and os.path.isfile(p)}
        paths = sorted((set(listed) - watched.removed) | found, key=lambda p: p.split(os.sep))
    known.forget(paths, content_dir)
    results = [
        known.last(path, root, content_dir)
        if listed is not None and path not in watched.changed
        else known.read(path, root, content_dir)
        for path in paths
    ]
    known.remember(results, root)
    return _split(results)


def _split(
    results: list[tuple[Source | None, Problem | None]],
) -> tuple[list[Source], list[Problem]]:
    """The sources read, and the problems met, in order."""
    sources = [source for source, _ in results if source is not None]
    return sources, [problem for _, problem in results if problem is not None]


@dataclass(frozen=True)
class _Read:
    """One file as last read: the stat it had, when it was read, and what came of it."""

    folders: tuple[Path, Path]
    """The project and content folders it was read for: they shape the `Source`."""
    stat: tuple[int, ...]
    read_at_ns: int
    source: Source | None
    problem: Problem | None


SETTLE_NS = 2_000_000_000
"""A file changed this close to when it was read may have changed again within one tick of
the file system's clock (2 s covers the coarsest, FAT's)."""


class KnownSources:
    """The files earlier builds read, so that a build reads only the files that changed.

    A file is read again unless its device, inode, size, modification and change times are
    all as they were. Any write changes the change time (`touch` and `cp -p` too, which can
    set the modification time back), so equal stats mean equal bytes, except when the file
    was changed within one tick of the file system's clock after being read: a file whose
    change time lies within `settle_ns` of when it was read is therefore always read again
    (git's "racily clean" rule; 2 s covers the coarsest clocks, FAT's).
    """

    def __init__(self, settle_ns: int = SETTLE_NS) -> None:
        self.settle_ns = settle_ns
        self.reads = 0
        """Files read from disk since this object was made."""
        self._files: dict[str, _Read] = {}
        self._listing: tuple[str, tuple[str, ...]] = ("", ())
        self._folders: tuple[Path, Path] | None = None
        self._position: dict[str, int] = {}
        self._results: list[tuple[Source | None, Problem | None]] = []

    def read(
        self, path: str, root: Path, content_dir: Path
    ) -> tuple[Source | None, Problem | None]:
        """`read_source(path, …)`, or what it gave last time if the file has not changed."""
        try:
            now = os.stat(path)
        except OSError:
            now = None
        known = self._files.get(path)
        folders = (root, content_dir)
        if known is not None and now is not None and self._unchanged(known, now, folders):
            return known.source, known.problem
        read_at = time.time_ns()
        source, problem = read_source(Path(path), root, content_dir)
        self.reads += 1
        stat = stat_key(now) if now else ()
        self._files[path] = _Read(folders, stat, read_at, source, problem)
        return source, problem

    def _unchanged(self, known: _Read, now: os.stat_result, folders: tuple[Path, Path]) -> bool:
        """True if the file's stat is as read, it had settled by then, and the folders match."""
        stat = stat_key(now)
        return (
            settled(stat, known.read_at_ns, self.settle_ns)
            and known.stat == stat
            and known.folders == folders
        )

    def last(
        self, path: str, root: Path, content_dir: Path
    ) -> tuple[Source | None, Problem | None]:
        """What the file gave when last read, without looking at it (read it if never read)."""
        known = self._files.get(path)
        if known is not None and known.folders == (root, content_dir):
            return known.source, known.problem
        return self.read(path, root, content_dir)

    def reread(
        self, changed: AbstractSet[str], root: Path, content_dir: Path
    ) -> tuple[list[Source], list[Problem]] | None:
        """What the last `read_sources` of these folders gave, with the `changed` files read
        again; None unless they are all files of its listing (else the listing changed)."""
        if (
            self._folders != (root, content_dir)
            or not changed <= self._position.keys()
            or not all(os.path.isfile(path) for path in changed)
        ):
            return None
        for path in changed:
            self._results[self._position[path]] = self.read(path, root, content_dir)
        return _split(self._results)

    def remember(self, results: list[tuple[Source | None, Problem | None]], root: Path) -> None:
        """Note what each file of the listing gave, in its order, for `reread`."""
        content_dir, paths = self._listing
        self._folders = (root, Path(content_dir))
        self._position = {path: index for index, path in enumerate(paths)}
        self._results = results

    def listing(self, content_dir: Path) -> tuple[str, ...] | None:
        """The article files of `content_dir` as last listed, if it was the last one listed."""
        return self._listing[1] if self._listing[0] == str(content_dir) else None

    def forget(self, keep: list[str], content_dir: Path) -> None:
        """Note `keep` as the listing of `content_dir`; drop the other files (deleted, renamed)."""
        self._listing = (str(content_dir), tuple(keep))
        self._folders = None
        kept = set(keep)
        self._files = {path: read for path, read in self._files.items() if path in kept}


def stat_key(result: os.stat_result) -> tuple[int, ...]:
    """What stands for a file's bytes: device, inode, size, modification and change times
    (with the racily-clean rule, see KnownSources)."""
    return (
        result.st_dev,
        result.st_ino,
        result.st_size,
        result.st_mtime_ns,
        result.st_ctime_ns,
    )


def settled(stat: tuple[int, ...], taken_ns: int, settle_ns: int = SETTLE_NS) -> bool:
    """True if a file of this stat (`stat_key`) had not changed within `settle_ns` before
    `taken_ns`: then an equal stat later stands for the same bytes (see KnownSources)."""
    return max(stat[3], stat[4]) + settle_ns <= taken_ns


def read_source(path: Path, root: Path, content_dir: Path) -> tuple[Source | None, Problem | None]:
    """Decode one file: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252/Latin-1 with a warning."""
    shown = _display(path, root)
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as error:
        return None, warning(shown, None, f"cannot read file: {error.strerror}")
    if not data.strip():
        return None, warning(shown, None, "empty file skipped")
    text, encoding = decode(data)
    if text is None:
        return None, warning(shown, None, "binary file skipped", "only text articles are read")
    source = Source(
        path=shown,
        content_path=path.relative_to(content_dir).as_posix(),
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        encoding=encoding,
        mtime=mtime,
    )
    problem = None
    if encoding not in ("utf-8", "utf-8-sig", "utf-16"):
        problem = warning(
            shown, None, f"not valid UTF-8; read as {encoding}", "save the file as UTF-8"
        )
    return source, problem


def decode(data: bytes) -> tuple[str | None, str]:
    """Text and the encoding it was read with, or (None, "binary")."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:8192]:
        return None, "binary"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
