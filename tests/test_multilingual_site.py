"""The sample multilingual site (tests/sites/multilingual/): the seed in English, its Ukrainian
and Russian versions, one story in all three languages and one only in Ukrainian."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
from conftest import SITES, run
from htmlcheck import pages, resolve, tree
from lxml import etree
from lxml import html as lxml_html

from digest.build import build
from digest.config import load_config
from digest.content.parse import ParseSettings, parse_source
from digest.content.sources import read_sources
from digest.model import Article
from digest.site.translations import link_translations


def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SITES / "multilingual", tmp_path / "multilingual"))


def parsed(root: Path) -> dict[str, Article]:
    config = load_config(root)
    settings = ParseSettings.from_config(config)
    sources, problems = read_sources(root, config.content_dir)
    articles = {}
    for source in sources:
        article, found = parse_source(source, settings)
        problems += found
        assert article is not None, found
        articles[article.key] = article
    assert problems == []
    return articles


def test_languages_of_the_sample_site(tmp_path: Path) -> None:
    config = load_config(sample(tmp_path))
    assert [(lang.code, lang.name, lang.prefix) for lang in config.languages] == [
        ("en", "English", ""),
        ("uk", "Українська", "uk"),
        ("ru", "Русский", "ru"),
    ]
    assert config.find_language("uk") is not None
    assert config.find_language("uk").title == "Дайджест"  # type: ignore[union-attr]


def test_articles_languages_slugs_and_switcher_lines(tmp_path: Path) -> None:
    articles = parsed(sample(tmp_path))
    assert {key: (a.language, a.slug) for key, a in articles.items()} == {
        "2024-02-28-belgium-aid.txt": (
            "en",
            "belgium-pledges-continued-aid-to-ukraine-without-sending-troops-mods-head-says",
        ),
        "uk/2024-02-28-belgium-aid.txt": (
            "uk",
            "belhiia-prodovzhyt-dopomahaty-ukraini-ale-ne-vidpravliatyme-viiska-ministerka",
        ),
        "ru/2024-02-28-belgium-aid.txt": (
            "ru",
            "belgiya-prodolzhit-pomogat-ukraine-no-ne-budet-otpravlyat-voyska-ministr-oborony",
        ),
        "2024-03-07-sweden-nato.md": ("en", "sweden-becomes-natos-32nd-member"),
        "2024-03-07-shvetsiia-nato.uk.md": ("uk", "shvetsiia-stala-32-m-chlenom-nato"),
        "ru/2024-03-07-shvetsiya-nato.md": ("ru", "shvetsiya-stala-32-m-chlenom-nato"),
        "uk/2024-03-10-zhytomyr-shcherbukhy.md": (
            "uk",
            "zhytomyr-i-shcherbukhy-vidkryly-novi-ukryttia",
        ),
    }
    for article in articles.values():
        assert "ua en ru" not in article.text.lower() and "UA | EN" not in article.text
    assert articles["uk/2024-02-28-belgium-aid.txt"].authors == ("Дарія Шекіна",)


def test_translations_of_the_sample_site(tmp_path: Path) -> None:
    translations, problems = link_translations(
        parsed(sample(tmp_path)).values(), ("en", "uk", "ru")
    )
    assert problems == []
    assert translations.groups == {
        "2024-02-28-belgium-aid": {
            "en": "2024-02-28-belgium-aid.txt",
            "uk": "uk/2024-02-28-belgium-aid.txt",
            "ru": "ru/2024-02-28-belgium-aid.txt",
        },
        "sweden-nato": {
            "en": "2024-03-07-sweden-nato.md",
            "uk": "2024-03-07-shvetsiia-nato.uk.md",
            "ru": "ru/2024-03-07-shvetsiya-nato.md",
        },
    }
    assert translations.of("uk/2024-03-10-zhytomyr-shcherbukhy.md") == {}


def test_the_sample_site_builds(tmp_path: Path) -> None:
    result = run("build", sample(tmp_path))
    assert result.exit_code == 0, result.output
    assert "7 articles" in result.output


# The built site: editions, switchers, hreflang, feeds, search, dates and interface text.

BASE = "https://example.org/"
BELGIUM = {
    "en": "2024/02/28/"
    "belgium-pledges-continued-aid-to-ukraine-without-sending-troops-mods-head-says/",
    "uk": "uk/2024/02/28/"
    "belhiia-prodovzhyt-dopomahaty-ukraini-ale-ne-vidpravliatyme-viiska-ministerka/",
    "ru": "ru/2024/02/28/"
    "belgiya-prodolzhit-pomogat-ukraine-no-ne-budet-otpravlyat-voyska-ministr-oborony/",
}
UK_ONLY = "uk/2024/03/10/zhytomyr-i-shcherbukhy-vidkryly-novi-ukryttia/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = sample(tmp_path_factory.mktemp("multilingual"))
    result = build(load_config(project, {"search": {"enabled": True}}))
    assert result.errors == ()
    return project / "site"


def page(site: Path, path: str) -> Path:
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def elsewhere(document: lxml_html.HtmlElement) -> dict[str, str]:
    """The page in other languages, as its switcher (`nav.elsewhere`) links it: hreflang → URL."""
    return {
        a.get("hreflang"): a.get("href") for a in document.findall(".//nav[@class='elsewhere']//a")
    }


def test_every_edition_is_a_whole_site_under_its_prefix(built: Path) -> None:
    for prefix in ("", "uk/", "ru/"):
        for path in ("", "topics/", "actors/", "archive/", "search/", "feed.xml", "rss.xml"):
            assert page(built, prefix + path).is_file(), prefix + path
        assert tree(page(built, prefix)).get("lang") == (prefix.rstrip("/") or "en")
    assert not (built / "uk" / "404.html").exists()  # one 404 page, at the root


def test_switchers_link_exactly_the_existing_translations(built: Path) -> None:
    for language, path in BELGIUM.items():
        document = tree(page(built, path))
        others = {code: "/" + other for code, other in BELGIUM.items() if code != language}
        assert elsewhere(document) == others
        menu = {
            a.get("hreflang"): a.get("href")
            for a in document.findall(".//nav[@class='languages']//a")
        }
        assert menu == {code: "/" + other for code, other in BELGIUM.items()}
    only = tree(page(built, UK_ONLY))
    assert elsewhere(only) == {}
    assert only.findall(".//link[@hreflang]") == []
    menu = {a.get("hreflang"): a.get("href") for a in only.findall(".//nav[@class='languages']//a")}
    assert menu == {"en": "/", "uk": "/" + UK_ONLY, "ru": "/ru/"}  # the other fronts


def test_every_hreflang_link_resolves_and_links_back(built: Path) -> None:
    checked = 0
    for html in pages(built):
        links = tree(html).findall(".//link[@hreflang]")
        alternates = {link.get("hreflang"): link.get("href") for link in links}
        if not alternates:
            continue
        here = BASE + html.parent.relative_to(built).as_posix() + "/"
        here = here.replace(BASE + "./", BASE)
        assert here in alternates.values(), html  # each set names the page itself
        for language, url in alternates.items():
            target = resolve(built, "/", url.removeprefix(BASE[:-1]))
            assert target is not None, (html, url)
            if language != "x-default":
                assert tree(target).get("lang") == language, (html, url)
                back = {link.get("href") for link in tree(target).findall(".//link[@hreflang]")}
                assert here in back, (html, url)
        checked += 1
    assert checked > 10


def test_the_sitemap_carries_the_alternates(built: Path) -> None:
    root = etree.parse(str(built / "sitemap.xml")).getroot()
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    entries = {
        url.findtext("{*}loc"): {link.get("hreflang"): link.get("href") for link in url.iter(xhtml)}
        for url in root
    }
    assert entries[BASE + BELGIUM["uk"]] == {code: BASE + path for code, path in BELGIUM.items()}
    assert entries[BASE + UK_ONLY] == {}
    assert entries[BASE + "ru/"] == {"en": BASE, "uk": BASE + "uk/", "ru": BASE + "ru/"}


def test_feeds_and_search_are_per_language(built: Path) -> None:
    for prefix, language in (("", "en"), ("uk/", "uk"), ("ru/", "ru")):
        feed = feedparser.parse((built / prefix / "feed.xml").read_bytes())
        assert not feed.bozo
        root = etree.parse(str(built / prefix / "feed.xml")).getroot()
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == language
        links = [entry.link for entry in feed.entries]
        assert links and all(urlsplit(link).path.startswith("/" + prefix) for link in links)
        others = {"uk/", "ru/"} - {prefix}
        assert not any(
            urlsplit(link).path.startswith(tuple("/" + o for o in others)) for link in links
        )
    entry = json.loads((built / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"en", "uk", "ru"}
    assert entry["languages"]["uk"]["page_count"] == 3


def test_ukrainian_dates_and_interface_text(built: Path) -> None:
    document = tree(page(built, BELGIUM["uk"]))
    assert "28 лютого 2024" in document.findtext(".//time")
    nav = [a.text_content().strip() for a in document.findall(".//nav[@class='site-nav']//a")]
    assert nav == ["Головна", "Теми", "Учасники", "Архів", "Пошук"]
    assert document.find(".//nav[@class='elsewhere']").get("aria-label") == "Читати цю новину"
    russian = tree(page(built, BELGIUM["ru"]))
    assert "28 февраля 2024" in russian.findtext(".//time")


def test_cyrillic_slugs_are_transliterated_per_language(built: Path) -> None:
    assert page(built, "uk/2024/03/07/shvetsiia-stala-32-m-chlenom-nato/").is_file()  # КМУ 2010
    assert page(built, "ru/2024/03/07/shvetsiya-stala-32-m-chlenom-nato/").is_file()  # Russian
    assert page(built, "uk/actors/shcherbukhy/").is_file()
    slugs = [p.parent.name for p in built.glob("*/20*/*/*/*/index.html")]
    assert slugs and all(slug.isascii() for slug in slugs)


def test_one_actor_has_a_page_per_language_linking_the_others(built: Path) -> None:
    pages_of = {
        code: page(built, f"{prefix}actors/ludivine-dedonder/")
        for code, prefix in (("en", ""), ("uk", "uk/"), ("ru", "ru/"))
    }
    names = {code: tree(path).findtext(".//h1").strip() for code, path in pages_of.items()}
    assert names == {"en": "Ludivine Dedonder", "uk": "Людивін Дедондер", "ru": "Людивин Дедондер"}
    for code, path in pages_of.items():
        others = {
            c: f"/{'' if c == 'en' else c + '/'}actors/ludivine-dedonder/"
            for c in pages_of
            if c != code
        }
        assert elsewhere(tree(path)) == others
    assert tree(pages_of["uk"]).find(".//nav[@class='elsewhere']").get("aria-label") == (
        "В інших виданнях"
    )


def test_translation_problems_are_reported_with_their_lines(tmp_path: Path) -> None:
    project = sample(tmp_path)
    (project / "content" / "uk" / "twice.md").write_text(
        "---\ntitle: Двічі\ndate: 2024-03-07\ntranslation_key: sweden-nato\n---\nТекст.\n",
        encoding="utf-8",
    )
    (project / "content" / "ru" / "orphan.md").write_text(
        "---\ntitle: Сирота\ndate: 2024-03-08\ntranslation_of: nowhere.md\n---\nТекст.\n",
        encoding="utf-8",
    )
    result = run("build", project)
    assert result.exit_code == 1, result.output  # errors, yet both articles are published
    assert re.search(r"content/uk/twice\.md:4: .*sweden-nato", result.output), result.output
    assert re.search(r"content/ru/orphan\.md:4: .*nowhere\.md", result.output), result.output
    assert (project / "site" / "ru" / "2024" / "03" / "08").is_dir()
