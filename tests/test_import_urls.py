"""URLs of imported articles: one recognisable form, absolute links, and which links are safe."""

from __future__ import annotations

import pytest

from digest.importing.urls import (
    absolute_url,
    is_safe_link,
    is_tracking_parameter,
    is_web_url,
    normalise_url,
)

BASE = "https://news.example/2025/03/budget.html"

NORMALISED = [
    # scheme, host, port, path, fragment
    ("HTTP://Example.COM", "", "http://example.com/"),
    ("https://Example.com:443/A/Path", "", "https://example.com/A/Path"),
    ("http://example.com:80/", "", "http://example.com/"),
    ("http://example.com:8080/x", "", "http://example.com:8080/x"),
    ("https://example.com:80/x", "", "https://example.com:80/x"),
    ("http://example.com:/x", "", "http://example.com/x"),
    ("https://example.com/a#section-2", "", "https://example.com/a"),
    ("  https://example.com/a \n", "", "https://example.com/a"),
    # tracking parameters go, the rest of the query stays, in order and as written
    ("https://example.com/a?utm_source=rss&utm_medium=feed", "", "https://example.com/a"),
    ("https://example.com/a?id=7&utm_campaign=x&page=2", "", "https://example.com/a?id=7&page=2"),
    ("https://example.com/a?b=2&a=1", "", "https://example.com/a?b=2&a=1"),
    ("https://example.com/a?UTM_Source=x&q=a+b%20c", "", "https://example.com/a?q=a+b%20c"),
    ("https://example.com/a?fbclid=IwAR0&gclid=x&msclkid=y", "", "https://example.com/a"),
    ("https://example.com/a?mc_cid=1&mc_eid=2&_ga=3&_gl=4&x", "", "https://example.com/a?x"),
    ("https://example.com/a?ref_src=twsrc&igshid=1&ocid=2&cmpid=3", "", "https://example.com/a"),
    ("https://example.com/a?__twitter_impression=true&yclid=1", "", "https://example.com/a"),
    ("https://example.com/a?%75tm_source=x&ref=home", "", "https://example.com/a?ref=home"),
    ("https://example.com/a?&&id=1&", "", "https://example.com/a?id=1"),
    ("https://example.com/a?", "", "https://example.com/a"),
    # relative to a base
    ("../reports/x.pdf?gclid=1#p2", BASE, "https://news.example/2025/reports/x.pdf"),
    ("/about", BASE, "https://news.example/about"),
    ("//cdn.example/IMG.png", BASE, "https://cdn.example/IMG.png"),
    ("?page=2", BASE, "https://news.example/2025/03/budget.html?page=2"),
    ("", BASE, ""),
    # userinfo, IPv6 literals, internationalised hosts
    ("http://User:Secret@Example.com:80/", "", "http://User:Secret@example.com/"),
    ("http://[2001:DB8::1]:80/x", "", "http://[2001:db8::1]/x"),
    ("https://[::1]:8443", "", "https://[::1]:8443/"),
    ("https://Bücher.DE/Straße?q=ü", "", "https://bücher.de/Straße?q=ü"),
    ("https://XN--BCHER-KVA.de", "", "https://xn--bcher-kva.de/"),
    ("https://пример.УКР/новини", "", "https://пример.укр/новини"),
    # not http(s), or not a URL we can read: stripped, otherwise as given
    ("mailto:Editor@Example.com ", "", "mailto:Editor@Example.com"),
    ("javascript:alert(1)", BASE, "javascript:alert(1)"),
    ("urn:ISBN:0451450523", BASE, "urn:ISBN:0451450523"),
    ("ftp://Example.com/File", "", "ftp://Example.com/File"),
    ("/relative/only", "", "/relative/only"),
    ("http://example.com:port/", "", "http://example.com:port/"),
    ("http://[::1/x", "", "http://[::1/x"),
    ("http:///path", "", "http:///path"),
    ("", "", ""),
]


