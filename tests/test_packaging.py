"""A regular (non-editable) install works anywhere: the default theme ships inside the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import REPO


def sh(*args: str | Path, cwd: Path | None = None) -> str:
    completed = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", out, REPO)
    [built] = out.glob("digest-*.whl")
    return built


def test_wheel_contains_the_default_theme(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "digest/themes/default/templates/base.html" in names
    assert "digest/themes/default/static/assets/digest.css" in names
    assert "digest/themes/default/locales/uk.po" in names
    assert "digest/serve/reload.js" in names
    assert not [n for n in names if n.startswith(("content/", "tests/", "site/"))]


def test_installed_wheel_inits_and_builds_a_site(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    sh(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    sh(python, "-m", "pip", "install", "--quiet", wheel)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    sh(venv / "bin" / "digest", "init", "paper", cwd=workdir)
    output = sh(venv / "bin" / "digest", "build", "paper", cwd=workdir)
    assert "1 article," in output
    assert (workdir / "paper/site/index.html").is_file()
    assert (workdir / "paper/site/assets/digest.css").is_file()
