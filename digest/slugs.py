"""Text to URL slugs: lower-case, transliterated to readable Latin, stable.

Ukrainian is transliterated by Ukraine's official system (Cabinet of Ministers resolution
No. 55 of 2010, as `translitua` implements it: Київ → kyiv, Щербухи → shcherbukhy); Russian
by the English Wikipedia's system (BGN/PCGN simplified, as `iuliia` implements it: Дмитрий →
dmitry), the spellings English-language news use. Other text goes through `python-slugify`
(Unidecode). A slug depends only on its text and language, so it is the same on every build.
"""

from __future__ import annotations

from collections.abc import Callable

import iuliia
from slugify import slugify as _slugify
from translitua import UkrainianKMU, translit

from digest.languages import primary_language

MAX_SLUG_LENGTH = 80
_APOSTROPHES = [["'", ""], ["’", ""], ["ʼ", ""]]


def _ukrainian(text: str) -> str:
    return translit(text, UkrainianKMU)


_TRANSLITERATE: dict[str, Callable[[str], str]] = {
    "uk": _ukrainian,
    "ru": iuliia.WIKIPEDIA.translate,
}
"""The languages whose Cyrillic has a transliteration of its own; others use Unidecode's."""


def slugify(text: str, fallback: str = "", language: str = "") -> str:
    """`"Київ: ЄС"` → `kyiv-yes` in Ukrainian (`language="uk"`), Unidecode's `kiiv-es` in a
    language without a system of its own; text with no letters gives `fallback`."""
    transliterate = _TRANSLITERATE.get(primary_language(language))
    if transliterate is not None:
        text = transliterate(text)
    slug = _slugify(
        text,
        max_length=MAX_SLUG_LENGTH,
        word_boundary=True,
        save_order=True,
        replacements=_APOSTROPHES,
    )
    return slug or fallback
