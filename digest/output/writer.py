"""Write a build into the output folder: staged beside it and swapped in, or updated in place.

Staging (what `digest build` does) writes every file into a folder beside the output, then
swaps it in with two renames. In place (what the preview server asks for once it has built
the site) only the files whose bytes changed are written, each to a temporary file renamed
over the old one, and the files the last build placed and this one does not are removed.
Staging takes the pages as they are rendered (a site's pages need not all be held at once);
if rendering or writing fails, the staging folder is removed and the output is untouched.
In place starts only after every page is rendered. Either way a failed build changes
nothing.

Nothing outside the output folder and its two siblings `.NAME.staging-*` / `.NAME.old-*` is
ever written or deleted, and a folder digest did not make is never replaced.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from digest.errors import DigestError, Problem
from digest.model import RenderedFile

MARKER = ".nojekyll"
"""In every build: GitHub Pages then skips Jekyll, and we know the folder is ours."""


@dataclass(frozen=True)
class WriteResult:
    """What the swapped-in site holds, how many files have new bytes, and each page's stat."""

    pages: int
    static_files: int
    written: int
    """Files whose bytes are new; the others are the previous output's files, linked."""
    stats: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    """Each given (rendered) page's (size, modification time in ns) as placed, by path."""
    files: frozenset[str] = frozenset()
    """Every file the output now holds, by path: what an in-place update starts from."""


def static_files(folders: Iterable[Path]) -> dict[str, Path]:
    """Files to copy as they are, by output path; the first folder to have a path wins."""
    chosen: dict[str, Path] = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in chosen:
                chosen[relative] = path
    return chosen


def check_output_dir(output: Path) -> None:
    """Refuse to replace a non-empty folder that is not a digest build."""
    if output.exists() and not output.is_dir():
        raise DigestError(Problem(str(output), None, "output path exists and is not a folder"))
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise DigestError(
            Problem(
                str(output),
                None,
                "refusing to replace a folder that digest did not build",
                f"it is not empty and has no {MARKER}; move it away or choose another --output",
            )
        )


def write_site(
    pages: Iterable[RenderedFile],
    static: dict[str, Path],
    output: Path,
    kept: Iterable[str] = (),
    reuse: bool = True,
    present: frozenset[str] | None = None,
    on_complete: Callable[[Path], None] | None = None,
) -> WriteResult:
    """Stage every file, then swap the staged site in; on any failure the old site stays.

    `kept` pages are taken from the current output as they are. With `reuse`, any file whose
    bytes did not change is the current output's file, hard-linked (copied if links fail), so
    it keeps its modification time; without, every file is written anew.

    `present` (every file the output holds, as the last write's `files` gave it) updates the
    output in place instead: only changed files are written and vanished ones removed.

    `on_complete(folder)` runs on the complete site before anyone sees it (the search index is
    built there): on the staging folder before the swap, or on the output after an in-place
    update. If it raises while staging, nothing is swapped in.
    """
    if present is not None and reuse and (output / MARKER).is_file():
        updated = _update_in_place(pages, static, output, kept, present)
        if on_complete is not None:
            on_complete(output)
        return updated
    check_output_dir(output)
    kept = list(kept)
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(output)
    staging = output.parent / f".{output.name}.staging-{os.getpid()}"
    try:
        stage = _Stage(staging, output if reuse and output.is_dir() else None)
        for path in kept:
            stage.keep(path)
        for page in pages:
            stage.write(page.path, page.data)
        pages_placed = set(stage.placed)
        stats = {path: stage.stat(path) for path in stage.placed[len(kept) :]}
        for relative, source in static.items():
            if relative not in pages_placed:
                stage.copy(relative, source)
        stage.write(MARKER, b"")
        if on_complete is not None:
            on_complete(staging)
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return WriteResult(
        len(pages_placed),
        len(stage.placed) - len(pages_placed) - 1,
        stage.written,
        stats,
        frozenset(stage.placed),
    )


def _update_in_place(
    pages: Iterable[RenderedFile],
    static: dict[str, Path],
    output: Path,
    kept: Iterable[str],
    present: frozenset[str],
) -> WriteResult:
    """Write the changed files over the output's and remove the files no longer planned."""
    written, stats = update_files(pages, output)
    placed = set(kept) | stats.keys()
    pages_placed = len(placed)
    for relative, source in static.items():
        if relative in placed:
            continue
        placed.add(relative)
        target = output / relative
        size = source.stat().st_size
        if not _holds(target, size, lambda path, s=source: filecmp.cmp(s, path, False)):
            write_atomic(target, source.read_bytes())
            written += 1
    placed.add(MARKER)
    if not (output / MARKER).is_file():
        write_atomic(output / MARKER, b"")
    for relative in sorted(present - placed):
        _remove(output, relative)
    static_count = len(placed) - pages_placed - 1
    return WriteResult(pages_placed, static_count, written, stats, frozenset(placed))


