"""digest.importing.fetch against a real HTTP server on 127.0.0.1, run in a thread."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from digest.importing.fetch import (
    USER_AGENT,
    Fetcher,
    FetchError,
    FetchSettings,
    Validators,
)

FEED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>'
ETAG = '"v1"'
LAST_MODIFIED = "Wed, 21 Oct 2015 07:28:00 GMT"
QUICK = FetchSettings(retries=0, backoff=0)


@dataclass
class ServerState:
    """What the server saw: requests per path, the last request's headers, requests in flight."""

    requests: Counter[str] = field(default_factory=Counter)
    headers: dict[str, str] = field(default_factory=dict)
    in_flight: int = 0
    most_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(BaseHTTPRequestHandler):
    """One small route per behaviour a source can have."""

    protocol_version = "HTTP/1.1"
    server: LocalServer

    def do_GET(self) -> None:
        state = self.server.state
        with state.lock:
            state.requests[self.path] += 1
            state.headers = dict(self.headers)
            count = state.requests[self.path]
        route, _, argument = self.path.strip("/").partition("/")
        getattr(self, "route_" + route.replace("-", "_"), self.route_missing)(argument, count)

    def reply(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def route_feed(self, argument: str, count: int) -> None:
        self.reply(200, FEED, Content_Type="application/rss+xml")

    def route_missing(self, argument: str, count: int) -> None:
        self.reply(404, b"no such page")

    def route_etag(self, argument: str, count: int) -> None:
        if self.headers.get("If-None-Match") == ETAG:
            self.reply(304, ETag=ETAG)
        else:
            self.reply(200, FEED, ETag=ETAG)

    def route_modified(self, argument: str, count: int) -> None:
        if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.reply(304)
        else:
            self.reply(200, FEED, Last_Modified=LAST_MODIFIED)

    def route_redirect(self, argument: str, count: int) -> None:
        self.reply(302, Location="/feed")

    def route_loop(self, argument: str, count: int) -> None:
        self.reply(302, Location="/loop")

    def route_chain(self, argument: str, count: int) -> None:
        """/chain/N redirects N times, then gives the feed."""
        left = int(argument)
        self.reply(301, Location=f"/chain/{left - 1}") if left else self.route_feed("", count)

    def route_to_file(self, argument: str, count: int) -> None:
        self.reply(302, Location="file:///etc/passwd")

    def route_slow(self, argument: str, count: int) -> None:
        time.sleep(1.0)
        self.reply(200, FEED)

    def route_drip(self, argument: str, count: int) -> None:
        """A body of 100 bytes sent one byte every 10 ms: each read is quick, the whole slow."""
        self.send_response(200)
        self.send_header("Content-Length", "100")
        self.end_headers()
        try:
            for _ in range(100):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.01)
        except (BrokenPipeError, ConnectionResetError):
            pass  # cut off, as it should be

    def route_flaky(self, argument: str, count: int) -> None:
        """503 twice, then the feed."""
        self.reply(503) if count <= 2 else self.route_feed("", count)

    def route_down(self, argument: str, count: int) -> None:
        self.reply(503)

    def route_later(self, argument: str, count: int) -> None:
        """503 asking to come back in 2 s, then the feed."""
        self.reply(503, Retry_After="2") if count == 1 else self.route_feed("", count)

    def route_big(self, argument: str, count: int) -> None:
        self.reply(200, b"x" * 5000)

    def route_chunked(self, argument: str, count: int) -> None:
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for _ in range(10):
            self.wfile.write(b"1f4\r\n" + b"x" * 500 + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")

    def route_gzip(self, argument: str, count: int) -> None:
        """`argument` zero bytes, gzip-compressed on the wire."""
        self.reply(200, gzip.compress(b"\0" * int(argument)), Content_Encoding="gzip")

    def route_agent(self, argument: str, count: int) -> None:
        self.reply(200, self.headers.get("User-Agent", "").encode())

    def route_busy(self, argument: str, count: int) -> None:
        state = self.server.state
        with state.lock:
            state.in_flight += 1
            state.most_in_flight = max(state.most_in_flight, state.in_flight)
        time.sleep(0.2)
        with state.lock:
            state.in_flight -= 1
        self.reply(200, FEED)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class LocalServer(ThreadingHTTPServer):
    """A local server that keeps what it saw, and says nothing about clients that hung up."""

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = ServerState()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that timed out is expected here."""

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.server_address[1]}{path}"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    running = LocalServer()
    thread = threading.Thread(target=running.serve_forever, kwargs={"poll_interval": 0.02})
    thread.start()
    yield running
    running.shutdown()
    running.server_close()
    thread.join()


def fetch_error(url: str, settings: FetchSettings = QUICK) -> str:
    with Fetcher(settings) as fetcher, pytest.raises(FetchError) as raised:
        fetcher.fetch(url)
    return str(raised.value)


def test_a_200_response_gives_the_body_and_its_content_type(server: LocalServer) -> None:
    with Fetcher(QUICK) as fetcher:
        fetched = fetcher.fetch(server.url("/feed"))
    assert (fetched.status, fetched.body, fetched.not_modified) == (200, FEED, False)
    assert fetched.content_type == "application/rss+xml"
    assert fetched.url == fetched.final_url == server.url("/feed")


def test_an_etag_makes_the_second_fetch_not_modified(server: LocalServer) -> None:
    with Fetcher(QUICK) as fetcher:
        first = fetcher.fetch(server.url("/etag"))
        second = fetcher.fetch(server.url("/etag"))
    assert first.validators == Validators(etag=ETAG)
    assert server.state.headers["If-None-Match"] == ETAG
    assert (second.status, second.body, second.not_modified) == (304, b"", True)
    assert second.validators == Validators(etag=ETAG)


def test_last_modified_makes_the_second_fetch_not_modified(server: LocalServer) -> None:
    with Fetcher(QUICK) as fetcher:
        fetcher.fetch(server.url("/modified"))
        second = fetcher.fetch(server.url("/modified"))
    assert server.state.headers["If-Modified-Since"] == LAST_MODIFIED
    assert second.not_modified
    assert second.validators == Validators(last_modified=LAST_MODIFIED)


def test_validators_are_given_back_and_a_new_fetcher_uses_them_at_once(
    server: LocalServer,
) -> None:
    with Fetcher(QUICK) as fetcher:
        fetcher.fetch(server.url("/etag"))
        fetcher.fetch(server.url("/modified"))
        fetcher.fetch(server.url("/feed"))
        known = fetcher.validators()
    assert known == {
        server.url("/etag"): Validators(etag=ETAG),
        server.url("/modified"): Validators(last_modified=LAST_MODIFIED),
    }
    with Fetcher(QUICK, known=known) as next_run:
        assert next_run.fetch(server.url("/etag")).not_modified
        assert next_run.validators() == known
    assert server.state.requests["/etag"] == 2


def test_an_unconditional_fetch_gets_the_body_again(server: LocalServer) -> None:
    known = {server.url("/etag"): Validators(etag=ETAG)}
    with Fetcher(QUICK, known=known) as fetcher:
        fetched = fetcher.fetch(server.url("/etag"), conditional=False)
    assert (fetched.status, fetched.body) == (200, FEED)
    assert "If-None-Match" not in server.state.headers


def test_a_redirect_is_followed_to_its_target(server: LocalServer) -> None:
    with Fetcher(QUICK) as fetcher:
        fetched = fetcher.fetch(server.url("/redirect"))
    assert fetched.body == FEED
    assert fetched.url == server.url("/redirect")
    assert fetched.final_url == server.url("/feed")


def test_as_many_redirects_as_allowed_are_followed(server: LocalServer) -> None:
    settings = FetchSettings(retries=0, max_redirects=2)
    with Fetcher(settings) as fetcher:
        assert fetcher.fetch(server.url("/chain/2")).final_url == server.url("/chain/0")
    assert fetch_error(server.url("/chain/3"), settings) == "too many redirects (more than 2)"


def test_a_redirect_loop_is_an_error(server: LocalServer) -> None:
    assert fetch_error(server.url("/loop")) == "too many redirects (more than 5)"
    assert server.state.requests["/loop"] == 6


def test_a_redirect_to_a_file_url_is_refused(server: LocalServer) -> None:
    reason = fetch_error(server.url("/to-file"))
    assert reason == "redirected to a non-http(s) URL: file:///etc/passwd"


def test_a_slow_server_times_out(server: LocalServer) -> None:
    started = time.monotonic()
    reason = fetch_error(server.url("/slow"), FetchSettings(timeout=0.3, retries=0))
    assert reason == "timed out after 0.3 s"
    assert time.monotonic() - started < 0.9


def test_a_body_that_drips_in_is_cut_off_at_the_deadline(server: LocalServer) -> None:
    started = time.monotonic()
    reason = fetch_error(server.url("/drip"), FetchSettings(timeout=1, retries=0, deadline=0.3))
    assert reason == "took longer than 0.3 s to arrive"
    assert time.monotonic() - started < 0.9


def test_a_body_that_drips_in_within_the_deadline_arrives(server: LocalServer) -> None:
    with Fetcher(FetchSettings(timeout=1, retries=0, deadline=20)) as fetcher:
        assert fetcher.fetch(server.url("/drip")).body == b"x" * 100


def test_server_errors_are_retried_until_one_succeeds(server: LocalServer) -> None:
    with Fetcher(FetchSettings(retries=3, backoff=0)) as fetcher:
        fetched = fetcher.fetch(server.url("/flaky"))
    assert fetched.body == FEED
    assert server.state.requests["/flaky"] == 3


def test_a_server_error_after_every_retry_is_an_error(server: LocalServer) -> None:
    reason = fetch_error(server.url("/down"), FetchSettings(retries=2, backoff=0))
    assert reason == "HTTP 503 Service Unavailable"
    assert server.state.requests["/down"] == 3


def test_a_missing_page_is_an_error_and_not_retried(server: LocalServer) -> None:
    reason = fetch_error(server.url("/nothing-here"), FetchSettings(retries=3, backoff=0))
    assert reason == "HTTP 404 Not Found"
    assert server.state.requests["/nothing-here"] == 1


def test_retry_after_waits_no_longer_than_max_wait(server: LocalServer) -> None:
    started = time.monotonic()
    with Fetcher(FetchSettings(retries=1, backoff=0, max_wait=0.1)) as fetcher:
        fetched = fetcher.fetch(server.url("/later"))
    assert fetched.body == FEED
    assert server.state.requests["/later"] == 2
    assert time.monotonic() - started < 1.0


def test_a_body_over_max_bytes_is_refused_by_its_content_length(server: LocalServer) -> None:
    reason = fetch_error(server.url("/big"), FetchSettings(retries=0, max_bytes=1000))
    assert reason == "response larger than 1 kB"


def test_a_chunked_body_over_max_bytes_is_refused(server: LocalServer) -> None:
    reason = fetch_error(server.url("/chunked"), FetchSettings(retries=0, max_bytes=1000))
    assert reason == "response larger than 1 kB"
    with Fetcher(FetchSettings(retries=0, max_bytes=5000)) as fetcher:
        assert fetcher.fetch(server.url("/chunked")).body == b"x" * 5000


def test_a_gzip_body_is_decoded(server: LocalServer) -> None:
    with Fetcher(QUICK) as fetcher:
        assert fetcher.fetch(server.url("/gzip/3000")).body == b"\0" * 3000
    assert server.state.headers["Accept-Encoding"] == "gzip, deflate"


def test_a_gzip_body_over_max_bytes_once_decoded_is_refused(server: LocalServer) -> None:
    reason = fetch_error(server.url("/gzip/5000000"), FetchSettings(retries=0, max_bytes=100_000))
    assert reason == "response larger than 100 kB"


def test_the_user_agent_is_sent(server: LocalServer) -> None:
    with Fetcher(QUICK) as fetcher:
        assert fetcher.fetch(server.url("/agent")).body == USER_AGENT.encode()
    assert USER_AGENT.startswith("digest/")


def test_at_most_per_host_requests_are_in_flight_to_one_host(server: LocalServer) -> None:
    with Fetcher(FetchSettings(retries=0, per_host=2)) as fetcher, ThreadPoolExecutor(6) as pool:
        fetched = list(pool.map(fetcher.fetch, [server.url("/busy")] * 6))
    assert [f.body for f in fetched] == [FEED] * 6
    assert server.state.most_in_flight == 2


def test_the_limit_is_per_host(server: LocalServer) -> None:
    urls = [server.url("/busy"), server.url("/busy", host="localhost")]
    with Fetcher(FetchSettings(retries=0, per_host=1)) as fetcher, ThreadPoolExecutor(2) as pool:
        list(pool.map(fetcher.fetch, urls))
    assert server.state.most_in_flight == 2


def test_a_refused_connection_is_an_error() -> None:
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    assert fetch_error(f"http://127.0.0.1:{port}/").startswith("cannot connect: ")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/feed", "feed.xml"])
def test_a_url_that_is_not_http_is_refused(url: str) -> None:
    assert fetch_error(url) == f"not an http(s) URL: {url}"
