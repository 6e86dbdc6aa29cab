"""Time clean builds of generated corpora: `python benchmarks/build_speed.py --articles 1000`."""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus


def measure(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root, count)
        start = time.perf_counter()
        completed = subprocess.run(
            [sys.executable, "-m", "digest", "build", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        summary = completed.stdout.strip() or completed.stderr.strip()
        print(f"{count:>7} articles: {seconds:6.2f} s wall, peak {peak:.0f} MB | {summary}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 5000])
    for count in parser.parse_args().articles:
        measure(count)


if __name__ == "__main__":
    main()
