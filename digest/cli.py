"""The command line: `digest build | serve | check | init | new | …`; the only module that
knows click and rich.

Exit codes: 0 built (warnings allowed), 1 built but some content had problems,
2 usage or configuration error (nothing written).
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import ExitStack, contextmanager
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from digest import __version__
from digest.config import load_config
from digest.errors import DigestError

if TYPE_CHECKING:
    from digest.build import BuildResult
    from digest.importing.run import ImportReport
    from digest.output.check import CheckReport
    from digest.serve.live import BuildReport

# Each command imports what it needs when it runs: `digest --help` starts without the
# pipeline, the server or rich.

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="digest")
def cli() -> None:
    """digest: a static site generator for news digests."""


@cli.command("build")
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--content", type=click.Path(file_okay=False, path_type=Path), help="Articles folder."
)
@click.option("--output", type=click.Path(file_okay=False, path_type=Path), help="Output folder.")
@click.option("--base-url", help="Public URL of the site, e.g. https://user.github.io/repo/.")
@click.option("--drafts", is_flag=True, default=None, help="Include draft articles.")
@click.option("--clean", is_flag=True, help="Ignore and rewrite the build cache (.digest-cache/).")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
@click.option(
    "--dask",
    metavar="ADDRESS",
    help="Parse and render on the dask.distributed scheduler at ADDRESS (tcp://host:8786), "
    "or on a cluster started on this machine with `local`.",
)
def build_command(
    project: Path,
    content: Path | None,
    output: Path | None,
    base_url: str | None,
    drafts: bool | None,
    clean: bool,
    quiet: bool,
    dask: str | None,
) -> None:
    """Build the site of PROJECT (default: this folder) into its output folder."""
    from digest.build import build

    overrides = {
        "content": str(content.resolve()) if content else None,
        "output": str(output.resolve()) if output else None,
        "base_url": base_url,
        "drafts": drafts,
    }
    with _reported():
        config = load_config(project, overrides)
        with _dask_executor(dask) as executor, _progress() as progress:
            result = build(config, executor, progress=progress, clean=clean)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    if not quiet:
        click.echo(_summary(result))
    sys.exit(EXIT_CONTENT if result.errors else EXIT_OK)


@cli.command("check")
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--output", type=click.Path(file_okay=False, path_type=Path), help="Built site to check."
)
@click.option("--base-url", help="URL the site is served under (default: the project's).")
@click.option("--external", is_flag=True, help="Also visit external links (slow; network).")
def check_command(project: Path, output: Path | None, base_url: str | None, external: bool) -> None:
    """Check that every link, image and #anchor of the built site resolves."""
    from digest.output.check import check_external, check_site

    with _reported():
        config = load_config(project, {"output": str(output.resolve()) if output else None})
        report = check_site(config.output_dir, base_url or config.base_url)
    failures = list(report.failures)
    if external:
        failures = sorted(failures + check_external(report.external))
    for failure in failures:
        click.echo(str(failure))
    click.echo(_check_summary(report, len(failures), external), err=bool(failures))
    sys.exit(EXIT_CONTENT if failures else EXIT_OK)


@cli.command("serve")
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port (0: any free).")
@click.option("--open", "open_browser", is_flag=True, help="Open the site in a browser.")
@click.option("--drafts", is_flag=True, default=None, help="Include draft articles.")
def serve_command(
    project: Path, host: str, port: int, open_browser: bool, drafts: bool | None
) -> None:
    """Build PROJECT, serve it, and rebuild and reload the browser on every change."""
    from digest.serve.builder import PreviewBuilder
    from digest.serve.server import PortInUse, PreviewServer

    builder = PreviewBuilder()

    def after_build(report: BuildReport) -> None:
        _print_build(report)
        for problem in builder.settle():
            click.echo(f"search index not refreshed: {problem}", err=True)

    preview = PreviewServer(
        project,
        builder,
        overrides={"drafts": drafts},
        host=host,
        port=port,
        on_build=after_build,
    )
    try:
        preview.bind()
    except PortInUse:
        click.echo(f"port {port} on {host} is in use: try --port {port + 1}", err=True)
        sys.exit(EXIT_USAGE)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        click.echo("building…", err=True)
        preview.start()
        for url in preview.urls:
            click.echo(f"serving {url}")
        click.echo("watching for changes; press Ctrl-C to stop")
        if open_browser:
            import webbrowser

            webbrowser.open(preview.urls[0])
        while True:
            time.sleep(3600)  # the work happens on the server's threads; Ctrl-C ends this
    except KeyboardInterrupt:
        click.echo("\nstopping…", err=True)
    finally:
        preview.stop()
        signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _print_build(report: BuildReport) -> None:
    """One line per build, then its problems (and a crash's traceback)."""
    if report.crash:
        click.echo(report.crash, err=True)
    for problem in report.problems:
        click.echo(str(problem), err=True)
    what = ", ".join(report.changes.kinds).replace("_", " ") if report.changes else "first build"
    if report.failed:
        click.echo(f"build failed ({what}); still serving the last good build", err=True)
    elif report.result is not None:
        click.echo(f"{_summary(report.result)} [{what}]")


