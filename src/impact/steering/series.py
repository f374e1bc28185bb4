"""The data behind each roadmap line: monthly values of its indicator over the line's
teams, questionnaire scores per wave, partner retention per period.

Internal to :mod:`impact.steering.roadmap`. A line's teams are its team, or for an
establishment line the establishment's programme teams; every function here takes the
``lines`` table (one row per line: ``line``, ``indicator``, ``kind``, ``multiplier``,
``start_m``…) and ``members`` (``line``, ``team_id``) that the roadmap module builds.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.common import SELF
from impact.barometer.scores import scores
from impact.data.programme import Programme
from impact.data.steering_checks import ACTIVITY_MEASURES
from impact.steering.activity import activity_by_month
from impact.steering.codes import codes_where
from impact.steering.estimates import mean_of_values
from impact.steering.months import month_index
from impact.steering.survival import KM_METHOD, km_at

__all__ = [
    "ACTIVITY_INDICATORS",
    "BAROMETER",
    "RETENTION",
    "RETENTION_TIME",
    "SCORE_METHOD",
    "line_months",
    "monthly_rows",
    "retention_by_period",
    "scores_by_wave",
]

_ACTIVITY_KINDS = {
    "partenaires": ("count", 1.0),
    "taux_participation": ("proportion", 100.0),
    "heures_par_partenaire": ("mean", 1.0),
    "retention": ("retention", 100.0),
}
#: Activity measures a roadmap line may follow (the contract's list,
#: :data:`impact.data.steering_checks.ACTIVITY_MEASURES`) → (kind, multiplier).
ACTIVITY_INDICATORS = {f"activite.{m}": _ACTIVITY_KINDS[m] for m in ACTIVITY_MEASURES}
RETENTION = "activite.retention"
#: Retention is S(RETENTION_TIME): still active 12 months after the first month.
RETENTION_TIME = 12
#: The questionnaire code of the partnership barometer in roadmap indicator codes.
BAROMETER = "barometre"
SCORE_METHOD = "mean of respondents' scores (self-assessments, all roles pooled), t interval"
_VALUE_COLUMNS = ["value", "numerator", "denominator", "sd", "n"]


def monthly_rows(
    programme: Programme, lines: pd.DataFrame, members: pd.DataFrame, as_of_m: float
) -> pd.DataFrame:
    """Team-month rows of every line with a monthly indicator, from 12 months before the
    line's start to the reference month: ``line``, ``team_id``, ``m`` and the
    ``indicator_values`` columns (activity measures written in the same form)."""
    keep = ["line", "indicator", "start_m"]
    cat = lines.loc[lines["source"] == "catalogue", keep].merge(members, on="line")
    values = programme.indicator_values
    parts = []
    if len(cat) and len(values):
        v = pd.DataFrame({
            "team_id": values["team_id"].astype(str).to_numpy(),
            "indicator": values["indicator"].astype(str).to_numpy(),
            "m": month_index(values["period"]),
            **{c: pd.to_numeric(values[c]).to_numpy(dtype=float, na_value=np.nan)
               for c in _VALUE_COLUMNS},
        })  # fmt: skip
        parts.append(cat.merge(v, on=["team_id", "indicator"]))
    act = lines.loc[lines["source"] == "activity", keep].merge(members, on="line")
    activity = programme.partnership_activity
    if len(act) and len(activity):
        parts.append(act.merge(_activity_values(activity), on=["team_id", "indicator"]))
    if not parts:
        return pd.DataFrame(columns=["line", "team_id", "m", *_VALUE_COLUMNS])
    rows = pd.concat(parts, ignore_index=True)
    rows = rows.loc[(rows["m"] >= rows["start_m"] - 12) & (rows["m"] <= as_of_m)]
    return rows[["line", "team_id", "m", *_VALUE_COLUMNS]].reset_index(drop=True)


def _activity_values(activity: pd.DataFrame) -> pd.DataFrame:
    """Team-month activity as indicator values: active partners (a count), attendances
    out of meetings offered (a proportion), hours per partner (a mean with sd and n)."""
    by = activity_by_month(activity)
    m = month_index(by["month"])
    nan = np.full(len(by), np.nan)
    partners = pd.DataFrame(
        {
            "indicator": "activite.partenaires",
            "value": by["partners"],
            "numerator": nan,
            "denominator": nan,
            "sd": nan,
            "n": nan,
        }
    )
    rate = pd.DataFrame(
        {
            "indicator": "activite.taux_participation",
            "value": nan,
            "numerator": by["attendances"],
            "denominator": by["meetings_offered"],
            "sd": nan,
            "n": nan,
        }
    )
    hours = pd.DataFrame({"indicator": "activite.heures_par_partenaire",
                          "value": by["hours_per_partner"], "numerator": nan, "denominator": nan,
                          "sd": by["hours_sd"], "n": by["partners_with_hours"]})  # fmt: skip
    out = []
    for part, keep in ((partners, np.ones(len(by), bool)),
                       (rate, by["meetings_offered"].gt(0).to_numpy()),
                       (hours, by["partners_with_hours"].gt(0).to_numpy())):  # fmt: skip
        out.append(part.assign(team_id=by["team_id"].to_numpy(), m=m).loc[keep])
    return pd.concat(out, ignore_index=True)


def line_months(rows: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """One row per line × month: the sums over the line's teams and the monthly value.

    Monthly value in the displayed unit: proportion and rate Σnum/Σden × multiplier
    (weight Σden); mean: the n-weighted mean of the teams' means when every team-month
    has n (weight Σn), else the mean of the teams' values (no weight); count: the sum
    over teams (no weight). Rows of a proportion or rate without numerator or
    denominator are left out and counted in ``dropped``.
    """
    info = lines.set_index("line")[["kind", "multiplier"]]
    r = rows.join(info, on="line")
    ratio = r["kind"].isin(["proportion", "rate"]).to_numpy()
    usable = r["numerator"].notna() & r["denominator"].notna()
    has_n = (r["n"] > 0) & r["value"].notna()
    has_sum = has_n & r["sd"].notna()
    parts = pd.DataFrame({
        "line": r["line"], "m": r["m"],
        "num": r["numerator"].where(usable), "den": r["denominator"].where(usable),
        "dropped": (ratio & ~usable).astype(float),
        "nv": (r["n"] * r["value"]).where(has_n), "n_sum": r["n"].where(has_n),
        "ss": ((r["n"] - 1) * r["sd"] ** 2).where(has_sum),
        "all_n": has_n, "all_sum": has_sum, "value": r["value"], "strata": 1.0,
    })  # fmt: skip
    g = parts.groupby(["line", "m"], sort=True)
    out = g.agg(
        num=("num", "sum"), den=("den", "sum"), dropped=("dropped", "sum"), nv=("nv", "sum"),
        n_sum=("n_sum", "sum"), ss=("ss", "sum"), strata=("strata", "sum"),
        all_n=("all_n", "all"), all_sum=("all_sum", "all"),
        value_mean=("value", "mean"), value_sum=("value", "sum"), values=("value", "count"),
    ).reset_index()  # fmt: skip
    out["value_sum"] = out["value_sum"].where(out["values"] > 0)
    out = out.join(info, on="line")
    kind = out["kind"].to_numpy(dtype=object)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_value = np.where(out["den"] > 0, out["num"] / out["den"] * out["multiplier"], np.nan)
        mean_value = np.where(out["all_n"], out["nv"] / out["n_sum"], out["value_mean"])
    out["value"] = np.select(
        [np.isin(kind, ["proportion", "rate"]), kind == "mean", kind == "count"],
        [ratio_value, mean_value, out["value_sum"]], np.nan)  # fmt: skip
    out["weight"] = np.select(
        [np.isin(kind, ["proportion", "rate"]), (kind == "mean") & out["all_n"].to_numpy()],
        [out["den"], out["n_sum"]], np.nan)  # fmt: skip
    return out


def scores_by_wave(
    programme: Programme, lines: pd.DataFrame, members: pd.DataFrame, conf_level: float
) -> pd.DataFrame:
    """Mean self-assessment score per questionnaire line × wave with its t interval.

    Scores from :func:`impact.barometer.scores.scores` on the questionnaire's own items
    (reverse-coded items flipped; a dimension needs half its items answered), all roles
    pooled, the line's teams pooled.
    """
    q = lines.loc[lines["source"] == "questionnaire", ["line", "indicator"]]
    if q.empty:
        return pd.DataFrame()
    q = q.assign(questionnaire=q["indicator"].str.split(".").str[0],
                 dimension=q["indicator"].str.split(".").str[1])  # fmt: skip
    found = []
    for name in q["questionnaire"].unique():  # a few questionnaires, each scored once
        responses, items = _questionnaire(programme, name)
        if responses.empty:
            continue
        s = scores(responses, items)
        s = s.loc[s["assessment"] == SELF, ["team_id", "wave", "dimension", "score"]]
        found.append(s.assign(questionnaire=name))
    pooled = (
        pd.concat(found, ignore_index=True)
        if found
        else pd.DataFrame(columns=["team_id", "wave", "dimension", "score", "questionnaire"])
    )
    per = q.merge(members, on="line").merge(pooled, on=["questionnaire", "dimension", "team_id"])
    g = per.groupby(["line", "wave"], sort=True)["score"]
    agg = g.agg(["mean", "std", "count"]).reset_index()
    est = mean_of_values(agg["mean"], agg["std"], agg["count"], conf_level)
    flat = (agg["count"].to_numpy() >= 2) & (agg["std"].to_numpy() == 0)
    est["ci_low"], est["ci_high"] = (np.where(flat, np.nan, est[k]) for k in ("ci_low", "ci_high"))
    out = pd.DataFrame({"line": agg["line"], "period": agg["wave"].astype(str), **est,
                        "n": agg["count"].astype(float), "n_kind": "people",
                        "method": SCORE_METHOD})  # fmt: skip
    out["reason"] = codes_where(
        len(out), (agg["count"].to_numpy() < 2, "too_few_values"),
        (flat, "no_variation"),
    )  # fmt: skip
    return out


def _questionnaire(programme: Programme, name: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The responses and item catalogue of one questionnaire (the barometer or another)."""
    if name == BAROMETER:
        return programme.barometer_responses, programme.barometer_items
    items = programme.questionnaire_items
    items = items.loc[items["questionnaire"].astype(str) == name]
    responses = programme.questionnaire_responses
    if responses.empty or "questionnaire" not in responses:
        return pd.DataFrame(), items
    return responses.loc[responses["questionnaire"].astype(str) == name], items


