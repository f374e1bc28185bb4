"""Benchmark: time the parallel-trends checks add to the programme DiD (issue 17).

On the 60-team demo (``demo_programme()``), times
:func:`impact.indicators.did.did_by_indicator` as ``impact run`` calls it
(:data:`impact.report.results.DID_BOOT` draws; best of 5 rounds, the two variants
alternating so that a shared machine's load falls on both alike) with the issue-17 additions —
the sup-t bands of the event study and the ``"sensitivity"`` table (a second
Callaway–Sant'Anna fit per indicator, universal base period, analytic covariance) — and
without them (both switched off in this process only), and prints the ratio.

Run: ``.venv/bin/python benchmarks/bench_sensitivity.py``
"""

from __future__ import annotations

import functools
from unittest import mock

import pandas as pd

import impact.indicators.did as did_module
from impact.demo.programme import demo_programme
from impact.report.results import DID_BOOT, DID_SEED

try:
    from measure import best_time
except ImportError:  # run from the repository root
    from benchmarks.measure import best_time

ROUNDS = 5


def main() -> None:
    programme = demo_programme()
    run = functools.partial(did_module.did_by_indicator, programme, n_boot=DID_BOOT,
                            seed=DID_SEED)  # fmt: skip
    fit = did_module.staggered_did
    without = functools.partial(
        mock.patch.multiple,
        did_module,
        staggered_did=lambda *a, **k: fit(*a, **{**k, "uniform_bands": False}),
        indicator_sensitivity=lambda *a, **k: pd.DataFrame(),
    )
    with_checks = baseline = float("inf")
    for _ in range(ROUNDS):
        with_checks = min(with_checks, best_time(run, 1)[0])
        with without():
            baseline = min(baseline, best_time(run, 1)[0])
    print(f"did_by_indicator, 60-team demo, {DID_BOOT} draws (best of {ROUNDS}):")
    print(f"  without the sup-t bands and the sensitivity: {baseline:.3f} s")
    print(f"  with them:                                   {with_checks:.3f} s")
    print(f"  ratio: {with_checks / baseline:.2f} (+{100 * (with_checks / baseline - 1):.0f} %)")


if __name__ == "__main__":
    main()
