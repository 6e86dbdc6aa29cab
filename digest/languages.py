"""Language codes: ISO 639-1, tags with a region (`pt-BR`), and the `ua` outlets write for `uk`."""

from __future__ import annotations

import re

ISO_639_1 = frozenset(
    """aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv
    cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho
    hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku
    kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn
    no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl
    sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve
    vi vo wa wo xh yi yo za zh zu""".split()
)
"""Every two-letter language code of ISO 639-1."""

ALIASES = {"ua": "uk"}
"""Codes written for a language that are not its ISO 639-1 code (`ua` is Ukraine's country code)."""

_TAG = re.compile(r"^([a-z]{2})((?:-[A-Za-z0-9]{2,8})*)$")


def is_language_tag(code: str) -> bool:
    """True for `uk`, `pt-BR` or `zh-Hant`: an ISO 639-1 code, optionally with subtags."""
    match = _TAG.match(code)
    return bool(match) and match[1] in ISO_639_1


def primary_language(code: str) -> str:
    """The language part of a tag, lower case: `pt-BR` → `pt`, `UK` → `uk`."""
    return code.split("-", 1)[0].lower()


def suggest_language(code: str) -> str:
    """The tag most likely meant by a mistyped one (`ua` → `uk`, `EN` → `en`), or `""`."""
    lowered = code.strip().lower().replace("_", "-")
    first, _, rest = lowered.partition("-")
    first = ALIASES.get(first, first)
    guess = first + (f"-{rest.upper() if len(rest) == 2 else rest}" if rest else "")
    return guess if guess != code and is_language_tag(guess) else ""
