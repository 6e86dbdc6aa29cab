"""Time from saving one article to the reload event: `python benchmarks/serve_latency.py`.

Generates a corpus (5,000 articles by default), starts the preview server on it in this
process, listens to its event stream like a browser, then saves one article's body a few
times and reports, for each save, the time until the `build` event arrived. It builds as
`digest serve` does: one build cache kept in memory from save to save.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import write_corpus

from digest.serve.builder import PreviewBuilder
from digest.serve.live import BuildReport
from digest.serve.server import EVENTS, PreviewServer


def watch_builds(port: int, path: str, arrived: list[float], ready: threading.Event) -> None:
    """Append the arrival time of every `build` event of the stream to `arrived`."""
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", path)
    response = connection.getresponse()
    for raw in response.fp:
        line = raw.decode().strip()
        if line == "event: hello":
            ready.set()
        elif line == "event: build":
            arrived.append(time.perf_counter())
    connection.close()


SETTLE = 2.0
"""Seconds between saves."""


def measure(count: int, saves: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        write_corpus(root, count)
        reports: list[BuildReport] = []
        builder = PreviewBuilder()

        def after_build(report: BuildReport) -> None:  # as `digest serve` does
            reports.append(report)
            builder.settle()

        server = PreviewServer(root, builder, port=0, on_build=after_build)
        start = time.perf_counter()
        first = server.start()
        print(f"{count} articles: first build {time.perf_counter() - start:.2f} s")
        arrived: list[float] = []
        ready = threading.Event()
        base = server.live.served(wait=False).base_path
        listener = threading.Thread(
            target=watch_builds, args=(server.port, base + EVENTS, arrived, ready), daemon=True
        )
        listener.start()
        ready.wait(10)
        article = root / "content" / "article-000042.md"
        text = article.read_text(encoding="utf-8")
        latencies = []
        time.sleep(SETTLE)  # files written within 2 s of a read are read again (racily clean)
        for save in range(saves):
            time.sleep(SETTLE)  # an editor's saves are seconds apart; the server settles between
            before = len(arrived)
            saved = time.perf_counter()
            article.write_text(text + f"\nEdited paragraph number {save}.\n", encoding="utf-8")
            while len(arrived) == before:
                time.sleep(0.005)
            latencies.append(arrived[before] - saved)
            while len(reports) < save + 2:  # the first build's report, then one per save
                time.sleep(0.005)
            stages = ", ".join(f"{k} {1000 * v:.0f}" for k, v in reports[-1].result.timings.items())
            print(
                f"  save {save + 1}: reload event after {latencies[-1]:.2f} s "
                f"(build {reports[-1].seconds:.3f} s; ms: {stages})"
            )
        server.stop()
        print(
            json.dumps(
                {
                    "articles": count,
                    "pages": first.result.pages if first.result else None,
                    "median_seconds": round(statistics.median(latencies), 3),
                    "min_seconds": round(min(latencies), 3),
                }
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--saves", type=int, default=3)
    arguments = parser.parse_args()
    measure(arguments.articles, arguments.saves)


if __name__ == "__main__":
    main()
