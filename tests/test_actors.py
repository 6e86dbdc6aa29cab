"""Actor detection in English: each rule on a small text, the seed article, the dev-set floor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, SHARED, needs_seed

from digest.content.parse import ParseSettings, parse_source
from digest.enrich.actors import ActorRules, detect_actors, with_actors
from digest.enrich.registry import RegistryActor
from digest.model import Source

DEV = SHARED / "actors-dev"
needs_dev_set = pytest.mark.skipif(
    not (DEV / "score.py").is_file(), reason="../shared/actors-dev/ is absent (the dev set)"
)


DEFAULT_RULES = ActorRules()


def actors(
    text: str, title: str = "A report", rules: ActorRules = DEFAULT_RULES, language: str = "en"
) -> dict[str, bool]:
    """Detected actor → is it main."""
    return {a.name: a.main for a in detect_actors(title, text, language, rules)}


def test_role_cues_find_people() -> None:
    found = actors("On Monday, Defence Minister Rustem Umerov met Chancellor Olaf Scholz.")
    assert "Rustem Umerov" in found and "Olaf Scholz" in found


def test_alias_folding_to_the_full_name() -> None:
    found = actors(
        "NATO Secretary General Jens Stoltenberg spoke in Brussels. Stoltenberg said allies "
        "agreed. Mr Blair, the former prime minister, disagreed. Tony Blair said so twice."
    )
    assert "Jens Stoltenberg" in found and "Stoltenberg" not in found
    assert "Tony Blair" in found and "Blair" not in found


def test_demonyms_and_known_names() -> None:
    found = actors("The Belgian government and US officials met UN and NATO envoys.")
    assert {"Belgium", "United States", "United Nations", "NATO"} <= set(found)


def test_language_adjectives_are_not_countries() -> None:
    assert "China" not in actors(
        "The course was taught in English and celebrated Chinese New Year."
    )


def test_organisations_by_shape_and_acronyms() -> None:
    found = actors(
        "The Ministry of Defence and the Council on Foreign Relations published a report by the "
        "Islamic Relief Foundation (IRF). Later the IRF said it agreed."
    )
    assert "Ministry of Defence" in found
    assert "Council on Foreign Relations" in found
    assert "Islamic Relief Foundation" in found and "IRF" not in found


def test_two_organisations_joined_by_and() -> None:
    found = actors("Researchers at Harvard University and Colorado State University agreed.")
    assert "Harvard University" in found and "Colorado State University" in found


def test_known_names_joined_by_and_are_two_actors() -> None:
    found = actors("Talks stall as Moldova and European Union disagree over trade rules.")
    assert "Moldova" in found and "European Union" in found
    assert "Moldova and European Union" not in found


def test_a_known_name_containing_and_stays_one() -> None:
    found = actors("Bosnia and Herzegovina signed a deal with Trinidad and Tobago on Monday.")
    assert "Bosnia and Herzegovina" in found and "Trinidad and Tobago" in found
    assert not {"Bosnia", "Herzegovina", "Trinidad", "Tobago"} & set(found)


def test_place_inside_a_name_is_not_an_actor() -> None:
    found = actors("The Bank of England raised rates on Thursday.")
    assert "Bank of England" in found and "England" not in found


def test_country_inside_an_event_name_is_not_an_actor() -> None:
    found = actors(
        "Crowds came to Fan Expo Canada 2016 in Toronto.",
        title="Pop Culture Celebrated At Fan Expo Canada 2016",
    )
    assert "Canada" not in found


def test_a_shorter_name_folds_into_the_longer_one() -> None:
    found = actors(
        "Abu Jandal al-Kuwaiti, a commander, was killed. Abu Jandal led attacks. "
        "The Italian Supreme Court of Cassation ruled. The Supreme Court said so again."
    )
    assert "Abu Jandal al-Kuwaiti" in found and "Abu Jandal" not in found
    assert "Italian Supreme Court of Cassation" in found and "Supreme Court" not in found


def test_a_thing_named_after_a_person_is_not_a_person() -> None:
    found = actors(
        "Andy Warhol took thousands of photographs. The Warhol Polaroids are on show, "
        "and the Polaroids drew crowds."
    )
    assert "Andy Warhol" in found
    assert not any("Polaroid" in name for name in found)


def test_titles_of_works_and_landmarks_are_not_people() -> None:
    found = actors(
        "Margaret Atwood launched her graphic novel Angel Catbird, with illustrator Johnnie "
        "Christmas. Ships crossed the Arabian Gulf near the Masjid Al-Haram, officials said."
    )
    assert {"Margaret Atwood", "Johnnie Christmas"} <= set(found)
    assert not {"Angel Catbird", "Arabian Gulf", "Masjid Al-Haram"} & set(found)


def test_a_unit_of_an_organisation_folds_into_it() -> None:
    found = actors("He was a member of the ISIL's War Committee until the strike.")
    assert "Islamic State of Iraq and the Levant" in found and "War Committee" not in found


def test_a_country_named_as_a_location_is_not_main() -> None:
    found = actors(
        "Coalition aircraft destroyed tanks near Palmyra, Syria. Jane Doe, a commander, "
        "said ISIL had seized them at Tiyas, Syria. Jane Doe said more strikes would follow.",
        title="Airstrikes destroy ISIL tanks",
    )
    assert found["Jane Doe"] and found["Islamic State of Iraq and the Levant"]
    assert not found["Syria"]


def test_a_spokesperson_is_not_main() -> None:
    found = actors(
        "Major general Fuad Basya, spokesman for the Indonesian military, said a warship was "
        "sent. Indonesia rescued 96 people. Indonesia said more boats were coming.",
        title="Indonesia rescues asylum seekers",
    )
    assert found["Indonesia"] and not found["Fuad Basya"]


def test_cited_news_media_are_not_main_unless_in_the_title() -> None:
    text = (
        "North Korea fired a missile, the Korean Central News Agency reported. KCNA said the "
        "launch was a test. KCNA added that North Korea would continue."
    )
    assert not actors(text, title="North Korea fires a missile")["Korean Central News Agency"]
    assert actors(text, title="KCNA reports a launch")["Korean Central News Agency"]


def test_agencies_named_after_their_country() -> None:
    found = actors("Environment Canada and Air India said so. New South Wales agreed.")
    assert {"Environment Canada", "Air India"} <= set(found)
    assert not {"Canada", "India", "New South Wales", "Australia"} & set(found)


def test_sentence_starts_weekdays_and_months_are_not_actors() -> None:
    found = actors("However, talks resumed. Monday brought rain. In March, Officials Met nobody.")
    assert found == {}


def test_jan_before_a_surname_is_a_given_name() -> None:
    found = actors(
        "Jan Novotny met the delegation. Officials said Jan Kowalski would attend on Jan 5. "
        "The talks began in Jan. 2024 and ended on 5 Jan, Jan Horak told reporters."
    )
    assert {"Jan Novotny", "Jan Kowalski", "Jan Horak"} <= set(found)
    assert not [name for name in found if "Jan" in name.split()[1:] or name == "Jan"]


def test_credits_are_not_actors() -> None:
    found = actors("Protesters gathered in the square. Image: Jane Photographer / Agency Images.")
    assert "Jane Photographer" not in found


def test_main_actors_come_from_title_and_lead() -> None:
    found = actors(
        "Poland and Ukraine agreed on grain transit. Trucks will cross at three points. "
        "Later, officials from France commented.",
        title="Poland and Ukraine sign grain deal",
    )
    assert found["Poland"] and found["Ukraine"]
    assert not found["France"]


def test_registry_names_and_aliases() -> None:
    rules = ActorRules(
        registry=(
            RegistryActor("Ludivine Dedonder", "person", (("*", "Dedonder"),)),
            RegistryActor("Germany", "country", (("*", "the Federal Republic"),)),
        )
    )
    found = actors("Dedonder spoke to the Federal Republic about aid.", rules=rules)
    assert {"Ludivine Dedonder", "Germany"} <= set(found)


def test_a_registry_person_named_in_ukrainian_is_one_actor() -> None:
    """A registry alias read by the Ukrainian gazetteer is a person without name parts."""
    dedonder = RegistryActor(
        "Ludivine Dedonder", "person", (("uk", "Людивін Дедондер"), ("uk", "Дедондер"))
    )
    text = "Міністерка оборони Бельгії Людивін Дедондер заявила, що допомога триватиме."
    found = actors(text, language="uk", rules=ActorRules(registry=(dedonder,)))
    assert "Ludivine Dedonder" in found


def test_front_matter_pins_and_excludes() -> None:
    text = (
        "---\ntitle: Talks\ndate: 2024-03-01\nactors: [Германия]\nactors_exclude: [France]\n---\n"
    )
    text += "France and Poland met the United Nations.\n"
    article, _ = parse_source(Source("content/a.md", "a.md", text), ParseSettings())
    assert article is not None
    article = with_actors(article, ActorRules())
    names = [t.name for t in article.actors]
    assert "Germany" in names and "France" not in names and "Poland" in names
    assert "germany" in article.main_actors


@needs_seed
def test_seed_article() -> None:
    source = Source(
        "content/2024-02-28-belgium-aid.txt",
        "2024-02-28-belgium-aid.txt",
        SEED.read_text(encoding="utf-8"),
    )
    article, _ = parse_source(source, ParseSettings())
    assert article is not None
    article = with_actors(article, ActorRules())
    names = {t.name for t in article.actors}
    expected = {
        "Belgium",
        "Ukraine",
        "Ludivine Dedonder",
        "NATO",
        "France",
        "Emmanuel Macron",
        "Germany",
        "Olaf Scholz",
        "Jens Stoltenberg",
    }
    assert expected <= names
    assert {"belgium", "ukraine", "ludivine-dedonder"} <= set(article.main_actors)
    assert "Daria Shekina" not in names and "Getty Images" not in names


def score(language: str, tmp_path: Path) -> dict[str, float]:
    """Run detection over the dev set and the dev set's own scorer; lenient F1s."""
    gold = json.loads((DEV / f"gold-{language}.json").read_text(encoding="utf-8"))
    predictions = {}
    for key in gold:
        lines = (DEV / key).read_text(encoding="utf-8").strip().split("\n\n")
        found = detect_actors(lines[0], "\n\n".join(lines[1:]), language, ActorRules())
        predictions[key] = {
            "main": [a.name for a in found if a.main],
            "all": [a.name for a in found],
        }
    path = tmp_path / f"predictions-{language}.json"
    path.write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            str(DEV / "score.py"),
            str(DEV / f"gold-{language}.json"),
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout)


@needs_dev_set
def test_english_dev_set_floor(tmp_path: Path) -> None:
    scores = score("en", tmp_path)
    print(json.dumps(scores, indent=1))
    lenient = scores["lenient"]
    assert lenient["all"]["f"] >= EN_FLOOR_ALL
    assert lenient["main"]["f"] >= EN_FLOOR_MAIN


EN_FLOOR_ALL = 0.845  # reached 0.858 (target 0.85)
EN_FLOOR_MAIN = 0.745  # reached 0.756 (target 0.75)