def retention_by_period(
    programme: Programme,
    lines: pd.DataFrame,
    members: pd.DataFrame,
    periods: pd.DataFrame,
    as_of_m: float,
    conf_level: float,
) -> pd.DataFrame:
    """Partner retention S(12) of each retention line × period, as known at the period's
    end: the partner spells of the line's teams observed before the end of the period
    (or up to the reference month), censored where the observation stops."""
    r = lines.loc[lines["indicator"] == RETENTION, ["line"]].merge(members, on="line")
    activity = programme.partnership_activity
    if r.empty or activity.empty:
        return pd.DataFrame()
    a = pd.DataFrame({"team_id": activity["team_id"].astype(str).to_numpy(),
                      "partner": activity["partner"].astype(str).to_numpy(),
                      "m": month_index(activity["month"])})  # fmt: skip
    p = periods.loc[periods["line"].isin(r["line"]), ["line", "period", "start_m", "end_m"]]
    p = p.assign(cut=np.minimum(p["end_m"], as_of_m + 1)).loc[lambda d: d["start_m"] <= as_of_m]
    x = r.merge(a, on="team_id").merge(p, on="line").loc[lambda d: d["m"] < d["cut"]]
    if x.empty:
        return pd.DataFrame()
    x["team_last"] = x.groupby(["line", "period", "team_id"])["m"].transform("max")
    spells = x.groupby(["line", "period", "team_id", "partner"], sort=True).agg(
        first=("m", "min"), last=("m", "max"), team_last=("team_last", "first")
    ).reset_index()  # fmt: skip
    unit = spells.groupby(["line", "period"], sort=True).ngroup().to_numpy()
    keys = spells.groupby(["line", "period"], sort=True).size().index.to_frame(index=False)
    km = km_at((spells["last"] - spells["first"] + 1).to_numpy(),
               (spells["last"] < spells["team_last"]).to_numpy(), unit, (RETENTION_TIME,),
               conf_level=conf_level)  # fmt: skip
    flat = km["defined"] & km["ci_low"].isna()
    return pd.DataFrame({
        "line": keys["line"], "period": keys["period"],
        **{c: km[c].to_numpy() * 100 for c in ("estimate", "ci_low", "ci_high", "se")},
        "n": km["n"].to_numpy(dtype=float), "n_kind": "people",
        "method": f"{KM_METHOD}: S({RETENTION_TIME}) of the partner spells observed up to "
                  "the end of the period",
        "reason": codes_where(len(km), (~km["defined"].to_numpy(), "follow_up_too_short"),
                              (flat.to_numpy(), "no_variation")),
    })  # fmt: skip
