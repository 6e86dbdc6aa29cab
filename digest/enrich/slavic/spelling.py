"""How a word is written: capitals, initials, abbreviations, Latin letters among Cyrillic."""

from __future__ import annotations

import re
from collections.abc import Sequence

LATIN = re.compile(r"^[A-Za-z][A-Za-z0-9&'’\-.!]*$")
CYRILLIC_CAPITAL = re.compile(r"^[А-ЯЁІЇЄҐ]")
INITIAL = re.compile(r"^[А-ЯЁІЇЄҐA-Z]\.$")
HOMOGLYPHS = str.maketrans("AaBCcEeHKMOoPpTXxyi", "АаВСсЕеНКМОоРрТХхуі")


def is_capitalised(word: str) -> bool:
    """A Cyrillic word with a capital first letter, not an abbreviation or initial."""
    return bool(CYRILLIC_CAPITAL.match(word)) and not is_abbreviation(word) and "." not in word


def is_abbreviation(word: str) -> bool:
    """A word in capitals of more than one letter: КПСС, ГУВД, СК-РФ."""
    return len(word) > 1 and word.isupper() and word.replace("-", "").isalpha()


def capitalise(text: str) -> str:
    """The text with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def join_words(words: Sequence[str]) -> str:
    """Words as text, no space inside quotes or before punctuation."""
    return re.sub(r" ([!?.,»“”])|([«„“]) ", r"\1\2", " ".join(words))


def fix_script(word: str) -> str:
    """`Cтив` (a Latin C among Cyrillic letters) → `Стив`."""
    latin = sum("a" <= c.lower() <= "z" for c in word)
    if latin and sum("а" <= c.lower() <= "я" for c in word) > latin:
        return word.translate(HOMOGLYPHS)
    return word
