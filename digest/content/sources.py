"""Find article files under `content/` and decode them to text, warning about what is odd."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from digest.errors import Problem, warning
from digest.model import Source

ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
_EDITOR_LEFTOVERS = re.compile(r"(^\.|^#.*#$|~$|\.sw[a-p]$|___jb_(tmp|old)___$|^4913$)")


def is_article_file(path: Path) -> bool:
    """True for files digest reads as articles: known suffixes, no hidden or editor temp files."""
    return path.suffix.lower() in ARTICLE_SUFFIXES and not _EDITOR_LEFTOVERS.search(path.name)


def find_article_files(content_dir: Path) -> list[Path]:
    """Every article file below `content_dir`, sorted, skipping hidden folders."""
    found = []
    for path in content_dir.rglob("*"):
        relative = path.relative_to(content_dir)
        if any(part.startswith(".") for part in relative.parts[:-1]):
            continue
        if path.is_file() and is_article_file(path):
            found.append(path)
    return sorted(found)


def read_sources(root: Path, content_dir: Path) -> tuple[list[Source], list[Problem]]:
    """Read and decode every article file; unreadable ones become warnings, never crashes."""
    sources: list[Source] = []
    problems: list[Problem] = []
    if not content_dir.is_dir():
        return sources, [warning(_display(content_dir, root), None, "content folder not found")]
    for path in find_article_files(content_dir):
        source, problem = read_source(path, root, content_dir)
        if source is not None:
            sources.append(source)
        if problem is not None:
            problems.append(problem)
    return sources, problems


def read_source(path: Path, root: Path, content_dir: Path) -> tuple[Source | None, Problem | None]:
    """Decode one file: UTF-8 (BOM or not), UTF-16 with BOM, else cp1252/Latin-1 with a warning."""
    shown = _display(path, root)
    try:
        data = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as error:
        return None, warning(shown, None, f"cannot read file: {error.strerror}")
    if not data.strip():
        return None, warning(shown, None, "empty file skipped")
    text, encoding = decode(data)
    if text is None:
        return None, warning(shown, None, "binary file skipped", "only text articles are read")
    source = Source(
        path=shown,
        content_path=path.relative_to(content_dir).as_posix(),
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        encoding=encoding,
        mtime=mtime,
    )
    problem = None
    if encoding not in ("utf-8", "utf-8-sig", "utf-16"):
        problem = warning(
            shown, None, f"not valid UTF-8; read as {encoding}", "save the file as UTF-8"
        )
    return source, problem


def decode(data: bytes) -> tuple[str | None, str]:
    """Text and the encoding it was read with, or (None, "binary")."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    if b"\x00" in data[:8192]:
        return None, "binary"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _display(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
