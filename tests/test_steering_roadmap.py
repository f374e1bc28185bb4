"""Roadmap measures and attainment statuses (impact.steering.roadmap).

References: hand computations on tiny tables (written out in each test); Wilson's
interval as published (Newcombe 1998, Stat Med 17:857-872, Table I: 81/263 →
0.2553–0.3662) and statsmodels' proportion_confint; the exact Poisson (Garwood 1936)
limits as tabulated (e.g. Ulm 1990, Am J Epidemiol 131:373: 0 events → upper 3.689;
10 events → 4.795–18.39); projections against a WLS fitted here with statsmodels and the
prediction's variance x'Vx computed by hand; a seeded simulation for the probability.
"""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from numpy.testing import assert_allclose
from scipy import stats
from statsmodels.stats.proportion import proportion_confint

from impact.demo.programme import demo_programme
from impact.steering import roadmap_measures, roadmap_status, roadmap_tables
from impact.steering.estimates import pooled_mean, pooled_proportion, pooled_rate
from impact.steering.projection import project

BASE = demo_programme(n_teams=2, n_comparison=1, seed=1)
TEAMS = pd.DataFrame({
    "team_id": ["A", "B", "C", "Z"],
    "hospital": ["Hôpital Nord", "Hôpital Nord", "Hôpital Sud", "Hôpital Nord"],
    "comparison": [False, False, False, True],
})  # fmt: skip
CATALOGUE = pd.DataFrame({
    "code": ["prop", "rate", "mean", "count", "lower"],
    "kind": ["proportion", "rate", "mean", "count", "mean"],
    "multiplier": [100.0, 1000.0, np.nan, np.nan, np.nan],
    "better": ["higher", "lower", "higher", "higher", "lower"],
})  # fmt: skip
VALUE_COLUMNS = ["team_id", "indicator", "period", "value", "numerator", "denominator", "sd", "n"]


def _values(rows) -> pd.DataFrame:
    """rows: (team, indicator, 'YYYY-MM', value, numerator, denominator, sd, n)."""
    out = pd.DataFrame(rows, columns=VALUE_COLUMNS)
    out["period"] = pd.to_datetime(out["period"])
    for c in VALUE_COLUMNS[3:]:
        out[c] = pd.to_numeric(out[c]).astype(float)
    return out


def _line(line="R1", **kw) -> dict:
    row = {"line": line, "team_id": "A", "hospital": "", "axis": "Axe", "objective": "Obj",
           "action": "Act", "owner_role": "cadre de santé", "governance": "COPIL",
           "indicator": "prop", "start_date": "2024-01-01", "baseline": np.nan,
           "target_year1": np.nan, "target_year2": np.nan, "target_year3": np.nan,
           "deadline": None, "certification": ""}  # fmt: skip
    row.update(kw)
    return row


def _programme(lines, values=(), **tables):
    roadmap = pd.DataFrame(lines)
    roadmap["start_date"] = pd.to_datetime(roadmap["start_date"])
    roadmap["deadline"] = pd.to_datetime(roadmap["deadline"])
    # the demo's own steering tables left out: the reference month is this test's data
    own = {"partnership_activity": BASE.partnership_activity.iloc[:0],
           "programme_support": BASE.programme_support.iloc[:0], **tables}  # fmt: skip
    return dataclasses.replace(BASE, teams=TEAMS, indicators=CATALOGUE,
                               indicator_values=_values(list(values)), roadmap=roadmap,
                               **own)  # fmt: skip


def _months(start: str, count: int) -> list[str]:
    return [p.strftime("%Y-%m") for p in pd.period_range(start, periods=count, freq="M")]


def _prop_rows(team, months, num, den=100):
    return [(team, "prop", m, np.nan, num, den, np.nan, np.nan) for m in months]


# --- estimators ------------------------------------------------------------------------


