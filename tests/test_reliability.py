"""Cronbach's alpha (Feldt interval), item–rest correlations, floor and ceiling shares."""

from __future__ import annotations

import statistics

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from impact.stats.reliability import cronbach_alpha, floor_ceiling, item_rest_correlations

# pingouin's bundled dataset "cronbach_alpha" (raphaelvallat/pingouin,
# pingouin/datasets/cronbach_alpha.csv; the real-statistics.com Cronbach's alpha example):
# 15 subjects (rows) × 10 questions Q1…Q10 (columns).
PINGOUIN_SCORES = np.array([
    [3, 2, 4, 1, 4, 5, 1, 4, 3, 2],
    [5, 4, 6, 3, 5, 1, 2, 5, 5, 5],
    [7, 3, 5, 5, 6, 4, 3, 3, 6, 5],
    [2, 4, 3, 3, 2, 2, 2, 6, 6, 3],
    [6, 5, 6, 5, 4, 4, 4, 6, 7, 5],
    [1, 2, 3, 4, 2, 5, 2, 3, 5, 2],
    [4, 3, 5, 3, 5, 2, 1, 2, 4, 3],
    [2, 4, 4, 3, 7, 2, 2, 4, 6, 5],
    [6, 5, 5, 5, 1, 6, 5, 2, 3, 2],
    [5, 4, 6, 4, 3, 5, 3, 1, 7, 2],
    [4, 3, 5, 2, 5, 3, 2, 3, 4, 1],
    [4, 2, 3, 2, 5, 3, 4, 2, 3, 4],
    [5, 5, 6, 2, 3, 3, 2, 4, 4, 5],
    [6, 5, 5, 4, 2, 2, 1, 4, 6, 5],
    [4, 3, 5, 5, 3, 1, 3, 2, 3, 4],
])  # fmt: skip


def test_alpha_matches_pingouin_documented_example():
    res = cronbach_alpha(PINGOUIN_SCORES)
    # pingouin docs, pg.cronbach_alpha(data=pg.read_dataset('cronbach_alpha'), items='Items',
    # scores='Scores', subject='Subj') -> (0.591719, array([0.195, 0.84 ])); pingouin's test
    # says the values were checked against R psych::alpha.
    assert_allclose(res.loc[0, "estimate"], 0.591719, atol=5e-7)
    assert_allclose(res.loc[0, ["ci_low", "ci_high"]].astype(float), [0.195, 0.840], atol=5e-4)
    assert res.loc[0, "n"] == 15 and res.loc[0, "k"] == 10 and res.loc[0, "reason"] == ""


def test_alpha_is_the_textbook_variance_formula():
    # alpha = k/(k − 1)·(1 − Σ item variances / variance of the total), by hand with the
    # standard library (Cronbach 1951, eq. 2).
    x = [[3, 2, 4], [5, 4, 6], [7, 3, 5], [2, 4, 3], [6, 5, 6]]
    k = 3
    item_vars = sum(statistics.variance(col) for col in zip(*x, strict=True))
    total_var = statistics.variance([sum(row) for row in x])
    expected = k / (k - 1) * (1 - item_vars / total_var)
    assert_allclose(cronbach_alpha(x).loc[0, "estimate"], expected, rtol=1e-12)
    assert_allclose(expected, 201 / 280, rtol=1e-12)  # 1.5·(1 − 7.3/14), worked by hand


def test_feldt_interval_from_first_principles():
    # Feldt (1965): (1 − alpha_hat)/(1 − alpha) ~ F(n − 1, (n − 1)(k − 1)), so the 90%
    # limits are 1 − (1 − alpha_hat)·F_{0.95} and 1 − (1 − alpha_hat)·F_{0.05}.
    rng = np.random.default_rng(7)
    x = rng.normal(size=(40, 1)) + rng.normal(size=(40, 5))
    res = cronbach_alpha(x, conf_level=0.90)
    a = res.loc[0, "estimate"]
    n, k = 40, 5
    f_hi = stats.f.ppf(0.95, n - 1, (n - 1) * (k - 1))
    f_lo = stats.f.ppf(0.05, n - 1, (n - 1) * (k - 1))
    assert_allclose(res.loc[0, "ci_low"], 1 - (1 - a) * f_hi, rtol=1e-12)
    assert_allclose(res.loc[0, "ci_high"], 1 - (1 - a) * f_lo, rtol=1e-12)
    assert res.loc[0, "ci_low"] < a < res.loc[0, "ci_high"]


