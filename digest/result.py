"""What a build reports: its result, its progress as it runs, and the time each stage took."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from digest.errors import Problem

Progress = Callable[[str, int, int], None]
"""Called as `progress(stage, done, total)` while a build runs."""
Item = TypeVar("Item")
_END = object()


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


def quiet(stage: str, done: int, total: int) -> None:
    """A progress report nobody reads."""


def problem_order(problem: Problem) -> tuple[str, int, str]:
    """The order problems are reported in: by file, line and message."""
    return (problem.path, problem.line or 0, problem.message)


@contextmanager
def timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    """Time the block as `timings[stage]`."""
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = time.perf_counter() - start


def timed_each(timings: dict[str, float], stage: str, items: Iterable[Item]) -> Iterator[Item]:
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