def test_wilson_garwood_and_pooled_mean_estimators_by_reference():
    r = pooled_proportion([81.0], [263.0], [1.0], 0.95)
    assert_allclose([r["ci_low"][0], r["ci_high"][0]], [0.2553, 0.3662], atol=5e-5)
    assert_allclose([r["ci_low"][0], r["ci_high"][0]], proportion_confint(81, 263, method="wilson"))
    zero = pooled_rate([0.0], [1.0], [1.0], 0.95)
    assert zero["ci_low"][0] == 0 and zero["ci_high"][0] == pytest.approx(3.689, abs=5e-4)
    ten = pooled_rate([10.0], [1.0], [1.0], 0.95)
    assert ten["ci_low"][0] == pytest.approx(4.795, abs=5e-4)
    assert ten["ci_high"][0] == pytest.approx(18.39, abs=5e-3)
    # months (n 10, mean 5, sd 2) and (n 20, mean 8, sd 3): mean (50 + 160)/30 = 7,
    # pooled within-month variance (9·4 + 19·9)/(30 − 2) = 207/28, se = √(207/28/30)
    m = pooled_mean([210.0], [30.0], [207.0], [2.0], 0.95)
    se = math.sqrt(207 / 28 / 30)
    q = stats.t.ppf(0.975, 28)
    assert_allclose([m["estimate"][0], m["se"][0], m["ci_low"][0], m["ci_high"][0]],
                    [7.0, se, 7 - q * se, 7 + q * se])  # fmt: skip


# --- measures --------------------------------------------------------------------------


def test_periods_proportion_and_reference_date_by_hand():
    # roadmap from 15 March 2024: year 1 = March 2024 – February 2025 (its month starts it)
    months = _months("2023-01", 30)  # January 2023 – June 2025
    num = {m: (40 if m < "2024-03" else 50 if m < "2025-03" else 60) for m in months}
    rows = [("A", "prop", m, np.nan, num[m], 100, np.nan, np.nan) for m in months]
    prog = _programme([_line(start_date="2024-03-15", target_year2=55.0)], rows)
    out = roadmap_measures(prog, as_of="2025-05-20").set_index("period")
    assert out.index.tolist() == ["baseline", "year1", "year2", "year3"]
    assert out["start"].dt.strftime("%Y-%m-%d").tolist() == [
        "2023-03-01", "2024-03-01", "2025-03-01", "2026-03-01"]  # fmt: skip
    assert out.loc["year1", "end"].strftime("%Y-%m-%d") == "2025-02-28"
    # baseline: the 12 months before the start (March 2023 – February 2024): 480/1200
    assert out.loc["baseline", "estimate"] == pytest.approx(40.0)
    assert out.loc["baseline", "n"] == 1200 and out.loc["baseline", "months"] == 12
    low, high = proportion_confint(480, 1200, method="wilson")
    assert_allclose(
        out.loc["baseline", ["ci_low", "ci_high"]].astype(float), [100 * low, 100 * high]
    )
    assert out.loc["year1", "estimate"] == pytest.approx(50.0)
    # year 2 up to the reference month (March – May 2025): 3 months, 180/300
    assert out.loc["year2", "estimate"] == pytest.approx(60.0) and out.loc["year2", "n"] == 300
    assert out.loc["year2", "n_kind"] == "denominator"
    assert np.isnan(out.loc["year3", "estimate"])
    assert out.loc["year3", "reason"] == "period_not_started"
    # target in force: year 1 has none → year 2's; year 3 none → the last given (55)
    assert out["target"].iloc[1:].tolist() == [55.0, 55.0, 55.0]
    assert np.isnan(out.loc["baseline", "target"])


