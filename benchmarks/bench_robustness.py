"""Benchmark: what all the robustness checks of issue 17 add to ``impact run``.

On the 60-team demo programme, in one run of this script:

1. a whole ``impact run`` (:func:`impact.run.runner.run_reports`: 60 team reports, the
   programme report, results files; the machine's CPUs as workers) — its wall time,
   checks included;
2. each robustness check alone, in this process, on the same programme, best of
   ``--repeat``:

   - the teams' step of :func:`impact.report.results.compute_tables` (minimum detectable
     effects and placebo-in-time of the ITS and team DiD): ``robustness=True`` minus
     ``robustness=False``;
   - the programme DiD's randomisation inference and placebo-in-space
     (:func:`impact.indicators.did_robustness.randomisation_by_indicator`) and its
     parallel-trends sensitivity (:func:`impact.indicators.did_sensitivity.indicator_sensitivity`);
   - the sign-flip randomisation tests of the pooled effects
     (:func:`impact.stats.randomisation.sign_flip_test`, one per pooled outcome, as
     :func:`impact.synthesis.pooling.pooled_effects` runs them);
   - the programme report's funnel section and sensitivity subsection (tables, figures).

It prints the checks' total as a ratio to the run without them (run time minus the
checks; goal ≤ 30 %). The teams' and DiD steps run in the main process before the report
kernels start, so they add their whole time to the run; the programme report's sections
run in one kernel beside the team reports, so counting them whole overstates their cost.

Run: ``PYTHONPATH=src .venv/bin/python benchmarks/bench_robustness.py``
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from impact.demo.programme import demo_programme
from impact.indicators.did import monthly_values
from impact.indicators.did_robustness import randomisation_by_indicator
from impact.indicators.did_sensitivity import indicator_sensitivity
from impact.report.programme import programme_results
from impact.report.programme_funnel import funnel_section
from impact.report.programme_sensitivity import sensitivity_section
from impact.report.results import compute_tables, did_programme
from impact.run.runner import run_reports
from impact.stats.meta_regression import analysis_values
from impact.stats.randomisation import sign_flip_test

try:
    from measure import best_time
except ImportError:  # run from the repository root
    from benchmarks.measure import best_time


def _did_rows(programme):
    """The monthly values with the numeric months ``did_by_indicator`` adds."""
    rows = monthly_values(programme)
    first = rows["period"].min()
    return rows.assign(
        t=(rows["period"].dt.year - first.year) * 12 + rows["period"].dt.month - first.month,
        g=(rows["start"].dt.year - first.year) * 12 + rows["start"].dt.month - first.month,
    )


def _sign_flips(effects) -> list[float]:
    """Every pooled outcome's sign-flip p-value, as ``pooled_effects`` computes them."""
    visible = effects.loc[~effects["suppressed"]]
    y, v, _, _ = analysis_values(visible)
    groups = visible.groupby(["family", "outcome"], sort=False).indices
    return [
        sign_flip_test(y[idx], v[idx] ** 0.5, n_perm=4999, seed=0).p_value
        for idx in groups.values()
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="timings per step (best kept)")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    programme = demo_programme()
    teams = programme.team_ids

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        programme.to_csv(data)
        t0 = time.perf_counter()
        run_reports(data, Path(tmp) / "run", progress=False)
        run = time.perf_counter() - t0
    print(f"impact run, 60 teams, checks included: {run:.1f} s wall")

    def tables(robustness: bool):
        return compute_tables(programme, teams, programme_did=False, comments=False,
                              robustness=robustness)  # fmt: skip

    with_checks, _ = best_time(lambda: tables(True), args.repeat)
    without, _ = best_time(lambda: tables(False), args.repeat)
    rows = _did_rows(programme)
    overall = did_programme(programme)["overall"]
    ri, _ = best_time(lambda: randomisation_by_indicator(rows, overall), args.repeat)
    sens, _ = best_time(lambda: indicator_sensitivity(rows), args.repeat)
    res = programme_results(programme, did=did_programme(programme))
    flips, n_outcomes = best_time(lambda: _sign_flips(res.team_effects), args.repeat)
    funnel, _ = best_time(lambda: funnel_section(res), args.repeat)
    codes = list(res.did["overall"]["indicator"].unique()) if res.did else []
    sens_page, _ = best_time(lambda: sensitivity_section(res, codes, charts=2), args.repeat)
    steps = {
        "teams: MDE + placebo-in-time (compute_tables, with − without)": with_checks - without,
        "programme DiD: randomisation inference + placebo-in-space": ri,
        "programme DiD: parallel-trends sensitivity (second CS fit)": sens,
        f"pooled effects: sign-flip tests ({n_outcomes or 0} outcomes)": flips,
        "programme report: funnel section": funnel,
        "programme report: sensitivity subsection": sens_page,
    }
    for name, seconds in steps.items():
        print(f"  {name}: {seconds:.2f} s")
    added = sum(steps.values())
    print(f"all checks: {added:.1f} s; run without them ≈ {run - added:.1f} s")
    print(f"ratio (added / run without the checks): {added / (run - added):.1%} (goal ≤ 30 %)")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