def update_files(
    files: Iterable[RenderedFile], output: Path
) -> tuple[int, dict[str, tuple[int, int]]]:
    """Write each file over the output's, each atomically, unless it holds those bytes
    already: how many were written, and each file's size and mtime (ns) after, by path."""
    stats, written = {}, 0
    for file in files:
        target = output / file.path
        if not _holds(target, len(file.data), lambda path, d=file.data: path.read_bytes() == d):
            write_atomic(target, file.data)
            written += 1
        result = target.stat()
        stats[file.path] = (result.st_size, result.st_mtime_ns)
    return written, stats


def _holds(path: Path, size: int, same: Callable[[Path], bool]) -> bool:
    """True if the file at `path` has `size` bytes and `same` holds for it."""
    try:
        return path.stat().st_size == size and same(path)
    except OSError:
        return False


def write_atomic(target: Path, data: bytes) -> None:
    """Write to a temporary file beside `target`, then rename it over `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _remove(output: Path, relative: str) -> None:
    """Remove a file below `output`, and its folders that are left empty."""
    path = output / relative
    path.unlink(missing_ok=True)
    for folder in path.parents:
        if folder == output or output not in folder.parents:
            break
        try:
            folder.rmdir()
        except OSError:
            break  # not empty


class _Stage:
    """The staging folder being filled, and the current output to take unchanged files from."""

    def __init__(self, staging: Path, current: Path | None) -> None:
        self.root = staging
        self.current = current
        self.placed: list[str] = []
        self.written = 0
        self._folders: set[Path] = set()

    def keep(self, relative: str) -> None:
        """Take the current output's file as it is."""
        assert self.current is not None, "kept files need the current output"
        self._link(self.current / relative, self._target(relative))

    def write(self, relative: str, data: bytes) -> None:
        """Place `data`: the current file if it holds these bytes, else a new file."""
        target = self._target(relative)
        old = self._unchanged(relative, len(data), lambda path: path.read_bytes() == data)
        if old is None:
            target.write_bytes(data)
            self.written += 1
        else:
            self._link(old, target)

    def copy(self, relative: str, source: Path) -> None:
        """Place a static file: the current file if its bytes are the same, else a copy."""
        target = self._target(relative)
        size = source.stat().st_size
        old = self._unchanged(relative, size, lambda path: filecmp.cmp(source, path, False))
        if old is None:
            shutil.copyfile(source, target)
            self.written += 1
        else:
            self._link(old, target)

    def stat(self, relative: str) -> tuple[int, int]:
        result = (self.root / relative).stat()
        return result.st_size, result.st_mtime_ns

    def _unchanged(self, relative: str, size: int, same: Callable[[Path], bool]) -> Path | None:
        """The current output's file at `relative` if it has `size` bytes and `same` holds."""
        if self.current is None:
            return None
        old = self.current / relative
        try:
            if old.stat().st_size != size:
                return None
        except OSError:
            return None
        return old if same(old) else None

    def _target(self, relative: str) -> Path:
        target = self.root / relative
        if target.parent not in self._folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(target.parent)
        self.placed.append(relative)
        return target

    @staticmethod
    def _link(old: Path, target: Path) -> None:
        """A hard link keeps the inode, so the file keeps its modification time."""
        try:
            os.link(old, target)
        except OSError:
            shutil.copy2(old, target)


def _swap(staging: Path, output: Path) -> None:
    """Replace `output` with `staging`: two renames, so readers never see a half-written site.

    The old site is deleted by a thread of its own: on a slow disk, removing thousands of
    folders takes longer than the whole build of a changed article.
    """
    old = output.parent / f".{output.name}.old-{os.getpid()}-{os.urandom(4).hex()}"
    if output.exists():
        output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        if old.exists():
            old.rename(output)
        raise
    remover = threading.Thread(target=shutil.rmtree, args=(old, True), name=f"remove {old.name}")
    remover.start()


def _remove_leftovers(output: Path) -> None:
    """Remove staging and old folders a killed build left beside the output.

    Old sites of this process are left to the threads already removing them.
    """
    mine = f".{output.name}.old-{os.getpid()}-"
    for pattern in (f".{output.name}.staging-*", f".{output.name}.old-*"):
        for leftover in output.parent.glob(pattern):
            if leftover.is_dir() and not leftover.name.startswith(mine):
                shutil.rmtree(leftover, ignore_errors=True)