def test_rate_mean_and_count_lines_by_hand():
    months = _months("2024-01", 4)
    rows = [("A", "rate", m, np.nan, 0, 250, np.nan, np.nan) for m in months]
    rows += [
        ("B", "rate", m, np.nan, e, 250, np.nan, np.nan)
        for m, e in zip(months, [1, 2, 3, 4], strict=True)
    ]
    # mean with n and sd in both months; 'lower' has a month without sd
    rows += [("A", "mean", "2024-01", 5.0, np.nan, np.nan, 2.0, 10),
             ("A", "mean", "2024-02", 8.0, np.nan, np.nan, 3.0, 20),
             ("A", "lower", "2024-01", 5.0, np.nan, np.nan, 2.0, 10),
             ("A", "lower", "2024-02", 8.0, np.nan, np.nan, np.nan, 20),
             ("A", "lower", "2024-03", 2.0, np.nan, np.nan, 1.0, 20)]  # fmt: skip
    rows += [("A", "count", m, v, np.nan, np.nan, np.nan, np.nan)
             for m, v in zip(months, [1, 3, 2, 6], strict=True)]  # fmt: skip
    lines = [_line("RA", indicator="rate"), _line("RB", team_id="B", indicator="rate"),
             _line("M", indicator="mean"), _line("L", indicator="lower"),
             _line("K", indicator="count")]  # fmt: skip
    out = roadmap_measures(_programme(lines, rows), as_of="2024-04-01")
    y1 = out.loc[out["period"] == "year1"].set_index("line")
    # 0 events in 1000 stays: 0 per 1000, exact upper limit 3.689 per 1000
    assert y1.loc["RA", "estimate"] == 0 and y1.loc["RA", "ci_high"] == pytest.approx(
        3.689, abs=5e-4
    )
    # 10 events in 1000 stays: 10 per 1000, 4.795–18.39
    assert y1.loc["RB", "estimate"] == pytest.approx(10.0)
    assert_allclose(y1.loc["RB", ["ci_low", "ci_high"]].astype(float), [4.795, 18.39], atol=5e-3)
    assert y1.loc["RB", "n_kind"] == "exposure" and y1.loc["RB", "n"] == 1000
    assert y1.loc["M", "estimate"] == pytest.approx(7.0)
    assert y1.loc["M", "se"] == pytest.approx(math.sqrt(207 / 28 / 30))
    assert y1.loc["M", "n"] == 30 and y1.loc["M", "n_kind"] == "people"
    # a month without sd: the mean of the monthly values 5, 8, 2 with a t interval
    assert y1.loc["L", "estimate"] == pytest.approx(5.0)
    assert y1.loc["L", "se"] == pytest.approx(3 / math.sqrt(3))  # sd of 5, 8, 2 is 3
    assert y1.loc["L", "ci_high"] == pytest.approx(5 + stats.t.ppf(0.975, 2) * math.sqrt(3))
    assert y1.loc["L", "n_kind"] == "months" and y1.loc["L", "n"] == 3
    # count: mean monthly count (1 + 3 + 2 + 6)/4 = 3, sd √(14/3)
    assert y1.loc["K", "estimate"] == pytest.approx(3.0)
    assert y1.loc["K", "se"] == pytest.approx(math.sqrt(14 / 3) / 2)


def test_establishment_line_pools_its_programme_teams_only():
    months = _months("2024-01", 3)
    rows = _prop_rows("A", months, 30) + _prop_rows("B", months, 60, den=200)
    rows += _prop_rows("Z", months, 100) + _prop_rows("C", months, 1)  # comparison, other site
    line = _line(team_id="", hospital="Hôpital Nord")
    out = roadmap_measures(_programme([line], rows), as_of="2024-03-01")
    y1 = out.loc[out["period"] == "year1"].iloc[0]
    # (3·30 + 3·60) / (3·100 + 3·200) = 270/900
    assert y1["estimate"] == pytest.approx(30.0) and y1["n"] == 900
    assert y1["team_id"] == "" and y1["hospital"] == "Hôpital Nord"


def test_stated_baseline_is_shown_as_stated():
    rows = _prop_rows("A", _months("2023-06", 10), 30)
    out = roadmap_measures(_programme([_line(baseline=25.0)], rows), as_of="2024-03-01")
    base = out.loc[out["period"] == "baseline"].iloc[0]
    assert base["estimate"] == 25.0 and np.isnan(base["ci_low"])
    assert base["reason"] == "baseline_stated" and base["method"] == "stated in the roadmap"


