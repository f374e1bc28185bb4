"""Benchmark: the funnel plots of the 60-team demo against ``programme_results`` (issue 17).

Times, on ``impact.demo_programme()`` (60 teams), in one run: ``programme_results`` (the
programme report's analyses), ``funnel_tables`` alone, and the report's whole funnel step
— :func:`impact.report.programme_funnel.funnel_results` (points, privacy with the
before/after tables, limits of the shown teams) plus the figure drawn to SVG — and prints
each as a ratio to ``programme_results``, with the load average. Run:
``PYTHONPATH=src .venv/bin/python benchmarks/bench_funnel.py``.
"""

from __future__ import annotations

import io
import os
import time

import impact
from impact.report.figures.funnel import funnel_chart
from impact.report.programme import programme_results
from impact.report.programme_funnel import funnel_results
from impact.synthesis.funnel import funnel_tables


def _timed(step):
    start = time.perf_counter()
    out = step()
    return out, time.perf_counter() - start


def main(repeats: int = 3) -> None:
    programme = impact.demo_programme()
    funnel_tables(impact.demo_programme(n_teams=6, seed=1))  # warm-up (imports)
    res, base = _timed(lambda: programme_results(programme))
    tables, times, steps = None, [], []
    for _ in range(repeats):
        tables, took = _timed(lambda: funnel_tables(programme))
        times.append(took)

        def step():
            funnel = funnel_results(res)
            funnel_chart(funnel.tables, res.labels).savefig(io.BytesIO(), format="svg")
            return funnel

        steps.append(_timed(step)[1])
    load = os.getloadavg()[0]
    teams = tables.teams["team_id"].nunique()
    print(f"demo: {teams} teams, {len(tables.outcomes)} outcomes; load average {load:.1f}")
    print(f"programme_results: {base:.2f} s")
    print(f"funnel_tables: best {min(times):.3f} s = {min(times) / base:.1%} of it")
    print(f"funnel_results + figure (SVG): best {min(steps):.3f} s = {min(steps) / base:.1%} of it")


if __name__ == "__main__":
    main()
