"""Timing and peak memory for the benchmark scripts (``python benchmarks/bench_*.py``).

:func:`best_time` times a step in this process (best of ``repeat``, after a garbage
collection); :func:`peak_rss_mb` runs one step in a fresh interpreter and reads its peak
resident memory. ``ru_maxrss`` survives fork + exec on Linux: a child forked from a large
process would report that process's peak, so a tiny launcher starts the measured child and
reads ``RUSAGE_CHILDREN`` once it has ended; the child's own ``VmHWM`` (:func:`vmhwm_mb`,
printed by the child as its last line of JSON) is a cross-check.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["best_time", "peak_rss_mb", "vmhwm_mb"]

_LAUNCHER = """
import json, resource, subprocess, sys
out = subprocess.run(sys.argv[1:], check=True, capture_output=True, text=True).stdout
child = json.loads(out.strip().splitlines()[-1])
kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
print(json.dumps({**child, "peak_mb": kib / 1024}))
"""


def best_time(step: Callable[[], object], repeat: int) -> tuple[float, int | None]:
    """The shortest of ``repeat`` timings of ``step()``, in seconds, and the length of what
    it returned (``None`` for an object without one)."""
    times, size = [], None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - t0)
        size = len(result) if hasattr(result, "__len__") else None
        del result
    return min(times), size


def peak_rss_mb(child_args: list[str]) -> dict[str, float]:
    """Peak RSS (MB) of ``python <child_args>`` run in a fresh interpreter: ``peak_mb`` from
    the launcher's ``RUSAGE_CHILDREN``, ``vmhwm_mb`` as the child reported it, with every
    other key of the child's last line of JSON (e.g. its timings)."""
    command = [sys.executable, "-c", _LAUNCHER, sys.executable, *child_args]
    out = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def vmhwm_mb() -> float:
    """This process's peak RSS since exec, from /proc (NaN where there is no /proc)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return float("nan")
    kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM"))
    return kib / 1024
