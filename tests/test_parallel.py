"""Rendering in forked worker processes gives the serial result, page for page."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest
from conftest import REPO, run

from digest.cache import BuildCache
from digest.config import load_config
from digest.errors import DigestError
from digest.fingerprint import PageHeads
from digest.reading import read_articles
from digest.render.pages import render_pages, template_filters
from digest.render.parallel import SLICE, render_each
from digest.render.theme import make_environment, theme_layers
from digest.site.language_editions import collect_editions, language_editions

pytestmark = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="this platform cannot fork"
)


def planned(root: Path) -> tuple[list, object]:
    """Every page of the project, planned as a build plans them, and its environment."""
    config = load_config(root)
    cache = BuildCache(None)
    articles = read_articles(config, cache=cache).articles
    editions = language_editions(config)
    sites, _ = collect_editions(articles, editions, {}, lambda code: cache.edition(code).collected)
    layers = theme_layers(config.theme, config.root)
    environment = make_environment(layers, template_filters())
    heads = PageHeads(environment, layers, config)
    specs = []
    for edition in editions:
        plan = cache.edition(edition.code).plans.plan(
            sites[edition.code],
            edition.config,
            edition.urls,
            heads.of,
            environment.catalogues.messages(edition.code),
            edition.main,
        )
        specs += plan.specs
    return specs, environment


def test_parallel_rendering_equals_serial(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    root.mkdir()
    for name in ("content", "data"):
        (root / name).symlink_to(REPO / name)
    (root / "digest.toml").write_bytes((REPO / "digest.toml").read_bytes())
    specs, environment = planned(root)
    assert len(specs) > SLICE  # two workers at least
    done: list[int] = []
    parallel = list(render_each(specs, environment, root, done.append, parallel_from=0))
    assert parallel == render_pages(specs, environment, root)
    assert done[-1] == len(specs) and done == sorted(done)


def test_a_template_mistake_in_a_worker_is_reported(make_site, tmp_path: Path) -> None:
    days = [(month, day) for month in (3, 4, 5, 6) for day in range(1, 29)]
    articles = {
        f"content/2024-{m:02}-{d:02}.md": f"---\ntitle: A\ndate: 2024-{m:02}-{d:02}\n---\nText.\n"
        for m, d in days
    }
    articles["templates/article.html"] = (
        "{% extends 'default:article.html' %}{% block content %}{{ article.nope }}{% endblock %}"
    )
    root = make_site(articles)
    specs, environment = planned(root)
    assert len(specs) > SLICE  # two workers at least
    with pytest.raises(DigestError) as raised:
        list(render_each(specs, environment, root, parallel_from=0))
    assert "article.html" in str(raised.value)
    result = run("build", root)
    assert result.exit_code == 2 and "article.html" in result.output
