"""Built-in actor knowledge: countries, organisations, companies, news media, political
parties and armed or political groups, named in English, Ukrainian and Russian.

The data lives in `digest/enrich/data/` (DATA_FILES), written by `tools/build_knowledge.py`
(do not edit them by hand). Each surface form (a name, demonym or
capital) belongs to one actor per language, ignoring case, accents, ё/е and apostrophe style.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType
from typing import Any

LANGUAGES = ("en", "uk", "ru")
DATA_FILES = (
    "countries.json",
    "organisations.json",
    "groups.json",
    "companies.json",
    "media.json",
    "parties.json",
)

Forms = Mapping[str, tuple[str, ...]]


def _no_forms() -> Forms:
    """An empty, read-only language → forms map."""
    return MappingProxyType({})


@dataclass(frozen=True)
class KnownActor:
    """A country, organisation or group the package knows by name.

    `names[lang][0]` is the preferred name in that language (for "en", `name` itself); the other
    names and every demonym and capital list are sorted. Demonyms are English adjectives and
    people nouns ("Belgian", "Belgians"), and Ukrainian and Russian lemmas (the masculine
    nominative singular adjective and the people noun: "бельгийский", "бельгиец"). Capitals
    are capital names that news uses for the country ("Washington", "Киев").
    """

    name: str
    kind: str  # "country" | "organisation" | "person" | "group"
    names: Forms = field(hash=False)
    demonyms: Forms = field(default_factory=_no_forms, hash=False)
    capitals: Forms = field(default_factory=_no_forms, hash=False)
    iso2: str = ""  # ISO 3166-1 alpha-2; XK for Kosovo, GB-ENG/SCT/WLS/NIR for the UK nations

    def forms(self, language: str) -> tuple[str, ...]:
        """Every name, demonym and capital of this actor in one language."""
        return (
            self.names.get(language, ())
            + self.demonyms.get(language, ())
            + self.capitals.get(language, ())
        )


def _forms(raw: Mapping[str, list[str]] | None) -> Forms:
    """Language → tuple of forms, read-only, from the JSON lists."""
    return MappingProxyType({language: tuple(forms) for language, forms in (raw or {}).items()})


def _actor(raw: Mapping[str, Any]) -> KnownActor:
    """One KnownActor from one JSON entry."""
    return KnownActor(
        name=raw["name"],
        kind=raw["kind"],
        names=_forms(raw["names"]),
        demonyms=_forms(raw.get("demonyms")),
        capitals=_forms(raw.get("capitals")),
        iso2=raw.get("iso2", ""),
    )


def _read(file_name: str) -> list[dict[str, Any]]:
    """The entries of one data file shipped inside the package."""
    text = (files("digest.enrich") / "data" / file_name).read_text(encoding="utf-8")
    return json.loads(text)


@functools.cache
def builtin_actors() -> tuple[KnownActor, ...]:
    """Every built-in actor, file by file in DATA_FILES order, each file sorted by name."""
    return tuple(_actor(raw) for file_name in DATA_FILES for raw in _read(file_name))


@functools.cache
def news_media() -> frozenset[str]:
    """Canonical names of the built-in news media: sources an article cites, rarely its subject."""
    return frozenset(raw["name"] for raw in _read("media.json"))
