"""A Pagefind full-text index of a built site, written into its `pagefind/` folder.

The index is built from the site's HTML (only elements marked `data-pagefind-body`, which the
default theme puts on article pages) by the Pagefind binary that the `pagefind[bin]` package
ships. It works on an existing output folder as well as on a staged one, and is idempotent:
the new bundle is written beside the old one and swapped in, so a failed run leaves the old
index in place and a second run gives the same files.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from digest.errors import DigestError, Problem

SEARCH_FOLDER = "pagefind"
"""The bundle's folder below the site root; the search page loads `pagefind/pagefind.js`."""
TIMEOUT = 3600
"""Seconds one index may take before it counts as hung (tens of thousands of pages: minutes)."""
_INSTALL_HINT = "install it with `pip install 'pagefind[bin]'`, or set [search] enabled = false"


@dataclass(frozen=True)
class SearchIndex:
    """What indexing wrote: the bundle folder and how many pages it holds."""

    folder: Path
    pages: int


def pagefind_binary() -> Path | None:
    """The Pagefind executable (PAGEFIND_BINARY_PATH, `pagefind[bin]`, or on PATH), if any."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = shutil.which("pagefind_extended") or shutil.which("pagefind")
        return Path(found) if found else None
    binary = get_executable()
    return binary if binary is not None and binary.is_file() else None


def require_pagefind() -> Path:
    """The Pagefind executable, or a DigestError that says how to install it."""
    binary = pagefind_binary()
    if binary is None:
        raise DigestError(
            Problem(
                "digest.toml",
                None,
                "search is enabled but Pagefind is not installed",
                _INSTALL_HINT,
            )
        )
    return binary


def index_site(folder: Path, languages: Sequence[str] = ("en",)) -> SearchIndex:
    """Index the site in `folder` into `folder/pagefind/`, replacing an older index whole.

    A site of one language is indexed in it, whatever its pages say; a site of several gets
    an index per language, each page in the language of its `<html lang>`, and the search
    page of each edition searches its own language."""
    binary = require_pagefind()
    folder = folder.resolve()
    staging = folder / f".{SEARCH_FOLDER}.staging-{os.getpid()}"
    old = folder / f".{SEARCH_FOLDER}.old-{os.getpid()}"
    target = folder / SEARCH_FOLDER
    try:
        shutil.rmtree(staging, ignore_errors=True)
        _run_pagefind(binary, folder, staging, languages)
        pages = len(list((staging / "fragment").glob("*.pf_fragment")))
        if target.exists():
            target.rename(old)
        staging.rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
    return SearchIndex(target, pages)


def _run_pagefind(binary: Path, site: Path, output: Path, languages: Sequence[str]) -> None:
    command = [str(binary), "--site", str(site), "--output-path", str(output), "--quiet"]
    if len(languages) == 1:
        command += ["--force-language", _language_code(languages[0])]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=TIMEOUT, check=False, cwd=site
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        message = f"Pagefind could not index the site: {error}"
        raise DigestError(Problem(str(site), None, message)) from None
    if done.returncode != 0 or not (output / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise DigestError(
            Problem(
                str(site),
                None,
                f"Pagefind could not index the site (exit {done.returncode})",
                "; ".join(detail[-3:]) or _INSTALL_HINT,
            )
        )


def _language_code(language: str) -> str:
    """Pagefind wants an ISO 639-1 code: `en` from `en-GB`; anything odd falls back to `en`."""
    code = language.split("-", 1)[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else "en"
