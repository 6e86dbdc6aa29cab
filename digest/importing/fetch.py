"""Sources fetched over HTTP(S): timeouts, retries, redirects, conditional requests, a size limit.

One `Fetcher` serves one import run. It keeps the connections, sends at most `per_host`
requests to one host at a time, follows redirects itself (so that every hop is an http(s)
URL and counts against its own host's limit), and remembers the validators (ETag,
Last-Modified) each URL's server gave, so that the next run asks only for what changed.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from http import HTTPStatus
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    DecodeError,
    HTTPError,
    LocationValueError,
    MaxRetryError,
    NewConnectionError,
    ProtocolError,
    SSLError,
)
from urllib3.exceptions import TimeoutError as UrllibTimeout

from digest import __version__

USER_AGENT = f"digest/{__version__} (+https://github.com/digest-news/digest; feed importer)"
ACCEPT = (
    "application/atom+xml, application/rss+xml, application/rdf+xml;q=0.9, "
    "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, application/xhtml+xml;q=0.8, "
    "*/*;q=0.1"
)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK = 64 * 1024
"""Bytes read at a time; urllib3 (2.6 and later) decodes no more than this per read."""


@dataclass(frozen=True)
class Validators:
    """What a server said identifies its response, for a conditional request next time."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Fetched:
    """One URL's response: its body, or word that it has not changed since last time."""

    url: str
    """The URL asked for."""
    final_url: str
    """The URL after redirects: what relative links in the body are relative to."""
    status: int
    """200 (or another 2xx), or 304."""
    body: bytes
    """The decoded body; `b""` when not modified."""
    content_type: str
    """The Content-Type header, `""` if none."""
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(Exception):
    """A source that could not be fetched; `str(error)` says why, in a user's words."""


@dataclass(frozen=True)
class FetchSettings:
    """How patient and how polite a `Fetcher` is."""

    timeout: float = 10.0
    """Seconds to connect, and to wait for each read."""
    retries: int = 3
    """Retries of connection errors, read timeouts, 429 and 5xx."""
    backoff: float = 0.5
    """Seconds; urllib3's backoff_factor (waits of 0, 2×, 4× … this)."""
    max_bytes: int = 10_000_000
    """The largest body accepted, decoded."""
    per_host: int = 2
    """Requests at a time to one host."""
    max_redirects: int = 5
    user_agent: str = USER_AGENT
    max_wait: float = 30.0
    """The longest wait between retries, even when a server's Retry-After asks for more."""
    deadline: float = 60.0
    """Seconds a body may take to arrive in all: a server that sends it a byte at a time,
    each within `timeout`, is cut off here."""


class _Retry(urllib3.Retry):
    """urllib3's Retry, but a server's Retry-After cannot make it wait more than `backoff_max`."""

    def parse_retry_after(self, retry_after: str) -> float:
        return min(super().parse_retry_after(retry_after), self.backoff_max)


