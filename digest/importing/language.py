"""The language of an imported article: as its source states it, else recognised in its text
(py3langid), and then one the site publishes."""

from __future__ import annotations

from typing import Any

from digest.config import SiteConfig
from digest.languages import is_language_tag, primary_language, suggest_language

MIN_WORDS = 8
"""Fewer words than this are not enough to recognise a language by."""


class LanguageGuesser:
    """Recognises the language of a text; loads its model (half a second) on first use."""

    def __init__(self) -> None:
        self._identifier: Any = None

    def guess(self, text: str) -> str:
        """The text's ISO 639-1 code, or `""` when it is too short to tell."""
        if len(text.split()) < MIN_WORDS:
            return ""
        if self._identifier is None:
            from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

            self._identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE)
        code, _score = self._identifier.classify(text)
        return str(code)


def article_language(stated: str, text: str, default: str, guesser: LanguageGuesser) -> str:
    """What the source says (`en-US`, `ua` → `uk`), else the language recognised in `text`,
    else `default`."""
    return _tag(stated) or guesser.guess(text) or default


def site_language(code: str, config: SiteConfig) -> str:
    """The site's code for the language `code` (`en` for `en-US` on an English site), or `""`
    if a multilingual site does not publish it."""
    configured = [language.code for language in config.languages]
    exact = next((known for known in configured if known.lower() == code.lower()), None)
    primary = primary_language(code)
    same = exact or next((known for known in configured if primary_language(known) == primary), "")
    if same or config.multilingual:
        return same
    return code  # a one-language site takes articles in any language


def _tag(stated: str) -> str:
    """A stated language as a tag: `en_US` → `en-US`, `ua` → `uk`; `""` if not a language."""
    code = stated.strip()
    return code if is_language_tag(code) else suggest_language(code)
