"""Slugs per language: Ukraine's official transliteration, a Russian standard, else as before."""

from __future__ import annotations

import pytest

from digest.slugs import MAX_SLUG_LENGTH, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Київ", "kyiv"),
        ("Житомир", "zhytomyr"),
        ("Щербухи", "shcherbukhy"),
        ("Згорани", "zghorany"),
        ("Зґорани", "zgorany"),
        ("Юрій", "yurii"),
        ("Розгон", "rozghon"),
        ("Знам'янка", "znamianka"),
        ("Знам’янка", "znamianka"),
        ("Вʼячеслав", "viacheslav"),
        ("Короп'є", "koropie"),
        ("Їжакевич", "yizhakevych"),
        ("Кадиївка", "kadyivka"),
        ("Олексій", "oleksii"),
        ("Маріуполь", "mariupol"),
        ("Бельгія продовжить допомогу Україні", "belhiia-prodovzhyt-dopomohu-ukraini"),
        ("NATO та ЄС: 2024 рік", "nato-ta-yes-2024-rik"),
    ],
)
def test_ukrainian_uses_the_official_transliteration(title: str, slug: str) -> None:
    assert slugify(title, language="uk") == slug


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Москва", "moskva"),
        ("Дмитрий Медведев", "dmitry-medvedev"),
        ("Навальный", "navalny"),
        ("Хрущёв", "khrushchyov"),
        ("Объявление", "obyavleniye"),
        ("Юлия Навальная", "yuliya-navalnaya"),
        ("Бельгия продолжит помогать Украине", "belgiya-prodolzhit-pomogat-ukraine"),
    ],
)
def test_russian_uses_a_standard_transliteration(title: str, slug: str) -> None:
    assert slugify(title, language="ru") == slug


def test_regional_tags_use_their_language() -> None:
    assert slugify("Київ", language="uk-UA") == "kyiv"
    assert slugify("Юрий", language="ru-RU") == "yury"


def test_other_languages_are_as_before() -> None:
    english = "Belgium pledges continued aid to Ukraine, MoD's head says"
    assert slugify(english) == "belgium-pledges-continued-aid-to-ukraine-mods-head-says"
    for language in ("", "en", "uk", "ru", "de"):
        assert slugify(english, language=language) == slugify(english)
    assert slugify("Київ: ЄС", language="en") == slugify("Київ: ЄС")
    assert slugify("Zürich café", language="de") == "zurich-cafe"


def test_fallback_length_and_stability() -> None:
    assert slugify("!!!", fallback="article", language="uk") == "article"
    long = "Дуже довгий заголовок новини про засідання " * 5
    slug = slugify(long, language="uk")
    assert len(slug) <= MAX_SLUG_LENGTH and not slug.endswith("-")
    assert slug == slugify(long, language="uk")
