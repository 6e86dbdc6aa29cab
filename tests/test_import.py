"""`digest import`: feeds, OPML lists and pages, from files and from a real local HTTP server,
into Markdown files that digest itself reads back."""

from __future__ import annotations

import contextlib
import hashlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from digest.cli import cli
from digest.config import SiteConfig, load_config
from digest.content.frontmatter import split_front_matter
from digest.importing.fetch import FetchSettings
from digest.importing.ledger import LEDGER_FILE
from digest.importing.run import ImportOptions, ImportReport, run_import

FIXTURES = Path(__file__).parent / "fixtures" / "import"
NOW = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)
QUICK = FetchSettings(timeout=2.0, retries=0, backoff=0)


@dataclass
class Route:
    body: bytes
    content_type: str = "application/xml"
    status: int = 200
    location: str = ""
    delay: float = 0.0


@dataclass
class Server:
    """A local HTTP server with routes the test sets; it answers conditional requests with
    an ETag of the body, and counts what it was asked."""

    url: str
    routes: dict[str, Route] = field(default_factory=dict)
    requests: Counter[str] = field(default_factory=Counter)
    not_modified: Counter[str] = field(default_factory=Counter)

    def serve(self, path: str, body: bytes | str, content_type: str = "application/xml") -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type)
        return self.url + path

    def fixture(self, name: str, content_type: str = "application/xml") -> str:
        return self.serve(f"/{name}", (FIXTURES / name).read_bytes(), content_type)


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.requests[self.path] += 1
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            time.sleep(route.delay)
            if route.location:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
            if self.headers.get("If-None-Match") == etag:
                server.not_modified[self.path] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            self.send_header("Content-Length", str(len(route.body)))
            self.send_header("ETag", etag)
            self.end_headers()
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)  # unless the client gave up: too slow, too large

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[Server]:
    state = Server("")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def project(tmp_path: Path) -> SiteConfig:
    (tmp_path / "digest.toml").write_text('title = "Imports"\nlanguage = "en"\n', "utf-8")
    (tmp_path / "content").mkdir()
    return load_config(tmp_path)


def imported(config: SiteConfig, *sources: str, **options: object) -> ImportReport:
    into = config.root / "content" / "_imported"
    settings = ImportOptions(tuple(sources), into, fetch=QUICK, **options)  # type: ignore[arg-type]
    return run_import(config, settings, now=NOW)


def front_matter(path: Path) -> dict[str, object]:
    """The file's front matter, dates as ISO 8601 text."""
    fields = split_front_matter(str(path), path.read_text("utf-8")).fields
    return {
        key: value.isoformat() if isinstance(value, datetime) else value
        for key, value in fields.items()
    }


def files_of(config: SiteConfig) -> dict[str, bytes]:
    folder = config.root / "content" / "_imported"
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_an_rss_feed_becomes_one_file_per_article(project: SiteConfig) -> None:
    report = imported(project, str(FIXTURES / "rss2.xml"))
    assert len(report.new) == 4  # the fifth entry has no title, text or link
    assert any("entry 5 skipped" in warning for warning in report.warnings)
    folder = project.root / "content" / "_imported"
    aid = front_matter(folder / "2024-03-05-ministers-agree-on-aid-package-loans.md")
    assert aid["title"] == "Ministers agree on aid package & loans"
    assert str(aid["date"]).startswith("2024-03-05T09:30:00+01:00")
    assert aid["authors"] == ["Olena Kovalenko"]
    assert aid["source"] == "Kyiv Evening & Morning"
    assert aid["source_url"] == "https://kyiv-evening.example/news/aid-package?id=7"
    assert aid["topics"] == ["Military aid", "European Union"]
    assert aid["language"] == "en"
    assert aid["image"] == "https://kyiv-evening.example/img/lead.jpg"
    body = (folder / "2024-03-05-ministers-agree-on-aid-package-loans.md").read_text("utf-8")
    assert "[air defence](https://kyiv-evening.example/topics/air-defence)" in body
    assert "## What happens next" in body


