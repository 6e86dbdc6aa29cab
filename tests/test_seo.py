"""Sitemap, robots.txt, CNAME, canonical links, OpenGraph and JSON-LD; the Pages workflow."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import html5lib
import pytest
import xmlschema
import yaml
from conftest import REPO, SHARED, build_project, run
from htmlcheck import ARTICLE_PATH, pages, tree

from digest.render.views import og_locale
from digest.scaffold import install_spec, pages_workflow

BASE = "https://user.github.io/repo/"
SITEMAP_XSD = SHARED / "schemas" / "sitemap.xsd"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
INJECTION = "</script><script>alert(1)</script><!-- x"
EXTRA = {
    "content/2024-03-31-oddly.md": f"""---
title: '{INJECTION}'
date: 2024-03-31T09:00:00+02:00
updated: 2024-03-31T18:30:00+02:00
authors: [Ann Writer, Bo Reporter]
image: img/photo.jpg
topics: [Politics]
actors: [Ada Example, Ukraine]
---

Ada Example met officials of Ukraine. Ada Example spoke first.
""",
    "data/actors.toml": """
[[actor]]
name = "Ada Example"
kind = "person"
role = "Minister"
wikidata = "Q42"
""",
}


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site plus an article with a hostile title, under a sub-path, with a CNAME."""
    project = tmp_path_factory.mktemp("seo")
    shutil.copytree(REPO / "content", project / "content")
    config = (REPO / "digest.toml").read_text(encoding="utf-8")
    (project / "digest.toml").write_text(f'cname = "news.example.org"\n{config}', "utf-8")
    for relative, text in EXTRA.items():
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        (project / relative).write_text(text, encoding="utf-8")
    result = build_project(project, base_url=BASE)
    assert result.errors == ()
    return project / "site"


def structured_data(page: Path) -> list[dict]:
    scripts = tree(page).findall(".//script[@type='application/ld+json']")
    return [json.loads(script.text) for script in scripts]


def meta(page: Path) -> dict[str, str]:
    found = {}
    for element in tree(page).iter("meta"):
        name = element.get("property") or element.get("name")
        if name:
            found.setdefault(name, element.get("content"))
    return found


def page_of(site: Path, kind: str) -> Path:
    """One page of each kind, by the body class the theme gives it."""
    return next(p for p in pages(site) if f'class="page-{kind}"' in p.read_text("utf-8"))


@pytest.mark.skipif(not SITEMAP_XSD.is_file(), reason="../shared/schemas/sitemap.xsd is absent")
def test_sitemap_is_valid_against_the_sitemaps_org_schema(sample_site: Path) -> None:
    xmlschema.XMLSchema(str(SITEMAP_XSD)).validate(str(sample_site / "sitemap.xml"))


def test_sitemap_lists_every_canonical_page_with_lastmod_for_articles(sample_site: Path) -> None:
    root = xmlschema.XMLResource(str(sample_site / "sitemap.xml")).root
    entries = {u.findtext(f"{SITEMAP}loc"): u.findtext(f"{SITEMAP}lastmod") for u in root}
    expected = set()
    for page in pages(sample_site):
        relative = page.relative_to(sample_site).as_posix()
        url = BASE + relative.removesuffix("index.html")
        canonical = tree(page).find(".//link[@rel='canonical']").get("href")
        if relative != "404.html" and canonical == url:
            expected.add(url)
    assert set(entries) == expected
    assert not any("wire-copy" in url for url in entries)  # a copy points at its original
    articles = [url for url in entries if ARTICLE_PATH.search(url)]
    assert articles and all(entries[url] for url in articles)
    oddly = next(url for url in articles if "/2024/03/31/" in url)
    assert entries[oddly] == "2024-03-31T19:30:00+03:00"


def test_robots_txt_names_the_sitemap_and_cname_is_written(sample_site: Path) -> None:
    robots = (sample_site / "robots.txt").read_text()
    assert f"Sitemap: {BASE}sitemap.xml" in robots.splitlines()
    assert (sample_site / "CNAME").read_text() == "news.example.org\n"
    assert (sample_site / ".nojekyll").is_file()


def test_no_cname_without_the_setting(make_site) -> None:
    root = make_site({"content/a.md": "# A\n"}, config='title = "x"\n')
    build_project(root)
    assert not (root / "site" / "CNAME").exists()
    assert "Sitemap" not in (root / "site" / "robots.txt").read_text()  # no host, no sitemap


def test_every_page_has_opengraph_and_twitter_tags(sample_site: Path) -> None:
    for page in pages(sample_site):
        tags = meta(page)
        canonical = tree(page).find(".//link[@rel='canonical']").get("href")
        for name in ("og:title", "og:type", "og:site_name", "twitter:card"):
            assert tags.get(name), (page, name)
        assert tags["og:url"] == canonical, page
        edition = page.relative_to(sample_site).parts[0]
        assert tags["og:locale"] == {"uk": "uk_UA", "ru": "ru_RU"}.get(edition, "en_US")
        assert tags["og:type"] == ("article" if "page-article" in page.read_text() else "website")


def test_article_sharing_tags_and_image(sample_site: Path) -> None:
    [page] = sample_site.glob("2024/03/31/*/index.html")
    tags = meta(page)
    assert tags["og:title"] == INJECTION
    assert tags["og:image"] == BASE + "img/photo.jpg"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["article:published_time"] == "2024-03-31T10:00:00+03:00"
    assert tags["article:modified_time"] == "2024-03-31T19:30:00+03:00"
    plain = meta(page_of(sample_site, "topic"))
    assert "og:image" not in plain and plain["twitter:card"] == "summary"


