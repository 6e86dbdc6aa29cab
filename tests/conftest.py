"""Shared helpers: tiny sites written inline, named sample sites, and the built output."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from digest.build import BuildResult, build
from digest.cache import BuildCache
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


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def clean_tree(root: Path, elsewhere: Path) -> dict[str, bytes]:
    """The site a clean build makes of the project, in another folder, touching no cache."""
    output = elsewhere / "clean-site"
    shutil.rmtree(output, ignore_errors=True)
    config = load_config(root, {"output": str(output)})
    assert build(config, cache=BuildCache(None), clean=True).errors == ()
    return tree(output)
