"""One `digest import`: sources fetched and read, their articles written into the import folder.

It reads like the command: read the ledger; fetch and read every source (several at once, a
few per host); keep the articles asked for (`--since`, `--limit`); fetch their pages for the
full text when asked; then, one article at a time and in the sources' order, write what is
new or changed, and leave alone what the user edited or deleted. The ledger is saved last,
with how each source answered, for a conditional request next time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from digest.config import SiteConfig
from digest.errors import DigestError, Problem
from digest.importing.fetch import Fetcher, FetchError, FetchSettings, Validators
from digest.importing.filing import (
    ChosenArticle,
    Filing,
    Outcome,
    Skipped,
    date_of,
    known_unchanged,
    seen_digest,
)
from digest.importing.items import ImportedArticle, SourceRead
from digest.importing.ledger import Ledger, LedgerError, SourceEntry, load_ledger, save_ledger
from digest.importing.reading import read_document
from digest.importing.urls import is_web_source

WORKERS = 8
"""Sources and pages fetched at once (`FetchSettings.per_host` of them from one host)."""
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class ImportOptions:
    """What `digest import` was asked to do."""

    sources: tuple[str, ...]
    into: Path
    """The import folder (absolute), inside the content folder."""
    since: datetime | None = None
    limit: int | None = None
    """At most this many of each source's newest articles."""
    full_text: bool = False
    """Fetch each article's page for its whole text."""
    fetch: FetchSettings = field(default_factory=FetchSettings)

    def key(self, config: SiteConfig) -> str:
        """What decides which of a source's articles are taken: a source last fetched with
        other options, or for a site of other languages, is fetched whole again."""
        since = self.since.isoformat() if self.since else ""
        languages = ",".join(language.code for language in config.languages)
        return f"since={since} limit={self.limit or ''} full_text={self.full_text} {languages}"


@dataclass(frozen=True)
class ImportReport:
    """What an import did, for the summary."""

    new: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: int = 0
    skipped: tuple[Skipped, ...] = ()
    failed: tuple[Skipped, ...] = ()
    """Sources that could not be fetched or read."""
    not_modified: tuple[str, ...] = ()
    """Sources that answered that nothing changed since the last import."""
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Answer:
    """One source, fetched and read: its articles, or why not."""

    source: str
    read: SourceRead = SourceRead()
    failure: str = ""
    not_modified: bool = False