def test_questionnaire_scores_per_wave_by_hand():
    items = pd.DataFrame({
        "questionnaire": ["qvt", "qvt", "qvt", "experience_pp"],
        "item": ["S1", "S2", "R1", "E1"],
        "dimension": ["sens", "sens", "reconnaissance", "reconnaissance"],
        "scale_min": 1, "scale_max": 5, "reverse": [False, True, False, False],
    })  # fmt: skip
    answers = [  # respondent, wave, S1, S2 (reversed: 6 − score), R1, E1
        ("r1", "T0", 4, 2, 5, 1), ("r2", "T0", 3, 5, 5, 1),
        ("r1", "T1", 5, 1, 5, 1), ("r2", "T1", 4, 2, 5, 1), ("r3", "T1", 5, 3, 5, 1),
    ]  # fmt: skip
    rows = [("A", "qvt" if item != "E1" else "experience_pp", w, r, "professionnel", "auto",
             item, s) for r, w, *scores in answers
            for item, s in zip(["S1", "S2", "R1", "E1"], scores, strict=True)]  # fmt: skip
    rows.append(("A", "qvt", "T1", "J", None, "conjointe", "S1", 1))  # joint: not pooled
    resp = pd.DataFrame(rows, columns=["team_id", "questionnaire", "wave", "respondent", "role",
                                       "assessment", "item", "score"])  # fmt: skip
    resp["score"] = resp["score"].astype("Int64")
    lines = [
        _line("Q", indicator="qvt.sens", target_year1=4.0),
        _line("G", indicator="qvt.reconnaissance", target_year1=4.0),
    ]
    prog = _programme(
        lines,
        _prop_rows("A", _months("2024-01", 2), 1),
        questionnaire_items=items,
        questionnaire_responses=resp,
    )
    out = roadmap_measures(prog).set_index(["line", "period"])
    # T0: r1 (4 + 6 − 2)/2 = 4, r2 (3 + 1)/2 = 2 → mean 3, sd √2, t(1) interval
    assert out.loc[("Q", "T0"), "estimate"] == pytest.approx(3.0)
    assert out.loc[("Q", "T0"), "ci_high"] == pytest.approx(3 + stats.t.ppf(0.975, 1) * 1.0)
    # T1: 5, 4, 4 → 13/3 (the joint answer left out)
    assert (
        out.loc[("Q", "T1"), "estimate"] == pytest.approx(13 / 3) and out.loc[("Q", "T1"), "n"] == 3
    )
    assert np.isnan(out.loc[("Q", "T0"), "target"]) and out.loc[("Q", "T1"), "target"] == 4.0
    # qvt.reconnaissance uses the qvt item only (experience_pp's E1 shares the name)
    assert out.loc[("G", "T1"), "estimate"] == pytest.approx(5.0)
    status = roadmap_status(prog).set_index("line")
    assert status.loc["Q", "status"] == "on_track" and status.loc["Q", "rule"] == "latest_vs_target"
    assert status.loc["Q", "reason"] == "no_monthly_series"


def test_activity_lines_by_hand():
    act = pd.DataFrame({
        "team_id": "A", "month": pd.to_datetime(["2024-01-01", "2024-01-01", "2024-02-01"]),
        "partner": ["a", "b", "a"], "role": "patient", "meetings_held": [2, 2, 4],
        "meetings_attended": [2, 1, 3], "hours": [3.0, 1.0, 5.0],
    })  # fmt: skip
    lines = [_line("P", indicator="activite.partenaires"),
             _line("T", indicator="activite.taux_participation"),
             _line("H", indicator="activite.heures_par_partenaire")]  # fmt: skip
    out = roadmap_measures(_programme(lines, partnership_activity=act))
    y1 = out.loc[out["period"] == "year1"].set_index("line")
    assert y1.loc["P", "estimate"] == pytest.approx(1.5)  # 2 then 1 active partners
    assert y1.loc["T", "estimate"] == pytest.approx(100 * 6 / 8)  # (2 + 1 + 3)/(2·2 + 4)
    assert y1.loc["H", "estimate"] == pytest.approx(3.0)  # 9 hours / 3 partner-months
    assert y1.loc["H", "n_kind"] == "partner_months"


# --- status ----------------------------------------------------------------------------


def _status(lines, rows, as_of=None, **tables):
    return roadmap_status(_programme(lines, rows, **tables), as_of=as_of).set_index("line")


def test_status_first_rules_no_indicator_not_measured_no_target():
    rows = _prop_rows("A", _months("2023-01", 12), 30)  # data before the start only
    out = _status([_line("N", indicator=""), _line("M", target_year3=50.0),
                   _line("T", start_date="2023-01-01")], rows, as_of="2024-06-01")  # fmt: skip
    assert out.loc["N", "status"] == "no_indicator" and out.loc["N", "rule"] == ""
    assert out.loc["M", "status"] == "not_measured"
    assert out.loc["T", "status"] == "no_target" and out.loc["T", "reason"] == "no_target"


