"""Reference tests of impact.stats.effects: every expected value cites where it comes from.

Sources are published worked examples (Newcombe 1998 Table II; R output printed in
tutorials and other projects' test suites; MBESS output) or first-principles computations
written independently here (brute-force enumeration, a different root finder, an
independent library routine). No expected value is produced by the code under test.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy import optimize, stats
from statsmodels.stats.contingency_tables import Table2x2

from impact.stats.effect_table import EFFECT_COLUMNS
from impact.stats.effects import (
    difference_in_proportions,
    mean_difference,
    mean_difference_from_summary,
    paired_difference,
    rate_difference,
    rate_ratio,
    risk_ratio,
    standardised_mean_difference,
    standardised_mean_difference_from_summary,
)

Z95 = stats.norm.ppf(0.975)

# R's `sleep` data (Cushny & Peebles 1905, Student 1908): extra sleep with drug 1 and 2.
SLEEP1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]
# Hollander & Wolfe depression scores used in R's ?wilcox.test: x first visit, y second.
HW_X = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
HW_Y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]

# Newcombe RG (1998) Stat Med 17:873-890, Table II: (x1, n1, x2, n2) for p1 - p2.
# Our convention is after - before, so "after" = (x1, n1) and "before" = (x2, n2).
NEWCOMBE_CASES = [
    (56, 70, 48, 80), (9, 10, 3, 10), (6, 7, 2, 7), (5, 56, 0, 29),
    (0, 10, 0, 20), (0, 10, 0, 10), (10, 10, 0, 20), (10, 10, 0, 10),
]  # fmt: skip


def _newcombe_call(cases, **kw):
    x1, n1, x2, n2 = (np.array(c) for c in zip(*cases, strict=True))
    return difference_in_proportions(x2, n2, x1, n1, **kw)


# --- shape and arguments --------------------------------------------------------------


def test_every_function_returns_the_effect_table_columns():
    tables = [
        difference_in_proportions(3, 10, 5, 10),
        risk_ratio(3, 10, 5, 10),
        rate_ratio(3, 10.0, 5, 10.0),
        rate_difference(3, 10.0, 5, 10.0),
        mean_difference(SLEEP1, SLEEP2),
        mean_difference_from_summary(0, 1, 10, 1, 1, 10),
        paired_difference(SLEEP1, SLEEP2),
        standardised_mean_difference(SLEEP1, SLEEP2),
        standardised_mean_difference_from_summary(0, 1, 10, 1, 1, 10),
    ]
    for table in tables:
        assert list(table.columns[: len(EFFECT_COLUMNS)]) == EFFECT_COLUMNS
        assert table["method"].str.len().gt(0).all()
    assert len(tables[6]) == 2


def test_ids_are_placed_first():
    t = difference_in_proportions([1, 2], [10, 10], [3, 4], [10, 10], ids={"team_id": ["A", "B"]})
    assert t.columns[0] == "team_id"
    assert t["team_id"].tolist() == ["A", "B"]


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: difference_in_proportions(-1, 10, 2, 10), "-1"),
        (lambda: difference_in_proportions(11, 10, 2, 10), "11"),
        (lambda: difference_in_proportions(1.5, 10, 2, 10), "1.5"),
        (lambda: difference_in_proportions(1, 10, 2, 10, method="agresti"), "agresti"),
        (lambda: difference_in_proportions(1, 10, 2, 10, conf_level=95), "95"),
        (lambda: difference_in_proportions([1, 2], [10, 10, 10], 2, 10), "equal lengths"),
        (lambda: risk_ratio(1, 10, 12, 10), "12"),
        (lambda: rate_ratio(-3, 10.0, 2, 10.0), "-3"),
        (lambda: rate_ratio(3, -10.0, 2, 10.0), "-10"),
        (lambda: rate_ratio(3, 10.0, 2, 10.0, method="score"), "score"),
        (lambda: rate_difference(3, 10.0, 2, 10.0, multiplier=0), "0"),
        (lambda: mean_difference_from_summary(0, -1, 10, 0, 1, 10), "-1"),
        (lambda: paired_difference([1, 2, 3], [1, 2]), "3 and 2"),
        (lambda: standardised_mean_difference([1, 2], [3, 4], kind="glass"), "glass"),
        (lambda: standardised_mean_difference([1, 2, 3], [3, 4], kind="d_z"), "3 and 2"),
    ],
)
def test_invalid_arguments_raise_with_the_value(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# --- difference in proportions ------------------------------------------------------


def test_newcombe_hybrid_score_matches_newcombe_1998_table_ii_method_10():
    # Newcombe (1998) Table II, method 10 (score, no continuity correction), 4 decimals;
    # reproduced e.g. in SAS PROC FREQ RISKDIFF(CL=NEWCOMBE) benchmarks (WUSS 2016 paper 127).
    expected = [
        (0.0524, 0.3339), (0.1705, 0.8090), (0.0582, 0.8062), (-0.0381, 0.1926),
        (-0.1611, 0.2775), (-0.2775, 0.2775), (0.6791, 1.0000), (0.6075, 1.0000),
    ]  # fmt: skip
    t = _newcombe_call(NEWCOMBE_CASES)
    assert_allclose(t["ci_low"], [e[0] for e in expected], atol=6e-5)
    assert_allclose(t["ci_high"], [e[1] for e in expected], atol=6e-5)
    assert_allclose(t["estimate"], [x1 / n1 - x2 / n2 for x1, n1, x2, n2 in NEWCOMBE_CASES])


def test_miettinen_nurminen_matches_newcombe_1998_table_ii_and_sas():
    # Newcombe (1998) Table II, Miettinen-Nurminen score method: 56/70-48/80, 9/10-3/10,
    # 10/10-0/20; and the HIV trial 84/101 vs 89/105 of the WUSS 2016 SAS paper 127 (p. 9),
    # as used in GSK-Biostatistics/cicalc tests (tests/testthat/test-prop_ci_mn.R).
    cases = [(56, 70, 48, 80), (9, 10, 3, 10), (10, 10, 0, 20), (84, 101, 89, 105)]
    t = _newcombe_call(cases, method="miettinen-nurminen")
    assert_allclose(t["ci_low"], [0.0528, 0.1700, 0.7156, -0.1191], atol=6e-5)
    assert_allclose(t["ci_high"], [0.3382, 0.8406, 1.0000, 0.0860], atol=6e-5)


def test_wald_and_newcombe_match_the_sas_hiv_example():
    # WUSS 2016 paper 127 p. 9 (84/101 vs 89/105): Wald (-0.1162, 0.0843),
    # Newcombe score (-0.1177, 0.0851); Newcombe 1998 Table II method 1 for 56/70-48/80
    # (0.0575, 0.3425) and 9/10-3/10 (0.2605, 0.9395).
    cases = [(84, 101, 89, 105), (56, 70, 48, 80), (9, 10, 3, 10)]
    wald = _newcombe_call(cases, method="wald")
    assert_allclose(wald["ci_low"], [-0.1162, 0.0575, 0.2605], atol=6e-5)
    assert_allclose(wald["ci_high"], [0.0843, 0.3425, 0.9395], atol=6e-5)
    score = _newcombe_call(cases[:1])
    assert_allclose(score[["ci_low", "ci_high"]].iloc[0], [-0.1177, 0.0851], atol=6e-5)


def _mn_interval_by_likelihood(x1, n1, x2, n2, z=Z95):
    """Independent MN interval: restricted MLE by numerical maximisation (not the cubic
    closed form) and the roots of |score| = z by brentq."""

    def score(delta):
        lo, hi = max(0.0, -delta), min(1.0, 1.0 - delta)  # range of p2 given p1 = p2 + delta

        def negloglik(p2):
            p1 = p2 + delta
            return -(stats.binom.logpmf(x1, n1, p1) + stats.binom.logpmf(x2, n2, p2))

        p2 = optimize.minimize_scalar(negloglik, bounds=(lo, hi), method="bounded",
                                      options={"xatol": 1e-12}).x  # fmt: skip
        p1 = p2 + delta
        n = n1 + n2
        var = (p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2) * n / (n - 1)
        return (x1 / n1 - x2 / n2 - delta) / math.sqrt(var)

    est = x1 / n1 - x2 / n2
    low = optimize.brentq(lambda d: score(d) - z, -0.999999, est)
    high = optimize.brentq(lambda d: score(d) + z, est, 0.999999)
    return low, high


def test_miettinen_nurminen_agrees_with_numerical_restricted_likelihood():
    # First principles: restricted MLE by bounded optimisation + brentq (independent code).
    cases = [(7, 23, 15, 31), (40, 200, 25, 180), (3, 12, 9, 14)]
    t = _newcombe_call(cases, method="miettinen-nurminen")
    for i, case in enumerate(cases):
        assert_allclose(t.loc[i, ["ci_low", "ci_high"]], _mn_interval_by_likelihood(*case),
                        atol=2e-6)  # fmt: skip


def test_proportion_p_values_match_chi_square():
    x_before, n_before, x_after, n_after = 48, 80, 56, 70
    table = [[x_after, n_after - x_after], [x_before, n_before - x_before]]
    # scipy's Pearson chi-square without Yates correction (independent implementation).
    chi2 = stats.chi2_contingency(table, correction=False)[0]
    newcombe = difference_in_proportions(x_before, n_before, x_after, n_after)
    assert_allclose(newcombe.loc[0, "p_value"], stats.chi2.sf(chi2, 1), rtol=1e-10)
    # The MN score test at 0 is the "N - 1" chi-square: chi2 (N - 1) / N.
    n = n_before + n_after
    mn = difference_in_proportions(x_before, n_before, x_after, n_after,
                                   method="miettinen-nurminen")  # fmt: skip
    assert_allclose(mn.loc[0, "p_value"], stats.chi2.sf(chi2 * (n - 1) / n, 1), rtol=1e-8)
    # Wald: z = d / sqrt(p1 q1 / n1 + p2 q2 / n2), written out.
    p1, p2 = x_before / n_before, x_after / n_after
    se = math.sqrt(p1 * (1 - p1) / n_before + p2 * (1 - p2) / n_after)
    wald = difference_in_proportions(x_before, n_before, x_after, n_after, method="wald")
    assert_allclose(wald.loc[0, "p_value"], 2 * stats.norm.sf((p2 - p1) / se), rtol=1e-10)
    assert_allclose(newcombe.loc[0, "se"], se)
    assert newcombe.loc[0, "scale"] == "identity"


def test_proportions_degenerate_rows_have_a_reason():
    t = difference_in_proportions([0, 0, 0, 10], [20, 0, 10, 10], [0, 3, 0, 10], [10, 8, 10, 10])
    # after 0/10 vs before 0/20: Newcombe 1998 Table II case (e), (-0.1611, 0.2775).
    assert t.loc[0, "estimate"] == 0
    assert_allclose(t.loc[0, ["ci_low", "ci_high"]], [-0.1611, 0.2775], atol=6e-5)
    assert t.loc[0, "p_value"] == 1 and t.loc[0, "reason"] == "same_proportion"
    assert np.isnan(t.loc[1, "estimate"]) and t.loc[1, "reason"] == "no_observations"
    assert (t.loc[2:3, "p_value"] == 1).all()
    wald = difference_in_proportions(0, 10, 10, 10, method="wald")
    assert np.isnan(wald.loc[0, "ci_low"]) and wald.loc[0, "reason"] == "wald_se_zero"
    assert wald.loc[0, "estimate"] == 1


# --- risk ratio -----------------------------------------------------------------------


def test_risk_ratio_matches_statsmodels_table2x2():
    # Independent implementation of the Katz log interval:
    # statsmodels Table2x2([[a, b], [c, d]]).riskratio = (a/(a+b)) / (c/(c+d)).
    cases = [(20, 100, 30, 100), (12, 57, 4, 61), (30, 45, 44, 50)]
    t = risk_ratio(*(np.array(c) for c in zip(*cases, strict=True)))
    for i, (x1, n1, x2, n2) in enumerate(cases):
        ref = Table2x2(np.array([[x2, n2 - x2], [x1, n1 - x1]]))
        assert_allclose(t.loc[i, "estimate"], ref.riskratio)
        assert_allclose(t.loc[i, ["ci_low", "ci_high"]], ref.riskratio_confint(), rtol=1e-10)
        assert_allclose(t.loc[i, "p_value"], ref.riskratio_pvalue(), rtol=1e-10)
        assert_allclose(t.loc[i, "se"], ref.log_riskratio_se)
    assert (t["scale"] == "log").all()


def test_risk_ratio_zero_cells():
    t = risk_ratio([0, 0, 5], [10, 10, 10], [0, 4, 0], [10, 10, 10])
    assert np.isnan(t.loc[0, "estimate"]) and t.loc[0, "reason"] == "no_events_either"
    assert np.isinf(t.loc[1, "estimate"]) and np.isnan(t.loc[1, "ci_low"])
    assert t.loc[2, "estimate"] == 0 and t.loc[2, "reason"] == "no_events_after"
    # Haldane-Anscombe: 0.5 added to each cell -> (4.5/11) / (0.5/11) = 9, by hand.
    c = risk_ratio(0, 10, 4, 10, zero_cell_correction=0.5)
    assert_allclose(c.loc[0, "estimate"], 9.0)
    assert_allclose(c.loc[0, "se"], math.sqrt(1 / 0.5 - 1 / 11 + 1 / 4.5 - 1 / 11))
    assert "0.5 added" in c.loc[0, "method"]


# --- rates ----------------------------------------------------------------------------


def test_rate_ratio_exact_matches_r_poisson_test():
    # R 4.3: poisson.test(c(11, 21), c(800, 3011)) (the eba1977 example of ?poisson.test):
    # p-value = 0.07967, 95% CI 0.8584264 4.2772659, rate ratio 1.971488 (printed output
    # reproduced in a public validation note of an R port, "Exact Poisson Test" docs).
    t = rate_ratio(21, 3011, 11, 800)
    assert_allclose(t.loc[0, "estimate"], 1.971488, atol=5e-7)
    assert_allclose(t.loc[0, ["ci_low", "ci_high"]], [0.8584264, 4.2772659], atol=5e-8)
    assert_allclose(t.loc[0, "p_value"], 0.07967, atol=5e-6)


def test_rate_ratio_exact_interval_from_clopper_pearson_beta_quantiles():
    # First principles: Clopper-Pearson limits of pi = e_after / total are beta quantiles,
    # and the ratio is pi / (1 - pi) * T_before / T_after.
    e1, t1 = np.array([7, 40, 3]), np.array([120.0, 900, 50])
    e2, t2 = np.array([15, 25, 9]), np.array([100.0, 1000, 80])
    n = e1 + e2
    lo = stats.beta.ppf(0.025, e2, n - e2 + 1)
    hi = stats.beta.ppf(0.975, e2 + 1, n - e2)
    t = rate_ratio(e1, t1, e2, t2)
    assert_allclose(t["ci_low"], lo / (1 - lo) * t1 / t2, rtol=1e-10)
    assert_allclose(t["ci_high"], hi / (1 - hi) * t1 / t2, rtol=1e-10)
    assert_allclose(t["se"], np.sqrt(1 / e1 + 1 / e2))


def test_rate_ratio_exact_p_value_matches_scipy_binomtest():
    # scipy.stats.binomtest implements R's binom.test two-sided rule (independent code);
    # 300 random conditional tests, vectorised in one call.
    rng = np.random.default_rng(20240501)
    e1 = rng.integers(0, 60, 300)
    e2 = rng.integers(0, 60, 300)
    t1 = rng.uniform(10, 200, 300)
    t2 = rng.uniform(10, 200, 300)
    keep = (e1 + e2) > 0
    e1, e2, t1, t2 = e1[keep], e2[keep], t1[keep], t2[keep]
    t = rate_ratio(e1, t1, e2, t2)
    ref = [stats.binomtest(int(b), int(a + b), p=tb / (ta + tb)).pvalue
           for a, b, ta, tb in zip(e1, e2, t1, t2, strict=True)]  # fmt: skip
    assert_allclose(t["p_value"], ref, rtol=1e-9, atol=1e-12)
    # Cases where the observed count is exactly the expected one: p = 1 (R rule).
    assert_allclose(rate_ratio(10, 50.0, 10, 50.0).loc[0, "p_value"], 1.0)


def test_rate_ratio_wald_and_zero_counts():
    # log-Wald by hand: exp(log(RR) +/- z sqrt(1/e1 + 1/e2)).
    t = rate_ratio(21, 3011, 11, 800, method="wald")
    rr, se = (11 / 800) / (21 / 3011), math.sqrt(1 / 21 + 1 / 11)
    assert_allclose(t.loc[0, ["ci_low", "ci_high"]], [rr * math.exp(-Z95 * se),
                                                      rr * math.exp(Z95 * se)])  # fmt: skip
    assert_allclose(t.loc[0, "p_value"], 2 * stats.norm.sf(math.log(rr) / se))
    z = rate_ratio([0, 0, 4], [10.0, 10, 10], [0, 4, 0], [10.0, 10, 0])
    assert np.isnan(z.loc[0, "estimate"]) and z.loc[0, "reason"] == "no_events_either"
    # 0 before, 4 after (equal exposures): exact lower limit pi_L/(1 - pi_L) with
    # pi_L = 0.025^(1/4) (Clopper-Pearson with x = n = 4), upper limit infinite.
    lo = 0.025**0.25
    assert_allclose(z.loc[1, "ci_low"], lo / (1 - lo))
    assert np.isinf(z.loc[1, "ci_high"]) and z.loc[1, "reason"] == "no_events_before"
    assert np.isnan(z.loc[2, "estimate"]) and z.loc[2, "reason"] == "no_exposure"


def test_rate_difference_by_hand():
    # Wald: (15 - 30)/10,000 per 1,000 = -1.5; se = sqrt(30 + 15)/10,000 * 1,000.
    t = rate_difference(30, 10_000, 15, 10_000, multiplier=1000)
    se = math.sqrt(45) / 10
    assert_allclose(t.loc[0, ["estimate", "se"]], [-1.5, se])
    assert_allclose(t.loc[0, ["ci_low", "ci_high"]], [-1.5 - Z95 * se, -1.5 + Z95 * se])
    assert "per 1,000" in t.loc[0, "method"]
    zero = rate_difference(0, 100.0, 0, 100.0)
    assert zero.loc[0, "estimate"] == 0 and np.isnan(zero.loc[0, "ci_low"])
    assert zero.loc[0, "reason"]


# --- means ----------------------------------------------------------------------------


def test_welch_matches_r_t_test_on_sleep():
    # R: t.test(extra ~ group, data = sleep) -> t = -1.8608, df = 17.776,
    # p-value = 0.07939, 95% CI -3.3654832 0.2054832 (group 1 - group 2).
    t = mean_difference(SLEEP2, SLEEP1)  # after = group 1, before = group 2
    assert_allclose(t.loc[0, "estimate"], -1.58)
    assert_allclose(t.loc[0, ["ci_low", "ci_high"]], [-3.3654832, 0.2054832], atol=5e-8)
    assert_allclose(t.loc[0, "p_value"], 0.07939, atol=5e-6)
    assert_allclose(t.loc[0, "estimate"] / t.loc[0, "se"], -1.8608, atol=5e-5)


def test_welch_summary_is_vectorised_and_matches_scipy():
    # scipy.stats.ttest_ind_from_stats(equal_var=False): independent Welch implementation.
    rng = np.random.default_rng(7)
    m1, m2 = rng.normal(size=50), rng.normal(size=50)
    s1, s2 = rng.uniform(0.5, 2, 50), rng.uniform(0.5, 2, 50)
    n1, n2 = rng.integers(2, 40, 50), rng.integers(2, 40, 50)
    t = mean_difference_from_summary(m1, s1, n1, m2, s2, n2)
    ref = stats.ttest_ind_from_stats(m2, s2, n2, m1, s1, n1, equal_var=False)
    assert_allclose(t["p_value"], ref.pvalue, rtol=1e-10)
    assert_allclose(t["estimate"] / t["se"], ref.statistic, rtol=1e-10)


def test_mean_difference_degenerate():
    t = mean_difference_from_summary([1, 1, np.nan], [1, 0, 1], [1, 5, 5], [2, 3, 2],
                                     [1, 0, 1], [5, 5, 5])  # fmt: skip
    assert np.isnan(t.loc[0, "estimate"]) and t.loc[0, "reason"] == "too_few_values"
    assert t.loc[1, "estimate"] == 2 and np.isnan(t.loc[1, "ci_low"])
    assert t.loc[1, "reason"] == "no_variation"
    assert t.loc[2, "reason"] == "missing_value"
    assert mean_difference([], [1.0, 2.0]).loc[0, "reason"] == "too_few_values"


# --- paired ---------------------------------------------------------------------------


def test_paired_t_matches_r_on_sleep():
    # R: t.test(sleep$extra[11:20], sleep$extra[1:10], paired = TRUE): mean difference
    # 1.58, t = 4.0621, df = 9, p-value = 0.002833, 95% CI 0.7001142 2.4598858.
    t = paired_difference(SLEEP1, SLEEP2)
    row = t.loc[0]
    assert row["measure"] == "mean change" and row["n"] == 10
    assert_allclose(row["estimate"], 1.58)
    assert_allclose([row["ci_low"], row["ci_high"]], [0.7001142, 2.4598858], atol=5e-8)
    assert_allclose(row["p_value"], 0.002833, atol=5e-7)
    assert_allclose(row["estimate"] / row["se"], 4.0621, atol=5e-5)
    # R: wilcox.test(extra ~ group, data = sleep, paired = TRUE) -> "Wilcoxon signed rank
    # test with continuity correction", V = 0, p-value = 0.009091 (a zero and ties).
    hl = t.loc[1]
    assert_allclose(hl["p_value"], 0.009091, atol=5e-7)
    assert "normal approximation" in hl["method"]


def _brute_force_signed_rank(d):
    """Exact two-sided signed-rank p-value and HL interval by enumerating all 2^n signs."""
    n = len(d)
    ranks = stats.rankdata(np.abs(d))
    v_obs = ranks[d > 0].sum()
    null = np.array([sum(r for r, s in zip(ranks, signs, strict=True) if s)
                     for signs in itertools.product([0, 1], repeat=n)])  # fmt: skip
    p_two = min(1.0, 2 * min((null <= v_obs).mean(), (null >= v_obs).mean()))
    walsh = sorted((d[i] + d[j]) / 2 for i in range(n) for j in range(i, n))
    # As R's wilcox.test (Hollander & Wolfe order statistics): qu = the smallest q with
    # P(V <= q) >= alpha/2; interval (W[qu], W[M + 1 - qu]), 1-based.
    qu = min(q for q in range(len(walsh) + 1) if (null <= q).mean() >= 0.025)
    return p_two, float(np.median(walsh)), walsh[qu - 1], walsh[len(walsh) - qu]


def test_wilcoxon_and_hodges_lehmann_on_hollander_wolfe_depression_data():
    # R ?wilcox.test example: wilcox.test(x, y, paired = TRUE) -> V = 40, p-value = 0.03906
    # (two-sided exact; printed in Apache Commons Math's WilcoxonSignedRankTest tests).
    t = paired_difference(HW_Y, HW_X)  # change = x - y
    hl = t.loc[1]
    assert hl["measure"] == "Hodges-Lehmann median change"
    assert_allclose(hl["p_value"], 0.03906, atol=5e-6)
    assert "exact" in hl["method"]
    # First principles: all 2^9 sign patterns and the 45 Walsh averages, by brute force.
    p_two, est, low, high = _brute_force_signed_rank(np.subtract(HW_X, HW_Y))
    assert_allclose(hl["p_value"], p_two)  # = 20/512
    assert_allclose([hl["estimate"], hl["ci_low"], hl["ci_high"]], [est, low, high])
    # Those brute-force values are 0.46 and (0.010, 0.786) to 3 decimals.
    assert_allclose([est, low, high], [0.46, 0.010, 0.786], atol=5e-4)


def test_hodges_lehmann_exact_interval_on_random_untied_data():
    rng = np.random.default_rng(3)
    d = np.round(rng.normal(0.4, 1, 11), 6)
    t = paired_difference(np.zeros(11), d)
    _, est, low, high = _brute_force_signed_rank(d)  # first principles, 2^11 patterns
    assert_allclose(t.loc[1, ["estimate", "ci_low", "ci_high"]], [est, low, high])


def test_paired_missing_pairs_and_small_samples():
    t = paired_difference([1.0, 2.0, np.nan, 4.0, 3.0], [1.5, 2.7, 3.0, np.nan, 4.2])
    assert (t["n"] == 3).all()
    assert t["reason"].map(lambda r: "pairs_dropped" in r.split(";")).all()
    one = paired_difference([1.0], [2.0])
    assert one["estimate"].isna().all() and (one["reason"] == "too_few_pairs").all()
    flat = paired_difference([1.0, 2, 3, 4], [1.0, 2, 3, 4])
    assert flat.loc[0, "estimate"] == 0 and np.isnan(flat.loc[0, "ci_low"])
    assert "changes_zero" in flat.loc[1, "reason"].split(";")
    # 4 untied pairs: the widest exact interval covers 1 - 2/2^4 = 87.5% (< 95%): said.
    few = paired_difference([0.0, 0, 0, 0], [1.0, 2.5, 3.1, 4.7])
    assert few.loc[1, "reason"] == "widest_interval" and few.loc[1, "coverage"] == 0.875


# --- standardised mean differences ------------------------------------------------------


def test_cohens_d_interval_matches_mbess_ci_smd():
    # MBESS::ci.smd(smd = 0.3062566, n.1 = 50, n.2 = 26) -> Lower -0.1712149,
    # Upper 0.7816834; with conf.level = .5 -> 0.1412595, 0.4691839 (A. Solomon Kurz,
    # "Example power analysis report", 2021-07-02). SD 1 in both groups makes d = 0.3062566.
    t = standardised_mean_difference_from_summary(
        [0, 0], 1, 26, [0.3062566, 0.3062566], 1, 50, kind="cohens_d"
    )
    assert_allclose(t.loc[0, ["ci_low", "ci_high"]], [-0.1712149, 0.7816834], atol=5e-7)
    half = standardised_mean_difference_from_summary(0, 1, 26, 0.3062566, 1, 50,
                                                     kind="cohens_d", conf_level=0.5)  # fmt: skip
    assert_allclose(half.loc[0, ["ci_low", "ci_high"]], [0.1412595, 0.4691839], atol=5e-7)


def test_hedges_exact_correction_for_df_18():
    # J(18) = Γ(9) / (3 Γ(8.5)), with Γ(9) = 8! and Γ(8.5) = (15!!/2^8) sqrt(pi).
    gamma_85 = math.prod(range(1, 16, 2)) / 2**8 * math.sqrt(math.pi)
    j = math.factorial(8) / (3 * gamma_85)
    assert_allclose(j, 0.95765, atol=5e-6)  # 40320 / (3 × 14034.4073)
    assert abs(j - (1 - 3 / (4 * 18 - 1))) > 1e-4  # the approximation differs
    d = standardised_mean_difference(SLEEP1, SLEEP2, kind="cohens_d")
    g = standardised_mean_difference(SLEEP1, SLEEP2, kind="hedges_g")
    assert_allclose(g.loc[0, "estimate"] / d.loc[0, "estimate"], j, rtol=1e-12)
    assert_allclose(
        g.loc[0, ["ci_low", "ci_high"]], j * d.loc[0, ["ci_low", "ci_high"]].to_numpy(dtype=float)
    )
    # Cohen's d by hand: 1.58 / pooled SD; p-value = Student pooled t test (scipy).
    sp = math.sqrt((np.var(SLEEP1, ddof=1) + np.var(SLEEP2, ddof=1)) / 2)
    assert_allclose(d.loc[0, "estimate"], 1.58 / sp)
    assert_allclose(d.loc[0, "p_value"], stats.ttest_ind(SLEEP2, SLEEP1).pvalue)


def _ncp_interval_brentq(t, df, conf=0.95):
    """Independent inversion of the noncentral t with scipy.optimize.brentq."""
    a = (1 - conf) / 2
    low = optimize.brentq(lambda lam: stats.nct.cdf(t, df, lam) - (1 - a), t - 5, t + 5)
    high = optimize.brentq(lambda lam: stats.nct.cdf(t, df, lam) - a, t - 5, t + 5)
    return low, high


def test_d_z_matches_paired_t_and_brentq_inversion():
    # d_z = t / sqrt(n) with R's paired t = 4.0621 (t.test(..., paired = TRUE), sleep).
    t = standardised_mean_difference(SLEEP1, SLEEP2, kind="d_z")
    assert_allclose(t.loc[0, "estimate"], 4.0621 / math.sqrt(10), atol=2e-5)
    assert t.loc[0, "n"] == 10
    tstat = t.loc[0, "estimate"] * math.sqrt(10)
    low, high = _ncp_interval_brentq(tstat, 9)
    assert_allclose(t.loc[0, ["ci_low", "ci_high"]], [low / math.sqrt(10), high / math.sqrt(10)],
                    atol=1e-8)  # fmt: skip


def test_smd_summary_vectorised_against_brentq():
    rng = np.random.default_rng(11)
    n1, n2 = rng.integers(3, 60, 8), rng.integers(3, 60, 8)
    m2 = rng.normal(0, 1.5, 8)
    t = standardised_mean_difference_from_summary(0.0, 1.0, n1, m2, 1.0, n2, kind="cohens_d")
    for i in range(8):
        f = math.sqrt(n1[i] * n2[i] / (n1[i] + n2[i]))
        low, high = _ncp_interval_brentq(m2[i] * f, n1[i] + n2[i] - 2)
        assert_allclose(t.loc[i, ["ci_low", "ci_high"]], [low / f, high / f], atol=1e-8)


def test_smd_degenerate():
    t = standardised_mean_difference_from_summary([0, 0], [0, 1], [5, 1], [1, 1], [0, 1], [5, 5])
    assert t["estimate"].isna().all()
    assert t["reason"].tolist()[:2] == ["not_standardisable", "too_few_values"]
    z = standardised_mean_difference([1.0, 2, 3], [2.0, 3, 4], kind="d_z")
    assert np.isnan(z.loc[0, "estimate"]) and z.loc[0, "reason"] == "not_standardisable"


# --- vectorisation --------------------------------------------------------------------


def test_vectorised_rows_equal_scalar_calls():
    x1, n1, x2, n2 = [3, 10, 0], [20, 40, 15], [7, 12, 2], [25, 35, 15]
    for method in ("newcombe", "miettinen-nurminen", "wald"):
        many = difference_in_proportions(x1, n1, x2, n2, method=method)
        for i in range(3):
            one = difference_in_proportions(x1[i], n1[i], x2[i], n2[i], method=method)
            assert_allclose(many.loc[i, ["estimate", "ci_low", "ci_high", "p_value"]],
                            one.loc[0, ["estimate", "ci_low", "ci_high", "p_value"]])  # fmt: skip


# --- coverage simulations (vectorised: 2 s in all, so they run by default) --------------


def _covered(table, truth) -> float:
    return float(((table["ci_low"] <= truth) & (truth <= table["ci_high"])).mean())


def test_newcombe_and_mn_coverage():
    rng = np.random.default_rng(1)
    reps, n1, n2, p1, p2 = 2000, 60, 80, 0.3, 0.42
    x1, x2 = rng.binomial(n1, p1, reps), rng.binomial(n2, p2, reps)
    for method in ("newcombe", "miettinen-nurminen"):
        t = difference_in_proportions(x1, n1, x2, n2, method=method)  # one vectorised call
        assert len(t) == reps
        assert 0.92 <= _covered(t, p2 - p1) <= 0.98


def test_exact_rate_ratio_coverage():
    rng = np.random.default_rng(2)
    reps, t1, t2, r1, r2 = 2000, 1200.0, 1000.0, 0.02, 0.015
    e1, e2 = rng.poisson(r1 * t1, reps), rng.poisson(r2 * t2, reps)
    t = rate_ratio(e1, t1, e2, t2)
    assert 0.92 <= _covered(t, r2 / r1) <= 0.98


def test_welch_coverage_unequal_variances():
    rng = np.random.default_rng(3)
    reps, n1, n2 = 2000, 12, 30
    a = rng.normal(10, 1, (reps, n1))
    b = rng.normal(11, 3, (reps, n2))
    t = mean_difference_from_summary(a.mean(1), a.std(1, ddof=1), n1,
                                     b.mean(1), b.std(1, ddof=1), n2)  # fmt: skip
    assert 0.92 <= _covered(t, 1.0) <= 0.98


def test_hedges_g_coverage_and_bias():
    rng = np.random.default_rng(4)
    reps, n1, n2, delta = 1000, 8, 10, 0.8
    a = rng.normal(0, 1, (reps, n1))
    b = rng.normal(delta, 1, (reps, n2))
    args = (a.mean(1), a.std(1, ddof=1), n1, b.mean(1), b.std(1, ddof=1), n2)
    d = standardised_mean_difference_from_summary(*args, kind="cohens_d")
    g = standardised_mean_difference_from_summary(*args, kind="hedges_g")
    assert 0.92 <= _covered(d, delta) <= 0.98
    # g is unbiased (Hedges 1981); d overestimates by 1/J - 1 ≈ 4.6% at df = 16.
    assert abs(g["estimate"].mean() - delta) < 0.04
    assert d["estimate"].mean() - delta > 0.01
