"""Exact digests: of plain values, of a template with every template it reaches, of the program.

Equal inputs give equal digests in every process; different inputs give different digests (up
to a collision of a 128-bit BLAKE2b hash). Values are serialised with pickle in fast mode (no
memo, so how objects happen to be shared does not matter), which records every field of every
dataclass, the type of every value (a `Markup` is not a `str`) and the zone of every datetime.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
from jinja2 import meta

from digest import __version__
from digest.config import SiteConfig
from digest.hashing import digest_bytes
from digest.render.i18n import babel_version, every_catalogue
from digest.render.pages import PageSpec
from digest.render.theme import ThemeLayer
from digest.render.views import ArticleCard, ArticleView, SiteView

PACKAGE = Path(__file__).resolve().parent


class ValueDigests:
    """Digests of plain values; objects of the `shared` types are digested once and referred to.

    A view shared by many pages (an article's view appears on its page, its day, its topics…)
    is serialised once; every later value that holds it costs one 16-byte reference.
    """

    def __init__(self, shared: tuple[type, ...] = ()) -> None:
        self._known: dict[int, tuple[object, bytes]] = {}  # id → (the object, kept alive; digest)
        self._table: dict[type, Callable[[Any], tuple[Any, ...]]] = {MappingProxyType: _as_dict}
        self._table.update(dict.fromkeys(shared, self._reference))
        self._held: list[Any] | None = None

    def of(self, value: Any) -> bytes:
        """The digest of `value`."""
        return self._dump(value)

    def holding(self, value: Any) -> tuple[bytes, list[Any]]:
        """The digest of `value`, and the objects of the shared types it holds."""
        self._held = []
        try:
            return self._dump(value), self._held
        finally:
            self._held = None

    def retain(self, objects: Iterable[object]) -> None:
        """Forget the digests of shared objects other than these."""
        keep = {id(value) for value in objects}
        self._known = {key: known for key, known in self._known.items() if key in keep}

    def forget(self, objects: Iterable[object]) -> None:
        """Forget the digests of these shared objects (None among them is passed over)."""
        for value in objects:
            known = self._known.get(id(value))
            if known is not None and known[0] is value:
                del self._known[id(value)]

    def _dump(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.fast = True  # no memo: the bytes depend on values only, not on object identity
        pickler.dispatch_table = self._table  # consulted by type, so other values cost nothing
        pickler.dump(value)
        return digest_bytes(buffer.getvalue())

    def _reference(self, value: Any) -> tuple[Any, ...]:
        """Pickle a shared object as a reference to its digest, computed once."""
        if self._held is not None:
            self._held.append(value)
        known = self._known.get(id(value))
        if known is None:
            known = (value, ValueDigests().of(value.__reduce_ex__(5)))
            self._known[id(value)] = known
        return _Shared, (type(value).__qualname__, known[1])


class _Shared(tuple):  # type: ignore[type-arg]
    """What a shared object is pickled as: its type's name and its digest."""


def _as_dict(proxy: MappingProxyType[Any, Any]) -> tuple[Any, ...]:
    """Templates see a mapping proxy as the dict it wraps."""
    return dict, (dict(proxy),)


def value_digest(value: Any) -> bytes:
    """The digest of one plain value."""
    return ValueDigests().of(value)


@cache
def program_digest() -> bytes:
    """digest's version and the bytes of every file of the package: code, word lists, data.

    Any change to the program, released or not, so invalidates everything cached. Computed
    once per process: the code a process runs does not change under it.
    """
    files = sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    parts = [__version__.encode()]
    for path in files:
        parts += [path.relative_to(PACKAGE).as_posix().encode(), path.read_bytes()]
    return digest_bytes(*parts)


class TemplateDigests:
    """For a template name, the digest of its source and of every template it can reach.

    Reached templates are found with `jinja2.meta.find_referenced_templates` (extends, include,
    import), transitively. A template that names another by a variable can reach any of them,
    so it depends on all of them.
    """

    def __init__(
        self,
        environment: jinja2.Environment,
        every_template: Iterable[Path],
        references: TemplateReferences | None = None,
    ) -> None:
        self._environment = environment
        self._every_template = tuple(every_template)
        self._references = TemplateReferences() if references is None else references
        self._sources: dict[str, tuple[bytes, tuple[str, ...] | None]] = {}
        self._closures: dict[str, bytes] = {}

    def of(self, name: str) -> bytes:
        """The digest of `name` and everything it reaches (names that are missing included)."""
        if name not in self._closures:
            reached = self._reached(name)
            if reached is None:
                parts = [p.as_posix().encode() + b"\0" + p.read_bytes() for p in self._all()]
            else:
                parts = [n.encode() + b"\0" + self._source(n)[0] for n in sorted(reached)]
            self._closures[name] = digest_bytes(name.encode(), *parts)
        return self._closures[name]

    def _reached(self, name: str) -> set[str] | None:
        """Every template name reachable from `name`, or None when one is named by a variable."""
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            references = self._source(current)[1]
            if references is None:
                return None
            todo.extend(references)
        return seen

    def _source(self, name: str) -> tuple[bytes, tuple[str, ...] | None]:
        """A template's source and the names it references (None: one is dynamic)."""
        if name not in self._sources:
            loader = self._environment.loader
            assert loader is not None
            try:
                text = loader.get_source(self._environment, name)[0]
            except jinja2.TemplateNotFound:
                self._sources[name] = (b"\0missing", ())
                return self._sources[name]
            references = self._references.of(self._environment, text)
            self._sources[name] = (text.encode("utf-8"), references)
        return self._sources[name]

    def _all(self) -> list[Path]:
        return sorted(
            p for folder in self._every_template for p in folder.rglob("*") if p.is_file()
        )


class TemplateReferences:
    """The template names a template's source references; None when one is a variable.

    Kept from build to build (`BuildCache`), by source text: parsing is the slow part.
    """

    def __init__(self) -> None:
        self._known: dict[str, tuple[str, ...] | None] = {}
        self._used: dict[str, tuple[str, ...] | None] = {}

    def of(self, environment: jinja2.Environment, text: str) -> tuple[str, ...] | None:
        if text in self._known:
            references = self._known[text]
        else:
            try:
                found = tuple(meta.find_referenced_templates(environment.parse(text)))
            except jinja2.TemplateSyntaxError:
                found = ()  # rendering reports the mistake; the source still keys the page
            references = None if None in found else tuple(n for n in found if n is not None)
        self._used[text] = references
        return references

    def forget_unused(self) -> None:
        """Keep only the sources asked about since the last call."""
        self._known, self._used = self._used, {}


class PageHeads:
    """For a template name, the digest of the program, the configuration, the message catalogues
    and the template with every template it reaches: with a page's path and context, all its
    HTML depends on."""

    def __init__(
        self,
        environment: jinja2.Environment,
        layers: Sequence[ThemeLayer],
        config: SiteConfig,
        references: TemplateReferences | None = None,
    ) -> None:
        self._common = digest_bytes(
            program_digest(), value_digest(config.for_build), catalogues_digest(layers)
        )
        folders = (layer.templates for layer in layers)
        self._templates = TemplateDigests(environment, folders, references)
        self._heads: dict[str, bytes] = {}

    def of(self, template: str) -> bytes:
        head = self._heads.get(template)
        if head is None:
            head = self._heads[template] = digest_bytes(self._common, self._templates.of(template))
        return head


def catalogues_digest(layers: Sequence[ThemeLayer]) -> bytes:
    """Every message catalogue of every layer, and Babel's version (its dates and plural rules).

    Any page may show any language's text (its `site.language` picks one), so every page
    depends on every catalogue.
    """
    parts = [babel_version()]
    for path in every_catalogue(layers):
        parts += [path.as_posix().encode(), path.read_bytes()]
    return digest_bytes(*parts)


def page_fingerprint(head: bytes, path: str, context: bytes) -> bytes:
    """A page's fingerprint: its template's head (`PageHeads`), its path, its context's digest."""
    return digest_bytes(head, path.encode(), context)


def page_fingerprints(
    specs: Sequence[PageSpec],
    environment: jinja2.Environment,
    layers: Sequence[ThemeLayer],
    config: SiteConfig,
) -> list[bytes]:
    """For each page, the digest of everything its HTML depends on.

    That is the program (code and filters), the configuration, the page's template with every
    template it reaches, its path and its whole context. An article's view is digested once
    and shared by every page that shows it.
    """
    heads = PageHeads(environment, layers, config)
    values = context_digests()
    return [
        page_fingerprint(heads.of(spec.template), spec.path, values.of(spec.context))
        for spec in specs
    ]


def context_digests() -> ValueDigests:
    """Digests of page contexts: each article view and card, and the site's view (in every
    page's context), digested once and referred to."""
    return ValueDigests(shared=(ArticleView, ArticleCard, SiteView))
