"""Difference-in-differences of indicators: one team vs comparison units, and programme.

References: the team estimate and its placebo SD are recomputed by hand on a tiny panel
(first principles); coverage of the demo programme's known truth is checked on 60 teams.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import impact
from impact.indicators.did import did_by_indicator, team_did


@pytest.fixture(scope="module")
def demo():
    return impact.demo_programme(n_teams=60, seed=2024)


def tiny_programme(base: impact.Programme) -> impact.Programme:
    """One team (start 2024-01) and six comparison units, qvt monthly values.

    Unit u's value is a_u before 2024-01 and a_u + d_u from it; the team's d is 5.
    """
    months = pd.date_range("2023-01-01", "2024-12-01", freq="MS").astype("datetime64[ns]")
    shifts = {"T1": 5.0, "C1": 1.0, "C2": -1.0, "C3": 0.5, "C4": 0.0, "C5": 2.0, "C6": -0.5}
    rows = []
    for k, (unit, d) in enumerate(shifts.items()):
        for m in months:
            rows.append(
                {
                    "team_id": unit,
                    "indicator": "qvt",
                    "period": m,
                    "value": 50.0 + k + (d if m >= pd.Timestamp("2024-01-01") else 0.0),
                }
            )
    values = pd.DataFrame(rows)
    for col in ("numerator", "denominator", "sd"):
        values[col] = np.nan
    values["n"] = pd.array([pd.NA] * len(values), dtype="Int64")
    values = values[base.indicator_values.columns]
    teams = pd.DataFrame(
        {
            "team_id": list(shifts),
            "name": "x",
            "hospital": "h",
            "ghu": "g",
            "domain": "soins",
            "intervention_mode": "parcours",
            "participation_level": "consultation",
            "start_date": pd.Series(
                [pd.Timestamp("2024-01-10")] + [pd.NaT] * 6, dtype="datetime64[ns]"
            ),
            "end_date": pd.Series([pd.NaT] * 7, dtype="datetime64[ns]"),
            "n_patient_partners": pd.array([2] + [0] * 6, dtype="Int64"),
            "comparison": pd.array([False] + [True] * 6, dtype="boolean"),
        }
    )
    return replace(base, teams=teams, indicator_values=values)


def test_team_did_by_hand(demo):
    row = team_did(tiny_programme(demo)).iloc[0]
    controls = np.array([1.0, -1.0, 0.5, 0.0, 2.0, -0.5])
    k = controls.size
    assert row["estimate"] == pytest.approx(5.0 - controls.mean())
    # placebo j: its shift minus the mean shift of the other five units
    placebo = controls - (controls.sum() - controls) / (k - 1)
    se = placebo.std(ddof=1) * np.sqrt((1 + 1 / k) / (1 + 1 / (k - 1)))
    assert row["se"] == pytest.approx(se)
    half = stats.t.ppf(0.975, k - 1) * se
    assert (row["ci_low"], row["ci_high"]) == pytest.approx(
        (row["estimate"] - half, row["estimate"] + half)
    )
    assert row["n"] == 6 and row["verdict"] == "improved"  # qvt: higher is better


def test_too_few_comparison_units_gives_a_reason(demo):
    small = tiny_programme(demo)
    keep = small.indicator_values["team_id"].isin(["T1", "C1", "C2"])
    row = team_did(replace(small, indicator_values=small.indicator_values[keep])).iloc[0]
    assert np.isnan(row["estimate"]) and row["reason"] == "few_controls" and row["n"] < 5


def test_team_without_after_data_gets_no_rows_and_others_go_on(demo):
    small = tiny_programme(demo)
    values = small.indicator_values
    t2 = values[values["team_id"] == "T1"].assign(team_id="T2")
    teams = pd.concat([small.teams, small.teams.iloc[:1].assign(team_id="T2")], ignore_index=True)
    t2 = t2[t2["period"] < pd.Timestamp("2024-01-01")]  # T2: no month from its start on
    table = team_did(replace(small, teams=teams, indicator_values=pd.concat([values, t2])))
    assert table["team_id"].tolist() == ["T1"]
    empty = replace(small, indicator_values=values.iloc[:0])
    assert team_did(empty).empty


def test_team_did_covers_the_demo_truth(demo):
    table = team_did(demo)
    truth = demo.truth.assign(indicator=demo.truth["code"]).set_index(["team_id", "indicator"])[
        "true_effect"
    ]
    joined = table.set_index(["team_id", "indicator"]).join(truth, how="inner")
    joined = joined[joined["kind"] != "rate"]  # rate truths are ratios, not differences
    covered = (joined["ci_low"] <= joined["true_effect"]) & (
        joined["true_effect"] <= joined["ci_high"]
    )
    assert 0.90 <= covered.mean() <= 0.99, covered.mean()
    error = joined["estimate"] - joined["true_effect"]
    assert abs(error.mean()) < 3 * error.std() / np.sqrt(len(error))


def test_programme_did_shows_cs_beside_twfe(demo):
    out = did_by_indicator(demo, n_boot=199)
    overall = out["overall"]
    assert set(overall["estimator"]) == {"Callaway-Sant'Anna", "TWFE"}
    info = overall[overall["indicator"] == "info_sortie"].set_index("estimator")
    print(
        "\ninfo_sortie, demo seed 2024: CS",
        round(info.loc["Callaway-Sant'Anna", "estimate"], 2),
        "TWFE",
        round(info.loc["TWFE", "estimate"], 2),
    )
    events = out["event_study"]
    assert (events["event_time"] < 0).any() and (events["event_time"] >= 0).any()
