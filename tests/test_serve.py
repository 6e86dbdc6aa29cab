"""`digest serve` end to end: the real server on a free port, files edited on disk, SSE read."""

from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import REPO, article_md, run, write_files

from digest.build import BuildResult, build
from digest.config import SiteConfig
from digest.serve.builder import PreviewBuilder
from digest.serve.changes import ChangeSet
from digest.serve.live import BuildReport
from digest.serve.server import PortInUse, PreviewServer

BASE = "/repo/"
ARTICLE = BASE + "2024/03/01/hello/"
TIMEOUT = 10.0
BROKEN = "---\ntitle: Hello\ndate: [oops\n---\n\nBroken.\n"


SITE = {
    "content/hello.md": article_md("Hello", "2024-03-01", body="First words."),
    "content/other.md": article_md("Other", "2024-03-02"),
    "static/extra.css": "body { color: black; }\n",
    "digest.toml": f'title = "Preview"\nbase_url = "{BASE}"\n',
}


@pytest.fixture
def project(make_site: Callable[..., Path]) -> Path:
    return make_site(SITE)


class Preview:
    """A running PreviewServer, with helpers to request pages and read its event stream."""

    def __init__(self, server: PreviewServer) -> None:
        self.server = server
        self.reports: queue.SimpleQueue[BuildReport] = queue.SimpleQueue()

    @property
    def port(self) -> int:
        return self.server.port

    def get(self, path: str, host: str = "127.0.0.1") -> tuple[int, dict[str, str], bytes]:
        return get(self.port, path, host)

    def events(self, path: str = BASE + "__digest__/events", host: str = "127.0.0.1") -> Events:
        return Events(host, self.port, path)


