"""Interface text and dates in a page's language: gettext catalogues from the theme layers.

Each layer (site → theme → parent themes) may have `locales/LANG.po`; a more specific layer
overrides single messages of the ones below it, and `LANG_REGION.po` (`pt_BR.po`) overrides
`LANG.po`. English is the source language: a message no catalogue translates stays English.
Dates follow Babel's calendar data; a catalogue may set the pattern of each date style with
`msgctxt "date format"` (msgid the style, msgstr a Babel/CLDR pattern such as `d MMMM y`).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import babel
import babel.dates
from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from digest.errors import DigestError, Problem

if TYPE_CHECKING:
    from digest.render.theme import ThemeLayer

LOCALES = "locales"
"""The folder of a layer (a site, a theme) that holds its catalogues."""
SOURCE_LANGUAGE = "en"
DATE_CONTEXT = "date format"
"""The msgctxt of the date patterns a catalogue may set, one per style."""
DATE_STYLES = (
    "long",
    "medium",
    "month",
    "month_year",
    "day_month",
    "short_day_month",
    "short_month_year",
)
"""`28 February 2024`, `28 Feb 2024`, `February` (a month on its own), `February 2024`,
`28 February`, `28 Feb`, `Feb 2024`."""
SAMPLE_LIMIT = 1000
"""Whole numbers looked through for a sample of each plural category."""
_STANDALONE = {"month": "LLLL", "month_year": "LLLL y"}
"""Patterns of the month styles in every language unless a catalogue says otherwise."""
_SKELETONS = {"day_month": "MMMMd", "short_day_month": "MMMd", "short_month_year": "yMMM"}
"""CLDR skeletons of the styles a locale names no pattern for: each language's own order."""


@dataclass(frozen=True)
class Messages:
    """One language's interface text and date formats: gettext callables and date filters."""

    language: str
    translations: NullTranslations
    locale: Locale
    date_patterns: Mapping[str, str] = field(default_factory=dict)
    """Patterns the catalogues set, by style; other styles use the locale's own."""
    source: bytes = b""
    """A digest of the language, the catalogue files read and Babel's version: equal sources
    give equal messages."""
    _dates: dict[tuple[date, str, bool], str] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    """Dates already formatted: a site's pages show each day many times."""

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        return self.translations.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> str:
        return self.translations.npgettext(context, singular, plural, count)

    def format_date(
        self, value: date | datetime, style: str = "long", *, in_text: bool = False
    ) -> str:
        """`28 лютого 2024` (long), `28 лют. 2024` (medium), `2024-02-28` (iso), or a month:
        `Лютий` as a heading names it, `лютий` inside a sentence (`in_text`)."""
        if style == "iso":
            return value.isoformat()
        day = value.date() if isinstance(value, datetime) else value  # all Babel reads
        known = self._dates.get((day, style, in_text))
        if known is None:
            text = babel.dates.format_date(day, self.date_pattern(style), locale=self.locale)
            known = text[:1].upper() + text[1:] if style in _STANDALONE and not in_text else text
            self._dates[day, style, in_text] = known
        return known

    def format_month(self, value: date | datetime, with_year: bool = True) -> str:
        """A month as a heading names it: `February 2024`, `Лютий 2024`; or `Лютий` alone."""
        return self.format_date(value, "month_year" if with_year else "month")

    def plural_samples(self) -> tuple[tuple[str, int], ...]:
        """Each CLDR plural category of whole numbers, with its smallest number (en: 0, 1).

        A script that counts (`Intl.PluralRules`) gets one message per category this way.
        """
        samples: dict[str, int] = {}
        for number in range(SAMPLE_LIMIT):
            samples.setdefault(self.locale.plural_form(number), number)
        return tuple(samples.items())

    def date_pattern(self, style: str) -> str:
        """The Babel pattern of a date style in this language."""
        if style not in DATE_STYLES:
            known = ", ".join((*DATE_STYLES, "iso"))
            raise ValueError(f"unknown date style {style!r}; use one of {known}")
        found = self.date_patterns.get(style) or _STANDALONE.get(style)
        if not found and style in _SKELETONS:
            found = self.skeleton_pattern(_SKELETONS[style])
        return found or babel.dates.get_date_format(style, locale=self.locale).pattern

    def skeleton_pattern(self, skeleton: str) -> str:
        """The locale's pattern for a CLDR skeleton (`MMMd` → `d MMM` in Ukrainian, `MMM d` in
        English), or the nearest it has."""
        patterns = self.locale.datetime_skeletons
        found = skeleton if skeleton in patterns else babel.dates.match_skeleton(skeleton, patterns)
        if found is None:
            raise ValueError(f"{self.locale} has no date pattern like {skeleton!r}")
        return patterns[found].pattern