def test_feldt_interval_covers_the_true_alpha_in_simulation():
    # Parallel items: true alpha = k·ρ/(1 + (k − 1)ρ) with ρ = 1/(1 + σ²); Feldt's interval
    # is exact under normality (Feldt 1965), so coverage ≈ 95%.
    rng = np.random.default_rng(11)
    k, n, sigma2 = 4, 30, 2.0
    rho = 1 / (1 + sigma2)
    true_alpha = k * rho / (1 + (k - 1) * rho)
    hits = 0
    reps = 400
    for _ in range(reps):
        x = rng.normal(size=(n, 1)) + rng.normal(scale=np.sqrt(sigma2), size=(n, k))
        r = cronbach_alpha(x)
        hits += r.loc[0, "ci_low"] <= true_alpha <= r.loc[0, "ci_high"]
    # binomial SE of the coverage at 400 replicates ≈ 0.011
    assert abs(hits / reps - 0.95) < 0.035


def test_listwise_deletion_and_degenerate_inputs_give_reasons():
    x = pd.DataFrame(PINGOUIN_SCORES[:, :4], columns=["a", "b", "c", "d"]).astype(float)
    with_missing = x.copy()
    with_missing.iloc[2, 1] = np.nan
    res = cronbach_alpha(with_missing)
    assert res.loc[0, "n"] == 14 and res.loc[0, "n_dropped"] == 1
    assert_allclose(res.loc[0, "estimate"], cronbach_alpha(x.drop(index=2)).loc[0, "estimate"])
    one = cronbach_alpha(x[["a"]])
    assert np.isnan(one.loc[0, "estimate"]) and one.loc[0, "reason"] == "alpha_few_items"
    flat = cronbach_alpha(np.ones((5, 3)))
    assert np.isnan(flat.loc[0, "estimate"]) and flat.loc[0, "reason"] == "alpha_no_variance"
    tiny = cronbach_alpha(x.head(1))
    assert tiny.loc[0, "reason"] == "alpha_few_respondents"
    with pytest.raises(ValueError, match="2-D"):
        cronbach_alpha([1, 2, 3])


def test_item_rest_correlations_and_alpha_if_deleted_by_hand():
    x = PINGOUIN_SCORES.astype(float)
    table = item_rest_correlations(pd.DataFrame(x, columns=[f"Q{i}" for i in range(1, 11)]))
    assert table["item"].tolist()[:2] == ["Q1", "Q2"]
    for j in range(10):
        rest = x.sum(axis=1) - x[:, j]
        assert_allclose(table.loc[j, "r_item_rest"], np.corrcoef(x[:, j], rest)[0, 1])
        others = np.delete(x, j, axis=1)
        assert_allclose(table.loc[j, "alpha_if_deleted"],
                        cronbach_alpha(others).loc[0, "estimate"])  # fmt: skip
    two = item_rest_correlations(x[:, :2])
    assert two["alpha_if_deleted"].isna().all()  # one item left: no alpha


def test_floor_and_ceiling_shares():
    x = pd.DataFrame({"A": [0, 0, 2, 4, np.nan], "B": [4, 3, 4, 4, 1]})
    out = floor_ceiling(x, low=0, high=4)
    assert out["n"].tolist() == [4, 5]
    assert_allclose(out["floor_share"], [0.5, 0.0])
    assert_allclose(out["ceiling_share"], [0.25, 0.6])
    per_item = floor_ceiling(x, low=[0, 1], high=[4, 3])
    assert_allclose(per_item["floor_share"], [0.5, 0.2])
