"""Funnel-plot limits and overdispersion (issue 17) against the formulas of Spiegelhalter
(2005, Stat Med 24:1185–1202) worked by hand, and by simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from impact.stats.funnel import binomial_limits, normal_limits, overdispersion


def test_binomial_limits_by_hand():
    """θ0 = 0.5, n = 100, 95 %: F(39) = 0.017600, F(40) = 0.028444 (Binomial(100, 0.5),
    scipy); r = 40, α = (0.028444 − 0.025)/(0.028444 − 0.017600) = 0.31762, lower limit
    (40 − 0.31762)/100; upper: F(60) = 1 − F(39), F(59) = 1 − F(40), r = 60,
    α = (F(60) − 0.975)/(F(60) − F(59)), limit (60 − α)/100 — the mass of r spread over
    (r − 1, r], so the two limits are not symmetric about θ0 by half a unit."""
    f39, f40 = 0.0176001001088, 0.0284439668204
    assert stats.binom.cdf(39, 100, 0.5) == pytest.approx(f39, rel=1e-9)
    alpha = (f40 - 0.025) / (f40 - f39)
    low, high = binomial_limits(0.5, [100])
    assert low[0] == pytest.approx((40 - alpha) / 100, abs=1e-12)
    f60, f59 = 1 - f39, 1 - f40
    assert high[0] == pytest.approx((60 - (f60 - 0.975) / (f60 - f59)) / 100, abs=1e-12)


def test_binomial_limits_approach_the_normal_ones_and_narrow_with_n():
    n = np.array([50, 200, 1000, 20000])
    low, high = binomial_limits(0.2, n, 0.998)
    assert np.all(np.diff(high - low) < 0)
    nlow, nhigh = normal_limits(0.2, np.sqrt(0.2 * 0.8 / n), 0.998)
    assert abs(low[-1] - nlow[-1]) < 2e-4 and abs(high[-1] - nhigh[-1]) < 2e-4


def test_normal_limits_closed_form():
    low, high = normal_limits(70.0, [2.0, 4.0], 0.95, tau2=9.0)
    z = stats.norm.ppf(0.975)
    assert low == pytest.approx([70 - z * math.sqrt(4 + 9), 70 - z * math.sqrt(16 + 9)])
    assert high == pytest.approx([70 + z * math.sqrt(4 + 9), 70 + z * math.sqrt(16 + 9)])
    low, high = normal_limits(70.0, [2.0], 0.998, phi=2.0)
    assert high[0] - 70 == pytest.approx(stats.norm.ppf(0.999) * math.sqrt(2) * 2.0)


def test_overdispersion_by_hand():
    """z = −4, −2, 0, 2, 4; their 10th and 90th percentiles (linear) are ∓3.2, so the
    winsorised squares sum to 2·3.2² + 2·2² = 28.48 and φ = 5.696; w = 100 each, so
    τ² = (5·5.696 − 4)/(500 − 50000/500) = 24.48/400."""
    o = overdispersion([0.1, 0.3, 0.5, 0.7, 0.9], [0.1] * 5, 0.5)
    assert o.phi == pytest.approx(5.696)
    assert o.tau2 == pytest.approx(24.48 / 400)
    assert o.n_units == 5


def test_no_overdispersion_gives_no_tau2():
    o = overdispersion([0.5, 0.51, 0.49, 0.5], [0.1] * 4, 0.5)
    assert o.phi < 1 and o.tau2 == 0.0


def test_units_within_the_95_limits_by_simulation():
    """Units drawn at the target fall inside the 95 % exact limits about 95 % of the time
    (discreteness and interpolation keep it within a point or two)."""
    rng = np.random.default_rng(5)
    n = rng.integers(30, 400, 20000)
    y = rng.binomial(n, 0.3) / n
    low, high = binomial_limits(0.3, n)
    inside = np.mean((y >= low) & (y <= high))
    assert 0.93 <= inside <= 0.97


def test_overdispersed_units_are_detected_and_the_limits_widen():
    """Units with a true between-unit SD of 0.05 around 0.3 (400 units, n 100–600): φ is
    well above 1 and τ² positive but below the truth 0.0025 — winsorising at the 10th and
    90th percentiles shrinks φ when there are no outliers (for normal scores,
    E[z_w²] ≈ 0.68 σ²: 0.8 − 2·1.2816·φ(1.2816) + 0.2·1.2816²), the robustness the paper
    chose; the plain limits then hold far fewer units than 95 %, the widened ones about
    90 %."""
    rng = np.random.default_rng(11)
    n = rng.integers(100, 600, 400)
    truth = np.clip(rng.normal(0.3, 0.05, n.size), 0.01, 0.99)
    y = rng.binomial(n, truth) / n
    se = np.sqrt(0.3 * 0.7 / n)
    o = overdispersion(y, se, 0.3)
    assert o.phi > 2 and 0.0005 < o.tau2 < 0.05**2

    def held(**kw):
        low, high = normal_limits(0.3, se, 0.95, **kw)
        return np.mean((y >= low) & (y <= high))

    assert held() < 0.75
    assert 0.85 <= held(tau2=o.tau2) <= 0.95 and 0.85 <= held(phi=o.phi) <= 0.95


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: binomial_limits(1.0, [10]), "target must be between 0 and 1"),
        (lambda: binomial_limits(0.5, [0]), "whole sample sizes"),
        (lambda: binomial_limits(0.5, [10], 1.5), "level must be between 0 and 1"),
        (lambda: normal_limits(0.5, [0.0]), "positive finite"),
        (lambda: normal_limits(0.5, [0.1], phi=0.5), "phi must be at least 1"),
        (lambda: overdispersion([0.5], [0.1], 0.5), "at least 2"),
    ],
)
def test_bad_arguments_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()
