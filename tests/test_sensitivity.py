"""Reference tests of impact.stats.sensitivity and the event-study covariance of
impact.stats.did_staggered.

Expected values come from first principles worked here (a hand-built event study with a
diagonal covariance, the worst-case bias by enumerating the vertices of the box of
one-period changes, a single-cohort covariance from numpy's moments), from statsmodels'
own Wald test and scipy's χ² distribution, and from simulations with known truth.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from numpy.testing import assert_allclose
from scipy import stats

from impact.stats.did import staggered_did
from impact.stats.reasons import REASONS
from impact.stats.sensitivity import pretrend_test, relative_magnitude, robust_intervals
from smoke import sizes, widened


def _vcov(e, var) -> pd.DataFrame:
    return pd.DataFrame(np.diag(var), index=e, columns=e)


# ---------------------------------------------------------------- hand-built example
# Universal base, reference e = −1. Pre levels β(−4, −3, −2) = (0.3, 0.1, −0.1), post
# β(0, 1) = (2.0, 3.0), every variance 0.01 (se 0.1), no covariance.
#   Pre one-period changes (δ_s − δ_{s−1}, δ_{−1} = 0):
#     −3 vs −4: 0.1 − 0.3 = −0.2, var 0.02;  −2 vs −3: −0.2, var 0.02;  −1 vs −2: 0.1, var 0.01
#   α = 0.05, J = 3: Bonferroni z = Φ⁻¹(1 − 0.05/12) = 2.63826
#     D_U = max(0.2 + 2.63826·√0.02, 0.2 + 2.63826·√0.02, 0.1 + 2.63826·0.1) = 0.573106
#   Target θ = (β0 + β1)/2 = 2.5, se = √(0.01 + 0.01)/2 = 0.0707107
#   κ = Σ_k |Σ_{e≥k} l_e| = |0.5 + 0.5| + |0.5| = 1.5
#   M̄ = 0: 2.5 ± 1.959964·0.0707107 = [2.361410, 2.638590]
#   M̄ > 0: 2.5 ± (Φ⁻¹(1 − 0.05/4)·se + M̄·κ·D_U) = 2.5 ± (2.241403·0.0707107 + 0.859659·M̄)
#     M̄ = 1: [1.481850, 3.518150]
#   Breakdown M̄* = (2.5 − 0.158490)/0.859659 = 2.723765
HAND_E = [-4, -3, -2, 0, 1]
HAND_B = [0.3, 0.1, -0.1, 2.0, 3.0]


def test_hand_built_example_bounds_and_breakdown():
    es = pd.DataFrame({"event_time": HAND_E, "estimate": HAND_B})
    out = relative_magnitude(es, _vcov(HAND_E, [0.01] * 5)).iloc[0]
    z_pre = stats.norm.ppf(1 - 0.05 / 12)
    d_upper = max(0.2 + z_pre * np.sqrt(0.02), 0.1 + z_pre * 0.1)
    se = np.sqrt(0.02) / 2
    z4 = stats.norm.ppf(1 - 0.05 / 4)
    assert_allclose(d_upper, 0.573106, atol=1e-6)  # the numbers written above
    assert_allclose(out[["estimate", "se"]].astype(float), [2.5, se], rtol=1e-12)
    assert_allclose(out["max_pre_change"], 0.2, rtol=1e-12)
    assert_allclose(out["max_pre_change_upper"], d_upper, rtol=1e-12)
    assert out["bias_factor"] == 1.5 and out["n_pre_changes"] == 3 and out["reason"] == ""
    assert_allclose(out[["ci_low", "ci_high"]].astype(float), [2.361410, 2.638590], atol=1e-6)
    assert_allclose(out["breakdown"], (2.5 - z4 * se) / (1.5 * d_upper), rtol=1e-12)
    assert_allclose(out["breakdown"], 2.723765, atol=1e-6)
    grid = robust_intervals(out, [0.0, 1.0, 2.7, 2.75])
    assert_allclose(grid.loc[1, ["ci_low", "ci_high"]].astype(float), [1.481850, 3.518150],
                    atol=1e-6)  # fmt: skip
    assert grid["excludes_zero"].tolist() == [True, True, True, False]  # M̄* = 2.72


@pytest.mark.parametrize("n_post", [1, 2, 3, 6])
def test_bias_factor_is_the_worst_case_over_the_box_of_changes(n_post):
    # First principles: δ_e = Σ_{k≤e} c_k with every |c_k| ≤ 1 (M̄·D = 1); the largest
    # |mean of δ_0..δ_E| is reached at a vertex of the box: enumerate the 2^(E+1) signs.
    worst = max(abs(np.cumsum(c).mean()) for c in itertools.product([-1, 1], repeat=n_post))
    e = [-2, *range(n_post)]
    es = pd.DataFrame({"event_time": e, "estimate": [0.0] + [5.0] * n_post})
    out = relative_magnitude(es, _vcov(e, [0.01] * len(e))).iloc[0]
    assert_allclose(out["bias_factor"], worst, rtol=1e-12)
    assert_allclose(out["bias_factor"], (n_post + 1) / 2, rtol=1e-12)  # (E + 2) / 2


def test_correlated_estimates_use_the_covariance():
    # se of the mean of two post estimates with variances 0.01 and covariance 0.006:
    # √((0.01 + 0.01 + 2·0.006)/4) = 0.0894427; the pre change −1 vs −2 is −β(−2),
    # se 0.1 (it does not involve the post estimates)
    e = [-2, 0, 1]
    v = pd.DataFrame([[0.01, 0, 0], [0, 0.01, 0.006], [0, 0.006, 0.01]], index=e, columns=e)
    es = pd.DataFrame({"event_time": e, "estimate": [0.05, 1.0, 1.2]})
    out = relative_magnitude(es, v).iloc[0]
    assert_allclose(out["se"], 0.0894427, atol=1e-7)
    assert_allclose(out["max_pre_change_upper"], 0.05 + stats.norm.ppf(1 - 0.05 / 4) * 0.1)
    assert out["reason"] == "one_pre_estimate"  # values kept, flagged


# ---------------------------------------------------------------- pre-trend test
def test_pretrend_test_matches_statsmodels_wald_test():
    # An OLS with four "event-time" dummies and a constant; statsmodels' own Wald test
    # (chi2 form) that the coefficients of the three pre-period dummies are 0.
    rng = np.random.default_rng(3)
    x = rng.normal(size=(200, 4)) + rng.normal(size=(200, 1))  # correlated regressors
    y = x @ np.array([0.1, -0.15, 0.05, 1.0]) + rng.normal(size=200)
    fit = sm.OLS(y, sm.add_constant(x)).fit()
    names = [-4, -3, -2, 0]
    es = pd.DataFrame({"event_time": names, "estimate": fit.params[1:]})
    vcov = pd.DataFrame(fit.cov_params()[1:, 1:], index=names, columns=names)
    got = pretrend_test(es, vcov).iloc[0]
    ref = fit.wald_test(np.eye(5)[1:4], scalar=True, use_f=False)
    assert_allclose(got["chi2"], ref.statistic, rtol=1e-10)
    assert_allclose(got["p_value"], ref.pvalue, rtol=1e-10)
    assert got["df"] == 3 and got["reason"] == ""
    # and by hand: b' V⁻¹ b with scipy's χ²(3) tail
    b, v = fit.params[1:4], fit.cov_params()[1:4, 1:4]
    assert_allclose(got["p_value"], stats.chi2.sf(b @ np.linalg.inv(v) @ b, 3), rtol=1e-10)


def _panel(rng, n_per=60, n_times=8, cohorts=(4, 5, 6), trend=0.0, effect=1.0):
    """Units × periods with unit and period effects, N(0, 1) noise; cohort units get
    ``effect`` from their start and, when ``trend`` ≠ 0, a linear trend difference
    ``trend × (t − (g − 1))`` at every period (a violation of parallel trends whose
    one-period changes all equal ``trend``)."""
    groups = [*cohorts, np.nan]
    g = np.repeat(groups, n_per)
    n = len(g)
    t = np.arange(n_times)
    y = rng.normal(size=(n, 1)) + 0.3 * t[None, :] + rng.normal(size=(n, n_times))
    treated = np.isfinite(g)
    gg = np.where(treated, g, 0)[:, None]
    y += treated[:, None] * (effect * (t[None, :] >= gg) + trend * (t[None, :] - (gg - 1)))
    return pd.DataFrame({"id": np.repeat(np.arange(n), n_times), "t": np.tile(t, n),
                         "y": y.ravel(), "g": np.repeat(g, n_times)})  # fmt: skip


@pytest.mark.parametrize("reps", sizes(200, 1000))
def test_pretrend_test_rejects_five_percent_under_parallel_trends(reps):
    # Simulation with known truth (parallel trends): the 5% test rejects 5% of panels,
    # within 3 binomial standard errors (√(0.05·0.95/1000) = 0.0069 for the full size).
    rng = np.random.default_rng(17)
    rejected = 0
    for _ in range(reps):
        fit = staggered_did(_panel(rng), unit="id", time="t", outcome="y", start="g",
                            base_period="universal", n_boot=0)  # fmt: skip
        row = pretrend_test(fit.event_study, fit.event_vcov).iloc[0]
        assert row["df"] == 5  # event times −6 … −2 (−1 is the reference)
        rejected += row["p_value"] < 0.05
    assert abs(rejected / reps - 0.05) <= widened(3 * 0.0069, reps, 1000)


@pytest.mark.parametrize("reps", sizes(100, 600))
def test_robust_interval_covers_under_the_worst_violation_of_its_mbar(reps):
    # Simulation with known truth: the trend difference keeps changing by `trend` per
    # period after the start, as it did before (M̄ = 1 holds with equality, the bias of
    # the mean post effect is the worst case κ·D). The M̄ = 1 interval must cover the true
    # mean effect (1.0) at least 95% of the time (construction conservative); the M̄ = 0
    # interval, which ignores the violation, must not.
    rng = np.random.default_rng(5)
    cover1 = cover0 = 0
    for _ in range(reps):
        fit = staggered_did(_panel(rng, trend=0.3), unit="id", time="t", outcome="y",
                            start="g", base_period="universal", n_boot=0)  # fmt: skip
        es = fit.event_study[fit.event_study["event_time"].between(-4, 1)]
        row = relative_magnitude(es, fit.event_vcov).iloc[0]
        grid = robust_intervals(row, [0.0, 1.0])
        inside = (grid["ci_low"] <= 1.0) & (1.0 <= grid["ci_high"])
        cover0 += inside[0]
        cover1 += inside[1]
    assert cover1 / reps >= 0.95 - widened(0.015, reps, 600)
    assert cover0 / reps < 0.5  # bias 0.3·1.5 = 0.45 against an se of about 0.18


# ---------------------------------------------------------------- the event-study covariance
def test_event_vcov_of_one_cohort_from_first_principles():
    # One cohort (g = 3) and never-treated units, universal base (period 2): each
    # ATT(e) = mean over cohort of (Y_{3+e} − Y_2) − the same mean over controls, so
    # Cov(ATT(e1), ATT(e2)) = cov_T(d_e1, d_e2)/n_T + cov_C(d_e1, d_e2)/n_C with the
    # moments of numpy.cov(ddof=0) (the influence-function, "sum-scale" covariance).
    rng = np.random.default_rng(8)
    n_t, n_c, n_times = 7, 11, 6
    y = rng.normal(size=(n_t + n_c, n_times)).cumsum(axis=1)
    g = np.r_[np.full(n_t, 3.0), np.full(n_c, np.nan)]
    panel = pd.DataFrame({"id": np.repeat(np.arange(n_t + n_c), n_times),
                          "t": np.tile(np.arange(n_times), n_t + n_c), "y": y.ravel(),
                          "g": np.repeat(g, n_times)})  # fmt: skip
    fit = staggered_did(panel, unit="id", time="t", outcome="y", start="g",
                        base_period="universal", n_boot=99)  # fmt: skip
    d = y - y[:, [2]]
    order = [0, 1, 3, 4, 5]  # event times −3, −2, 0, 1, 2 (−1 is the reference)
    expected = np.cov(d[:n_t, order].T, ddof=0) / n_t + np.cov(d[n_t:, order].T, ddof=0) / n_c
    assert list(fit.event_vcov.index) == [-3, -2, 0, 1, 2]
    assert_allclose(fit.event_vcov.to_numpy(), expected, rtol=1e-10)


def test_event_vcov_gives_the_dynamic_overall_se():
    # The "dynamic" overall ATT is the plain mean of ATT(e), e ≥ 0: its analytic SE
    # (computed by staggered_did from its own influence function) must equal √(l'Σl).
    panel = _panel(np.random.default_rng(2), n_per=20)
    fit = staggered_did(panel, unit="id", time="t", outcome="y", start="g",
                        overall="dynamic", n_boot=0)  # fmt: skip
    post = fit.event_vcov.index >= 0
    v = fit.event_vcov.to_numpy()[np.ix_(post, post)]
    w = np.full(post.sum(), 1 / post.sum())
    assert_allclose(np.sqrt(w @ v @ w), fit.overall.loc[0, "se"], rtol=1e-10)
    assert_allclose(np.sqrt(np.diag(fit.event_vcov)), fit.event_study["se"], rtol=1e-10)


# ---------------------------------------------------------------- bad inputs: rows with reasons
@pytest.mark.parametrize(
    ("e", "b", "pre_reason", "rm_reason"),
    [
        ([0, 1], [1.0, 1.0], "no_pre_estimates", "no_pre_estimates"),
        ([-3, -2], [0.1, 0.0], "", "no_post_estimates"),
        ([-2, 0], [0.1, 1.0], "one_pre_estimate", "one_pre_estimate"),
        ([-2, -1, 0], [0.1, 0.2, 1.0], "", "not_universal_base"),  # a varying-base table
        ([-3, -2, 0, 1], [0.0, 0.1, 0.01, -0.01], "", "ci_includes_zero"),
    ],
)
def test_bad_inputs_give_rows_with_reasons(e, b, pre_reason, rm_reason):
    es = pd.DataFrame({"event_time": e, "estimate": b})
    pre = pretrend_test(es, _vcov(e, [0.01] * len(e)))
    rm = relative_magnitude(es, _vcov(e, [0.01] * len(e)))
    assert len(pre) == 1 and len(rm) == 1
    assert pre.loc[0, "reason"] == pre_reason and rm.loc[0, "reason"] == rm_reason
    assert {pre_reason, rm_reason} - {""} <= set(REASONS)
    if rm_reason not in ("", "one_pre_estimate"):
        assert np.isnan(rm.loc[0, "breakdown"])


def test_singular_or_missing_covariance_gives_a_reason():
    e = [-3, -2, 0]
    es = pd.DataFrame({"event_time": e, "estimate": [0.1, 0.2, 1.0]})
    flat = pd.DataFrame(np.ones((3, 3)) * 0.01, index=e, columns=e)  # rank 1
    nan = _vcov(e, [np.nan] * 3)
    for v in (flat, nan):
        assert pretrend_test(es, v).loc[0, "reason"] == "singular_vcov"
        assert relative_magnitude(es, v).loc[0, "reason"] == "singular_vcov"


def test_reference_rows_are_left_out_and_bad_arguments_raise():
    e = [-3, -2, -1, 0]
    es = pd.DataFrame({"event_time": e, "estimate": [0.1, 0.2, 0.0, 1.0],
                       "reason": ["", "", "reference_period", ""]})  # fmt: skip
    v = _vcov(e, [0.01, 0.01, 0.0, 0.01])
    assert pretrend_test(es, v).loc[0, "df"] == 2
    assert relative_magnitude(es, v).loc[0, "reason"] == ""
    with pytest.raises(ValueError, match="vcov has no row"):
        pretrend_test(es, _vcov([-3, 0], [0.01, 0.01]))
    with pytest.raises(ValueError, match="conf_level"):
        relative_magnitude(es, v, conf_level=95)
    with pytest.raises(ValueError, match="mbar"):
        robust_intervals(relative_magnitude(es, v).iloc[0], [-1.0])
