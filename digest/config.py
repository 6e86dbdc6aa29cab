"""`digest.toml`: a closed schema, every error reported at once with file, line and a suggestion."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.errors import DigestError, Problem
from digest.languages import is_language_tag, suggest_language

CONFIG_FILE = "digest.toml"


@dataclass(frozen=True)
class ActorSettings:
    """`[actors]`: detection in text and the project's actor registry."""

    detect: bool = True
    registry: str = "data/actors.toml"
    max_main: int | None = None
    """At most this many main actors per article; unset, each language's tuned default."""
    main_threshold: float | None = None


@dataclass(frozen=True)
class TopicSettings:
    """`[topics]`: topic rules, phrases per language (`data/topics.toml`)."""

    rules: str = "data/topics.toml"


@dataclass(frozen=True)
class FeedSettings:
    """`[feeds]`: the Atom and RSS feeds of the site, its topics and its actors."""

    length: int = 20
    """Newest articles per feed."""
    full_content: bool = True
    """True: entries carry the article's whole body; False: the summary only."""
    id_authority: str = ""
    """Host name in entry ids (`tag:HOST,DATE:KEY`); unset, the host of `base_url`."""


@dataclass(frozen=True)
class SearchSettings:
    """`[search]`: a Pagefind full-text index of the articles, and the search page."""

    enabled: bool = False


@dataclass(frozen=True)
class ImportSettings:
    """`[import]`: what `digest import` brings in when run without sources."""

    sources: tuple[str, ...] = ()
    """Feeds, OPML lists and pages: URLs, or files relative to the project."""
    into: str = "content/_imported"
    """The folder imported articles are written to, relative to the project."""
    full_text: bool = False
    """Fetch each article's page for its whole text."""


@dataclass(frozen=True)
class LanguageConfig:
    """One language edition of the site (`[languages.uk]`)."""

    code: str
    """An ISO 639-1 code, optionally with a region (`uk`, `pt-BR`)."""
    name: str
    """The language's own name, for the language switcher (`Українська`)."""
    prefix: str = ""
    """The edition's folder below the site root (`uk`); `""` serves it at the root."""
    title: str = ""
    description: str = ""

    @property
    def path_prefix(self) -> str:
        """The prefix as a site path starts with it (`uk/`), or `""` at the root."""
        return f"{self.prefix}/" if self.prefix else ""


@dataclass(frozen=True)
class SiteConfig:
    """The settings of one site. Paths are absolute once loaded."""

    root: Path
    title: str = "Digest"
    description: str = ""
    base_url: str = "/"
    language: str = "en"
    timezone: str = "UTC"
    theme: str = "default"
    content: str = "content"
    output: str = "site"
    per_page: int = 10
    topics_from_folders: bool = True
    trusted_html: bool = False
    drafts: bool = False
    cname: str = ""
    """A custom domain: written to `CNAME` at the output root."""
    extra: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    actors: ActorSettings = ActorSettings()
    topics: TopicSettings = TopicSettings()
    feeds: FeedSettings = FeedSettings()
    search: SearchSettings = SearchSettings()
    imports: ImportSettings = ImportSettings()
    """The `[import]` table (`import` is a Python keyword)."""
    language_tables: tuple[LanguageConfig, ...] = ()
    """The `[languages]` tables, the default language first; empty for a one-language site."""

    @property
    def languages(self) -> tuple[LanguageConfig, ...]:
        """Every language edition, the default (`language`) first; without `[languages]`, one."""
        if self.language_tables:
            return self.language_tables
        return (LanguageConfig(self.language, self.language, "", self.title, self.description),)

    @property
    def for_build(self) -> SiteConfig:
        """The settings a build depends on: all but `[import]`, which only `digest import`
        reads (changing its sources must not make the next build a full one)."""
        return replace(self, imports=ImportSettings())

    @property
    def multilingual(self) -> bool:
        """True when `digest.toml` lists `[languages]`: articles then name configured ones only."""
        return bool(self.language_tables)

    def find_language(self, code: str) -> LanguageConfig | None:
        """The edition of the language `code`, if the site has one."""
        return next((language for language in self.languages if language.code == code), None)

    @property
    def content_dir(self) -> Path:
        return (self.root / self.content).resolve()

    @property
    def output_dir(self) -> Path:
        return (self.root / self.output).resolve()

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


