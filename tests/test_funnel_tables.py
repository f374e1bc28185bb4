"""Funnel tables of the programme's teams (issue 17, item 5): targets and limits by hand
from Spiegelhalter (2005, Stat Med 24:1185–1202), flag rates by simulation, the after
window against compare_periods, and bad inputs as rows with reasons."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import impact
from impact.indicators.periods import compare_periods
from impact.prem.deltas import prom_changes, score_prem
from impact.stats.effect_table import MEAN_CHANGE
from impact.stats.reasons import REASONS, reason_codes
from impact.synthesis.funnel import (
    POINT_COLUMNS,
    funnel_frame,
    funnel_limits,
    funnel_points,
    funnel_tables,
)


def _points(value, n, *, kind="mean", events=None, sd=15.0, multiplier=1.0, outcome="x",
            better="higher") -> pd.DataFrame:  # fmt: skip
    value = np.asarray(value, dtype=float)
    return pd.DataFrame({
        "family": "indicator", "outcome": outcome, "indicator": None,
        "team_id": [f"T{i:02d}" for i in range(len(value))], "kind": kind, "better": better,
        "multiplier": multiplier, "n": np.asarray(n, dtype=float),
        "events": np.nan if events is None else np.asarray(events, dtype=float),
        "value": value, "sd": sd,
    })[POINT_COLUMNS]  # fmt: skip


@pytest.fixture(scope="module")
def demo() -> impact.Programme:
    return impact.demo_programme(n_teams=12, n_comparison=2, seed=3)


# ------------------------------------------------------------------------- by hand
def test_mean_target_sigma_z_and_limits_by_hand():
    """Five teams, n = 25, 100, 100, 400, 100, SD 10, 20, 10, 10, 10: target
    Σn·ȳ/Σn = (25·60 + 100·70 + 100·72 + 400·71 + 100·71)/725 = 51200/725; pooled SD
    √[(24·100 + 99·400 + 99·100 + 399·100 + 99·100)/(24 + 99·3 + 399)] = √(101700/720);
    a team's se = σ/√n, z = (ȳ − target)/se, limits target ± Φ⁻¹(0.999)·se."""
    pts = _points([60, 70, 72, 71, 71], [25, 100, 100, 400, 100], sd=[10, 20, 10, 10, 10])
    tabs = funnel_frame(pts)
    target, sigma = 51200 / 725, math.sqrt(101700 / 720)
    row = tabs.outcomes.iloc[0]
    assert row["target"] == pytest.approx(target) and row["sigma"] == pytest.approx(sigma)
    first = tabs.teams.iloc[0]
    se = sigma / 5
    assert first["se"] == pytest.approx(se)
    assert first["z"] == pytest.approx((60 - target) / se)
    z998 = stats.norm.ppf(0.999)
    assert first["low_998"] == pytest.approx(target - z998 * se)
    assert first["high_95"] == pytest.approx(target + stats.norm.ppf(0.975) * se)
    assert first["flag_998"] == "below"  # z ≈ −3.7
    assert row["adjustment"] == "none" and "funnel_few_teams_overdispersion" in row["reason"]


def test_proportion_limits_are_the_exact_interpolated_ones():
    """Target 0.5 (events 50 + 250 + 200 + 500 + 1000 over 2 × the n), team n = 100: the
    95 % limits worked by hand in tests/test_funnel.py — F(39) = 0.0176001, F(40) =
    0.0284440 (Binomial(100, 0.5)), α = (F(40) − 0.025)/(F(40) − F(39)), lower (40 − α)/100
    — on the reporting scale (× 100)."""
    n = np.array([100, 500, 400, 1000, 2000])
    pts = _points(0.5 * np.ones(5), n, kind="proportion", events=n / 2, multiplier=100.0)
    tabs = funnel_frame(pts)
    assert tabs.outcomes["target"].iloc[0] == pytest.approx(50.0)
    f39, f40 = 0.0176001001088, 0.0284439668204
    alpha = (f40 - 0.025) / (f40 - f39)
    assert tabs.teams["low_95"].iloc[0] == pytest.approx(40 - alpha, abs=1e-9)
    assert tabs.teams["value"].iloc[0] == pytest.approx(50.0)


def test_rate_limits_are_normal_with_the_poisson_variance():
    """Target = Σ events / Σ exposure = (10 + 30 + 20 + 60 + 80)/20000 = 0.01 per stay;
    team exposure 1000: se = √(0.01/1000); limits per 1,000 stays."""
    exposure = np.array([1000, 3000, 2000, 6000, 8000])
    events = np.array([10, 30, 20, 60, 80])
    pts = _points(events / exposure, exposure, kind="rate", events=events, multiplier=1000.0)
    tabs = funnel_frame(pts)
    assert tabs.outcomes["target"].iloc[0] == pytest.approx(10.0)
    se = math.sqrt(0.01 / 1000)
    high = tabs.teams["high_998"].iloc[0]
    assert high == pytest.approx(1000 * (0.01 + stats.norm.ppf(0.999) * se))


