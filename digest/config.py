"""`digest.toml`: a closed schema, every error reported at once with file, line and a suggestion."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from digest.errors import DigestError, Problem

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
}
_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    dict: "a table",
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
    if problems:
        raise DigestError(sorted(problems, key=lambda p: p.line or 0))
    if "extra" in values:
        values["extra"] = MappingProxyType(values["extra"])
    for name, (settings, _) in _SECTIONS.items():
        if name in values:
            values[name] = settings(**values[name])
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
