"""The benchmark corpus (benchmarks/corpus.py) is deterministic and reads as intended."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO

sys.path.insert(0, str(REPO / "benchmarks"))

from corpus import news_articles, write_digest_project, write_hugo_content

from digest.analysis import analyze
from digest.config import load_config


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    for name in ("a", "b"):
        articles = list(news_articles(40, seed=3))
        write_digest_project(tmp_path / name, articles)
        write_hugo_content(tmp_path / name / "hugo", articles)
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    other = list(news_articles(40, seed=4))
    assert [a.title for a in other] != [a.title for a in news_articles(40, seed=3)]


def test_digest_finds_the_topics_and_actors_written(tmp_path: Path) -> None:
    articles = write_digest_project(tmp_path, news_articles(20))
    assert {a.raw for a in articles} == {True, False}
    analysed, problems = analyze(load_config(tmp_path))
    assert problems == []
    by_stem = {Path(article.key).stem: article for article, _ in analysed}
    for written in articles:
        found = by_stem[written.stem]
        assert {t.name for t in found.topics} == {t.name for t in written.topics}
        assert {a.name for a in found.actors} == {a.name for a in written.actors}
