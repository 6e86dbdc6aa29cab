"""Every page and stylesheet of the sample site passes the Nu HTML Checker (vnu), no errors.

vnu is the W3C's checker, shipped on npm as `vnu-jar` and run with the machine's Java. It is
found through `$VNU_JAR`, else in `tests/tools/node_modules/` (`npm install --prefix
tests/tools`, which `.ci/run` does). Without Java or vnu the test is skipped, unless
`$DIGEST_REQUIRE_TOOLS` is set (CI), where a missing checker is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, build_project

TOOLS = REPO / "tests" / "tools" / "node_modules"
VNU_IN_REPO = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"


def vnu_command() -> list[str]:
    """The command that runs vnu, or a skip (a failure in CI) saying what is missing."""
    java = shutil.which("java")
    jar = Path(os.environ.get("VNU_JAR", VNU_IN_REPO))
    missing = [
        what
        for what, present in (("java", java), (f"vnu.jar ({jar})", jar.is_file()))
        if not present
    ]
    if missing:
        reason = f"{' and '.join(missing)} not found: npm install --prefix tests/tools"
        if os.environ.get("DIGEST_REQUIRE_TOOLS"):
            pytest.fail(reason)
        pytest.skip(reason)
    return [str(java), "-jar", str(jar)]


def test_every_page_of_the_sample_site_is_valid_html(tmp_path: Path) -> None:
    command = vnu_command()
    project = tmp_path / "sample"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "data", project / "data")
    shutil.copy(REPO / "digest.toml", project / "digest.toml")
    build_project(project, base_url="https://example.org/repo/")
    site = project / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50
    completed = subprocess.run(
        [
            *command,
            "--errors-only",
            "--skip-non-html",
            "--also-check-css",
            "--format",
            "json",
            "--exit-zero-always",
            site,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(completed.stderr or completed.stdout)["messages"]
    errors = [
        f"{_page(m.get('url', ''), site)}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert errors == []


def _page(url: str, site: Path) -> str:
    """`file:/tmp/…/site/2024/index.html` → `2024/index.html`."""
    path = Path(url.removeprefix("file:"))
    return str(path.relative_to(site)) if path.is_relative_to(site) else url