@cli.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--feeds",
    "feeds",
    multiple=True,
    metavar="URL",
    help="A feed to import (repeatable): also writes an hourly import workflow.",
)
def init_command(folder: Path, feeds: tuple[str, ...]) -> None:
    """Create a new digest project in FOLDER."""
    from digest.importing.urls import is_web_source
    from digest.scaffold import init_project

    for feed in feeds:
        if not is_web_source(feed):
            raise click.BadParameter(f"{feed!r} is not an http(s) URL", param_hint="--feeds")
    with _reported():
        written = init_project(folder, datetime.now().astimezone(), feeds)
    for path in written:
        click.echo(f"created {path}")
    if feeds:
        click.echo(f"Next: cd {folder} && digest import && digest build")
    else:
        click.echo(f"Next: cd {folder} && digest build")


@cli.command("new")
@click.argument("title")
@click.option("--topic", "topics", multiple=True, help="A topic (repeatable).")
@click.option("--actor", "actors", multiple=True, help="An actor (repeatable).")
@click.option("--language", help="The article's language edition (default: the site's `language`).")
@click.option(
    "--project", default=".", type=click.Path(file_okay=False, path_type=Path), help="Project."
)
def new_command(
    title: str,
    topics: tuple[str, ...],
    actors: tuple[str, ...],
    language: str | None,
    project: Path,
) -> None:
    """Write a new article titled TITLE with today's date (in content/LANGUAGE/ for a
    language other than the site's)."""
    from digest.scaffold import new_article

    with _reported():
        config = load_config(project)
        code = language or config.language
        if config.find_language(code) is None:
            known = ", ".join(lang.code for lang in config.languages)
            raise click.UsageError(f"--language {code}: the site's languages are {known}")
        folder = config.content_dir if code == config.language else config.content_dir / code
        path = new_article(
            folder,
            title,
            datetime.now(config.tz).replace(microsecond=0),
            list(topics),
            list(actors),
            language=code,
        )
    click.echo(f"created {path}")


@cli.command("import")
@click.argument("arguments", nargs=-1, metavar="SOURCE... [PROJECT]")
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the imported articles (default: [import] into, or content/_imported).",
)
@click.option("--since", help="Only articles published on or after this date (2024-02-28).")
@click.option("--limit", type=click.IntRange(min=1), help="At most this many newest per source.")
@click.option("--full-text", is_flag=True, default=None, help="Fetch each article's page.")
@click.option("-q", "--quiet", is_flag=True, help="Print problems only.")
def import_command(
    arguments: tuple[str, ...],
    into: Path | None,
    since: str | None,
    limit: int | None,
    full_text: bool | None,
    quiet: bool,
) -> None:
    """Import articles from feeds (RSS, Atom, JSON Feed), OPML lists of feeds and article
    pages, each a URL or a file, into the project PROJECT (default: this folder). Without a
    SOURCE, the [import] sources of digest.toml. Importing again changes nothing; files you
    edited are never overwritten."""
    from digest.importing.run import ImportOptions, run_import

    sources, project = _sources_and_project(arguments)
    with _reported():
        config = load_config(project)
        options = ImportOptions(
            sources=sources or _configured_sources(config.imports.sources, config.root),
            into=into.resolve() if into else config.root / config.imports.into,
            since=_since(since, config.tz),
            limit=limit,
            full_text=config.imports.full_text if full_text is None else full_text,
        )
        if not options.sources:
            raise click.UsageError("no SOURCE given, and digest.toml has no [import] sources")
        with _progress() as progress:
            report = run_import(config, options, progress=progress)  # type: ignore[arg-type]
    for line in _import_problems(report):
        click.echo(line, err=True)
    if not quiet:
        click.echo(_import_summary(report))
    sys.exit(EXIT_CONTENT if report.failed else EXIT_OK)