def test_overdispersion_widens_the_limits_additive_and_multiplicative():
    """Forty teams whose true means spread with SD 3 around 70 (within SD 15, n 100–800):
    φ > 1 and τ² > 0; the additive limits are target ± z√(se² + τ²), the multiplicative
    ones target ± z√φ·se (Spiegelhalter 2005, section 5), both wider than the plain ones,
    and they flag fewer teams."""
    rng = np.random.default_rng(8)
    n = rng.integers(100, 800, 40)
    pts = _points(rng.normal(70, 3, 40) + rng.normal(0, 15 / np.sqrt(n)), n)
    add = funnel_frame(pts)
    row, teams = add.outcomes.iloc[0], add.teams
    assert row["adjustment"] == "additive" and row["phi"] > 1 and row["tau2"] > 0
    z = stats.norm.ppf(0.999)
    assert teams["high_998_adjusted"].to_numpy() == pytest.approx(
        row["target"] + z * np.sqrt(teams["se"] ** 2 + row["tau2"]).to_numpy()
    )
    assert (teams["high_998_adjusted"] > teams["high_998"]).all()
    assert (teams["flag_998_adjusted"] != "within").sum() < (teams["flag_998"] != "within").sum()
    mult = funnel_frame(pts, adjustment="multiplicative")
    r, tm = mult.outcomes.iloc[0], mult.teams
    assert r["adjustment"] == "multiplicative"
    assert tm["low_95_adjusted"].to_numpy() == pytest.approx(
        (r["target"] - stats.norm.ppf(0.975) * math.sqrt(r["phi"]) * tm["se"]).to_numpy()
    )
    # the curves of the figure are the same limits
    low, high = funnel_limits(row, teams["n"].to_numpy(), 0.998)
    assert high == pytest.approx(teams["high_998_adjusted"].to_numpy())
    low, _ = funnel_limits(row, teams["n"].to_numpy(), 0.998, adjusted=False)
    assert low == pytest.approx(teams["low_998"].to_numpy())


# ------------------------------------------------------------------ by simulation
def _programmes(kind: str, rng, shift: float = 0.0) -> pd.DataFrame:
    """150 programmes of 80 in-control teams (n 50–2000), one outcome each; with
    ``shift``, the first team of each has n = 1000 and is moved by ``shift``."""
    programmes, k = 150, 80
    n = rng.integers(50, 2000, programmes * k).astype(float)
    moved = np.tile(np.r_[shift, np.zeros(k - 1)], programmes)
    if shift:
        n[::k] = 1000.0
    if kind == "proportion":
        events = rng.binomial(n.astype(int), 0.2 + moved).astype(float)
        value, sd = events / n, np.nan
    else:
        events, value, sd = None, rng.normal(70 + moved, 15 / np.sqrt(n)), 15.0
    pts = _points(value, n, kind=kind, events=events, sd=sd,
                  multiplier=100.0 if kind == "proportion" else 1.0)  # fmt: skip
    return pts.assign(outcome=np.repeat([f"p{i}" for i in range(programmes)], k),
                      team_id=np.tile([f"T{i:02d}" for i in range(k)], programmes))  # fmt: skip


@pytest.mark.parametrize("kind", ["proportion", "mean"])
def test_in_control_teams_are_flagged_at_about_the_nominal_rate(kind):
    """12 000 in-control teams: outside the 99.8 % limits for about 0.2 % of them (the
    exact binomial limits are a little conservative, discreteness), outside the 95 %
    ones for about 5 % (binomial SE of the rates: 0.0004 and 0.002)."""
    tabs = funnel_frame(_programmes(kind, np.random.default_rng(17)))
    teams = tabs.teams
    assert 0.0003 <= (teams["flag_998"] != "within").mean() <= 0.0035
    assert 0.04 <= (teams["flag_95"] != "within").mean() <= 0.06
    assert (teams["flag_998_adjusted"] != "within").mean() <= 0.0035
    # no overdispersion: the adjustment is the exception (I·φ > I − 1 by chance)
    assert (tabs.outcomes["adjustment"] == "none").mean() > 0.85


def test_a_true_outlier_is_flagged():
    """The first team of each programme sits 8 points above the others' 20 % with
    n = 1000: 6.3 standard errors (√(0.2·0.8/1000) = 0.0126), against limits at about
    3.1: flagged above the 99.8 % limits nearly always (normal approximation: P(Z > 3.1 −
    6.3) > 0.999), the in-control teams still at about 0.2 %."""
    teams = funnel_frame(_programmes("proportion", np.random.default_rng(4), 0.08)).teams
    first = teams["team_id"] == "T00"
    assert (teams.loc[first, "flag_998_adjusted"] == "above").mean() > 0.97
    assert (teams.loc[~first, "flag_998_adjusted"] != "within").mean() <= 0.0035


