"""Atom and RSS feeds: valid (RFC 4287's RELAX NG schema, feedparser), stable, complete."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
from conftest import REPO, article_md, build_project, write_files
from htmlcheck import tree
from lxml import etree

BASE = "https://user.github.io/repo/"
ATOM_RNG = Path(__file__).resolve().parent / "schemas" / "atom.rng"
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_TYPE = "application/atom+xml"
CYRILLIC = {
    "content/2024-03-30-rada.md": """\
        ---
        title: Рада ухвалила закон
        date: 2024-03-30T12:00:00+02:00
        lang: uk
        topics: [Політика]
        actors: [Олена Петренко]
        ---

        Олена Петренко представила закон.
        """
}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content and one Ukrainian article, built under a project-pages sub-path."""
    project = tmp_path_factory.mktemp("feeds")
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "digest.toml", project / "digest.toml")
    write_files(project, CYRILLIC)
    result = build_project(project, base_url=BASE)
    assert result.errors == ()
    return project / "site"


def atom_feeds(site: Path) -> list[Path]:
    terms = sorted(site.glob("topics/*/feed.xml")) + sorted(site.glob("actors/*/feed.xml"))
    return [site / "feed.xml", *terms]


def test_every_atom_feed_is_valid_against_rfc_4287(sample_site: Path) -> None:
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    invalid = {}
    for feed in atom_feeds(sample_site):
        if not schema.validate(etree.parse(str(feed))):
            invalid[feed.relative_to(sample_site).as_posix()] = str(schema.error_log)
    assert invalid == {}


def test_every_feed_parses_without_bozo(sample_site: Path) -> None:
    for feed in [*atom_feeds(sample_site), sample_site / "rss.xml"]:
        parsed = feedparser.parse(feed.read_bytes())
        assert not parsed.bozo, (feed, parsed.get("bozo_exception"))
        assert parsed.version == ("rss20" if feed.name == "rss.xml" else "atom10")
        assert parsed.entries, feed


def test_every_topic_and_actor_has_a_feed_its_pages_announce(sample_site: Path) -> None:
    for kind in ("topics", "actors"):
        folders = [p for p in (sample_site / kind).iterdir() if p.is_dir()]
        assert folders
        for folder in folders:
            assert (folder / "feed.xml").is_file(), folder
            links = tree(folder / "index.html").findall(".//link[@rel='alternate']")
            atom = [link.get("href") for link in links if link.get("type") == ATOM_TYPE]
            assert atom[0] == f"/repo/{kind}/{folder.name}/feed.xml", folder
    home = tree(sample_site / "index.html").findall(".//link[@rel='alternate'][@type]")
    assert {(link.get("type"), link.get("href")) for link in home} == {
        (ATOM_TYPE, "/repo/feed.xml"),
        ("application/rss+xml", "/repo/rss.xml"),
    }


def test_site_feed_entries_are_absolute_newest_first_and_complete(sample_site: Path) -> None:
    parsed = feedparser.parse((sample_site / "feed.xml").read_bytes())
    feed = parsed.feed
    assert feed.link == BASE
    assert [link.href for link in feed.links if link.rel == "self"] == [BASE + "feed.xml"]
    entries = parsed.entries
    assert len(entries) == 20  # feeds.length's default
    published = [entry.published_parsed for entry in entries]
    assert published == sorted(published, reverse=True)
    assert feed.updated == max(entry.updated for entry in entries)
    for entry in entries:
        assert entry.link.startswith(BASE)
        assert entry.id.startswith("tag:user.github.io,20")
        assert entry.content[0].type == "text/html" and entry.content[0].value
        assert entry.updated.endswith(("+02:00", "+03:00"))  # RFC 3339, site's time zone
    assert any(entry.get("authors") for entry in entries)
    assert parsed.feed.author == "Digest sample: Ukraine, NATO and the EU"


def test_copies_of_stories_stay_out_of_feeds(sample_site: Path) -> None:
    links = [e.link for e in feedparser.parse((sample_site / "feed.xml").read_bytes()).entries]
    assert not any("wire-copy" in link for link in links)


def test_rss_items_carry_guid_date_and_full_content(sample_site: Path) -> None:
    root = etree.parse(str(sample_site / "rss.xml")).getroot()
    items = root.findall("channel/item")
    assert len(items) == 20
    channel = root.find("channel")
    assert channel.findtext("link") == BASE
    assert channel.findtext("lastBuildDate") == items[0].findtext("pubDate")
    for item in items:
        assert item.find("guid").get("isPermaLink") == "false"
        assert item.findtext("guid").startswith("tag:")
        assert item.findtext("link").startswith(BASE)
        assert item.find("{http://purl.org/rss/1.0/modules/content/}encoded") is not None


