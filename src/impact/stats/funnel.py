"""Funnel plots: control limits by sample size around a target, with overdispersion.

Spiegelhalter DJ (2005). Funnel plots for comparing institutional performance. *Statistics
in Medicine* 24:1185–1202. A unit is plotted by its sample size and its indicator; the
limits say how far from the target (the programme's mean) chance alone takes a unit of
that size, so a board sees which teams are truly outside the expected range instead of
a league table.

- **Proportions**: exact binomial limits with the paper's interpolation (section 3.1:
  :math:`r_p` the ``p`` quantile of Binomial(n, θ0), :math:`\\alpha = (F(r_p) − p) /
  (F(r_p) − F(r_p − 1))`, limit :math:`(r_p − \\alpha) / n`), or their normal
  approximation :math:`\\theta_0 \\pm z_p \\sqrt{\\theta_0(1 − \\theta_0)/n}`.
- **Means**: :math:`\\theta_0 \\pm z_p\\, \\sigma / \\sqrt n`.
- **Overdispersion** (section 5): standardised scores :math:`z_i = (y_i − \\theta_0)/s_i`
  are winsorised at their 10th and 90th percentiles, :math:`\\hat\\phi = \\sum z_i^2 / I`;
  *multiplicative* limits widen the standard error by :math:`\\sqrt{\\hat\\phi}`,
  *additive* limits add :math:`\\hat\\tau^2 = (I\\hat\\phi − (I − 1)) / (\\sum w_i −
  \\sum w_i^2 / \\sum w_i)` (:math:`w_i = 1/s_i^2`) to each unit's variance. Neither is
  used when :math:`I\\hat\\phi \\le I − 1` (no evidence of overdispersion).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import stats

__all__ = ["Overdispersion", "binomial_limits", "normal_limits", "overdispersion"]

_WINSOR = 0.10


@dataclass(frozen=True)
class Overdispersion:
    """The overdispersion of units around a target (Spiegelhalter 2005, section 5).

    Attributes
    ----------
    phi : float
        Mean squared winsorised z-score (1 when the units vary as chance says).
    tau2 : float
        Additive between-unit variance (0 when ``I·phi ≤ I − 1``).
    n_units : int
        Units used.
    """

    phi: float
    tau2: float
    n_units: int


def _two_sided(level: float) -> tuple[float, float]:
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1. Got {level!r}.")
    return (1 - level) / 2, 1 - (1 - level) / 2


def binomial_limits(target: float, n: Sequence[int] | np.ndarray, level: float = 0.95
                    ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Exact binomial funnel limits for a proportion, interpolated (section 3.1).

    Parameters
    ----------
    target : float
        The target proportion θ0 (0–1).
    n : array of int
        Sample sizes (≥ 1).
    level : float
        Two-sided coverage of the limits (0.95, 0.998).

    Returns
    -------
    tuple of numpy.ndarray
        Lower and upper limits, as proportions.

    Examples
    --------
    >>> low, high = binomial_limits(0.5, [100])
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.3968, 0.5932)
    """
    if not 0 < target < 1:
        raise ValueError(f"target must be between 0 and 1 (excluded). Got {target!r}.")
    n = np.asarray(n, dtype=float)
    if np.any(n < 1) or np.any(n != np.round(n)):
        raise ValueError("n must hold whole sample sizes of at least 1.")
    out = []
    for p in _two_sided(level):
        r = stats.binom.ppf(p, n, target)
        at, below = stats.binom.cdf(r, n, target), stats.binom.cdf(r - 1, n, target)
        alpha = (at - p) / (at - below)
        out.append((r - alpha) / n)
    return out[0], out[1]


def normal_limits(
    target: float,
    se: Sequence[float] | np.ndarray,
    level: float = 0.95,
    *,
    phi: float = 1.0,
    tau2: float = 0.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Normal funnel limits ``target ± z·√(phi·se² + tau2)``.

    Parameters
    ----------
    target : float
        The target θ0.
    se : array of float
        Each unit's standard error under the target: ``√(θ0(1−θ0)/n)`` for a proportion,
        ``σ/√n`` for a mean.
    level : float
        Two-sided coverage (0.95, 0.998).
    phi, tau2 : float
        Multiplicative and additive overdispersion (:func:`overdispersion`); use one.

    Returns
    -------
    tuple of numpy.ndarray
        Lower and upper limits.
    """
    se = np.asarray(se, dtype=float)
    if np.any(~np.isfinite(se)) or np.any(se <= 0):
        raise ValueError("se must hold positive finite standard errors.")
    if phi < 1 or tau2 < 0:
        raise ValueError(f"phi must be at least 1 and tau2 at least 0. Got {phi!r}, {tau2!r}.")
    z = stats.norm.ppf(_two_sided(level)[1])
    half = z * np.sqrt(phi * se**2 + tau2)
    return target - half, target + half


def overdispersion(y: Sequence[float] | np.ndarray, se: Sequence[float] | np.ndarray,
                   target: float) -> Overdispersion:  # fmt: skip
    """Multiplicative and additive overdispersion of units around ``target``.

    Parameters
    ----------
    y : array of float
        Each unit's indicator.
    se : array of float
        Each unit's standard error under the target.
    target : float
        The target θ0.

    Returns
    -------
    Overdispersion

    Examples
    --------
    >>> o = overdispersion([0.1, 0.3, 0.5, 0.7, 0.9], [0.1] * 5, 0.5)
    >>> round(o.phi, 3), round(o.tau2, 4)
    (5.696, 0.0612)
    """
    y, se = np.asarray(y, dtype=float), np.asarray(se, dtype=float)
    if y.shape != se.shape or y.size < 2:
        raise ValueError("y and se must have the same length, at least 2.")
    if np.any(~np.isfinite(se)) or np.any(se <= 0):
        raise ValueError("se must hold positive finite standard errors.")
    z = (y - target) / se
    low, high = np.quantile(z, [_WINSOR, 1 - _WINSOR])
    phi = float(np.mean(np.clip(z, low, high) ** 2))
    units = y.size
    w = 1 / se**2
    excess = units * phi - (units - 1)
    tau2 = float(excess / (w.sum() - (w**2).sum() / w.sum())) if excess > 0 else 0.0
    return Overdispersion(phi, tau2, units)
