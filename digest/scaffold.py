"""Files `digest init` and `digest new` write: a new project, a new article."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from importlib import metadata
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


_SETUP_STEPS = """\
      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: "3.12"
      - name: Install digest
        run: |
          if [ -z "$DIGEST_SPEC" ]; then
            echo "::error::Set the repository variable DIGEST_SPEC: see .github/workflows/pages.yml"
            exit 1
          fi
          python -m pip install "$DIGEST_SPEC"
"""
_PUBLISH_STEPS = (
    """\
      - name: Configure Pages
        id: pages
        uses: actions/configure-pages@v5
"""
    + _SETUP_STEPS
    + """\
      - name: Build
        run: digest build --base-url "${{ steps.pages.outputs.base_url }}"
      - name: Upload
        uses: actions/upload-pages-artifact@v3
        with:
          path: site
"""
)
_DEPLOY_JOB = """\
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - name: Deploy
        id: deployment
        uses: actions/deploy-pages@v4
"""
_CHECK_OUT = """\
      - name: Check out
        uses: actions/checkout@v4
"""

WORKFLOW_PATH = ".github/workflows/pages.yml"
WORKFLOW_TEMPLATE = (
    """\
# Build this digest and publish it on GitHub Pages, on every push to main.
# Written by `digest init`. Once, on GitHub: Settings → Pages → Build and deployment →
# Source: "GitHub Actions". The site's address comes from GitHub (configure-pages), so
# base_url in digest.toml need not match it.
name: Publish on GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  # How pip installs digest: any pip requirement (a Git URL, a wheel's URL, name==version).
  # A repository variable DIGEST_SPEC (Settings → Secrets and variables → Actions →
  # Variables) overrides what `digest init` wrote here, e.g.
  #   digest @ git+https://github.com/OWNER/digest@v0.1.0
  DIGEST_SPEC: ${{ vars.DIGEST_SPEC || '@DIGEST_SPEC@' }}

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
"""
    + _CHECK_OUT
    + _PUBLISH_STEPS
    + "\n"
    + _DEPLOY_JOB
)


IMPORT_WORKFLOW_PATH = ".github/workflows/import.yml"
IMPORT_WORKFLOW_TEMPLATE = (
    """\
# Import new articles from the [import] sources of digest.toml every hour, commit them, and
# publish the site on GitHub Pages. Written by `digest init --feeds`. Once, on GitHub:
# Settings → Pages → Source: "GitHub Actions"; and Settings → Actions → General → Workflow
# permissions: "Read and write permissions" (the job commits the imported articles).
name: Import and publish

on:
  schedule:
    - cron: "@CRON@"
  workflow_dispatch:

permissions:
  contents: write
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

env:
  # How pip installs digest (see pages.yml); a repository variable DIGEST_SPEC overrides it.
  DIGEST_SPEC: ${{ vars.DIGEST_SPEC || '@DIGEST_SPEC@' }}

jobs:
  import:
    runs-on: ubuntu-latest
    outputs:
      changed: ${{ steps.commit.outputs.changed }}
    steps:
"""
    + _CHECK_OUT
    + _SETUP_STEPS
    + """\
      - name: Import
        # A source that fails is reported (the step shows an error) and the others are
        # still committed and published.
        continue-on-error: true
        run: digest import
      - name: Commit the imported articles
        id: commit
        run: |
          git config user.name "github-actions[bot]"
          git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
          git add --all content
          if git diff --cached --quiet; then
            echo "changed=false" >> "$GITHUB_OUTPUT"
          else
            git commit --quiet --message "Import articles"
            git push
            echo "changed=true" >> "$GITHUB_OUTPUT"
          fi

  build:
    needs: import
    if: needs.import.outputs.changed == 'true' || github.event_name == 'workflow_dispatch'
    runs-on: ubuntu-latest
    steps:
"""
    + _CHECK_OUT
    + """\
        with:
          ref: ${{ github.ref }}  # the commit just pushed, not the one the run started from
