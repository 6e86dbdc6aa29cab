"""Actors, topics, stories and pictures as a reader sees them on the built site."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from conftest import article_md, build_project, run
from htmlcheck import html_errors, listed_articles, pages, tree

WIRE = (
    "Finland and Sweden signed a defence pact with the United States on Monday, officials in "
    "Helsinki said, in a move that deepens military cooperation across the Nordic region and "
    "gives American forces access to bases in both countries for training and storage."
)


def raw(title: str, body: str) -> str:
    return f"{title}\n\n{body}\n"


def test_detected_actors_get_pages_about_first(make_site) -> None:
    root = make_site(
        {
            "content/2024-03-01-a.txt": raw(
                "Poland hosts talks",
                "Poland hosted talks on Friday. They lasted all day. France sent a delegate.",
            ),
            "content/2024-03-02-b.txt": raw(
                "France backs plan",
                "France backed the plan. It was a surprise. Poland welcomed it later.",
            ),
        }
    )
    assert build_project(root).errors == ()
    site = root / "site"
    # Poland is what a is about, and only mentioned in b: a is listed first although older.
    assert listed_articles(site / "actors/poland/index.html") == [
        "/2024/03/01/poland-hosts-talks/",
        "/2024/03/02/france-backs-plan/",
    ]
    page = tree(site / "actors/poland/index.html")
    headings = [h.text_content() for h in page.iter("h2")]
    assert "About Poland" in headings and "Also mentioned in" in headings


def test_registry_profile_and_aliases(make_site) -> None:
    root = make_site(
        {
            "content/2024-03-01-a.md": article_md(
                "Talks", "2024-03-01", body="Dedonder met allies. Dedonder spoke first."
            ),
            "data/actors.toml": (
                '[[actor]]\nname = "Ludivine Dedonder"\nkind = "person"\n'
                'aliases = ["Dedonder"]\nrole = "Minister of Defence"\nwikidata = "Q1"\n'
            ),
        }
    )
    assert build_project(root).errors == ()
    page = tree(root / "site/actors/ludivine-dedonder/index.html")
    assert page.findtext(".//h1") == "Ludivine Dedonder"
    assert "Minister of Defence" in page.find(".//main").text_content()
    assert page.find(".//a[@href='https://www.wikidata.org/wiki/Q1']") is not None


def test_registry_mistakes_are_problems(make_site) -> None:
    root = make_site(
        {
            "content/a.md": article_md("A", "2024-03-01"),
            "data/actors.toml": '[[actor]]\nname = "X"\nkind = "planet"\nalias = ["Y"]\n',
        }
    )
    result = run("build", root)
    assert result.exit_code == 1
    assert "data/actors.toml:2: X: unknown key `alias`" in result.output
    assert "did you mean `aliases`" in result.output
    assert "unknown kind 'planet'" in result.output


def test_topic_rules_give_raw_articles_topics(make_site) -> None:
    root = make_site(
        {
            "content/2024-03-01-a.txt": raw(
                "Shells for Ukraine", "Allies pledged ammunition and artillery shells."
            ),
            "content/2024-03-01-b.txt": raw("Weather", "It rained in Brussels all day."),
            "data/topics.toml": (
                '[[topic]]\nname = "Military aid"\nthreshold = 2\n'
                'phrases.en = { "ammunition" = 1, "shell" = 1 }\n'
            ),
        }
    )
    assert build_project(root).errors == ()
    assert listed_articles(root / "site/topics/military-aid/index.html") == [
        "/2024/03/01/shells-for-ukraine/"
    ]


def test_front_matter_topics_in_another_language_are_the_rules_topic(make_site) -> None:
    """A topic named in Ukrainian, as `data/topics.toml` translates it, is the same topic:
    one slug in every edition, its name in the article's language."""
    root = make_site(
        {
            "digest.toml": (
                'language = "en"\n[languages.en]\nname = "English"\n'
                '[languages.uk]\nname = "Українська"\n'
            ),
            "content/2024-03-01-a.md": article_md("Aid", "2024-03-01T08:00:00Z", "[Military aid]"),
            "content/uk/2024-03-01-b.md": article_md(
                "Допомога", "2024-03-01T09:00:00Z", "[військова допомога]"
            ),
            "data/topics.toml": (
                '[[topic]]\nname = "Military aid"\nnames = { uk = "Військова допомога" }\n'
                'phrases.en = ["ammunition"]\n'
            ),
        }
    )
    assert build_project(root).errors == ()
    english = tree(root / "site/topics/military-aid/index.html")
    ukrainian = tree(root / "site/uk/topics/military-aid/index.html")
    assert english.findtext(".//{*}h1").strip() == "Military aid"
    assert ukrainian.findtext(".//{*}h1").strip() == "Військова допомога"


