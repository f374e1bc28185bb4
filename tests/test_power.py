"""Minimum detectable effects (issue 17): checked against Cohen's published sample sizes,
power computed by hand from first principles (normal and noncentral t), and the detection
rate of the project's own before/after interval by simulation."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep

from impact.stats.power import mde_mean, mde_paired_mean, mde_pooled, mde_proportion

Z = stats.norm.isf(0.025)


def _normal_power(shift: float) -> float:
    """Two-sided power at level 0.05 of a normal test whose statistic is shifted by ``shift``."""
    return stats.norm.sf(Z - shift) + stats.norm.cdf(-Z - shift)


def test_proportion_mde_matches_cohens_table():
    """Cohen (1988), Table 6.4.1: h = 0.20 needs n = 392 per group (two-sided 0.05, power
    0.80); the rise from 0.5 is then sin²(π/4 + 0.1) − 0.5."""
    rise, fall = mde_proportion(0.5, 392, 392)
    assert rise == pytest.approx(math.sin(math.pi / 4 + 0.1) ** 2 - 0.5, abs=5e-4)
    assert fall == pytest.approx(-rise, abs=1e-9)  # symmetric at 0.5


@pytest.mark.parametrize(("p0", "n0", "n1"), [(0.3, 150, 120), (0.85, 60, 90), (0.05, 400, 400)])
def test_proportion_mde_has_the_power_asked(p0, n0, n1):
    rise, fall = mde_proportion(p0, n0, n1)
    scale = math.sqrt(n0 * n1 / (n0 + n1))
    for change in (rise, fall):
        h = 2 * math.asin(math.sqrt(p0 + change)) - 2 * math.asin(math.sqrt(p0))
        assert _normal_power(abs(h) * scale) == pytest.approx(0.80, abs=1e-4)
    assert rise > 0 > fall


def test_no_rise_beyond_one():
    rise, fall = mde_proportion(0.99, 20, 20)
    assert math.isnan(rise) and fall < 0


def test_newcombe_interval_detects_the_mde_at_the_stated_power():
    """Simulation: at the MDE, the Newcombe interval the before/after table uses excludes
    no change in 80 % ± 3 points of 2,000 draws (Monte-Carlo SE 0.9 point)."""
    rng = np.random.default_rng(17)
    p0, n0, n1 = 0.30, 200, 200
    rise, _ = mde_proportion(p0, n0, n1)
    x0 = rng.binomial(n0, p0, 2000)
    x1 = rng.binomial(n1, p0 + rise, 2000)
    detected = 0
    for a, b in zip(x0, x1, strict=True):
        low, high = confint_proportions_2indep(b, n1, a, n0, method="newcomb", compare="diff")
        detected += low > 0 or high < 0
    assert abs(detected / 2000 - 0.80) <= 0.03


def test_mean_mde_matches_cohens_table_and_the_noncentral_t():
    """Cohen (1988), Table 2.4.1: d = 0.50 needs n = 64 per group; power by hand with the
    noncentral t (df = n0 + n1 − 2, noncentrality d·√(n0·n1/(n0+n1)))."""
    assert mde_mean(10.0, 64, 64) / 10.0 == pytest.approx(0.50, abs=0.005)
    n0, n1, sd = 40, 55, 12.0
    d = mde_mean(sd, n0, n1) / sd
    df, nc = n0 + n1 - 2, d * math.sqrt(n0 * n1 / (n0 + n1))
    crit = stats.t.isf(0.025, df)
    power = stats.nct.sf(crit, df, nc) + stats.nct.cdf(-crit, df, nc)
    assert power == pytest.approx(0.80, abs=1e-4)


def test_paired_mde_has_the_power_asked():
    n, sd = 25, 0.8
    d = mde_paired_mean(sd, n) / sd
    crit = stats.t.isf(0.025, n - 1)
    nc = d * math.sqrt(n)
    power = stats.nct.sf(crit, n - 1, nc) + stats.nct.cdf(-crit, n - 1, nc)
    assert power == pytest.approx(0.80, abs=1e-4)


def test_pooled_mde_closed_form():
    """(z₀.₉₇₅ + z₀.₈₀) × SE of the pooled effect, SE = 1/√Σ 1/(sᵢ² + τ²); the far tail
    adds nothing at 4 decimals here."""
    se = np.array([0.10, 0.15, 0.20, 0.25, 0.30])
    tau2 = 0.01
    pooled = 1 / math.sqrt(np.sum(1 / (se**2 + tau2)))
    expected = (Z + stats.norm.isf(0.20)) * pooled
    assert mde_pooled(se, tau2) == pytest.approx(expected, abs=1e-4)
    assert _normal_power(mde_pooled(se, tau2) / pooled) == pytest.approx(0.80, abs=1e-9)
    assert mde_pooled(se, 0.0) < mde_pooled(se, tau2)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: mde_proportion(1.2, 10, 10), "p0 must be between 0 and 1"),
        (lambda: mde_mean(1.0, 1, 10), "n0 must be at least 2"),
        (lambda: mde_paired_mean(1.0, 10, power=0.01), "power must be between alpha and 1"),
        (lambda: mde_pooled([0.1, 0.0]), "se must hold positive finite"),
        (lambda: mde_pooled([0.1], tau2=-1), "tau2 must be at least 0"),
    ],
)
def test_bad_arguments_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()