def _sources_and_project(arguments: tuple[str, ...]) -> tuple[tuple[str, ...], Path]:
    """The sources, and the project: the last argument when it is a folder."""
    if arguments and Path(arguments[-1]).is_dir():
        return arguments[:-1], Path(arguments[-1])
    return arguments, Path(".")


def _configured_sources(sources: tuple[str, ...], root: Path) -> tuple[str, ...]:
    """digest.toml's sources: URLs as they are, files relative to the project."""
    from digest.importing.urls import is_web_source

    return tuple(source if is_web_source(source) else str(root / source) for source in sources)


def _since(text: str | None, tz: tzinfo) -> datetime | None:
    if text is None:
        return None
    from digest.content.dates import to_datetime

    try:
        return to_datetime(text, tz)
    except ValueError as error:
        raise click.BadParameter(f"{error}; e.g. 2024-02-28", param_hint="--since") from None


def _import_problems(report: ImportReport) -> list[str]:
    lines = [f"{failed.what}: failed: {failed.why}" for failed in report.failed]
    lines += [f"{skipped.what}: skipped: {skipped.why}" for skipped in report.skipped]
    lines += [f"warning: {warning}" for warning in report.warnings]
    return lines


def _import_summary(report: ImportReport) -> str:
    parts = [
        f"{len(report.new)} new",
        f"{len(report.updated)} updated",
        f"{report.unchanged} unchanged",
        f"{len(report.skipped)} skipped",
    ]
    if report.not_modified:
        parts.append(f"{_count(len(report.not_modified), 'source')} not modified")
    if report.failed:
        parts.append(f"{_count(len(report.failed), 'source')} failed")
    return ", ".join(parts)


@cli.command("analyze")
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--content", type=click.Path(file_okay=False, path_type=Path), help="Articles folder."
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line per article.")
def analyze_command(project: Path, content: Path | None, as_json: bool) -> None:
    """Show what digest finds in each article: topics, main and mentioned actors."""
    from digest.analysis import analyze, article_record

    with _reported():
        config = load_config(project, {"content": str(content.resolve()) if content else None})
        articles, problems = analyze(config)
    for problem in problems:
        click.echo(str(problem), err=True)
    for article, story in articles:
        record = article_record(article, story)
        if as_json:
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            actors = record["actors"]
            click.echo(f"{record['path']}: {record['title']}")
            click.echo(f"  topics: {', '.join(record['topics']) or '-'}")  # type: ignore[arg-type]
            click.echo(f"  main: {', '.join(actors['main']) or '-'}")  # type: ignore[index]
            click.echo(f"  mentioned: {', '.join(actors['mentioned']) or '-'}")  # type: ignore[index]
    sys.exit(EXIT_CONTENT if any(p.is_error for p in problems) else EXIT_OK)


@cli.command("actors")
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--suggest", is_flag=True, help="Frequent detected names to add to the registry.")
def actors_command(project: Path, suggest: bool) -> None:
    """List the actors of the site with their kinds and counts."""
    from digest.analysis import count_actors, registry_snippet

    with _reported():
        counts, problems = count_actors(load_config(project))
    for problem in problems:
        click.echo(str(problem), err=True)
    if suggest:
        click.echo(registry_snippet(counts) or "# nothing to suggest", nl=False)
        return
    for count in counts:
        known = "" if count.known else "  (detected)"
        kind = count.kind or "?"
        click.echo(f"{count.articles:5} {count.main:5}  {kind:<13} {count.name}{known}")


