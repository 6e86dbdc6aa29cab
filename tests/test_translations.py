"""Translations: linked by translation_key, else by file name across language folders and
suffixes; duplicates and missing originals reported, never linked wrongly."""

from __future__ import annotations

from pathlib import Path

from conftest import write_files

from digest.config import load_config
from digest.content.parse import ParseSettings, parse_source
from digest.content.sources import read_sources
from digest.model import Article, Translations
from digest.site.translations import link_translations

CONFIG = """\
language = "en"
[languages.en]
[languages.uk]
[languages.ru]
"""


def story(title: str, *fields: str) -> str:
    lines = "".join(f"{field}\n" for field in fields)
    return f"---\ntitle: {title}\ndate: 2024-02-28\n{lines}---\nText of {title}.\n"


def articles_in(tmp_path: Path, files: dict[str, str]) -> list[Article]:
    root = write_files(tmp_path, {"digest.toml": CONFIG, **files})
    settings = ParseSettings.from_config(load_config(root))
    sources, _ = read_sources(root, root / "content")
    found = [parse_source(source, settings)[0] for source in sources]
    return [article for article in found if article is not None]


def link(tmp_path: Path, files: dict[str, str]) -> tuple[Translations, list[str]]:
    translations, problems = link_translations(articles_in(tmp_path, files), ("en", "uk", "ru"))
    return translations, [f"{p.location}: {p.message} | {p.hint}" for p in problems]


def test_same_file_name_in_language_folders(tmp_path: Path) -> None:
    translations, problems = link(
        tmp_path,
        {
            "content/ru/2024-02-28-aid.txt": "Бельгия продолжит помощь\n\nТекст.\n",
            "content/2024-02-28-aid.md": story("Belgium pledges aid"),
            "content/uk/2024-02-28-aid.md": story("Бельгія продовжить допомогу"),
            "content/uk/2024-02-28-only-here.md": story("Лише українською"),
        },
    )
    assert problems == []
    assert translations.groups == {
        "2024-02-28-aid": {
            "en": "2024-02-28-aid.md",
            "uk": "uk/2024-02-28-aid.md",
            "ru": "ru/2024-02-28-aid.txt",
        }
    }
    assert list(translations.of("uk/2024-02-28-aid.md")) == ["en", "uk", "ru"]
    assert translations.of("uk/2024-02-28-only-here.md") == {}


def test_same_stem_with_language_suffixes_and_folders_mixed(tmp_path: Path) -> None:
    translations, problems = link(
        tmp_path,
        {
            "content/politics/talks.md": story("Talks"),
            "content/politics/talks.uk.md": story("Переговори"),
            "content/ru/politics/talks.md": story("Переговоры"),
            "content/security/talks.ru.md": story("Другие переговоры"),
        },
    )
    assert problems == []
    assert translations.groups == {
        "politics/talks": {
            "en": "politics/talks.md",
            "uk": "politics/talks.uk.md",
            "ru": "ru/politics/talks.md",
        }
    }


def test_translation_key_links_different_file_names(tmp_path: Path) -> None:
    translations, problems = link(
        tmp_path,
        {
            "content/belgium-aid.md": story("Belgium", "translation_key: belgium-aid"),
            "content/uk/belhiia.md": story("Бельгія", "translationKey: belgium-aid"),
            "content/uk/belgium.md": story("Інша історія"),
        },
    )
    assert problems == []
    assert translations.groups == {
        "belgium-aid": {"en": "belgium-aid.md", "uk": "uk/belhiia.md"},
    }
    assert translations.of("uk/belgium.md") == {}


def test_two_articles_claiming_one_key_in_one_language(tmp_path: Path) -> None:
    translations, problems = link(
        tmp_path,
        {
            "content/aid.md": story("Aid", "translation_key: aid"),
            "content/uk/aid.md": story("Допомога", "translation_key: aid"),
            "content/uk/aid-again.md": story("Знову допомога", "translation_key: aid"),
            "content/talks.md": story("Talks"),
            "content/talks.uk.md": story("Переговори"),
            "content/uk/talks.md": story("Переговори"),
        },
    )
    assert translations.groups == {
        "aid": {"en": "aid.md", "uk": "uk/aid-again.md"},
        "talks": {"en": "talks.md", "uk": "talks.uk.md"},
    }
    assert problems == [
        "content/uk/aid.md:4: content/uk/aid-again.md is already the `uk` translation of `aid`;"
        " published unlinked | give one of them its own `translation_key` or `lang`",
        "content/uk/talks.md: content/talks.uk.md is already the `uk` translation of `talks`;"
        " published unlinked | give one of them its own `translation_key` or `lang`",
    ]


def test_translation_of_names_the_original_by_path_or_key(tmp_path: Path) -> None:
    translations, problems = link(
        tmp_path,
        {
            "content/2024-02-28-aid.md": story("Aid"),
            "content/uk/допомога.md": story("Допомога", "translation_of: 2024-02-28-aid.md"),
            "content/ru/помощь.md": story("Помощь", "translation_of: content/2024-02-28-aid.md"),
            "content/talks.md": story("Talks", "translation_key: talks-2024"),
            "content/uk/переговори.md": story("Переговори", "translation_of: talks-2024"),
            "content/ru/переговоры.md": story("Переговоры", "translation_of: uk/переговори.md"),
        },
    )
    assert problems == []
    assert translations.groups == {
        "2024-02-28-aid": {
            "en": "2024-02-28-aid.md",
            "uk": "uk/допомога.md",
            "ru": "ru/помощь.md",
        },
        "talks-2024": {
            "en": "talks.md",
            "uk": "uk/переговори.md",
            "ru": "ru/переговоры.md",
        },
    }


def test_a_translation_whose_original_is_missing(tmp_path: Path) -> None:
    translations, problems = link(
        tmp_path,
        {
            "content/aid.md": story("Aid"),
            "content/uk/aid.md": story("Допомога", "lang: uk", "translation_of: en/aid.md"),
        },
    )
    assert translations.groups == {}
    assert problems == [
        "content/uk/aid.md:5: `translation_of: en/aid.md` names no article; published unlinked"
        " | name the original's translation_key or its path below content/ (e.g. `en/story.md`);"
        " a draft original counts only with --drafts"
    ]


def test_a_cycle_of_translation_of_is_one_group(tmp_path: Path) -> None:
    translations, problems = link(
        tmp_path,
        {
            "content/a.md": story("A", "translation_of: uk/b.md"),
            "content/uk/b.md": story("Б", "translation_of: a.md"),
        },
    )
    assert problems == []
    assert translations.groups == {"a": {"en": "a.md", "uk": "uk/b.md"}}
