"""Write a build into a staging folder beside the output, then swap it into place in one step.

Nothing outside the output folder and its two siblings `.NAME.staging-*` / `.NAME.old-*` is
ever written or deleted, and a folder digest did not make is never replaced.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from digest.errors import DigestError, Problem
from digest.model import RenderedFile

MARKER = ".nojekyll"
"""In every build: GitHub Pages then skips Jekyll, and we know the folder is ours."""


@dataclass(frozen=True)
class WriteResult:
    """How many files the swapped-in site holds."""

    pages: int
    static_files: int


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
    before_swap: Callable[[Path], None] | None = None,
) -> WriteResult:
    """Stage every file, then swap the staged site in; on any failure the old site stays.

    `before_swap(staging)` runs on the complete staged site just before the swap (the search
    index is built there); if it raises, nothing is swapped in.
    """
    check_output_dir(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(output)
    staging = output.parent / f".{output.name}.staging-{os.getpid()}"
    try:
        written = _write_pages(pages, staging)
        for relative, source in static.items():
            if relative not in written:
                target = staging / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)
        (staging / MARKER).touch()
        if before_swap is not None:
            before_swap(staging)
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return WriteResult(len(written), len(set(static) - written))


def _write_pages(pages: Iterable[RenderedFile], staging: Path) -> set[str]:
    written = set()
    folders: set[Path] = set()
    for page in pages:
        target = staging / page.path
        if target.parent not in folders:
            target.parent.mkdir(parents=True, exist_ok=True)
            folders.add(target.parent)
        target.write_bytes(page.data)
        written.add(page.path)
    return written


def _swap(staging: Path, output: Path) -> None:
    """Replace `output` with `staging`: two renames, so readers never see a half-written site."""
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    if output.exists():
        output.rename(old)
    try:
        staging.rename(output)
    except OSError:
        if old.exists():
            old.rename(output)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _remove_leftovers(output: Path) -> None:
    """Remove staging and old folders a killed build left beside the output."""
    for pattern in (f".{output.name}.staging-*", f".{output.name}.old-*"):
        for leftover in output.parent.glob(pattern):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
