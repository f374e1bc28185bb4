"""Benchmark of PREM scoring and deltas on 10,000,000 answer rows (issue 5).

Builds about 833,000 questionnaires × 12 items over 1,000 teams (two periods each) with
numpy — string columns typed as the loader gives them (pandas ``str``), answers as
nullable ``Int64`` — then times, in a fresh subprocess:

1. :func:`impact.prem.deltas.score_prem` (factorise the string columns once, points lookup,
   bincount sums);
2. :func:`impact.prem.deltas.prem_deltas` (raw Welch differences for overall, 6 dimensions and
   12 items; Newcombe top-box differences; the case-mix adjusted OLS + HC3 per team for
   overall and dimensions, solved from cell sufficient statistics; BH q-values);

and a plain pandas ``groupby("team_id")["answer"].mean()`` over the same rows. Peak memory
is the subprocess's maximum resident set size (``resource.getrusage(RUSAGE_CHILDREN)``).
Goals (issue 5): < 10 s and < 3 GB.

    python benchmarks/bench_prem.py [--rows 10000000] [--units 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import gc
import json
import resource
import subprocess
import sys
import time

import numpy as np
import pandas as pd


def build(n_rows: int, n_units: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Synthetic prem_responses (str columns, Int64 answers) and the default catalogues."""
    import impact

    typed = impact.demo_programme(n_teams=1, seed=seed)  # default catalogues, loader types
    items, scales = typed.prem_items, typed.prem_scales
    rng = np.random.default_rng(seed)
    n_items = len(items)
    n_resp = n_rows // n_items
    unit = np.sort(rng.integers(0, 2 * n_units, n_resp))
    team, period = unit // 2, unit % 2
    age = rng.choice(np.array(["18-44", "45-64", "65-74", "75+"], dtype=object), n_resp)
    sex = rng.choice(np.array(["F", "H"], dtype=object), n_resp)
    health = rng.choice(
        np.array(["très bonne", "bonne", "moyenne", "mauvaise"], dtype=object), n_resp
    )
    mode = rng.choice(np.array(["programmée", "urgence"], dtype=object), n_resp)
    latent = (rng.normal(1.0, 0.3, n_units)[team] + 0.2 * period + rng.normal(0, 0.7, n_resp))[
        :, None
    ] + rng.normal(0, 0.7, (n_resp, n_items))
    k = np.where(items["scale"].to_numpy() == "qualite5", 5, 4)
    cuts4, cuts5 = np.linspace(-1.2, 1.2, 3), np.linspace(-1.2, 1.2, 4)
    answer = np.where(
        k == 5, np.searchsorted(cuts5, latent) + 1, np.searchsorted(cuts4, latent) + 1
    ).astype(float)
    answer[rng.random(answer.shape) < 0.03] = 9  # non-informative
    answer[rng.random(answer.shape) < 0.02] = np.nan  # empty
    team_ids = np.array([f"U{i:04d}" for i in range(n_units)], dtype=object)
    resp_ids = pd.Series(np.arange(n_resp)).astype(str).str.zfill(7).radd("R").to_numpy(object)
    frame = pd.DataFrame({
        "team_id": np.repeat(team_ids[team], n_items),
        "period": np.repeat(np.array(["avant", "après"], dtype=object)[period], n_items),
        "respondent": np.repeat(resp_ids, n_items),
        "age_group": np.repeat(age, n_items), "sex": np.repeat(sex, n_items),
        "self_rated_health": np.repeat(health, n_items),
        "admission_mode": np.repeat(mode, n_items),
        "item": np.tile(items["item"].to_numpy(object), n_resp),
    })  # fmt: skip
    frame = frame.astype("str")
    frame["answer"] = pd.array(answer.ravel(), dtype="Float64").astype("Int64")
    return frame, items, scales


def child(args: argparse.Namespace) -> None:
    """Run in a fresh process: build, time, print one JSON line."""
    from impact.prem.deltas import prem_deltas, score_prem

    t0 = time.perf_counter()
    responses, items, scales = build(args.rows, args.units, args.seed)
    built = time.perf_counter() - t0
    gc.collect()
    rss_data = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    t0 = time.perf_counter()
    scores = score_prem(responses, items, scales)
    t_score = time.perf_counter() - t0
    t0 = time.perf_counter()
    deltas = prem_deltas(scores)
    t_deltas = time.perf_counter() - t0
    gc.collect()
    t0 = time.perf_counter()
    responses.groupby("team_id")["answer"].mean()
    t_groupby = time.perf_counter() - t0
    print(json.dumps({
        "rows": len(responses), "respondents": len(scores.respondents),
        "units": int(scores.summary["team_id"].nunique()), "delta_rows": len(deltas),
        "adjusted_ok": int(deltas.query("measure == 'adjusted mean difference'")["estimate"]
                           .notna().sum()),
        "build_s": built, "score_s": t_score, "deltas_s": t_deltas, "groupby_s": t_groupby,
        "rss_after_data_gb": rss_data,
    }))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    cmd = [
        sys.executable,
        __file__,
        "--child",
        "--rows",
        str(args.rows),
        "--units",
        str(args.units),
        "--seed",
        str(args.seed),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    res = json.loads(done.stdout.strip().splitlines()[-1])
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2  # KiB → GiB
    total = res["score_s"] + res["deltas_s"]
    print(
        f"PREM benchmark: {res['rows']:,} answer rows, {res['respondents']:,} questionnaires, "
        f"{res['units']:,} teams × 2 periods ({res['delta_rows']:,} delta rows, "
        f"{res['adjusted_ok']:,} adjusted estimates)"
    )
    print(f"  data built in            {res['build_s']:6.2f} s (not timed below)")
    print(f"  score_prem               {res['score_s']:6.2f} s")
    print(f"  prem_deltas              {res['deltas_s']:6.2f} s")
    print(f"  scoring + deltas         {total:6.2f} s   (goal < 10 s)")
    print(
        f"  pandas groupby-mean      {res['groupby_s']:6.2f} s   "
        f"ratio {total / res['groupby_s']:.1f}×"
    )
    print(
        f"  peak RSS (subprocess)    {peak:6.2f} GB  (goal < 3 GB; "
        f"{res['rss_after_data_gb']:.2f} GB once the input table is built)"
    )


if __name__ == "__main__":
    main()
