"""Build times and memory of digest on a generated corpus, side by side with Hugo.

    python benchmarks/run.py --articles 1000 5000 [--runs 3] [--compare hugo] [--json out.json]

For each N: a seeded corpus of N news articles (benchmarks/corpus.py), then, `--runs` times,
each step in a fresh `python -m digest build` process: a clean build (`--clean`), a rebuild
with nothing changed, after one article's body changed, after one article's actors changed,
and after `base.html` (used by every page) changed in the site's templates/. With `--compare
hugo` the same edit is made to the Hugo site (benchmarks/hugo/) and Hugo builds right after
digest, step by step. After each clean build, loading digest's cache of parsed articles is
timed in a fresh process (cache_load.py). Then one body change inside `digest serve`
(serve_step.py). Prints the median of each step and writes everything as JSON. See
docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import NewsArticle, news_articles, write_digest_project
from hugo_site import hugo_binary, hugo_build_command, write_hugo_project
from measure import Measurement, run_measured

REPO = Path(__file__).resolve().parent.parent
THEME_BASE = REPO / "themes" / "default" / "templates" / "base.html"
RACY_SECONDS = 2.1
"""digest reads a file again when it changed within 2 s of the build that cached it: wait
that long after writing the corpus, as files in a real project are older than the build."""

STEPS = (
    "clean build",
    "no change",
    "one body changed",
    "one article's actors changed",
    "base.html changed",
)
SERVE_STEP = "one body changed, in digest serve"
SERVE_SAVES = 5
"""At least this many saves are timed in the serve row (the first after a build is slower)."""
CACHE_STEP = "load the cache of parsed articles"


@dataclass(frozen=True)
class Site:
    """One generator's copy of the corpus: how to build it and which files the edits touch."""

    name: str
    root: Path
    article: Path
    template: Path
    template_source: Path
    output: Path
    command: Callable[[bool], list[str]]
    env: dict[str, str] | None = None

    def build(self, clean: bool) -> Measurement:
        if clean and self.name == "hugo":
            shutil.rmtree(self.output, ignore_errors=True)  # Hugo's clean build: no output yet
        return run_measured(self.command(clean), self.env)


def digest_site(root: Path, article: NewsArticle) -> Site:
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    )
    # As installed, digest runs from compiled bytecode: an environment that forbids writing
    # it would time compiling every module of digest in every run (0.04 s).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return Site(
        name="digest",
        root=root,
        article=root / "content" / f"{article.stem}.md",
        template=root / "templates" / "base.html",
        template_source=THEME_BASE,
        output=root / "site",
        command=lambda clean: (
            [sys.executable, "-m", "digest", "build", str(root), "-q"]
            + (["--clean"] if clean else [])
        ),
        env=env,
    )


def hugo_site(root: Path, article: NewsArticle) -> Site:
    layout = root / "layouts" / "baseof.html"
    return Site(
        name="hugo",
        root=root,
        article=root / "content" / "articles" / f"{article.stem}.md",
        template=layout,
        template_source=layout,
        output=root / "public",
        command=lambda clean: hugo_build_command(root),
    )


def edit_body(site: Site, run: int) -> None:
    """Append a sentence to the article's last paragraph."""
    text = site.article.read_text(encoding="utf-8").rstrip("\n")
    site.article.write_text(f"{text} One more sentence, edit {run}.\n", encoding="utf-8")


def edit_actors(site: Site, run: int) -> None:
    """Add an actor to the article's front matter, or take it away again."""
    text = site.article.read_text(encoding="utf-8")
    if ', "Iceland"]' in text:
        text = text.replace(', "Iceland"]', "]", 1)
    else:
        start = text.index("\nactors: [")
        end = text.index("]", start)
        text = f'{text[:end]}, "Iceland"{text[end:]}'
    site.article.write_text(text, encoding="utf-8")