def get(port: int, path: str, host: str = "127.0.0.1") -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one request."""
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


class Events:
    """Reads a server-sent event stream on a thread; `next(name)` waits for one event."""

    def __init__(self, host: str, port: int, path: str) -> None:
        self.connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        self.connection.request("GET", path)
        self.response = self.connection.getresponse()
        self.queue: queue.SimpleQueue[tuple[str, dict]] = queue.SimpleQueue()
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        name, data = "message", ""
        try:
            for raw in self.response.fp:
                line = raw.decode().rstrip("\r\n")
                if line.startswith("event: "):
                    name = line[7:]
                elif line.startswith("data: "):
                    data += line[6:]
                elif not line and data:
                    self.queue.put((name, json.loads(data)))
                    name, data = "message", ""
        except (OSError, ValueError):
            pass
        self.queue.put(("closed", {}))

    def next(self, name: str, timeout: float = TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            got, data = self.queue.get(timeout=max(0.01, deadline - time.monotonic()))
            if got == name:
                return data
            assert got != "closed", f"stream closed while waiting for {name}"

    def close(self) -> None:
        if self.connection.sock is not None:
            self.connection.sock.shutdown(socket.SHUT_RDWR)
        self.connection.close()


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    server = PreviewServer(
        project, PreviewBuilder(), port=0, quiet=0.2
    )  # margin for a busy machine
    running = Preview(server)
    server.start()
    server.on_build = running.reports.put  # the reports of rebuilds, not of the first build
    yield running
    server.stop()


@pytest.fixture(scope="module")
def still(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    """One server for the tests that only read: nothing is edited."""
    root = write_files(tmp_path_factory.mktemp("still"), SITE)
    with PreviewServer(root, PreviewBuilder(), port=0) as server:
        yield Preview(server)


def edit(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def test_an_edit_sends_a_reload_event_and_serves_the_new_page(
    preview: Preview, project: Path
) -> None:
    events = preview.events()
    hello = events.next("hello")
    assert hello["problems"] == []
    edit(project / "content/hello.md", article_md("Hello", "2024-03-01", body="Second words."))
    built = events.next("build")
    assert built["id"] != hello["id"]
    assert built == {"id": built["id"], "failed": False, "styles": False, "problems": []}
    status, _, body = preview.get(ARTICLE)
    assert status == 200
    assert b"Second words." in body
    assert preview.reports.get(timeout=TIMEOUT).changes.content_changed == (
        str(project / "content/hello.md"),
    )
    events.close()


def test_broken_front_matter_shows_problems_then_recovers(preview: Preview, project: Path) -> None:
    events = preview.events()
    events.next("hello")
    edit(project / "content/hello.md", BROKEN)
    broken = events.next("build")
    assert broken["failed"] is False  # the other articles were built and are served
    [problem] = broken["problems"]
    assert problem["location"].startswith("content/hello.md:3")
    assert "invalid YAML" in problem["message"]

    _, _, page = preview.get(BASE)  # a page loaded after the failure shows the problems too
    assert b'"location": "content/hello.md:3' in page

    edit(project / "content/hello.md", article_md("Hello", "2024-03-01", body="Fixed."))
    fixed = events.next("build")
    assert fixed["problems"] == []
    assert b"Fixed." in preview.get(ARTICLE)[2]
    assert b'"problems": []' in preview.get(BASE)[2]
    events.close()


def test_a_failed_build_keeps_the_last_good_site(preview: Preview, project: Path) -> None:
    events = preview.events()
    hello = events.next("hello")
    write_files(project, {"templates/article.html": "{% block oops %}\n{{ page.title }\n"})
    failed = events.next("build")
    assert failed["failed"] is True
    assert failed["id"] == hello["id"]
    assert failed["problems"][0]["location"].startswith("templates/article.html:2")
    status, _, page = preview.get(ARTICLE)
    assert status == 200
    assert b"First words." in page
    assert b"templates/article.html:2" in page

    (project / "templates/article.html").unlink()
    recovered = events.next("build")
    assert recovered["problems"] == []
    assert recovered["id"] != hello["id"]
    events.close()


def test_a_broken_config_is_a_failed_build(preview: Preview, project: Path) -> None:
    events = preview.events()
    events.next("hello")
    edit(project / "digest.toml", f'title = "Preview"\nbase_url = "{BASE}"\ntitel = "x"\n')
    failed = events.next("build")
    assert failed["failed"] is True
    assert failed["problems"][0]["location"] == "digest.toml:3"
    assert preview.get(ARTICLE)[0] == 200
    events.close()


def test_a_stylesheet_change_is_marked_styles_only(preview: Preview, project: Path) -> None:
    events = preview.events()
    events.next("hello")
    edit(project / "static/extra.css", "body { color: navy; }\n")
    assert events.next("build")["styles"] is True
    _, headers, css = preview.get(BASE + "extra.css")
    assert css == b"body { color: navy; }\n"
    assert headers["Content-Type"] == "text/css; charset=utf-8"
    events.close()


def test_editor_temp_files_make_one_rebuild_and_no_problem(preview: Preview, project: Path) -> None:
    events = preview.events()
    events.next("hello")
    content = project / "content"
    (content / "4913").write_text("")
    (content / "4913").unlink()
    (content / ".hello.md.swp").write_text("swap")
    (content / "hello.md").rename(content / "hello.md~")
    edit(content / "hello.md", article_md("Hello", "2024-03-01", body="Saved by vim."))
    os.utime(content / "hello.md")
    (content / "hello.md~").unlink()
    (content / ".hello.md.swp").unlink()
    assert events.next("build")["problems"] == []
    report = preview.reports.get(timeout=TIMEOUT)
    assert report.changes == ChangeSet(content_changed=(str(content / "hello.md"),))
    with pytest.raises(queue.Empty):
        events.next("build", timeout=0.5)
    events.close()


def test_many_files_saved_at_once_are_one_or_two_rebuilds(project: Path) -> None:
    reports: queue.SimpleQueue[BuildReport] = queue.SimpleQueue()
    with PreviewServer(project, PreviewBuilder(), port=0, quiet=0.3, on_build=reports.put):
        reports.get(timeout=TIMEOUT)  # the first build
        for number in range(500):  # a git checkout
            path = project / f"content/many-{number:03}.md"
            edit(path, article_md(f"Many {number}", "2024-04-01"))
        builds = []
        while sum(len(changes.content_added) for changes in builds) < 500:
            builds.append(reports.get(timeout=30).changes)
        with pytest.raises(queue.Empty):
            reports.get(timeout=0.6)  # nothing left to build
    assert len(builds) <= 2  # one, or two when the machine paused longer than the quiet period


def test_paths_base_redirects_and_content_types(still: Preview) -> None:
    status, headers, _ = still.get("/")
    assert (status, headers["Location"]) == (302, BASE)
    status, headers, _ = still.get("/repo")
    assert (status, headers["Location"]) == (302, BASE)
    status, headers, _ = still.get(ARTICLE.rstrip("/") + "?x=1")
    assert (status, headers["Location"]) == (301, ARTICLE + "?x=1")
    status, headers, body = still.get(ARTICLE)
    assert status == 200
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert b"First words." in body
    assert still.get(BASE + "assets/favicon.svg")[1]["Content-Type"].startswith("image/svg")


def test_unknown_paths_get_the_sites_404_page(still: Preview) -> None:
    for path in (BASE + "no/such/page/", BASE + "missing.css", "/elsewhere/"):
        status, headers, body = still.get(path)
        assert status == 404, path
        assert headers["Content-Type"] == "text/html; charset=utf-8"
        assert b"Page not found" in body
        assert b'id="digest-live"' in body


def test_paths_that_leave_the_site_are_refused(
    preview: Preview, project: Path, tmp_path: Path
) -> None:
    (tmp_path / "secret.txt").write_text("secret")
    (project / "site" / "escape").symlink_to(tmp_path)
    for path in (
        BASE + "../digest.toml",
        BASE + "%2e%2e/digest.toml",
        BASE + "%2E%2E%2f%2e%2e%2fsecret.txt",
        BASE + "escape/secret.txt",
        BASE + "..%5cdigest.toml",
    ):
        status, _, body = preview.get(path)
        assert status == 403, path
        assert b"secret" not in body and b"base_url" not in body


def test_the_script_is_injected_in_html_responses_only(still: Preview) -> None:
    _, _, page = still.get(ARTICLE)
    assert page.count(b'id="digest-live"') == 1
    assert page.index(b'id="digest-live"') < page.rindex(b"</body>")
    settings = page.split(b'type="application/json">')[1].split(b"</script>")[0]
    assert json.loads(settings)["events"] == "../../../../__digest__/events"
    assert b"EventSource" not in still.get(BASE + "extra.css")[2]
    on_disk = (still.server.project / "site/2024/03/01/hello/index.html").read_bytes()
    assert b"digest-live" not in on_disk
    assert b"EventSource" not in on_disk


def test_requests_wait_for_a_running_build(project: Path) -> None:
    gate = threading.Event()
    started = threading.Event()

    def slow_build(config: SiteConfig, changes: ChangeSet | None) -> BuildResult:
        if changes is not None:
            started.set()
            assert gate.wait(TIMEOUT)
        return build(config)

    with PreviewServer(project, slow_build, port=0, quiet=0.05) as server:
        running = Preview(server)
        edit(project / "content/hello.md", article_md("Hello", "2024-03-01", body="Waited."))
        assert started.wait(TIMEOUT)
        answers: list[bytes] = []
        request = threading.Thread(target=lambda: answers.append(running.get(ARTICLE)[2]))
        request.start()
        request.join(0.3)
        assert request.is_alive()  # held while the build runs
        gate.set()
        request.join(TIMEOUT)
        assert b"Waited." in answers[0]


def test_localhost_names_both_loopback_addresses(project: Path) -> None:
    with PreviewServer(project, PreviewBuilder(), host="localhost", port=0) as server:
        running = Preview(server)
        assert running.get(ARTICLE, host="127.0.0.1")[0] == 200
        assert running.get(ARTICLE, host="localhost")[0] == 200
        events = running.events(host="localhost")
        assert events.next("hello")["problems"] == []
        events.close()
        if any(url.startswith("http://[::1]") for url in server.urls):
            assert running.get(ARTICLE, host="::1")[0] == 200


def test_events_also_at_the_root_for_a_proxy_that_strips_the_base(still: Preview) -> None:
    events = still.events("/__digest__/events")
    assert "id" in events.next("hello")
    events.close()


def test_a_new_server_has_a_new_build_id_and_stops_cleanly(project: Path) -> None:
    ids = []
    before = set(threading.enumerate())
    for _ in range(2):
        builder = PreviewBuilder()  # settled after each build, as `digest serve` does
        server = PreviewServer(project, builder, port=0, on_build=lambda _, b=builder: b.settle())
        server.start()
        running = Preview(server)
        events = running.events()
        ids.append(events.next("hello")["id"])
        server.stop()
        assert events.next("closed") == {}
    assert ids[0] != ids[1]
    assert not [t for t in set(threading.enumerate()) - before if t.name.startswith("digest-")]
    assert sorted(p.name for p in project.iterdir()) == [
        ".digest-cache",
        "content",
        "digest.toml",
        "site",
        "static",
    ]


def test_a_taken_port_is_reported(project: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUse):
            PreviewServer(project, PreviewBuilder(), port=port).bind()
        result = run("serve", project, "--port", port)
    assert result.exit_code == 2
    assert f"port {port} on 127.0.0.1 is in use: try --port {port + 1}" in result.output


def test_serve_command_builds_serves_and_stops_on_ctrl_c(project: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "digest", "serve", str(project), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        while line and not line.startswith("serving "):
            line = process.stdout.readline()
        url = line.split()[1]
        assert url.startswith("http://127.0.0.1:") and url.endswith(BASE)
        port = int(url.split(":")[2].split("/")[0])
        assert get(port, ARTICLE)[0] == 200
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=TIMEOUT)
    finally:
        process.kill()
    assert process.returncode == 0
    assert "Traceback" not in err
    assert "stopping" in err
    assert not list(project.glob(".site.*"))


def test_a_site_that_never_built_shows_its_problems_until_fixed(project: Path) -> None:
    edit(project / "digest.toml", 'titel = "Preview"\n')
    with PreviewServer(project, PreviewBuilder(), port=0, quiet=0.05) as server:
        running = Preview(server)
        status, _, page = running.get(ARTICLE)
        assert status == 503
        assert b'"location": "digest.toml:1"' in page
        events = running.events(ARTICLE + "../../../../__digest__/events")
        assert events.next("hello")["problems"][0]["location"] == "digest.toml:1"
        edit(project / "digest.toml", f'title = "Preview"\nbase_url = "{BASE}"\n')
        assert events.next("build")["problems"] == []
        assert running.get(ARTICLE)[0] == 200
        events.close()
