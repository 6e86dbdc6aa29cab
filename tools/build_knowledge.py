"""Write digest/enrich/data/*.json: built-in actor knowledge from pycountry and tools/knowledge/.

A developer tool, not part of the package: `pip install pycountry`, then from the repository root
`python tools/build_knowledge.py` (write the files) or `python tools/build_knowledge.py --check`
(exit 1 when the committed files differ from what would be written). The output is stable: the
same pycountry and the same hand data give the same bytes.

Countries come from ISO 3166-1 (pycountry's English names and its Ukrainian and Russian gettext
translations), cleaned and merged with tools/knowledge/countries.toml; every other actor comes
from one hand-data file alone (HAND_FILES: organisations, groups, companies, media, parties),
each written to its own JSON file with one kind for all its entries. Every surface form (name,
demonym, capital) must point to one actor per language: a collision stops the build with the
list of clashes.
"""

from __future__ import annotations

import argparse
import gettext
import json
import re
import sys
import tomllib
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import pycountry

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "tools" / "knowledge"
DATA = ROOT / "digest" / "enrich" / "data"
LANGUAGES = ("en", "uk", "ru")
FIELDS = ("names", "demonyms", "capitals")
# The pycountry release the committed JSON was written with; tests skip the rebuild check
# under another release, whose ISO data or translations may differ.
PYCOUNTRY_VERSION = "26.2.16"
# A continent, not a polity: it never acts in the news.
SKIPPED = frozenset({"AQ"})
# ISO's inverted catalogue names ("Korea, Republic of") are not how anyone writes a name.
INVERTED = re.compile(r", (.* )?of( the)?$")
ALSO_INVERTED = frozenset(
    {"Taiwan, Province of China", "Virgin Islands, British", "Virgin Islands, U.S."}
)
REPUBLIC_PREFIX = re.compile(r"^(Republic of (the )?|Республика |Республіка )(?=\w)")
APOSTROPHES = ("'", "’")
# Hand-data file → (its array-of-tables key, the JSON file written, the kind of every entry).
HAND_FILES = {
    "organisations.toml": ("organisation", "organisations.json", "organisation"),
    "groups.toml": ("group", "groups.json", "group"),
    "companies.toml": ("company", "companies.json", "organisation"),
    "media.toml": ("outlet", "media.json", "organisation"),
    "parties.toml": ("party", "parties.json", "organisation"),
}

Entry = dict[str, Any]
Translate = Callable[[str], str]


def translators() -> dict[str, Translate]:
    """Language → function turning an ISO English name into that language's name."""
    result: dict[str, Translate] = {"en": str}
    for language in ("uk", "ru"):
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        result[language] = catalogue.gettext
    return result


def is_inverted(iso_name: str) -> bool:
    """Whether an ISO English name is a catalogue inversion like "Iran, Islamic Republic of"."""
    return iso_name in ALSO_INVERTED or bool(INVERTED.search(iso_name))


def clean(name: str) -> str:
    """Drop stress marks and parentheses, tidy spaces, capitalise the first letter."""
    name = name.replace("\u0301", "")
    name = re.sub(r"\s*\([^)]*\)", "", name)
    name = re.sub(r"\s+", " ", name).strip()
    name = re.sub(r"^the ", "", name)
    name = re.sub(r"(?<=\w )(республика|республіка)\b", lambda m: m[0].capitalize(), name)
    return name[:1].upper() + name[1:]


def is_cyrillic(name: str) -> bool:
    """Whether a name is written in Cyrillic (an untranslated ISO name is not)."""
    return any("\u0400" <= char <= "\u04ff" for char in name)


def short_form(name: str) -> str | None:
    """The name without a leading "Republic of", or None when it has none."""
    stripped = REPUBLIC_PREFIX.sub("", name)
    return stripped if stripped != name else None


