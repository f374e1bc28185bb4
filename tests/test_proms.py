"""Reference tests of impact.prem.proms: paired change and share improved by at least the MID.

Expected values: hand counts on tiny tables, the Wilson (1927) formula written out, and
the demo programme's closed-form PROM truth (impact.demo.proms.prom_truth).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

import impact
from impact.prem.proms import prom_changes
from impact.stats.effect_table import EFFECT_COLUMNS

CAT = pd.DataFrame({"code": ["pain", "qol"], "better": ["lower", "higher"], "mid": [2.0, 7.0]})


def _table(rows):
    return pd.DataFrame(rows, columns=["team_id", "period", "patient", "prom", "value"])


Z975 = stats.norm.ppf(0.975)


def _wilson(k, n, z=Z975):
    """Wilson (1927) score interval, written out."""
    p = k / n
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    return centre - half, centre + half


def test_share_improved_by_hand_and_direction_from_better():
    before = [7, 6, 8, 5, 6, 9, 4, 7]
    after = [4, 6, 5, 6, 3.5, 9, 7, np.nan]  # changes −3, 0, −3, +1, −2.5, 0, +3, missing
    rows = [("T1", "avant", f"p{i}", "pain", v) for i, v in enumerate(before)]
    rows += [("T1", "après", f"p{i}", "pain", v) for i, v in enumerate(after)]
    out = prom_changes(_table(rows), CAT.iloc[:1]).set_index("measure")
    assert set(EFFECT_COLUMNS) <= set(out.reset_index().columns)
    # pain: lower is better, MID 2. Improved (drop ≥ 2): p0, p2, p4 → 3 of 7 pairs.
    # Worsened (rise ≥ 2): p6 → 1 of 7.
    imp = out.loc["share improved >= MID"]
    assert (imp["n"], imp["events"]) == (7, 3)
    assert_allclose(imp["estimate"], 3 / 7)
    assert_allclose(imp[["ci_low", "ci_high"]].astype(float), _wilson(3, 7))
    assert_allclose(imp["se"], np.sqrt(3 / 7 * 4 / 7 / 7))
    wor = out.loc["share worsened >= MID"]
    assert wor["events"] == 1
    assert_allclose(wor[["ci_low", "ci_high"]].astype(float), _wilson(1, 7))
    mean = out.loc["mean change"]
    d = np.array(after[:7]) - np.array(before[:7])
    assert_allclose(mean["estimate"], d.mean())  # sign kept: after − before
    assert (mean["n_before"], mean["n_after"]) == (8, 7)
    assert mean["verdict"] == "inconclusive" and mean["better"] == "lower"


def test_verdict_reads_the_better_direction():
    rows = [("T1", "avant", f"p{i}", c, 50.0 + i % 3) for i in range(20) for c in ("qol", "pain")]
    rows += [
        ("T1", "après", f"p{i}", c, 50.0 + i % 3 + (10 if c == "qol" else 5) + i % 2)
        for i in range(20)
        for c in ("qol", "pain")
    ]  # changes +10/+11 and +5/+6
    out = prom_changes(_table(rows), CAT).set_index(["prom", "measure"])
    assert out.loc[("qol", "mean change"), "verdict"] == "improved"  # higher is better
    assert out.loc[("pain", "mean change"), "verdict"] == "worsened"  # lower is better
    assert out.loc[("qol", "share improved >= MID"), "estimate"] == 1.0  # +10 ≥ 7
    assert out.loc[("pain", "share worsened >= MID"), "estimate"] == 1.0  # +5 ≥ 2
    assert out.loc[("qol", "mean change"), "small_sample"]  # 20 pairs < 30


def test_missing_data_give_explained_rows():
    rows = [
        ("T1", "avant", "p1", "pain", 5.0),
        ("T1", "avant", "p2", "pain", 6.0),
        ("T2", "avant", "p1", "pain", 5.0),
        ("T2", "après", "p9", "pain", 3.0),
    ]
    out = prom_changes(_table(rows), CAT.iloc[:1], teams=["T1", "T2", "T3"])
    reason = out.groupby("team_id")["reason"].first()
    assert reason["T1"] == "no_measurement"
    assert reason["T2"] == "no_prom_pairs"
    assert reason["T3"] == "no_prom_data"
    assert out["estimate"].isna().all()
    with pytest.raises(ValueError, match="better"):
        prom_changes(_table(rows), CAT.assign(better="up"))


def test_demo_paired_change_recovers_the_truth():
    """Demo PROMs: change = Δ_team + noise, truth in closed form (clipped normal means).

    Seed 5, 60 teams, measured when written: coverage of the paired-t interval 0.98
    (96 team × PROM), mean(estimate − truth) eq_vas +0.07 (SE 0.16), douleur_nrs
    +0.03 (SE 0.02).
    """
    prog = impact.demo_programme(n_teams=60, seed=5)
    out = prom_changes(prog.prom_responses, prog.proms, teams=prog.team_ids)
    truth = prog.truth.query("family == 'prom'").set_index(["team_id", "code"])["true_effect"]
    mean = out[out["measure"] == "mean change"].set_index(["team_id", "prom"])
    mean = mean[mean["estimate"].notna()]
    tr = truth.reindex(mean.index)
    assert tr.notna().all()
    covered = (mean["ci_low"] <= tr) & (tr <= mean["ci_high"])
    assert 0.9 <= covered.mean() <= 0.995
    err = (mean["estimate"] - tr).groupby(level="prom")
    se = err.std(ddof=1) / np.sqrt(err.count())
    assert (err.mean().abs() < 3 * se).all()
    missing = set(prog.team_ids) - set(mean.index.get_level_values(0))
    assert missing == set(prog.team_ids) - set(truth.index.get_level_values(0))
    none = out[out["team_id"].isin(missing)]
    assert (none["reason"] == "no_prom_data").all()
