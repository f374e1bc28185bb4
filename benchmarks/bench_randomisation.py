"""Benchmark: the cost of randomisation inference on the 60-team demo (issue 17).

Times, in one run, ``did_by_indicator`` with and without its ``"randomisation"`` table
(:mod:`impact.indicators.did_robustness`: 499 permutations of the start dates and 499
placebo-in-space draws per indicator), and ``pooled_effects`` of the teams' effects with
and without the sign-flip p-value (4,999 patterns per outcome), and prints the time
added as a ratio (issue 17's budget: all robustness checks together add at most 30 % to
``impact run``). "Without" replaces the added step by a stub in this process. Run:
``PYTHONPATH=src python benchmarks/bench_randomisation.py``.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
from measure import best_time

import impact.indicators.did as did_module
import impact.synthesis.pooling as pooling_module
from impact.demo.programme import demo_programme
from impact.indicators.did import did_by_indicator
from impact.report.programme import programme_aggregates
from impact.stats.randomisation import RandomisationResult
from impact.synthesis.effects import team_effects


def _no_randomisation(*args: object, **kwargs: object) -> pd.DataFrame:
    return pd.DataFrame()


def _no_flips(*args: object, **kwargs: object) -> RandomisationResult:
    return RandomisationResult(np.nan, np.nan, 0, False, "")


def _ratio(name: str, with_it: float, without: float) -> None:
    added = with_it - without
    print(f"{name}: {with_it:.2f} s with, {without:.2f} s without: +{added:.2f} s "
          f"(ratio with/without {with_it / without:.2f}, "
          f"added/without {added / without:.0%})")  # fmt: skip


def main(repeat: int = 3) -> None:
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    programme = demo_programme()
    real_ri, real_flip = did_module.randomisation_by_indicator, pooling_module.sign_flip_test
    with_did, _ = best_time(lambda: did_by_indicator(programme, n_boot=499), repeat)
    did_module.randomisation_by_indicator = _no_randomisation
    without_did, _ = best_time(lambda: did_by_indicator(programme, n_boot=499), repeat)
    did_module.randomisation_by_indicator = real_ri
    _ratio("did_by_indicator (7 indicators, 75 units, 54 months)", with_did, without_did)

    effects = team_effects(programme)
    with_pool, n = best_time(lambda: programme_aggregates(effects, 10)[1], repeat)
    pooling_module.sign_flip_test = _no_flips
    without_pool, _ = best_time(lambda: programme_aggregates(effects, 10)[1], repeat)
    pooling_module.sign_flip_test = real_flip
    _ratio(f"programme_aggregates ({n} pooled outcomes)", with_pool, without_pool)
    added = (with_did - without_did) + (with_pool - without_pool)
    print(f"added in all: {added:.2f} s, {added / 160:.1%} of a 160 s `impact run`")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
