"""Benchmark: barometer scoring and wave-to-wave changes for 100,000 answers.

Builds the demo programme's barometer answers (60 teams, seed 2024), replicates them
with renamed teams until there are at least 100,000 answers, then times
:func:`impact.barometer.scores.scores` + :func:`impact.barometer.scores.changes` (best of 3) against
the goal of the issue (< 2 s), and compares with a plain pandas ``groupby().mean()``
over the same rows (team × wave × respondent × item's dimension), the floor any scoring
must pay.

Run: ``.venv/bin/python benchmarks/bench_barometer.py``
"""

from __future__ import annotations

import time

import pandas as pd

from impact import demo_programme
from impact.barometer.scores import changes, scores

GOAL_SECONDS = 2.0
TARGET_ANSWERS = 100_000


def answers(target: int = TARGET_ANSWERS) -> tuple[pd.DataFrame, pd.DataFrame]:
    """At least ``target`` barometer answers (demo replicated) and the item catalogue."""
    prog = demo_programme(n_teams=60, seed=2024)
    base = prog.barometer_responses
    copies = -(-target // len(base))
    parts = []
    for k in range(copies):
        part = base.copy()
        part["team_id"] = part["team_id"] + f"-{k}"
        part["respondent"] = part["respondent"] + f"-{k}"
        parts.append(part)
    return pd.concat(parts, ignore_index=True), prog.barometer_items


def best_of(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - start)
    return best, out


def main() -> None:
    responses, items = answers()
    n_teams = responses["team_id"].nunique()
    print(
        f"{len(responses):,} answers, {n_teams} teams, "
        f"{responses.groupby(['team_id', 'wave', 'respondent']).ngroups:,} questionnaires"
    )

    t_scores, s = best_of(lambda: scores(responses, items))
    t_changes, table = best_of(lambda: changes(s))
    total = t_scores + t_changes
    dims = items.set_index("item")["dimension"]

    def plain():
        frame = responses.assign(
            dimension=responses["item"].map(dims), value=responses["score"].astype("float64")
        )
        return frame.groupby(["team_id", "wave", "respondent", "dimension"])["value"].mean()

    t_plain, _ = best_of(plain)
    groups = len(table) // 4
    print(f"scores():  {t_scores:.3f} s  ({len(s):,} respondent × dimension rows)")
    print(
        f"changes(): {t_changes:.3f} s  ({groups:,} team × role group × dimension groups, "
        f"{len(table):,} rows)"
    )
    verdict = "OK" if total < GOAL_SECONDS else "OVER BUDGET"
    print(f"scores + changes: {total:.3f} s (best of 3) — goal < {GOAL_SECONDS:.0f} s: {verdict}")
    print(
        f"plain pandas groupby-mean over the same rows: {t_plain:.3f} s; "
        f"scores() / plain = {t_scores / t_plain:.2f}, "
        f"(scores + changes) / plain = {total / t_plain:.2f}"
    )


if __name__ == "__main__":
    main()
