"""Time loading a built project's cache of parsed articles, as run.py's cache row does.

    python benchmarks/cache_load.py PROJECT

In this fresh process, reads every entry of PROJECT's `.digest-cache/articles.sqlite` (what
a rebuild in a new process reads when the project changed) and prints, as JSON, the seconds
it took (imports not counted), the number of entries and the size of the file.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from digest.cache import ARTICLES, CACHE_DIR, BuildCache


def load_seconds(root: Path) -> dict[str, float]:
    """Seconds to read and unpickle every stored article entry of the project at `root`."""
    cache = BuildCache.for_project(root)
    store = root / CACHE_DIR / ARTICLES
    start = time.perf_counter()
    keys = sorted(cache.stored_keys())
    entries = cache.parsed(keys)
    seconds = time.perf_counter() - start
    assert all(entry is not None for entry in entries.values()), cache.take_notes()
    return {"seconds": seconds, "entries": len(entries), "megabytes": store.stat().st_size / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("project", type=Path)
    print(json.dumps(load_seconds(parser.parse_args().project)))


if __name__ == "__main__":
    main()
