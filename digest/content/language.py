"""An article's language: front matter, else its file name (`story.uk.md`), else its top folder
(`uk/…`), else the site's default. On a multilingual site a language must be configured."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath

from digest.errors import Problem
from digest.languages import is_language_tag, primary_language, suggest_language

_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<code>[A-Za-z]{2}(?:-[A-Za-z0-9]{2,8})*)$")


@dataclass(frozen=True)
class PathLanguage:
    """What an article's content path says about its language."""

    suffix: str
    """The code of a language suffix (`uk` in `story.uk.md`), or `""`."""
    folder: str
    """The code of a language folder (`uk` in `uk/2024/story.md`), or `""`."""
    stem: str
    """The file name without extension and language suffix (`story`)."""
    base: str
    """The path without language folder, language suffix and extension (`2024/story`):
    translations of one article share it."""


def path_language(content_path: str, is_language: Callable[[str], bool]) -> PathLanguage:
    """Read the language marks of a content path; `is_language` says which codes count."""
    path = PurePosixPath(content_path)
    stem, suffix = path.stem, ""
    match = _SUFFIX.match(stem)
    if match and is_language(match["code"]):
        stem, suffix = match["stem"], match["code"]
    folders = list(path.parts[:-1])
    folder = folders[0] if folders and is_language(folders[0]) else ""
    if folder:
        folders = folders[1:]
    return PathLanguage(suffix, folder, stem, "/".join([*folders, stem]))


def language_marks(default: str, configured: tuple[str, ...]) -> Callable[[str], bool]:
    """Which codes a path may name: on a multilingual site (`configured`) any language code,
    so that one not configured is reported; on a one-language site, its language only."""
    if configured:
        return is_language_tag
    return lambda code: code == default


def article_language(
    path: str,
    content_path: str,
    given: tuple[str, int | None],
    default: str,
    configured: tuple[str, ...] = (),
) -> tuple[str, PathLanguage, Problem | None]:
    """The language of an article, what its path says, and the problem if the language it
    names is not configured. `given` is the front-matter value and its line (`("", None)`)."""
    marks = path_language(content_path, language_marks(default, configured))
    code, line = given
    where = "front matter"
    if not code and marks.suffix:
        code, where = marks.suffix, f"file name suffix `.{marks.suffix}`"
    elif not code and marks.folder:
        code, where = marks.folder, f"folder `{marks.folder}/`"
    if not code:
        return default, marks, None
    if not configured:
        return code, marks, None
    found = next((known for known in configured if known.lower() == code.lower()), None)
    if found is not None:
        return found, marks, None
    message = f"language `{code}` (from the {where}) is not configured"
    return default, marks, Problem(path, line, message, _hint(code, configured))


def _hint(code: str, configured: tuple[str, ...]) -> str:
    listed = ", ".join(f"`{known}`" for known in configured)
    meant = suggest_language(code)
    if meant not in configured:
        meant = next((c for c in configured if primary_language(c) == primary_language(code)), "")
    if meant:
        return f"did you mean `{meant}`? digest.toml configures {listed}"
    return f"digest.toml configures {listed}; add a [languages.{code}] table to publish it"