"""
    + _PUBLISH_STEPS
    + "\n"
    + _DEPLOY_JOB
)
HOURLY = "17 * * * *"
"""Every hour, at a minute when fewer scheduled jobs start than on the hour."""


def install_spec(direct_url: str | None, version: str) -> str:
    """How CI can pip-install the digest that runs now; `""` when only this machine can.

    `direct_url` is pip's record of where it installed digest from (PEP 610): a Git
    checkout gives `digest @ git+URL@COMMIT`, an archive URL `digest @ URL`, no record (an
    index) `digest==VERSION`; a local folder or file gives nothing CI could reach.
    """
    if direct_url is None:
        return f"digest=={version}"
    try:
        record = json.loads(direct_url)
    except ValueError:
        return ""
    url = str(record.get("url", ""))
    if not url.startswith(("https://", "http://")):
        return ""
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        commit = vcs.get("commit_id") or vcs.get("requested_revision") or ""
        return f"digest @ git+{url}" + (f"@{commit}" if commit else "")
    return "" if "dir_info" in record else f"digest @ {url}"


def pages_workflow(spec: str) -> str:
    """The GitHub Actions workflow that builds the site and deploys it to GitHub Pages."""
    return WORKFLOW_TEMPLATE.replace("@DIGEST_SPEC@", spec.replace("'", "''"))


def import_table(feeds: Sequence[str]) -> str:
    """digest.toml's `[import]` table for these feeds."""
    listed = "".join(f"    {json.dumps(feed, ensure_ascii=False)},\n" for feed in feeds)
    return (
        "\n[import]\n"
        "# What `digest import` brings in when run without sources: feeds, OPML lists of\n"
        "# feeds and article pages (URLs, or files in this project).\n"
        f"sources = [\n{listed}]\n"
        'into = "content/_imported"\n'
        "# full_text = true   # fetch each article's page for its whole text\n"
    )


def import_workflow(spec: str, cron: str = HOURLY) -> str:
    """The workflow that imports on a schedule, commits what is new, and publishes the site."""
    return IMPORT_WORKFLOW_TEMPLATE.replace("@DIGEST_SPEC@", spec.replace("'", "''")).replace(
        "@CRON@", cron
    )


def _running_install_spec() -> str:
    try:
        distribution = metadata.distribution("digest")
    except metadata.PackageNotFoundError:
        return ""
    return install_spec(distribution.read_text("direct_url.json"), distribution.version)


def init_project(folder: Path, now: datetime, feeds: Sequence[str] = ()) -> list[Path]:
    """Create a project in `folder`; refuse if one is already there. With `feeds`, the project
    imports them (`[import]`) and a workflow does so every hour. Returns the files written."""
    if (folder / CONFIG_FILE).exists():
        raise DigestError(
            Problem(str(folder / CONFIG_FILE), None, "a digest project already exists here")
        )
    for name in ("content", "templates", "static", "data", ".github/workflows"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    title = json.dumps(folder.resolve().name.replace("-", " ").title() or "Digest")
    config = CONFIG_TEMPLATE.format(title=title) + (import_table(feeds) if feeds else "")
    written = [_create(folder / CONFIG_FILE, config)]
    spec = _running_install_spec()
    files = [
        (".gitignore", GITIGNORE),
        ("data/actors.toml", ACTORS_TEMPLATE),
        ("data/topics.toml", TOPICS_TEMPLATE),
        (WORKFLOW_PATH, pages_workflow(spec)),
    ]
    if feeds:
        files.append((IMPORT_WORKFLOW_PATH, import_workflow(spec)))
    for name, text in files:
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
    language: str = "",
) -> Path:
    """Write `content/YYYY-MM-DD-slug.md` with front matter; never overwrite an existing file.

    The slug is transliterated as `language` does (the caller puts an article of a language
    other than the default into that language's folder)."""
    slug = slugify(title, fallback="article", language=language)
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
