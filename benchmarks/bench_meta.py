"""Benchmark: pooling 1,000 teams × 50 outcomes with REML (goal < 2 s, issue 6).

Builds a synthetic effect table (50 outcomes, 1,000 teams each; half on the log scale, as
ratios; true effects from a random-effects model), then times ``impact.stats.meta.pool(effects,
by="outcome")`` — one vectorised REML fit for all 50 outcomes — and prints the time against
the goal and per outcome. Run: ``python benchmarks/bench_meta.py``.
"""

from __future__ import annotations

import time

import numpy as np
import pandas as pd

from impact.stats.meta import pool

GOAL_S = 2.0
TEAMS, OUTCOMES = 1_000, 50


def effect_table(seed: int = 20240601) -> pd.DataFrame:
    """1,000 teams × 50 outcomes of an effect table (estimate, se, scale)."""
    rng = np.random.default_rng(seed)
    outcome = np.repeat(np.arange(OUTCOMES), TEAMS)
    mu = rng.normal(0, 0.3, OUTCOMES)[outcome]
    tau = rng.uniform(0, 0.4, OUTCOMES)[outcome]
    se = rng.uniform(0.05, 0.5, OUTCOMES * TEAMS)
    y = rng.normal(mu, np.sqrt(tau**2 + se**2))
    log = outcome % 2 == 1
    return pd.DataFrame({
        "outcome": [f"O{o:02d}" for o in outcome],
        "team_id": np.tile([f"T{t:04d}" for t in range(TEAMS)], OUTCOMES),
        "estimate": np.where(log, np.exp(y), y),
        "se": se,
        "scale": np.where(log, "log", "identity"),
    })  # fmt: skip


def main(repeats: int = 5) -> None:
    effects = effect_table()
    pool(effects.head(2_000), by="outcome")  # warm-up (imports, caches)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        out = pool(effects, by="outcome", method="REML")
        times.append(time.perf_counter() - start)
    best, median = min(times), float(np.median(times))
    print(f"pool(method='REML', by='outcome'): {TEAMS:,} teams × {OUTCOMES} outcomes "
          f"= {len(effects):,} rows → {len(out)} pooled rows")  # fmt: skip
    print(f"  median {median:.3f} s, best {best:.3f} s over {repeats} runs "
          f"(goal < {GOAL_S:.1f} s: {median / GOAL_S:.1%} of the budget)")  # fmt: skip
    print(f"  per outcome: {1000 * median / OUTCOMES:.2f} ms")
    hk = time.perf_counter()
    pool(effects, by="outcome", method="REML", hartung_knapp=True)
    print(f"  with Hartung-Knapp: {time.perf_counter() - hk:.3f} s")
    print(f"  all converged: {bool((out['reason'] == '').all())}")


if __name__ == "__main__":
    main()
