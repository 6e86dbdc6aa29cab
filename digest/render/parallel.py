"""Render many pages on every core: worker processes forked once the pages are planned.

A forked worker starts with the parent's memory, so it already holds the planned pages and
the template environment: only page numbers go out and rendered bytes come back, and
nothing is pickled but those. Each worker renders consecutive slices of the pages; the
result is the serial one, page for page, in order.

Given an executor (a spawned process pool, a dask cluster), the pages go through it instead,
in slices pickled with what their worker needs to make the environment (digest/render/remote.py).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2

from digest.model import RenderedFile
from digest.render.pages import PageSpec, render_pages
from digest.render.remote import render_through

PARALLEL_FROM = 600
"""Below this many pages, forking workers costs more than it saves."""
SLICE = 100
"""Pages a worker renders per task: few enough messages, small enough to spread evenly."""


@dataclass(frozen=True)
class _Job:
    """What every worker renders from: the planned pages, the environment, the project."""

    specs: Sequence[PageSpec]
    environment: jinja2.Environment
    root: Path


_held: list[_Job] = []
"""The job of this worker process (set once by `_hold`, in the worker only)."""


def render_each(
    specs: Sequence[PageSpec],
    environment: jinja2.Environment,
    root: Path,
    progress: Callable[[int], None] | None = None,
    parallel_from: int = PARALLEL_FROM,
    executor: Executor | None = None,
) -> Iterator[RenderedFile]:
    """Every page rendered, in order, each as soon as it is ready (so a writer need not hold
    them all): by `executor`'s workers if given, else in forked workers from `parallel_from`
    pages up when there are cores (and the platform forks), else here. `progress(done)`
    follows along."""
    if executor is not None:
        yield from render_through(executor, specs, environment, root, SLICE, progress)
        return
    workers = min(os.cpu_count() or 1, -(-len(specs) // SLICE))
    forks = "fork" in multiprocessing.get_all_start_methods()
    if len(specs) < parallel_from or workers < 2 or not forks:
        yield from _serially(specs, environment, root, progress)
        return
    context = multiprocessing.get_context("fork")
    job = _Job(specs, environment, root)
    slices = [(start, min(start + SLICE, len(specs))) for start in range(0, len(specs), SLICE)]
    with ProcessPoolExecutor(workers, context, initializer=_hold, initargs=(job,)) as pool:
        try:
            for (start, stop), rendered in zip(
                slices, pool.map(_render_slice, slices), strict=True
            ):
                pages = zip(specs[start:stop], rendered, strict=True)
                yield from (RenderedFile(spec.file, data) for spec, data in pages)
                if progress is not None:
                    progress(stop)
        except GeneratorExit:  # the reader stopped (its write failed): stop the workers too
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _serially(
    specs: Sequence[PageSpec],
    environment: jinja2.Environment,
    root: Path,
    progress: Callable[[int], None] | None,
) -> Iterator[RenderedFile]:
    for start in range(0, len(specs), SLICE):
        yield from render_pages(specs[start : start + SLICE], environment, root)
        if progress is not None:
            progress(min(start + SLICE, len(specs)))


def _hold(job: _Job) -> None:
    """Keep the job in this worker (the fork passed it without pickling)."""
    _held[:] = [job]


def _render_slice(bounds: tuple[int, int]) -> list[bytes]:
    """The bytes of the job's pages `start` to `stop`, in a worker."""
    job = _held[0]
    start, stop = bounds
    return [file.data for file in render_pages(job.specs[start:stop], job.environment, job.root)]
