"""Indicators of one team before and after its partnership started.

For now a descriptive summary only (period values side by side); estimates with
confidence intervals and verdicts come with the effect estimators.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.i18n import LANGUAGES
from impact.programme import Programme

__all__ = ["period_summary"]

#: Multiplier used when the catalogue leaves it empty.
_DEFAULT_MULTIPLIER = {"proportion": 100.0, "rate": 1.0}

SUMMARY_COLUMNS = [
    "indicator",
    "label",
    "unit",
    "kind",
    "better",
    "n_before",
    "n_after",
    "before",
    "after",
    "change",
]


def _start_month(programme: Programme, team_id: str) -> pd.Timestamp:
    """Return the first day of the month in which ``team_id`` started."""
    teams = programme.teams
    row = teams.loc[teams["team_id"] == team_id]
    if row.empty:
        raise KeyError(f"Unknown team_id {team_id!r}.")
    start = row["start_date"].iloc[0]
    if pd.isna(start):
        raise ValueError(
            f"Team {team_id!r} has no start_date (a comparison unit?): a before/after "
            "summary needs the date the partnership started."
        )
    return pd.Timestamp(start).to_period("M").to_timestamp()


def _window(values: pd.DataFrame, start: pd.Timestamp, months: int) -> pd.DataFrame:
    """Keep the rows of the two periods and label them ``before`` / ``after``."""
    period = values["period"]
    offset = (period.dt.year - start.year) * 12 + (period.dt.month - start.month)
    phase = np.select(
        [offset.between(-months, -1), offset.between(0, months - 1)],
        ["before", "after"],
        default="",
    )
    return values.assign(phase=phase).loc[lambda d: d["phase"] != ""]


def _period_values(rows: pd.DataFrame) -> pd.DataFrame:
    """Aggregate monthly rows into one value per indicator and phase (vectorised).

    ``rows`` carries the catalogue's ``kind`` and ``multiplier`` next to each month.
    """
    kind = rows["kind"]
    pooled = kind.isin(["proportion", "rate"])
    usable = np.where(
        pooled,
        rows["numerator"].notna() & rows["denominator"].notna(),
        rows["value"].notna(),
    )
    rows = rows.loc[usable]
    n = rows["n"].astype("float64")
    weighted = rows["value"] * n
    parts = pd.DataFrame(
        {
            "indicator": rows["indicator"],
            "phase": rows["phase"],
            "num": rows["numerator"],
            "den": rows["denominator"],
            "value": rows["value"],
            "vn": weighted,
            "n": n,
            "n_missing": n.isna() | (n <= 0),
        }
    )
    agg = parts.groupby(["indicator", "phase"], sort=False).agg(
        months=("phase", "size"),
        num=("num", "sum"),
        den=("den", "sum"),
        mean=("value", "mean"),
        vn=("vn", "sum"),
        n=("n", "sum"),
        n_missing=("n_missing", "any"),
    )
    meta = rows.drop_duplicates("indicator").set_index("indicator")[["kind", "multiplier"]]
    agg = agg.join(meta, on="indicator")
    ratio = agg["num"] / agg["den"].where(agg["den"] > 0)
    weighted_mean = (agg["vn"] / agg["n"]).where(~agg["n_missing"], agg["mean"])
    agg["value"] = np.select(
        [agg["kind"].isin(["proportion", "rate"]), agg["kind"] == "mean"],
        [agg["multiplier"] * ratio, weighted_mean],
        default=agg["mean"],
    )
    return agg[["months", "value"]]


def period_summary(
    programme: Programme, team_id: str, *, months: int = 12, lang: str = "fr"
) -> pd.DataFrame:
    """Summarise a team's indicators before and after its partnership started.

    DESCRIPTIVE ONLY: the table sets the two periods' values side by side, with no
    confidence interval, test or verdict (the effect estimators add those later).

    The baseline is the ``months`` calendar months before the month of the team's
    ``start_date``; the post period is the start month and the ``months - 1`` following
    months. Per period, an indicator's value is:

    - proportion, rate: pooled over the months, ``multiplier * sum(numerator) /
      sum(denominator)`` (multiplier from the catalogue; 100 for a proportion, 1 for a
      rate when empty);
    - mean: mean of the monthly values weighted by their ``n``; the plain mean of the
      monthly values if any month of the period lacks ``n``;
    - count: mean of the monthly values.

    A month counts only if it carries what its kind needs (numerator and denominator, or
    value).

    Parameters
    ----------
    programme : Programme
        Validated programme data.
    team_id : str
        A programme team (not a comparison unit).
    months : int, default 12
        Length of each period, in months.
    lang : {"fr", "en"}
        Language of ``label`` and ``unit``.

    Returns
    -------
    pandas.DataFrame
        One row per catalogue indicator with data in either period, in catalogue order:

        - ``indicator``: indicator code;
        - ``label``, ``unit``: from the catalogue, in ``lang``;
        - ``kind``: proportion, rate, mean or count;
        - ``better``: ``"higher"`` or ``"lower"``, the direction of improvement;
        - ``n_before``, ``n_after``: number of months with data in each period;
        - ``before``, ``after``: the period values (NaN without data);
        - ``change``: ``after - before``.

        ``attrs`` holds ``team_id``, ``start_month`` (first day of the start month) and
        ``months``.

    Raises
    ------
    KeyError
        If ``team_id`` is not in the teams table.
    ValueError
        If the team has no start date (comparison units), or ``months`` < 1.

    Examples
    --------
    >>> from impact.demo import demo_programme
    >>> programme = demo_programme(n_teams=2)
    >>> table = period_summary(programme, programme.team_ids[0], lang="en")
    >>> list(table.columns[:3])
    ['indicator', 'label', 'unit']
    """
    if not isinstance(months, (int, np.integer)) or isinstance(months, bool) or months < 1:
        raise ValueError(f"months must be a positive whole number. Got {months!r}.")
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    start = _start_month(programme, team_id)

    catalogue = programme.indicators.reset_index(drop=True)
    multiplier = catalogue["multiplier"].astype("float64")
    default = catalogue["kind"].map(_DEFAULT_MULTIPLIER).astype("float64")
    catalogue = catalogue.assign(multiplier=multiplier.fillna(default))

    values = programme.indicator_values
    values = values.loc[values["team_id"] == team_id]
    rows = _window(values, start, int(months)).merge(
        catalogue[["code", "kind", "multiplier"]], left_on="indicator", right_on="code"
    )
    wide = _period_values(rows).unstack("phase")
    wide.columns = [f"{name}_{phase}" for name, phase in wide.columns]
    wide = wide.reindex(columns=["months_before", "months_after", "value_before", "value_after"])

    table = catalogue.join(wide, on="code", how="inner")
    table = pd.DataFrame(
        {
            "indicator": table["code"],
            "label": table[f"label_{lang}"],
            "unit": table[f"unit_{lang}"],
            "kind": table["kind"],
            "better": table["better"],
            "n_before": table["months_before"].fillna(0).astype("int64"),
            "n_after": table["months_after"].fillna(0).astype("int64"),
            "before": table["value_before"].astype("float64"),
            "after": table["value_after"].astype("float64"),
        }
    )
    table["change"] = table["after"] - table["before"]
    table = table.reset_index(drop=True)[SUMMARY_COLUMNS]
    table.attrs = {"team_id": team_id, "start_month": start, "months": int(months)}
    return table