def test_each_kind_of_feed_is_read(project: SiteConfig) -> None:
    sources = ["atom.xml", "feed.json", "rss1.rdf", "rss091.xml", "broken.xml"]
    report = imported(project, *(str(FIXTURES / name) for name in sources))
    assert report.failed == ()
    titles = {
        str(front_matter(project.root / "content" / "_imported" / name)["title"])
        for name in report.new
    }
    assert titles == {
        "Parliament backs new sanctions",
        "Talks on enlargement resume",
        "Уряд схвалив нову програму відновлення",
        "Львів приймає міжнародну конференцію",
        "Wire service reports ceasefire talks",
        "Café owners welcome reopening",
        "Mayor says roads & bridges will be repaired",
        "Unclosed item about schools",
    }
    assert any("not well-formed" in warning for warning in report.warnings)  # broken.xml


def test_imported_articles_build(project: SiteConfig) -> None:
    """digest reads every imported file without a problem, with the fields the source gave."""
    from digest.build import build

    sources = ["rss2.xml", "atom.xml", "feed.json", "rss1.rdf", "page.html"]
    imported(project, *(str(FIXTURES / name) for name in sources))
    result = build(project)
    assert [str(problem) for problem in result.problems] == []
    assert result.articles == 4 + 2 + 2 + 1 + 1


def test_importing_again_changes_nothing(project: SiteConfig) -> None:
    sources = [str(FIXTURES / name) for name in ("rss2.xml", "atom.xml", "feed.json")]
    first = imported(project, *sources)
    before = files_of(project)
    again = imported(project, *sources)
    assert (again.new, again.updated, again.skipped) == ((), (), ())
    assert again.unchanged == len(first.new)
    assert files_of(project) == before  # the ledger too


