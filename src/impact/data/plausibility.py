"""Plausibility ranges of the indicator catalogue: values that are allowed but unlikely.

A value outside its indicator's ``plausible_min``–``plausible_max`` (a negative waiting
time, a length of stay of 2 000 days) is a warning, one line per indicator; a team whose
values of a 0–100 indicator all lie within 0–1 while the other teams' do not was most
likely given as proportions (0.78 for 78): a warning of its own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.data.problems import ProblemLog, as_text

__all__ = ["check_plausible"]


def _shown_values(values: pd.DataFrame, indicators: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each row's value on the indicator's reporting scale (``value``, else
    ``multiplier × numerator / denominator``, a proportion in %) and its catalogue row."""
    catalogue = indicators.loc[~indicators["code"].duplicated()].set_index("code")
    code = values["indicator"].astype(object)
    kind = code.map(catalogue["kind"].astype(object))
    scale = code.map(catalogue["multiplier"].astype(float))
    scale = scale.fillna(kind.map({"proportion": 100.0})).fillna(1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = values["numerator"].astype(float) / values["denominator"].astype(float) * scale
    shown = values["value"].astype(float).where(values["value"].notna(), ratio)
    return shown.where(np.isfinite(shown)), code


def check_plausible(
    values: pd.DataFrame, indicators: pd.DataFrame, file: str, log: ProblemLog
) -> None:
    """Warn about indicator values outside their catalogue's plausible range.

    Parameters
    ----------
    values, indicators : pandas.DataFrame
        The typed ``indicator_values`` (indexed by spreadsheet row) and ``indicators``.
    file : str
        The file of ``values``, for the problems.
    log : ProblemLog
        Where the warnings go.
    """
    if "plausible_min" not in indicators or "plausible_max" not in indicators:
        return
    shown, code = _shown_values(values, indicators)
    catalogue = indicators.loc[~indicators["code"].duplicated()].set_index("code")
    low = code.map(catalogue["plausible_min"].astype(float))
    high = code.map(catalogue["plausible_max"].astype(float))
    label = code.map(catalogue["label_fr" if log.lang == "fr" else "label_en"].astype(object))
    unit = code.map(catalogue["unit_fr" if log.lang == "fr" else "unit_en"].astype(object))
    outside = (shown < low) | (shown > high)
    if outside.any():
        log.add("implausible", table="indicator_values", file=file,
                rows=values.index[outside.to_numpy()], column="indicator",
                values=code[outside].tolist(), label=label[outside].tolist(),
                low=as_text(low[outside]).tolist(), high=as_text(high[outside]).tolist(),
                unit=unit[outside].fillna("").tolist(), severity="warning")  # fmt: skip
    _warn_fractions(values, shown, code, low, high, label, file, log)


def _warn_fractions(
    values: pd.DataFrame,
    shown: pd.Series,
    code: pd.Series,
    low: pd.Series,
    high: pd.Series,
    label: pd.Series,
    file: str,
    log: ProblemLog,
) -> None:
    """A team × 0–100 indicator whose values all lie in 0–1 while the other teams' median
    is above 1: proportions given for a score."""
    scored = (low == 0) & (high == 100) & shown.notna()
    if not scored.any():
        return
    frame = pd.DataFrame({"team": values["team_id"].astype(object), "code": code,
                          "shown": shown})[scored.to_numpy()]  # fmt: skip
    top = frame.groupby(["team", "code"])["shown"].transform("max")
    small = frame[top <= 1]
    for (team, indicator), rows in small.groupby(["team", "code"], sort=False):
        others = frame.loc[(frame["code"] == indicator) & (frame["team"] != team), "shown"]
        if not len(others) or others.median() <= 1:
            continue
        log.add("fraction-for-score", table="indicator_values", file=file,
                rows=rows.index, column="indicator", values=[indicator] * len(rows),
                team=team, label=label[rows.index[0]], severity="warning")  # fmt: skip
