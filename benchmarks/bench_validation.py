"""How much validating a large PREM table costs compared with a bare ``pandas.read_csv``.

Writes a realistic, valid ``prem_responses.csv`` (default 1,000,000 rows, ``;``-separated
UTF-8 as a French export would be) with small ``teams.csv`` and ``indicator_values.csv``
in a temporary folder, then measures, best of ``--repeat`` runs:

* ``read_csv``: ``pandas.read_csv(path, sep=";")``, pandas' own type inference;
* ``table``: impact's reading and validation of that one table
  (``impact.data.reading.read_csv_table`` + ``impact.data.validation.validate_table``);
* ``load_programme``: the whole folder, with cross-table checks (foreign keys, answer
  codes, small-period warnings).

Peak memory is the peak resident set size of a fresh Python subprocess doing one run of
each step: ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss`` read by a tiny launcher
process (not by this one: on Linux ``ru_maxrss`` survives fork + exec, so a child of this
large process would report this process's peak), cross-checked with the child's own
``VmHWM`` from ``/proc/self/status``. The ``import`` line is a subprocess that only
imports impact (and so pandas). Goals: table validation ≤ 3 × read_csv
time, peak ≤ 1.5 GB.

Run: ``.venv/bin/python benchmarks/bench_validation.py [--rows 1000000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from measure import best_time, peak_rss_mb, vmhwm_mb

GOAL_RATIO = 3.0
GOAL_PEAK_MB = 1500.0

N_TEAMS, N_COMPARISON = 60, 15
# The default PREM catalogue: item → valid answer codes of its scale.
QUALITE5 = [1, 2, 3, 4, 5, 9]
FREQUENCE4 = [1, 2, 3, 4, 8, 9]
ITEMS = {
    "ACC1": QUALITE5, "ACC2": FREQUENCE4, "PEC1": FREQUENCE4, "PEC2": FREQUENCE4,
    "PEC3": FREQUENCE4, "RES1": FREQUENCE4, "RES2": FREQUENCE4, "CHA1": QUALITE5,
    "CHA2": QUALITE5, "SOR1": FREQUENCE4, "SOR2": FREQUENCE4, "GLO1": QUALITE5,
}  # fmt: skip


def team_ids() -> list[str]:
    return [f"T{i:02d}" for i in range(1, N_TEAMS + 1)] + [
        f"C{i:02d}" for i in range(1, N_COMPARISON + 1)
    ]


def write_teams(folder: Path, sep: str) -> None:
    rng = np.random.default_rng(1)
    ids = team_ids()
    programme = np.array([i.startswith("T") for i in ids])
    start = pd.Timestamp("2023-01-01") + pd.to_timedelta(rng.integers(0, 365, len(ids)), "D")
    teams = pd.DataFrame(
        {
            "team_id": ids,
            "name": [f"Projet {i}" for i in ids],
            "hospital": rng.choice(["Hôpital Nord", "Hôpital Sud", "Hôpital Saint-Éloi"], len(ids)),
            "ghu": rng.choice(["GHU Centre", "GHU Est"], len(ids)),
            "domain": np.where(programme, "soins", ""),
            "intervention_mode": np.where(programme, "parcours", ""),
            "participation_level": np.where(programme, "co-construction", ""),
            "start_date": np.where(programme, start.strftime("%d/%m/%Y"), ""),
            "end_date": "",
            "n_patient_partners": np.where(programme, rng.integers(1, 6, len(ids)).astype(str), ""),
            "comparison": np.where(programme, "non", "oui"),
        }
    )
    teams.to_csv(folder / "teams.csv", sep=sep, index=False)
    months = pd.period_range("2022-01", "2024-12", freq="M").strftime("%Y-%m")
    values = pd.DataFrame(
        {
            "team_id": np.repeat(ids, len(months)),
            "indicator": "dms",
            "period": np.tile(months, len(ids)),
            "value": rng.normal(6, 1, len(ids) * len(months)).round(1),
        }
    )
    values.to_csv(folder / "indicator_values.csv", sep=sep, index=False, decimal=",")


def write_prem(path: Path, n_rows: int, sep: str) -> None:
    """Valid PREM answers: each respondent answers every item (about 6% left blank)."""
    rng = np.random.default_rng(2)
    items = np.array(list(ITEMS))
    n_people = -(-n_rows // len(items))
    ids = np.array(team_ids())
    person = np.arange(n_people)
    people = pd.DataFrame(
        {
            "team_id": ids[person % len(ids)],
            "period": np.where((person // len(ids)) % 2 == 0, "avant", "après"),
            "respondent": pd.Series(person).map("Q{:07d}".format),
            "age_group": rng.choice(["18-44", "45-64", "65-74", "75+", ""], n_people),
            "sex": rng.choice(["F", "H", ""], n_people, p=[0.52, 0.45, 0.03]),
            "self_rated_health": rng.choice(
                ["très bonne", "bonne", "moyenne", "mauvaise", ""], n_people
            ),  # fmt: skip
            "admission_mode": rng.choice(["programmée", "urgence"], n_people),
        }
    )
    frame = people.loc[np.repeat(person, len(items))[:n_rows]].reset_index(drop=True)
    item = np.tile(items, n_people)[:n_rows]
    frame["item"] = item
    answer = np.empty(n_rows, dtype=object)
    for code, allowed in ITEMS.items():
        rows = item == code
        answer[rows] = rng.choice(allowed, rows.sum(), p=[0.1, 0.15, 0.3, 0.3, 0.1, 0.05])
    answer[rng.random(n_rows) < 0.06] = ""
    frame["answer"] = answer
    frame.to_csv(path, sep=sep, index=False)


# --- the measured steps (run in this process for time, in a child for memory) -------------


def step(name: str, folder: Path, sep: str) -> object:
    path = folder / "prem_responses.csv"
    if name == "import":
        import impact  # noqa: F401

        return None
    if name == "read_csv":
        return pd.read_csv(path, sep=sep)
    if name == "table":
        from impact.data.problems import ProblemLog
        from impact.data.reading import read_csv_table
        from impact.data.schemas import table_specs
        from impact.data.validation import validate_table

        spec = table_specs()["prem_responses"]
        log = ProblemLog()
        typed = validate_table(read_csv_table(path, spec.name, spec.missing_values, log), spec, log)
        problems = log.frame()
        if (problems["severity"] == "error").any():
            raise RuntimeError(f"benchmark data invalid:\n{problems.head()}")
        return typed
    if name == "load_programme":
        import impact

        return impact.load_programme(folder)
    raise ValueError(f"Unknown step {name!r}.")


def child(name: str, folder: Path, sep: str) -> None:
    step(name, folder, sep)
    print(json.dumps({"vmhwm_mb": vmhwm_mb()}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--sep", default=";", choices=[";", ",", "\t"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.folder, args.sep)
        return 0

    with tempfile.TemporaryDirectory(prefix="impact-bench-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        write_teams(folder, args.sep)
        write_prem(folder / "prem_responses.csv", args.rows, args.sep)
        size_mb = (folder / "prem_responses.csv").stat().st_size / 1e6
        print(f"prem_responses.csv: {args.rows:,} rows, {size_mb:.0f} MB, sep {args.sep!r} "
              f"(written in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        step("import", folder, args.sep)  # imports outside the timings
        steps = ["read_csv", "table", "load_programme"]
        seconds = {
            s: best_time(lambda s=s: step(s, folder, args.sep), args.repeat)[0] for s in steps
        }
        peaks = {
            s: peak_rss_mb([__file__, "--child", s, "--folder", str(folder), "--sep", args.sep])
            for s in ["import", *steps]
        }

    base = seconds["read_csv"]
    print(f"\nBest of {args.repeat} (time) · peak RSS of a fresh subprocess (memory)\n")
    print(f"{'step':<16}{'seconds':>9}{'× read_csv':>12}{'peak RSS MB':>13}{'VmHWM MB':>10}")
    for s in ["import", *steps]:
        secs = f"{seconds[s]:>9.2f}{seconds[s] / base:>12.2f}" if s in seconds else " " * 21
        label = "import only" if s == "import" else s
        print(f"{label:<16}{secs}{peaks[s]['peak_mb']:>13.0f}{peaks[s]['vmhwm_mb']:>10.0f}")
    ratio, peak = seconds["table"] / base, peaks["table"]["peak_mb"]
    print(
        f"\ntable validation: {ratio:.2f} × read_csv (goal ≤ {GOAL_RATIO:g}) "
        f"{'OK' if ratio <= GOAL_RATIO else 'OVER'}; "
        f"peak {peak:.0f} MB (goal ≤ {GOAL_PEAK_MB:g}) "
        f"{'OK' if peak <= GOAL_PEAK_MB else 'OVER'}"
    )
    print(
        f"load_programme: {seconds['load_programme'] / base:.2f} × read_csv; "
        f"peak {peaks['load_programme']['peak_mb']:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
