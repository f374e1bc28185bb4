"""Benchmark: how fast the ``impact`` command starts (issue 18, item 4).

Each figure is the median of ``--repeat`` fresh interpreters (``python -m impact``, as
the console script runs it, with this process's environment):

- ``python -c pass``: the interpreter alone, for reference;
- ``python -c "import impact"``;
- ``impact --version`` and ``impact --help`` (goal: under 0.5 s);
- ``impact run DATA --teams T01 --out OUT`` on demo data written once with
  ``impact demo-data`` (``--data-teams`` teams): seconds from the start of the process to
  its first line on stderr ("Lecture et validation des données…"; goal: within 2 s);
- ``impact run --out OUT`` with no DATA (the demo programme, which the run writes after
  its first line "Écriture des données de démonstration…"): the same, against 2 s too.

A run is killed (SIGTERM, then SIGKILL) as soon as its first line is read: it is still
reading the data then, so no kernel has started. Every output folder lives in one
temporary folder, removed at the end. The load average is printed with the figures.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/bench_startup.py [--repeat 7]``
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

VERSION_GOAL = 0.5
FIRST_LINE_GOAL = 2.0
IMPACT = [sys.executable, "-m", "impact"]


def command_seconds(command: list[str]) -> float:
    """Wall seconds of ``command`` run to its end (it must succeed)."""
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def first_line_seconds(command: list[str]) -> tuple[float, str]:
    """Seconds from starting ``command`` to its first line on stderr, and that line; the
    process is then stopped."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True)  # fmt: skip
    try:
        line = process.stderr.readline()
        seconds = time.perf_counter() - start
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()
    if not line:
        raise RuntimeError(f"{' '.join(command)} printed nothing on stderr.")
    return seconds, line.strip()


def median_of(step, repeat: int) -> tuple[float, float, float]:
    """Median, minimum and maximum of ``repeat`` timings of ``step()`` (seconds)."""
    times = [step() for _ in range(repeat)]
    return statistics.median(times), min(times), max(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="fresh processes per figure")
    parser.add_argument("--data-teams", type=int, default=6, help="teams of the demo data")
    args = parser.parse_args(argv)

    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} "
          f"on {len(os.sched_getaffinity(0))} CPUs; median of {args.repeat} processes "
          f"(min–max)\n")  # fmt: skip
    root = Path(tempfile.mkdtemp(prefix="impact-bench-startup-"))
    try:
        data = root / "data"
        subprocess.run([*IMPACT, "demo-data", str(data), "--teams", str(args.data_teams)],
                       check=True, capture_output=True)  # fmt: skip
        runs = iter(range(10_000))
        first_lines: dict[str, str] = {}

        def first_line(label: str, extra: list[str]) -> float:
            out = root / f"out{next(runs)}"
            seconds, line = first_line_seconds([*IMPACT, "run", *extra, "--out", str(out)])
            first_lines[label] = line
            return seconds

        rows = [
            ("python -c pass", None, lambda: command_seconds([sys.executable, "-c", "pass"])),
            ('python -c "import impact"', None,
             lambda: command_seconds([sys.executable, "-c", "import impact"])),
            ("impact --version", VERSION_GOAL, lambda: command_seconds([*IMPACT, "--version"])),
            ("impact --help", VERSION_GOAL, lambda: command_seconds([*IMPACT, "--help"])),
            ("impact run DATA: first line", FIRST_LINE_GOAL,
             lambda: first_line("run DATA", [str(data), "--teams", "T01"])),
            ("impact run (demo): first line", FIRST_LINE_GOAL,
             lambda: first_line("run (demo)", [])),
        ]  # fmt: skip
        print(f"{'step':<32}{'seconds':>9}{'min–max':>14}{'goal':>7}")
        for label, goal, step in rows:
            median, low, high = median_of(step, args.repeat)
            verdict = "" if goal is None else f"{goal:>7g}  {'OK' if median <= goal else 'OVER'}"
            print(f"{label:<32}{median:>9.3f}{f'{low:.2f}–{high:.2f}':>14}{verdict}")
        print()
        for label, line in first_lines.items():
            print(f"first line of impact {label}: {line}")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
