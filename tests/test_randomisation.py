"""Randomisation inference (impact.stats.randomisation): the sign-flip test of a pooled
effect and the permuted start dates / placebo-in-space of the Callaway–Sant'Anna ATT,
checked by hand enumeration, against the estimators they recompute, and by simulation."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from impact.stats.did_staggered import staggered_did
from impact.stats.meta import pool
from impact.stats.randomisation import did_randomisation, sign_flip_test
from impact.stats.reasons import REASONS, reason_codes


def _binomial_band(rate: float, n: int, z: float = 3.5) -> tuple[float, float]:
    """Rejection-rate band of ``n`` independent tests at level ``rate`` (normal, ±z SE)."""
    half = z * np.sqrt(rate * (1 - rate) / n)
    return rate - half, rate + half


# ----------------------------------------------------------------------- sign flips
def test_exact_sign_flip_p_value_by_hand_enumeration():
    # First principles: with equal standard errors every team has the same weight
    # 1/(se² + τ²) whatever τ², so the REML pooled effect of any sign pattern is the plain
    # mean; the exact p-value is the share of the 2^5 patterns whose |mean| ≥ |observed|.
    y = np.array([0.5, 1.2, 2.0, -0.3, 0.9])
    observed = abs(y.mean())
    means = [abs(np.mean(np.array(s) * y)) for s in itertools.product([-1, 1], repeat=5)]
    expected = np.mean(np.array(means) >= observed - 1e-12)
    res = sign_flip_test(y, np.full(5, 0.4))
    assert res.exact and res.n_permutations == 32
    assert res.p_value == pytest.approx(expected)
    assert res.statistic == pytest.approx(y.mean())


def test_exact_sign_flip_common_effect_by_hand():
    # First principles: common-effect weights 1/se² = 1, 4: the pooled effect of the signs
    # (s1, s2) of y = (2, 1) is (2·s1 + 4·s2)/5: ±6/5 for equal signs, ±2/5 otherwise;
    # |±6/5| ≥ 6/5 in 2 patterns of 4: p = 0.5.
    res = sign_flip_test([2.0, 1.0], [1.0, 0.5], method="FE")
    assert res.exact and res.n_permutations == 4
    assert res.statistic == pytest.approx(6 / 5)
    assert res.p_value == pytest.approx(0.5)


@pytest.mark.parametrize("method", ["REML", "DL", "PM", "FE"])
def test_statistic_is_the_pooled_effect_of_pool(method):
    # Reference: impact.stats.meta.pool (checked against metafor in test_meta.py) on the
    # observed signs: the randomisation test recomputes that very statistic.
    rng = np.random.default_rng(11)
    y, se = rng.normal(0.2, 0.4, 14), rng.uniform(0.1, 0.3, 14)
    frame = pd.DataFrame({"estimate": y, "se": se, "scale": "identity"})
    row = pool(frame, method=method, hartung_knapp=True).iloc[0]
    est = sign_flip_test(y, se, method=method, n_perm=99)
    t = sign_flip_test(y, se, method=method, n_perm=99, statistic="t")
    assert_allclose(est.statistic, row["estimate"], rtol=1e-10)
    assert_allclose(t.statistic, row["estimate"] / row["se"], rtol=1e-10)


def test_monte_carlo_p_value_agrees_with_exact_enumeration():
    # Simulation: the Monte-Carlo p-value (1 + #)/(1 + R) estimates the exact one (all
    # 2^14 patterns) within its binomial error.
    rng = np.random.default_rng(5)
    y, se = rng.normal(0.15, 0.3, 14), rng.uniform(0.1, 0.3, 14)
    exact = sign_flip_test(y, se, n_perm=2**14)
    mc = sign_flip_test(y, se, n_perm=4999, seed=2)
    assert exact.exact and not mc.exact and mc.n_permutations == 4999
    hits = round(mc.p_value * 5000) - 1
    assert mc.p_value == pytest.approx((1 + hits) / 5000)
    assert abs(mc.p_value - exact.p_value) < 4 * np.sqrt(exact.p_value * (1 - exact.p_value) / 4999)


def test_sign_flip_null_rejects_at_the_nominal_rate_and_detects_an_effect():
    # Simulation: teams' estimates symmetric around 0 (a true null programme, with
    # heterogeneous SEs and t-distributed noise) are rejected at 5 % in at most 5 % of
    # programmes (exact test: within the binomial band); a true effect of about 2.5 SEs
    # per team across 8 teams is detected almost always.
    rng = np.random.default_rng(2024)
    n_sim, k = 400, 8
    null_p, effect_p = [], []
    for _ in range(n_sim):
        se = rng.uniform(0.1, 0.5, k)
        noise = se * rng.standard_t(5, k) + rng.normal(0, 0.2, k)
        null_p.append(sign_flip_test(noise, se, n_perm=256).p_value)
        effect_p.append(sign_flip_test(noise + 0.8, se, n_perm=256).p_value)
    low, high = _binomial_band(0.05, n_sim)
    assert low <= np.mean(np.array(null_p) <= 0.05) <= high
    # uniform within Monte-Carlo error (the exact p-values are discrete: steps of 1/256)
    assert stats.kstest(null_p, "uniform").pvalue > 0.001
    assert np.mean(np.array(effect_p) <= 0.05) > 0.9


def test_sign_flip_bad_arguments_give_reasons_or_errors():
    none = sign_flip_test([], [])
    one = sign_flip_test([0.3, np.nan], [0.1, 0.2])
    assert np.isnan(none.p_value) and reason_codes(none.reason) == ["no_study"]
    assert np.isnan(one.p_value) and reason_codes(one.reason) == ["single_study"]
    with pytest.raises(ValueError, match="method"):
        sign_flip_test([1.0, 2.0], [1.0, 1.0], method="ML")
    with pytest.raises(ValueError, match="n_perm"):
        sign_flip_test([1.0, 2.0], [1.0, 1.0], n_perm=0)
    with pytest.raises(ValueError, match="same length"):
        sign_flip_test([1.0, 2.0], [1.0])


# ------------------------------------------------------------------------------ DiD
def _panel(rng, n_units=24, n_times=8, effect=0.0, missing=0.0, cohorts=(3, 4, 6)):
    """Units with staggered starts (a third never treated), unit and period effects."""
    starts = [cohorts[u % len(cohorts)] if u % 3 else np.nan for u in range(n_units)]
    unit_fx, time_fx = rng.normal(0, 1, n_units), rng.normal(0, 1, n_times)
    rows = []
    for u, g in enumerate(starts):
        for t in range(n_times):
            if rng.random() < missing:
                continue
            treated = not np.isnan(g) and t >= g
            y = unit_fx[u] + time_fx[t] + effect * treated + rng.normal(0, 1)
            rows.append((f"u{u:02d}", t, y, g))
    return pd.DataFrame(rows, columns=["unit", "t", "y", "g"])


@pytest.mark.parametrize("control", ["never_treated", "not_yet_treated"])
@pytest.mark.parametrize("anticipation", [0, 1])
def test_did_statistic_is_the_callaway_santanna_overall_att(control, anticipation):
    # Reference: impact.stats.did_staggered.staggered_did (checked against R did) on a
    # panel with missing cells: the randomisation recomputes its simple overall ATT.
    panel = _panel(np.random.default_rng(7), n_units=30, missing=0.1, cohorts=(0, 2, 3, 5))
    ref = staggered_did(panel, unit="unit", time="t", outcome="y", start="g", n_boot=0,
                        control=control, anticipation=anticipation)  # fmt: skip
    row = did_randomisation(panel, unit="unit", time="t", outcome="y", start="g",
                            control=control, anticipation=anticipation, n_perm=19,
                            n_space=19)  # fmt: skip
    assert_allclose(row.loc[0, "estimate"], ref.overall.loc[0, "estimate"], rtol=1e-12)


def test_did_permutation_distribution_of_a_tiny_design_by_hand():
    # First principles: 3 units, 2 periods, one treated in period 1. Permuting the start
    # dates makes each unit the treated one with probability 1/3; the ATT is then its
    # change minus the mean change of the other two: changes (5, 0, 1) give ATTs
    # 4.5, −3, −1.5. Only the observed assignment reaches |4.5|, so # ~ Binomial(R, 1/3).
    panel = pd.DataFrame({"unit": list("aabbcc"), "t": [0, 1] * 3,
                          "y": [0.0, 5.0, 0.0, 0.0, 0.0, 1.0],
                          "g": [1, 1] + [np.nan] * 4})  # fmt: skip
    row = did_randomisation(panel, unit="unit", time="t", outcome="y", start="g",
                            n_perm=2999)  # fmt: skip
    assert row.loc[0, "estimate"] == pytest.approx(4.5)
    assert row.loc[0, "n_permutations"] == 2999
    assert abs(row.loc[0, "p_randomisation"] - 1 / 3) < 4 * np.sqrt(2 / 9 / 2999)
    assert reason_codes(row.loc[0, "reason"]) == ["few_placebo_units"]


def test_did_randomisation_null_uniform_and_effect_detected():
    # Simulation: panels with no effect give randomisation p-values rejected at 5 % within
    # the binomial band of 5 %; an effect of 1.5 residual SDs is detected in most panels.
    rng = np.random.default_rng(99)
    n_sim = 300
    null_p, eff_p = [], []
    for i in range(n_sim):
        kw = dict(unit="unit", time="t", outcome="y", start="g", n_perm=99, n_space=0, seed=i)
        null_p.append(did_randomisation(_panel(rng), **kw).loc[0, "p_randomisation"])
        if i < 60:
            eff_p.append(did_randomisation(_panel(rng, effect=1.5), **kw).loc[0, "p_randomisation"])
    low, high = _binomial_band(0.05, n_sim)
    assert low <= np.mean(np.array(null_p) <= 0.05) <= high
    assert stats.kstest(null_p, "uniform").pvalue > 0.001
    assert np.mean(np.array(eff_p) <= 0.05) > 0.8


def test_placebo_in_space_places_a_large_effect_beyond_the_placebos():
    # Simulation: with a true effect of 6 residual SDs, no placebo (comparison units given
    # the teams' start dates) comes near the real ATT; without an effect, the real ATT
    # sits inside the placebo distribution.
    rng = np.random.default_rng(3)
    kw = dict(unit="unit", time="t", outcome="y", start="g", n_perm=49, n_space=199)
    big = did_randomisation(_panel(rng, n_units=36, effect=6.0), **kw).iloc[0]
    assert big["placebo_space_share_larger"] == 0.0
    assert big["placebo_high"] < big["estimate"]
    assert big["n_placebo_treated"] == 6 and big["placebo_space_n"] == 199  # 12 controls // 2
    shares = [did_randomisation(_panel(rng, n_units=36), **kw).loc[0, "placebo_space_share_larger"]
              for _ in range(20)]  # fmt: skip
    assert np.median(shares) > 0.2


def test_did_randomisation_bad_arguments_give_rows_with_reasons():
    rng = np.random.default_rng(1)
    kw = dict(unit="unit", time="t", outcome="y", start="g", n_perm=19, n_space=19)
    one = _panel(rng).query("unit == 'u01'")
    assert reason_codes(did_randomisation(one, **kw).loc[0, "reason"]) == ["too_few_units"]
    panel = _panel(rng)
    no_never = panel.assign(g=panel["g"].fillna(6))  # no never-treated unit
    row = did_randomisation(no_never, **kw).iloc[0]
    assert np.isnan(row["estimate"]) and reason_codes(row["reason"]) == ["no_post_cell"]
    few = panel.loc[~panel["unit"].isin(["u00", "u03", "u06", "u09", "u12"])]  # 3 controls
    row = did_randomisation(few, **kw).iloc[0]
    assert np.isfinite(row["p_randomisation"]) and np.isnan(row["placebo_space_share_larger"])
    assert reason_codes(row["reason"]) == ["few_placebo_units"]
    none = panel.assign(comp=False)  # no unit flagged as comparison
    row = did_randomisation(none, comparison="comp", **kw).iloc[0]
    assert reason_codes(row["reason"]) == ["few_placebo_units"]
    for code in ("too_few_units", "permutations_dropped", "few_placebo_units"):
        assert code in REASONS
    with pytest.raises(ValueError, match="control"):
        did_randomisation(panel, control="all", **kw)
    with pytest.raises(ValueError, match="n_perm"):
        did_randomisation(panel, **{**kw, "n_perm": -1})
    with pytest.raises(ValueError, match="Column"):
        did_randomisation(panel, **{**kw, "start": "nope"})
