"""A build through an executor (spawned processes, a local dask cluster) equals a serial build,
byte for byte; a template mistake in a worker reaches the caller as the serial build reports it."""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, run, tree

from digest.build import BuildResult, build
from digest.cache import BuildCache
from digest.config import load_config
from digest.errors import DigestError
from digest.render import remote
from digest.render.pages import PageSpec
from digest.render.remote import Recipe, pack, render_chunk
from digest.render.theme import make_environment, theme_layers

DASK_MISSING = "dask.distributed is not installed: pip install 'digest[dask]'"


class Counting(Executor):
    """An executor that counts the calls it passes on, by function."""

    def __init__(self, inner: Executor) -> None:
        self.inner = inner
        self.calls: Counter[str] = Counter()

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        self.calls[_name(fn)] += 1
        return self.inner.submit(fn, *args, **kwargs)

    def map(self, fn: Callable[..., Any], *iterables: Any, **kwargs: Any) -> Iterator[Any]:
        self.calls[_name(fn)] += 1
        return self.inner.map(fn, *iterables, **kwargs)


def _name(fn: Callable[..., Any]) -> str:
    return getattr(fn, "func", fn).__name__


@pytest.fixture(scope="module")
def spawned() -> Iterator[Executor]:
    """Processes that start afresh: nothing can rely on memory inherited by a fork."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield pool


@pytest.fixture(scope="module")
def dask_client() -> Iterator[Any]:
    """A client of a small dask cluster on this machine: two worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        if os.environ.get("DIGEST_REQUIRE_TOOLS"):
            raise RuntimeError(f"DIGEST_REQUIRE_TOOLS is set, but {DASK_MISSING}") from None
        pytest.skip(DASK_MISSING)
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    )
    with cluster, Client(cluster) as client:
        yield client


@pytest.fixture(params=["spawned processes", "dask"])
def executor(request: pytest.FixtureRequest) -> Executor:
    if request.param == "dask":
        return request.getfixturevalue("dask_client").get_executor()
    return request.getfixturevalue("spawned")


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample site (three languages, stories), without search."""
    root = tmp_path_factory.mktemp("sample")
    for name in ("content", "data"):
        (root / name).symlink_to(REPO / name)
    config = (REPO / "digest.toml").read_text(encoding="utf-8")
    assert "[search]\nenabled = true" in config
    (root / "digest.toml").write_text(config.replace("enabled = true", "enabled = false"))
    return root


@pytest.fixture(scope="module")
def serial(sample: Path) -> dict[str, bytes]:
    """Every file of the sample site built here, without workers."""
    result = built(sample, "serial")
    assert result.pages > 100  # two render tasks at least
    return tree(result.output)


def built(root: Path, output: str, executor: Executor | None = None) -> BuildResult:
    """A clean build of `root` into `root/output`, with a cache in memory only."""
    config = load_config(root, {"output": str(root / output)})
    return build(config, executor, cache=BuildCache(None))


def assert_same_files(these: dict[str, bytes], expected: dict[str, bytes]) -> None:
    assert sorted(these) == sorted(expected)
    assert [path for path in sorted(expected) if these[path] != expected[path]] == []


def test_a_build_through_an_executor_equals_a_serial_build(
    executor: Executor, sample: Path, serial: dict[str, bytes], request: pytest.FixtureRequest
) -> None:
    counting = Counting(executor)
    result = built(sample, request.node.callspec.id.replace(" ", "-"), counting)
    assert counting.calls["_parse_chunk"] == 1  # one map of every chunk of articles
    assert counting.calls["render_chunk"] == -(-result.rendered // 100)
    assert_same_files(tree(result.output), serial)


def test_a_template_mistake_in_a_worker_is_reported_as_here(
    executor: Executor, make_site: Callable[..., Path]
) -> None:
    root = make_site(
        {
            "content/2024-03-01-a.md": "---\ntitle: A\ndate: 2024-03-01\n---\nText.\n",
            "templates/article.html": "{% extends 'default:article.html' %}\n"
            "{% block content %}{{ article.nope }}{% endblock %}\n",
        }
    )
    with pytest.raises(DigestError) as here:
        built(root, "serial")
    with pytest.raises(DigestError) as there:
        built(root, "remote", executor)
    [problem] = there.value.problems
    assert (problem.path, problem.line) == ("templates/article.html", 2)
    assert "nope" in problem.message
    assert there.value.problems == here.value.problems
    assert not (root / "remote").exists()  # nothing was written


def test_the_command_line_builds_on_a_dask_scheduler(
    dask_client: Any, sample: Path, serial: dict[str, bytes]
) -> None:
    output = sample / "cli"
    address = dask_client.scheduler.address
    result = run("build", sample, "--output", output, "--dask", address, "--clean")
    assert result.exit_code == 0, result.output
    assert_same_files(tree(output), serial)


def test_the_command_line_starts_a_local_dask_cluster(
    sample: Path, serial: dict[str, bytes]
) -> None:
    pytest.importorskip("distributed", reason=DASK_MISSING)
    output = sample / "local"
    result = run("build", sample, "--output", output, "--dask", "local", "--clean")
    assert result.exit_code == 0, result.output
    assert_same_files(tree(output), serial)


def test_dask_without_the_extra_says_how_to_install_it(
    sample: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # importing it raises ImportError
    result = run("build", sample, "--output", sample / "never", "--dask", "local")
    assert result.exit_code == 2
    assert "pip install 'digest[dask]'" in result.output
    assert not (sample / "never").exists()


def test_a_worker_makes_the_environment_once_and_checks_its_files(
    make_site: Callable[..., Path],
) -> None:
    root = make_site({"templates/404.html": "Not here.\n"})
    environment = make_environment(theme_layers("default", root), {})
    page = [PageSpec("404.html", "404.html", {})]
    recipe = Recipe.of(environment, root)
    (root / "templates/404.html").write_text("Edited since.\n")
    with pytest.raises(DigestError, match="same paths"):
        render_chunk(pack(recipe, page))  # this process sees other files than the recipe's
    edited = Recipe.of(environment, root)
    assert render_chunk(pack(edited, page)) == [b"Edited since.\n"]
    assert remote._environment(edited) is remote._environment(edited)


def test_an_unchanged_project_connects_to_no_cluster(sample: Path) -> None:
    pytest.importorskip("distributed", reason=DASK_MISSING)
    output = sample / "unchanged"
    assert run("build", sample, "--output", output).exit_code == 0
    result = run("build", sample, "--output", output, "--dask", "nonsense://nowhere")
    assert result.exit_code == 0, result.output  # the address was never used
    result = run("build", sample, "--output", output, "--dask", "nonsense://nowhere", "--clean")
    assert result.exit_code == 2
    assert "--dask nonsense://nowhere" in result.output
