"""Filing one imported article: new, updated, unchanged, or left alone with the reason.

An article is the one the ledger knows when its identity (the source's id) or its address
matches. Its file is written only when it is new, or changed at its source while its file is
still as the last import wrote it: a file the user edited or deleted is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from digest.config import SiteConfig
from digest.importing.cleaning import html_to_markdown, html_to_text
from digest.importing.items import ImportedArticle
from digest.importing.language import LanguageGuesser, article_language, site_language
from digest.importing.ledger import Ledger, LedgerEntry, digest_of
from digest.importing.urls import normalise_url
from digest.importing.writing import article_text, file_name
from digest.output.writer import write_atomic


@dataclass(frozen=True)
class Skipped:
    """An article not written, and why."""

    what: str
    why: str


@dataclass(frozen=True)
class ChosenArticle:
    """An article to import, and what stands for it as its source gave it."""

    article: ImportedArticle
    seen: str


@dataclass
class Outcome:
    """The import's outcome as it is worked out, article by article."""

    new: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def known_unchanged(article: ImportedArticle, ledger: Ledger, seen: str) -> LedgerEntry | None:
    """The article's ledger entry if its source gives it as it did when last imported."""
    entry = ledger.find(_identity(article), _address(article))
    return entry if entry is not None and entry.seen == seen else None


def _address(article: ImportedArticle) -> str:
    return normalise_url(article.url) if article.url else ""


@dataclass
class Filing:
    """Files articles into the import folder, keeping its ledger and the outcome."""

    folder: Path
    ledger: Ledger
    config: SiteConfig
    now: datetime
    outcome: Outcome = field(default_factory=Outcome)
    guesser: LanguageGuesser = field(default_factory=LanguageGuesser)

    def file(self, item: ChosenArticle) -> None:
        """Write the article if it is new, or changed and its file untouched by the user."""
        article = item.article
        url = _address(article)
        entry = self.ledger.find(_identity(article), url)
        if entry is not None and entry.seen == item.seen:
            self.outcome.unchanged += 1
            return
        text = html_to_text(article.body_html)
        content = digest_of(f"{article.title}\n{' '.join(text.split())}".encode())
        if entry is None and (twin := self.ledger.same_content(content)) is not None:
            self._skip(article, f"the same text as {twin.file}")
            return
        code = article_language(
            article.language, f"{article.title}\n{text}", self.config.language, self.guesser
        )
        language = site_language(code, self.config)
        if not language:
            self._skip(article, f"in {code}, which digest.toml does not publish")
            return
        first_seen = entry.first_seen if entry else self.now.isoformat()
        date = date_of(article)
        if date is None:
            date = datetime.fromisoformat(first_seen)
            self.outcome.warnings.append(
                f"{_what(article)}: no date in the source; dated when first imported"
            )
        body = html_to_markdown(article.body_html, article.base_url)
        cleaned = replace(article, url=url)  # its address without tracking parameters
        data = article_text(cleaned, body, date, language).encode("utf-8")
        written = digest_of(data)
        name = self._write(article, entry, data, written, date, language)
        if name is not None:
            self.ledger.record(
                LedgerEntry(
                    file=name,
                    written=written,
                    identity=_identity(article),
                    url=url,
                    content=content,
                    first_seen=first_seen,
                    seen=item.seen,
                )
            )

    def _write(
        self,
        article: ImportedArticle,
        entry: LedgerEntry | None,
        data: bytes,
        written: str,
        date: datetime,
        language: str,
    ) -> str | None:
        """The name of the article's file, written (`data`, whose digest is `written`) if new
        or changed; None if left alone."""
        if entry is None:
            name = file_name(article, date, language, self._taken)
            write_atomic(self.folder / name, data)
            self.outcome.new.append(name)
            return name
        path = self.folder / entry.file
        if path.is_symlink() or not path.exists():
            self._skip(article, f"{entry.file} was deleted since it was imported")
            return None
        current = digest_of(path.read_bytes())
        if current not in (entry.written, written):
            self._skip(
                article, f"{entry.file} was edited since it was imported; your edits are kept"
            )
            return None
        if current == written:
            self.outcome.unchanged += 1
        else:
            write_atomic(path, data)
            self.outcome.updated.append(entry.file)
        return entry.file

    def _taken(self, name: str) -> bool:
        path = self.folder / name
        return self.ledger.has_file(name) or path.exists() or path.is_symlink()

    def _skip(self, article: ImportedArticle, why: str) -> None:
        self.outcome.skipped.append(Skipped(_what(article), why))


def _what(article: ImportedArticle) -> str:
    """How reports name an article: its address, else its title."""
    return article.url or article.title


def _identity(article: ImportedArticle) -> str:
    """The source's id, scoped by the source unless it is globally unique (a URL, a URN)."""
    if not article.id:
        return ""
    return article.id if ":" in article.id else f"{article.origin}#{article.id}"


def seen_digest(article: ImportedArticle) -> str:
    """What stands for the article as its source gave it (before any page was fetched)."""
    return digest_of(repr(article).encode("utf-8"))


def date_of(article: ImportedArticle) -> datetime | None:
    return article.published or article.updated
