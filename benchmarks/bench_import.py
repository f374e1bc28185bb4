"""How much importing a wide survey export costs compared with a bare ``pandas.read_csv``.

Writes a LimeSurvey-like wide barometer export (default 1,000,000 respondent rows: ``id``,
``submitdate``, ``EQUIPE``, ``VAGUE``, ``ROLE`` and the 11 items as ``BARO[CE1]``… with
full answer texts such as « Tout à fait d'accord », 3 % left empty; ``,``-separated,
quoted, UTF-8) and its mapping file in a temporary folder, then measures, best of
``--repeat`` runs:

* ``read_csv``: ``pandas.read_csv(path)``, pandas' own type inference;
* ``import_survey``: :func:`impact.data.surveys.import_survey` (reading, mapping the
  answers, wide → long: 11,000,000 long rows for 1,000,000 respondents).

Peak memory is the peak resident set size of a fresh Python subprocess doing one run of
each step, read as in ``bench_validation.py`` (``RUSAGE_CHILDREN`` in a tiny launcher,
cross-checked with the child's ``VmHWM``). Goal: import ≤ 4 × read_csv time.

Run: ``.venv/bin/python benchmarks/bench_import.py [--rows 1000000] [--repeat 3]``.
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

GOAL_RATIO = 4.0
ITEMS = ["CE1", "CE2", "CC1", "CC2", "CC3", "CM1", "CM2", "CM3", "CD1", "CD2", "CD3"]
ANSWERS = ["Pas du tout d'accord", "Plutôt pas d'accord", "Ni d'accord ni pas d'accord",
           "Plutôt d'accord", "Tout à fait d'accord"]  # fmt: skip
ROLES = {"Professionnel de santé": "professionnel", "Patient": "patient",
         "Proche aidant": "proche-aidant"}  # fmt: skip


def write_export(folder: Path, n_rows: int) -> None:
    """The wide export and its mapping file."""
    rng = np.random.default_rng(13)
    teams = np.array([f"T{i:02d}" for i in range(1, 61)])
    frame = pd.DataFrame(
        {
            "id": np.arange(1, n_rows + 1),
            "submitdate": "2024-01-15 10:02:11",
            "EQUIPE": teams[rng.integers(0, len(teams), n_rows)],
            "VAGUE": np.array(["T0", "T1", "T2"])[rng.integers(0, 3, n_rows)],
            "ROLE": np.array(list(ROLES))[rng.integers(0, len(ROLES), n_rows)],
        }
    )
    answers = np.array([*ANSWERS, ""], dtype=object)
    for item in ITEMS:
        pick = rng.integers(0, len(ANSWERS), n_rows)
        pick[rng.random(n_rows) < 0.03] = len(ANSWERS)  # no answer
        frame[f"BARO[{item}]"] = answers[pick]
    frame.to_csv(folder / "export.csv", index=False, quoting=1)
    rows = [("column", "id", "respondent"), ("column", "EQUIPE", "team_id"),
            ("column", "VAGUE", "wave"), ("column", "ROLE", "role"),
            ("constant", "assessment", "auto"),
            *[("column", f"BARO[{i}]", i) for i in ITEMS],
            *[("answer", a, str(code)) for code, a in enumerate(ANSWERS)],
            *[("role", text, value) for text, value in ROLES.items()]]  # fmt: skip
    pd.DataFrame(rows, columns=["kind", "source", "target"]).to_csv(
        folder / "mapping.csv", index=False
    )


def step(name: str, folder: Path) -> object:
    if name == "import":
        import impact.data.surveys  # noqa: F401

        return None
    if name == "read_csv":
        return pd.read_csv(folder / "export.csv")
    if name == "import_survey":
        from impact.data.surveys import import_survey

        frame, problems = import_survey(
            folder / "export.csv", table="barometer_responses", mapping=folder / "mapping.csv"
        )
        if any(p.severity == "error" for p in problems):
            raise RuntimeError(f"benchmark export invalid: {problems[:3]}")
        return frame
    raise ValueError(f"Unknown step {name!r}.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        step(args.child, args.folder)
        print(json.dumps({"vmhwm_mb": vmhwm_mb()}))
        return 0

    with tempfile.TemporaryDirectory(prefix="impact-bench-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        write_export(folder, args.rows)
        size_mb = (folder / "export.csv").stat().st_size / 1e6
        print(f"wide export: {args.rows:,} rows × {5 + len(ITEMS)} columns, {size_mb:.0f} MB "
              f"(written in {time.perf_counter() - t0:.1f} s)")  # fmt: skip
        step("import", folder)
        steps = ["read_csv", "import_survey"]
        timed = {s: best_time(lambda s=s: step(s, folder), args.repeat) for s in steps}
        peaks = {
            s: peak_rss_mb([__file__, "--child", s, "--folder", str(folder)])
            for s in ["import", *steps]
        }

    base = timed["read_csv"][0]
    print(f"\nBest of {args.repeat} (time) · peak RSS of a fresh subprocess (memory)\n")
    print(f"{'step':<16}{'seconds':>9}{'× read_csv':>12}{'rows out':>12}{'peak RSS MB':>13}"
          f"{'VmHWM MB':>10}")  # fmt: skip
    for s in ["import", *steps]:
        secs = f"{timed[s][0]:>9.2f}{timed[s][0] / base:>12.2f}{timed[s][1]:>12,}" if (
            s in timed) else " " * 33  # fmt: skip
        label = "import only" if s == "import" else s
        print(f"{label:<16}{secs}{peaks[s]['peak_mb']:>13.0f}{peaks[s]['vmhwm_mb']:>10.0f}")
    ratio = timed["import_survey"][0] / base
    print(f"\nimport_survey: {ratio:.2f} × read_csv (goal ≤ {GOAL_RATIO:g}) "
          f"{'OK' if ratio <= GOAL_RATIO else 'OVER'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