def test_stories_group_sources_and_copies(make_site) -> None:
    root = make_site(
        {
            "content/2024-03-04-one.txt": raw("Nordic defence pact signed", WIRE),
            "content/2024-03-04-two.txt": raw(
                "US signs pact with Finland and Sweden",
                WIRE.replace("on Monday", "this week") + " Critics in Moscow objected.",
            ),
            "content/2024-03-05-copy.txt": raw("Defence pact (copy)", WIRE),
            "content/2024-03-05-other.txt": raw(
                "Farmers protest", "Farmers in Poland blocked roads over grain imports on Tuesday."
            ),
        }
    )
    assert build_project(root).errors == ()
    site = root / "site"
    [story_page] = site.glob("stories/*/index.html")
    listed = [a.get("href") for a in tree(story_page).iter("a") if "/2024/" in a.get("href", "")]
    assert {
        "/2024/03/04/nordic-defence-pact-signed/",
        "/2024/03/04/us-signs-pact-with-finland-and-sweden/",
        "/2024/03/05/defence-pact-copy/",
    } <= set(listed)
    # The copy is not separate news: it is on the story page, not in the day's edition.
    assert "/2024/03/05/defence-pact-copy/" not in listed_articles(site / "2024/03/05/index.html")
    copy = tree(site / "2024/03/05/defence-pact-copy/index.html")
    assert (
        copy.find(".//link[@rel='canonical']").get("href")
        == "/2024/03/04/nordic-defence-pact-signed/"
    )
    assert "sources" in tree(site / "index.html").text_content()


def test_pictures_are_valid_and_accessible(make_site) -> None:
    files = {
        f"content/2024-03-{day:02}-{n}.txt": raw(
            f"Poland and France meet {day} {n}", "Poland met France and Germany again."
        )
        for day in (1, 3, 9)
        for n in range(day % 4 + 1)
    }
    root = make_site(files)
    build_project(root)
    page = root / "site/actors/poland/index.html"
    assert html_errors(page) == []
    svgs = [e for e in tree(page).iter() if isinstance(e.tag, str) and e.tag.endswith("svg")]
    assert len(svgs) == 2  # the timeline and the network
    text = page.read_text(encoding="utf-8")
    timeline = text[text.index("<svg") : text.index("</svg>") + 6]
    root_element = ET.fromstring(timeline)
    assert root_element.get("role") == "img" and root_element.get("aria-labelledby")
    assert "France" in text[text.index('class="network"') :]
    assert [e for p in pages(root / "site") for e in html_errors(p)] == []


def test_analyze_json_lines(make_site) -> None:
    root = make_site(
        {
            "content/2024-03-01-a.txt": raw(
                "Belgium pledges aid to Ukraine", "Belgium will keep helping Ukraine, NATO said."
            ),
        },
        config='language = "en"\n',
    )
    result = run("analyze", root, "--json")
    assert result.exit_code == 0
    [record] = [json.loads(line) for line in result.output.splitlines()]
    assert record["path"] == "2024-03-01-a.txt"
    assert set(record["actors"]["main"]) >= {"Belgium", "Ukraine"}
    assert "NATO" in record["actors"]["main"] + record["actors"]["mentioned"]
    assert record["story"] is None and record["language"] == "en"


def test_actors_command_and_suggestions(make_site) -> None:
    root = make_site(
        {
            f"content/2024-03-0{n}.txt": raw(
                f"Talks {n}", "Defence Minister Rustem Umerov met Poland's envoy in Warsaw."
            )
            for n in range(1, 4)
        }
    )
    listing = run("actors", root)
    assert listing.exit_code == 0
    assert "Rustem Umerov  (detected)" in listing.output
    suggested = run("actors", root, "--suggest")
    assert '[[actor]]  # in 3 articles\nname = "Rustem Umerov"\nkind = "person"' in suggested.output


def test_detection_can_be_turned_off(make_site) -> None:
    root = make_site(
        {
            "content/2024-03-01-a.md": article_md(
                "Talks", "2024-03-01", actors="[Poland]", body="France and Germany met."
            ),
        },
        config="[actors]\ndetect = false\n",
    )
    [record] = [json.loads(line) for line in run("analyze", root, "--json").output.splitlines()]
    assert record["actors"] == {"main": ["Poland"], "mentioned": []}