def english() -> Messages:
    """The source language with no catalogue at all."""
    return Messages(SOURCE_LANGUAGE, NullTranslations(), Locale.parse(SOURCE_LANGUAGE))


def parse_locale(language: str) -> Locale:
    """`uk`, `en-GB`, `pt_BR` → a Babel Locale; an unknown code gets the source language's data."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return Locale.parse(SOURCE_LANGUAGE)


def catalogue_names(language: str) -> tuple[str, ...]:
    """A language's catalogue files, general first: `pt-BR` → `pt.po`, `pt_BR.po`, `pt-BR.po`."""
    base, *rest = language.replace("_", "-").split("-")
    names = [base.lower()]
    if rest:
        names += ["_".join([base.lower(), *rest]), "-".join([base.lower(), *rest])]
    return tuple(f"{name}.po" for name in dict.fromkeys(names))


def catalogue_files(layers: Iterable[ThemeLayer], language: str) -> list[Path]:
    """The files that make a language's catalogue, the one that wins last."""
    names = catalogue_names(language)
    return [
        layer.root / LOCALES / name
        for layer in reversed(tuple(layers))
        for name in names
        if (layer.root / LOCALES / name).is_file()
    ]


def every_catalogue(layers: Iterable[ThemeLayer]) -> list[Path]:
    """Every catalogue file of every layer (for the digest page fingerprints depend on)."""
    return sorted(
        path
        for layer in layers
        if (layer.root / LOCALES).is_dir()
        for path in (layer.root / LOCALES).rglob("*.po")
        if path.is_file()
    )


def load_messages(layers: Iterable[ThemeLayer], language: str) -> Messages:
    """A language's messages from the catalogues of these layers; no catalogue leaves English."""
    locale = parse_locale(language)
    files = [(path, _read_bytes(path)) for path in catalogue_files(layers, language)]
    source = hashlib.blake2b(digest_size=16)
    for part in (
        language.encode(),
        babel_version(),
        *(p.as_posix().encode() + b"\0" + text for p, text in files),
    ):
        source.update(len(part).to_bytes(8, "little") + part)
    catalogues = [_read_catalogue(path, text, locale) for path, text in files]
    if not catalogues:
        return Messages(language, NullTranslations(), locale, source=source.digest())
    translations = _translations(catalogues[0])
    for catalogue in catalogues[1:]:
        translations.merge(_translations(catalogue))
    patterns = {
        style: message.string
        for catalogue in catalogues
        for style in DATE_STYLES
        if (message := catalogue.get(style, context=DATE_CONTEXT)) is not None
        and isinstance(message.string, str)
        and message.string
        and not message.fuzzy
    }
    return Messages(language, translations, locale, patterns, source.digest())


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        problem = Problem(str(path), None, f"cannot read message catalogue: {error}")
        raise DigestError(problem) from None


def _read_catalogue(path: Path, text: bytes, locale: Locale) -> Catalog:
    try:
        return read_po(io.BytesIO(text), locale=locale, abort_invalid=True)
    except PoFileError as error:
        line = getattr(error, "lineno", None)
        raise DigestError(
            Problem(str(path), line, f"invalid message catalogue: {error}", "see docs/themes.md")
        ) from None
    except (UnicodeDecodeError, ValueError) as error:
        problem = Problem(str(path), None, f"cannot read message catalogue: {error}")
        raise DigestError(problem) from None


def _translations(catalogue: Catalog) -> Translations:
    """A catalogue compiled in memory (no `.mo` files); fuzzy messages are left out."""
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


class Catalogues:
    """The messages of each language for one set of layers, each loaded once when first asked."""

    def __init__(self, layers: tuple[ThemeLayer, ...]) -> None:
        self.layers = layers
        self._messages: dict[str, Messages] = {}

    def messages(self, language: str) -> Messages:
        found = self._messages.get(language)
        if found is None:
            found = self._messages[language] = load_messages(self.layers, language)
        return found


