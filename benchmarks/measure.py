"""Run one command as a child process and measure its wall time and memory.

Two memory figures, since digest builds with worker processes: `peak_mb`, the largest
resident set of any one process of the tree (the kernel's ru_maxrss for the waited child,
which covers its waited-for children), and `tree_peak_mb`, the largest sum of the resident
sets of the whole tree, sampled every 50 ms from /proc (pages shared after a fork count once
per process, so this overstates a little; it can also miss a peak shorter than 50 ms).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Measurement:
    """What one run of a command took."""

    seconds: float
    peak_mb: float
    tree_peak_mb: float
    output: str


def _children(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            children += [int(c) for c in (task / "children").read_text().split()]
    return children


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def tree_rss_mb(root: int) -> float:
    """The summed resident set of `root` and all its descendants, now."""
    total, pending = 0.0, [root]
    while pending:
        pid = pending.pop()
        total += _rss_mb(pid)
        pending += _children(pid)
    return total


class TreeSampler(threading.Thread):
    """Samples the process tree's summed resident set until `stop()`; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0.0
        self._stopped = threading.Event()

    def run(self) -> None:
        while not self._stopped.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, tree_rss_mb(self.pid))

    def stop(self) -> float:
        self._stopped.set()
        self.join()
        return self.peak


def run_measured(command: Sequence[str], env: dict[str, str] | None = None) -> Measurement:
    """Run `command` to its end; raise with its output if it fails."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
        sampler = TreeSampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        tree_peak = sampler.stop()
        sink.seek(0)
        output = sink.read().decode(errors="replace")
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {child.returncode}:\n{output[-3000:]}")
    peak = usage.ru_maxrss / 1024
    return Measurement(seconds, peak, max(tree_peak, peak), output)
