"""Time incremental builds in one process, as the preview server runs them.

    python benchmarks/incremental_speed.py --articles 5000 [--profile STAGE_OUTPUT]

Builds a generated corpus clean, then again with no change, after one article's body
changed, and after `article.html` changed (a site-level override), keeping one BuildCache in
memory; then once more with no change and after five body changes, updating the output in
place as the preview server does. Prints wall time, read/parsed/cached articles, planned/rendered/
reused pages and stage times, and checks that the template change parsed no article.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

from digest.build import BuildResult, build
from digest.cache import BuildCache
from digest.config import load_config
from digest.render.theme import builtin_themes_dir
from digest.serve.builder import tidy_heap


def change_body(root: Path) -> None:
    path = root / "content" / "article-000042.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")


def change_template(root: Path) -> None:
    target = root / "templates" / "article.html"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(builtin_themes_dir() / "default" / "templates" / "article.html", target)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("</article>", "<p>edited</p></article>", 1), "utf-8")


def run(
    root: Path, cache: BuildCache, label: str, profile: Path | None, in_place: bool
) -> BuildResult:
    config = load_config(root)
    profiler = cProfile.Profile() if profile else None
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    result = build(config, cache=cache, clean=label == "clean", in_place=in_place)
    if profiler:
        profiler.disable()
        profiler.dump_stats(profile.with_name(f"{profile.name}-{label.replace(' ', '-')}"))
    seconds = time.perf_counter() - start
    stages = " ".join(f"{k} {1000 * v:.0f}" for k, v in result.timings.items())
    print(
        f"{label:<22} {seconds:7.3f} s | read {result.read:>4} parsed {result.parsed:>4} "
        f"cached {result.cached:>4} | planned {result.planned:>4} rendered {result.rendered:>4} "
        f"reused {result.reused:>4} written {result.written:>4} | ms: {stages}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--profile", type=Path, help="write cProfile stats to PROFILE-<step>")
    parser.add_argument(
        "--no-tidy",
        action="store_true",
        help="do not collect garbage and freeze the heap between builds, as digest serve does "
        "after each reload (serve.builder.tidy_heap)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root, args.articles)
        cache = BuildCache.for_project(root)
        steps: list[tuple[str, Callable[[Path], None] | None, bool]] = [
            ("clean", None, False),
            ("no change", None, False),
            ("one body", change_body, False),
            ("article.html", change_template, False),
            ("no change, in place", None, True),
            *((f"one body, in place {n}", change_body, True) for n in range(1, 6)),
        ]
        for label, edit, in_place in steps:
            if edit:
                edit(root)
            result = run(root, cache, label, args.profile, in_place)
            if not args.no_tidy:
                tidy_heap()
            if label == "article.html" and result.parsed != 0:
                raise SystemExit(f"a template change parsed {result.parsed} articles")
    if args.profile:
        last = args.profile.with_name(f"{args.profile.name}-one-body,-in-place-5")
        stats = pstats.Stats(str(last))
        stats.sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
