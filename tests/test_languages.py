"""Language codes: the ISO 639-1 list, tags with subtags, and suggestions for mistyped codes."""

from __future__ import annotations

import pycountry
import pytest

from digest.languages import ISO_639_1, is_language_tag, primary_language, suggest_language


def test_iso_639_1_is_complete() -> None:
    assert {lang.alpha_2 for lang in pycountry.languages if hasattr(lang, "alpha_2")} == ISO_639_1


@pytest.mark.parametrize("code", ["en", "uk", "ru", "pt-BR", "zh-Hant", "sr-Latn-RS"])
def test_language_tags(code: str) -> None:
    assert is_language_tag(code)


@pytest.mark.parametrize("code", ["ua", "UK", "eng", "english", "", "xx", "en_GB", "en-"])
def test_not_language_tags(code: str) -> None:
    assert not is_language_tag(code)


def test_primary_language() -> None:
    assert primary_language("pt-BR") == "pt"
    assert primary_language("UK") == "uk"


@pytest.mark.parametrize(
    ("code", "meant"),
    [("ua", "uk"), ("UA", "uk"), ("EN", "en"), ("en_gb", "en-GB"), ("uk", ""), ("xyz", "")],
)
def test_suggestions(code: str, meant: str) -> None:
    assert suggest_language(code) == meant
