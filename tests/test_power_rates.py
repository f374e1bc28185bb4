"""Minimum detectable effects for many comparisons at once (issue 17): the shift in
standard errors against statsmodels' power functions and the normal closed form, the
vectorised arcsine and t versions against the scalar ones (themselves checked against
Cohen's tables in test_power.py), and rate ratios against statsmodels'
``power_poisson_ratio_2indep`` (Zhu 2017), the log-Wald closed form and simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.power import TTestPower, normal_power
from statsmodels.stats.rates import power_poisson_ratio_2indep

from impact.stats.effects import rate_ratio
from impact.stats.power import (
    mde_from_se,
    mde_mean,
    mde_proportion,
    mde_proportions,
    mde_rate_ratios,
    mde_shift,
)


def test_normal_shift_is_the_textbook_value():
    """z₀.₉₇₅ + z₀.₈₀ = 1.95996 + 0.84162 = 2.80158 (the far tail adds < 1e-6 here), and
    statsmodels' ``normal_power`` of that shift (one observation) is 0.80."""
    shift = float(mde_shift()[0])
    assert shift == pytest.approx(stats.norm.isf(0.025) + stats.norm.isf(0.20), abs=1e-5)
    assert normal_power(shift, 1, 0.05, alternative="two-sided") == pytest.approx(0.80, abs=1e-9)


@pytest.mark.parametrize("n", [2, 3, 5, 12, 40, 300])
def test_t_shift_matches_statsmodels_one_sample_t(n):
    """statsmodels TTestPower: d for n observations, noncentrality d·√n with df = n − 1."""
    d = TTestPower().solve_power(effect_size=None, nobs=n, alpha=0.05, power=0.8)
    assert mde_shift(n - 1)[0] == pytest.approx(d * math.sqrt(n), rel=1e-6)


def test_mde_from_se_is_mde_mean_for_many_rows():
    """Equal SDs: se = sd·√(1/n₀ + 1/n₁), df = n₀ + n₁ − 2 is statsmodels' TTestIndPower."""
    n0 = np.array([10, 64, 40, 500])
    n1 = np.array([12, 64, 55, 450])
    sd = np.array([1.0, 10.0, 12.0, 0.5])
    got = mde_from_se(sd * np.sqrt(1 / n0 + 1 / n1), n0 + n1 - 2)
    want = [mde_mean(s, a, b) for s, a, b in zip(sd, n0, n1, strict=True)]
    np.testing.assert_allclose(got, want, rtol=1e-5)
    assert np.isnan(mde_from_se([np.nan, 0.0])).all()


def test_vectorised_proportions_match_the_scalar_function():
    p0 = np.array([0.5, 0.3, 0.85, 0.05, 0.99])
    n0 = np.array([392, 150, 60, 400, 20])
    n1 = np.array([392, 120, 90, 400, 20])
    rise, fall = mde_proportions(p0, n0, n1)
    for i in range(len(p0)):
        r, f = mde_proportion(p0[i], n0[i], n1[i])
        assert rise[i] == pytest.approx(r, abs=1e-5, nan_ok=True)
        assert fall[i] == pytest.approx(f, abs=1e-5)
    assert np.isnan(mde_proportions([0.5], [1], [30])[0]).all()


def test_rate_ratios_have_the_power_asked_by_statsmodels_and_the_closed_form():
    """At the MDE, statsmodels' power of the two-sided log-rate-ratio test (variance at the
    alternative) is 0.80, and |log RR| = shift·√(1/E₀ + 1/E₁) with E₁ = E₀·RR·T₁/T₀."""
    e0 = np.array([100.0, 30.0, 400.0])
    t0 = np.array([1000.0, 2415.0, 5000.0])
    t1 = np.array([1000.0, 2401.0, 8000.0])
    up, down = mde_rate_ratios(e0, t0, t1)
    shift = stats.norm.isf(0.025) + stats.norm.isf(0.20)
    for ratio in (up, down):
        power = power_poisson_ratio_2indep(
            e0 / t0 * ratio, e0 / t0, t1, nobs_ratio=t0 / t1, value=1,
            alternative="two-sided", method_var="alt", return_results=False,
        )  # fmt: skip
        np.testing.assert_allclose(power, 0.80, atol=1e-6)
        e1 = e0 * ratio * t1 / t0
        np.testing.assert_allclose(
            np.abs(np.log(ratio)), shift * np.sqrt(1 / e0 + 1 / e1), rtol=1e-4
        )
    assert np.all(up > 1) and np.all(down < 1)


def test_rate_ratios_without_baseline_events_or_detectable_fall_are_nan():
    """3 events before: even no event after leaves 1/E₀ = 1/3 in the variance, and the
    Wald power of a fall never reaches 0.80 (checked on statsmodels' curve)."""
    up, down = mde_rate_ratios([0.0, 3.0], [10.0, 100.0], [10.0, 100.0])
    assert np.isnan(up[0]) and np.isnan(down[0])
    assert up[1] > 1 and np.isnan(down[1])
    ratios = np.exp(-np.linspace(0.01, 7, 500))
    curve = power_poisson_ratio_2indep(0.03 * ratios, 0.03, 100.0, value=1,
                                       alternative="two-sided", return_results=False)  # fmt: skip
    assert curve.max() < 0.80


def test_exact_rate_ratio_test_detects_the_mde_at_about_the_stated_power():
    """Simulation (4,000 Poisson draws, Monte-Carlo SE 0.6 point): the exact conditional
    test of the before/after table detects the MDE rise from 200 events at 80 % ± 3."""
    rng = np.random.default_rng(17)
    e0, t0, t1 = 200.0, 10_000.0, 9_000.0
    up, _ = mde_rate_ratios([e0], [t0], [t1])
    draws = 4000
    before = rng.poisson(e0, draws)
    after = rng.poisson(e0 / t0 * up[0] * t1, draws)
    table = rate_ratio(before, np.full(draws, t0), after, np.full(draws, t1))
    assert abs((table["ci_low"] > 1).mean() - 0.80) <= 0.03


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="df must be positive"):
        mde_shift([-1.0])
    with pytest.raises(ValueError, match="power must be between alpha and 1"):
        mde_rate_ratios([10], [10], [10], power=1.5)
