"""Debian's Chromium for the browser tests: skipped without it, a failure when it is required.

Set DIGEST_REQUIRE_TOOLS=1 (as `.ci/run` does) to turn a missing browser into a failure.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE = "DIGEST_REQUIRE_TOOLS"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def need_chromium() -> None:
    """Skip the calling test module without Chromium and Playwright, unless they are required."""
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright is a test extra (pip install -e '.[test]')")
    if not CHROMIUM.exists():
        missing.append("Debian's chromium is not installed (apt-get install chromium)")
    if not missing:
        return
    if os.environ.get(REQUIRE):
        raise RuntimeError(f"{REQUIRE} is set, but " + "; ".join(missing))
    pytest.skip("; ".join(missing), allow_module_level=True)
