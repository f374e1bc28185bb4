"""Placebo-in-time checks (impact.stats.placebo, impact.indicators.placebo).

References: Abadie A, Diamond A, Hainmueller J (2015). Comparative politics and the
synthetic control method. Am J Polit Sci 59:495–510 (in-time placebo); Lopez Bernal J,
Cummins S, Gasparrini A (2018). The use of controls in interrupted time series studies
of public health interventions. Int J Epidemiol 47:2082–2093 (falsification checks).
Reference values come from first principles (rank counts, least squares solved with
numpy, a Poisson GLM fitted directly with statsmodels, means computed with pandas) or
from simulation with a known truth.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from numpy.testing import assert_allclose

from impact.demo.programme import demo_programme
from impact.indicators.did import team_did
from impact.indicators.placebo import PLACEBO_COLUMNS, placebo_by_team
from impact.indicators.trends import its_by_team
from impact.stats.placebo import placebo_dates, placebo_in_time, placebo_summary
from smoke import sizes, widened


def _series(n_series: int, *, effect: float = 0.0, seed: int = 0) -> pd.DataFrame:
    """Gaussian series of 48 points, trend 0.05, noise SD 1, a step ``effect`` at t = 30."""
    rng = np.random.default_rng(seed)
    t = np.tile(np.arange(48), n_series)
    y = 20 + 0.05 * t + effect * (t >= 30) + rng.normal(0, 1, len(t))
    return pd.DataFrame({"g": np.repeat(np.arange(n_series), 48), "t": t, "y": y})


# --------------------------------------------------------------------- dates and ranks


def test_placebo_dates_by_hand():
    # 20 points, 6 each side: eligible positions 6..14 (9 of them); 3 evenly spread
    # from first to last are positions 6, 10, 14.
    assert placebo_dates(np.arange(20), max_placebos=3, min_points=6).tolist() == [6, 10, 14]
    # fewer eligible positions than the cap: all of them (12 points: only position 6)
    assert placebo_dates(np.arange(100, 112), min_points=6).tolist() == [106]
    assert placebo_dates(np.arange(11), min_points=6).tolist() == []  # 6 + 6 > 11
    # unsorted input with duplicates: the distinct sorted points are used
    assert placebo_dates(np.array([3, 1, 2, 2, 0]), min_points=0).tolist() == [0, 1, 2, 3]


def test_placebo_summary_by_hand():
    # real 0.25; placebos 0.1, −0.3, 0.2, −0.05: one |placebo| ≥ 0.25 (0.3), three
    # smaller; share 1/4; rank p = (1 + 1)/(1 + 4) = 0.4; 3 > 4/2: larger than most.
    # Group b: real −0.2, a placebo of exactly 0.2 counts as at least as large (tie),
    # one is not estimated: n = 2, larger = 1, p = 2/3, 1 smaller of 2 is not most.
    placebos = pd.DataFrame(
        {"g": ["a"] * 4 + ["b"] * 3, "estimate": [0.1, -0.3, 0.2, -0.05, 0.2, 0.1, np.nan]}
    )
    real = pd.DataFrame({"g": ["a", "b", "c"], "estimate": [0.25, -0.2, 1.0]})
    out = placebo_summary(placebos, real, ["g"]).set_index("g")
    assert out.loc["a", "n_placebos"] == 4 and out.loc["a", "n_smaller"] == 3
    assert_allclose(out.loc[["a", "b"], "share_larger"], [0.25, 0.5])
    assert_allclose(out.loc[["a", "b"], "p_placebo"], [0.4, 2 / 3])
    assert_allclose(out.loc["a", ["placebo_low", "placebo_high"]].astype(float), [-0.3, 0.2])
    assert out.loc["a", "larger_than_most"] and not out.loc["b", "larger_than_most"]
    assert out.loc["b", "reason"] == "placebos_dropped"
    # c has no placebo date at all: a row with a reason, nothing estimated
    assert out.loc["c", "reason"] == "too_few_pre_points" and out.loc["c", "n_placebos"] == 0
    assert pd.isna(out.loc["c", "p_placebo"]) and pd.isna(out.loc["c", "larger_than_most"])


def test_placebo_summary_reasons_for_missing_estimates():
    placebos = pd.DataFrame({"g": ["a", "a", "b"], "estimate": [np.nan, np.nan, 0.1]})
    real = pd.DataFrame({"g": ["a", "b"], "estimate": [0.5, np.nan]})
    out = placebo_summary(placebos, real, ["g"]).set_index("g")
    assert out.loc["a", "reason"] == "no_placebo_estimate"
    assert out.loc["b", "reason"] == "no_real_estimate"
    assert out["p_placebo"].isna().all()


def test_rank_p_value_is_uniform_when_real_and_placebos_are_exchangeable():
    # First principles: with the real estimate and 6 placebos i.i.d., the real one's rank
    # among the 7 is uniform, so P(p_placebo = k/7) = 1/7 for k = 1..7. 7000 draws:
    # each count is binomial(7000, 1/7), SD ≈ 29; allow 4 SD.
    rng = np.random.default_rng(5)
    n = 7000
    draws = rng.normal(size=(n, 7))
    real = pd.DataFrame({"g": np.arange(n), "estimate": draws[:, 0]})
    placebos = pd.DataFrame({"g": np.repeat(np.arange(n), 6), "estimate": draws[:, 1:].ravel()})
    p = placebo_summary(placebos, real, ["g"])["p_placebo"].to_numpy()
    counts = np.array([np.sum(np.isclose(p, k / 7)) for k in range(1, 8)])
    assert counts.sum() == n
    assert np.all(np.abs(counts - n / 7) < 4 * np.sqrt(n * (1 / 7) * (6 / 7)))


# ------------------------------------------------------------------ placebo_in_time


def test_placebo_estimate_is_the_least_squares_step_on_the_pre_period():
    # One series of 30 points, intervention at 24: the pre-period is t = 0..23; with
    # min_points 6 and 2 placebos the fake dates are t = 6 and 18 (positions 6..18).
    # Each placebo's level change is the OLS coefficient of post in y ~ 1 + t + post on
    # t < 24, solved here with numpy (first principles).
    rng = np.random.default_rng(1)
    t = np.arange(30)
    y = 5 + 0.1 * t + rng.normal(0, 1, 30)
    data = pd.DataFrame({"g": "a", "t": t, "y": y})
    res = placebo_in_time(data, "g", "y", "t", 24, family="gaussian", slope_change=False,
                          max_placebos=2)  # fmt: skip
    assert res.placebos["placebo_time"].tolist() == [6, 18]
    for fake, estimate in zip([6, 18], res.placebos["estimate"], strict=True):
        pre = t < 24
        X = np.column_stack([np.ones(24), t[pre], (t[pre] >= fake).astype(float)])
        beta = np.linalg.lstsq(X, y[pre], rcond=None)[0]
        assert_allclose(estimate, beta[2], rtol=1e-10)
    # the real estimate: the same regression on all 30 points at 24
    X = np.column_stack([np.ones(30), t, (t >= 24).astype(float)])
    assert_allclose(res.summary.loc[0, "estimate"], np.linalg.lstsq(X, y, rcond=None)[0][2])


def test_rate_placebos_are_compared_as_log_rate_ratios():
    # Poisson with exposure: the placebo level change is the coefficient of post in a
    # Poisson GLM with log(exposure) offset fitted directly with statsmodels (a log
    # rate ratio), and the real rate ratio is compared as its log too.
    rng = np.random.default_rng(2)
    t = np.arange(36)
    expo = rng.integers(800, 1200, 36).astype(float)
    y = rng.poisson(expo * 0.02 * np.exp(-0.4 * (t >= 24)))
    data = pd.DataFrame({"g": "a", "t": t, "y": y, "expo": expo})
    res = placebo_in_time(data, "g", "y", "t", 24, family="poisson", offset="expo",
                          slope_change=False, max_placebos=1)  # fmt: skip
    fake = int(res.placebos.loc[0, "placebo_time"])
    assert fake == 6  # max_placebos=1: the first eligible point
    pre = t < 24
    X = np.column_stack([np.ones(24), t[pre], (t[pre] >= fake).astype(float)])
    glm = sm.GLM(y[pre], X, family=sm.families.Poisson(), offset=np.log(expo[pre])).fit()
    assert_allclose(res.placebos.loc[0, "estimate"], glm.params[2], rtol=1e-6)
    Xr = np.column_stack([np.ones(36), t, (t >= 24).astype(float)])
    real = sm.GLM(y, Xr, family=sm.families.Poisson(), offset=np.log(expo)).fit()
    assert_allclose(res.summary.loc[0, "estimate"], real.params[2], rtol=1e-6)
    assert res.summary.loc[0, "scale"] == "log"


@pytest.mark.parametrize("n_series", sizes(200, 1000))
def test_no_effect_is_not_flagged_more_than_chance(n_series):
    # Simulation, true level change 0. Were the real and placebo estimates exchangeable,
    # the real one would beat 4+ of 6 placebos with probability 3/7 and reach the
    # smallest rank p 1/7 with probability 1/7, mean p 4/7. The real fit uses all 48
    # points and the placebos only the 30 before the start, so the real estimate is
    # less noisy and the check conservative: at most those rates, mean p at least 4/7
    # (each within 3 Monte-Carlo SE).
    s = placebo_in_time(_series(n_series, seed=3), "g", "y", "t", 30, family="gaussian").summary
    assert (s["n_placebos"] == 6).all()
    se = 0.5 / np.sqrt(n_series)
    assert s["larger_than_most"].astype(float).mean() <= 3 / 7 + 3 * se
    assert (s["p_placebo"] <= 1 / 7 + 1e-12).mean() <= 1 / 7 + 3 * se
    assert s["p_placebo"].mean() >= 4 / 7 - widened(0.05, n_series, 1000)


def test_a_big_level_change_is_larger_than_every_placebo():
    # Simulation: a step of 5 noise SDs at t = 30; the placebo level changes on the
    # pre-period have SD ≈ 0.7 (noise 1, ~12 points a side), so all 6 are smaller.
    s = placebo_in_time(_series(20, effect=5.0, seed=4), "g", "y", "t", 30,
                        family="gaussian").summary  # fmt: skip
    assert (s["n_smaller"] == 6).all() and s["larger_than_most"].all()
    assert_allclose(s["p_placebo"], 1 / 7)


def test_short_pre_period_and_missing_start_give_rows_with_reasons():
    data = _series(3, seed=5)
    data["start"] = np.repeat([30.0, 10.0, np.nan], 48)  # 30 pre points, 10, unknown
    s = placebo_in_time(data, "g", "y", "t", "start", family="gaussian").summary.set_index("g")
    assert s.loc[0, "n_placebos"] == 6 and s.loc[0, "reason"] == ""
    assert s.loc[1, "reason"] == "too_few_pre_points" and s.loc[1, "n_placebos"] == 0
    assert "too_few_pre_points" in s.loc[2, "reason"] and "no_real_estimate" in s.loc[2, "reason"]


@pytest.mark.parametrize("kwargs", [{"max_placebos": 0}, {"min_points": 2}, {"max_placebos": 1.5}])
def test_bad_options_raise(kwargs):
    with pytest.raises(ValueError):
        placebo_in_time(_series(1), "g", "y", "t", 30, family="gaussian", **kwargs)


def test_group_column_named_like_the_placebo_is_refused():
    data = _series(1).rename(columns={"g": "placebo"})
    with pytest.raises(ValueError, match="placebo"):
        placebo_in_time(data, "placebo", "y", "t", 30, family="gaussian")


# ------------------------------------------------------------------ placebo_by_team


@pytest.fixture(scope="module")
def small_demo():
    return demo_programme(n_teams=6, n_comparison=6, seed=2)


def test_team_did_placebo_by_hand(small_demo):
    # With one placebo the fake start is the first eligible month, first data month + 12;
    # the placebo DiD = (team mean over [s′, s′+11] − mean over [s′−12, s′−1]) minus the
    # mean of the same change over comparison units with data in both windows (pandas).
    prog = small_demo
    team = prog.teams.loc[~prog.teams["comparison"].astype(bool)].iloc[0]
    out = placebo_by_team(prog, teams=[team["team_id"]], max_placebos=1)
    did = out[out["design"] == "did"].set_index("indicator")
    values = prog.indicator_values
    first = values.loc[values["team_id"] == team["team_id"], "period"].min()
    fake = first + pd.DateOffset(months=12)
    assert fake + pd.DateOffset(months=12) <= team["start_date"]  # an eligible date
    cat = prog.indicators.set_index("code")
    code = "info_sortie"  # a proportion: 100·numerator/denominator
    rows = values[values["indicator"] == code].assign(
        y=lambda d: cat.loc[code, "multiplier"] * d["numerator"] / d["denominator"]
        if pd.notna(cat.loc[code, "multiplier"]) else 100 * d["numerator"] / d["denominator"]
    )  # fmt: skip
    before = rows["period"].between(first, fake - pd.DateOffset(months=1))
    after = rows["period"].between(fake, fake + pd.DateOffset(months=11))
    change = (
        rows[after].groupby("team_id")["y"].mean() - rows[before].groupby("team_id")["y"].mean()
    )
    controls = change[change.index.isin(prog.comparison_ids)].dropna()
    expected = change[team["team_id"]] - controls.mean()
    assert did.loc[code, "n_placebos"] == 1
    assert_allclose(did.loc[code, "placebo_low"], expected, rtol=1e-10)
    assert_allclose(did.loc[code, "placebo_high"], expected, rtol=1e-10)


def test_by_team_uses_the_given_tables_and_the_trend_model(small_demo):
    prog = small_demo
    its, did = its_by_team(prog), team_did(prog)
    given = placebo_by_team(prog, its=its, did=did)
    assert list(given.columns) == list(PLACEBO_COLUMNS)
    # computed here, the real ITS effects equal its_by_team's (the same series and
    # model: a check that the placebo module models each kind as the trends do)
    alone = placebo_by_team(prog)
    assert_allclose(alone["estimate"], given["estimate"], rtol=1e-8)
    level = its.effects[its.effects["measure"] == "level change"].set_index(
        ["team_id", "indicator"]
    )
    rows = given[given["design"] == "its"].set_index(["team_id", "indicator"])
    log = (level["scale"] == "log").to_numpy()
    expected = np.array(level["estimate"], dtype=float)
    expected[log] = np.log(expected[log])
    assert_allclose(rows["estimate"], pd.Series(expected, index=level.index)[rows.index])
    assert set(given["design"]) == {"its", "did"}


def test_no_comparison_unit_and_short_pre_period_give_reasons():
    prog = demo_programme(n_teams=4, n_comparison=0, seed=3)
    out = placebo_by_team(prog)
    did = out[out["design"] == "did"]
    assert len(did) and (did["reason"] == "no_comparison_unit").all()
    assert did["larger_than_most"].isna().all()
    # a team starting 12 months after the first data month has no DiD placebo date
    demo = demo_programme(n_teams=6, n_comparison=6, seed=2)
    first = demo.indicator_values["period"].min()
    teams = demo.teams.copy()
    team = teams.loc[~teams["comparison"].astype(bool), "team_id"].iloc[0]
    teams.loc[teams["team_id"] == team, "start_date"] = first + pd.DateOffset(months=12)
    demo = dataclasses.replace(demo, teams=teams)
    rows = placebo_by_team(demo, teams=[team])
    assert (rows.loc[rows["design"] == "did", "reason"] == "too_few_pre_points").all()
    its = rows[rows["design"] == "its"]
    assert (its["n_placebos"] >= 1).all()  # 12 pre months: one ITS placebo date (6 | 6)
