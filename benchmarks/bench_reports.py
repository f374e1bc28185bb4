"""Benchmark of `impact run` on the 60-team demo programme (issue 7, item 6).

Prints, in one run:

- the wall time of the full demo run (60 team reports + the programme report, HTML,
  results CSVs, index) with the runner's design: tables computed once for all teams,
  one kept-alive kernel per worker (goal: <= 45 s on a 2-core machine);
- the same reports with the naive design: one fresh papermill kernel per notebook, each
  notebook reading and validating the data and computing its own tables, one after the
  other. By default a random sample of teams (``--naive-teams``, >= 10) is timed and the
  60-team time extrapolated (said in the output); ``--naive-teams 0`` times all of them;
- their ratio (goal >= 4x), CPU seconds of both, the peak memory (resident set size of
  this process plus its kernels, sampled every 0.2 s), file descriptors before and after
  the run, and where a team report's time goes (papermill's per-cell durations).

The machine may be shared: the load average is printed first, and CPU seconds are less
sensitive to other work than wall time. Run: ``python benchmarks/bench_reports.py``.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

import papermill

import impact
from impact.run.kernel_pool import KERNEL_NAME, LocalKernelManager, open_fds
from impact.run.runner import (
    PROGRAMME_NOTEBOOK,
    notebook_path,
    programme_parameters,
    run_reports,
    team_parameters,
)
from impact.run.workers import exporter

IMAGE = re.compile(r"\bsrc=\"data:image/svg\+xml;base64,[A-Za-z0-9+/=]+")


class PeakMemory:
    """Peak of the summed RSS of this process and its descendants (sampled)."""

    def __init__(self, every: float = 0.2) -> None:
        import psutil

        self.me = psutil.Process()
        self.every = every
        self.peak = 0
        self.peak_processes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self) -> None:
        import psutil

        while not self._stop.is_set():
            total, n = 0, 0
            for proc in [self.me, *self.me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                    n += 1
                except psutil.Error:
                    pass
            if total > self.peak:
                self.peak, self.peak_processes = total, n
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds() -> float:
    """User + system CPU of this process and its reaped children (the kernels)."""
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def naive_report(notebook: Path, parameters: dict, html: Path, title: str
                 ) -> tuple[float, float]:  # fmt: skip
    """One notebook in a fresh kernel (papermill's own engine), exported like the runner;
    returns wall and CPU seconds."""
    cpu, start = cpu_seconds(), time.perf_counter()
    nb = papermill.execute_notebook(
        str(notebook), None, parameters=parameters, kernel_name=KERNEL_NAME,
        progress_bar=False, request_save_on_cell_execute=False,
        kernel_manager_class=LocalKernelManager, shutdown_kernel="immediate",
        cwd=str(html.parent))  # fmt: skip
    body, _ = exporter(parameters["lang"]).from_notebook_node(
        nb, resources={"metadata": {"name": title}}
    )
    html.write_text(body, encoding="utf-8")
    return time.perf_counter() - start, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=60, help="teams in the demo programme")
    parser.add_argument("--workers", type=int, default=None, help="default: CPUs")
    parser.add_argument(
        "--naive-teams", type=int, default=12, help="teams timed with the naive design (0: all)"
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the naive sample")
    parser.add_argument("--keep", action="store_true", help="keep the output folder")
    args = parser.parse_args()

    print(
        f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        f" on {len(os.sched_getaffinity(0))} CPUs (other work slows both designs)"
    )
    root = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    data = root / "data"
    programme = impact.demo_programme(n_teams=args.teams, seed=2024)
    programme.to_csv(data)
    teams = programme.team_ids

    # --- the runner: compute once, kept-alive kernels ----------------------------------
    fds_before = open_fds()
    cpu0, start = cpu_seconds(), time.perf_counter()
    with PeakMemory() as memory:
        result = run_reports(data, root / "new", workers=args.workers, progress=False)
    new_wall, new_cpu = time.perf_counter() - start, cpu_seconds() - cpu0
    fds_after = open_fds()
    failed = [f"{f.team_id}: {f.error}" for f in result.failures]
    print(
        f"\nnew design   : {new_wall:6.1f} s wall, {new_cpu:6.1f} s CPU, "
        f"{len(result.ok)} team reports + programme "
        f"{'ok' if result.programme else 'MISSING'}; failures: {failed or 'none'}"
    )
    print(f"  goal <= 45 s: {'OK' if new_wall <= 45 else 'OVER'}")
    print(
        f"  peak memory (main process + kernels, {memory.peak_processes} processes): "
        f"{memory.peak / 2**20:.0f} MiB"
    )
    print(f"  open file descriptors before/after the run: {fds_before} / {fds_after}")

    timings = result.timings
    team_secs = [v for k, v in timings["reports"].items() if k != "programme"]
    print(
        f"  phases: load + validate {timings['load']:.1f} s; tables for all teams, team "
        f"bundles {timings['precompute']:.1f} s; programme notebook "
        f"{timings['reports'].get('programme', float('nan')):.1f} s (in a worker, meanwhile)"
    )
    print(
        f"  team notebook in a kept-alive kernel: median {statistics.median(team_secs):.2f} s"
        f" (execute + HTML export; min {min(team_secs):.2f}, max {max(team_secs):.2f})"
    )
    cells: dict[str, list[float]] = {}
    for key, per_cell in timings["cells"].items():
        if key != "programme":
            for cell, secs in per_cell.items():
                cells.setdefault(cell, []).append(secs)
    print("  where a team's time goes (median seconds per cell, papermill metadata):")
    for cell, secs in sorted(cells.items(), key=lambda kv: -statistics.median(kv[1])):
        if statistics.median(secs) >= 0.005:
            print(f"    {cell:20s} {statistics.median(secs):6.3f}")
    totals = [sum(c.values()) for k, c in timings["cells"].items() if k != "programme"]
    print(f"    {'(all cells)':20s} {statistics.median(totals):6.3f}")

    # --- the naive design: one fresh kernel per notebook, each computing its own --------
    sample = (
        teams
        if args.naive_teams <= 0 or args.naive_teams >= len(teams)
        else sorted(random.Random(args.seed).sample(teams, max(10, args.naive_teams)))
    )
    naive_dir = root / "naive"
    (naive_dir / "teams").mkdir(parents=True)
    team_nb, names = (
        notebook_path(),
        dict(zip(programme.teams["team_id"], programme.teams["name"], strict=True)),
    )
    with PeakMemory() as naive_memory:
        programme_secs = programme_cpu = 0.0
        try:
            programme_nb = notebook_path(PROGRAMME_NOTEBOOK)
        except FileNotFoundError:
            programme_nb = None
        if programme_nb is not None:
            programme_secs, programme_cpu = naive_report(
                programme_nb,
                programme_parameters(str(data), "fr", 10),
                naive_dir / "programme.html",
                "programme",
            )
        per_team = [naive_report(team_nb, team_parameters(str(data), team, "fr", 10),
                                 naive_dir / "teams" / f"{team}.html", names[team])
                    for team in sample]  # fmt: skip
    scale = len(teams) / len(sample)
    naive_total = programme_secs + sum(w for w, _ in per_team) * scale
    naive_cpu_total = programme_cpu + sum(c for _, c in per_team) * scale
    how = (
        "all teams timed"
        if scale == 1
        else f"{len(sample)} random teams timed ({', '.join(sample)}), "
        f"{statistics.mean(w for w, _ in per_team):.2f} s each, extrapolated to "
        f"{len(teams)}"
    )
    print(
        f"\nnaive design : {naive_total:6.1f} s wall{' (EXTRAPOLATED)' if scale > 1 else ''},"
        f" ~{naive_cpu_total:6.1f} s CPU; programme notebook {programme_secs:.1f} s + "
        f"team notebooks one after another, a fresh kernel each ({how})"
    )
    print(f"  peak memory: {naive_memory.peak / 2**20:.0f} MiB")
    print(
        f"\nratio naive / new: {naive_total / new_wall:.1f}x wall, "
        f"{naive_cpu_total / new_cpu:.1f}x CPU (goal >= 4x wall: "
        f"{'OK' if naive_total / new_wall >= 4 else 'UNDER'})"
    )

    figures = [(set(IMAGE.findall((root / "new" / "teams" / f"{team}.html").read_text())),
                set(IMAGE.findall((naive_dir / "teams" / f"{team}.html").read_text())))
               for team in sample]  # fmt: skip
    same = sum(bool(new) and new == naive for new, naive in figures)
    print(
        f"identical figures (SVG bytes) in the new and naive reports: {same}/{len(sample)} "
        f"teams ({sum(len(new) for new, _ in figures)} figures compared)"
    )
    if args.keep:
        print(f"outputs kept in {root}")
    else:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
