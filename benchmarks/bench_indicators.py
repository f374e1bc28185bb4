"""Benchmark of the indicator evaluation on the 60-team demo programme (issue 3).

Prints, in one run (best of 3 each): ``compare_periods`` on all teams (goal < 1 s), the
interrupted time series of every team × monthly indicator (goal < 10 s), and the
staggered difference-in-differences (Callaway & Sant'Anna, 999 bootstrap draws) of every
indicator (goal < 10 s), plus the per-team DiD against comparison units. It also prints
how CS differs from plain two-way fixed effects on the demo, beside the true mean effect.
Run: ``python benchmarks/bench_indicators.py``.
"""

from __future__ import annotations

import time

import impact
from impact.indicators.did import did_by_indicator, team_did
from impact.indicators.periods import compare_periods
from impact.indicators.trends import its_by_team


def best_of(fn, repeats: int = 3) -> tuple[float, object]:
    """Best wall time of ``repeats`` calls, and the last result."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    programme = impact.demo_programme(n_teams=60, seed=2024)
    rows = [
        ("compare_periods, 60 teams × 9 indicators", 1.0, lambda: compare_periods(programme)),
        ("ITS, 60 teams × 9 monthly indicators", 10.0, lambda: its_by_team(programme)),
        ("staggered DiD (CS) + TWFE, 9 indicators", 10.0, lambda: did_by_indicator(programme)),
        ("per-team DiD vs comparison units", None, lambda: team_did(programme)),
    ]
    print(f"{'step':45s} {'seconds':>8s} {'goal':>6s}")
    results = {}
    for name, goal, fn in rows:
        seconds, results[name] = best_of(fn)
        verdict = "" if goal is None else ("OK" if seconds < goal else "OVER")
        goal_text = "" if goal is None else f"< {goal:g}"
        print(f"{name:45s} {seconds:8.3f} {goal_text:>6s} {verdict}")
    fits = results["ITS, 60 teams × 9 monthly indicators"].effects
    n_fits = fits[["team_id", "indicator"]].drop_duplicates().shape[0]
    print(f"\nITS: {n_fits} series fitted")

    overall = results["staggered DiD (CS) + TWFE, 9 indicators"]["overall"]
    truth = programme.truth
    print("\nCallaway-Sant'Anna vs two-way fixed effects on the demo (true mean over teams):")
    print(f"{'indicator':24s} {'CS':>8s} {'TWFE':>8s} {'truth':>8s}")
    for code, part in overall.groupby("indicator", sort=False):
        est = part.set_index("estimator")["estimate"]
        true = truth.loc[truth["measure"] == f"indicator:{code}", "true_effect"]
        kind = programme.indicators.set_index("code").loc[code, "kind"]
        shown = "" if kind == "rate" or true.empty else f"{true.mean():8.3f}"  # ratio truth
        cs, fe = est["Callaway-Sant'Anna"], est["TWFE"]
        print(f"{code:24s} {cs:8.3f} {fe:8.3f} {shown:>8s}")


if __name__ == "__main__":
    main()