_TYPES: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "description": (str,),
    "base_url": (str,),
    "language": (str,),
    "timezone": (str,),
    "theme": (str,),
    "content": (str,),
    "output": (str,),
    "per_page": (int,),
    "topics_from_folders": (bool,),
    "trusted_html": (bool,),
    "drafts": (bool,),
    "cname": (str,),
    "extra": (dict,),
    "actors": (dict,),
    "topics": (dict,),
    "feeds": (dict,),
    "search": (dict,),
    "import": (dict,),
    "languages": (dict,),
}
_SECTIONS: dict[str, tuple[type, dict[str, tuple[type, ...]]]] = {
    "actors": (
        ActorSettings,
        {"detect": (bool,), "registry": (str,), "max_main": (int,), "main_threshold": (float, int)},
    ),
    "topics": (TopicSettings, {"rules": (str,)}),
    "feeds": (
        FeedSettings,
        {"length": (int,), "full_content": (bool,), "id_authority": (str,)},
    ),
    "search": (SearchSettings, {"enabled": (bool,)}),
    "import": (ImportSettings, {"sources": (list,), "into": (str,), "full_text": (bool,)}),
}
_FIELDS = {"import": "imports"}
"""Tables whose SiteConfig field is named otherwise."""
_LANGUAGE_KEYS: dict[str, tuple[type, ...]] = {
    "name": (str,),
    "prefix": (str,),
    "title": (str,),
    "description": (str,),
}
_PREFIX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_RESERVED_PREFIXES = frozenset(
    {"archive", "topics", "actors", "stories", "search", "page", "pagefind", "assets"}
)
"""Folders the site itself writes at its root (see `site/urls.py`), so no edition may take."""
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dict: "a table",
    list: "a list",
}
KNOWN_KEYS = tuple(_TYPES)
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_HOST = re.compile(r"^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")


def load_config(root: Path, overrides: Mapping[str, Any] | None = None) -> SiteConfig:
    """Read `digest.toml` in `root` (if any), apply command-line overrides, validate everything."""
    root = root.resolve()
    path = root / CONFIG_FILE
    data: dict[str, Any] = {}
    text = ""
    if path.is_file():
        text = path.read_text(encoding="utf-8-sig")
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as error:
            raise DigestError(toml_problem(CONFIG_FILE, error, 1, text)) from None
    problems = _check_keys(data, text)
    values = {key: value for key, value in data.items() if key in _TYPES}
    values.update({key: value for key, value in (overrides or {}).items() if value is not None})
    problems += _check_values(values, text)
    if isinstance(values.get("languages"), dict):
        problems += check_languages(values["languages"], values.get("language", "en"), text)
    if problems:
        raise DigestError(sorted(problems, key=lambda p: p.line or 0))
    if "extra" in values:
        values["extra"] = MappingProxyType(values["extra"])
    for name, (settings, _) in _SECTIONS.items():
        if name in values:
            table = {k: tuple(v) if isinstance(v, list) else v for k, v in values.pop(name).items()}
            values[_FIELDS.get(name, name)] = settings(**table)
    if "languages" in values:
        values["language_tables"] = language_tables(values.pop("languages"), values)
    config = replace(SiteConfig(root=root), **values)
    _check_paths(config)
    return config


def toml_problem(path: str, error: tomllib.TOMLDecodeError, first_line: int, text: str) -> Problem:
    """Turn tomllib's error, which carries its position only in the message, into a Problem."""
    message = str(error)
    match = re.search(r"\(at line (\d+), column (\d+)\)", message)
    line = column = None
    if match:
        line, column = int(match[1]) + first_line - 1, int(match[2])
        message = message[: match.start()].strip()
    elif "(at end of document)" in message:
        line = first_line + text.rstrip("\n").count("\n")
        message = message.replace("(at end of document)", "").strip()
    return Problem(path, line, f"invalid TOML: {message}", column=column)


def line_of_key(text: str, key: str) -> int | None:
    """The 1-based line where `key` is assigned or opened as a table, if it can be found."""
    pattern = re.compile(
        rf"""^[ \t]*(\[[ \t]*)?["']?{re.escape(key)}["']?[ \t]*(=|\]|:)""", re.MULTILINE
    )
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _check_keys(data: Mapping[str, Any], text: str) -> list[Problem]:
    problems = _unknown_keys(data, KNOWN_KEYS, text, "")
    for name, (_, types) in _SECTIONS.items():
        section = data.get(name)
        if isinstance(section, dict):
            problems += _unknown_keys(section, tuple(types), text, f"{name}.")
    return problems


def line_of_value(text: str, value: str) -> int | None:
    """The 1-based line where the quoted string `value` first appears, if it does."""
    index = text.find(f'"{value}"')
    return text.count("\n", 0, index) + 1 if index >= 0 else None


