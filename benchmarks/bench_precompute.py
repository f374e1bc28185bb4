"""Benchmark: the precompute of ``impact run`` at 60, 240 and 1,200 units (issue 18).

Budget: precompute time and peak memory grow linearly with the number of units, and stay
≤ 4 GB at 1,200.

For each size (programme teams; :func:`impact.demo.programme.demo_programme` with its
default comparison units, one for four teams, and e-Satis PREM volumes at every size,
``prem_volume=NATIONAL_PREM_VOLUME``, so that a unit weighs the same at every size):

1. the demo programme is written as CSV files once, in a subprocess of its own, outside
   the timing (kept in ``--data`` and reused when it is already there);
2. a fresh interpreter runs the run's precompute as :func:`impact.run.runner.run_reports`
   does, through the same public functions, and times each step: reading and validating
   the data (:func:`impact.data.loading.load_programme`), the programme-level DiD and its
   bundle, the comment tables and their bundle, every family of
   :func:`impact.report.results.compute_tables` (its ``seconds``), the results CSV files
   with the headlines, and the team bundles
   (:func:`impact.report.bundles.write_team_bundles`). Its peak RSS is read by a launcher
   from ``RUSAGE_CHILDREN`` (:func:`measure.peak_rss_mb`): that size's own peak.

It prints, per size, each step's seconds, the total, seconds per programme team, the ratio
of the total to the smallest size's (linear growth: the ratio of the sizes) and of the
seconds per team (linear: 1), and the peak RSS. ``--profile N`` also runs size ``N``
under cProfile and prints the functions with the most time of their own and cumulative.
The report kernels of a run start beside the precompute; they are not part of it.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/bench_precompute.py --sizes 60 240 1200``
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import subprocess
import sys
import tempfile
import time
from pathlib import Path

try:
    from measure import peak_rss_mb, vmhwm_mb
except ImportError:  # run from the repository root
    from benchmarks.measure import peak_rss_mb, vmhwm_mb

#: Steps of the precompute, in the order the runner does them.
STEPS = ("load", "did_programme", "comments", "compute_tables", "results_csv", "bundles")
#: Minimum cell size and language of the run (the defaults of ``impact run``).
MIN_CELL, LANG = 10, "fr"
#: Where each size's demo data are kept between runs, by default.
DATA = Path(tempfile.gettempdir()) / "impact-bench-precompute"


def generate(n_teams: int, folder: Path) -> None:
    """Write the benchmark's demo programme of ``n_teams`` teams to ``folder``."""
    from impact.demo.programme import NATIONAL_PREM_VOLUME, demo_programme

    demo_programme(n_teams=n_teams, prem_volume=NATIONAL_PREM_VOLUME).to_csv(folder)


def precompute(folder: Path, work: Path) -> dict:
    """The run's precompute on the data in ``folder`` (scratch files in ``work``): seconds
    of each step (:data:`STEPS`) and of each family of ``compute_tables``."""
    from impact.data.atomic import write_atomic
    from impact.data.csv_cells import csv_text
    from impact.data.loading import load_programme
    from impact.report.bundles import write_comments_bundle, write_did_bundle, write_team_bundles
    from impact.report.headlines import index_headlines
    from impact.report.results import compute_tables, did_programme, safe_comment_tables
    from impact.run.results_files import write_results_csv

    seconds: dict[str, float] = {}

    def timed(step: str, action):
        tick = time.perf_counter()
        result = action()
        seconds[step] = time.perf_counter() - tick
        return result

    programme = timed("load", lambda: load_programme(folder, lang=LANG))
    teams = list(programme.team_ids)

    def did_step():
        did = did_programme(programme)
        if did is not None:
            write_did_bundle(did, work / "did_programme.pkl")
        return did

    def comments_step():
        comments, _ = safe_comment_tables(programme, MIN_CELL)
        if comments is not None:
            write_comments_bundle(comments, work / "comments_programme.pkl")
        return comments

    did = timed("did_programme", did_step)
    comments = timed("comments", comments_step)
    tables = timed("compute_tables", lambda: compute_tables(
        programme, teams, lang=LANG, min_cell=MIN_CELL, programme_did=False, comments=False,
    ))  # fmt: skip
    tables.did_programme, tables.comments = did, comments

    def results_step():
        write_results_csv(tables, work / "results", min_cell=MIN_CELL)
        write_atomic(work / "results" / "headlines.csv", csv_text(index_headlines(tables)))

    timed("results_csv", results_step)
    timed("bundles", lambda: write_team_bundles(programme, tables, work / "bundles"))
    failed = {family: len(errors) for family, errors in tables.errors.items() if errors}
    return {"teams": len(teams), "units": len(programme.teams), "steps": seconds,
            "families": tables.seconds, "failed": failed}  # fmt: skip


