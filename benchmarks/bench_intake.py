"""How much longer validating a programme takes from one XLSX workbook than from CSV files.

Writes the 60-team demo programme (``impact demo-data`` defaults: 60 teams, seed 2024) as
a folder of CSV files and as one workbook with a sheet per table, saved by openpyxl with
typed cells as an Excel user would have them (numbers as numbers, dates as date cells,
``True``/``False`` as booleans), then measures ``impact.load_programme`` on each, best of
``--repeat`` runs. The workbook is read with calamine (Rust); ``--openpyxl`` also times
pandas' openpyxl reader on the same workbook (the reader before issue 13; ~1 min).

Peak memory is the peak resident set size of a fresh Python subprocess doing one run:
``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` read by a tiny launcher process (a child
of this process would inherit its peak across fork + exec), with the child's own ``VmHWM``
as a cross-check (see ``bench_validation.py``). Goal: workbook ≤ 3 × CSV time.

Run: ``.venv/bin/python benchmarks/bench_intake.py [--teams 60] [--repeat 3] [--openpyxl]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from measure import best_time, peak_rss_mb, vmhwm_mb

GOAL_RATIO = 3.0
DATE_COLUMNS = ("start_date", "end_date")


def write_data(folder: Path, n_teams: int, seed: int) -> tuple[Path, Path]:
    """The demo as ``folder/csv/*.csv`` and ``folder/demo.xlsx``; returns both paths."""
    from impact.demo.programme import demo_programme

    csv_dir = folder / "csv"
    csv_dir.mkdir()
    demo_programme(n_teams=n_teams, seed=seed).to_csv(csv_dir)
    (csv_dir / "truth.csv").unlink()  # the simulation's answer key, not a table
    book = folder / "demo.xlsx"
    with pd.ExcelWriter(book, engine="openpyxl") as writer:
        for path in sorted(csv_dir.glob("*.csv")):
            header = pd.read_csv(path, nrows=0).columns
            frame = pd.read_csv(path, parse_dates=[c for c in DATE_COLUMNS if c in header])
            if "period" in header and path.stem == "indicator_values":
                frame["period"] = pd.to_datetime(frame["period"])
            frame.to_excel(writer, sheet_name=path.stem, index=False)
    return csv_dir, book


def step(name: str, csv_dir: Path, book: Path) -> object:
    if name == "import":
        import impact  # noqa: F401

        return None
    if name == "openpyxl":
        return pd.read_excel(book, sheet_name=None, dtype=str, engine="openpyxl")
    import impact

    return impact.load_programme(csv_dir if name == "csv" else book)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teams", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--openpyxl", action="store_true", help="also time openpyxl (slow)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--csv", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--book", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step(args.child, args.csv, args.book)
        print(json.dumps({"vmhwm_mb": vmhwm_mb()}))
        return 0

    with tempfile.TemporaryDirectory(prefix="impact-bench-") as tmp:
        t0 = time.perf_counter()
        csv_dir, book = write_data(Path(tmp), args.teams, args.seed)
        csv_mb = sum(p.stat().st_size for p in csv_dir.glob("*.csv")) / 1e6
        book_mb, took = book.stat().st_size / 1e6, time.perf_counter() - t0
        print(f"demo, {args.teams} teams: CSV files {csv_mb:.1f} MB, workbook {book_mb:.1f} MB "
              f"(written in {took:.0f} s)")  # fmt: skip
        step("import", csv_dir, book)  # imports outside the timings
        steps = ["csv", "xlsx"] + (["openpyxl"] if args.openpyxl else [])
        seconds = {s: best_time(lambda s=s: step(s, csv_dir, book),
                                1 if s == "openpyxl" else args.repeat)[0]
                   for s in steps}  # fmt: skip
        peaks = {
            s: peak_rss_mb([__file__, "--child", s, "--csv", str(csv_dir), "--book", str(book)])
            for s in ["import", "csv", "xlsx"]
        }

    labels = {"import": "import only", "csv": "CSV folder", "xlsx": "XLSX (calamine)",
              "openpyxl": "openpyxl read"}  # fmt: skip
    base = seconds["csv"]
    print(f"\nload_programme, best of {args.repeat} (time) · peak RSS of a fresh subprocess\n")
    print(f"{'source':<18}{'seconds':>9}{'× CSV':>8}{'peak RSS MB':>13}{'VmHWM MB':>10}")
    for s in ["import", *steps]:
        secs = f"{seconds[s]:>9.2f}{seconds[s] / base:>8.1f}" if s in seconds else " " * 17
        peak = f"{peaks[s]['peak_mb']:>13.0f}{peaks[s]['vmhwm_mb']:>10.0f}" if s in peaks else ""
        print(f"{labels[s]:<18}{secs}{peak}")
    ratio = seconds["xlsx"] / base
    verdict = "OK" if ratio <= GOAL_RATIO else "OVER"
    print(f"\nworkbook: {ratio:.1f} × CSV (goal ≤ {GOAL_RATIO:g}) {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