@cli.command("topics")
@click.argument("project", default=".", type=click.Path(file_okay=False, path_type=Path))
@click.option("--suggest", is_flag=True, help="Topics for untagged articles, learnt from tagged.")
def topics_command(project: Path, suggest: bool) -> None:
    """List the topics of the site with their counts."""
    from digest.analysis import topic_counts, topic_suggestions

    with _reported():
        config = load_config(project)
        if suggest:
            suggestions, problems = topic_suggestions(config)
        else:
            counts, problems = topic_counts(config)
    for problem in problems:
        click.echo(str(problem), err=True)
    if suggest:
        for item in suggestions:
            click.echo(f"{item.key}: {item.topic} ({item.probability:.0%})")
        return
    for name, count in counts:
        click.echo(f"{count:5}  {name}")


@contextmanager
def _reported() -> Iterator[None]:
    """Print a DigestError's problems and exit 2; anything else is a bug and propagates."""
    try:
        yield
    except DigestError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        click.echo("nothing was written", err=True)
        sys.exit(EXIT_USAGE)


@contextmanager
def _dask_executor(address: str | None) -> Iterator[Executor | None]:
    """The executor of a dask.distributed client of the scheduler at `address` (`local`: of a
    cluster started here, a worker process per core), or None without an address."""
    if address is None:
        yield None
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise click.UsageError(
            "--dask needs dask.distributed, an optional extra: pip install 'digest[dask]'"
        ) from None
    with ExitStack() as stack:

        def connected() -> Executor:
            scheduler: str | LocalCluster = address
            if address == "local":
                cluster = LocalCluster(threads_per_worker=1, dashboard_address=":0")
                scheduler = stack.enter_context(cluster)
            try:
                client = stack.enter_context(Client(scheduler))
            except (OSError, ValueError) as error:  # unreachable, or not a scheduler's address
                raise click.UsageError(f"--dask {address}: {error}") from None
            return client.get_executor()  # type: ignore[no-any-return]

        yield _OnFirstUse(connected)


class _OnFirstUse(Executor):
    """The executor `make()` gives, made when the first task comes: a build with nothing to
    parse or render (an unchanged project) connects to no cluster and starts none."""

    def __init__(self, make: Callable[[], Executor]) -> None:
        self._make = make
        self._made: Executor | None = None

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        if self._made is None:
            self._made = self._make()
        return self._made.submit(fn, *args, **kwargs)


@contextmanager
def _progress() -> Iterator[object]:
    """A progress bar on a terminal; nothing decorative otherwise."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        tasks: dict[str, object] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)  # type: ignore[arg-type]

        yield update


def _summary(result: BuildResult) -> str:
    errors = len(result.errors)
    warnings = len(result.problems) - errors
    problems = (
        f"{_count(errors, 'error')}, {_count(warnings, 'warning')}"
        if result.problems
        else "no problems"
    )
    return (
        f"{_count(result.articles, 'article')}, {_count(result.pages, 'page')}, "
        f"{_count(result.static_files, 'static file')} → {_shown(result.output)} "
        f"in {result.seconds:.2f} s; {problems}"
    )


def _check_summary(report: CheckReport, failures: int, external: bool) -> str:
    outside = len(report.external)
    checked = f"{_count(report.links, 'link')} on {_count(report.pages, 'page')}"
    if report.feeds:
        checked += f", {_count(report.feeds, 'feed')}"
    skipped = "" if external or not outside else f" ({outside} external not visited)"
    found = _count(failures, "broken link") if failures else "all resolve"
    return f"checked {checked}{skipped}: {found}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _shown(path: Path) -> str:
    try:
        return f"{path.relative_to(Path.cwd())}/"
    except ValueError:
        return f"{path}/"


def main() -> None:
    """Console entry point: one command, then the process ends without tearing down the
    interpreter (freeing every object one by one costs a short build a tenth of its time).
    As the interpreter would, it first waits for the threads still working (the removal of
    the site a build replaced); every file is written and closed by then, and no exit
    handler of ours is left."""
    try:
        cli(prog_name="digest")
        code: object = 0
    except SystemExit as leaving:
        code = leaving.code
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code or 0)
