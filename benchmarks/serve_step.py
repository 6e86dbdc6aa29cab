"""Time one article's body change inside `digest serve`, as run.py's serve row does.

    python benchmarks/serve_step.py PROJECT ARTICLE --saves 3

Builds PROJECT once with the preview server's builder (`PreviewBuilder`: the build cache
kept in memory, the output updated in place), then `--saves` times appends a sentence to
ARTICLE and times the builder's rebuild for that one changed file, settling in between as
the server does after each reload. Prints the seconds of each rebuild as JSON. The article
is restored afterwards.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from digest.config import load_config
from digest.serve.builder import PreviewBuilder
from digest.serve.changes import ChangeSet

RACY_SECONDS = 2.1
"""digest reads a file again when it changed within 2 s of the build that cached it."""


def rebuild_times(root: Path, article: Path, saves: int) -> list[float]:
    """Seconds of each in-process rebuild after one change of `article`'s body."""
    builder = PreviewBuilder()
    config = load_config(root)
    builder(config, None)
    builder.settle()
    text = article.read_text(encoding="utf-8")
    time.sleep(RACY_SECONDS)
    seconds = []
    try:
        for save in range(saves):
            article.write_text(text + f"\nOne more sentence, number {save}.\n", "utf-8")
            start = time.perf_counter()
            builder(config, ChangeSet(content_changed=(str(article),)))
            seconds.append(time.perf_counter() - start)
            builder.settle()
    finally:
        article.write_text(text, encoding="utf-8")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", type=Path)
    parser.add_argument("article", type=Path)
    parser.add_argument("--saves", type=int, default=3)
    arguments = parser.parse_args()
    seconds = rebuild_times(
        arguments.project.resolve(), arguments.article.resolve(), arguments.saves
    )
    print(json.dumps({"seconds": seconds}))


if __name__ == "__main__":
    main()
