"""`digest serve`: HTTP for the built site under its base path, server-sent events, reload script.

The server is a leaf: it takes a `build` callable and knows nothing of how a site is built.
Requests are answered on threads (ThreadingHTTPServer); builds run on one build thread after
the watched files have been quiet for a moment. Built files stay clean on disk: the reload
script and the current problems are injected into HTML responses only.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import posixpath
import queue
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from digest.config import SiteConfig, load_config
from digest.serve.changes import classify
from digest.serve.live import BuildFn, BuildReport, LiveSite, Served, problems_json
from digest.serve.watcher import QUIET, Debouncer, Watcher

EVENTS = "__digest__/events"
"""The server-sent event stream of builds, below the site's base path (or any other path)."""
KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream, so dead connections are noticed."""
RELOAD_SCRIPT = (Path(__file__).parent / "reload.js").read_text(encoding="utf-8")
_TEXT_TYPES = ("text/", "application/json", "application/xml", "application/javascript")


class PortInUse(OSError):
    """The port asked for is taken by another program."""


class PreviewServer:
    """Builds `project`, serves it on `host:port`, rebuilds on changes and reloads browsers."""

    def __init__(
        self,
        project: Path,
        build: BuildFn,
        *,
        overrides: dict[str, Any] | None = None,
        host: str = "127.0.0.1",
        port: int = 8000,
        quiet: float = QUIET,
        on_build: Callable[[BuildReport], None] | None = None,
    ) -> None:
        self.project = project.resolve()
        self.host = host
        self.port = port
        self.live = LiveSite(self.project, partial(_load, self.project, overrides), build)
        self.on_build = on_build or (lambda report: None)
        self.debouncer = Debouncer(quiet)
        self.watcher = Watcher(self.debouncer)
        self._stop = threading.Event()
        self._servers: list[ThreadingHTTPServer] = []
        self._threads: list[threading.Thread] = []

    def bind(self) -> None:
        """Open the listening sockets (every address `host` names); PortInUse if taken."""
        handler = partial(PreviewHandler, live=self.live)
        port = self.port
        for family, address in _addresses(self.host, port):
            server_class = _IPv6Server if family == socket.AF_INET6 else _Server
            try:
                server = server_class((address, port), handler)
            except OSError as error:
                if error.errno == errno.EADDRINUSE and not self._servers:
                    raise PortInUse(error.errno, f"port {port} is in use") from None
                if not self._servers:
                    raise
                continue  # e.g. no IPv6 on this machine: the other address serves
            port = server.server_address[1]
            self._servers.append(server)
        self.port = port

    @property
    def urls(self) -> list[str]:
        """The address of the site on each socket, under its base path."""
        base = self.live.served(wait=False).base_path
        urls = []
        for server in self._servers:
            host = server.server_address[0]
            shown = f"[{host}]" if ":" in host else host
            urls.append(f"http://{shown}:{self.port}{base}")
        return urls

    def start(self) -> BuildReport:
        """Bind if needed, build once, then watch, build and serve on background threads."""
        if not self._servers:
            self.bind()
        self.watcher.start(self.live.layout)  # the usual folders: saves during the build count
        report = self.live.rebuild(None)
        self.watcher.update(self.live.layout)
        self.on_build(report)
        self._threads.append(threading.Thread(target=self._build_loop, name="digest-build"))
        for server in self._servers:
            self._threads.append(
                threading.Thread(target=server.serve_forever, args=(0.1,), name="digest-http")
            )
        for thread in self._threads:
            thread.start()
        return report

    def stop(self) -> None:
        """Stop watching, finish a running build, end event streams, close the sockets."""
        self._stop.set()
        self.debouncer.wake()
        self.watcher.stop()
        self.live.close()
        for server in self._servers:
            if any(t.name == "digest-http" for t in self._threads):
                server.shutdown()
        for thread in self._threads:
            thread.join()
        for server in self._servers:
            server.server_close()
        self._threads.clear()

    def __enter__(self) -> PreviewServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _build_loop(self) -> None:
        while not self._stop.is_set():
            events = self.debouncer.wait(self._stop)
            changes = classify(events, self.live.layout)
            if changes.empty:
                continue
            report = self.live.rebuild(changes)
            if self._stop.is_set():
                return  # interrupted (Ctrl-C reaches build workers too): not worth reporting
            self.watcher.update(self.live.layout)
            self.on_build(report)


def _load(project: Path, overrides: dict[str, Any] | None) -> SiteConfig:
    return load_config(project, overrides)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that drops a request (it reloads, it navigates away) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _IPv6Server(_Server):
    address_family = socket.AF_INET6


def _addresses(host: str, port: int) -> list[tuple[int, str]]:
    """Each distinct address `host` resolves to: `localhost` is both 127.0.0.1 and ::1."""
    try:
        found = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return [(socket.AF_INET, host)]
    addresses = []
    for family, _, _, _, sockaddr in found:
        if family in (socket.AF_INET, socket.AF_INET6) and (family, sockaddr[0]) not in addresses:
            addresses.append((family, sockaddr[0]))
    return sorted(addresses, key=lambda item: item[0] != socket.AF_INET)


class PreviewHandler(BaseHTTPRequestHandler):
    """Answers from the served build; waits while a build runs; never leaves the output folder."""

    server_version = "digest-serve"
    timeout = 60  # an idle connection (a browser's preconnect) does not hold a thread forever

    def __init__(self, *args: Any, live: LiveSite, **kwargs: Any) -> None:
        self.live = live
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: Any) -> None:
        """Requests are not logged: the terminal is for builds and their problems."""

    def _answer(self, body: bool) -> None:
        route = urlsplit(self.path).path
        if route.endswith("/" + EVENTS):  # any prefix: pages of an older base path reconnect too
            self._events()
            return
        served = self.live.served()
        if served.output is None:
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, _NOT_BUILT, "text/html", served, body)
            return
        if not route.startswith(served.base_path):
            if route in ("/", served.base_path.rstrip("/")):
                self._redirect(HTTPStatus.FOUND, served.base_path)
            else:
                self._not_found(served, body)
            return
        target = resolve(served.output, unquote(route[len(served.base_path) :]))
        if target is None:
            self._send(HTTPStatus.FORBIDDEN, b"forbidden\n", "text/plain", served, body)
        elif target.is_dir() and not route.endswith("/"):
            query = urlsplit(self.path).query
            location = route + "/" + (f"?{query}" if query else "")
            self._redirect(HTTPStatus.MOVED_PERMANENTLY, location)
        else:
            if target.is_dir():
                target = target / "index.html"
            try:
                data = target.read_bytes()
            except OSError:
                self._not_found(served, body)
                return
            self._send(HTTPStatus.OK, data, content_type(target.name), served, body)

    def _not_found(self, served: Served, body: bool) -> None:
        page = served.output / "404.html" if served.output else None
        try:
            data = page.read_bytes() if page else b"not found\n"
        except OSError:
            data = b"<!doctype html><title>Not found</title><h1>Not found</h1>\n"
        self._send(HTTPStatus.NOT_FOUND, data, "text/html", served, body)

    def _redirect(self, status: HTTPStatus, location: str) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: HTTPStatus, data: bytes, kind: str, served: Served, body: bool) -> None:
        if kind == "text/html":
            data = inject(data, self._snippet(served))
        self.send_response(status)
        self.send_header("Content-Type", with_charset(kind))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _snippet(self, served: Served) -> bytes:
        """The reload script and its settings: this build, the problems, where events come from."""
        route = urlsplit(self.path).path
        folder = route if route.endswith("/") else posixpath.dirname(route) + "/"
        events = posixpath.relpath(served.base_path + EVENTS, folder)
        settings = json.dumps({"id": served.id, "events": events, **problems_json(served.errors)})
        return (
            f'<script id="digest-live" type="application/json">{_safe(settings)}</script>\n'
            f"<script>{RELOAD_SCRIPT}</script>\n"
        ).encode()

    def _events(self) -> None:
        """A server-sent event stream: hello (current state), then one event per build."""
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Accel-Buffering", "no")
        self.end_headers()
        listener = self.live.listen()
        try:
            self._write(self.live.hello())
            for event in _events_of(listener):
                self._write(event)
        except OSError:
            pass  # the browser went away
        finally:
            self.live.forget(listener)
        self.close_connection = True

    def _write(self, text: str) -> None:
        self.wfile.write(text.encode())
        self.wfile.flush()


def _events_of(listener: queue.SimpleQueue[str | None]) -> Iterator[str]:
    while True:
        try:
            event = listener.get(timeout=KEEPALIVE)
        except queue.Empty:
            yield ": keep-alive\n\n"
            continue
        if event is None:
            return
        yield event


def resolve(output: Path, relative: str) -> Path | None:
    """The file `relative` (URL-decoded) names inside `output`, or None if it would leave it."""
    if "\\" in relative or "\0" in relative or ".." in relative.split("/"):
        return None
    root = output.resolve()
    target = (root / relative.lstrip("/")).resolve()
    return target if target == root or root in target.parents else None


def inject(html: bytes, snippet: bytes) -> bytes:
    """`snippet` just before the last `</body>`, or at the end when there is none."""
    index = html.lower().rfind(b"</body>")
    return html + snippet if index < 0 else html[:index] + snippet + html[index:]


def content_type(name: str) -> str:
    """The media type of a file by its name; unknown types are bytes."""
    if name.endswith(".webmanifest"):
        return "application/manifest+json"
    kind, _ = mimetypes.guess_type(name)
    if kind in ("text/javascript", "application/x-javascript"):
        return "text/javascript"
    return kind or "application/octet-stream"


def with_charset(kind: str) -> str:
    return (
        f"{kind}; charset=utf-8"
        if kind.startswith(_TEXT_TYPES) or kind.endswith(("+xml", "+json"))
        else kind
    )


def _safe(text: str) -> str:
    """JSON that cannot end its script element early."""
    return text.replace("</", "<\\/")


_NOT_BUILT = (
    b"<!doctype html><html><head><meta charset='utf-8'><title>digest serve</title></head>"
    b"<body><h1>The site has not been built yet</h1></body></html>\n"
)
