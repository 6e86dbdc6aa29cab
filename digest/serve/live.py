"""The live state of a preview: which build is served, its problems, and who is listening.

One LiveSite belongs to one server. Builds run one at a time (on the build thread); while one
runs, requests wait for it, so nobody reads a site in the middle of its swap. A build that
raises (configuration, theme, template) is *failed*: the site on disk is the previous one,
so the served build stays, and browsers show the problems. A build that completes with
article errors is served (it lacks the bad articles, as `digest build` would write it) and
browsers show the problems over whatever page they are on.
"""

from __future__ import annotations

import json
import queue
import secrets
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digest.build import BuildResult
from digest.config import SiteConfig
from digest.errors import DigestError, Problem
from digest.serve.changes import ChangeSet, WatchLayout
from digest.serve.watcher import layout_for
from digest.site.urls import Urls

BuildFn = Callable[[SiteConfig, "ChangeSet | None"], BuildResult]
"""Builds a site: called with the freshly loaded config and what changed (None: everything)."""
ConfigFn = Callable[[], SiteConfig]
"""Loads the site's configuration again (it may have changed); raises DigestError."""


@dataclass(frozen=True)
class BuildReport:
    """One build as the terminal and the browsers see it."""

    id: str
    """The id of the build served after this one: unchanged when the build failed."""
    changes: ChangeSet | None
    result: BuildResult | None
    problems: tuple[Problem, ...]
    failed: bool
    seconds: float
    crash: str = ""
    """The traceback, when the build crashed on a bug rather than on user input."""

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    def message(self) -> str:
        """The build event sent to browsers, as JSON."""
        styles = self.changes is not None and self.changes.styles_only
        return json.dumps(
            {"id": self.id, "failed": self.failed, "styles": styles, **problems_json(self.errors)}
        )


@dataclass(frozen=True)
class Served:
    """What requests are answered from right now."""

    id: str
    output: Path | None
    base_path: str
    errors: tuple[Problem, ...]


def problems_json(problems: tuple[Problem, ...]) -> dict[str, list[dict[str, str]]]:
    return {
        "problems": [
            {"location": p.location, "message": p.message, "hint": p.hint} for p in problems
        ]
    }


class LiveSite:
    """Runs builds one at a time and keeps what is served; tells listeners about each build."""

    def __init__(self, root: Path, load_config: ConfigFn, build: BuildFn) -> None:
        self.root = root.resolve()
        self._load_config = load_config
        self._build = build
        self._token = secrets.token_hex(4)
        self._number = 0
        self._served = Served(self._token + ".0", None, "/", ())
        self.layout: WatchLayout = layout_for(self.root, None)
        self._building = False
        self._closed = False
        self._idle = threading.Condition()
        self._listeners: set[queue.SimpleQueue[str | None]] = set()
        self._build_lock = threading.Lock()

    def served(self, wait: bool = True) -> Served:
        """The build to answer from; first waits for a running build to finish."""
        with self._idle:
            while wait and self._building and not self._closed:
                self._idle.wait(0.5)
            return self._served

    def rebuild(self, changes: ChangeSet | None) -> BuildReport:
        """Load the config, build, and serve the result unless the build failed."""
        with self._build_lock:
            with self._idle:
                self._building = True
            try:
                report = self._run_build(changes)
            finally:
                with self._idle:
                    self._building = False
                    self._idle.notify_all()
        self._publish(f"event: build\ndata: {report.message()}\n\n")
        return report

    def _run_build(self, changes: ChangeSet | None) -> BuildReport:
        start = time.perf_counter()
        result, crash = None, ""
        try:
            config = self._load_config()
            self.layout = layout_for(self.root, config)
            result = self._build(config, changes)
        except DigestError as error:
            problems = error.problems
        except Exception as error:  # a bug in a build must not stop the preview
            crash = traceback.format_exc()
            problems = (
                Problem(
                    "digest",
                    None,
                    f"internal error: {type(error).__name__}: {error}",
                    "the traceback is in the terminal",
                ),
            )
        else:
            problems = result.problems
            self._number += 1
            self._served = Served(
                f"{self._token}.{self._number}",
                result.output,
                Urls(config.base_url).base_path,
                (),
            )
        errors = tuple(p for p in problems if p.is_error)
        with self._idle:
            served = self._served
            self._served = Served(served.id, served.output, served.base_path, errors)
        return BuildReport(
            self._served.id,
            changes,
            result,
            problems,
            result is None,
            time.perf_counter() - start,
            crash,
        )

    def hello(self) -> str:
        """The first event a new listener gets: the build served now and its problems."""
        served = self._served
        data = json.dumps({"id": served.id, **problems_json(served.errors)})
        return f"retry: 1000\nevent: hello\ndata: {data}\n\n"

    def listen(self) -> queue.SimpleQueue[str | None]:
        """A queue of events for one browser; None means the server is closing."""
        listener: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        with self._idle:
            if self._closed:
                listener.put(None)
            self._listeners.add(listener)
        return listener

    def forget(self, listener: queue.SimpleQueue[str | None]) -> None:
        with self._idle:
            self._listeners.discard(listener)

    @property
    def listeners(self) -> int:
        return len(self._listeners)

    def close(self) -> None:
        """Wake every waiting request and end every event stream."""
        with self._idle:
            self._closed = True
            self._idle.notify_all()
        self._publish(None)

    def _publish(self, event: str | None) -> None:
        with self._idle:
            listeners = list(self._listeners)
        for listener in listeners:
            listener.put(event)