def edit_template(site: Site, run: int) -> None:
    """Change the base template of every page: the site's own copy of it, made on first use."""
    source = site.template if site.template.exists() else site.template_source
    text = source.read_text(encoding="utf-8")
    site.template.parent.mkdir(parents=True, exist_ok=True)
    site.template.write_text(text.replace("</body>", f"<!-- edit {run} -->\n</body>", 1), "utf-8")


EDITS: dict[str, Callable[[Site, int], None] | None] = {
    "clean build": None,
    "no change": None,
    "one body changed": edit_body,
    "one article's actors changed": edit_actors,
    "base.html changed": edit_template,
}


@dataclass
class Results:
    """Every measurement of one corpus size, by site and step."""

    articles: int
    runs: int
    seconds: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    peak_mb: dict[str, float] = field(default_factory=dict)
    tree_peak_mb: dict[str, float] = field(default_factory=dict)
    clean_peak_mb: dict[str, float] = field(default_factory=dict)
    """The largest process's peak in the clean builds (the issue's memory target)."""
    pages: dict[str, int] = field(default_factory=dict)
    cache_mb: float = 0.0
    """The size of digest's cache of parsed articles after a clean build."""

    def add(self, site: str, step: str, measured: Measurement) -> None:
        self.seconds.setdefault(site, {}).setdefault(step, []).append(measured.seconds)
        self.peak_mb[site] = max(self.peak_mb.get(site, 0.0), measured.peak_mb)
        self.tree_peak_mb[site] = max(self.tree_peak_mb.get(site, 0.0), measured.tree_peak_mb)
        if step == "clean build":
            self.clean_peak_mb[site] = max(self.clean_peak_mb.get(site, 0.0), measured.peak_mb)

    def median(self, site: str, step: str) -> float | None:
        values = self.seconds.get(site, {}).get(step)
        return statistics.median(values) if values else None

    def as_json(self) -> dict:
        medians = {
            site: {step: self.median(site, step) for step in steps}
            for site, steps in self.seconds.items()
        }
        hugo_clean = self.median("hugo", "clean build")
        ratios = (
            {step: seconds / hugo_clean for step, seconds in medians["digest"].items()}
            if hugo_clean
            else {}
        )
        return {
            "articles": self.articles,
            "runs": self.runs,
            "median_seconds": medians,
            "all_seconds": self.seconds,
            "ratio_to_hugo_clean_build": ratios,
            "peak_rss_mb": self.peak_mb,
            "peak_tree_rss_mb": self.tree_peak_mb,
            "clean_build_peak_rss_mb": self.clean_peak_mb,
            "pages": self.pages,
            "cache_megabytes": self.cache_mb,
        }


def count_pages(output: Path) -> int:
    """HTML pages in a built site, not counting redirects (Hugo's `page/1/` aliases)."""
    pages = output.rglob("*.html")
    return sum(1 for page in pages if 'http-equiv="refresh"' not in page.read_text("utf-8"))


def cache_load(site: Site) -> dict[str, float]:
    """Loading every parsed article from digest's cache, timed in a process of its own."""
    script = Path(__file__).resolve().parent / "cache_load.py"
    command = [sys.executable, str(script), str(site.root)]
    completed = subprocess.run(command, env=site.env, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def serve_seconds(site: Site, saves: int) -> list[float]:
    """One body change inside `digest serve`, timed in a process of its own."""
    script = Path(__file__).resolve().parent / "serve_step.py"
    command = [
        sys.executable,
        str(script),
        str(site.root),
        str(site.article),
        "--saves",
        str(saves),
    ]
    completed = subprocess.run(command, env=site.env, capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])["seconds"]