@pytest.mark.parametrize(("url", "base", "expected"), NORMALISED)
def test_normalise_url(url: str, base: str, expected: str) -> None:
    assert normalise_url(url, base) == expected


@pytest.mark.parametrize(("url", "base", "expected"), NORMALISED)
def test_normalising_twice_changes_nothing(url: str, base: str, expected: str) -> None:
    once = normalise_url(url, base)
    assert normalise_url(once) == once
    assert normalise_url(once, base) == once


def test_normalised_urls_keep_no_tracking_parameter_and_no_fragment() -> None:
    for url, base, _ in NORMALISED:
        normal = normalise_url(url, base)
        if normal.startswith(("http://", "https://")):
            query = normal.partition("?")[2]
            assert not any(is_tracking_parameter(p.partition("=")[0]) for p in query.split("&"))
            assert "#" not in normal


def test_variants_of_one_address_are_recognised_as_one() -> None:
    variants = [
        "https://news.example/2025/03/budget.html",
        "HTTPS://NEWS.EXAMPLE:443/2025/03/budget.html#comments",
        "https://news.example/2025/03/budget.html?utm_source=rss&fbclid=abc",
        "budget.html?utm_medium=email",
        " ./budget.html ",
    ]
    assert {normalise_url(url, BASE) for url in variants} == {BASE}


@pytest.mark.parametrize(
    ("url", "base", "expected"),
    [
        ("images/a.jpg", BASE, "https://news.example/2025/03/images/a.jpg"),
        ("/a.jpg", BASE, "https://news.example/a.jpg"),
        ("//cdn.example/a.jpg", BASE, "https://cdn.example/a.jpg"),
        ("#notes", BASE, BASE + "#notes"),
        ("https://other.example/x", BASE, "https://other.example/x"),
        ("  \t images/a.jpg\n", BASE, "https://news.example/2025/03/images/a.jpg"),
        ("a.jpg", "", "a.jpg"),
        ("", BASE, ""),
        ("   ", BASE, ""),
        ("mailto:a@b.example", BASE, "mailto:a@b.example"),
        ("x", "http://[::1", "x"),
    ],
)
def test_absolute_url(url: str, base: str, expected: str) -> None:
    assert absolute_url(url, base) == expected


@pytest.mark.parametrize(
    ("name", "tracking"),
    [
        ("utm_source", True),
        ("UTM_CAMPAIGN", True),
        ("utm_whatever", True),
        ("fbclid", True),
        ("gclid", True),
        ("hsCtaTracking", True),
        ("mc_cid", True),
        ("_ga", True),
        ("id", False),
        ("page", False),
        ("q", False),
        ("ref", False),
        ("utm", False),
        ("", False),
    ],
)
def test_is_tracking_parameter(name: str, tracking: bool) -> None:
    assert is_tracking_parameter(name) is tracking


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a", True),
        ("HTTP://example.com", True),
        ("  https://example.com/a  ", True),
        ("mailto:editor@example.com", True),
        ("MAILTO:editor@example.com", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("jav\tascript:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("\x01javascript:alert(1)", False),
        (" \x0e javascript:alert(1)", False),
        ("vbscript:msgbox(1)", False),
        ("data:text/html;base64,PHNjcmlwdD4=", False),
        ("data:image/png;base64,iVBORw0KGgo=", False),
        ("file:///etc/passwd", False),
        ("ftp://example.com/", False),
        ("tel:+123", False),
        ("/relative", False),
        ("//example.com/protocol-relative", False),
        ("https://", False),
        ("http://[::1", False),
        ("", False),
    ],
)
def test_is_safe_link(url: str, safe: bool) -> None:
    assert is_safe_link(url) is safe


@pytest.mark.parametrize(
    ("url", "web"),
    [
        ("https://example.com/a.png", True),
        ("http://example.com", True),
        ("mailto:editor@example.com", False),
        ("javascript:alert(1)", False),
        ("data:image/png;base64,iVBORw0KGgo=", False),
        ("a.png", False),
    ],
)
def test_is_web_url(url: str, web: bool) -> None:
    assert is_web_url(url) is web
