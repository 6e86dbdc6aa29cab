"""The ledger of an import folder: what was imported into it, and how each source answered.

It lives beside the files it describes (`.digest-imports.json`, hidden, so that no build reads
it as an article), and is committed with them: a scheduled import on a fresh checkout knows
what earlier runs wrote. For each file it keeps the SHA-256 of the bytes written, so a file
the user has edited since (its bytes differ) is never overwritten, and one the user deleted is
not written again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from digest.importing.fetch import Validators
from digest.output.writer import write_atomic

LEDGER_FILE = ".digest-imports.json"
VERSION = 1


@dataclass(frozen=True)
class LedgerEntry:
    """One imported article: its file, and what recognises it when a source gives it again."""

    file: str
    """The file's name in the import folder."""
    written: str
    """SHA-256 of the bytes last written: other bytes there mean the user edited the file."""
    identity: str = ""
    """The source's id for the article, scoped by the source unless globally unique."""
    url: str = ""
    """The article's normalised address (tracking parameters removed)."""
    content: str = ""
    """SHA-256 of its title and text: the same article under another id and address."""
    first_seen: str = ""
    """When it was first imported (ISO 8601): its date when the source gives none."""
    seen: str = ""
    """What stood for the article as its source last gave it: the same again is unchanged."""


@dataclass(frozen=True)
class SourceEntry:
    """How a source last answered: for a conditional request next time."""

    etag: str = ""
    last_modified: str = ""
    options: str = ""
    """The import options of that run: other options fetch the whole source again."""


class Ledger:
    """The entries of one import folder, looked up by identity, address or content."""

    def __init__(
        self,
        entries: list[LedgerEntry] | None = None,
        sources: dict[str, SourceEntry] | None = None,
    ) -> None:
        self._entries: dict[str, LedgerEntry] = {}
        self._by_key: dict[str, str] = {}
        self.sources: dict[str, SourceEntry] = dict(sources or {})
        for entry in entries or ():
            self.record(entry)

    @property
    def entries(self) -> list[LedgerEntry]:
        return sorted(self._entries.values(), key=lambda entry: entry.file)

    def has_file(self, name: str) -> bool:
        return name in self._entries

    def find(self, identity: str, url: str) -> LedgerEntry | None:
        """The entry of the article with this identity or address."""
        for key in (f"id {identity}" if identity else "", f"url {url}" if url else ""):
            file = self._by_key.get(key) if key else None
            if file is not None:
                return self._entries[file]
        return None

    def same_content(self, content: str) -> LedgerEntry | None:
        """The entry of an article with the same title and text."""
        file = self._by_key.get(f"content {content}")
        return None if file is None else self._entries[file]

    def record(self, entry: LedgerEntry) -> None:
        """Add or replace the entry of `entry.file`."""
        self._entries[entry.file] = entry
        for key in (f"id {entry.identity}", f"url {entry.url}", f"content {entry.content}"):
            if not key.endswith(" "):
                self._by_key[key] = entry.file

    def validators(self, options: str) -> dict[str, Validators]:
        """The validators of the sources last fetched with the same options."""
        return {
            url: Validators(source.etag, source.last_modified)
            for url, source in self.sources.items()
            if source.options == options
        }

    def to_json(self) -> str:
        document = {
            "version": VERSION,
            "sources": {url: asdict(source) for url, source in sorted(self.sources.items())},
            "articles": [asdict(entry) for entry in self.entries],
        }
        return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


class LedgerError(Exception):
    """A ledger that cannot be read: importing stops rather than risk writing over files."""


def load_ledger(folder: Path) -> Ledger:
    """The folder's ledger; an empty one if it has none."""
    path = folder / LEDGER_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Ledger()
    except (OSError, UnicodeDecodeError) as error:
        raise LedgerError(f"{path}: cannot be read: {error}") from None
    try:
        document = json.loads(text)
        if document.get("version") != VERSION:
            raise ValueError(f"version {document.get('version')!r}, not {VERSION}")
        entries = [LedgerEntry(**_fields(item, LedgerEntry)) for item in document["articles"]]
        sources = {
            str(url): SourceEntry(**_fields(item, SourceEntry))
            for url, item in document.get("sources", {}).items()
        }
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise LedgerError(f"{path}: damaged ({error}); fix or delete it to start afresh") from None
    return Ledger(entries, sources)


def save_ledger(folder: Path, ledger: Ledger) -> None:
    """Write the ledger, unless the file already holds these bytes."""
    data = ledger.to_json().encode("utf-8")
    path = folder / LEDGER_FILE
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fields(item: Any, kind: type) -> dict[str, str]:
    """The known fields of a record, as text (a ledger from a newer digest may have more)."""
    if not isinstance(item, dict):
        raise TypeError(f"an entry is {type(item).__name__}, not an object")
    known = kind.__dataclass_fields__
    return {key: str(value) for key, value in item.items() if key in known}
