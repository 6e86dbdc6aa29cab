"""Actor detection in Russian and Ukrainian: each rule on a short sentence; the dev-set floor."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from digest.enrich import slavic
from digest.enrich.english import Mention
from digest.enrich.gazetteer import Gazetteer, NameSource
from digest.enrich.knowledge import builtin_actors
from digest.enrich.salience import rank_actors
from digest.enrich.text import split_sentences

DEV = Path(__file__).parents[1].parent / "shared" / "actors-dev"
needs_dev_set = pytest.mark.skipif(
    not (DEV / "score.py").is_file() or not (DEV / "ru").is_dir(),
    reason="../shared/actors-dev/ru/ is absent (the Russian dev set lives outside the repo)",
)

RU_FLOOR_ALL = 0.93  # reached 0.951 lenient (target 0.85)
RU_FLOOR_MAIN = 0.84  # reached 0.861 lenient (target 0.75)


@cache
def gazetteer(language: str) -> Gazetteer:
    """The built-in countries and organisations, named by their English canonical name, as
    `digest.enrich.actors` builds them; `find_mentions` gives them their name in `language`."""
    sources = [
        NameSource(
            known.name,
            known.kind,
            tuple(known.names.get(language, ())),
            tuple(known.demonyms.get(language, ())),
            tuple(known.capitals.get(language, ())),
        )
        for known in builtin_actors()
    ]
    return Gazetteer(sources, slavic.lemma_normaliser(language))


def mentions(text: str, language: str = "ru", title: str = "") -> list[Mention]:
    paragraphs = [title, *text.split("\n\n")]
    sentences = split_sentences(paragraphs, offsets=True)
    return slavic.find_mentions(sentences, gazetteer(language), language)


def actors(text: str, language: str = "ru") -> dict[str, str]:
    """Actor → kind."""
    return {m.actor: m.kind for m in mentions(text, language)}


# --- people -----------------------------------------------------------------------------------


def test_a_person_in_an_oblique_case_is_named_in_the_nominative() -> None:
    found = actors("Похороны Людмилы Гурченко состоятся в субботу. Пришли друзья Наины Ельциной.")
    assert found.get("Людмила Гурченко") == "person"
    assert "Наина Ельцина" in found


def test_a_womans_surname_keeps_its_gender() -> None:
    found = actors("Соболезнования выразили Наине Ельциной.")
    assert "Наина Ельцина" in found


def test_a_surname_alone_folds_into_the_full_name() -> None:
    found = mentions("Владимир Путин прилетел в Пекин. Путина встретили в аэропорту.")
    people = [m for m in found if m.kind == "person"]
    assert [m.actor for m in people] == ["Владимир Путин", "Владимир Путин"]
    assert people[1].surface == "Путина"


def test_the_patronymic_is_dropped_and_first_name_with_patronymic_folds() -> None:
    found = mentions("Памятник Борису Николаевичу Ельцину открыли. Борис Николаевич любил Урал.")
    assert {m.actor for m in found if m.kind == "person"} == {"Борис Ельцин"}


def test_a_role_cue_makes_a_name_a_person() -> None:
    found = actors("Встречу провёл председатель КНР Си Цзиньпин.")
    assert found.get("Си Цзиньпин") == "person"
    found = actors("Об этом заявили генсеку ООН Пану Ги Муну.")
    assert "Пан Ги Мун" in found


def test_a_foreign_name_the_dictionary_lacks_is_put_in_the_nominative() -> None:
    found = actors("Правительство Хамида Карзая ослабло. Хамидом Карзаем недовольны.")
    assert "Хамид Карзай" in found


def test_initials_and_surname_fold_into_the_full_name() -> None:
    found = mentions(
        "Министр финансов Алексей Кудрин выступил. Как сообщил А. Кудрин, цены растут."
    )
    assert [m.actor for m in found if m.kind == "person"] == ["Алексей Кудрин"] * 2


# --- countries --------------------------------------------------------------------------------


def test_a_country_by_its_inflected_name_and_abbreviation() -> None:
    found = mentions("Польша спорит с Россией. В России и в РФ, то есть в Российской Федерации.")
    countries = [m.actor for m in found if m.kind == "country"]
    assert countries == ["Польша", "Россия", "Россия", "Россия", "Россия"]


def test_a_demonym_names_the_country_but_a_language_does_not() -> None:
    assert "Россия" in actors("Российский лидер выступил.")
    found = actors("Система понимает речь на русском и английском языках.")
    assert "Великобритания" not in found


def test_a_capital_names_its_country_only_as_a_subject() -> None:
    assert "Украина" in actors("Киев ждёт поддержки.")
    assert "Украина" not in actors("Делегация прибыла в Киев.")


def test_a_place_inside_another_name_is_not_counted() -> None:
    found = actors("Цена выросла до 20 долларов США. Представители Минсельхоза США приехали.")
    assert "США" not in found
    assert found.get("Минсельхоз США") == "organisation"


def test_a_country_after_an_organisation_noun_is_part_of_its_name() -> None:
    found = actors("Тем временем парламент Грузии утвердил чрезвычайное положение.")
    assert "Парламент Грузии" in found and "Грузия" not in found


def test_a_government_folds_into_its_country() -> None:
    found = actors("Заседание Правительства РФ прошло в среду.")
    assert found == {"Россия": "country"}


# --- organisations ----------------------------------------------------------------------------


def test_an_organisation_head_is_inflected_and_its_genitive_tail_kept() -> None:
    found = actors("Александр Брод, член Общественной палаты, выступил.")
    assert found.get("Общественная палата") == "organisation"
    text = "На заседании Совета при Президенте РФ по развитию информационного общества говорили."
    found = actors(text)
    assert "Совет при Президенте РФ по развитию информационного общества" in found
    assert "Россия" not in found


def test_a_quoted_name_after_an_organisation_noun() -> None:
    found = actors("Пришли представители партии «Яблоко» и болельщики клуба «Спартак».")
    assert found.get("Яблоко") == "organisation" and "Спартак" in found


def test_a_quoted_name_alone_is_put_in_the_nominative() -> None:
    found = actors("Он сказал корреспонденту «Голоса Америки», что всё прошло мирно.")
    assert "Голос Америки" in found


def test_a_quoted_work_is_not_an_organisation() -> None:
    found = actors("За победу поборется роман «Икс», а фильм «Экипаж» вышел в прокат.")
    assert found == {}


def test_an_abbreviation_is_an_organisation_unless_it_is_a_common_term() -> None:
    found = actors("Он был секретарём обкома КПСС, об этом писали СМИ.")
    assert found == {"КПСС": "organisation"}


def test_an_abbreviation_folds_into_the_name_it_abbreviates() -> None:
    text = "Лидер Движения против нелегальной иммиграции выступил. Сторонники ДПНИ пришли."
    found = mentions(text)
    assert {m.actor for m in found} == {"Движение против нелегальной иммиграции"}


def test_latin_names_in_cyrillic_text() -> None:
    found = actors("Об этом сообщает BBC, пишет NEWSru.com, а Mail.Ru Group промолчала.")
    assert set(found) == {"BBC", "NEWSru.com", "Mail.Ru Group"}


def test_a_latin_gloss_in_brackets_is_not_another_actor() -> None:
    found = actors("«Мы вернёмся», сказал Скотт Хоровитц (Scott Horowitz), бывший астронавт.")
    assert found == {"Скотт Хоровитц": "person"}


def test_a_city_counts_only_when_it_acts_as_a_polity() -> None:
    assert "Петербург" in actors("Власти Петербурга задумались о налоге.")
    assert actors("Форум прошёл в Москве и Екатеринбурге.") == {}


def test_sentence_starts_months_and_weekdays_are_not_actors() -> None:
    found = actors(
        "Сегодня в понедельник, 1 февраля, открыли памятник. Понедельник выдался тёплым."
    )
    assert found == {}


def test_the_gazetteer_gives_the_canonical_name_in_the_article_language() -> None:
    found = actors("Заседание Совета Безопасности ООН и саммит НАТО.")
    assert "Совет Безопасности ООН" in found and "НАТО" in found


def test_the_lemma_normaliser() -> None:
    normalise = slavic.lemma_normaliser("ru")
    assert normalise("России") == normalise("Россией") == "россия"
    assert slavic.lemma_normaliser("uk")("Ради") == slavic.lemma_normaliser("uk")("Рада")


def test_sentences_without_offsets_still_read() -> None:
    sentences = split_sentences(["", "Президент США Барак Обама прилетел в Россию."])
    found = slavic.find_mentions(sentences, gazetteer("ru"), "ru")
    assert {m.actor for m in found} == {"США", "Барак Обама", "Россия"}


# --- Ukrainian --------------------------------------------------------------------------------


def test_ukrainian_people_countries_and_organisations() -> None:
    text = (
        "Президент України Володимир Зеленський зустрівся з канцлером Німеччини Олафом Шольцом. "
        "Міністерство оборони України повідомило, що Верховна Рада ухвалила закон. "
        "Зеленського підтримали в Німеччині."
    )
    found = mentions(text, "uk")
    names = {m.actor: m.kind for m in found}
    assert names["Володимир Зеленський"] == "person" and names["Олаф Шольц"] == "person"
    assert names["Україна"] == "country" and names["Німеччина"] == "country"
    assert "Міністерство оборони України" in names and "Верховна Рада" in names
    assert [m.surface for m in found if m.actor == "Володимир Зеленський"] == [
        "Володимир Зеленський",
        "Зеленського",
    ]


def test_ukrainian_inflected_organisation_and_quoted_name() -> None:
    found = actors("Голова Верховної Ради виступив. Партія «Слуга народу» заявила.", "uk")
    assert found.get("Верховна Рада") == "organisation"
    assert found.get("Слуга народу") == "organisation"


def test_ukrainian_state_body_before_a_country() -> None:
    found = actors("Про це повідомило міністерство закордонних справ Франції.", "uk")
    assert found == {"Міністерство закордонних справ Франції": "organisation"}


# --- the dev set ------------------------------------------------------------------------------


def dev_paragraphs(text: str) -> list[str]:
    """Paragraphs of a factRuEval text; the first is a title only if it is short."""
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if paragraphs and len(paragraphs[0].split()) <= 20 and "\n" not in paragraphs[0]:
        return paragraphs
    return ["", *paragraphs]


@needs_dev_set
def test_russian_dev_set_floor(tmp_path: Path) -> None:
    predictions = {}
    for path in sorted((DEV / "ru").glob("*.txt")):
        sentences = split_sentences(dev_paragraphs(path.read_text("utf-8")), offsets=True)
        found = slavic.find_mentions(sentences, gazetteer("ru"), "ru")
        ranked = rank_actors(found, sentences, slavic.SALIENCE)
        predictions[f"ru/{path.name}"] = {
            "main": [a.name for a in ranked if a.main],
            "all": [a.name for a in ranked],
        }
    output = tmp_path / "predictions-ru.json"
    output.write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, str(DEV / "score.py"), str(DEV / "gold-ru.json"), str(output), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    lenient = json.loads(completed.stdout)["lenient"]
    print(json.dumps(lenient, indent=1))
    assert lenient["all"]["f"] >= RU_FLOOR_ALL
    assert lenient["main"]["f"] >= RU_FLOOR_MAIN
