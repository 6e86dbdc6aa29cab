"""Time the Pagefind index of a built corpus: `python benchmarks/search_speed.py --articles N`."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from corpus import write_corpus

from digest.output.search import index_site


def measure(count: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root, count)
        (root / "digest.toml").write_text('title = "Bench"\n\n[search]\nenabled = true\n')
        built = subprocess.run(
            [sys.executable, "-m", "digest", "build", "-q", str(root)],
            capture_output=True,
            text=True,
            check=False,
        )
        if built.returncode != 0:
            raise SystemExit(built.stderr)
        site = root / "site"
        start = time.perf_counter()
        index = index_site(site)
        seconds = time.perf_counter() - start
        files = [p for p in index.folder.rglob("*") if p.is_file()]
        size = sum(p.stat().st_size for p in files) / 1e6
        print(
            f"{count:>7} articles: index {seconds:6.2f} s wall (again, on the built site), "
            f"{index.pages} pages, {len(files)} files, {size:.1f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, nargs="+", default=[5000])
    for count in parser.parse_args().articles:
        measure(count)


if __name__ == "__main__":
    main()
