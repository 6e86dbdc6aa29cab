"""Addresses of imported articles: made absolute, reduced to the form an item is known by."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urljoin, urlsplit, urlunsplit

WEB_SCHEMES = frozenset({"http", "https"})
_DEFAULT_PORTS = {"http": 80, "https": 443}
_EDGES = re.compile(r"^[\x00-\x20\s]+|[\x00-\x20\s]+$")

TRACKING_PARAMETERS = frozenset(
    # Brave's query filter (brave-core, components/query_filter/utils.cc, kSimpleQueryStringTrackers
    # and, here on every host, its scoped igshid, ref_src and ref_url): per-user, per-click and
    # per-email ids.
    """
    __hsfp __hssc __hstc __s _bhlid _branch_match_id _branch_referrer _gl _hsenc _kx _openstat
    at_recipient_id at_recipient_list bbeml bsft_clkid bsft_uid dclid et_rid fb_action_ids
    fb_comment_id fbclid gbraid gclid guce_referrer guce_referrer_sig hsctatracking igsh igshid
    irclickid mc_eid ml_subscriber ml_subscriber_hash msclkid mtm_cid oft_c oft_ck oft_d oft_id
    oft_ids oft_k oft_lk oft_sk oly_anon_id oly_enc_id pk_cid rb_clickid ref_src ref_url s_cid
    srsltid ss_email_id twclid unicorn_click_id vero_conv vero_id vgo_ee wbraid wickedid yclid
    ymclid ysclid
    """.split()
    # Campaign and analytics ids that news sites add: Mailchimp, Google Analytics, Twitter, MSN.
    + "mc_cid _ga cmpid ocid __twitter_impression".split()
)
"""Query parameters that say who clicked, not what was asked for (compared lower-cased)."""
TRACKING_PREFIXES = ("utm_",)
"""Google Analytics' campaign parameters (utm_source, utm_medium, …)."""


def absolute_url(url: str, base: str) -> str:
    """`url` made absolute against `base` (urljoin), whitespace stripped; `""` for `""`."""
    url = _EDGES.sub("", url)
    if not url:
        return ""
    try:
        return urljoin(_EDGES.sub("", base), url)
    except ValueError:  # a malformed IPv6 host in `base` or `url`
        return url


def normalise_url(url: str, base: str = "") -> str:
    """The URL an item is recognised by: absolute, scheme and host lower-cased, without default
    port, fragment or tracking parameters, an empty path as `/`. Other URLs come back stripped.

    An internationalised host is lower-cased but kept as written: IDNA 2003 and 2008 disagree on
    some names (`faß.de`), and a recognition key must not merge two sites."""
    absolute = absolute_url(url, base)
    try:
        parts = urlsplit(absolute)
        port = parts.port
    except ValueError:  # a port that is not a number, a malformed IPv6 host
        return absolute
    if parts.scheme not in WEB_SCHEMES or not parts.hostname:
        return absolute
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    userinfo, at, _ = parts.netloc.rpartition("@")
    netloc = userinfo + at + host
    if port is not None and port != _DEFAULT_PORTS[parts.scheme]:
        netloc += f":{port}"
    query = "&".join(
        pair
        for pair in parts.query.split("&")
        if pair and not is_tracking_parameter(unquote_plus(pair.partition("=")[0]))
    )
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


def is_tracking_parameter(name: str) -> bool:
    """True for a query parameter that only tracks the reader (`utm_source`, `fbclid`, …)."""
    name = name.lower()
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


def is_web_source(source: str) -> bool:
    """True for a source named by an http(s) address, which is fetched; else it is a file."""
    return source.strip().lower().startswith(("http://", "https://"))


def is_web_url(url: str) -> bool:
    """True for an absolute http(s) URL with a host: what an imported image may load."""
    try:
        parts = urlsplit(_EDGES.sub("", url))
    except ValueError:
        return False
    return parts.scheme in WEB_SCHEMES and bool(parts.netloc)


def is_safe_link(url: str) -> bool:
    """True for an absolute http, https or mailto URL: what an imported link may point to.

    Relative URLs are not safe: make them absolute first (`absolute_url`)."""
    try:
        scheme = urlsplit(_EDGES.sub("", url)).scheme
    except ValueError:
        return False
    return scheme == "mailto" or is_web_url(url)
