"""The demo programme's true dose–response: slopes of the true team effects on the dose."""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["dose_slopes"]

#: Families whose per-team truth rows are effects that the programme pools.
FAMILIES = ("indicator", "barometer", "prem", "prom", "questionnaire", "activity")


def _outcome(family: str, code: str) -> str:
    """The ``outcome`` of :func:`impact.synthesis.effects.team_effects` for a truth code."""
    return "all" if family == "prem" and code == "global" else code


def _unit(scale: str) -> str:
    """Unit of a slope: the effect's unit per hour of support."""
    if scale == "ratio":
        return "log ratio"
    if scale == "percent":
        return "percentage points"
    return scale.removeprefix("difference (").removesuffix(")")


def dose_slopes(
    truth: pd.DataFrame, dose: pd.Series, barometer_items: pd.DataFrame
) -> pd.DataFrame:
    """Least-squares slope of each outcome's true team effects on the teams' support dose.

    One truth row per pooled outcome (``family = "dose_slope"``, ``code =
    "<family>:<outcome>"`` with the outcome named as
    :func:`impact.synthesis.effects.team_effects` names it, ``team_id`` empty): the slope
    of the ordinary least-squares line through the points (dose, true effect) of the
    teams that have a truth row, rate ratios on the log scale. The barometer's global
    score, which has no truth row of its own, is the item-weighted mean of its
    dimensions. The participation rate (``activity:activite.taux_participation``) is the
    process measure whose dose–response the demo builds in. Exact, from the truth; NaN
    when every team got the same dose (a tiny demo whose teams all have no effect).

    Parameters
    ----------
    truth : pandas.DataFrame
        Per-team truth rows (``team_id``, ``family``, ``code``, ``scale``,
        ``true_effect``).
    dose : pandas.Series
        Support hours by team (index ``team_id``).
    barometer_items : pandas.DataFrame
        The barometer catalogue (dimension of each item).
    """
    rows = truth[truth["family"].isin(FAMILIES)]
    rows = rows[(rows["family"] != "activity") | (rows["code"] == "activite.taux_participation")]
    ratio = rows["scale"] == "ratio"
    y = rows["true_effect"].where(~ratio, np.log(rows["true_effect"].where(ratio, 1.0)))
    frame = rows.assign(y=y)[["team_id", "family", "code", "scale", "y"]]
    baro = frame[frame["family"] == "barometer"].pivot(index="team_id", columns="code", values="y")
    if not baro.empty:
        weights = barometer_items["dimension"].value_counts()
        overall = (baro[weights.index] * weights / weights.sum()).sum(axis=1)
        extra = pd.DataFrame({"team_id": overall.index, "family": "barometer", "code": "global",
                              "scale": frame.loc[frame["family"] == "barometer", "scale"].iloc[0],
                              "y": overall.to_numpy()})  # fmt: skip
        frame = pd.concat([frame, extra], ignore_index=True)
    out = []
    for (family, code), block in frame.groupby(["family", "code"], sort=False):
        x = dose.reindex(block["team_id"]).to_numpy(dtype=float)
        v = block["y"].to_numpy(dtype=float)
        spread = np.sum((x - x.mean()) ** 2)  # 0 when every team got the same dose
        slope = np.sum((x - x.mean()) * (v - v.mean())) / spread if spread > 0 else np.nan
        outcome = _outcome(family, code)
        out.append({
            "team_id": "", "measure": f"dose_slope:{family}:{outcome}", "family": "dose_slope",
            "code": f"{family}:{outcome}", "scale": f"slope ({_unit(block['scale'].iloc[0])} "
            "per hour)", "true_effect": slope,
            "definition": "Least-squares slope of the teams' true effects on this outcome "
            f"(truth family {family}, code {code}; log of the ratio for rate ratios) on "
            "their support dose (total hours of programme_support), over the "
            f"{len(block)} teams with a truth row: exact, from the truth, not estimated — "
            "what a meta-regression of the team effects on the dose estimates. The dose is "
            "40 + 20 × the team's effect multiplier (rounded to the half hour), so the "
            "true effects rise linearly with it.",
        })  # fmt: skip
    return pd.DataFrame(out)