# ---------------------------------------------------------------- the programme
def test_points_follow_compare_periods_after_window_and_the_prem_prom_tables(demo):
    """A team's after value is compare_periods' ``value_after`` (same 12 months from the
    start month); PREM after means are score_prem's, PROM changes prom_changes'."""
    pts = funnel_points(demo)
    ind = pts.loc[pts["family"] == "indicator"].set_index(["team_id", "indicator"])
    ref = compare_periods(demo).query("kind != 'count'").set_index(["team_id", "indicator"])
    both = ref.index.intersection(ind.index)
    assert len(both) == len(ref) == len(ind)
    got = (ind.loc[both, "value"] * ind.loc[both, "multiplier"]).to_numpy(dtype=float)
    assert got == pytest.approx(ref.loc[both, "value_after"].to_numpy(dtype=float))
    scores = score_prem(demo.prem_responses, demo.prem_items, demo.prem_scales).summary
    after = scores.query("level == 'overall' and period == 'après'").set_index("team_id")
    prem = pts.loc[pts["family"] == "prem"].set_index("team_id")
    assert prem["value"].to_numpy() == pytest.approx(after.loc[prem.index, "mean"].to_numpy())
    changes = prom_changes(demo.prom_responses, demo.proms)
    changes = changes.loc[changes["measure"] == MEAN_CHANGE]
    prom = pts.loc[pts["family"] == "prom"].set_index(["team_id", "outcome"])
    ref = changes.loc[changes["n"] > 0].set_index(["team_id", "prom"])
    assert len(ref) > 0 and set(ref.index) == set(prom.index[prom["n"] > 0])
    got = prom.loc[ref.index]
    assert got["value"].to_numpy() == pytest.approx(ref["estimate"].to_numpy(dtype=float))
    assert got["n"].to_numpy() == pytest.approx(ref["n"].to_numpy(dtype=float))
    # the SD of the changes: the paired t's standard error × √n
    sd = ref["se"].to_numpy(dtype=float) * np.sqrt(ref["n"].to_numpy(dtype=float))
    assert got["sd"].to_numpy() == pytest.approx(sd)


def test_a_planted_outlier_team_is_flagged_on_the_demo(demo):
    """Team T03 informs 99 % of its patients at discharge in its after months (the others
    about 50 %): above the adjusted 99.8 % limits, favourable."""
    values = demo.indicator_values.copy()
    start = demo.teams.set_index("team_id")["start_date"]
    rows = (
        (values["team_id"] == "T03")
        & (values["indicator"] == "info_sortie")
        & (values["period"] >= start["T03"])
    )
    values.loc[rows, "numerator"] = np.floor(0.99 * values.loc[rows, "denominator"])
    values.loc[rows, "value"] = values.loc[rows, "numerator"] / values.loc[rows, "denominator"]
    tabs = funnel_tables(replace(demo, indicator_values=values))
    row = tabs.teams.query("outcome == 'info_sortie' and team_id == 'T03'").iloc[0]
    assert row["flag_998_adjusted"] == "above" and row["better"] == "higher"
    assert row["value"] > 95


# ---------------------------------------------------------------------- bad inputs
def test_too_few_teams_and_no_spread_give_rows_with_reasons():
    few = funnel_frame(_points([70, 71, 72], [100, 100, 100]))
    assert len(few.teams) == 3 and few.teams["target"].isna().all()
    assert set(few.teams["reason"]) == {"funnel_too_few_teams"}
    assert few.outcomes["reason"].iloc[0] == "funnel_too_few_teams"
    none = funnel_frame(_points(np.zeros(6), [100] * 6, kind="proportion", events=np.zeros(6)))
    assert set(none.teams["reason"]) == {"funnel_no_spread"}
    gap = funnel_frame(_points([70, 71, np.nan, 69, 70, 72, 71], [100, 0, 100, 100, 100, 100, 90]))
    assert gap.teams["reason"].tolist()[:4] == ["funnel_few_teams_overdispersion",
                                                "no_observations", "no_observations",
                                                "funnel_few_teams_overdispersion"]  # fmt: skip
    assert gap.outcomes["n_teams"].iloc[0] == 5 and gap.outcomes["target"].notna().all()
    assert gap.teams["flag_95"].tolist()[1:3] == ["", ""]
    for table in (few, none, gap):
        for code in table.teams["reason"]:
            assert set(reason_codes(code)) <= set(REASONS)


def test_bad_arguments_raise_and_empty_programmes_give_empty_tables(demo):
    with pytest.raises(ValueError, match="adjustment"):
        funnel_frame(_points([70] * 5, [100] * 5), adjustment="both")
    with pytest.raises(ValueError, match="min_teams"):
        funnel_frame(_points([70] * 5, [100] * 5), min_teams=1)
    with pytest.raises(ValueError, match="lacks"):
        funnel_frame(_points([70] * 5, [100] * 5).drop(columns="sd"))
    empty = replace(demo, indicator_values=demo.indicator_values.iloc[0:0],
                    prem_responses=demo.prem_responses.iloc[0:0],
                    prom_responses=demo.prom_responses.iloc[0:0])  # fmt: skip
    tabs = funnel_tables(empty)
    assert tabs.teams.empty and tabs.outcomes.empty
