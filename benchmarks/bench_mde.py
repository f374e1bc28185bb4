"""Benchmark of the minimum detectable effects on the 60-team demo programme (issue 17).

Prints, in one run (best of 3 each, with the load average), as ratios to
``compare_periods`` on all teams: :func:`impact.synthesis.planning.team_mde` (which
recomputes the before/after indicators, barometer and PREM changes itself), and
:func:`impact.synthesis.planning.mde_table` on tables already computed — the step
``compute_tables`` adds to a report run — and, once, the simulated ITS level-change MDE
of one team's rate series (500 series). Run: ``python benchmarks/bench_mde.py``.
"""

from __future__ import annotations

import os
import time

import impact
from impact.indicators.periods import compare_periods
from impact.prem.deltas import prem_deltas, score_prem
from impact.stats.its_power import its_level_mde
from impact.synthesis.planning import mde_table, team_mde


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
    print(f"load average: {os.getloadavg()[0]:.1f}")
    base, indicators = best_of(lambda: compare_periods(programme))
    prem = prem_deltas(score_prem(programme.prem_responses, programme.prem_items,
                                  programme.prem_scales))  # fmt: skip
    full, table = best_of(lambda: team_mde(programme))
    step, _ = best_of(lambda: mde_table(indicators, programme.indicators, prem=prem))
    print(f"compare_periods, 60 teams: {base:.3f} s (reference)")
    print(f"team_mde (recomputes the tables): {full:.3f} s = {full / base:.1f} × compare_periods")
    print(
        f"mde_table on computed tables (the run's step): {step:.3f} s = "
        f"{step / base:.2f} × compare_periods; {len(table)} rows"
    )
    values = programme.indicator_values
    team = programme.teams.loc[~programme.teams["comparison"].astype(bool)].iloc[0]
    series = values.loc[(values["team_id"] == team["team_id"])
                        & (values["indicator"] == "plaintes")].rename(
        columns={"denominator": "exposure"})  # fmt: skip
    start = team["start_date"].to_period("M").to_timestamp()
    its, out = best_of(lambda: its_level_mde(series, "numerator", "period", start,
                                             family="poisson", offset="exposure",
                                             harmonics=1, n_sim=500), repeats=1)  # fmt: skip
    print(
        f"ITS level-change MDE by simulation, one series, 500 draws: {its:.1f} s = "
        f"{its / base:.0f} × compare_periods; ratios {out['mde_down'].iloc[0]:.2f} / "
        f"{out['mde_up'].iloc[0]:.2f}"
    )


if __name__ == "__main__":
    main()
