"""Minimum detectable effects per team × outcome and for planning (issue 17): each row
against the scalar functions of impact.stats.power (themselves checked against Cohen's
tables and statsmodels in test_power.py and test_power_rates.py), the random-effects
closed form (z₀.₉₇₅ + z₀.₈₀)·√((se² + τ²)/k), and the sizes needed by checking one
fewer is not enough."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from impact.demo.programme import demo_programme
from impact.indicators.periods import compare_periods
from impact.stats.power import (
    mde_mean,
    mde_paired_mean,
    mde_pooled,
    mde_proportion,
    mde_rate_ratios,
)
from impact.synthesis.planning import MDE_COLUMNS, mde_table, plan_programme, pooled_mde, team_mde

SHIFT = stats.norm.isf(0.025) + stats.norm.isf(0.20)  # the far tail adds < 1e-6
CATALOGUE = pd.DataFrame(
    {"code": ["p", "r", "m", "few"], "multiplier": [100.0, 1000.0, np.nan, np.nan]}
)


def _indicators() -> pd.DataFrame:
    sd0 = 12.0  # mean row: se from an SD of 12 in both periods
    return pd.DataFrame({
        "team_id": ["A", "A", "A", "B", "B"],
        "indicator": ["p", "r", "m", "r", "few"],
        "kind": ["proportion", "rate", "mean", "rate", "mean"],
        "measure": ["difference", "rate ratio", "mean difference", "rate ratio", "mean difference"],
        "value_before": [30.0, 20.0, 50.0, 0.0, 1.0],
        "n_before": [150, 40, 40, 0, 1], "n_after": [120, 35, 55, 3, 5],
        "exposure_before": [np.nan, 2000.0, np.nan, 1500.0, np.nan],
        "exposure_after": [np.nan, 1800.0, np.nan, 1500.0, np.nan],
        "se": [np.nan, np.nan, sd0 * math.sqrt(1 / 40 + 1 / 55), np.nan, np.nan],
    })  # fmt: skip


def test_indicator_rows_match_the_scalar_functions():
    out = mde_table(_indicators(), CATALOGUE)
    assert list(out.columns) == MDE_COLUMNS
    prop, rate, mean, no_events, few = (out.iloc[i] for i in range(5))
    rise, fall = mde_proportion(0.30, 150, 120)
    assert prop["mde_up"] == pytest.approx(100 * rise, abs=1e-3)
    assert prop["mde_down"] == pytest.approx(100 * fall, abs=1e-3)
    up, down = mde_rate_ratios([40.0], [2000.0], [1800.0])
    assert rate["mde_up"] == pytest.approx(20.0 * (up[0] - 1), rel=1e-9)  # per 1,000
    assert rate["mde_down"] == pytest.approx(20.0 * (down[0] - 1), rel=1e-9)
    assert mean["mde_up"] == pytest.approx(mde_mean(12.0, 40, 55), rel=2e-5)
    assert mean["mde_down"] == -mean["mde_up"]
    assert no_events["reason"] == "no_events_before" and np.isnan(no_events["mde_up"])
    assert few["reason"] == "too_few_values"
    assert (out["reason"].iloc[:3] == "").all()


def test_survey_rows_use_the_comparisons_degrees_of_freedom():
    """A paired barometer change on 12 people with change SD 0.8: mde_paired_mean (df 11)."""
    barometer = pd.DataFrame({
        "team_id": ["A", "A", "A"], "role_group": "professionals", "dimension": "global",
        "analysis": ["paired", "paired", "all"],
        "measure": ["mean change", "standardised mean difference", "mean change"],
        "se": [0.8 / math.sqrt(12), 0.3, np.nan], "df": [11.0, np.nan, np.nan],
        "n_before": [pd.NA, pd.NA, 15], "n_after": [pd.NA, pd.NA, 12], "n": [12, 12, 12],
        "wave_before": "T0", "wave_after": "T1",
    })  # fmt: skip
    summary = pd.DataFrame({"team_id": ["A"], "role_group": ["professionals"], "wave": ["T0"],
                            "dimension": ["global"], "mean": [2.5]})  # fmt: skip
    out = mde_table(barometer=barometer, barometer_summary=summary)
    assert len(out) == 2  # the standardised difference is not a change on the score's scale
    assert out["mde_up"].iloc[0] == pytest.approx(mde_paired_mean(0.8, 12), rel=2e-5)
    assert out["baseline"].iloc[0] == 2.5
    assert out["reason"].tolist() == ["", "mde_no_se"]


def test_team_mde_covers_every_team_and_indicator_of_the_demo():
    programme = demo_programme(n_teams=4, seed=3)
    out = team_mde(programme)
    periods = compare_periods(programme)
    ind = out.loc[out["family"] == "indicators"]
    assert len(ind) == len(periods)
    assert set(out["family"]) == {"indicators", "barometer", "prem"}
    ok = out["reason"] == ""
    assert (out.loc[ok, "mde_up"] > 0).all() and (out.loc[ok, "mde_down"] < 0).all()
    # each of the team's SEs on the reporting scale gives about the same mean MDE
    m = ind.loc[ind["kind"] == "mean"].rename(columns={"outcome": "indicator"})
    m = m.merge(periods, on=["team_id", "indicator"])
    np.testing.assert_allclose(m["mde_up"], SHIFT * m["se"], rtol=0.01)


def test_pooled_mde_is_the_random_effects_closed_form():
    table = pd.DataFrame({"family": "prem", "outcome": "all", "measure": "mean difference",
                          "scale": "identity", "se_null": [2.0, 3.0, 4.0, np.nan]})  # fmt: skip
    out = pooled_mde(table, tau2=1.5)
    se = np.array([2.0, 3.0, 4.0])
    assert out["k"].iloc[0] == 3
    expected = SHIFT / math.sqrt(np.sum(1 / (se**2 + 1.5)))
    assert out["mde"].iloc[0] == pytest.approx(expected, abs=1e-4)


def test_plan_for_a_proportion():
    plan = plan_programme(teams=60, answers=120, baseline=0.6, tau=3.0, target=5.0)
    team, prog = plan.iloc[0], plan.iloc[1]
    rise, fall = mde_proportion(0.6, 120, 120)
    assert team["mde_up"] == pytest.approx(100 * rise, abs=1e-3)
    assert team["mde_down"] == pytest.approx(100 * fall, abs=1e-3)
    se = 100 * math.sqrt(0.6 * 0.4 * 2 / 120)  # points, one team, no change
    assert prog["mde_up"] == pytest.approx(mde_pooled([se] * 60, 9.0), rel=1e-9)
    # the sizes needed: enough, and one fewer is not
    k = int(prog["teams_needed"])
    assert mde_pooled([se] * k, 9.0) <= 5.0 < mde_pooled([se] * (k - 1), 9.0)
    n = int(prog["answers_needed"])
    se_n = lambda n: 100 * math.sqrt(0.6 * 0.4 * 2 / n)  # noqa: E731
    assert mde_pooled([se_n(n)] * 60, 9.0) <= 5.0 < mde_pooled([se_n(n - 1)] * 60, 9.0)
    m = int(team["answers_needed"])
    assert mde_proportion(0.6, m, m)[0] <= 0.05 < mde_proportion(0.6, m - 1, m - 1)[0]


def test_plan_for_a_mean_and_unreachable_targets():
    plan = plan_programme(teams=5, answers=50, sd=10.0, tau=2.0, target=1.0)
    team, prog = plan.iloc[0], plan.iloc[1]
    assert team["mde_up"] == pytest.approx(mde_mean(10.0, 50, 50), rel=2e-5)  # solver tolerance
    m = int(team["answers_needed"])
    assert mde_mean(10.0, m, m) <= 1.0 < mde_mean(10.0, m - 1, m - 1)
    # 5 teams whose true effects spread with SD 2 cannot pin a pooled effect of 1:
    # even with infinitely many answers the pooled SE is 2/√5, MDE 2.5 > 1
    assert np.isnan(prog["answers_needed"])


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"teams": 10, "answers": 50}, "exactly one of baseline and sd"),
        ({"teams": 0, "answers": 50, "sd": 1.0}, "teams must be a whole number"),
        ({"teams": 10, "answers": 1, "sd": 1.0}, "answers must be a whole number"),
        ({"teams": 10, "answers": 50, "baseline": 1.0}, "baseline must be a proportion"),
        ({"teams": 10, "answers": 50, "sd": 1.0, "tau": -1.0}, "tau must be"),
    ],
)
def test_bad_plans_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plan_programme(**kwargs)
