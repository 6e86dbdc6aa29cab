"""The template search path (site → theme → parent themes), the Jinja environment, its filters.

A template may reach one theme's version explicitly with `"THEME:NAME"`, e.g. a site's
`templates/article.html` can `{% extends "default:article.html" %}` and override one block.
"""

from __future__ import annotations

import tomllib
import traceback
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jinja2
import jinja2.bccache

from digest.errors import DigestError, Problem
from digest.output.writer import write_atomic
from digest.render.i18n import (
    Catalogues,
    date_filters,
    language_callables,
    language_filters,
    language_globals,
    page_language,
    template_callables,
)

THEME_FILE = "theme.toml"
SITE_LAYER = "site"


@dataclass(frozen=True)
class ThemeLayer:
    """One place templates and static files come from, most specific first."""

    name: str
    root: Path

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def static(self) -> Path:
        return self.root / "static"


def builtin_themes_dir() -> Path:
    """Themes shipped with digest: inside the installed package, or beside it in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "themes"
    return installed if installed.is_dir() else package.parent / "themes"


def find_theme(name: str, project_root: Path) -> Path | None:
    """A project's own `themes/NAME` wins over a built-in theme of the same name."""
    for base in (project_root / "themes", builtin_themes_dir()):
        if (base / name / "templates").is_dir():
            return base / name
    return None


def theme_layers(theme: str, project_root: Path) -> tuple[ThemeLayer, ...]:
    """The site's own folders, then the theme, then each theme it extends."""
    layers = [ThemeLayer(SITE_LAYER, project_root)]
    name: str | None = theme
    while name is not None:
        if any(layer.name == name for layer in layers):
            raise DigestError(Problem(THEME_FILE, None, f"theme `{name}` extends itself in a loop"))
        root = find_theme(name, project_root)
        if root is None:
            looked = [str(project_root / "themes" / name), str(builtin_themes_dir() / name)]
            raise DigestError(
                Problem(
                    "digest.toml",
                    None,
                    f"theme `{name}` not found",
                    "looked in " + ", ".join(looked),
                )
            )
        layers.append(ThemeLayer(name, root))
        name = _parent_theme(root)
    return tuple(layers)


def _parent_theme(root: Path) -> str | None:
    path = root / THEME_FILE
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise DigestError(Problem(str(path), None, f"invalid TOML: {error}")) from None
    parent = data.get("extends")
    if parent is not None and not isinstance(parent, str):
        raise DigestError(Problem(str(path), None, "`extends` must be a theme name"))
    return parent


