"""Benchmark: the Dask executor against the local one, and a projection to national scale.

In one run of this script, on one machine:

1. writes the demo programme with ``--teams`` units (default 240), once, outside the
   timings;
2. runs ``impact run DATA --out DIR --workers W`` (local executor) and the same with
   ``--executor dask`` (a Dask ``LocalCluster`` of ``W`` single-threaded workers) as whole
   processes, alternating, ``--repeat`` times each; prints each one's wall time and the
   Dask executor's overhead as a ratio (goal ≤ 10 %), and checks that both wrote the
   same results files byte for byte and the same pages but for the minute they were made;
3. from the runs' ``run.json`` (timings): the work before the reports (reading, DiD,
   comments, every team's tables and bundles) and the mean seconds of one team report in
   a kept-alive kernel;
4. a **projection** (not a measurement) of a 1,200-unit run on a cluster of 16 and 64
   workers: the work before the reports at 1,200 units (``--precompute-1200`` seconds,
   measured by ``benchmarks/bench_precompute.py``, or this run's scaled linearly) plus
   1,200 reports at the measured per-report cost spread over the workers, plus the
   cluster's start; with ``--programme-1200`` (the programme report's seconds at 1,200
   units, one kernel), the run ends no sooner than that report. It assumes workers as
   fast as this machine's cores and a shared file system that keeps up.

With ``--precompute-sizes 60 240 1200`` it first runs ``bench_precompute.py`` at those
sizes (time and peak memory of the work before the reports) and projects from its
1,200-unit figure: every figure of issue 18 in one run.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/bench_dask.py [--teams 240] [--workers 2]
[--precompute-sizes 60 240 1200] [--programme-1200 SECONDS]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from impact.demo.programme import demo_programme

#: The date and time a page was made (« produit le 04/12/2026 12:14 »).
_STAMP = re.compile(rb"\d{2}/\d{2}/\d{4} \d{2}:\d{2}")
#: run.json timings of the work done before (and beside) the team reports.
_BEFORE = ("load", "start_workers", "did_programme", "comments", "precompute")


def _run(data: Path, out: Path, workers: int, executor: str) -> tuple[float, dict]:
    """Wall time of one ``impact run`` and its run.json."""
    cmd = [sys.executable, "-m", "impact", "run", str(data), "--out", str(out),
           "--workers", str(workers), "--executor", executor]  # fmt: skip
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.exit(f"`impact run --executor {executor}` failed ({proc.returncode}):\n"
                 f"{proc.stderr[-3000:]}")  # fmt: skip
    return wall, json.loads((out / "run.json").read_text(encoding="utf-8"))


def _undated(page: Path) -> bytes:
    return _STAMP.sub(b"", page.read_bytes())


def _same_outputs(a: Path, b: Path) -> tuple[int, int, list[str]]:
    """Results CSVs and pages compared: how many of each, and those that differ."""
    csvs = sorted(p.relative_to(a) for p in (a / "results").glob("*.csv"))
    pages = sorted(p.relative_to(a) for p in a.rglob("*.html"))
    differ = [str(p) for p in csvs if (a / p).read_bytes() != (b / p).read_bytes()]
    differ += [str(p) for p in pages if _undated(a / p) != _undated(b / p)]
    return len(csvs), len(pages), differ


def _team_seconds(record: dict) -> list[float]:
    reports = record["timings_seconds"]["reports"]
    teams = set(record["teams"]["ok"])
    return [seconds for key, seconds in reports.items() if key in teams]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=240)
    parser.add_argument("--workers", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument(
        "--precompute-1200",
        type=float,
        default=None,
        help="seconds of the work before the reports at 1,200 units",
    )
    parser.add_argument("--programme-1200", type=float, default=None,
                        help="seconds of the programme report at 1,200 units")  # fmt: skip
    parser.add_argument("--precompute-sizes", type=int, nargs="*", default=[],
                        help="first run bench_precompute.py at these sizes")  # fmt: skip
    args = parser.parse_args(argv)
    if args.precompute_sizes:  # the precompute's growth, then the executors, in one run
        from bench_precompute import DATA, measure_sizes

        figures = measure_sizes(sorted(args.precompute_sizes), DATA)
        if 1200 in figures and args.precompute_1200 is None:
            args.precompute_1200 = sum(figures[1200]["steps"].values())
        print()

    with tempfile.TemporaryDirectory(prefix="bench-dask-") as tmp:
        root = Path(tmp)
        data = root / "data"
        demo_programme(n_teams=args.teams).to_csv(data)
        walls: dict[str, list[float]] = {"local": [], "dask": []}
        records: dict[str, dict] = {}
        for _ in range(args.repeat):
            for executor in ("local", "dask"):
                wall, record = _run(data, root / executor, args.workers, executor)
                walls[executor].append(wall)
                records[executor] = record
        n_csv, n_pages, differ = _same_outputs(root / "local", root / "dask")

    local, dask_ = min(walls["local"]), min(walls["dask"])
    print(f"{args.teams} units, {args.workers} workers, best of {args.repeat} "
          f"(whole `impact run` processes, alternating)")  # fmt: skip
    print(f"  local executor           {local:8.1f} s")
    print(f"  Dask LocalCluster        {dask_:8.1f} s   overhead {dask_ / local - 1:+.1%} "
          f"(goal ≤ +10 %)")  # fmt: skip
    print(f"  same outputs: {n_csv} results CSVs byte for byte, {n_pages} pages but for "
          f"their date: {'yes' if not differ else 'NO: ' + ', '.join(differ)}")  # fmt: skip

    print("\nwhere the time goes (run.json timings, seconds)")
    print(f"  {'step':<16}{'local':>10}{'dask':>10}")
    for step in _BEFORE:
        cells = [records[e]["timings_seconds"].get(step, float("nan")) for e in ("local", "dask")]
        print(f"  {step:<16}{cells[0]:>10.1f}{cells[1]:>10.1f}")
    per_report = {e: statistics.mean(_team_seconds(records[e])) for e in ("local", "dask")}
    print(f"  {'one team report':<16}{per_report['local']:>10.2f}{per_report['dask']:>10.2f}"
          "   (mean, in a kept-alive kernel)")  # fmt: skip

    before = sum(records["dask"]["timings_seconds"].get(s, 0.0) for s in _BEFORE[2:])
    start = records["dask"]["timings_seconds"].get("start_workers", 0.0)
    if args.precompute_1200 is not None:
        before_1200, source = args.precompute_1200, "measured by bench_precompute.py"
    else:
        before_1200, source = before * 1200 / args.teams, f"this run's, × 1200/{args.teams}"
    print("\nPROJECTION (not a measurement) of a 1,200-unit run on a Dask cluster:")
    print(f"  work before the reports at 1,200 units: {before_1200:.0f} s ({source})")
    print(f"  one report: {per_report['dask']:.2f} s (this machine's cores); cluster start "
          f"{start:.1f} s")  # fmt: skip
    # the programme report runs in one kernel from the end of the DiD and comments steps
    early = sum(records["dask"]["timings_seconds"].get(s, 0.0) for s in _BEFORE[2:4])
    programme = None
    if args.programme_1200 is not None:
        programme = start + early * 1200 / args.teams + args.programme_1200
        print(f"  programme report at 1,200 units: {args.programme_1200:.0f} s in one kernel, "
              f"done at {programme / 60:.1f} min whatever the workers")  # fmt: skip
    for n in (16, 64):
        reports = 1200 * per_report["dask"] / n
        total = max(start + before_1200 + reports, programme or 0.0)
        print(f"  {n:>3} workers: {total / 60:6.1f} min  (reports {reports / 60:.1f} min)")
    print(
        "  assumes workers as fast as this machine's cores and a shared file system that "
        "keeps up; the work before the reports runs in one process and does not shrink."
    )


if __name__ == "__main__":
    main()