def page_language(context: Context | Mapping[str, Any]) -> str:
    """The language a page is rendered in: its `site.language` (its edition's)."""
    site = context.get("site")
    return getattr(site, "language", "") or SOURCE_LANGUAGE


def template_callables(catalogues: Catalogues) -> dict[str, Callable[..., Any]]:
    """gettext, ngettext, pgettext, npgettext for `jinja2.ext.i18n`, each in the page's language."""

    def of(context: Context) -> Messages:
        return catalogues.messages(page_language(context))

    @pass_context
    def gettext(context: Context, message: str) -> str:
        return of(context).gettext(message)

    @pass_context
    def ngettext(context: Context, singular: str, plural: str, count: int) -> str:
        return of(context).ngettext(singular, plural, count)

    @pass_context
    def pgettext(context: Context, message_context: str, message: str) -> str:
        return of(context).pgettext(message_context, message)

    @pass_context
    def npgettext(
        context: Context, message_context: str, singular: str, plural: str, count: int
    ) -> str:
        return of(context).npgettext(message_context, singular, plural, count)

    return {"gettext": gettext, "ngettext": ngettext, "pgettext": pgettext, "npgettext": npgettext}


def language_callables(messages: Messages) -> dict[str, Callable[..., Any]]:
    """`_`, gettext, ngettext, pgettext, npgettext in one language, as `jinja2.ext.i18n`'s
    "newstyle" callables behave: the text is a format string for the keyword arguments
    (`num` being the count), and trusted markup when autoescaping.

    They are written out, not wrapped by the extension, because every page calls them dozens
    of times: a text without arguments is formatted once.
    """
    plain: dict[str, Markup] = {}

    def formatted(context: Context, text: str, variables: dict[str, Any]) -> str:
        if context.eval_ctx.autoescape:
            return Markup(text) % variables
        return text % variables

    @pass_context
    def gettext(__context: Context, __message: str, **variables: Any) -> str:
        if variables or not __context.eval_ctx.autoescape:
            return formatted(__context, messages.gettext(__message), variables)
        found = plain.get(__message)
        if found is None:
            found = plain[__message] = Markup(messages.gettext(__message)) % {}
        return found

    @pass_context
    def ngettext(
        __context: Context, __singular: str, __plural: str, __num: int, **variables: Any
    ) -> str:
        variables.setdefault("num", __num)
        return formatted(__context, messages.ngettext(__singular, __plural, __num), variables)

    @pass_context
    def pgettext(
        __context: Context, __message_context: str, __message: str, **variables: Any
    ) -> str:
        variables.setdefault("context", __message_context)
        return formatted(__context, messages.pgettext(__message_context, __message), variables)

    @pass_context
    def npgettext(
        __context: Context,
        __message_context: str,
        __singular: str,
        __plural: str,
        __num: int,
        **variables: Any,
    ) -> str:
        variables.setdefault("context", __message_context)
        variables.setdefault("num", __num)
        text = messages.npgettext(__message_context, __singular, __plural, __num)
        return formatted(__context, text, variables)

    return {
        "_": gettext,
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }


def language_filters(messages: Messages) -> dict[str, Callable[..., Any]]:
    """`format_date` and `format_month` in one language."""
    return {"format_date": messages.format_date, "format_month": messages.format_month}


def date_filters(catalogues: Catalogues) -> dict[str, Callable[..., Any]]:
    """`format_date` and `format_month`, in the page's language (see docs/themes.md)."""

    @pass_context
    def format_date(
        context: Context, value: date | datetime, style: str = "long", *, in_text: bool = False
    ) -> str:
        messages = catalogues.messages(page_language(context))
        return messages.format_date(value, style, in_text=in_text)

    @pass_context
    def format_month(context: Context, value: date | datetime, with_year: bool = True) -> str:
        return catalogues.messages(page_language(context)).format_month(value, with_year)

    return {"format_date": format_date, "format_month": format_month}


def language_globals(catalogues: Catalogues) -> dict[str, Callable[..., Any]]:
    """`plural_samples()`: the page language's plural categories, each with a sample number."""

    @pass_context
    def plural_samples(context: Context) -> tuple[tuple[str, int], ...]:
        return catalogues.messages(page_language(context)).plural_samples()

    return {"plural_samples": plural_samples}


def babel_version() -> bytes:
    """Babel's version: its calendar data shapes every date a page shows."""
    return babel.__version__.encode()
