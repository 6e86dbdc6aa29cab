"""Shared helpers: tiny sites written inline, named sample sites, and the built output."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest.build import BuildResult, build
from digest.cli import cli
from digest.config import load_config

pytest_plugins = ["chromium"]  # the browser fixtures

REPO = Path(__file__).resolve().parent.parent
SITES = Path(__file__).resolve().parent / "sites"
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "000_915dc7cbb9b56f6b.txt"

needs_seed = pytest.mark.skipif(
    not SEED.is_file(), reason="../shared/seed/ is absent: the seed article lives outside the repo"
)


def write_files(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write `{relative path: text}` below `root`; text is dedented."""
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """`make_site({"content/a.md": "..."}, config="title = 'x'")` → the project folder."""

    def make(files: Mapping[str, str | bytes], config: str | None = None) -> Path:
        root = tmp_path / "project"
        root.mkdir(exist_ok=True)
        if config is not None:
            files = {**files, "digest.toml": config}
        return write_files(root, files)

    return make


def build_project(root: Path, **overrides: object) -> BuildResult:
    return build(load_config(root, overrides))


def run(*args: str | Path) -> Result:
    """Run the real command line in-process and return its result (exit code, output)."""
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def article_md(
    title: str, date: str, topics: str = "[]", actors: str = "[]", body: str = ""
) -> str:
    """A small YAML-front-matter article."""
    return (
        f"---\ntitle: {title}\ndate: {date}\ntopics: {topics}\nactors: {actors}\n---\n\n"
        f"{body or 'Some text about ' + title + '.'}\n"
    )