def child(folder: Path, profile: Path | None) -> None:
    """Run :func:`precompute` and print its figures and VmHWM as one line of JSON."""
    with tempfile.TemporaryDirectory(prefix="impact-bench-") as tmp:
        if profile is None:
            figures = precompute(folder, Path(tmp))
        else:
            profiler = cProfile.Profile()
            figures = profiler.runcall(precompute, folder, Path(tmp))
            profiler.dump_stats(profile)
    print(json.dumps({**figures, "vmhwm_mb": vmhwm_mb()}))


def _ensure_data(n_teams: int, root: Path) -> Path:
    """The size's demo data in ``root`` (generated in a subprocess when missing)."""
    folder = root / f"demo_{n_teams}"
    if not (folder / "teams.csv").is_file():
        tick = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate", str(n_teams), "--data",
                        str(folder)], check=True)  # fmt: skip
        print(f"  demo data of {n_teams} teams written in {time.perf_counter() - tick:.0f} s")
    return folder


def _print_profile(path: Path, top: int) -> None:
    for order in ("tottime", "cumulative"):
        text = io.StringIO()
        pstats.Stats(str(path), stream=text).sort_stats(order).print_stats(top)
        lines = text.getvalue().splitlines()
        start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
        print(f"\nprofile, by {order}:")
        print("\n".join(line[:160] for line in lines[start:]))


def _report(sizes: list[int], figures: dict[int, dict]) -> None:
    base = sizes[0]
    total = {n: sum(figures[n]["steps"].values()) for n in sizes}
    header = f"{'step':<30}" + "".join(f"{f'{n} teams':>14}" for n in sizes)
    print(f"\n{header}{f'× ({sizes[-1]} / {base})':>16}")
    rows = [(step, {n: figures[n]["steps"][step] for n in sizes}) for step in STEPS]
    families = list(dict.fromkeys(f for n in sizes for f in figures[n]["families"]))
    rows[4:4] = [(f"  {family}", {n: figures[n]["families"].get(family, 0.0) for n in sizes})
                 for family in families]  # fmt: skip
    for label, values in rows:
        ratio = values[sizes[-1]] / values[base] if values[base] else float("nan")
        print(f"{label:<30}" + "".join(f"{values[n]:>14.2f}" for n in sizes) + f"{ratio:>16.1f}")
    print(f"{'total (s)':<30}" + "".join(f"{total[n]:>14.1f}" for n in sizes))
    per_team = {n: total[n] / figures[n]["teams"] for n in sizes}
    print(f"{'seconds per team':<30}" + "".join(f"{per_team[n]:>14.3f}" for n in sizes))
    print(f"{'total: × smallest size':<30}" + "".join(f"{total[n] / total[base]:>14.2f}"
                                                  for n in sizes))  # fmt: skip
    print(f"{'sizes: × smallest size':<30}" + "".join(f"{n / base:>14.2f}" for n in sizes))
    print(f"{'per team: × smallest size':<30}" + "".join(
        f"{per_team[n] / per_team[base]:>14.2f}" for n in sizes))  # fmt: skip
    print(f"{'peak RSS (MB)':<30}" + "".join(f"{figures[n]['peak_mb']:>14.0f}" for n in sizes))
    print(f"{'units (teams + comparison)':<30}" + "".join(f"{figures[n]['units']:>14}"
                                                       for n in sizes))  # fmt: skip
    for n in sizes:
        if figures[n]["failed"]:
            print(f"{n} teams: families that failed for some teams: {figures[n]['failed']}")


def measure_sizes(sizes: list[int], data: Path) -> dict[int, dict]:
    """Each size's precompute in a fresh interpreter (``sizes`` smallest first), the
    table printed; each size's figures (``steps`` seconds, ``peak_mb``...)."""
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    figures = {}
    for n in sizes:
        folder = _ensure_data(n, data)
        figures[n] = peak_rss_mb([__file__, "--child", "--data", str(folder)])
        print(f"  {n} teams: {sum(figures[n]['steps'].values()):.1f} s, "
              f"peak RSS {figures[n]['peak_mb']:.0f} MB")  # fmt: skip
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    _report(sizes, figures)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 240, 1200],
                        help="numbers of programme teams, smallest first")  # fmt: skip
    parser.add_argument("--data", type=Path, default=DATA,
                        help="folder keeping each size's demo data between runs")  # fmt: skip
    parser.add_argument("--profile", type=int, default=None,
                        help="also profile this size with cProfile")  # fmt: skip
    parser.add_argument("--top", type=int, default=30, help="functions listed by the profile")
    parser.add_argument("--generate", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.generate:
        generate(args.generate, args.data)
        return 0
    if args.child:
        child(args.data, args.profile_out)
        return 0

    sizes = sorted(args.sizes)
    measure_sizes(sizes, args.data)
    if args.profile is not None:
        folder = _ensure_data(args.profile, args.data)
        with tempfile.TemporaryDirectory() as tmp:
            stats = Path(tmp) / "precompute.prof"
            command = [sys.executable, __file__, "--child", "--data", str(folder),
                       "--profile-out", str(stats)]  # fmt: skip
            subprocess.run(command, check=True, capture_output=True)
            print(f"\ncProfile of the precompute at {args.profile} teams")
            _print_profile(stats, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
