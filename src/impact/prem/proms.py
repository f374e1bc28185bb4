"""Patient-reported outcomes (PROMs): paired change per patient and share improved.

For each team and numeric PROM of the catalogue (``proms``: scale, ``better`` direction,
minimal important difference ``mid``), patients measured in both periods give a paired
change after − before (:func:`impact.stats.effects.paired_difference`) and the shares of
patients whose change reaches the MID in the better (improved) or worse (worsened)
direction, with Wilson intervals.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.stats.effect_table import effect_frame
from impact.stats.means import paired_rows
from impact.stats.reasons import join_reasons

__all__ = ["prom_changes"]

_WILSON = (
    "Wilson score interval (Wilson 1927) of the share of paired patients whose "
    "change reaches the MID ({mid:g}) {side}"
)


def _verdict(low: np.ndarray, high: np.ndarray, better: str) -> np.ndarray:
    """improved / worsened / inconclusive from an interval of the change."""
    up, down = low > 0, high < 0
    good, bad = (up, down) if better == "higher" else (down, up)
    return np.where(good, "improved", np.where(bad, "worsened", "inconclusive"))


def prom_changes(
    responses: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    teams: list[str] | None = None,
    periods: tuple[str, str] = ("avant", "après"),
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Paired after − before change of each PROM per team, and the share improved ≥ MID.

    Rows per team × PROM (effect-table shape, plus ``prom``, ``better``, ``mid``,
    ``verdict`` and ``small_sample``):

    1. ``"mean change"``: paired t (Student 1908) on the patients measured in both
       periods; 2. ``"Hodges-Lehmann median change"`` with the Wilcoxon signed-rank test
       (both from :func:`impact.stats.effects.paired_difference`);
    3. ``"share improved >= MID"``: share of those patients whose change, signed so that
       positive is better (``better`` = "higher" or "lower"), is at least the catalogue's
       ``mid``; 4. ``"share worsened >= MID"``: at least ``mid`` in the worse direction.
       Both with the Wilson (1927) score interval and ``se = sqrt(p(1 − p)/n)``.

    ``estimate`` keeps the scale's sign (after − before); ``verdict`` reads the interval
    of rows 1–2 with the better direction. ``n`` is the number of complete pairs,
    ``n_before``/``n_after`` the patients measured in each period. A team with fewer
    complete pairs than ``threshold`` is flagged ``small_sample``; a team without PROM
    data, without an after measurement or without any patient measured twice gets rows
    with a ``reason``.

    Parameters
    ----------
    responses : pandas.DataFrame
        ``prom_responses`` (team_id, period, patient, prom, value).
    catalogue : pandas.DataFrame
        ``proms`` (code, better, mid, …).
    teams : list of str, optional
        Teams expected (default: those in ``responses``).
    periods : (str, str), default ("avant", "après")
    threshold : int, default 30
        Complete pairs under which rows are flagged ``small_sample``.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> r = pd.DataFrame({"team_id": "T1", "period": ["avant"] * 3 + ["après"] * 3,
    ...                   "patient": ["a", "b", "c"] * 2, "prom": "pain",
    ...                   "value": [6.0, 5.0, 7.0, 3.0, 5.5, 4.0]})
    >>> cat = pd.DataFrame({"code": ["pain"], "better": ["lower"], "mid": [2.0]})
    >>> t = prom_changes(r, cat)
    >>> t.loc[2, "measure"], round(float(t.loc[2, "estimate"]), 3)
    ('share improved >= MID', 0.667)
    """
    for name, frame, cols in (
        ("responses", responses, ("team_id", "period", "patient", "prom", "value")),
        ("catalogue", catalogue, ("code", "better", "mid")),
    ):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks column(s) {missing}. Got {list(frame.columns)}.")
    bad = set(catalogue["better"]) - {"higher", "lower"}
    if bad:
        raise ValueError(f"better must be 'higher' or 'lower'. Got {sorted(bad)!r}.")
    data = responses[responses["value"].notna() & responses["period"].isin(periods)]
    wide = (
        data.set_index(["team_id", "prom", "patient", "period"])["value"]
        .unstack("period")
        .reindex(columns=list(periods))
    )
    blocks = {key: block for key, block in wide.groupby(level=["team_id", "prom"], sort=False)}
    teams = list(teams) if teams is not None else sorted(responses["team_id"].unique())
    columns: dict[str, list] = {}
    for team in teams:
        for code, better, mid in catalogue[["code", "better", "mid"]].itertuples(index=False):
            rows = _one(
                blocks.get((team, code)), better, float(mid), periods, threshold, conf_level
            )
            for key, values in {"team_id": [team] * 4, "prom": [code] * 4, **rows}.items():
                columns.setdefault(key, []).extend(values)
    if not columns:
        return effect_frame(measure=[], estimate=[])
    return effect_frame({k: columns.pop(k) for k in ("team_id", "prom")}, **columns)


def _one(block, better, mid, periods, threshold, conf_level) -> dict[str, list]:
    """The columns of the four rows of one team × PROM (identifiers aside)."""
    if block is None:
        before = after = np.array([])
    else:
        before, after = (block[p].to_numpy(float) for p in periods)
    nb, na = int(np.sum(~np.isnan(before))), int(np.sum(~np.isnan(after)))
    both = ~np.isnan(before) & ~np.isnan(after)
    n = int(both.sum())
    if nb == 0 and na == 0:
        reason = "no_prom_data"
    elif na == 0 or nb == 0:
        reason = "no_measurement"
    elif n == 0:
        reason = "no_prom_pairs"
    else:
        reason = ""
    paired = paired_rows(before[both], after[both], conf_level)
    sign = 1.0 if better == "higher" else -1.0
    change = sign * (after[both] - before[both])
    counts = np.array([(change >= mid - 1e-9).sum(), (change <= -mid + 1e-9).sum()])
    with np.errstate(invalid="ignore", divide="ignore"):
        share = counts / n if n else np.full(2, np.nan)
        low, high = (
            proportion_confint(counts, n, alpha=1 - conf_level, method="wilson")
            if n
            else (np.full(2, np.nan), np.full(2, np.nan))
        )
        low, high = np.where(counts == 0, 0.0, low), np.where(counts == n, 1.0, high)
        se = np.sqrt(share * (1 - share) / n) if n else np.full(2, np.nan)
    shares = {
        "measure": ["share improved >= MID", "share worsened >= MID"],
        "estimate": [*share], "ci_low": [*low], "ci_high": [*high], "se": [*se],
        "p_value": [np.nan, np.nan], "n": [n, n],
        "method": [_WILSON.format(mid=mid, side="in the better direction"),
                   _WILSON.format(mid=mid, side="in the worse direction")],
        "reason": ["", ""], "coverage": [np.nan, np.nan]}  # fmt: skip
    out = {k: paired[k] + shares[k] for k in shares}
    out["n_before"], out["n_after"] = [nb] * 4, [na] * 4
    out["verdict"] = [
        *_verdict(np.array(paired["ci_low"]), np.array(paired["ci_high"]), better),
        "",
        "",
    ]
    out["events"] = [np.nan, np.nan, *counts.astype(float)]
    if reason:
        out["reason"], out["verdict"] = [reason] * 4, [""] * 4
        for col in ("estimate", "ci_low", "ci_high", "se", "p_value"):
            out[col] = [np.nan] * 4
    out["better"], out["mid"] = [better] * 4, [mid] * 4
    out["small_sample"] = [0 < n < threshold] * 4
    if 0 < n < threshold:
        out["reason"] = [join_reasons("small_sample_pairs", r) for r in out["reason"]]
    return out