def test_status_achieved_from_the_interval_of_the_latest_period():
    rows = _prop_rows("A", _months("2024-01", 18), 60)  # 60 % every month
    lines = [
        _line("H", target_year1=50.0, target_year2=55.0),  # year 2 interval > 55
        _line("X", target_year2=59.0),
    ]  # 60 % on 600 stays: the interval covers 59
    out = _status(lines, rows)
    assert out.loc["H", "latest_period"] == "year2" and out.loc["H", "target"] == 55.0
    assert out.loc["H", "status"] == "achieved" and out.loc["H", "rule"] == "interval"
    assert out.loc["H", "n"] == 600 and out.loc["H", "n_kind"] == "denominator"
    assert out.loc["X", "status"] != "achieved"
    assert out.loc["H", "as_of"] == pd.Timestamp("2025-06-01")  # the last month of data


def test_status_late_when_the_deadline_has_passed():
    rows = _prop_rows("A", _months("2024-01", 18), 60)
    lines = [_line("D", target_year1=70.0, deadline="2025-03-31"),
             _line("E", target_year1=70.0, deadline="2025-07-31")]  # fmt: skip
    out = _status(lines, rows)
    assert out.loc["D", "status"] == "late" and out.loc["D", "rule"] == "deadline_passed"
    assert out.loc["D", "deadline"] == pd.Timestamp("2025-03-31")
    assert out.loc["E", "rule"] == "projection"
    default = _status([_line("F", target_year3=70.0)], rows).loc["F", "deadline"]
    assert default == pd.Timestamp("2026-12-31")  # end of year 3


def test_projection_matches_statsmodels_wls_and_a_hand_prediction_variance():
    num = [30, 33, 31, 36, 38, 37, 41, 40, 44, 45]
    den = [100, 120, 90, 110, 130, 100, 95, 105, 115, 125]
    months = _months("2024-01", 10)
    rows = [
        ("A", "prop", m, np.nan, x, n, np.nan, np.nan)
        for m, x, n in zip(months, num, den, strict=True)
    ]
    out = _status([_line(target_year1=50.0, target_year3=70.0)], rows).loc["R1"]
    assert out["rule"] == "projection"
    y = 100 * np.array(num) / np.array(den)
    fit = sm.WLS(y, sm.add_constant(np.arange(10.0)), weights=np.array(den, float)).fit()
    x0 = np.array([1.0, 35.0])  # the deadline: end of year 3 = month 35 after the start
    mean = float(x0 @ fit.params)
    se = math.sqrt(x0 @ fit.cov_params() @ x0)
    q = stats.t.ppf(0.975, fit.df_resid)
    assert_allclose([out["projection"], out["projection_low"], out["projection_high"]],
                    [mean, mean - q * se, mean + q * se], rtol=1e-10)  # fmt: skip
    probability = stats.t.cdf((mean - 70.0) / se, 8)
    assert out["probability"] == pytest.approx(probability, rel=1e-10)
    assert out["status"] == ("on_track" if probability >= 0.5 else "late")


def test_projection_on_track_and_late_and_ols_for_counts():
    months = _months("2024-01", 8)
    rows = [("A", "count", m, 2 + 0.5 * i + (0.2 if i % 2 else -0.2), np.nan, np.nan, np.nan,
             np.nan) for i, m in enumerate(months)]  # fmt: skip
    lines = [_line("UP", indicator="count", target_year3=15.0),  # line reaches ~19.5
             _line("DOWN", indicator="count", target_year3=30.0)]  # fmt: skip
    out = _status(lines, rows)
    assert out.loc["UP", "status"] == "on_track" and out.loc["UP", "probability"] > 0.99
    assert out.loc["DOWN", "status"] == "late" and out.loc["DOWN", "probability"] < 0.01
    y = np.array([r[3] for r in rows])
    fit = sm.OLS(y, sm.add_constant(np.arange(8.0))).fit()
    assert out.loc["UP", "projection"] == pytest.approx(fit.params[0] + 35 * fit.params[1])


def test_latest_versus_target_with_too_few_months_and_lower_is_better():
    rows = [("A", "lower", m, v, np.nan, np.nan, np.nan, np.nan)
            for m, v in zip(_months("2024-01", 4), [5.0, 4.0, 6.0, 5.0], strict=True)]  # fmt: skip
    lines = [_line("OK", indicator="lower", target_year1=5.5),
             _line("NO", indicator="lower", target_year1=4.5)]  # fmt: skip
    out = _status(lines, rows)
    assert out["rule"].tolist() == ["latest_vs_target"] * 2
    assert out["reason"].tolist() == ["too_few_months"] * 2
    assert out.loc["OK", "status"] == "on_track" and out.loc["NO", "status"] == "late"