def iso_names(country: Any, translate: Mapping[str, Translate]) -> dict[str, list[str]]:
    """Language → the names ISO gives a country, preferred first, cleaned, short forms added."""
    sources = [
        getattr(country, "common_name", None),
        country.name,
        getattr(country, "official_name", None),
    ]
    result: dict[str, list[str]] = {}
    for language in LANGUAGES:
        names: list[str] = []
        for source in filter(None, sources):
            translated = translate[language](source)
            if is_inverted(source) and (language == "en" or "," in translated):
                continue
            if language != "en" and not is_cyrillic(translated):
                continue
            name = clean(translated)
            names += [name, *filter(None, [short_form(name)])]
        result[language] = list(dict.fromkeys(names))
    return result


def variants(name: str, language: str) -> list[str]:
    """The name and its other spellings: е for ё, both apostrophes, English without accents."""
    found = {name}
    if language == "ru":
        found |= {n.replace("ё", "е").replace("Ё", "Е") for n in found}
    if language == "en":
        found |= {ascii_fold(n) for n in found}
    for apostrophe in APOSTROPHES:
        found |= {re.sub("['’ʼ]", apostrophe, n) for n in found}
    return sorted(found)


def ascii_fold(name: str) -> str:
    """Latin letters without their accents ("Côte" → "Cote")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def ordered(preferred: str | None, names: Iterable[str], language: str) -> list[str]:
    """Preferred name first, then every other name and spelling sorted."""
    everything = {v for name in names for v in variants(name, language)}
    rest = sorted(everything - {preferred}, key=lambda n: (n.casefold(), n))
    return [preferred, *rest] if preferred else rest


def per_language(table: Mapping[str, Any], field: str) -> dict[str, list[str]]:
    """Language → list of a hand-data field, empty where the data says nothing."""
    given = table.get(field, {})
    unknown = set(given) - set(LANGUAGES)
    if unknown:
        raise SystemExit(f"unknown languages {sorted(unknown)} in {field!r}")
    return {language: list(given.get(language, [])) for language in LANGUAGES}


def without(names: list[str], dropped: list[str], where: str) -> list[str]:
    """The names minus the dropped ones; every dropped name must be there."""
    missing = set(dropped) - set(names)
    if missing:
        raise SystemExit(f"{where}: cannot drop {sorted(missing)}: not among {names}")
    return [name for name in names if name not in dropped]


def country_names(
    code: str, canonical: str, iso: Mapping[str, list[str]], hand: Mapping[str, Any]
) -> dict[str, list[str]]:
    """Language → every name of a country, preferred first."""
    added, dropped = per_language(hand, "names"), per_language(hand, "drop")
    result = {}
    for language in LANGUAGES:
        generated = without(iso.get(language, []), dropped[language], f"{code}/{language}")
        names = added[language] + generated
        preferred = canonical if language == "en" else (names[0] if names else None)
        if language == "en":
            names.append(canonical)
        result[language] = ordered(preferred, names, language)
    return result


def sorted_field(hand: Mapping[str, Any], field: str) -> dict[str, list[str]]:
    """Language → a sorted demonym or capital list, with its spelling variants."""
    given = per_language(hand, field)
    return {language: ordered(None, given[language], language) for language in LANGUAGES}


def country_entry(code: str, iso: Mapping[str, list[str]], hand: Mapping[str, Any]) -> Entry:
    """One country: canonical name, ISO code, and names, demonyms and capitals by language."""
    canonical = hand.get("name") or iso["en"][0]
    return {
        "name": canonical,
        "kind": "country",
        "iso2": code,
        "names": country_names(code, canonical, iso, hand),
        "demonyms": sorted_field(hand, "demonyms"),
        "capitals": sorted_field(hand, "capitals"),
    }


def countries(hand: Mapping[str, Any]) -> list[Entry]:
    """Every ISO 3166-1 country (less SKIPPED) and the extra ones in the hand data."""
    translate = translators()
    iso_codes = {country.alpha_2: country for country in pycountry.countries}
    for code, table in hand.items():
        if (code in iso_codes) == bool(table.get("extra")):
            raise SystemExit(f"{code}: `extra = true` exactly when ISO 3166-1 lacks the code")
    entries = [
        country_entry(code, iso_names(country, translate), hand.get(code, {}))
        for code, country in iso_codes.items()
        if code not in SKIPPED
    ]
    entries += [
        country_entry(code, {}, table) for code, table in hand.items() if table.get("extra")
    ]
    return sort_entries(entries)


def organisation_entry(table: Mapping[str, Any], kind: str = "organisation") -> Entry:
    """One organisation or group: canonical English name, kind, and its names by language."""
    canonical = table["name"]
    names = per_language(table, "names")
    if not all(names.values()):
        raise SystemExit(f"{canonical}: needs names in every language of {LANGUAGES}")
    names["en"].insert(0, canonical)
    return {
        "name": canonical,
        "kind": kind,
        "names": {
            language: ordered(given[0], given, language) for language, given in names.items()
        },
    }


def organisations(
    hand: Mapping[str, Any], key: str = "organisation", kind: str = "organisation"
) -> list[Entry]:
    """Every entry of one hand-data file (its `[[key]]` tables), all of one kind."""
    unknown = set(hand) - {key}
    if unknown:
        raise SystemExit(f"unknown tables {sorted(unknown)}: expected only [[{key}]]")
    return sort_entries([organisation_entry(table, kind) for table in hand[key]])


def sort_entries(entries: list[Entry]) -> list[Entry]:
    """Entries by canonical name; two entries with one canonical name stop the build."""
    names = [entry["name"] for entry in entries]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise SystemExit(f"canonical names used twice: {twice}")
    return sorted(entries, key=lambda entry: (entry["name"].casefold(), entry["name"]))


def fold(text: str) -> str:
    """A comparison key: case, accents, ё/е, й/и and apostrophes do not count."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub("['’ʼ]", "'", text)


def collisions(entries: Iterable[Entry]) -> list[str]:
    """Every surface form that two entries claim in one language, as readable lines."""
    owners: dict[tuple[str, str], set[str]] = {}
    for entry in entries:
        for field in FIELDS:
            for language, forms in entry.get(field, {}).items():
                for form in forms:
                    owners.setdefault((language, fold(form)), set()).add(entry["name"])
    return [
        f"{language} {form!r}: {', '.join(sorted(names))}"
        for (language, form), names in sorted(owners.items())
        if len(names) > 1
    ]


def render(entries: list[Entry]) -> str:
    """The JSON text of a list of entries, as committed."""
    return json.dumps(entries, ensure_ascii=False, indent=1) + "\n"


def load_toml(name: str) -> dict[str, Any]:
    """One file of tools/knowledge/."""
    with (KNOWLEDGE / name).open("rb") as file:
        return tomllib.load(file)


def build() -> dict[str, str]:
    """File name → JSON text of every data file."""
    lists = {"countries.json": countries(load_toml("countries.toml"))}
    for hand_file, (key, data_file, kind) in HAND_FILES.items():
        lists[data_file] = organisations(load_toml(hand_file), key, kind)
    everything = [entry for entries in lists.values() for entry in entries]
    sort_entries(everything)  # a canonical name may not be used twice across files either
    clashes = collisions(everything)
    if clashes:
        raise SystemExit("names claimed by two actors:\n" + "\n".join(clashes))
    return {data_file: render(entries) for data_file, entries in lists.items()}


def stale(files: Mapping[str, str], folder: Path) -> list[str]:
    """The names of the files whose committed text differs from the built one."""
    return [
        name
        for name, text in files.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def main(argv: list[str] | None = None) -> int:
    """Write the data files, or with --check only compare them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    files = build()
    if args.check:
        differing = stale(files, DATA)
        for name in differing:
            print(f"{DATA / name} is out of date: run python tools/build_knowledge.py")
        return 1 if differing else 0
    DATA.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (DATA / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {DATA / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
