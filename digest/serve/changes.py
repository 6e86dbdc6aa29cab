"""File events → a ChangeSet: what kind of input changed, as a pure function of the events.

A batch of events is reduced to its net effect per path first, so an editor's save dance
(write a temp file, rename the original away, rename the temp file in, touch it) is one
changed article, and a file created and deleted within the batch is nothing at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from digest.content.sources import is_article_file

CREATED, MODIFIED, DELETED, MOVED = "created", "modified", "deleted", "moved"

_TEMP_NAME = re.compile(
    r"(^4913$|^\.#|^#.*#$|~$|\.sw[a-p x]$|\.swpx$|___jb_(tmp|old|bak)___$|\.tmp$|\.temp$"
    r"|^\.goutputstream-|\.crswap$|^\.~lock\.|\.kate-swp$)",
    re.IGNORECASE,
)


def is_temp_file(path: str | Path) -> bool:
    """Editor and tool leftovers: vim's 4913 and swap files, backups, lock files, `*.tmp`."""
    return bool(_TEMP_NAME.search(Path(path).name))


@dataclass(frozen=True)
class FileEvent:
    """One file system event: `kind` is created, modified, deleted or moved (to `dest`)."""

    kind: str
    path: str
    dest: str = ""
    is_directory: bool = False


@dataclass(frozen=True)
class WatchLayout:
    """Where the inputs of a site live, as absolute paths; what is watched and what each is."""

    root: Path
    content: Path
    config_files: tuple[Path, ...] = ()
    template_dirs: tuple[Path, ...] = ()
    static_dirs: tuple[Path, ...] = ()
    data_files: tuple[Path, ...] = ()
    ignored: tuple[Path, ...] = ()
    """The output folder and caches: never inputs, even if they sit below a watched folder."""

    def watched(self) -> tuple[tuple[Path, bool], ...]:
        """(folder, recursive) pairs to observe; folders that do not exist are left out."""
        folders: dict[Path, bool] = {self.root: False}
        for path in (*self.config_files, *self.data_files):
            folders.setdefault(path.parent, False)
        for path in (self.content, *self.template_dirs, *self.static_dirs):
            folders[path] = True
        return tuple((path, recursive) for path, recursive in folders.items() if path.is_dir())


@dataclass(frozen=True)
class ChangeSet:
    """What changed since the last build, as absolute paths grouped by kind of input."""

    content_added: tuple[str, ...] = ()
    content_changed: tuple[str, ...] = ()
    content_removed: tuple[str, ...] = ()
    content_renamed: tuple[tuple[str, str], ...] = ()
    templates: tuple[str, ...] = ()
    static: tuple[str, ...] = ()
    config: tuple[str, ...] = ()
    data: tuple[str, ...] = ()
    folders: tuple[str, ...] = field(default=())
    """Folders created, removed or renamed below a watched folder: their files may be unlisted."""

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The names of the non-empty groups, e.g. `("content_changed", "static")`."""
        return tuple(name for name in self.__dataclass_fields__ if getattr(self, name))

    @property
    def styles_only(self) -> bool:
        """True when only stylesheets changed: a browser can swap them without reloading."""
        return self.kinds == ("static",) and all(p.lower().endswith(".css") for p in self.static)


def classify(events: Iterable[FileEvent], layout: WatchLayout) -> ChangeSet:
    """The net change of a batch of events, by kind of input; temp files and output ignored."""
    paths, moves = _net_effect(events)
    renamed = [
        (source, dest)
        for source, dest in moves
        if paths[source][:2] == (True, False)
        and paths[dest][:2] == (False, True)
        and _kind_of(Path(source), layout) == _kind_of(Path(dest), layout) == "content"
        and not paths[dest][2]
    ]
    in_renames = {path for pair in renamed for path in pair}
    groups: dict[str, list[str]] = {
        name: [] for name in ChangeSet.__dataclass_fields__ if name != "content_renamed"
    }
    for path, (before, after, is_directory) in paths.items():
        kind = _kind_of(Path(path), layout, is_directory)
        if kind is None or (not before and not after) or path in in_renames:
            continue
        if is_directory:
            if before != after:
                groups["folders"].append(path)
        elif kind != "content":
            groups[kind].append(path)
        elif before and after:
            groups["content_changed"].append(path)
        else:
            groups["content_added" if after else "content_removed"].append(path)
    return ChangeSet(
        **{name: tuple(sorted(found)) for name, found in groups.items()},
        content_renamed=tuple(sorted(renamed)),
    )


def _net_effect(
    events: Iterable[FileEvent],
) -> tuple[dict[str, tuple[bool, bool, bool]], list[tuple[str, str]]]:
    """path → (existed before the batch, exists after it, is a folder), and the moves seen."""
    paths: dict[str, tuple[bool, bool, bool]] = {}
    moves: list[tuple[str, str]] = []

    def seen(path: str, existed: bool, exists: bool, is_directory: bool) -> None:
        before = paths[path][0] if path in paths else existed
        paths[path] = (before, exists, is_directory)

    for event in events:
        if event.kind == MOVED:
            seen(event.path, True, False, event.is_directory)
            seen(event.dest, False, True, event.is_directory)
            moves.append((event.path, event.dest))
        elif event.kind == CREATED:
            seen(event.path, False, True, event.is_directory)
        elif event.kind == DELETED:
            seen(event.path, True, False, event.is_directory)
        elif not event.is_directory:
            seen(event.path, True, True, False)
    return paths, moves


def _kind_of(path: Path, layout: WatchLayout, is_directory: bool = False) -> str | None:
    """Which group a path belongs to, or None when it is not an input of the build."""
    if is_temp_file(path) or any(_below(path, folder) for folder in layout.ignored):
        return None
    if path in layout.config_files:
        return "config"
    if path in layout.data_files:
        return "data"
    if any(_below(path, folder) for folder in layout.template_dirs):
        return "templates"
    if any(_below(path, folder) for folder in layout.static_dirs):
        return "static"
    if _below(path, layout.content) and path != layout.content:
        relative = path.relative_to(layout.content)
        if any(part.startswith(".") for part in relative.parts):
            return None
        return "content" if is_directory or is_article_file(path) else None
    return None


def _below(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
