"""Split front matter (YAML `---`, TOML `+++`, JSON `{`, or a `Key: value` header) from the body.

Line numbers are kept so that every error points at the line of the file the user wrote.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from digest.config import line_of_key, toml_problem
from digest.errors import Problem

HEADER_KEYS = frozenset(
    """title date modified updated author authors tags tag category categories topics summary
    description slug lang language status draft source url image actors""".split()
)
_FENCES = {"---": "yaml", "+++": "toml"}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_ -]*):\s*(.*)$")


@dataclass(frozen=True)
class FrontMatter:
    """Parsed metadata with the line of each top-level key, and where the body starts."""

    fields: dict[str, Any]
    key_lines: dict[str, int]
    body: str
    body_line: int
    """1-based line of the file where the body starts."""
    format: str = ""
    problems: list[Problem] = field(default_factory=list)

    def line(self, key: str) -> int | None:
        return self.key_lines.get(key)


def split_front_matter(path: str, text: str, header_keys: bool = True) -> FrontMatter:
    """Find and parse the front matter of `text`; with none, the whole text is the body."""
    first = text.split("\n", 1)[0].rstrip()
    if first in _FENCES:
        return _split_fenced(path, text, first)
    if first.startswith("{"):
        return _split_json(path, text)
    if header_keys:
        header = _split_header(text)
        if header is not None:
            return header
    return FrontMatter({}, {}, text, 1)


def _split_fenced(path: str, text: str, fence: str) -> FrontMatter:
    lines = text.split("\n")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (fence, "..." if fence == "---" else fence):
            raw = "\n".join(lines[1:index])
            body = "\n".join(lines[index + 1 :])
            parse = _parse_yaml if fence == "---" else _parse_toml
            fields, key_lines, problems = parse(path, raw, first_line=2)
            return FrontMatter(fields, key_lines, body, index + 2, _FENCES[fence], problems)
    problem = Problem(
        path,
        1,
        f"front matter opened with `{fence}` is never closed",
        f"add a line with `{fence}` after the last field",
    )
    return FrontMatter({}, {}, "", len(lines) + 1, _FENCES[fence], [problem])


def _split_json(path: str, text: str) -> FrontMatter:
    try:
        fields, end = json.JSONDecoder().raw_decode(text)
    except json.JSONDecodeError as error:
        message = f"invalid JSON front matter: {error.msg}"
        problem = Problem(path, error.lineno, message, column=error.colno)
        return FrontMatter({}, {}, "", 1, "json", [problem])
    raw = text[:end]
    problems = []
    if not isinstance(fields, dict):
        problems.append(Problem(path, 1, "JSON front matter must be an object"))
        fields = {}
    duplicate = _json_duplicate(raw)
    if duplicate:
        problems.append(
            Problem(path, line_of_key(raw, duplicate), f"duplicate key `{duplicate}`")
        )
    rest = text[end:]
    body_line = raw.count("\n") + 1
    if rest.startswith("\n"):
        rest, body_line = rest[1:], body_line + 1
    key_lines = {key: line for key in fields if (line := line_of_key(raw, key)) is not None}
    return FrontMatter(fields, key_lines, rest, body_line, "json", problems)


def _json_duplicate(raw: str) -> str | None:
    seen: list[str] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [key for key, _ in pairs]
        seen.extend(key for key in keys if keys.count(key) > 1)
        return dict(pairs)

    json.loads(raw, object_pairs_hook=hook)
    return seen[0] if seen else None


def _split_header(text: str) -> FrontMatter | None:
    """A Pelican / MultiMarkdown header: `Key: value` lines up to the first blank line."""
    lines = text.split("\n")
    fields: dict[str, Any] = {}
    key_lines: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            break
        match = _HEADER_LINE.match(line)
        if match is None:
            return None
        key = match[1].strip().lower().replace(" ", "_")
        if number == 1 and key not in HEADER_KEYS:
            return None
        fields[key] = match[2].strip()
        key_lines[key] = number
    else:
        number = len(lines) + 1
    if "title" not in fields:
        return None
    body = "\n".join(lines[number:])
    return FrontMatter(fields, key_lines, body, number + 1, "header")


class _KeyLines:
    """What our YAML loaders add to PyYAML's safe loader: duplicate keys are refused, where
    each top-level key is is recorded, and an impossible date stays text."""

    key_lines: dict[str, int]
    _root: Any

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]
        self.key_lines = {}

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key `{key}`", key_node.start_mark
                )
            seen.add(key)
            if node is self._root and isinstance(key, str):
                self.key_lines[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc, no-any-return]

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        """An impossible date (`2024-02-30`) stays text, so the date check can report it."""
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[misc]
        except ValueError:
            return self.construct_scalar(node)  # type: ignore[attr-defined]

    def get_single_node(self) -> Any:
        node = super().get_single_node()  # type: ignore[misc]
        self._root = node
        return node


class _KeyLineLoader(_KeyLines, yaml.SafeLoader):
    """The pure-Python loader: its errors say exactly where and what."""


class _FastKeyLineLoader(_KeyLines, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """libyaml's loader when PyYAML has it (several times faster); a document it refuses is
    read again by `_KeyLineLoader` for the exact error."""


for _loader in (_KeyLineLoader, _FastKeyLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:timestamp", _KeyLines.construct_yaml_timestamp)


def _parse_yaml(
    path: str, raw: str, first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    try:
        loader = _FastKeyLineLoader(raw)
    except yaml.YAMLError:
        return _parse_yaml_slowly(path, raw, first_line)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError:
        return _parse_yaml_slowly(path, raw, first_line)
    finally:
        loader.dispose()
    return _mapping(path, data, loader.key_lines, first_line)


def _parse_yaml_slowly(
    path: str, raw: str, first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    """`_parse_yaml` with the pure-Python loader, whose errors name the line and column."""
    try:
        loader = _KeyLineLoader(raw)
    except yaml.reader.ReaderError as error:  # a character YAML does not allow
        line = raw.count("\n", 0, error.position) + first_line
        message = f"invalid YAML: character U+{error.character:04X} is not allowed"
        return {}, {}, [Problem(path, line, message, "remove it or escape it in double quotes")]
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else first_line
        column = mark.column + 1 if mark else None
        message = f"invalid YAML: {error.problem or error.context}"
        return {}, {}, [Problem(path, line, message, column=column)]
    except yaml.YAMLError as error:
        return {}, {}, [Problem(path, first_line, f"invalid YAML: {error}")]
    finally:
        loader.dispose()
    return _mapping(path, data, loader.key_lines, first_line)


def _mapping(
    path: str, data: Any, key_lines: dict[str, int], first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    """The loaded front matter, if it is a mapping, with each key's line in the file."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, {}, [Problem(path, first_line, "front matter must be a mapping of `key: value`")]
    return data, {key: line + first_line - 1 for key, line in key_lines.items()}, []


def _parse_toml(
    path: str, raw: str, first_line: int
) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as error:
        return {}, {}, [toml_problem(path, error, first_line, raw)]
    key_lines = {
        key: line + first_line - 1 for key in data if (line := line_of_key(raw, key)) is not None
    }
    return data, key_lines, []