class ThemeLoader(jinja2.BaseLoader):
    """Finds `NAME` in the first layer that has it, and `THEME:NAME` from that theme down."""

    def __init__(self, layers: tuple[ThemeLayer, ...]) -> None:
        self.layers = layers

    def search_path(self, template: str) -> list[Path]:
        """Where `template` is looked for, in order."""
        layers = self.layers
        if ":" in template:
            theme, template = template.split(":", 1)
            names = [layer.name for layer in layers]
            layers = layers[names.index(theme) :] if theme in names else ()
        return [layer.templates / template for layer in layers]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        for path in self.search_path(template):
            if path.is_file():
                mtime = path.stat().st_mtime
                text = path.read_text(encoding="utf-8")
                return text, str(path), partial(_unchanged, path, mtime)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    return path.is_file() and path.stat().st_mtime == mtime


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates, kept in memory from build to build (`BuildCache.templates`), and
    in `folder` when given, for the builds of later processes.

    Jinja stores each with the checksum of its source (and its own and Python's version) and
    compiles again when they differ, so a kept template is always the one its current source
    compiles to.
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._code: dict[str, bytes] = {}
        self._folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self._folder is not None:
            try:
                code = (self._folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                return
        if code is not None:
            try:
                bucket.bytecode_from_string(code)
            except (EOFError, ValueError, TypeError):  # damaged: compiled again
                bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self._folder is not None:
            with suppress(OSError):  # a read-only cache folder costs compiling, nothing else
                write_atomic(self._folder / f"{bucket.key}.cache", code)


class ThemeEnvironment(jinja2.Environment):
    """The theme's templates, and for each language the environment its pages render with.

    Autoescaping, strict undefined names (a typo in a template is an error, not blank text).
    Interface text goes through `jinja2.ext.i18n` (`_()`, `ngettext`, `{% trans %}`) and dates
    through `format_date`/`format_month`. `for_language` gives an environment whose gettext
    and date filters are bound to one language's messages (digest/render/i18n.py); it shares
    the loader, the filters and the compiled templates (which do not depend on the language),
    and keeps its own loaded templates, so partials imported without context are translated
    too. This environment itself follows each page's `site.language` at every call.
    """

    def __init__(
        self,
        layers: tuple[ThemeLayer, ...],
        filters: Mapping[str, Callable[..., Any]],
        compiled: jinja2.BytecodeCache | None = None,
    ) -> None:
        super().__init__(**_options(layers, compiled))
        self.policies["ext.i18n.trimmed"] = True  # {% trans %} text is one line, however written
        self.catalogues = Catalogues(layers)
        self._layers = layers
        self._filters = dict(filters)
        self._languages: dict[str, jinja2.Environment] = {}
        self.install_gettext_callables(  # type: ignore[attr-defined]
            **template_callables(self.catalogues), newstyle=True
        )
        self.filters.update(filters)
        self.filters.update(date_filters(self.catalogues))
        self.globals.update(language_globals(self.catalogues))

    @property
    def layers(self) -> tuple[ThemeLayer, ...]:
        """The layers its templates and catalogues come from, most specific first."""
        return self._layers

    @property
    def given_filters(self) -> Mapping[str, Callable[..., Any]]:
        """The filters it was made with (the language filters it adds itself are not among them)."""
        return MappingProxyType(self._filters)

    def for_language(self, language: str) -> jinja2.Environment:
        """The environment of pages in `language`, made when first asked for."""
        found = self._languages.get(language)
        if found is None:
            messages = self.catalogues.messages(language)
            found = jinja2.Environment(**_options(self._layers, self.bytecode_cache))
            found.policies["ext.i18n.trimmed"] = True
            callables = language_callables(messages)
            found.install_gettext_callables(  # type: ignore[attr-defined]
                callables["gettext"], callables["ngettext"], newstyle=True
            )  # compiles {% trans %} for newstyle callables, which these are:
            found.globals.update(callables)
            found.filters.update(self._filters)
            found.filters.update(language_filters(messages))
            found.globals.update(plural_samples=messages.plural_samples)
            self._languages[language] = found
        return found


def _options(layers: tuple[ThemeLayer, ...], compiled: jinja2.BytecodeCache | None) -> Any:
    return {
        "loader": ThemeLoader(layers),
        "extensions": ["jinja2.ext.i18n"],
        "bytecode_cache": compiled,
        "autoescape": True,
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
        "auto_reload": False,  # one build, one environment: its templates are read once
    }


def make_environment(
    layers: tuple[ThemeLayer, ...],
    filters: Mapping[str, Callable[..., Any]],
    compiled: jinja2.BytecodeCache | None = None,
) -> ThemeEnvironment:
    """The environment of a theme's layers (see ThemeEnvironment)."""
    return ThemeEnvironment(layers, filters, compiled)


def render_template(
    environment: jinja2.Environment, name: str, context: Mapping[str, Any], root: Path
) -> str:
    """Render one template in the page's language (`site.language`); a template's own mistake
    becomes a Problem naming file and line."""
    if isinstance(environment, ThemeEnvironment):
        environment = environment.for_language(page_language(context))
    try:
        return environment.get_template(name).render(context)
    except jinja2.TemplateNotFound as error:
        loader = environment.loader
        assert isinstance(loader, ThemeLoader)
        looked = [_shown(path, root) for path in loader.search_path(error.name or name)]
        raise DigestError(
            Problem(
                error.name or name,
                None,
                f"template `{error.name}` not found"
                + (f" (needed by {name})" if error.name != name else ""),
                "looked in: " + ", ".join(looked),
            )
        ) from None
    except jinja2.TemplateSyntaxError as error:
        path = _shown(Path(error.filename), root) if error.filename else name
        raise DigestError(
            Problem(path, error.lineno, f"template syntax: {error.message}")
        ) from None
    except (jinja2.TemplateError, TypeError, ValueError, AttributeError, KeyError) as error:
        frame = _template_frame(error)
        if frame is None:
            raise
        path, line = frame
        raise DigestError(
            Problem(
                _shown(Path(path), root),
                line,
                f"template error: {error}",
                f"while rendering {name}",
            )
        ) from None


def _template_frame(error: BaseException) -> tuple[str, int] | None:
    """The innermost template file and line in the traceback (Jinja rewrites frames to them)."""
    found = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename.endswith((".html", ".xml", ".txt", ".j2", ".jinja")):
            found = (frame.filename, frame.lineno or 0)
    return found


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)