def _unknown_keys(
    data: Mapping[str, Any], known: tuple[str, ...], text: str, prefix: str
) -> list[Problem]:
    problems = []
    for key in data:
        if key in known:
            continue
        close = difflib.get_close_matches(key, known, n=1)
        hint = f"did you mean `{prefix}{close[0]}`?" if close else "known keys: " + ", ".join(known)
        if not prefix:
            hint += " Put your own settings under [extra]."
        problems.append(
            Problem(CONFIG_FILE, line_of_key(text, key), f"unknown key `{prefix}{key}`", hint)
        )
    return problems


def _check_values(values: Mapping[str, Any], text: str) -> list[Problem]:
    """Type errors for every key, then value checks for each key whose type is right."""
    problems = []

    def fail(key: str, message: str, hint: str = "") -> None:
        problems.append(Problem(CONFIG_FILE, line_of_key(text, key), message, hint))

    typed = {}
    for key, value in values.items():
        if _has_type(value, _TYPES[key]):
            typed[key] = value
        else:
            fail(key, f"`{key}` must be {_type_name(_TYPES[key])}, not {value!r}")
    for name, (_, types) in _SECTIONS.items():
        for key, value in typed.get(name, {}).items():
            if key in types and not _has_type(value, types[key]):
                fail(key, f"`{name}.{key}` must be {_type_name(types[key])}, not {value!r}")
    max_main = typed.get("actors", {}).get("max_main", 0)
    if _has_type(max_main, (int,)) and max_main < 0:
        fail("max_main", "`actors.max_main` must be 0 or more")
    if typed.get("per_page", 1) < 1:
        fail("per_page", "`per_page` must be at least 1")
    sources = typed.get("import", {}).get("sources", [])
    if isinstance(sources, list) and not all(isinstance(item, str) for item in sources):
        fail("sources", "`import.sources` must be a list of texts (URLs or file paths)")
    length = typed.get("feeds", {}).get("length", 1)
    if _has_type(length, (int,)) and length < 1:
        fail("length", "`feeds.length` must be at least 1")
    hosts = {
        "cname": typed.get("cname"),
        "id_authority": typed.get("feeds", {}).get("id_authority"),
    }
    for key, host in hosts.items():
        if isinstance(host, str) and host and not _HOST.match(host):
            name = key if key == "cname" else f"feeds.{key}"
            fail(key, f"`{name}` must be a host name, not {host!r}", 'e.g. "news.example.org"')
    if "timezone" in typed:
        try:
            ZoneInfo(typed["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            fail("timezone", f"unknown time zone {typed['timezone']!r}", "use an IANA name")
    if "language" in typed and not _LANGUAGE.match(typed["language"]):
        fail("language", f"invalid language code {typed['language']!r}", 'e.g. "en" or "uk"')
    if "base_url" in typed:
        url = urlsplit(typed["base_url"])
        if url.scheme not in ("", "http", "https") or (url.scheme and not url.netloc):
            fail("base_url", f"invalid base_url {typed['base_url']!r}", _BASE_URL_HINT)
    if "theme" in typed and not re.fullmatch(r"[\w.-]+", typed["theme"]):
        fail("theme", f"invalid theme name {typed['theme']!r}", "a folder name under themes/")
    return problems


def check_languages(tables: Mapping[str, Any], default: Any, text: str) -> list[Problem]:
    """Every mistake in `[languages]`: codes, keys, value types, prefixes, the default language."""
    problems: list[Problem] = []

    def fail(code: str, key: str, message: str, hint: str = "") -> None:
        problems.append(Problem(CONFIG_FILE, _language_line(text, code, key), message, hint))

    if not tables:
        line = _language_line(text, "")
        hint = 'add a table per language, e.g. [languages.en] name = "English"'
        return [Problem(CONFIG_FILE, line, "`[languages]` lists no language", hint)]
    claimed: dict[str, str] = {}
    for code, table in tables.items():
        if not _check_language(code, table, fail):
            continue
        prefix = _prefix_of(code, table, default)
        if prefix is None or not _check_prefix(code, prefix, fail):
            continue
        if prefix in claimed:
            where = f"the prefix {prefix!r}" if prefix else "the site root"
            message = f"languages `{claimed[prefix]}` and `{code}` both claim {where}"
            fail(code, "prefix", message, "give each language its own `prefix`")
        claimed.setdefault(prefix, code)
    if isinstance(default, str) and default not in tables:
        line = line_of_key(text, "language") or _language_line(text, next(iter(tables)))
        listed = ", ".join(f"`{code}`" for code in tables)
        hint = f"`language` names the default language; make it one of {listed}"
        message = f"the default language `{default}` has no [languages.{default}] table"
        problems.append(Problem(CONFIG_FILE, line, message, hint))
    return problems


def _check_language(code: str, table: Any, fail: Callable[..., None]) -> bool:
    """Report a bad code, keys and value types of one language; False if it is no table."""
    if not is_language_tag(code):
        meant = suggest_language(code)
        hint = f"did you mean `{meant}`?" if meant else 'an ISO 639-1 code, e.g. "en" or "uk"'
        fail(code, "", f"invalid language code `{code}` in [languages]", hint)
    if not isinstance(table, dict):
        example = f'[languages.{code}] name = "…"'
        fail(code, "", f"`languages.{code}` must be a table, not {table!r}", example)
        return False
    for key, value in table.items():
        if key not in _LANGUAGE_KEYS:
            close = difflib.get_close_matches(key, tuple(_LANGUAGE_KEYS), n=1)
            known = "known keys: " + ", ".join(_LANGUAGE_KEYS)
            hint = f"did you mean `{close[0]}`?" if close else known
            fail(code, key, f"unknown key `languages.{code}.{key}`", hint)
        elif not _has_type(value, _LANGUAGE_KEYS[key]):
            expected = _type_name(_LANGUAGE_KEYS[key])
            fail(code, key, f"`languages.{code}.{key}` must be {expected}, not {value!r}")
    return True


def _check_prefix(code: str, prefix: str, fail: Callable[..., None]) -> bool:
    """Report a prefix that cannot be an edition's folder; True if it can."""
    problem = ""
    if prefix and not _PREFIX.match(prefix):
        problem = "must be one folder name (letters, digits, `-`, `_`, `.`)"
    elif prefix.isdigit():
        problem = "may not be a number: year archives live at /2024/"
    elif prefix.lower() in _RESERVED_PREFIXES:
        problem = "is a folder the site itself uses"
    if problem:
        hint = 'a short folder name such as "uk", or "" to serve the language at the site root'
        fail(code, "prefix", f"`languages.{code}.prefix` {problem}, not {prefix!r}", hint)
    return not problem


def language_tables(
    tables: Mapping[str, Mapping[str, Any]], values: Mapping[str, Any]
) -> tuple[LanguageConfig, ...]:
    """The checked `[languages]` tables as settings, the default language first."""
    default = values.get("language", SiteConfig.language)
    site = {"title": values.get("title", SiteConfig.title)}
    site["description"] = values.get("description", SiteConfig.description)
    languages = [
        LanguageConfig(
            code=code,
            name=table.get("name", code),
            prefix=_prefix_of(code, table, default) or "",
            title=table.get("title", site["title"]),
            description=table.get("description", site["description"]),
        )
        for code, table in tables.items()
    ]
    return tuple(sorted(languages, key=lambda language: language.code != default))


def _prefix_of(code: str, table: Mapping[str, Any], default: Any) -> str | None:
    """The prefix as given (slashes trimmed), else `""` for the default language, else the code."""
    prefix = table.get("prefix", "" if code == default else code)
    return prefix.strip("/") if isinstance(prefix, str) else None


def _language_line(text: str, code: str, key: str = "") -> int | None:
    """The line of `key` in the table of language `code` (or of the table itself)."""
    start = None
    if code:
        start = line_of_key(text, f"languages.{code}") or line_of_key(text, code)
    if start is None:
        return line_of_key(text, "languages")
    if not key:
        return start
    pattern = re.compile(rf"""(^|[{{,\s])["']?{re.escape(key)}["']?[ \t]*=""")
    lines = text.split("\n")
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        if number > start and line.lstrip().startswith("["):
            break
        if pattern.search(line):
            return number
    return start


_BASE_URL_HINT = 'e.g. "https://user.github.io/repo/" or "/"'


def _has_type(value: Any, expected: tuple[type, ...]) -> bool:
    return isinstance(value, expected) and not (isinstance(value, bool) and bool not in expected)


def _type_name(expected: tuple[type, ...]) -> str:
    return " or ".join(dict.fromkeys(_TYPE_NAMES[t] for t in expected))


def _check_paths(config: SiteConfig) -> None:
    """Refuse an output folder that would swallow the project or its content."""
    output, content = config.output_dir, config.content_dir
    for protected in (config.root, content):
        if output == protected or output in protected.parents:
            raise DigestError(
                Problem(
                    CONFIG_FILE,
                    None,
                    f"refusing to write the site into {output}: it would replace {protected}",
                    'choose a folder of its own, such as output = "site"',
                )
            )
