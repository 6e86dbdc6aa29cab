"""Parsed articles on disk: one SQLite file of pickled entries, by the digest of their inputs.

One file instead of a file per article: a 50,000-article site has one file to open, read in
one query and update in one transaction, instead of 50,000 to list, open, write and rename
(sqlite3 is in the standard library). Each row holds its payload's checksum; a row that fails
it, or a file SQLite cannot read, is reported and left out (the file is then started again),
so a damaged cache costs a rebuild, never a wrong page. Entries are pickles of our own frozen
dataclasses: the key covers the program's digest, so an entry of another version is never
looked up (and is removed by the next `keep`). Like the project's templates, the cache is
trusted not to be hostile.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import ExitStack, closing, contextmanager
from pathlib import Path

from digest.hashing import digest_bytes

FORMAT = "digest-articles 1"
BATCH = 500
"""Keys looked up per query (SQLite allows at least 999 parameters)."""
TIMEOUT = 30.0
"""Seconds to wait for another build (a preview server beside `digest build`) to finish
writing."""
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS entries "
    "(key BLOB PRIMARY KEY, checksum BLOB NOT NULL, payload BLOB NOT NULL) WITHOUT ROWID",
)

Report = Callable[[str], None]
"""Called with the reason when the file, or an entry of it, is left out."""


class ArticleStore:
    """The entries stored in the SQLite file at `path`; `report(reason)` hears of damage."""

    def __init__(self, path: Path, report: Report) -> None:
        self.path = path
        self._report = report
        self._open: sqlite3.Connection | None = None

    @contextmanager
    def kept_open(self) -> Iterator[None]:
        """One connection for every load and update within (many small ones cost less)."""
        with ExitStack() as stack:
            if self.path.is_file():
                try:
                    self._open = stack.enter_context(self._connected())
                except sqlite3.DatabaseError as error:
                    self._damaged(error)
            try:
                yield
            finally:
                self._open = None

    def load(self, wanted: Collection[bytes]) -> Iterator[tuple[bytes, object]]:
        """The stored entries whose keys are `wanted`, unpickled, in no particular order; a
        damaged entry is reported and removed."""
        if not wanted or not self.path.is_file():
            return
        keys = list(wanted)
        bad = []
        try:
            with self._connected() as connection:
                for start in range(0, len(keys), BATCH):  # a batch's payloads held at a time
                    batch = keys[start : start + BATCH]
                    marks = ", ".join("?" * len(batch))
                    query = f"SELECT key, checksum, payload FROM entries WHERE key IN ({marks})"
                    for key, checksum, payload in connection.execute(query, batch).fetchall():
                        entry = self._unpickled(key, checksum, payload)
                        if entry is None:
                            bad.append(key)
                        else:
                            yield key, entry
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return
        if bad:  # removed, so that the entries parsed again are stored
            self.update({}, bad)

    def keys(self) -> set[bytes]:
        """The keys stored (none if the file is missing or unreadable)."""
        if not self.path.is_file():
            return set()
        try:
            with self._connected() as connection:
                return {key for (key,) in connection.execute("SELECT key FROM entries")}
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return set()

    def update(self, new: Mapping[bytes, object], stale: Iterable[bytes]) -> bool:
        """Store the `new` entries and remove the `stale` ones, in one transaction. False if
        the file was found damaged: it is then removed, and nothing is stored."""
        gone = [(key,) for key in stale]
        if not new and not gone:
            return True
        rows = (_row(key, entry) for key, entry in new.items())  # pickled one at a time
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with self._connected() as connection, connection:  # one transaction
                connection.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", rows)
                connection.executemany("DELETE FROM entries WHERE key = ?", gone)
        except sqlite3.DatabaseError as error:
            self._damaged(error)
            return False
        return True

    def clear(self) -> None:
        """Remove the file (and SQLite's journal beside it)."""
        for suffix in ("", "-journal", "-wal", "-shm"):
            self.path.with_name(self.path.name + suffix).unlink(missing_ok=True)

    @contextmanager
    def _connected(self) -> Iterator[sqlite3.Connection]:
        """A connection to the file, made ready (created, or checked to be ours)."""
        if self._open is not None:
            yield self._open
            return
        with closing(sqlite3.connect(self.path, timeout=TIMEOUT)) as connection:
            found = _format(connection)
            if found is None:  # a new file
                with connection:
                    for statement in _SCHEMA:
                        connection.execute(statement)
                    connection.execute("INSERT OR IGNORE INTO meta VALUES ('format', ?)", (FORMAT,))
                found = _format(connection)
            if found != FORMAT:
                raise sqlite3.DatabaseError(f"format {found!r}, not {FORMAT!r}")
            yield connection

    def _unpickled(self, key: bytes, checksum: bytes, payload: bytes) -> object | None:
        if digest_bytes(payload) != checksum:
            self._report(f"entry {key.hex()[:12]} damaged (checksum differs)")
            return None
        try:
            return pickle.loads(payload)
        except Exception as error:  # any unpickling failure means the entry is unusable
            self._report(f"entry {key.hex()[:12]} unreadable ({type(error).__name__})")
            return None

    def _damaged(self, error: sqlite3.DatabaseError) -> None:
        """Report the unreadable file and remove it: the next update starts a new one."""
        self._report(f"unreadable ({type(error).__name__}: {error})")
        self.clear()


def _format(connection: sqlite3.Connection) -> str | None:
    """The format the file says it holds; None for a file without our tables (a new one)."""
    try:
        found = connection.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
    except sqlite3.OperationalError as error:
        if "no such table" in str(error):
            return None
        raise
    return None if found is None else str(found[0])


def _row(key: bytes, entry: object) -> tuple[bytes, bytes, bytes]:
    """The row of an entry: its key, its payload's checksum, its payload."""
    payload = pickle.dumps(entry, protocol=5)
    return key, digest_bytes(payload), payload
