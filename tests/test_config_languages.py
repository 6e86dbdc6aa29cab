"""`[languages]` in digest.toml: language editions, checked like the rest of the config."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.config import LanguageConfig, load_config
from digest.errors import DigestError

THREE = """\
title = "Digest"
description = "News"
language = "en"

[languages.en]
name = "English"

[languages.uk]
name = "Українська"
title = "Дайджест"

[languages.ru]
name = "Русский"
prefix = "/russkij/"
description = "Новости"
"""


def config_in(tmp_path: Path, text: str) -> Path:
    (tmp_path / "digest.toml").write_text(text, encoding="utf-8")
    return tmp_path


def problems_of(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(DigestError) as caught:
        load_config(config_in(tmp_path, text))
    return [f"{p.line}: {p.message} | {p.hint}" for p in caught.value.problems]


def test_one_language_without_tables(tmp_path: Path) -> None:
    config = load_config(config_in(tmp_path, 'language = "uk"\ntitle = "T"\n'))
    assert not config.multilingual
    assert config.languages == (LanguageConfig("uk", "uk", "", "T", ""),)
    assert config.find_language("uk") == config.languages[0]
    assert config.find_language("en") is None


def test_tables_in_order_default_first_with_prefixes_and_site_defaults(tmp_path: Path) -> None:
    config = load_config(config_in(tmp_path, THREE.replace('language = "en"', 'language = "uk"')))
    assert config.multilingual
    assert [lang.code for lang in config.languages] == ["uk", "en", "ru"]
    uk, en, ru = config.languages
    assert uk == LanguageConfig("uk", "Українська", "", "Дайджест", "News")
    assert en == LanguageConfig("en", "English", "en", "Digest", "News")
    assert ru == LanguageConfig("ru", "Русский", "russkij", "Digest", "Новости")
    assert (uk.path_prefix, en.path_prefix, ru.path_prefix) == ("", "en/", "russkij/")
    assert config.find_language("ru") is ru


def test_default_language_may_have_a_prefix_of_its_own(tmp_path: Path) -> None:
    text = THREE.replace('name = "English"', 'name = "English"\nprefix = "en"')
    config = load_config(config_in(tmp_path, text))
    assert [lang.path_prefix for lang in config.languages] == ["en/", "uk/", "russkij/"]


def test_name_defaults_to_the_code_and_inline_tables_work(tmp_path: Path) -> None:
    text = 'language = "en"\nlanguages = { en = {}, uk = { prefix = "ua" } }\n'
    config = load_config(config_in(tmp_path, text))
    assert [(lang.code, lang.name, lang.prefix) for lang in config.languages] == [
        ("en", "en", ""),
        ("uk", "uk", "ua"),
    ]


def test_the_default_language_needs_a_table(tmp_path: Path) -> None:
    text = '[languages.uk]\nname = "Українська"\n[languages.ru]\nname = "Русский"\n'
    assert problems_of(tmp_path, text) == [
        "1: the default language `en` has no [languages.en] table"
        " | `language` names the default language; make it one of `uk`, `ru`"
    ]


def test_every_language_error_at_once_with_lines_and_hints(tmp_path: Path) -> None:
    text = """\
title = "T"
language = "de"

[languages.en]
name = "English"
prefx = "english"

[languages.ua]
name = "Українська"

[languages.ru]
name = 7
prefix = "topics"

[languages.pl]
prefix = "en"

[languages.fr]
prefix = "a/b"

[languages.it]
prefix = "2024"
"""
    assert problems_of(tmp_path, text) == [
        "2: the default language `de` has no [languages.de] table | `language` names the"
        " default language; make it one of `en`, `ua`, `ru`, `pl`, `fr`, `it`",
        "6: unknown key `languages.en.prefx` | did you mean `prefix`?",
        "8: invalid language code `ua` in [languages] | did you mean `uk`?",
        "12: `languages.ru.name` must be text, not 7 | ",
        "13: `languages.ru.prefix` is a folder the site itself uses, not 'topics' | a short"
        ' folder name such as "uk", or "" to serve the language at the site root',
        "16: languages `en` and `pl` both claim the prefix 'en' | give each language its own"
        " `prefix`",
        "19: `languages.fr.prefix` must be one folder name (letters, digits, `-`, `_`, `.`),"
        ' not \'a/b\' | a short folder name such as "uk", or "" to serve the language at the'
        " site root",
        "22: `languages.it.prefix` may not be a number: year archives live at /2024/, not '2024'"
        ' | a short folder name such as "uk", or "" to serve the language at the site root',
    ]


def test_two_languages_at_the_root(tmp_path: Path) -> None:
    text = 'language = "en"\n[languages.en]\n[languages.uk]\nprefix = ""\n'
    assert problems_of(tmp_path, text) == [
        "4: languages `en` and `uk` both claim the site root | give each language its own `prefix`"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[languages]\n", "1: `[languages]` lists no language"),
        ('languages = "en uk"\n', "1: `languages` must be a table, not 'en uk'"),
        ('[languages]\nen = "English"\n', "2: `languages.en` must be a table, not 'English'"),
        ("[languages.EN]\n", "1: invalid language code `EN` in [languages] | did you mean `en`?"),
    ],
)
def test_malformed_language_tables(tmp_path: Path, text: str, message: str) -> None:
    assert problems_of(tmp_path, text)[0].startswith(message)
