"""Files `digest init` and `digest new` write: a new project, a new article."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from digest.config import CONFIG_FILE
from digest.errors import DigestError, Problem
from digest.slugs import slugify

GITIGNORE = """\
# digest build output and caches
/site/
/.digest-cache/
__pycache__/
"""

CONFIG_TEMPLATE = """\
# digest site settings: https://github.com/ (see docs/configuration.md in digest)
title = {title}
description = "A digest of the news, by topic, actor and day."
# The address the site is published at. For GitHub project pages include the
# repository: "https://USER.github.io/REPO/".
base_url = "/"
language = "en"
timezone = "UTC"
theme = "default"
per_page = 10

[extra]
# Anything here is passed to templates as site.extra.
"""


ACTORS_TEMPLATE = """\
# Actor registry: canonical names, kinds, aliases and profiles (see digest's docs/actors.md).
# Countries and international organisations are built in; add the people and bodies your
# digest follows. Uncomment and edit:
#
# [[actor]]
# name = "Jens Stoltenberg"
# kind = "person"                 # person | country | organisation | group
# aliases = ["Stoltenberg"]       # or per language: { uk = ["Єнс Столтенберг"] }
# role = "Secretary General of NATO (2014–2024)"
# wikidata = "Q57282"
"""

TOPICS_TEMPLATE = """\
# Topic rules: phrases that give an article a topic when its front matter names none.
# Uncomment and edit:
#
# threshold = 2.0
#
# [[topic]]
# name = "Military aid"
# phrases.en = { "military aid" = 2, "ammunition" = 1, "air defence" = 1 }
"""


def init_project(folder: Path, now: datetime) -> list[Path]:
    """Create a project in `folder`; refuse if one is already there. Returns the files written."""
    if (folder / CONFIG_FILE).exists():
        raise DigestError(
            Problem(str(folder / CONFIG_FILE), None, "a digest project already exists here")
        )
    for name in ("content", "templates", "static", "data"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    title = json.dumps(folder.resolve().name.replace("-", " ").title() or "Digest")
    written = [_create(folder / CONFIG_FILE, CONFIG_TEMPLATE.format(title=title))]
    for name, text in (
        (".gitignore", GITIGNORE),
        ("data/actors.toml", ACTORS_TEMPLATE),
        ("data/topics.toml", TOPICS_TEMPLATE),
    ):
        if not (folder / name).exists():  # a file the user already has stays as it is
            written.append(_create(folder / name, text))
    written.append(
        new_article(
            folder / "content",
            "Welcome to your digest",
            now,
            topics=["Getting started"],
            body=(
                "This is your first article. Edit it, or add Markdown and text files to "
                "`content/`, then run `digest build`.\n"
            ),
        )
    )
    return written


def new_article(
    content_dir: Path,
    title: str,
    now: datetime,
    topics: list[str] | None = None,
    actors: list[str] | None = None,
    body: str = "Write the article here.\n",
) -> Path:
    """Write `content/YYYY-MM-DD-slug.md` with front matter; never overwrite an existing file."""
    slug = slugify(title, fallback="article")
    path = content_dir / f"{now:%Y-%m-%d}-{slug}.md"
    lines = ["---", f"title: {json.dumps(title, ensure_ascii=False)}", f"date: {now.isoformat()}"]
    if topics:
        lines.append(f"topics: {json.dumps(topics, ensure_ascii=False)}")
    if actors:
        lines.append(f"actors: {json.dumps(actors, ensure_ascii=False)}")
    lines += ["draft: false", "---", "", body]
    content_dir.mkdir(parents=True, exist_ok=True)
    return _create(path, "\n".join(lines))


def _create(path: Path, text: str) -> Path:
    """Write a new file; an existing one is an error, never overwritten."""
    try:
        with path.open("x", encoding="utf-8") as file:
            file.write(text)
    except FileExistsError:
        raise DigestError(
            Problem(
                str(path), None, "file already exists; not overwriting it", "choose another title"
            )
        ) from None
    return path