def test_a_changed_article_updates_its_file(project: SiteConfig, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    text = (FIXTURES / "rss2.xml").read_text("utf-8")
    feed.write_text(text, "utf-8")
    imported(project, str(feed))
    feed.write_text(text.replace("Repairs to the substation", "Repairs to the main substation"))
    report = imported(project, str(feed))
    assert report.updated == ("2024-03-04-power-restored-in-kharkiv-after-overnight-strike.md",)
    assert report.new == ()
    path = project.root / "content" / "_imported" / report.updated[0]
    assert "main substation" in path.read_text("utf-8")


def test_a_file_the_user_edited_is_never_overwritten(project: SiteConfig, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    text = (FIXTURES / "rss2.xml").read_text("utf-8")
    feed.write_text(text, "utf-8")
    imported(project, str(feed))
    path = project.root / "content" / "_imported"
    edited = path / "2024-03-04-power-restored-in-kharkiv-after-overnight-strike.md"
    mine = edited.read_text("utf-8").replace("most of Kharkiv", "all of Kharkiv (our note)")
    edited.write_text(mine, "utf-8")
    feed.write_text(text.replace("Repairs to the substation", "Repairs to the main substation"))
    report = imported(project, str(feed))
    assert edited.read_text("utf-8") == mine
    assert report.updated == ()
    assert [skipped.why for skipped in report.skipped] == [
        f"{edited.name} was edited since it was imported; your edits are kept"
    ]


def test_a_deleted_file_is_not_written_again(project: SiteConfig, tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    text = (FIXTURES / "rss2.xml").read_text("utf-8")
    feed.write_text(text, "utf-8")
    imported(project, str(feed))
    gone = (
        project.root
        / "content/_imported/2024-03-04-power-restored-in-kharkiv-after-overnight-strike.md"
    )
    gone.unlink()
    assert imported(project, str(feed)).new == ()  # the source gives it as before
    feed.write_text(text.replace("Repairs to the substation", "Repairs to the main substation"))
    report = imported(project, str(feed))
    assert not gone.exists()
    assert [skipped.why for skipped in report.skipped] == [
        f"{gone.name} was deleted since it was imported"
    ]


def test_a_file_of_the_same_name_is_left_alone(project: SiteConfig) -> None:
    folder = project.root / "content" / "_imported"
    folder.mkdir()
    mine = folder / "2024-03-06-parliament-backs-new-sanctions.md"
    mine.write_text("---\ntitle: Mine\ndate: 2024-03-06\n---\n\nMy own article.\n", "utf-8")
    report = imported(project, str(FIXTURES / "atom.xml"))
    assert mine.read_text("utf-8").endswith("My own article.\n")
    assert "2024-03-06-parliament-backs-new-sanctions-2.md" in report.new


def test_the_same_article_under_another_address_is_recognised(
    project: SiteConfig, tmp_path: Path
) -> None:
    """Tracking parameters do not make an article new; neither does the same text elsewhere."""
    text = (FIXTURES / "rss2.xml").read_text("utf-8")
    imported(project, str(FIXTURES / "rss2.xml"))
    moved = tmp_path / "moved.xml"
    moved.write_text(
        text.replace("?utm_source=rss&amp;utm_medium=feed&amp;id=7", "?id=7&amp;utm_campaign=x")
        .replace('<guid isPermaLink="false">ke-1001</guid>', "")
        .replace(
            "https://kyiv-evening.example/news/grain-ships", "https://mirror.example/grain-ships"
        ),
        "utf-8",
    )
    report = imported(project, str(moved))
    assert report.new == ()
    assert [skipped.why for skipped in report.skipped] == [
        "the same text as 2026-11-28-grain-corridor-ships-leave-odesa.md".replace(
            "2026-11-28", NOW.strftime("%Y-%m-%d")
        )
    ]


def test_since_and_limit_choose_the_newest(project: SiteConfig) -> None:
    since = datetime(2024, 3, 4, tzinfo=UTC)
    report = imported(project, str(FIXTURES / "rss2.xml"), since=since)
    titles = sorted(
        str(front_matter(project.root / "content/_imported" / n)["title"]) for n in report.new
    )
    assert titles == [
        "Grain corridor ships leave Odesa",  # undated: kept
        "Ministers agree on aid package & loans",
        "Power restored in Kharkiv after overnight strike",
    ]
    other = load_config(project.root)
    (project.root / "content" / "_imported" / LEDGER_FILE).unlink()
    for name in report.new:
        (project.root / "content" / "_imported" / name).unlink()
    limited = imported(other, str(FIXTURES / "atom.xml"), limit=1)
    assert [
        str(front_matter(other.root / "content/_imported" / n)["title"]) for n in limited.new
    ] == ["Parliament backs new sanctions"]


def test_an_article_without_a_date_keeps_the_date_it_was_first_imported(
    project: SiteConfig,
) -> None:
    imported(project, str(FIXTURES / "rss091.xml"))
    path = project.root / "content/_imported/2024-03-10-cafe-owners-welcome-reopening.md"
    assert str(front_matter(path)["date"]).startswith("2024-03-10T12:00:00")
    later = ImportOptions(
        (str(FIXTURES / "rss091.xml"),), project.root / "content/_imported", fetch=QUICK
    )
    report = run_import(project, later, now=datetime(2024, 4, 1, tzinfo=UTC))
    assert report.unchanged == 1 and report.new == ()


def test_file_names_stay_in_the_import_folder(project: SiteConfig, tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.xml"
    hostile.write_text(
        '<rss version="2.0"><channel><title>x</title>'
        "<item><title>../../../etc/passwd</title><link>https://h.example/1</link>"
        "<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>a</description></item>"
        "<item><title>.hidden</title><link>https://h.example/2</link>"
        "<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>b</description></item>"
        "</channel></rss>",
        "utf-8",
    )
    report = imported(project, str(hostile))
    assert sorted(report.new) == ["2024-03-04-etc-passwd.md", "2024-03-04-hidden.md"]
    assert sorted(files_of(project)) == sorted([*report.new, LEDGER_FILE])


def test_the_import_folder_must_be_inside_the_content_folder(project: SiteConfig) -> None:
    from digest.errors import DigestError

    options = ImportOptions((str(FIXTURES / "atom.xml"),), project.root / "elsewhere")
    with pytest.raises(DigestError, match="outside the content folder"):
        run_import(project, options, now=NOW)
    assert not (project.root / "elsewhere").exists()


def test_a_damaged_ledger_stops_the_import(project: SiteConfig) -> None:
    from digest.errors import DigestError

    folder = project.root / "content" / "_imported"
    folder.mkdir()
    (folder / LEDGER_FILE).write_text("{not json", "utf-8")
    with pytest.raises(DigestError, match="damaged"):
        imported(project, str(FIXTURES / "atom.xml"))
    assert sorted(path.name for path in folder.iterdir()) == [LEDGER_FILE]


def test_feeds_over_http_are_fetched_conditionally(project: SiteConfig, server: Server) -> None:
    rss = server.fixture("rss2.xml", "application/rss+xml")
    atom = server.fixture("atom.xml", "application/atom+xml")
    first = imported(project, rss, atom)
    assert len(first.new) == 6
    again = imported(project, rss, atom)
    assert again.not_modified == (rss, atom)
    assert server.not_modified == Counter({"/rss2.xml": 1, "/atom.xml": 1})
    assert (again.new, again.updated) == ((), ())


def test_other_options_fetch_the_whole_feed_again(project: SiteConfig, server: Server) -> None:
    rss = server.fixture("rss2.xml")
    imported(project, rss, limit=1)
    report = imported(project, rss)
    assert report.not_modified == ()
    assert len(report.new) == 3


def test_an_opml_list_imports_its_feeds(project: SiteConfig, server: Server) -> None:
    for name in ("rss2.xml", "feed.json", "atom.xml"):
        server.fixture(name, "application/json" if name.endswith(".json") else "text/xml")
    opml = server.fixture("list.opml", "text/x-opml")
    report = imported(project, opml)
    assert report.failed == ()
    assert len(report.new) == 4 + 2 + 2
    assert set(server.requests) == {"/list.opml", "/rss2.xml", "/feed.json", "/atom.xml"}
    again = imported(project, opml)  # the list is read again, its feeds asked conditionally
    assert server.requests["/list.opml"] == 2 and server.not_modified["/list.opml"] == 0
    assert sorted(again.not_modified) == sorted(
        server.url + path for path in ("/rss2.xml", "/feed.json", "/atom.xml")
    )


def test_a_failing_source_is_reported_and_the_others_import(
    project: SiteConfig, server: Server
) -> None:
    atom = server.fixture("atom.xml")
    missing = server.url + "/gone.xml"
    report = imported(project, missing, atom, str(project.root / "no-such-file.xml"))
    assert len(report.new) == 2
    assert [(failed.what, failed.why) for failed in report.failed] == [
        (missing, "HTTP 404 Not Found"),
        (str(project.root / "no-such-file.xml"), "cannot read the file: No such file or directory"),
    ]


def test_an_article_page_is_imported_without_its_surroundings(
    project: SiteConfig, server: Server
) -> None:
    page = server.fixture("page.html", "text/html; charset=utf-8")
    report = imported(project, page)
    [name] = report.new
    path = project.root / "content" / "_imported" / name
    fields = front_matter(path)
    assert fields["title"] == "Ministers agree on aid package"
    assert fields["authors"] == ["Jane Reporter"]
    assert fields["source"] == "The Daily Example"
    assert str(fields["date"]).startswith("2024-03-05T09:30:00+01:00")
    body = path.read_text("utf-8").split("---", 2)[2]
    assert "air defence systems" in body
    for surrounding in ("Most read", "Celebrity gossip", "First!", "Cookie policy", "Subscribe"):
        assert surrounding not in body


def test_full_text_fetches_each_page_once(project: SiteConfig, server: Server) -> None:
    page = (FIXTURES / "page.html").read_text("utf-8")
    server.serve("/news/aid", page, "text/html")
    feed = server.serve(
        "/feed.xml",
        '<rss version="2.0"><channel><title>Daily Example</title>'
        f"<item><title>Ministers agree on aid package</title><link>{server.url}/news/aid</link>"
        "<pubDate>Tue, 05 Mar 2024 09:30:00 +0100</pubDate>"
        "<description>Ministers agreed.</description></item></channel></rss>",
    )
    report = imported(project, feed, full_text=True)
    [name] = report.new
    body = (project.root / "content/_imported" / name).read_text("utf-8")
    assert "rebuilding the energy grid" in body and "First!" not in body
    imported(project, feed, full_text=True)
    assert server.requests["/news/aid"] == 1  # the article had not changed in its feed


def test_languages_come_from_the_feed_or_the_text(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text(
        'language = "en"\n[languages.en]\nname = "English"\n'
        '[languages.uk]\nname = "Українська"\nprefix = "uk"\n',
        "utf-8",
    )
    (tmp_path / "content").mkdir()
    config = load_config(tmp_path)
    german = tmp_path / "de.xml"
    german.write_text(
        '<rss version="2.0"><channel><title>Zeitung</title><item><title>Die Regierung hat '
        "heute neue Hilfen beschlossen</title><link>https://z.example/1</link><pubDate>Mon, 04 "
        "Mar 2024 10:00:00 GMT</pubDate><description>Die Bundesregierung hat am Montag ein neues "
        "Hilfspaket für die Ukraine beschlossen, teilte ein Sprecher in Berlin mit."
        "</description></item></channel></rss>",
        "utf-8",
    )
    report = imported(config, str(FIXTURES / "feed.json"), str(FIXTURES / "atom.xml"), str(german))
    languages = {
        str(front_matter(tmp_path / "content/_imported" / name)["language"]) for name in report.new
    }
    assert languages == {"uk", "en"}
    assert [skipped.why for skipped in report.skipped] == [
        "in de, which digest.toml does not publish"
    ]


def test_the_command_line_summarises_and_fails_on_a_failed_source(
    project: SiteConfig, server: Server
) -> None:
    atom = server.fixture("atom.xml")
    runner = CliRunner()
    arguments = ["import", atom, server.url + "/gone.xml", str(project.root)]
    result = runner.invoke(cli, arguments)
    assert result.exit_code == 1, result.output
    assert "2 new, 0 updated, 0 unchanged, 0 skipped, 1 source failed" in result.stdout
    assert f"{server.url}/gone.xml: failed: HTTP 404 Not Found" in result.stderr
    again = runner.invoke(cli, ["import", atom, str(project.root)])
    assert again.exit_code == 0
    assert again.stdout.strip() == "0 new, 0 updated, 0 unchanged, 0 skipped, 1 source not modified"


def test_the_command_line_imports_the_configured_sources(tmp_path: Path) -> None:
    (tmp_path / "digest.toml").write_text(
        '[import]\nsources = ["feeds/atom.xml"]\ninto = "content/news"\n', "utf-8"
    )
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "atom.xml").write_bytes((FIXTURES / "atom.xml").read_bytes())
    result = CliRunner().invoke(cli, ["import", str(tmp_path)])
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in (tmp_path / "content" / "news").iterdir())
    assert written == [
        LEDGER_FILE,
        "2024-03-05-talks-on-enlargement-resume.md",
        "2024-03-06-parliament-backs-new-sanctions.md",
    ]
    ledger = json.loads((tmp_path / "content" / "news" / LEDGER_FILE).read_text("utf-8"))
    assert [entry["file"] for entry in ledger["articles"]] == written[1:]


def test_init_with_feeds_writes_an_hourly_import_workflow(tmp_path: Path) -> None:
    import jsonschema
    from check_jsonschema.builtin_schemas import get_builtin_schema
    from ruamel.yaml import YAML  # YAML 1.2, as GitHub reads it: `on` is a key, not True

    feeds = ["https://a.example/feed.xml", "https://b.example/rss?x=1&y=2"]
    arguments = ["init", str(tmp_path / "news")] + [f"--feeds={feed}" for feed in feeds]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.output
    config = load_config(tmp_path / "news")
    assert config.imports.sources == tuple(feeds)
    schema = get_builtin_schema("vendor.github-workflows")
    workflows = tmp_path / "news" / ".github" / "workflows"
    yaml = YAML(typ="safe")
    for path in workflows.iterdir():  # GitHub's workflow schema, as SchemaStore publishes it
        jsonschema.validate(yaml.load(path.read_text("utf-8")), schema)
    workflow = yaml.load((workflows / "import.yml").read_text("utf-8"))
    assert workflow["on"]["schedule"] == [{"cron": "17 * * * *"}]
    assert workflow["permissions"]["contents"] == "write"
    steps = workflow["jobs"]["import"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "digest import" in runs
    assert any("git push" in run for run in runs)
    build = workflow["jobs"]["build"]
    assert build["needs"] == "import"
    assert any("digest build" in step.get("run", "") for step in build["steps"])
    assert workflow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages@")


def test_init_refuses_a_feed_that_is_not_a_url(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "news"), "--feeds", "feed.xml"])
    assert result.exit_code == 2
    assert "not an http(s) URL" in result.output
    assert not (tmp_path / "news").exists()


def test_a_digest_feed_imports_with_its_titles_dates_and_sources(
    project: SiteConfig, tmp_path: Path
) -> None:
    """Round trip: the Atom feed a digest site exports, imported into a new project."""
    from conftest import build_project, write_files

    exporter = tmp_path / "exporter"
    write_files(
        exporter,
        {
            "digest.toml": 'title = "Exporter Digest"\nbase_url = "https://exporter.example/"\n',
            "content/a.md": "---\ntitle: Talks resume in Geneva\ndate: 2024-03-01T10:00:00+01:00\n"
            "source: Geneva Wire\nsource_url: https://wire.example/geneva\n---\n\nTalks resumed.\n",
            "content/b.md": "---\ntitle: Farmers block the border\ndate: 2024-03-02T08:30:00Z\n"
            "source: Border Post\n---\n\nFarmers blocked the border crossing again.\n",
            "content/c.md": "---\ntitle: Our own report & analysis\ndate: 2024-03-03\n---\n\n"
            "Written here.\n",
        },
    )
    assert build_project(exporter).errors == ()
    report = imported(project, str(exporter / "site" / "feed.xml"))
    assert report.failed == ()
    found = {}
    for name in report.new:
        fields = front_matter(project.root / "content" / "_imported" / name)
        found[fields["title"]] = (datetime.fromisoformat(str(fields["date"])), fields["source"])
    assert found == {
        "Talks resume in Geneva": (datetime(2024, 3, 1, 9, tzinfo=UTC), "Geneva Wire"),
        "Farmers block the border": (datetime(2024, 3, 2, 8, 30, tzinfo=UTC), "Border Post"),
        "Our own report & analysis": (datetime(2024, 3, 3, tzinfo=UTC), "Exporter Digest"),
    }


def test_the_same_news_from_two_outlets_becomes_one_story(
    project: SiteConfig, tmp_path: Path
) -> None:
    from test_stories import REWRITE, REWRITE_TITLE, WIRE, WIRE_TITLE

    def feed(outlet: str, title: str, text: str, published: str) -> Path:
        paragraphs = "".join(f"<p>{part}</p>" for part in text.split("\n\n"))
        path = tmp_path / f"{outlet}.xml"
        path.write_text(
            f'<rss version="2.0"><channel><title>{outlet}</title><item><title>{title}</title>'
            f"<link>https://{outlet}.example/rates</link><pubDate>{published}</pubDate>"
            f"<description><![CDATA[{paragraphs}]]></description></item></channel></rss>",
            "utf-8",
        )
        return path

    wire = feed("wire", WIRE_TITLE, WIRE, "Thu, 07 Mar 2024 12:00:00 GMT")
    paper = feed("paper", REWRITE_TITLE, REWRITE, "Thu, 07 Mar 2024 15:00:00 GMT")
    assert len(imported(project, str(wire), str(paper)).new) == 2
    result = CliRunner().invoke(cli, ["analyze", str(project.root), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert records[0]["story"] is not None
    assert records[0]["story"] == records[1]["story"]


def test_hostile_html_in_a_feed_reaches_the_built_page_harmless(
    project: SiteConfig, tmp_path: Path
) -> None:
    """The hostile fixture as a feed entry's body: imported, built, and read back from the
    article's page as a browser parses it."""
    from xml.sax.saxutils import escape

    from conftest import build_project
    from test_import_cleaning import elements, unsafe_parts

    hostile = (FIXTURES / "hostile.html").read_text("utf-8")
    feed = tmp_path / "hostile.xml"
    feed.write_text(
        '<rss version="2.0"><channel><title>Hostile &lt;script&gt;alert(1)&lt;/script&gt;</title>'
        "<item><title>An &lt;img src=x onerror=alert(1)&gt; title</title>"
        "<link>https://hostile.example/a</link><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>"
        f"<description>{escape(hostile)}</description></item></channel></rss>",
        "utf-8",
    )
    [name] = imported(project, str(feed)).new
    assert build_project(project.root).errors == ()
    [page] = (project.root / "site").glob("2024/03/04/*/index.html")
    everything = elements(page.read_text("utf-8"))
    [body] = [e for e in everything if "story-body" in e.get("class", "").split()]
    found = [element for element in body.iter() if element is not body]
    assert len(found) > 10  # the article in the hostile page is there
    assert unsafe_parts(found) == []
    assert [e.tag for e in everything if e.tag in ("iframe", "object", "embed", "style")] == []
    for script in (e for e in everything if e.tag == "script"):  # the theme's structured data
        assert script.get("type") == "application/ld+json"
        assert "alert(1)" in json.dumps(json.loads(script.text or ""))  # the title, as data
    assert [a for e in everything for a in e.attrib if a.lower().startswith("on")] == []
    assert (
        "An <img src=x onerror=alert(1)> title"
        in front_matter(project.root / "content" / "_imported" / name)["title"]
    )


def test_an_import_stopped_half_way_keeps_what_it_wrote(project: SiteConfig) -> None:
    """Stopped after the first file (Ctrl-C), the ledger still knows it: the next import
    writes the others, and no copy of the first."""

    def stop_after_one(stage: str, done: int, total: int) -> None:
        if stage == "write" and done == 1:
            raise KeyboardInterrupt

    into = project.root / "content" / "_imported"
    options = ImportOptions((str(FIXTURES / "atom.xml"),), into, fetch=QUICK)
    with pytest.raises(KeyboardInterrupt):
        run_import(project, options, now=NOW, progress=stop_after_one)
    assert len(files_of(project)) == 2  # one article and the ledger
    report = run_import(project, options, now=NOW)
    assert (len(report.new), report.unchanged) == (1, 1)
    assert len(files_of(project)) == 3


def test_importing_again_leaves_the_ledger_untouched(project: SiteConfig) -> None:
    imported(project, str(FIXTURES / "atom.xml"))
    ledger = project.root / "content" / "_imported" / LEDGER_FILE
    before = ledger.stat().st_mtime_ns
    imported(project, str(FIXTURES / "atom.xml"))
    assert ledger.stat().st_mtime_ns == before


def test_slow_oversized_and_redirected_sources(project: SiteConfig, server: Server) -> None:
    """A source that times out and one too large fail with their reasons; a redirected feed
    is read from where it ends, its relative links made absolute there."""
    atom = server.fixture("atom.xml")
    server.routes["/slow.xml"] = Route((FIXTURES / "rss2.xml").read_bytes(), delay=1.0)
    server.serve("/big.xml", b"<rss>" + b" " * 200_000 + b"</rss>")
    server.routes["/moved.xml"] = Route(b"", status=301, location="/archive/feed.xml")
    server.serve(
        "/archive/feed.xml",
        '<rss version="2.0"><channel><title>Moved</title><item><title>Moved article</title>'
        "<link>story.html</link><pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate>"
        "<description>Text.</description></item></channel></rss>",
    )
    settings = FetchSettings(timeout=0.3, retries=0, backoff=0, max_bytes=100_000)
    sources = (server.url + "/slow.xml", server.url + "/big.xml", server.url + "/moved.xml", atom)
    into = project.root / "content" / "_imported"
    report = run_import(project, ImportOptions(sources, into, fetch=settings), now=NOW)
    assert [(failed.what, failed.why) for failed in report.failed] == [
        (server.url + "/slow.xml", "timed out after 0.3 s"),
        (server.url + "/big.xml", "response larger than 100 kB"),
    ]
    assert len(report.new) == 3
    moved = front_matter(into / "2024-03-04-moved-article.md")
    assert moved["source_url"] == server.url + "/archive/story.html"


def test_duplicate_ids_and_a_wrong_encoding_are_read_with_warnings(
    project: SiteConfig, tmp_path: Path
) -> None:
    feed = tmp_path / "feed.xml"
    item = (
        "<item><title>{title}</title><guid>same-id</guid><link>https://x.example/{n}</link>"
        "<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>Text.</description></item>"
    )
    feed.write_bytes(
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Caf\xe9'
            "</title>"
            + item.format(title="Na\xefve caf\xe9 \u2019quoted\u2019", n=1)
            + item.format(title="Another article, same id", n=2)
            + "</channel></rss>"
        ).encode("cp1252")
    )
    report = imported(project, str(feed))
    [name] = report.new
    fields = front_matter(project.root / "content" / "_imported" / name)
    assert (fields["title"], fields["source"]) == ("Naïve café ’quoted’", "Café")
    assert f"{feed}: entry 2 skipped: the id of entry 1 again" in report.warnings
    assert any("declared as utf-8" in warning for warning in report.warnings)


def test_a_saved_page_is_known_by_its_canonical_address(project: SiteConfig) -> None:
    report = imported(project, str(FIXTURES / "page.html"))
    [name] = report.new
    fields = front_matter(project.root / "content" / "_imported" / name)
    assert fields["source_url"] == "https://daily.example/news/aid-package"  # no utm_source
    assert fields["image"] == "https://daily.example/img/lead.jpg"
    assert imported(project, str(FIXTURES / "page.html")).unchanged == 1


def test_a_front_page_imports_the_feed_it_announces(project: SiteConfig, server: Server) -> None:
    server.fixture("rss2.xml", "application/rss+xml")
    front = server.serve(
        "/",
        "<!doctype html><html><head><title>Kyiv Evening</title>"
        '<link rel="alternate" type="application/rss+xml" href="/rss2.xml">'
        "</head><body><nav><a href='/news'>News</a></nav><h1>Kyiv Evening</h1>"
        "<p>Today's headlines, updated every hour by our newsroom in Kyiv.</p></body></html>",
        "text/html",
    )
    report = imported(project, front)
    assert report.failed == ()
    assert len(report.new) == 4
    assert f"{front}: a front page; importing its feed {server.url}/rss2.xml" in report.warnings


def test_an_article_page_announcing_the_sites_feed_is_still_an_article(
    project: SiteConfig, server: Server
) -> None:
    page = (
        (FIXTURES / "page.html")
        .read_text("utf-8")
        .replace(
            "</head>",
            '<link rel="alternate" type="application/rss+xml" href="/rss2.xml"></head>',
        )
    )
    server.fixture("rss2.xml")
    report = imported(project, server.serve("/news/aid-package", page, "text/html"))
    [name] = report.new
    assert name.endswith("ministers-agree-on-aid-package.md")
    assert "/rss2.xml" not in server.requests


def test_control_characters_and_lone_surrogates_never_break_a_file(
    project: SiteConfig, tmp_path: Path
) -> None:
    """What YAML refuses or UTF-8 cannot hold is dropped: every file written builds."""
    from conftest import build_project

    feed = tmp_path / "feed.json"
    feed.write_text(
        json.dumps(
            {
                "version": "https://jsonfeed.org/version/1.1",
                "title": "Out\x7flet\x9f",
                "items": [
                    {
                        "id": "https://c.example/1",
                        "url": "https://c.example/1",
                        "title": "Bell\x07 and \x85next \ud83d line\x9f",
                        "content_text": "Text with \x1b[31m escapes \x00 and \ud83d a surrogate.",
                        "date_published": "2024-03-04T10:00:00Z",
                        "authors": [{"name": "A\x0cuthor"}],
                        "tags": ["Tag\x7f"],
                        "summary": "Sum\x9fmary",
                    }
                ],
            }
        ),
        "utf-8",
    )
    [name] = imported(project, str(feed)).new
    fields = front_matter(project.root / "content" / "_imported" / name)
    assert fields["source"] == "Outlet"
    assert fields["authors"] == ["Author"]
    assert fields["topics"] == ["Tag"]
    assert build_project(project.root).errors == ()


def test_changing_the_import_sources_does_not_rebuild_the_site(tmp_path: Path) -> None:
    from conftest import write_files

    from digest.build import build
    from digest.cache import CACHE_DIR, BuildCache

    def built() -> list[str]:
        cache = BuildCache(tmp_path / CACHE_DIR, settle_ns=1_000_000)  # settled after 1 ms
        result = build(load_config(tmp_path), cache=cache)
        assert result.errors == ()
        return list(result.timings)

    config = '[import]\nsources = ["https://a.example/feed.xml"]\n'
    write_files(tmp_path, {"digest.toml": config, "content/a.md": "# A\n\nText.\n"})
    built()
    (tmp_path / "digest.toml").write_text(config.replace("a.example", "b.example"), "utf-8")
    assert built() == ["theme", "check"]  # nothing to do
    (tmp_path / "digest.toml").write_text('title = "Other"\n' + config, "utf-8")
    assert "render" in built()  # but any other setting makes a build