class Fetcher:
    """Fetches URLs over HTTP(S) for one import run; thread-safe."""

    def __init__(
        self,
        settings: FetchSettings = FetchSettings(),
        known: Mapping[str, Validators] | None = None,
    ) -> None:
        self.settings = settings
        self._known = dict(known or {})
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._headers = {
            "User-Agent": settings.user_agent,
            "Accept": ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        }
        # The host's semaphore is the limit: the pool never blocks, and keeps as many
        # connections as may be in use at once.
        self._pool = urllib3.PoolManager(
            maxsize=max(1, settings.per_host),
            block=False,
            timeout=urllib3.Timeout(connect=settings.timeout, read=settings.timeout),
            retries=_Retry(
                total=None,
                connect=settings.retries,
                read=settings.retries,
                status=settings.retries,
                other=0,
                redirect=False,
                status_forcelist=RETRY_STATUSES,
                backoff_factor=settings.backoff,
                backoff_max=settings.max_wait,
                raise_on_status=False,
            ),
        )

    def fetch(self, url: str, conditional: bool = True) -> Fetched:
        """`url`'s response, following redirects; raises FetchError unless it is usable.

        `conditional` sends the validators known for `url`, so that an unchanged source
        answers 304 Not Modified."""
        _require_http(url, "not an http(s) URL")
        with self._lock:
            known = self._known.get(url, Validators())
        headers = {**self._headers, **(_conditional_headers(known) if conditional else {})}
        current = url
        for _ in range(self.settings.max_redirects + 1):
            status, response_headers, body = self._get(current, headers)
            location = response_headers.get("Location") if status in REDIRECT_STATUSES else None
            if not location:
                return self._fetched(url, current, status, response_headers, body, known)
            current = urljoin(current, location.strip())
            _require_http(current, "redirected to a non-http(s) URL")
        raise FetchError(f"too many redirects (more than {self.settings.max_redirects})")

    def validators(self) -> dict[str, Validators]:
        """Every URL's validators as known now, to be stored and passed back next run."""
        with self._lock:
            return dict(self._known)

    def close(self) -> None:
        """Close every connection."""
        self._pool.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _get(self, url: str, headers: Mapping[str, str]) -> tuple[int, Mapping[str, str], bytes]:
        """One request, retried as settings say: its status, headers and (2xx only) body."""
        with self._host_slot(url):
            try:
                response = self._pool.urlopen(
                    "GET", url, headers=dict(headers), redirect=False, preload_content=False
                )
            except HTTPError as error:
                raise FetchError(_reason(error, self.settings.timeout)) from error
            read_all = False
            expired = threading.Event()
            timer = threading.Timer(self.settings.deadline, _cut_off, (response, expired))
            timer.start()
            try:
                body = b""
                if 200 <= response.status < 300:
                    body = _read_limited(response, self.settings.max_bytes)
                    read_all = not expired.is_set()
            except (HTTPError, OSError) as error:  # OSError: the socket the timer shut
                if not expired.is_set():
                    raise FetchError(_broken(error, self.settings.timeout)) from error
            finally:
                timer.cancel()
                if not read_all:
                    response.close()  # data left unread: the connection cannot be reused
                response.release_conn()
            if expired.is_set():
                raise FetchError(f"took longer than {self.settings.deadline:g} s to arrive")
            return response.status, response.headers, body

    def _fetched(
        self,
        url: str,
        final_url: str,
        status: int,
        headers: Mapping[str, str],
        body: bytes,
        known: Validators,
    ) -> Fetched:
        """The result of a final response, remembering its validators; FetchError if unusable."""
        content_type = headers.get("Content-Type", "")
        if status == 304:
            return Fetched(url, final_url, status, b"", content_type, known)
        if not 200 <= status < 300:
            raise FetchError(_status_text(status))
        validators = Validators(headers.get("ETag", ""), headers.get("Last-Modified", ""))
        with self._lock:
            if validators == Validators():
                self._known.pop(url, None)  # what was known describes an older body
            else:
                self._known[url] = validators
        return Fetched(url, final_url, status, body, content_type, validators)

    def _host_slot(self, url: str) -> threading.BoundedSemaphore:
        """The semaphore that limits requests to `url`'s host."""
        host = (urlsplit(url).hostname or "").lower()
        with self._lock:
            slot = self._hosts.get(host)
            if slot is None:
                slot = self._hosts[host] = threading.BoundedSemaphore(
                    max(1, self.settings.per_host)
                )
            return slot


def _cut_off(response: urllib3.BaseHTTPResponse, expired: threading.Event) -> None:
    """Stop reading a response that has taken too long (from the timer's thread)."""
    expired.set()
    with contextlib.suppress(ValueError, RuntimeError, OSError):  # already done with it
        response.shutdown()


def _require_http(url: str, problem: str) -> None:
    try:
        parts = urlsplit(url)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        valid = False
    if not valid:
        raise FetchError(f"{problem}: {url}")


def _conditional_headers(known: Validators) -> dict[str, str]:
    headers = {}
    if known.etag:
        headers["If-None-Match"] = known.etag
    if known.last_modified:
        headers["If-Modified-Since"] = known.last_modified
    return headers


def _read_limited(response: urllib3.BaseHTTPResponse, max_bytes: int) -> bytes:
    """The decoded body; FetchError as soon as it is known to exceed `max_bytes`."""
    length = response.headers.get("Content-Length", "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise FetchError(f"response larger than {_size(max_bytes)}")
    chunks: list[bytes] = []
    count = 0
    for chunk in response.stream(CHUNK, decode_content=True):
        count += len(chunk)
        if count > max_bytes:
            raise FetchError(f"response larger than {_size(max_bytes)}")
        chunks.append(chunk)
    return b"".join(chunks)


def _broken(error: HTTPError | OSError, timeout: float) -> str:
    """Why reading a response failed, in a user's words."""
    if isinstance(error, HTTPError):
        return _reason(error, timeout)
    return f"connection broken: {error}"


def _reason(error: HTTPError, timeout: float) -> str:
    """Why a request failed, in a user's words."""
    cause: BaseException = error
    if isinstance(error, MaxRetryError) and error.reason is not None:
        cause = error.reason
    if isinstance(cause, NewConnectionError):  # a kind of timeout to urllib3; not to a user
        return f"cannot connect: {_underlying(cause)}"
    if isinstance(cause, UrllibTimeout):
        return f"timed out after {timeout:g} s"
    if isinstance(cause, SSLError):
        return f"TLS failed: {_underlying(cause)}"
    if isinstance(cause, DecodeError):
        return f"cannot decode the response: {_underlying(cause)}"
    if isinstance(cause, ProtocolError):
        return f"connection broken: {_underlying(cause)}"
    if isinstance(cause, LocationValueError):
        return f"not a valid URL: {cause}"
    return str(cause)


def _underlying(error: BaseException) -> str:
    """The operating system's words for an error urllib3 wrapped, when it has them."""
    cause = error.__cause__ or next((a for a in error.args if isinstance(a, BaseException)), None)
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror
    return str(cause or error)


def _status_text(status: int) -> str:
    try:
        return f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        return f"HTTP {status}"


def _size(count: int) -> str:
    for unit, size in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if count >= size:
            return f"{count / size:g} {unit}"
    return f"{count} bytes"
