"""The sample multilingual site (tests/sites/multilingual/): the seed in English, its Ukrainian
and Russian versions, one story in all three languages and one only in Ukrainian."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import SITES, run

from digest.config import load_config
from digest.content.parse import ParseSettings, parse_source
from digest.content.sources import read_sources
from digest.model import Article
from digest.site.translations import link_translations


def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITES / "multilingual", tmp_path / "multilingual"))


def parsed(root: Path) -> dict[str, Article]:
    config = load_config(root)
    settings = ParseSettings.from_config(config)
    sources, problems = read_sources(root, config.content_dir)
    articles = {}
    for source in sources:
        article, found = parse_source(source, settings)
        problems += found
        assert article is not None, found
        articles[article.key] = article
    assert problems == []
    return articles


def test_languages_of_the_sample_site(tmp_path: Path) -> None:
    config = load_config(sample(tmp_path))
    assert [(lang.code, lang.name, lang.prefix) for lang in config.languages] == [
        ("en", "English", ""),
        ("uk", "Українська", "uk"),
        ("ru", "Русский", "ru"),
    ]
    assert config.find_language("uk") is not None
    assert config.find_language("uk").title == "Дайджест"  # type: ignore[union-attr]


def test_articles_languages_slugs_and_switcher_lines(tmp_path: Path) -> None:
    articles = parsed(sample(tmp_path))
    assert {key: (a.language, a.slug) for key, a in articles.items()} == {
        "2024-02-28-belgium-aid.txt": (
            "en",
            "belgium-pledges-continued-aid-to-ukraine-without-sending-troops-mods-head-says",
        ),
        "uk/2024-02-28-belgium-aid.txt": (
            "uk",
            "belhiia-prodovzhyt-dopomahaty-ukraini-ale-ne-vidpravliatyme-viiska-ministerka",
        ),
        "ru/2024-02-28-belgium-aid.txt": (
            "ru",
            "belgiya-prodolzhit-pomogat-ukraine-no-ne-budet-otpravlyat-voyska-ministr-oborony",
        ),
        "2024-03-07-sweden-nato.md": ("en", "sweden-becomes-natos-32nd-member"),
        "2024-03-07-shvetsiia-nato.uk.md": ("uk", "shvetsiia-stala-32-m-chlenom-nato"),
        "ru/2024-03-07-shvetsiya-nato.md": ("ru", "shvetsiya-stala-32-m-chlenom-nato"),
        "uk/2024-03-10-zhytomyr-shcherbukhy.md": (
            "uk",
            "zhytomyr-i-shcherbukhy-vidkryly-novi-ukryttia",
        ),
    }
    for article in articles.values():
        assert "ua en ru" not in article.text.lower() and "UA | EN" not in article.text
    assert articles["uk/2024-02-28-belgium-aid.txt"].authors == ("Дарія Шекіна",)


def test_translations_of_the_sample_site(tmp_path: Path) -> None:
    translations, problems = link_translations(
        parsed(sample(tmp_path)).values(), ("en", "uk", "ru")
    )
    assert problems == []
    assert translations.groups == {
        "2024-02-28-belgium-aid": {
            "en": "2024-02-28-belgium-aid.txt",
            "uk": "uk/2024-02-28-belgium-aid.txt",
            "ru": "ru/2024-02-28-belgium-aid.txt",
        },
        "sweden-nato": {
            "en": "2024-03-07-sweden-nato.md",
            "uk": "2024-03-07-shvetsiia-nato.uk.md",
            "ru": "ru/2024-03-07-shvetsiya-nato.md",
        },
    }
    assert translations.of("uk/2024-03-10-zhytomyr-shcherbukhy.md") == {}


def test_the_sample_site_builds(tmp_path: Path) -> None:
    result = run("build", sample(tmp_path))
    assert result.exit_code == 0, result.output
    assert "7 articles" in result.output
