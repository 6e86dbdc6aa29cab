"""Text to URL slugs: lower-case, transliterated to readable Latin, stable."""

from __future__ import annotations

from slugify import slugify as _slugify

MAX_SLUG_LENGTH = 80
_APOSTROPHES = [["'", ""], ["’", ""], ["ʼ", ""]]


def slugify(text: str, fallback: str = "") -> str:
    """`"Київ: ЄС"` → `kiyiv-yes`; empty text or text with no letters gives `fallback`."""
    slug = _slugify(
        text,
        max_length=MAX_SLUG_LENGTH,
        word_boundary=True,
        save_order=True,
        replacements=_APOSTROPHES,
    )
    return slug or fallback
