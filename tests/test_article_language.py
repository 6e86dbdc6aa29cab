"""An article's language: front matter, else file name suffix, else top folder, else default."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run, write_files

from digest.config import load_config
from digest.content.language import PathLanguage, path_language
from digest.content.parse import ParseSettings, parse_source
from digest.content.sources import read_sources
from digest.languages import is_language_tag
from digest.model import Article, Source
from digest.slugs import slugify

MULTI = ParseSettings("UTC", "en", languages=("en", "uk", "ru"))
ONE = ParseSettings("UTC", "en")
UK_STORY = "---\ntitle: Переговори в Києві\ndate: 2024-02-28\n---\nТекст.\n"
RU_STORY = "---\ntitle: Переговоры в Киеве\ndate: 2024-02-28\n---\nТекст.\n"
EN_STORY = "---\ntitle: Talks in Kyiv\ndate: 2024-02-28\n---\nText.\n"
LANGUAGES = """\
language = "en"
[languages.en]
name = "English"
[languages.uk]
name = "Українська"
[languages.ru]
name = "Русский"
"""


def parse(name: str, text: str, settings: ParseSettings = MULTI):
    return parse_source(Source(f"content/{name}", name, text), settings)


def article(name: str, text: str, settings: ParseSettings = MULTI) -> Article:
    found, problems = parse(name, text, settings)
    assert found is not None, problems
    assert [p for p in problems if p.is_error] == []
    return found


@pytest.mark.parametrize(
    ("name", "text", "language"),
    [
        ("story.md", "---\ntitle: T\nlang: uk\ndate: 2024-02-28\n---\nB\n", "uk"),
        ("story.md", "---\ntitle: T\nlanguage: RU\ndate: 2024-02-28\n---\nB\n", "ru"),
        ("story.uk.md", EN_STORY, "uk"),
        ("2024/story.ru.txt", "Заголовок\n\nТекст.\n", "ru"),
        ("uk/2024/story.md", EN_STORY, "uk"),
        ("uk/story.txt", "ua en ru\n\nЗаголовок\n\nТекст.\n", "uk"),
        ("ru/story.uk.md", EN_STORY, "uk"),
        ("uk/story.md", "---\ntitle: T\nlang: en\ndate: 2024-02-28\n---\nB\n", "en"),
        ("politics/uk/story.md", EN_STORY, "en"),
        ("story.md", EN_STORY, "en"),
        ("notes.final.md", EN_STORY, "en"),
    ],
)
def test_where_the_language_comes_from(name: str, text: str, language: str) -> None:
    assert article(name, text).language == language


def test_slug_comes_from_the_language_and_not_from_the_suffix() -> None:
    assert article("story.uk.md", UK_STORY).slug == "perehovory-v-kyievi"
    assert article("story.md", UK_STORY).slug == slugify("Переговори в Києві")  # English
    untitled = "---\ndate: 2024-02-28\n---\nТекст.\n"
    found, problems = parse("2024-02-28-kyiv-talks.uk.md", untitled)
    assert found is not None and found.slug == "kyiv-talks" and found.title == "Kyiv talks"
    assert "no title found; using 'Kyiv talks'" in problems[0].message
    no_letters = "---\ntitle: '…'\ndate: 2024-02-28\n---\nТекст.\n"
    assert article("uk/Щербухи.uk.md", no_letters).slug == "shcherbukhy"


def test_one_language_site_is_as_before() -> None:
    assert article("uk/story.md", EN_STORY, ONE).language == "en"
    assert article("story.uk.md", UK_STORY, ONE).language == "en"
    assert article("de/story.md", EN_STORY, ONE).language == "en"
    assert article("story.md", "---\ntitle: T\nlang: de\n---\nB\n", ONE).language == "de"
    untitled = "---\ndate: 2024-02-28\n---\nText.\n"
    assert article("story.uk.md", untitled, ONE).slug == "story-uk"
    assert article("story.en.md", untitled, ONE).slug == "story"


@pytest.mark.parametrize(
    ("name", "text", "line", "message", "hint"),
    [
        (
            "story.md",
            "---\ntitle: T\nlang: de\n---\nB\n",
            3,
            "language `de` (from the front matter) is not configured",
            "digest.toml configures `en`, `uk`, `ru`; add a [languages.de] table to publish it",
        ),
        (
            "story.md",
            "---\ntitle: T\nlang: ua\n---\nB\n",
            3,
            "language `ua` (from the front matter) is not configured",
            "did you mean `uk`? digest.toml configures `en`, `uk`, `ru`",
        ),
        (
            "story.md",
            "---\ntitle: T\nlang: en-GB\n---\nB\n",
            3,
            "language `en-GB` (from the front matter) is not configured",
            "did you mean `en`? digest.toml configures `en`, `uk`, `ru`",
        ),
        (
            "story.pl.md",
            EN_STORY,
            None,
            "language `pl` (from the file name suffix `.pl`) is not configured",
            "digest.toml configures `en`, `uk`, `ru`; add a [languages.pl] table to publish it",
        ),
        (
            "de/story.txt",
            "Title\n\nText.\n",
            None,
            "language `de` (from the folder `de/`) is not configured",
            "digest.toml configures `en`, `uk`, `ru`; add a [languages.de] table to publish it",
        ),
    ],
)
def test_a_language_not_configured_is_an_error(
    name: str, text: str, line: int | None, message: str, hint: str
) -> None:
    found, problems = parse(name, text)
    assert found is None
    [problem] = [p for p in problems if p.is_error]
    assert (problem.path, problem.line, problem.message, problem.hint) == (
        f"content/{name}",
        line,
        message,
        hint,
    )


def test_translation_fields_and_their_lines() -> None:
    text = "---\ntitle: T\ntranslationKey: belgium-aid\ntranslation_of: en/belgium.md\n---\nB\n"
    found = article("uk/story.md", text)
    assert (found.translation_key, found.translation_of, found.translation_line) == (
        "belgium-aid",
        "en/belgium.md",
        4,
    )
    found = article("uk/story.md", "---\ntitle: T\ntranslation_key: 7\n---\nB\n")
    assert (found.translation_key, found.translation_of, found.translation_line) == ("7", "", 3)


@pytest.mark.parametrize(
    ("path", "suffix", "folder", "stem", "base"),
    [
        ("uk/2024/story.md", "", "uk", "story", "2024/story"),
        ("2024/story.uk.md", "uk", "", "story", "2024/story"),
        ("ru/2024-02-28-story.uk.txt", "uk", "ru", "2024-02-28-story", "2024-02-28-story"),
        ("story.pt-BR.md", "pt-BR", "", "story", "story"),
        ("news/story.final.md", "", "", "story.final", "news/story.final"),
        ("politics/uk/story.md", "", "", "story", "politics/uk/story"),
        ("uk.md", "", "", "uk", "uk"),
    ],
)
def test_path_language(path: str, suffix: str, folder: str, stem: str, base: str) -> None:
    assert path_language(path, is_language_tag) == PathLanguage(suffix, folder, stem, base)


def test_real_files_with_the_project_config(tmp_path: Path) -> None:
    root = write_files(
        tmp_path,
        {
            "digest.toml": LANGUAGES,
            "content/uk/2024-02-28-talks.md": UK_STORY,
            "content/2024-02-28-talks.ru.md": RU_STORY,
            "content/2024-02-28-talks.md": EN_STORY,
            "content/de/2024-02-28-talks.md": EN_STORY,
        },
    )
    settings = ParseSettings.from_config(load_config(root))
    assert settings.languages == ("en", "uk", "ru")
    sources, _ = read_sources(root, root / "content")
    parsed = {s.content_path: parse_source(s, settings) for s in sources}
    languages = {key: (a.language, a.slug) for key, (a, _) in parsed.items() if a is not None}
    assert languages == {
        "uk/2024-02-28-talks.md": ("uk", "perehovory-v-kyievi"),
        "2024-02-28-talks.ru.md": ("ru", "peregovory-v-kiyeve"),
        "2024-02-28-talks.md": ("en", "talks-in-kyiv"),
    }
    [problem] = parsed["de/2024-02-28-talks.md"][1]
    assert problem.path == "content/de/2024-02-28-talks.md" and problem.is_error


def test_build_reports_the_language_and_builds_the_others(tmp_path: Path) -> None:
    root = write_files(
        tmp_path,
        {
            "digest.toml": LANGUAGES,
            "content/2024-02-28-talks.md": EN_STORY,
            "content/pl/2024-02-28-rozmowy.md": EN_STORY.replace("Kyiv", "Kijowie"),
        },
    )
    result = run("build", root)
    assert result.exit_code == 1
    assert (
        "content/pl/2024-02-28-rozmowy.md: language `pl` (from the folder `pl/`) is not configured"
        in result.output
    )
    assert (root / "site/2024/02/28/talks-in-kyiv/index.html").is_file()