def measure(count: int, runs: int, hugo: bool, seed: int, workdir: Path | None) -> Results:
    """Every step `runs` times on a corpus of `count` articles, digest then Hugo."""
    results = Results(count, runs)
    with tempfile.TemporaryDirectory(prefix="digest-bench-", dir=workdir) as folder:
        articles = write_digest_project(Path(folder) / "digest", news_articles(count, seed))
        edited = next(a for a in articles[42:] + articles if not a.raw)
        sites = [digest_site(Path(folder) / "digest", edited)]
        if hugo:
            write_hugo_project(Path(folder) / "hugo", articles)
            sites.append(hugo_site(Path(folder) / "hugo", edited))
        time.sleep(RACY_SECONDS)
        for run in range(runs):
            for step, edit in EDITS.items():
                for site in sites:
                    if edit:
                        edit(site, run)
                    measured = site.build(clean=step == "clean build")
                    results.add(site.name, step, measured)
                    print(
                        f"  {count} {site.name:<6} {step:<30} {measured.seconds:7.2f} s", flush=True
                    )
                    if site.name == "digest" and step == "clean build":
                        loaded = cache_load(site)
                        results.seconds["digest"].setdefault(CACHE_STEP, []).append(
                            loaded["seconds"]
                        )
                        results.cache_mb = loaded["megabytes"]
        for site in sites:
            results.pages[site.name] = count_pages(site.output)
        for seconds in serve_seconds(sites[0], max(runs, SERVE_SAVES)):
            results.seconds["digest"].setdefault(SERVE_STEP, []).append(seconds)
    return results


def table(results: Results) -> str:
    """The medians of one corpus size as a Markdown table."""
    data = results.as_json()
    hugo = "hugo" in results.seconds
    head = (
        f"**{results.articles:,} articles**, median of {results.runs} run(s); pages: "
        + ", ".join(f"{site} {pages:,}" for site, pages in results.pages.items())
    )
    lines = [
        head,
        "",
        "| step | digest | Hugo | digest / Hugo clean build |",
        "| --- | ---: | ---: | ---: |",
    ]
    for step in (*STEPS, SERVE_STEP, CACHE_STEP):
        mine = results.median("digest", step)
        theirs = results.median("hugo", step)
        ratio = data["ratio_to_hugo_clean_build"].get(step)
        label = f"{step} ({results.cache_mb:.0f} MB)" if step == CACHE_STEP else step
        lines.append(
            f"| {label} | {_seconds(mine)} | {_seconds(theirs) if hugo else '—'} | "
            f"{f'{ratio:.2f}×' if ratio is not None else '—'} |"
        )
    for label, peaks in (
        ("peak RSS of the clean build, largest process", results.clean_peak_mb),
        ("peak RSS of any step, largest process", results.peak_mb),
        ("peak RSS of any step, process tree", results.tree_peak_mb),
    ):
        mine, theirs = peaks.get("digest"), peaks.get("hugo")
        ratio = f"{mine / theirs:.2f}× (of Hugo's)" if mine and theirs else "—"
        lines.append(
            f"| {label} | {mine:.0f} MB | {f'{theirs:.0f} MB' if theirs else '—'} | {ratio} |"
        )
    return "\n".join(lines)


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def machine(hugo: bool, workdir: Path | None) -> dict[str, object]:
    """What the numbers were measured on."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        line
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    version = ""
    if hugo:
        command = [str(hugo_binary()), "version"]
        version = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return {
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory_gb": round(int(memory.split()[1]) / 1024**2, 1),
        "python": platform.python_version(),
        "hugo": version.split()[1] if version else None,
        "load_average_at_start": os.getloadavg(),
        "workdir": str(workdir or tempfile.gettempdir()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, nargs="+", default=[1000])
    parser.add_argument(
        "--runs", type=int, default=3, help="runs of every step; the median is shown"
    )
    parser.add_argument("--compare", choices=["hugo"], help="build the same corpus with Hugo too")
    parser.add_argument("--json", type=Path, help="write every measurement here")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--workdir",
        type=Path,
        help="where the projects and their output go (default: the temporary folder); "
        "/dev/shm keeps a slow disk out of the numbers",
    )
    arguments = parser.parse_args()
    hugo = arguments.compare == "hugo"
    report: dict[str, object] = {"machine": machine(hugo, arguments.workdir), "sizes": []}
    for count in arguments.articles:
        results = measure(count, arguments.runs, hugo, arguments.seed, arguments.workdir)
        print("\n" + table(results) + "\n", flush=True)
        report["sizes"].append(results.as_json())
        if arguments.json:
            arguments.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
