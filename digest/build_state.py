"""What a complete build leaves for the next one to rebuild quickly (`digest.quick_build`).

It is every article file's stat, cache entry and problems, and each language edition's Site
with its maps (paths, days, topics, actors, editions, related articles, stories) but without
its articles, which stay in the article store. A few megabytes for 10,000 articles, loaded in
milliseconds: enough to re-render the pages that show an edited article without reading,
collecting or planning the others.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import datetime
from operator import neg
from typing import Any, NamedTuple

from digest.errors import Problem
from digest.model import Article, Site


class ArticleFile(NamedTuple):
    """One article file as the build read it (a tuple: ten thousand of them load fast)."""

    stat: tuple[int, ...]
    """Its `content.sources.stat_key`."""
    entry: bytes | None
    """The key of its entry in the article store; None if the file gave no source."""
    problems: tuple[Problem, ...] = ()
    """What reading, parsing and enriching it reported."""


@dataclass(frozen=True)
class EditionState:
    """One language edition's Site without its articles: their keys in the Site's order, each
    one's date as a timestamp (in the same order, so newest first), and the earliest date."""

    code: str
    site: Site
    order: tuple[str, ...]
    stamps: tuple[float, ...]
    first: datetime | None

    @classmethod
    def of(cls, code: str, site: Site) -> EditionState:
        articles = site.articles.values()
        return cls(
            code,
            replace(site, articles={}),
            tuple(site.articles),
            tuple(article.date.timestamp() for article in articles),
            min((article.date for article in articles), default=None),
        )

    def site_with(self, articles: Mapping[str, Article]) -> Site:
        """The edition's Site with these articles (a mapping of `order`'s keys)."""
        return replace(self.site, articles=articles)

    def near(self, stamp: float, seconds: float) -> Iterator[tuple[str, float]]:
        """The articles dated within `seconds` of `stamp`: each one's key and timestamp."""
        # The first article at or before stamp + seconds (the stamps descend).
        start = bisect_left(self.stamps, -(stamp + seconds), key=neg)
        for index in range(start, len(self.stamps)):
            if self.stamps[index] < stamp - seconds:
                return
            yield self.order[index], self.stamps[index]


@dataclass(frozen=True)
class BuildState:
    """What the build that made `inputs` (its manifest's digest) read.

    `rest` is the digest of every input but the article files, empty when one of them had
    changed too recently to stand for its bytes; `taken_ns` is when the manifest was taken
    (an article file's stat stands for its bytes only if it had settled by then). `output`
    is the folder written, `output_id` its device and inode then (a build swaps in a new one).
    `sites` names the `SavedSites` that go with it (written by the last full build, which a
    quick rebuild leaves as they were).
    """

    inputs: bytes
    rest: bytes
    taken_ns: int
    output: str
    output_id: tuple[int, int] | None
    files: Mapping[str, ArticleFile]
    """By path below the content folder (the article's key)."""
    sites: bytes

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with each file as a plain tuple: ten thousand of them dump several times
        faster than named tuples."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["files"] = {path: tuple(file) for path, file in self.files.items()}
        return _build_state, (values,)


def _build_state(values: dict[str, Any]) -> BuildState:
    files = {path: ArticleFile._make(file) for path, file in values.pop("files").items()}
    return BuildState(files=files, **values)


@dataclass(frozen=True)
class SavedSites:
    """Each language edition's Site without its articles, as the full build `id` (its
    manifest's digest) collected it: a quick rebuild leaves it as it was."""

    id: bytes
    editions: tuple[EditionState, ...]


def files_state(
    stats: Mapping[str, tuple[int, ...]],
    read: Sequence[tuple[str, bytes, Sequence[Problem]]],
    read_problems: Mapping[str, Sequence[Problem]],
) -> dict[str, ArticleFile]:
    """Each article file with its stat, from the manifest's `stats`; its entry's key and
    problems from `read` (content path, key, parse problems) and `read_problems` (by content
    path)."""
    entries = {path: (key, tuple(problems)) for path, key, problems in read}
    files = {}
    for path, stat in stats.items():
        key, problems = entries.get(path, (None, ()))
        files[path] = ArticleFile(stat, key, (*read_problems.get(path, ()), *problems))
    return files
