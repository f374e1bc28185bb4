"""What the demo knows of a roadmap line's indicator, and the status it should get.

A :class:`Track` holds the noise-free truth behind one roadmap line's indicator: the
true monthly level with its expected denominators and sampling variance (care
indicators, participation rate), the exact monthly count (active partners, a census:
the data *are* the truth), or the expected score at the team's latest wave with its
standard error (barometer and questionnaires). :func:`expected_status` applies the
steering rule to it, reference month 2026-06 (the last month of data):

1. the latest roadmap year (year k = months ``[start + 12(k − 1), start + 12k)``, the
   last one begun by the reference month, at most year 3; for a questionnaire, the
   latest wave) is *achieved* when its 95 % interval lies wholly on the favourable side
   of the target in force (that year's target, else the next non-empty one);
2. otherwise, a deadline before the reference month makes the line *late*;
3. otherwise the straight line fitted to the monthly values since the start (weighted
   by denominators) is projected to the deadline month: *on track* when the projection
   is on the favourable side of the final target, else *late*; without monthly values
   (questionnaires) the latest estimate is compared with the target in force.

The status is *clear* when the sampling noise of the data cannot plausibly change it:
achieved when the true level beats the target by ≥ 5 standard errors of the latest
period's estimate (the interval then misses the target with probability > 0.999), not
achieved when it falls short by ≥ 1.5 standard errors (an interval wholly beyond the
target then has probability < 0.001) — on the log scale for rates, whose intervals are
skewed when events are few; a projection decides when the noise-free
projection is ≥ 3 standard deviations of the fitted projection from the final target; a
questionnaire's latest estimate when it is ≥ 3 standard errors short. Counts of active
partners have no sampling noise: a margin of a quarter partner (half a partner, or two
months of the trend, for projections) covers the details of an implementation (which
day of the deadline's month, rounding). A line whose status is not clear is
``borderline``: tests skip it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from impact.demo.series import MONTHS

__all__ = ["AS_OF", "Track", "expected_status", "latest", "latest_period", "projection"]

#: Reference month of the statuses: the last month of data (2026-06).
AS_OF = len(MONTHS) - 1
Z_ACHIEVED, Z_NOT_ACHIEVED, Z_PROJECTION, Z_WAVE = 5.0, 1.5, 3.0, 3.0
CENSUS_MARGIN, CENSUS_PROJECTION_MARGIN = 0.25, 0.5


@dataclass(frozen=True)
class Track:
    """The noise-free truth behind one roadmap line's indicator.

    Attributes
    ----------
    kind : {"monthly", "census", "wave"}
    better : {"higher", "lower"}
    unit : str
        Unit of the values (the indicator's displayed unit).
    precision : float
        Targets are rounded to multiples of it.
    bounds : tuple of float
        Plausible range of the values (targets are kept inside).
    level : numpy.ndarray
        True value per month of ``MONTHS`` (monthly, census), or ``[score]`` at the
        latest wave.
    weight : numpy.ndarray
        Expected denominator (or ``n``) per month (monthly; empty otherwise).
    var : numpy.ndarray
        Sampling variance of each month's value (monthly), or ``[se²]`` of the latest
        wave's mean score.
    log : bool
        Compare the latest period with its target on the log scale (rates: with few
        events a Poisson interval is skewed, symmetric on the log scale).
    """

    kind: str
    better: str
    unit: str
    precision: float
    bounds: tuple[float, float]
    level: np.ndarray
    weight: np.ndarray
    var: np.ndarray
    log: bool = False

    @property
    def sign(self) -> float:
        """+1 when higher is better, −1 when lower is."""
        return 1.0 if self.better == "higher" else -1.0


def latest_period(start: int) -> tuple[int, np.ndarray]:
    """The roadmap year holding the reference month (at most 3) and its months so far."""
    year = min(3, (AS_OF - start) // 12 + 1)
    first = start + 12 * (year - 1)
    return year, np.arange(first, min(first + 12, AS_OF + 1))


def latest(track: Track, start: int) -> tuple[float, float, float, float]:
    """True value of the latest period, its standard error and 95 % interval.

    Monthly: the weighted mean of the monthly levels (Σ num / Σ den), normal interval.
    Census: the mean monthly count with the t interval over months (NaN for one month).
    Wave: the expected score with its standard error.
    """
    if track.kind == "wave":
        level, se = float(track.level[0]), float(np.sqrt(track.var[0]))
        return level, se, level - 1.96 * se, level + 1.96 * se
    _, months = latest_period(start)
    if track.kind == "census":
        values = track.level[months]
        level = float(values.mean())
        if len(values) < 2:
            return level, np.nan, np.nan, np.nan
        se = float(values.std(ddof=1) / np.sqrt(len(values)))
        half = stats.t.ppf(0.975, len(values) - 1) * se
        return level, se, level - half, level + half
    w = track.weight[months]
    level = float(np.sum(w * track.level[months]) / w.sum())
    se = float(np.sqrt(np.sum(w**2 * track.var[months])) / w.sum())
    return level, se, level - 1.96 * se, level + 1.96 * se


def projection(track: Track, start: int, deadline: int) -> tuple[float, float, float]:
    """Noise-free projection at the deadline month, its sampling SD, and the fitted slope.

    The straight line fitted to the monthly values from ``start`` to the reference month
    (weighted by the expected denominators for monthly tracks, ordinary least squares
    for counts) at month ``deadline``; the SD is that of the fitted projection under the
    months' sampling variances (0 for a census).
    """
    months = np.arange(start, AS_OF + 1)
    x = np.column_stack([np.ones(len(months)), months.astype(float)])
    y = track.level[months]
    w = track.weight[months] if track.kind == "monthly" else np.ones(len(months))
    bread = np.linalg.inv(x.T @ (w[:, None] * x))
    beta = bread @ (x.T @ (w * y))
    at = np.array([1.0, float(deadline)])
    if track.kind != "monthly":
        return float(at @ beta), 0.0, float(beta[1])
    meat = x.T @ ((w**2 * track.var[months])[:, None] * x)
    sd = float(np.sqrt(at @ bread @ meat @ bread @ at))
    return float(at @ beta), sd, float(beta[1])


def _in_force(targets: np.ndarray, year: int) -> tuple[float, float]:
    """Target in force for ``year`` (that year's, else the next non-empty) and the final one."""
    filled = np.flatnonzero(~np.isnan(targets))
    later = filled[filled >= year - 1]
    final = targets[filled[-1]]
    return (targets[later[0]] if len(later) else final), final


def expected_status(
    track: Track, targets: np.ndarray, start: int, deadline: int
) -> tuple[str, bool, str]:
    """Noise-free status of a line, whether it is clear, and the numbers behind it.

    Parameters
    ----------
    track : Track
    targets : numpy.ndarray
        Targets of years 1–3 (NaN where empty; at least one filled).
    start : int
        Month index of the roadmap's start.
    deadline : int
        Month index of the deadline (the month holding it).

    Returns
    -------
    tuple
        ``(status, clear, detail)``: ``status`` among ``achieved``, ``on_track``,
        ``late``; ``detail`` the values compared, in words.
    """
    year = latest_period(start)[0] if track.kind != "wave" else 3
    target, final = _in_force(targets, year)
    level, se, low, high = latest(track, start)
    d = track.sign
    label = "latest wave" if track.kind == "wave" else f"year {year}"
    detail = f"{label}: true value {level:.4g} vs target {target:.4g}"
    if track.kind == "census":
        bound = low if d > 0 else high
        margin = d * (bound - target)
        achieved = bool(margin > 0)
        clear_yes = clear_no = bool(np.isfinite(margin) and abs(margin) >= CENSUS_MARGIN)
        detail += f" (95 % t interval {low:.4g}–{high:.4g})"
    else:
        if track.log:  # delta method: SE of log(level) = se / level
            with np.errstate(divide="ignore"):
                z = d * (np.log(level) - np.log(target)) / (se / level)
            detail += f" (z = {z:.1f} standard errors of the log, {se / level:.3g})"
        else:
            z = d * (level - target) / se
            detail += f" (z = {z:.1f} standard errors of {se:.3g})"
        achieved = bool(z > 0)
        clear_yes, clear_no = bool(z >= Z_ACHIEVED), bool(z <= -Z_NOT_ACHIEVED)
    if achieved:
        return "achieved", clear_yes, detail
    if deadline < AS_OF:
        return "late", clear_no, detail + "; deadline passed"
    if track.kind == "wave":
        return "late", bool(z <= -Z_WAVE), detail + "; deadline ahead, latest estimate vs target"
    value, sd, slope = projection(track, start, deadline)
    margin = d * (value - final)
    if track.kind == "census":
        clear = abs(margin) >= max(CENSUS_PROJECTION_MARGIN, 2 * abs(slope))
    else:
        clear = abs(margin) >= Z_PROJECTION * sd
    detail += f"; projection {value:.4g} (SD {sd:.3g}) at the deadline vs final target {final:.4g}"
    return ("on_track" if margin >= 0 else "late"), clear_no and bool(clear), detail
