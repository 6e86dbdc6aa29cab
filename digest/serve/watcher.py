"""Watch a site's inputs with watchdog and hand them over in debounced batches.

The watchdog callback only records the event; the build thread takes a batch once the
files have been quiet for a moment, so an editor's save or a checkout of 500 files is one
rebuild. What the events mean is decided by `changes.classify`, a pure function.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from digest.config import CONFIG_FILE, SiteConfig
from digest.errors import DigestError
from digest.render.i18n import LOCALES
from digest.render.theme import SITE_LAYER, THEME_FILE, theme_layers
from digest.serve.changes import CREATED, DELETED, MODIFIED, MOVED, FileEvent, WatchLayout

QUIET = 0.1
"""Seconds without events before a batch is handed over."""
LONGEST_WAIT = 2.0
"""Seconds after the first event of a batch when it is handed over even if events go on."""
CACHE_DIR = ".digest-cache"

Clock = Callable[[], float]


class Debouncer:
    """Collects events; a batch is due once no event came for `quiet` seconds."""

    def __init__(
        self, quiet: float = QUIET, longest: float = LONGEST_WAIT, clock: Clock = time.monotonic
    ) -> None:
        self.quiet = quiet
        self.longest = longest
        self.clock = clock
        self._events: list[FileEvent] = []
        self._first = self._last = 0.0
        self._changed = threading.Condition()

    def add(self, event: FileEvent) -> None:
        """Record one event (called from the watchdog thread)."""
        with self._changed:
            now = self.clock()
            if not self._events:
                self._first = now
            self._events.append(event)
            self._last = now
            self._changed.notify_all()

    def due_in(self) -> float | None:
        """Seconds until the pending batch is due (0 when due now); None when nothing is pending."""
        with self._changed:
            return self._due_in()

    def take(self) -> list[FileEvent]:
        """The pending events, if their batch is due; else an empty list."""
        with self._changed:
            if self._due_in() != 0:
                return []
            events, self._events = self._events, []
            return events

    def wait(self, stop: threading.Event, poll: float = 0.5) -> list[FileEvent]:
        """Block until a batch is due and return it; an empty list once `stop` is set."""
        with self._changed:
            while not stop.is_set():
                due = self._due_in()
                if due == 0:
                    events, self._events = self._events, []
                    return events
                self._changed.wait(poll if due is None else min(due, poll))
        return []

    def wake(self) -> None:
        """Let a waiting `wait` look at its stop event now."""
        with self._changed:
            self._changed.notify_all()

    def _due_in(self) -> float | None:
        if not self._events:
            return None
        now = self.clock()
        return max(0.0, min(self._last + self.quiet - now, self._first + self.longest - now))


def layout_for(root: Path, config: SiteConfig | None) -> WatchLayout:
    """The inputs of a site: content, theme layers, site templates/static, data, config."""
    root = root.resolve()
    if config is None:
        return WatchLayout(
            root=root,
            content=root / "content",
            config_files=(root / CONFIG_FILE,),
            template_dirs=(root / "templates", root / LOCALES, root / "themes"),
            static_dirs=(root / "static",),
            data_files=(root / "data/actors.toml", root / "data/topics.toml"),
            ignored=(root / "site", root / CACHE_DIR),
        )
    try:
        layers = theme_layers(config.theme, root)
    except DigestError:
        layers = ()
    themes = [layer for layer in layers if layer.name != SITE_LAYER]
    return WatchLayout(
        root=root,
        content=config.content_dir,
        config_files=(root / CONFIG_FILE, *(layer.root / THEME_FILE for layer in themes)),
        template_dirs=(  # message catalogues are read with the templates, and change them
            root / "templates",
            root / LOCALES,
            *(layer.templates for layer in themes),
            *(layer.root / LOCALES for layer in themes),
        ),
        static_dirs=(root / "static", *(layer.static for layer in themes)),
        data_files=(
            (root / config.actors.registry).resolve(),
            (root / config.topics.rules).resolve(),
        ),
        ignored=(config.output_dir, root / CACHE_DIR),
    )


class Watcher:
    """Observes the folders of a WatchLayout and feeds a Debouncer; `update` follows changes."""

    def __init__(self, debouncer: Debouncer) -> None:
        self.debouncer = debouncer
        self._observer: BaseObserver = Observer()
        self._watches: dict[tuple[Path, bool], ObservedWatch] = {}
        self._handler = _Handler(debouncer)

    def start(self, layout: WatchLayout) -> None:
        self.update(layout)
        self._observer.start()

    def update(self, layout: WatchLayout) -> None:
        """Watch the folders `layout` needs now (a config change may move them), no others."""
        wanted = set(layout.watched())
        for key in set(self._watches) - wanted:
            self._observer.unschedule(self._watches.pop(key))
        for folder, recursive in wanted - set(self._watches):
            try:
                self._watches[folder, recursive] = self._observer.schedule(
                    self._handler, str(folder), recursive=recursive
                )
            except OSError:
                continue  # removed in the meantime: its parent's events will bring it back

    def stop(self) -> None:
        if self._observer.is_alive():
            self._observer.stop()
            self._observer.join()


_KINDS = {
    "created": CREATED,
    "modified": MODIFIED,
    "attrib": MODIFIED,
    "deleted": DELETED,
    "moved": MOVED,
}
"""watchdog's event types that are changes; opened, closed and closed_no_write are not."""


class _Handler(FileSystemEventHandler):
    """Turns watchdog's events into FileEvents; opening, closing and reading are not changes."""

    def __init__(self, debouncer: Debouncer) -> None:
        self.debouncer = debouncer

    def on_any_event(self, event: FileSystemEvent) -> None:
        kind = _KINDS.get(event.event_type)
        if kind is None or (kind == MODIFIED and event.is_directory):
            return
        self.debouncer.add(
            FileEvent(
                kind,
                os.fsdecode(event.src_path),
                os.fsdecode(event.dest_path or b""),
                event.is_directory,
            )
        )
