"""Source → Article: front matter or scraped header, body, dates, slug. Problems, never crashes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import PurePosixPath
from zoneinfo import ZoneInfo

from markupsafe import Markup

from digest.config import SiteConfig
from digest.content.dates import date_from_file_name, is_date_line, to_datetime
from digest.content.fields import DATE_HINT, Metadata, read_fields
from digest.content.frontmatter import split_front_matter
from digest.content.language import PathLanguage, article_language
from digest.content.markdown import Body, render_markdown, render_paragraphs
from digest.content.scraped import parse_scraped
from digest.errors import Problem, warning
from digest.model import Article, Source, Term
from digest.slugs import slugify

_ATX_TITLE = re.compile(r"^#\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class ParseSettings:
    """What parsing needs from the config: small and picklable, for worker processes."""

    timezone: str = "UTC"
    language: str = "en"
    """The default language."""
    trusted_html: bool = False
    languages: tuple[str, ...] = ()
    """The configured languages of a multilingual site; empty for a one-language site."""

    @classmethod
    def from_config(cls, config: SiteConfig) -> ParseSettings:
        """The settings of a loaded config."""
        codes = tuple(language.code for language in config.language_tables)
        return cls(config.timezone, config.language, config.trusted_html, codes)

    @property
    def tz(self) -> tzinfo:
        return ZoneInfo(self.timezone)


def parse_source(source: Source, settings: ParseSettings) -> tuple[Article | None, list[Problem]]:
    """Parse one source; an article with any error is left out and its problems returned."""
    is_text = PurePosixPath(source.content_path).suffix.lower() == ".txt"
    front = split_front_matter(source.path, source.text, header_keys=not is_text)
    if front.problems:
        return None, front.problems
    meta = read_fields(source.path, front, settings.tz)
    if meta.problems:
        return None, meta.problems
    given = (meta.values.get("language", ""), meta.lines.get("language"))
    language, marks, problem = article_language(
        source.path, source.content_path, given, settings.language, settings.languages
    )
    problems: list[Problem] = [problem] if problem else []
    if is_text:
        body, scraped_date = _scraped_body(front.body, front.body_line, meta)
    else:
        body, scraped_date = _markdown_body(front.body, meta, settings.trusted_html)
    date = _choose_date(source, meta, scraped_date, settings.tz, problems)
    title = meta.values.get("title") or _title_from_file_name(source, marks, problems)
    if not body.html.strip():
        problems.append(warning(source.path, front.body_line, "article has no body text"))
    if any(p.is_error for p in problems):
        return None, problems
    values = meta.values
    article = Article(
        key=source.content_path,
        source_path=source.path,
        title=title,
        date=date,
        slug=slugify(
            values.get("slug") or title, fallback=_file_slug(marks, language), language=language
        ),
        body_html=Markup(body.html),  # safe HTML; views show it as it is, uncopied
        language=language,
        updated=values.get("updated"),
        authors=values.get("authors", ()),
        source_name=values.get("source_name", ""),
        source_url=values.get("source_url", ""),
        topics=terms(values.get("topics", ()), language),
        topics_given=bool(values.get("topics")),
        actors=terms(values.get("actors", ()), language),
        summary=values.get("summary") or body.lead,
        image=values.get("image", ""),
        image_caption=values.get("image_caption", ""),
        image_credit=values.get("image_credit", ""),
        draft=values.get("draft", False),
        word_count=body.word_count,
        text=body.text,
        excluded_actors=values.get("actors_exclude", ()),
        reading_time=body.reading_time,
        translation_key=values.get("translation_key", ""),
        translation_of=values.get("translation_of", ""),
        translation_line=meta.lines.get("translation_of") or meta.lines.get("translation_key"),
        params=meta.params,
    )
    return article, problems


def terms(names: tuple[str, ...], language: str = "") -> tuple[Term, ...]:
    """Names as Terms, one per slug (transliterated as `language` does), in the order given."""
    by_slug: dict[str, Term] = {}
    for name in names:
        slug = slugify(name, language=language)
        if slug and slug not in by_slug:
            by_slug[slug] = Term(slug, name)
    return tuple(by_slug.values())


def _markdown_body(text: str, meta: Metadata, trusted: bool) -> tuple[Body, tuple[str, int]]:
    """Render Markdown; with no title in front matter, a leading `# Title` line becomes it."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    if "title" not in meta.values and start < len(lines):
        heading = _ATX_TITLE.match(lines[start].strip())
        if heading:
            meta.values["title"] = heading[1]
            text = "\n".join(lines[start + 1 :])
    date_line = next(
        ((line.strip(), number) for number, line in enumerate(lines[:12], 1) if is_date_line(line)),
        ("", 0),
    )
    return render_markdown(text, trusted=trusted), date_line


def _scraped_body(text: str, first_line: int, meta: Metadata) -> tuple[Body, tuple[str, int]]:
    """Scraped text: front-matter fields win over what the header lines say."""
    scraped = parse_scraped(text, first_line)
    found = {
        "title": scraped.title,
        "authors": scraped.authors,
        "image_caption": scraped.caption,
        "image_credit": scraped.credit,
    }
    for name, value in found.items():
        if value and name not in meta.values:
            meta.values[name] = value
    return render_paragraphs(list(scraped.paragraphs)), (scraped.date_text, scraped.date_line)


def _choose_date(
    source: Source,
    meta: Metadata,
    text_date: tuple[str, int],
    tz: tzinfo,
    problems: list[Problem],
) -> datetime:
    """Front matter, else a `YYYY-MM-DD-` file name, else a date line, else the file's mtime."""
    if "date" in meta.values:
        return meta.values["date"]
    name = PurePosixPath(source.content_path).name
    from_name = date_from_file_name(name, tz)
    if from_name is not None:
        return from_name
    line_text, line = text_date
    if line_text:
        try:
            return to_datetime(re.sub(r"^\s*\w+\s*:\s*", "", line_text), tz)
        except ValueError:
            problems.append(warning(source.path, line, f"unreadable date line {line_text!r}"))
    problems.append(
        warning(
            source.path,
            None,
            "no date found; using the file's modification time",
            f"add `date:` to the front matter ({DATE_HINT}) or a YYYY-MM-DD- file name prefix",
        )
    )
    return datetime.fromtimestamp(source.mtime, tz).replace(microsecond=0)


def _title_from_file_name(source: Source, marks: PathLanguage, problems: list[Problem]) -> str:
    stem = marks.stem
    words = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}[-_]?", "", stem).replace("-", " ").replace("_", " ")
    title = words.strip().capitalize() or stem
    problems.append(
        warning(source.path, 1, f"no title found; using {title!r}", "add `title:` to front matter")
    )
    return title


def _file_slug(marks: PathLanguage, language: str) -> str:
    stem = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}[-_]?", "", marks.stem)
    return slugify(stem, fallback="article", language=language)