def test_json_ld_survives_a_title_that_closes_the_script(sample_site: Path) -> None:
    [page] = sample_site.glob("2024/03/31/*/index.html")
    document = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    scripts = document.findall(".//script")
    assert [s.get("type") for s in scripts] == ["application/ld+json"] * 2
    assert "</script><script>" not in page.read_text().split("<body")[0].split("ld+json")[1]
    article, crumbs = (json.loads(s.text) for s in scripts)
    assert article["headline"] == INJECTION
    assert crumbs["itemListElement"][-1]["name"] == INJECTION


def test_news_article_json_ld(sample_site: Path) -> None:
    [page] = sample_site.glob("2024/03/31/*/index.html")
    article = structured_data(page)[0]
    assert article["@type"] == "NewsArticle"
    assert article["datePublished"] == "2024-03-31T10:00:00+03:00"
    assert article["dateModified"] == "2024-03-31T19:30:00+03:00"
    assert article["author"] == [
        {"@type": "Person", "name": "Ann Writer"},
        {"@type": "Person", "name": "Bo Reporter"},
    ]
    assert article["publisher"] == {
        "@type": "Organization",
        "name": "Digest sample: Ukraine, NATO and the EU",
        "url": BASE,
    }
    assert article["image"] == [BASE + "img/photo.jpg"]
    things = article.get("about", []) + article.get("mentions", [])
    ada = next(t for t in things if t["name"] == "Ada Example")
    assert ada == {
        "@type": "Person",
        "name": "Ada Example",
        "url": BASE + "actors/ada-example/",
        "sameAs": "https://www.wikidata.org/wiki/Q42",
    }
    ukraine = next(t for t in things if t["name"] == "Ukraine")
    assert ukraine["@type"] == "Country"


def test_actor_topic_and_archive_pages_have_schema_types_and_breadcrumbs(sample_site) -> None:
    actor = structured_data(sample_site / "actors" / "ada-example" / "index.html")
    assert actor[0]["@type"] == "Person" and actor[0]["jobTitle"] == "Minister"
    assert structured_data(sample_site / "actors" / "ukraine" / "index.html")[0]["@type"] == (
        "Country"
    )
    home = structured_data(sample_site / "index.html")
    assert [d["@type"] for d in home] == ["WebSite"]
    for kind in ("article", "topic", "actor", "archive", "year", "month", "edition"):
        page = page_of(sample_site, kind)
        data = structured_data(page)
        crumbs = [d for d in data if d["@type"] == "BreadcrumbList"]
        assert len(crumbs) == 1, kind
        items = crumbs[0]["itemListElement"]
        edition = page.relative_to(sample_site).parts[0]  # the crumbs start at its home
        assert items[0]["item"] == BASE + (f"{edition}/" if edition in ("uk", "ru") else "")
        assert [i["position"] for i in items] == list(range(1, len(items) + 1))
        assert all(i["item"].startswith(BASE) for i in items), kind
    edition = structured_data(sample_site / "2024" / "03" / "07" / "index.html")[-1]
    names = [i["name"] for i in edition["itemListElement"]]
    assert names[1:] == ["Archive", "2024", "March 2024", "7 March 2024"]


def test_404_links_only_under_the_base_path(sample_site: Path) -> None:
    document = tree(sample_site / "404.html")
    urls = [
        element.get(attribute)
        for element in document.iter()
        for attribute in ("href", "src")
        if element.get(attribute)
    ]
    assert urls
    for url in urls:
        assert url.startswith(("/repo/", "https://", "#")), url
    assert meta(sample_site / "404.html")["robots"] == "noindex"


def test_og_locale() -> None:
    assert og_locale("en") == "en_US"
    assert og_locale("en-GB") == "en_GB"
    assert og_locale("uk") == "uk_UA"
    assert og_locale("de") == "de_DE"


def test_init_writes_a_pages_workflow_that_builds_and_deploys(tmp_path: Path) -> None:
    assert run("init", tmp_path / "news").exit_code == 0
    workflow = yaml.safe_load((tmp_path / "news/.github/workflows/pages.yml").read_text())
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"]["group"] == "pages"
    assert "DIGEST_SPEC" in workflow["env"]
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    uses = [step.get("uses", "").split("@")[0] for step in build["steps"]]
    assert uses[:3] == ["actions/checkout", "actions/configure-pages", "actions/setup-python"]
    assert uses[-1] == "actions/upload-pages-artifact"
    assert build["steps"][-1]["with"]["path"] == "site"
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert 'pip install "$DIGEST_SPEC"' in runs
    assert 'digest build --base-url "${{ steps.pages.outputs.base_url }}"' in runs
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_install_spec_from_pips_record() -> None:
    git = '{"url": "https://github.com/o/digest", "vcs_info": {"vcs": "git", "commit_id": "abc"}}'
    assert install_spec(git, "0.1.0") == "digest @ git+https://github.com/o/digest@abc"
    assert install_spec('{"url": "https://x.org/d.whl", "archive_info": {}}', "0.1.0") == (
        "digest @ https://x.org/d.whl"
    )
    assert install_spec('{"url": "file:///work/digest", "dir_info": {}}', "0.1.0") == ""
    assert install_spec(None, "0.1.0") == "digest==0.1.0"
    spec = yaml.safe_load(pages_workflow("digest @ git+https://h/o/d@v1"))["env"]["DIGEST_SPEC"]
    assert spec == "${{ vars.DIGEST_SPEC || 'digest @ git+https://h/o/d@v1' }}"


def test_config_checks_cname_and_feeds(make_site) -> None:
    root = make_site({}, config='cname = "https://news.example.org/"\n[feeds]\nlength = 0\n')
    result = run("build", root)
    assert result.exit_code == 2
    assert "digest.toml:1: `cname` must be a host name" in result.output
    assert "digest.toml:3: `feeds.length` must be at least 1" in result.output