def test_probability_is_calibrated_on_a_trend_that_just_reaches_the_target():
    """Seeded simulation: 12 monthly values of a line that reaches the target exactly at
    month 35 (+ N(0, 1) noise). The standardised gap is t-distributed with 10 df, so the
    probability is uniform on (0, 1): its mean is 0.5 (SE 0.29/√400 ≈ 0.014)."""
    rng = np.random.default_rng(14)
    x = np.arange(12.0)
    truth = 10 + 0.4 * x  # 10 + 0.4·35 = 24 at the deadline
    probs = [project(x, truth + rng.normal(size=12), None, 35, 24.0, "higher")["probability"]
             for _ in range(400)]  # fmt: skip
    assert abs(np.mean(probs) - 0.5) < 0.06
    above = [project(x, truth + 8 + rng.normal(size=12), None, 35, 24.0, "higher")
             for _ in range(30)]  # fmt: skip
    below = [project(x, truth - 8 + rng.normal(size=12), None, 35, 24.0, "higher")
             for _ in range(30)]  # fmt: skip
    assert all(p["probability"] >= 0.5 for p in above)  # on track
    assert all(p["probability"] < 0.5 for p in below)  # late


def test_tables_together_and_bad_input():
    rows = _prop_rows("A", _months("2024-01", 3), 30)
    both = roadmap_tables(_programme([_line(target_year1=20.0)], rows))
    assert set(both) == {"measures", "status"} and len(both["status"]) == 1
    with pytest.raises(ValueError, match="activite.inconnu"):
        roadmap_status(_programme([_line(indicator="activite.inconnu")], rows))
    with pytest.raises(ValueError, match="unknown team"):
        roadmap_status(_programme([_line(team_id="Q9")], rows))
    with pytest.raises(ValueError, match="deadline before"):
        roadmap_status(_programme([_line(deadline="2023-01-01")], rows))


def test_retention_line_per_period_as_known_at_the_period_end_by_hand():
    spells = {"p1": ("2024-01", 18), "p2": ("2024-01", 3), "p3": ("2024-02", 11)}
    rows = [(m, p) for p, (first, k) in spells.items() for m in _months(first, k)]
    act = pd.DataFrame(rows, columns=["month", "partner"]).assign(
        team_id="A", month=lambda d: pd.to_datetime(d["month"]), role="patient",
        meetings_held=1, meetings_attended=1)  # fmt: skip
    line = _line(indicator="activite.retention", target_year1=50.0, target_year2=60.0)
    out = roadmap_measures(_programme([line], partnership_activity=act)).set_index("period")
    # year 1 (data to December 2024, the team's last month then): p1 12 months and p3
    # 11 months censored, p2 left after 3 → S(12) = 1 − 1/3
    assert out.loc["year1", "estimate"] == pytest.approx(100 * 2 / 3)
    # year 2 (data to June 2025): p3 left after 11 months (n 2 at risk) → 2/3 · 1/2
    assert out.loc["year2", "estimate"] == pytest.approx(100 / 3)
    assert out.loc["year2", "n"] == 3 and out.loc["year2", "n_kind"] == "people"
    assert out.loc["baseline", "reason"] == "no_observations"
    assert out.loc["year3", "reason"] == "period_not_started"
    status = roadmap_status(_programme([line], partnership_activity=act)).iloc[0]
    assert status["reason"] == "no_monthly_series" and status["status"] == "late"


def test_a_questionnaire_line_no_one_has_answered_is_not_measured():
    # the only followed line reads a questionnaire without answers for its team: no
    # measured row at all (a team's part of the programme, as its report computes it)
    items = pd.DataFrame({"questionnaire": ["qvt"], "item": ["S1"], "dimension": ["sens"],
                          "scale_min": 1, "scale_max": 5, "reverse": [False]})  # fmt: skip
    resp = pd.DataFrame(columns=["team_id", "questionnaire", "wave", "respondent", "role",
                                 "assessment", "item", "score"])  # fmt: skip
    prog = _programme([_line("Q", indicator="qvt.global", target_year1=4.0),
                       _line("N", indicator="")], questionnaire_items=items,
                      questionnaire_responses=resp)  # fmt: skip
    assert roadmap_measures(prog).empty
    status = roadmap_status(prog).set_index("line")["status"].to_dict()
    assert status == {"Q": "not_measured", "N": "no_indicator"}
