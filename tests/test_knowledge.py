"""The built-in actor knowledge loads, is complete, names each form once, and is reproducible."""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections import defaultdict
from types import ModuleType

import pytest
from conftest import REPO

from digest.enrich.knowledge import DATA_FILES as LOADED_FILES
from digest.enrich.knowledge import LANGUAGES, KnownActor, builtin_actors

GENERATOR = REPO / "tools" / "build_knowledge.py"
DATA = REPO / "digest" / "enrich" / "data"
DATA_FILES = [
    "companies.json",
    "countries.json",
    "groups.json",
    "media.json",
    "organisations.json",
    "parties.json",
]
ISIL = "Islamic State of Iraq and the Levant"


def fold(text: str) -> str:
    """A comparison key: case, accents, ё/е, й/и and apostrophe style do not count."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub("['’ʼ]", "'", text)


def owners() -> dict[tuple[str, str], set[str]]:
    """(language, folded form) → the canonical names of the actors that use it."""
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for actor in builtin_actors():
        for language in LANGUAGES:
            for form in actor.forms(language):
                found[language, fold(form)].add(actor.name)
    return found


def lookup(language: str, form: str) -> str:
    """The one actor a form names in a language."""
    [name] = owners()[language, fold(form)]
    return name


def by_name(name: str) -> KnownActor:
    """The built-in actor with this canonical name."""
    [actor] = [a for a in builtin_actors() if a.name == name]
    return actor


def test_loads_countries_organisations_and_groups() -> None:
    actors = builtin_actors()
    kinds = {actor.kind for actor in actors}
    assert kinds == {"country", "organisation", "group"}
    assert sum(a.kind == "country" for a in actors) >= 250
    assert sum(a.kind == "organisation" for a in actors) >= 200
    assert sum(a.kind == "group" for a in actors) >= 15
    assert builtin_actors() is actors  # cached


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (ISIL, "group"),
        ("Hamas", "group"),
        ("Reuters", "organisation"),
        ("Telegram", "organisation"),
        ("The New York Times", "organisation"),
    ],
)
def test_kinds(name: str, kind: str) -> None:
    assert by_name(name).kind == kind


def test_every_entry_has_its_fields() -> None:
    for actor in builtin_actors():
        assert actor.name and actor.name == actor.name.strip()
        for language in LANGUAGES:
            assert actor.names[language], f"{actor.name} has no {language} name"
            forms = actor.forms(language)
            assert all(f and f == f.strip() and "  " not in f for f in forms), actor.name
        if actor.kind == "country":
            assert re.fullmatch(r"[A-Z]{2}|GB-[A-Z]{3}", actor.iso2), actor.name
            assert set(actor.demonyms) == set(actor.capitals) == set(LANGUAGES)
        else:
            assert actor.iso2 == "" and not actor.demonyms and not actor.capitals


def test_canonical_name_is_the_preferred_english_name() -> None:
    for actor in builtin_actors():
        assert actor.names["en"][0] == actor.name


def test_canonical_names_and_codes_are_unique() -> None:
    names = [actor.name for actor in builtin_actors()]
    codes = [actor.iso2 for actor in builtin_actors() if actor.iso2]
    assert len(set(names)) == len(names)
    assert len(set(codes)) == len(codes)


def test_a_form_names_one_actor_per_language() -> None:
    clashes = {key: names for key, names in owners().items() if len(names) > 1}
    assert clashes == {}


def test_every_iso_country_plus_the_extras() -> None:
    codes = {actor.iso2 for actor in builtin_actors()}
    assert {"XK", "PS", "TW", "HK", "GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"} <= codes
    pycountry = pytest.importorskip("pycountry", reason="pycountry lists the ISO codes")
    assert {c.alpha_2 for c in pycountry.countries} - codes == {"AQ"}


@pytest.mark.parametrize(
    ("language", "form", "name"),
    [
        ("en", "USA", "United States"),
        ("en", "U.S.", "United States"),
        ("uk", "США", "United States"),
        ("ru", "Соединенные Штаты", "United States"),
        ("uk", "Німеччина", "Germany"),
        ("ru", "Германия", "Germany"),
        ("ru", "ФРГ", "Germany"),
        ("en", "Belgian", "Belgium"),
        ("ru", "бельгийский", "Belgium"),
        ("uk", "бельгієць", "Belgium"),
        ("en", "Britain", "United Kingdom"),
        ("en", "Türkiye", "Turkey"),
        ("en", "Côte d'Ivoire", "Ivory Coast"),
        ("ru", "РФ", "Russia"),
        ("uk", "Київ", "Ukraine"),
        ("en", "Kiev", "Ukraine"),
        ("ru", "Белоруссия", "Belarus"),
        ("en", "NATO", "NATO"),
        ("ru", "НАТО", "NATO"),
        ("uk", "ЄС", "European Union"),
        ("ru", "Евросоюз", "European Union"),
        ("en", "U.N.", "United Nations"),
        ("uk", "ЗСУ", "Armed Forces of Ukraine"),
        ("ru", "Госдума", "State Duma"),
        ("en", "Pentagon", "United States Department of Defense"),
        ("en", "ISIS", ISIL),
        ("en", "IS", ISIL),
        ("en", "Daesh", ISIL),
        ("en", "Da’esh", ISIL),
        ("en", "Islamic State", ISIL),
        ("ru", "ИГИЛ", ISIL),
        ("uk", "ІДІЛ", ISIL),
        ("en", "Global Coalition to Defeat ISIS", "Global Coalition to Counter ISIL"),
        ("en", "Al Qaeda", "al-Qaeda"),
        ("uk", "Аль-Каїда", "al-Qaeda"),
        ("en", "Ansar Allah", "Houthis"),
        ("ru", "ХАМАС", "Hamas"),
        ("en", "Azov Brigade", "Azov Brigade"),
        ("en", "Reuters", "Reuters"),
        ("uk", "Рейтер", "Reuters"),
        ("en", "The New York Times", "The New York Times"),
        ("en", "New York Times", "The New York Times"),
        ("ru", "Нью-Йорк Таймс", "The New York Times"),
        ("en", "The Guardian", "The Guardian"),
        ("uk", "Радіо Свобода", "Radio Free Europe/Radio Liberty"),
        ("uk", "ТАРС", "TASS"),
        ("ru", "ТАСС", "TASS"),
        ("uk", "Інтерфакс-Україна", "Interfax-Ukraine"),
        ("ru", "Интерфакс", "Interfax"),
        ("en", "Telegram", "Telegram"),
        ("ru", "Телеграм", "Telegram"),
        ("uk", "Telegram", "Telegram"),
        ("en", "X (formerly Twitter)", "Twitter"),
        ("en", "Facebook", "Facebook"),
        ("en", "Meta", "Meta"),
        ("ru", "Сбербанк", "Sberbank"),
        ("uk", "Укрзалізниця", "Ukrzaliznytsia"),
        ("en", "Labour", "Labour Party"),
        ("en", "Tories", "Conservative Party"),
        ("en", "GOP", "Republican Party"),
        ("en", "AfD", "Alternative for Germany"),
        ("uk", "АдН", "Alternative for Germany"),
        ("ru", "АдГ", "Alternative for Germany"),
        ("ru", "ХДС", "Christian Democratic Union"),
        ("uk", "Слуга народу", "Servant of the People"),
        ("ru", "Слуга народа", "Servant of the People"),
        ("ru", "Единая Россия", "United Russia"),
        ("uk", "Єдина Росія", "United Russia"),
        ("ru", "КПРФ", "Communist Party of the Russian Federation"),
        ("en", "Sinn Fein", "Sinn Féin"),
        ("en", "Congress party", "Indian National Congress"),
        ("ru", "КПК", "Chinese Communist Party"),
    ],
)
def test_spot_checks(language: str, form: str, name: str) -> None:
    assert lookup(language, form) == name


def test_russian_yo_has_its_ye_spelling() -> None:
    for actor in builtin_actors():
        forms = set(actor.forms("ru"))
        for form in forms:
            assert form.replace("ё", "е").replace("Ё", "Е") in forms, form


def test_ambiguous_forms_are_left_out() -> None:
    known = owners()
    for language, form in [
        ("en", "Congo"),
        ("en", "Korea"),
        ("en", "Brussels"),
        ("en", "Arab"),
        ("en", "Kremlin"),
        ("ru", "Конго"),
        ("ru", "русский"),
        ("en", "X"),
        ("en", "Wagner"),
        ("en", "Azov"),
        ("en", "Coalition"),
        ("en", "Anonymous"),
        ("en", "Visa"),
        ("en", "Total"),
        ("ru", "Вагнер"),
        ("uk", "Азов"),
        ("en", "Republicans"),
        ("en", "Democrats"),
        ("en", "Republican"),
        ("en", "Congress"),
        ("en", "Renaissance"),
        ("en", "League"),
        ("en", "Fatherland"),
        ("en", "Vox"),
        ("en", "Green Party"),
        ("en", "LDP"),
        ("en", "Workers' Party"),
        ("uk", "Батьківщина"),
        ("ru", "Яблоко"),
    ]:
        assert (language, fold(form)) not in known, form
    # The matcher drops a leading "the": "The Times" would name every "Times Square".
    bare = {"times", "independent", "economist", "post", "hill", "coalition", "guard"}
    for language, form in known:
        assert form.removeprefix("the ") not in bare, (language, form)
    assert by_name("Democratic Republic of the Congo").demonyms["en"] == ()


def load_generator() -> ModuleType:
    """tools/build_knowledge.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("build_knowledge", GENERATOR)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_reproduces_the_data_files() -> None:
    pycountry = pytest.importorskip(
        "pycountry", reason="pycountry is a developer tool: pip install pycountry to check this"
    )
    generator = load_generator()
    if pycountry.__version__ != generator.PYCOUNTRY_VERSION:
        pytest.skip(f"the data was built with pycountry {generator.PYCOUNTRY_VERSION}")
    files = generator.build()
    assert sorted(files) == DATA_FILES
    assert generator.stale(files, DATA) == []
    for name, text in files.items():
        assert (DATA / name).read_bytes() == text.encode("utf-8")


def test_data_files_are_plain_sorted_json() -> None:
    for name in DATA_FILES:
        text = (DATA / name).read_text(encoding="utf-8")
        assert text.endswith("]\n") and "\r" not in text and "\\u" not in text
    names = [actor.name.casefold() for actor in builtin_actors() if actor.kind == "country"]
    assert names == sorted(names)


def test_every_data_file_is_loaded() -> None:
    assert sorted(LOADED_FILES) == DATA_FILES == sorted(p.name for p in DATA.glob("*.json"))
