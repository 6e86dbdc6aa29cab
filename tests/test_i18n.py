"""Interface text and dates in the site's language: the default theme's catalogues, a site's own."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from conftest import REPO, article_md, build_project
from htmlcheck import html_errors, tree
from lxml import html as lxml_html

from digest.build import build
from digest.config import load_config
from digest.errors import DigestError
from digest.render.i18n import load_messages
from digest.render.pages import template_filters
from digest.render.theme import builtin_themes_dir, make_environment, render_template, theme_layers
from digest.render.views import Link, PageMeta, SiteView

WORD_UK = "новина "
WORD_RU = "новость "


def article(title: str, day: str, words: int, word: str, topic: str) -> str:
    """An article of `words` words: 220 a minute, so 100 → 1 min, 300 → 2, 1000 → 5."""
    return (
        f"---\ntitle: {title}\ndate: {day}T10:00:00Z\ntopics: [{topic}]\n---\n\n"
        f"{(word * words).strip()}.\n"
    )


def site(make_site, language: str, word: str, topic: str, extra: dict[str, str] | None = None):
    files = {
        "content/one.md": article("Перша", "2024-02-28", 100, word, topic),
        "content/two.md": article("Друга", "2024-02-28", 300, word, topic),
        "content/five.md": article("П’ята", "2024-02-28", 1000, word, topic),
        "content/march.md": article("Березнева", "2024-03-05", 100, word, topic),
        **(extra or {}),
    }
    config = (
        f'title = "Дайджест"\nlanguage = "{language}"\ntimezone = "UTC"\nper_page = 1\n'
        "[actors]\ndetect = false\n"
    )
    root = make_site(files, config=config)
    result = build_project(root)
    assert result.errors == ()
    return root / "site"


def texts(page: lxml_html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in page.xpath(xpath)]


def breadcrumbs(page: lxml_html.HtmlElement) -> list[str]:
    for script in page.xpath("//script[@type='application/ld+json']"):
        data = json.loads(script.text)
        if data["@type"] == "BreadcrumbList":
            return [item["name"] for item in data["itemListElement"]]
    return []


def test_a_ukrainian_site_speaks_ukrainian(make_site) -> None:
    output = site(make_site, "uk", WORD_UK, "Економіка")
    home = tree(output / "index.html")
    assert home.get("lang") == "uk"
    assert texts(home, "//nav[@class='site-nav']//a") == ["Головна", "Теми", "Учасники", "Архів"]
    assert home.xpath("//nav[@class='site-nav']/@aria-label") == ["Головне меню"]
    assert texts(home, "//a[@class='skip-link']") == ["Перейти до змісту"]
    assert home.xpath("//meta[@property='og:locale']/@content") == ["uk_UA"]
    assert texts(home, "//h2[@class='edition-title']") == ["5 березня 2024"]
    assert texts(home, "//p[@class='edition-count']") == ["1 стаття"]
    assert texts(home, "//nav[@class='pager']//li[@class='pager-next']") == ["Наступна сторінка →"]

    day = tree(output / "2024/02/28/index.html")
    assert texts(day, "//h1") == ["28 лютого 2024"]
    assert texts(day, "//title") == ["28 лютого 2024 — Дайджест"]
    assert texts(day, "//p[@class='page-intro']") == ["3 статті"]
    minutes = [t.split(" · ")[-1] for t in texts(day, "//article[@class='card']/p[@class='meta']")]
    assert sorted(minutes) == ["1 хвилина читання", "2 хвилини читання", "5 хвилин читання"]
    assert breadcrumbs(day) == ["Дайджест", "Архів", "2024", "Лютий 2024", "28 лютого 2024"]
    assert texts(day, "//p[@class='kicker']") == ["Випуск"]
    assert texts(day, "//li[@class='prev-next-newer']/span") == ["Наступний день"]

    month = tree(output / "2024/02/index.html")
    assert texts(month, "//h1") == ["Лютий 2024"]
    assert texts(month, "//p[@class='page-intro']") == ["3 статті за 1 день"]
    archive = tree(output / "archive/index.html")
    assert texts(archive, "//h1") == ["Архів"]
    assert texts(archive, "//ul[@class='archive-months']/li/h3/a") == ["Березень", "Лютий"]
    assert texts(archive, "//ul[@class='day-list']//time") == ["5 березня 2024", "28 лютого 2024"]
    hidden = texts(archive, "//ul[@class='day-list']//span[@class='visually-hidden']")
    assert hidden == ["стаття", "статті"]

    page = tree(next(output.glob("2024/02/28/*/index.html")))
    assert texts(page, "//p[@class='edition-link']") == ["У випуску за 28 лютого 2024"]
    assert texts(tree(output / "page/2/index.html"), "//title") == ["Сторінка 2 — Дайджест"]
    assert texts(tree(output / "404.html"), "//h1") == ["Сторінку не знайдено"]
    assert texts(tree(output / "topics/index.html"), "//p[@class='page-intro']") == [
        "1 тема з кількістю статей у кожній."
    ]
    assert html_errors(output / "2024/02/28/index.html") == []


def test_a_russian_site_speaks_russian(make_site) -> None:
    output = site(make_site, "ru", WORD_RU, "Экономика")
    home = tree(output / "index.html")
    assert texts(home, "//nav[@class='site-nav']//a") == ["Главная", "Темы", "Участники", "Архив"]
    day = tree(output / "2024/02/28/index.html")
    assert texts(day, "//h1") == ["28 февраля 2024"]
    assert texts(day, "//p[@class='page-intro']") == ["3 статьи"]
    minutes = [t.split(" · ")[-1] for t in texts(day, "//article[@class='card']/p[@class='meta']")]
    assert sorted(minutes) == ["1 минута чтения", "2 минуты чтения", "5 минут чтения"]
    assert "28 февр. 2024" in texts(day, "//article[@class='card']//time")
    assert texts(tree(output / "2024/02/index.html"), "//h1") == ["Февраль 2024"]


def test_english_stays_as_it_was(make_site) -> None:
    output = site(make_site, "en", "word ", "Economy")
    day = tree(output / "2024/02/28/index.html")
    assert texts(day, "//h1") == ["28 February 2024"]
    assert texts(day, "//p[@class='page-intro']") == ["3 articles"]
    assert "28 Feb 2024" in texts(day, "//article[@class='card']//time")
    minutes = [t.split(" · ")[-1] for t in texts(day, "//article[@class='card']/p[@class='meta']")]
    assert sorted(minutes) == ["1 min read", "2 min read", "5 min read"]
    assert texts(tree(output / "2024/02/index.html"), "//h1") == ["February 2024"]


def pictured_site(make_site, language: str, topic: str, names: list[str]) -> Path:
    """An actor, `names[0]`, in 1, 5 and 2 articles on three days, with `names[1]` in the 5,
    `names[2]` in the 2 and `names[3]` in the 1: counts in each plural form."""
    centre, five, two, one = names
    days = [("2024-02-26", 1, one), ("2024-02-28", 5, five), ("2024-03-01", 2, two)]
    files = {
        f"content/{day}-{i}.md": article_md(
            f"{day} {i}", f"{day}T10:00:00Z", f"[{topic}]", f"[{centre}, {other}]"
        )
        for day, number, other in days
        for i in range(number)
    }
    config = f'language = "{language}"\ntimezone = "UTC"\n[actors]\ndetect = false\n'
    root = make_site(files, config=config)
    assert build_project(root).errors == ()
    return root / "site"


def picture(output: Path, kind: str, name: str, svg_class: str) -> lxml_html.HtmlElement:
    """The picture of this class on the page of the topic or actor called `name`."""
    for path in output.glob(f"{kind}/*/index.html"):
        page = tree(path)
        if texts(page, "//h1") == [name]:
            return page.xpath(f"//*[local-name()='svg'][@class='{svg_class}']")[0]
    raise AssertionError(f"no {kind} page for {name}")


def svg_texts(svg: lxml_html.HtmlElement, name: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in svg.xpath(f".//*[local-name()='{name}']")]


def test_pictures_on_a_ukrainian_site_speak_ukrainian(make_site) -> None:
    names = ["НАТО", "Фінляндія", "Швеція", "Угорщина"]
    output = pictured_site(make_site, "uk", "Оборона", names)
    for kind, name in (("actors", "НАТО"), ("topics", "Оборона")):
        timeline = picture(output, kind, name, "timeline")
        assert svg_texts(timeline, "desc") == [
            "Статті за днями з 26 лютого до 1 березня 2024, усього 8; найбільше — 28 лютого (5)."
        ]
        assert svg_texts(timeline, "text") == ["5 статей", "26 лют. 2024", "1 бер. 2024"]
        assert svg_texts(timeline, "title")[1:] == [
            "26 лют. 2024: 1 стаття",
            "27 лют. 2024: 0 статей",
            "28 лют. 2024: 5 статей",
            "29 лют. 2024: 0 статей",
            "1 бер. 2024: 2 статті",
        ]
    network = picture(output, "actors", "НАТО", "network")
    assert svg_texts(network, "desc") == [
        "У статтях, де згадується НАТО, також фігурують:"
        " Фінляндія (5 статей), Швеція (2 статті) та Угорщина (1 стаття)."
    ]
    assert svg_texts(network, "title")[1:4] == [
        "Фінляндія: 5 спільних статей",
        "Швеція: 2 спільні статті",
        "Угорщина: 1 спільна стаття",
    ]


def test_pictures_on_a_russian_site_speak_russian(make_site) -> None:
    names = ["НАТО", "Финляндия", "Швеция", "Венгрия"]
    output = pictured_site(make_site, "ru", "Оборона", names)
    timeline = picture(output, "actors", "НАТО", "timeline")
    assert svg_texts(timeline, "desc") == [
        "Статьи по дням с 26 февраля по 1 марта 2024, всего 8; больше всего — 28 февраля (5)."
    ]
    assert svg_texts(timeline, "text") == ["5 статей", "26 февр. 2024", "1 мар. 2024"]
    assert "1 мар. 2024: 2 статьи" in svg_texts(timeline, "title")
    assert "26 февр. 2024: 1 статья" in svg_texts(timeline, "title")
    network = picture(output, "actors", "НАТО", "network")
    assert svg_texts(network, "desc") == [
        "В статьях, где упоминается НАТО, также фигурируют:"
        " Финляндия (5 статей), Швеция (2 статьи) и Венгрия (1 статья)."
    ]
    assert svg_texts(network, "title")[1:4] == [
        "Финляндия: 5 общих статей",
        "Швеция: 2 общие статьи",
        "Венгрия: 1 общая статья",
    ]


def test_plural_categories_have_sample_numbers() -> None:
    layers = theme_layers("default", REPO)
    assert load_messages(layers, "uk").plural_samples() == (("many", 0), ("one", 1), ("few", 2))
    assert load_messages(layers, "en").plural_samples() == (("other", 0), ("one", 1))


def test_search_page_messages(make_site) -> None:
    files = {"content/one.md": article("Перша", "2024-02-28", 100, WORD_UK, "Економіка")}
    root = make_site(files, config='language = "uk"\n[search]\nenabled = true\n')
    assert build(load_config(root), search_index=False).errors == ()
    form = tree(root / "site/search/index.html").xpath("//form[@id='search-form']")[0]
    assert form.get("data-text-found-one") == "Знайдено {count} статтю"
    assert form.get("data-text-found-few") == "Знайдено {count} статті"
    assert form.get("data-text-found-many") == "Знайдено {count} статей"
    assert form.get("data-text-for-words") == "{found} за запитом «{words}»."
    assert texts(form, ".//button[@type='submit']") == ["Шукати"]


def test_a_site_catalogue_adds_a_language(make_site) -> None:
    catalogue = """
        msgid ""
        msgstr ""
        "Language: de\\n"

        msgid "Topics"
        msgstr "Themen"
    """
    output = site(make_site, "de", "Wort ", "Wirtschaft", {"locales/de.po": catalogue})
    home = tree(output / "index.html")
    assert texts(home, "//nav[@class='site-nav']//a") == ["Home", "Themen", "Actors", "Archive"]
    day = tree(output / "2024/02/28/index.html")
    assert texts(day, "//h1") == ["28. Februar 2024"]  # Babel's German long date
    assert texts(tree(output / "2024/02/index.html"), "//h1") == ["Februar 2024"]


def test_a_site_catalogue_overrides_one_message(make_site) -> None:
    override = """
        msgid ""
        msgstr ""
        "Language: uk\\n"

        msgid "Topics"
        msgstr "Рубрики"

        msgid "%(count)s min read"
        msgid_plural "%(count)s min read"
        msgstr[0] "%(count)s хв"
        msgstr[1] "%(count)s хв"
        msgstr[2] "%(count)s хв"
    """
    output = site(make_site, "uk", WORD_UK, "Економіка", {"locales/uk.po": override})
    home = tree(output / "index.html")
    assert texts(home, "//nav[@class='site-nav']//a") == ["Головна", "Рубрики", "Учасники", "Архів"]
    day = tree(output / "2024/02/28/index.html")
    minutes = [t.split(" · ")[-1] for t in texts(day, "//article[@class='card']/p[@class='meta']")]
    assert sorted(minutes) == ["1 хв", "2 хв", "5 хв"]
    assert texts(day, "//h1") == ["28 лютого 2024"]


def test_a_child_theme_catalogue_sits_between_the_site_and_the_default(make_site) -> None:
    def po(topics: str, archive: str) -> str:
        return (
            f'msgid ""\nmsgstr ""\n"Language: uk\\n"\n\n'
            f'msgid "Topics"\nmsgstr "{topics}"\n\nmsgid "Archive"\nmsgstr "{archive}"\n'
        )

    root = make_site(
        {
            "content/a.md": article("А", "2024-02-28", 10, WORD_UK, "Економіка"),
            "themes/child/theme.toml": 'extends = "default"\n',
            "themes/child/templates/.keep": "",
            "themes/child/locales/uk.po": po("Теми дитини", "Архів дитини"),
            "locales/uk.po": 'msgid ""\nmsgstr ""\n\nmsgid "Topics"\nmsgstr "Теми сайту"\n',
        },
        config='language = "uk"\ntheme = "child"\n[actors]\ndetect = false\n',
    )
    assert build_project(root).errors == ()
    nav = texts(tree(root / "site/index.html"), "//nav[@class='site-nav']//a")
    assert nav == ["Головна", "Теми сайту", "Учасники", "Архів дитини"]


def test_a_broken_catalogue_is_a_problem_naming_the_file(make_site) -> None:
    root = make_site(
        {
            "content/a.md": article("А", "2024-02-28", 10, WORD_UK, "Економіка"),
            "locales/uk.po": 'msgid "Topics"\nmsgstr "Теми"\nthis is not a catalogue\n',
        },
        config='language = "uk"\n',
    )
    with pytest.raises(DigestError) as error:
        build_project(root)
    [problem] = error.value.problems
    assert problem.path.endswith("locales/uk.po")
    assert "catalogue" in problem.message


def test_one_environment_renders_each_page_in_its_own_language() -> None:
    """Each language edition passes its own SiteView; the shared environment follows it."""
    layers = theme_layers("default", REPO)
    environment = make_environment(layers, template_filters())
    pages = {}
    for language in ("en", "uk", "ru", "en"):
        site = SiteView(
            title="Digest",
            description="",
            language=language,
            base_url="/",
            home_url="/",
            nav=(Link("Home", "/"),),
            topics_url="/topics/",
            actors_url="/actors/",
            archive_url="/archive/",
            extra={},
        )
        page = PageMeta(title="404", url="/404.html", canonical="/404.html", kind="404")
        html = render_template(environment, "404.html", {"site": site, "page": page}, REPO)
        pages.setdefault(language, html)
        assert html == pages[language]
        h1 = lxml_html.fromstring(html).findtext(".//h1")
        assert h1 == {"en": "Page not found", "uk": "Сторінку не знайдено"}.get(language, h1)
    assert "Страница не найдена" in pages["ru"]


def test_dates_in_each_language() -> None:
    layers = theme_layers("default", REPO)
    day = date(2024, 2, 28)
    cases = {
        "en": ("28 February 2024", "28 Feb 2024", "February 2024", "February"),
        "uk": ("28 лютого 2024", "28 лют. 2024", "Лютий 2024", "Лютий"),
        "ru": ("28 февраля 2024", "28 февр. 2024", "Февраль 2024", "Февраль"),
    }
    for language, (long, medium, month, name) in cases.items():
        messages = load_messages(layers, language)
        assert messages.format_date(day) == long
        assert messages.format_date(day, "medium") == medium
        assert messages.format_date(day, "iso") == "2024-02-28"
        assert messages.format_month(day) == month
        assert messages.format_month(day, with_year=False) == name


def test_short_dates_and_months_inside_a_sentence() -> None:
    layers = theme_layers("default", REPO)
    day = date(2024, 2, 28)
    cases = {
        "en": ("28 February", "28 Feb", "Feb 2024", "February 2024"),
        "uk": ("28 лютого", "28 лют.", "лют. 2024", "лютий 2024"),
        "ru": ("28 февраля", "28 февр.", "февр. 2024", "февраль 2024"),
        "de": ("28. Februar", "28. Feb.", "Feb. 2024", "Februar 2024"),  # Babel's own order
    }
    for language, (day_month, short, short_month, in_text) in cases.items():
        messages = load_messages(layers, language)
        assert messages.format_date(day, "day_month") == day_month
        assert messages.format_date(day, "short_day_month") == short
        assert messages.format_date(day, "short_month_year") == short_month
        assert messages.format_date(day, "month_year", in_text=True) == in_text


def _theme_messages() -> set[tuple[str | None, str]]:
    """Every message the default theme's templates and digest's own views ask for."""
    found = set()
    sources = [
        (builtin_themes_dir() / "default/templates", [("**.html", "jinja2.ext:babel_extract")]),
        (REPO / "digest/render", [("**.py", "python")]),
    ]
    options = {"**.html": {"extensions": "jinja2.ext.i18n", "trimmed": "true"}}
    for folder, method in sources:
        for _, _, message, _, context in extract_from_dir(folder, method, options):
            found.add((context, message if isinstance(message, str) else message[0]))
    return found


@pytest.mark.parametrize("language", ["uk", "ru"])
def test_the_catalogues_translate_every_message(language: str) -> None:
    path = builtin_themes_dir() / f"default/locales/{language}.po"
    with path.open("rb") as file:
        catalogue = read_po(file, locale=language)
    missing = []
    for context, message in sorted(_theme_messages(), key=str):
        entry = catalogue.get(message, context=context)
        strings = entry.string if entry else ""
        strings = strings if isinstance(strings, tuple) else (strings,)
        if entry is None or entry.fuzzy or not all(strings):
            missing.append((context, message))
        elif entry.pluralizable:
            assert len(strings) == catalogue.num_plurals, message
    assert missing == []


def test_the_catalogues_ship_in_the_theme() -> None:
    locales = Path(builtin_themes_dir(), "default", "locales")
    assert {p.name for p in locales.glob("*.po")} >= {"en.po", "uk.po", "ru.po"}
