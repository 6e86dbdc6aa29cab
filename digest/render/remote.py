"""Render pages through any `concurrent.futures.Executor`: a process pool, a dask cluster.

A worker of such an executor shares no memory with the build, so each task is a chunk of
pages, pickled here into one byte string, with the recipe of the Jinja environment: its theme
layers, its filters and the project root. The worker makes the environment from the recipe
once and keeps it for the later chunks of the build (`_environment`). Rendered bytes come
back chunk by chunk, and the pages are yielded in order: the serial result, page for page.

A worker reads the templates and catalogues from the layers' folders, so on a cluster every
worker must see the project and the themes at the paths the build sees them (a shared
filesystem) and run the same digest. The recipe carries a digest of those files, and a worker
that finds other files reports it instead of rendering with them.
"""

from __future__ import annotations

import copyreg
import io
import pickle
import socket
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2

from digest import __version__
from digest.errors import DigestError, Problem
from digest.hashing import digest_bytes
from digest.model import RenderedFile
from digest.render.i18n import LOCALES
from digest.render.pages import PageSpec, render_pages
from digest.render.theme import ThemeEnvironment, ThemeLayer, make_environment


@dataclass(frozen=True)
class Recipe:
    """How to make a build's environment again in another process.

    `filters` are the ones the environment was made with, pickled by reference (module-level
    functions); `digest` covers all of it and the bytes of every template and catalogue of
    the layers, so equal digests make equal environments.
    """

    layers: tuple[ThemeLayer, ...]
    filters: tuple[tuple[str, Callable[..., Any]], ...]
    root: Path
    digest: bytes

    @classmethod
    def of(cls, environment: jinja2.Environment, root: Path) -> Recipe:
        """The recipe of an environment made by `make_environment`."""
        if not isinstance(environment, ThemeEnvironment):
            raise TypeError("rendering through an executor needs make_environment's environment")
        layers, filters = environment.layers, tuple(environment.given_filters.items())
        return cls(layers, filters, root, _described(layers, filters, root))

    def make(self) -> ThemeEnvironment:
        """The environment, made here from the files this process sees; a DigestError if they
        are not the files the recipe was taken from."""
        if _described(self.layers, self.filters, self.root) != self.digest:
            raise DigestError(
                Problem(
                    str(self.root),
                    None,
                    f"worker {socket.gethostname()} sees other templates or catalogues than "
                    "the build, or runs another digest",
                    "every worker needs the project and its themes at the same paths (a shared "
                    "filesystem) and the same digest installed",
                )
            )
        return make_environment(self.layers, dict(self.filters))


def render_through(
    executor: Executor,
    specs: Sequence[PageSpec],
    environment: jinja2.Environment,
    root: Path,
    chunk: int,
    progress: Callable[[int], None] | None = None,
) -> Iterator[RenderedFile]:
    """Every page rendered by `executor`'s workers, `chunk` pages a task, in order, each chunk's
    as soon as it is back.

    `progress(done)` follows along; the first failing chunk's error (a DigestError naming
    the template's file and line) is raised here. Once that happens, or the reader stops,
    the chunks not yet started are cancelled.
    """
    if not specs:
        return
    recipe = Recipe.of(environment, root)
    bounds = [(start, min(start + chunk, len(specs))) for start in range(0, len(specs), chunk)]
    futures = [executor.submit(render_chunk, pack(recipe, specs[a:b])) for a, b in bounds]
    try:
        for (start, stop), future in zip(bounds, futures, strict=True):
            pages = zip(specs[start:stop], future.result(), strict=True)
            yield from (RenderedFile(spec.file, data) for spec, data in pages)
            if progress is not None:
                progress(stop)
    finally:
        for future in futures:
            future.cancel()


def pack(recipe: Recipe, specs: Sequence[PageSpec]) -> bytes:
    """One task's recipe and pages as bytes (objects shared by pages are pickled once).

    Mapping proxies (`site.extra`, a story's `copies`) do not pickle: they travel as the dicts
    they wrap and are wrapped again on arrival, so templates see what they see here.
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, MappingProxyType: _reduce_proxy}
    pickler.dump((recipe, tuple(specs)))
    return buffer.getvalue()


def render_chunk(task: bytes) -> list[bytes]:
    """The bytes of a packed task's pages, in a worker."""
    recipe, specs = pickle.loads(task)
    environment = _environment(recipe)
    return [file.data for file in render_pages(specs, environment, recipe.root)]


_made: dict[bytes, ThemeEnvironment] = {}
"""This process's environment, by its recipe's digest. Making one (reading catalogues,
compiling templates) costs more than rendering a chunk, and a worker renders many chunks of a
build. Only the latest is kept: a long-lived worker (a dask cluster serving build after build)
holds one environment, and an edited template, which changes the digest, makes a new one."""
_making = threading.Lock()
"""Held while `_made` is read or filled: a worker may run tasks on several threads."""


def _environment(recipe: Recipe) -> ThemeEnvironment:
    """The environment of `recipe`, made once in this process."""
    with _making:
        environment = _made.get(recipe.digest)
        if environment is None:
            environment = recipe.make()
            _made.clear()
            _made[recipe.digest] = environment
        return environment


def _described(
    layers: tuple[ThemeLayer, ...], filters: tuple[tuple[str, Callable[..., Any]], ...], root: Path
) -> bytes:
    """The digest of an environment's recipe and of every template and catalogue it reads."""
    parts = [__version__.encode(), str(root).encode()]
    parts += [f"{name}={f.__module__}.{f.__qualname__}".encode() for name, f in filters]
    for layer in layers:
        parts.append(f"{layer.name}={layer.root}".encode())
        for path in _read_files(layer):
            parts += [path.relative_to(layer.root).as_posix().encode(), path.read_bytes()]
    return digest_bytes(*parts)


def _read_files(layer: ThemeLayer) -> list[Path]:
    """Every file of a layer an environment may read: its templates and its catalogues."""
    folders = (layer.templates, layer.root / LOCALES)
    return sorted(path for folder in folders for path in folder.rglob("*") if path.is_file())


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    """Pickle a mapping proxy as the dict it wraps, to be wrapped again."""
    return _proxy, (dict(proxy),)


def _proxy(items: dict[Any, Any]) -> MappingProxyType[Any, Any]:
    return MappingProxyType(items)