def test_cyrillic_topic_and_actor_get_feeds(sample_site: Path) -> None:
    """The Ukrainian article is in the Ukrainian edition's feeds, which are in Ukrainian."""
    topic_feeds = [
        f for f in sample_site.glob("uk/topics/*/feed.xml") if "Політика" in f.read_text("utf-8")
    ]
    [feed] = topic_feeds
    parsed = feedparser.parse(feed.read_bytes())
    assert not parsed.bozo
    assert parsed.feed.title.startswith("Політика — ")
    assert [e.title for e in parsed.entries] == ["Рада ухвалила закон"]
    assert parsed.entries[0].category == "Політика"
    actor_feeds = [
        f for f in sample_site.glob("uk/actors/*/feed.xml") if "Олена Петренко —" in f.read_text()
    ]
    [actor_feed] = actor_feeds
    assert actor_feed.parent.name == "olena-petrenko"  # transliterated as Ukraine does
    root = etree.parse(str(actor_feed)).getroot()
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    english = [sample_site / "feed.xml", *sample_site.glob("topics/*/feed.xml")]
    assert len(english) > 1
    assert not any("Політика" in feed.read_text("utf-8") for feed in english)


def test_feed_settings_ids_and_determinism(make_site, tmp_path: Path) -> None:
    files = {
        f"content/a{n}.md": article_md(f"Story {n}", f"2024-03-0{n}T10:00:00Z", '["NATO"]')
        for n in range(1, 6)
    }
    root = make_site(files, config="[feeds]\nlength = 2\nfull_content = false\n")
    build_project(root, base_url="https://news.example.org/")
    first = (root / "site" / "feed.xml").read_bytes()
    parsed = feedparser.parse(first)
    assert [e.title for e in parsed.entries] == ["Story 5", "Story 4"]
    assert all("content" not in e for e in parsed.entries)
    assert parsed.entries[0].id == "tag:news.example.org,2024-03-05:a5.md"
    assert len(feedparser.parse((root / "site/topics/nato/feed.xml").read_bytes()).entries) == 2
    build_project(root, base_url="https://news.example.org/")
    assert (root / "site" / "feed.xml").read_bytes() == first  # no time of build in a feed
    build_project(root, base_url="https://news.example.org/sub/")
    moved = feedparser.parse((root / "site" / "feed.xml").read_bytes())
    assert [e.id for e in moved.entries] == [e.id for e in parsed.entries]
    assert moved.entries[0].link == "https://news.example.org/sub/2024/03/05/story-5/"


def test_id_authority_pins_entry_ids_to_one_host(make_site) -> None:
    files = {"content/a.md": article_md("A", "2024-03-01T10:00:00Z")}
    root = make_site(files, config='[feeds]\nid_authority = "news.example.org"\n')
    build_project(root, base_url="https://user.github.io/repo/")
    [entry] = feedparser.parse((root / "site" / "feed.xml").read_bytes()).entries
    assert entry.id == "tag:news.example.org,2024-03-01:a.md"


def test_hostile_text_and_an_empty_site_still_give_valid_feeds(make_site) -> None:
    schema = etree.RelaxNG(etree.parse(str(ATOM_RNG)))
    title = '"Fish & <Chips> ]]> </content>"'
    body = "A vertical tab \x0b and a form feed \x0c from scraped text."
    root = make_site({"content/a.md": article_md(title, "2024-03-01T10:00:00Z", body=body)})
    build_project(root, base_url="https://news.example.org/")
    feed = etree.parse(str(root / "site" / "feed.xml"))
    assert schema.validate(feed), schema.error_log
    assert feed.getroot().find(f"{ATOM}entry/{ATOM}title").text == title.strip('"')
    (root / "content" / "a.md").unlink()
    build_project(root, base_url="https://news.example.org/")
    empty = etree.parse(str(root / "site" / "feed.xml"))
    assert schema.validate(empty), schema.error_log
    assert empty.getroot().findtext(f"{ATOM}updated") == "1970-01-01T00:00:00+00:00"
    assert not feedparser.parse((root / "site" / "rss.xml").read_bytes()).bozo