def run_import(
    config: SiteConfig,
    options: ImportOptions,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import `options.sources` into `options.into`; DigestError if that cannot start."""
    now = now or datetime.now(UTC)
    folder = _import_folder(config, options.into)
    try:
        ledger = load_ledger(folder)
    except LedgerError as error:
        raise DigestError(Problem(str(folder), None, str(error))) from None
    key = options.key(config)
    known = ledger.validators(key)
    with Fetcher(options.fetch, known) as fetcher, ThreadPoolExecutor(WORKERS) as pool:
        answers = _answers(options.sources, fetcher, pool, progress)
        outcome = Outcome(warnings=[w for answer in answers for w in answer.read.warnings])
        chosen = [
            ChosenArticle(article, seen_digest(article))
            for answer in answers
            for article in _chosen(answer.read.articles, options)
        ]
        if options.full_text:
            chosen = _with_full_text(chosen, ledger, fetcher, pool, outcome, progress)
        filing = Filing(folder, ledger, config, now, outcome)
        try:
            for number, item in enumerate(chosen, start=1):
                filing.file(item)
                if progress:
                    progress("write", number, len(chosen))
            _remember_sources(ledger, answers, fetcher.validators(), key)
        finally:  # the files written so far are the ledger's, even if writing stopped
            save_ledger(folder, ledger)
    return ImportReport(
        new=tuple(outcome.new),
        updated=tuple(outcome.updated),
        unchanged=outcome.unchanged,
        skipped=tuple(outcome.skipped),
        failed=tuple(
            Skipped(answer.source, answer.failure) for answer in answers if answer.failure
        ),
        not_modified=tuple(answer.source for answer in answers if answer.not_modified),
        warnings=tuple(outcome.warnings),
    )


def _remember_sources(
    ledger: Ledger, answers: Sequence[_Answer], validators: Mapping[str, Validators], key: str
) -> None:
    """Each feed's validators, for a conditional request next time: kept only once every
    article it gave was written, and only for the same options. A list of feeds is always
    fetched whole, so that its feeds are asked each time."""
    for answer in answers:
        if answer.failure or answer.not_modified:
            continue
        found = validators.get(answer.source)
        if answer.read.feeds:  # a list (or a front page): its feeds change on their own
            ledger.sources.pop(answer.source, None)
        elif found and (found.etag or found.last_modified):
            ledger.sources[answer.source] = SourceEntry(found.etag, found.last_modified, key)
        else:
            ledger.sources.pop(answer.source, None)


def _import_folder(config: SiteConfig, into: Path) -> Path:
    """The import folder, made if need be; it must be inside the content folder."""
    folder = into.resolve()
    if not folder.is_relative_to(config.content_dir):
        raise DigestError(
            Problem(
                str(into),
                None,
                "the import folder is outside the content folder, so no build would read it",
                f"choose a folder inside {config.content_dir}",
            )
        )
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _answers(
    sources: Sequence[str], fetcher: Fetcher, pool: ThreadPoolExecutor, progress: Progress | None
) -> list[_Answer]:
    """Every source fetched and read, in order; the feeds an OPML list names follow it."""
    answers: list[_Answer] = []
    given = list(dict.fromkeys(sources))
    fetched = pool.map(lambda source: _answer(source, fetcher), given)
    for done, answer in enumerate(fetched, start=1):
        answers.append(answer)
        if progress:
            progress("fetch", done, len(given))
        listed = [feed for feed in answer.read.feeds if feed not in given]
        answers += pool.map(lambda feed: _answer(feed, fetcher, listed=True), listed)
    return answers


def _answer(source: str, fetcher: Fetcher, listed: bool = False) -> _Answer:
    """One source fetched (a URL) or read (a file), then read as a feed, list or page."""
    if is_web_source(source):
        try:
            fetched = fetcher.fetch(source)
        except FetchError as error:
            return _Answer(source, failure=str(error))
        if fetched.not_modified:
            return _Answer(source, not_modified=True)
        data, address, kind = fetched.body, fetched.final_url, fetched.content_type
    else:
        try:
            data, address, kind = Path(source).read_bytes(), "", ""
        except OSError as error:
            return _Answer(source, failure=f"cannot read the file: {error.strerror or error}")
    read = read_document(data, address, source, kind)
    if isinstance(read, str):
        return _Answer(source, failure=read)
    if listed and read.feeds:
        return _Answer(source, failure="a list of feeds inside a list of feeds is not followed")
    return _Answer(source, read)


def _chosen(articles: Sequence[ImportedArticle], options: ImportOptions) -> list[ImportedArticle]:
    """The source's articles asked for: published since `since`, at most `limit` newest."""
    kept = [
        article
        for article in articles
        if options.since is None or (date_of(article) or options.since) >= options.since
    ]
    if options.limit is not None:  # undated articles count as the newest
        latest = datetime.max.replace(tzinfo=UTC)
        order = sorted(range(len(kept)), key=lambda index: date_of(kept[index]) or latest)
        chosen = set(order[-options.limit :])
        kept = [article for index, article in enumerate(kept) if index in chosen]
    return kept


def _with_full_text(
    chosen: list[ChosenArticle],
    ledger: Ledger,
    fetcher: Fetcher,
    pool: ThreadPoolExecutor,
    outcome: Outcome,
    progress: Progress | None,
) -> list[ChosenArticle]:
    """The articles with their pages' whole text: fetched only for articles new or changed
    in their source since the last import."""
    wanted = [
        index
        for index, item in enumerate(chosen)
        if item.article.url and known_unchanged(item.article, ledger, item.seen) is None
    ]
    result = list(chosen)
    pages = pool.map(lambda index: _full_text(chosen[index].article, fetcher), wanted)
    for done, (index, page) in enumerate(zip(wanted, pages, strict=True), start=1):
        if isinstance(page, str):
            outcome.warnings.append(f"{chosen[index].article.url}: {page}; the feed's text is kept")
        else:
            result[index] = replace(chosen[index], article=page)
        if progress:
            progress("pages", done, len(wanted))
    return result


def _full_text(article: ImportedArticle, fetcher: Fetcher) -> ImportedArticle | str:
    """The article with its page's main text, and the page's metadata where the feed had none."""
    try:
        fetched = fetcher.fetch(article.url, conditional=False)
    except FetchError as error:
        return str(error)
    page = read_document(fetched.body, fetched.final_url, article.origin, fetched.content_type)
    if not isinstance(page, SourceRead) or len(page.articles) != 1:
        return "no article text found on the page"
    found = page.articles[0]
    return replace(
        article,
        body_html=found.body_html,
        base_url=found.base_url,
        published=article.published or found.published,
        authors=article.authors or found.authors,
        image=article.image or found.image,
        language=article.language or found.language,
        source_name=article.source_name or found.source_name,
    )
