"""Everything a build reads, at a glance: so that building an unchanged project does nothing.

A *manifest* digests the program, the configuration, and the path and stat (device, inode,
size, modification and change times) of every file a build reads: the articles, the data
files, and every file below the theme layers' `templates/`, `static/` and `locales/`. A stat
stands for the bytes as in `content.sources.KnownSources`: any write changes the change time,
and a manifest taken within `SETTLE_NS` of its newest file's change is never trusted (git's
"racily clean" rule). The output is checked as well: every file the last build left in it,
with the size and modification time it had then.
"""

from __future__ import annotations

import os
import pickle
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from digest.config import SiteConfig
from digest.content.sources import SETTLE_NS, article_paths, stat_key
from digest.errors import Problem
from digest.fingerprint import program_digest, value_digest
from digest.hashing import digest_bytes
from digest.render.theme import ThemeLayer

THEME_FOLDERS = ("templates", "static", "locales")


@dataclass(frozen=True)
class Manifest:
    """The digest of a build's inputs, and whether it can stand for them (`settled`).

    Its parts are kept too: the digest of everything but the article files (`rest`, and
    whether that had `rest_settled`), and each article file's stat by its path below the
    content folder (`articles`), as taken at `taken_ns`.
    """

    inputs: bytes
    settled: bool
    rest: bytes = b""
    rest_settled: bool = False
    articles: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    taken_ns: int = 0


@dataclass(frozen=True)
class LastBuild:
    """What a complete build read and left: its manifest's digest, every file of its output
    (size, modification time), and what it reported."""

    inputs: bytes
    output: str
    files: Mapping[str, tuple[int, int]]
    articles: int
    pages: int
    static_files: int
    problems: tuple[Problem, ...]


def take_manifest(
    config: SiteConfig, layers: Iterable[ThemeLayer], settle_ns: int = SETTLE_NS
) -> Manifest:
    """The manifest of a build of `config` with these theme layers, now; it stands for the
    files only if none changed within `settle_ns` before."""
    taken = time.time_ns()
    others = [
        str(config.root / config.actors.registry),
        str(config.root / config.topics.rules),
        *(path for layer in layers for path in _theme_files(layer)),
    ]
    rest_parts, rest_newest = _stats(others)
    rest = digest_bytes(program_digest(), value_digest(config.for_build), _encoded(rest_parts))
    content = str(config.content_dir)
    paths = article_paths(content)
    article_parts, newest = _stats(paths)
    start = len(os.path.join(content, ""))  # article_paths joins below `content` as given
    articles = {
        path[start:].replace(os.sep, "/"): stat for path, stat in article_parts if stat is not None
    }
    return Manifest(
        digest_bytes(rest, _encoded(article_parts)),
        max(newest, rest_newest) + settle_ns <= taken,
        rest,
        rest_newest + settle_ns <= taken,
        articles,
        taken,
    )


def _encoded(parts: list[tuple[str, tuple[int, ...] | None]]) -> bytes:
    """Paths and stats as bytes to digest (pickled: plain strings, integers and tuples pickle
    the same way every time, and ten thousand in a few milliseconds)."""
    return pickle.dumps(parts, protocol=5)


def _stats(paths: Iterable[str]) -> tuple[list[tuple[str, tuple[int, ...] | None]], int]:
    """Each path with its stat key (None if it cannot be read), and the newest change time."""
    parts: list[tuple[str, tuple[int, ...] | None]] = []
    newest = 0
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            parts.append((path, None))
            continue
        newest = max(newest, stat.st_ctime_ns, stat.st_mtime_ns)
        parts.append((path, stat_key(stat)))
    return parts, newest


def output_files(output: Path) -> dict[str, tuple[int, int]]:
    """Every file below `output`, by its POSIX path below it: its size and mtime. Links to
    folders are not followed (as `os.walk`)."""
    files = {}
    folders = [("", str(output))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir():
                    if not entry.is_symlink():
                        folders.append((f"{prefix}{entry.name}/", entry.path))
                    continue
                stat = entry.stat()
            except OSError:
                continue
            files[prefix + entry.name] = (stat.st_size, stat.st_mtime_ns)
    return files


def unchanged_since(last: LastBuild | None, manifest: Manifest, output: Path) -> bool:
    """True if the last build read exactly these inputs and its output is as it left it."""
    return (
        last is not None
        and manifest.settled
        and last.inputs == manifest.inputs
        and last.output == str(output)
        and output_files(output) == last.files
    )


def _theme_files(layer: ThemeLayer) -> list[str]:
    """Every file below the layer's templates/, static/ and locales/, sorted."""
    return sorted(
        os.path.join(folder, file)
        for name in THEME_FOLDERS
        for folder, _, names in os.walk(layer.root / name)
        for file in names
    )
