"""Partnership activity, partner retention and support dose (impact.steering).

Expected values are written by hand from first principles for tiny tables; the
Kaplan–Meier references are a hand product-limit, Greenwood's variance and the log-log
interval computed here from the hand-counted risk sets (Kalbfleisch & Prentice 2002,
§1.4), and statsmodels' SurvfuncRight, which the code does not call.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from statsmodels.duration.survfunc import SurvfuncRight
from statsmodels.stats.proportion import proportion_confint

from impact.steering import (
    activity_by_month,
    activity_summary,
    partner_retention,
    partner_spells,
    support_dose,
)
from impact.steering.survival import km_at

Z = stats.norm.ppf(0.975)


def _activity() -> pd.DataFrame:
    """T1 recorded Jan–Apr 2024 (March: nobody active), T2 Jan–Feb 2024.

    T1: a (patient) Jan, Feb, Apr — a gap in March, censored in April; b (proche-aidant)
    Jan only — leaves; c (association) and d (patient) new in April, censored.
    T2: x active Jan–Feb, censored in Feb.
    """
    rows = [
        # team, month, partner, role, mode, paid, held, attended, hours
        ("T1", "2024-01", "a", "patient", "CREX", True, 2, 2, 4.0),
        ("T1", "2024-01", "b", "proche-aidant", None, False, 2, 1, 2.0),
        ("T1", "2024-02", "a", "patient", "CREX", None, 1, 1, None),
        ("T1", "2024-04", "a", "patient", "parcours", True, 3, 3, 6.0),
        ("T1", "2024-04", "c", "association", "parcours", True, 3, 2, 3.0),
        ("T1", "2024-04", "d", "patient", "parcours", False, 2, 3, 1.0),
        ("T2", "2024-01", "x", "patient", "CREX", False, 1, 1, 2.0),
        ("T2", "2024-02", "x", "patient", "CREX", False, 1, 0, 2.0),
    ]
    frame = pd.DataFrame(rows, columns=["team_id", "month", "partner", "role", "mode", "paid",
                                        "meetings_held", "meetings_attended", "hours"])  # fmt: skip
    frame["month"] = pd.to_datetime(frame["month"])
    frame["paid"] = frame["paid"].astype("boolean")
    frame["meetings_held"] = frame["meetings_held"].astype("Int64")
    frame["meetings_attended"] = frame["meetings_attended"].astype("Int64")
    return frame


def test_activity_by_month_counts_partners_moves_meetings_and_hours_by_hand():
    out = activity_by_month(_activity())
    t1 = out.loc[out["team_id"] == "T1"].set_index(out.loc[out["team_id"] == "T1", "month"]
                                                   .dt.strftime("%Y-%m"))  # fmt: skip
    assert t1.index.tolist() == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert t1["partners"].tolist() == [2, 1, 0, 3]
    assert t1["partners_patient"].tolist() == [1, 1, 0, 2]
    assert t1["partners_proche_aidant"].tolist() == [1, 0, 0, 0]
    assert t1["partners_association"].tolist() == [0, 0, 0, 1]
    # new: a, b in Jan (first month of the team: everyone is new); c, d in April
    assert t1["new_partners"].tolist() == [2, 0, 0, 2]
    # b leaves after January; a's gap in March does not end a's spell
    assert t1["leaving_partners"].tolist() == [1, 0, 0, 0]
    # a, c, d are active in the team's last recorded month: censored, not leaving
    assert t1["censored_partners"].tolist() == [0, 0, 0, 3]
    # April: partners said 3, 3 and 2 meetings held → 3; d's 3 attended of 2 stays 3 ≤ 3
    assert t1["meetings_held"].iloc[[0, 1, 3]].tolist() == [2, 1, 3]
    assert np.isnan(t1.loc["2024-03", "meetings_held"])
    # participation: Jan (2 + 1)/(2·2) = 0.75; Feb 1/1; Apr (3 + 2 + 3)/(3·3) = 8/9
    assert_allclose(t1["participation_rate"].iloc[[0, 1, 3]], [0.75, 1.0, 8 / 9])
    assert t1["meetings_offered"].iloc[[0, 1, 3]].tolist() == [4, 1, 9]
    assert np.isnan(t1.loc["2024-03", "participation_rate"])
    # hours: Jan 4 + 2; Feb none given; Apr 6 + 3 + 1
    assert t1.loc["2024-01", "hours"] == 6 and t1.loc["2024-04", "hours"] == 10
    assert np.isnan(t1.loc["2024-02", "hours"])
    assert_allclose(t1["hours_per_partner"].iloc[[0, 3]], [3.0, 10 / 3])
    assert_allclose(t1.loc["2024-04", "hours_sd"], np.std([6, 3, 1], ddof=1))
    # paid: Jan 1 of 2; Feb unknown; Apr 2 of 3
    assert_allclose(t1["paid_share"].iloc[[0, 3]], [0.5, 2 / 3])
    assert np.isnan(t1.loc["2024-02", "paid_share"])
    assert t1["mode_crex"].tolist() == [1, 1, 0, 0]
    assert t1["mode_parcours"].tolist() == [0, 0, 0, 3]
    assert t1["reason"].tolist() == ["", "hours_missing", "no_active_partner",
                                     "meetings_disagree"]  # fmt: skip
    t2 = out.loc[out["team_id"] == "T2"]
    assert t2["censored_partners"].tolist() == [0, 1]
    assert t2["leaving_partners"].tolist() == [0, 0]


def test_partner_spells_keep_gaps_inside_and_censor_the_last_month():
    s = partner_spells(_activity()).set_index(["team_id", "partner"])
    # a: Jan → Apr = 4 months (3 active, March is a gap), still active at the end
    assert s.loc[("T1", "a"), "duration"] == 4
    assert s.loc[("T1", "a"), "active_months"] == 3
    assert not s.loc[("T1", "a"), "left"]
    assert s.loc[("T1", "b"), "duration"] == 1 and s.loc[("T1", "b"), "left"]
    assert s.loc[("T1", "c"), "role"] == "association"
    assert not s.loc[("T2", "x"), "left"]


# --- Kaplan–Meier ----------------------------------------------------------------------

#: Eight spells (months, True = left): risk sets counted by hand below.
DURATIONS = [2, 3, 3, 5, 7, 8, 12, 14]
LEFT = [True, True, False, True, False, True, True, False]


def _hand_km(steps):
    """S, Greenwood relative variance Σ d/(n(n − d)) and the log-log interval from the
    (n at risk, d events) of each event time up to t."""
    s = math.prod(1 - d / n for n, d in steps)
    v = sum(d / (n * (n - d)) for n, d in steps)
    half = Z * math.sqrt(v) / abs(math.log(s))
    return s, s * math.sqrt(v), s ** math.exp(half), s ** math.exp(-half)


def test_kaplan_meier_matches_a_hand_product_limit_greenwood_and_log_log_interval():
    # event times ≤ 6: t=2 (n 8, d 1), t=3 (n 7, d 1: the spell censored at 3 is still at
    # risk), t=5 (n 5, d 1) → S(6) = 7/8 · 6/7 · 4/5 = 0.6
    # then t=8 (n 3: 7 censored) and t=12 (n 2) → S(12) = 0.6 · 2/3 · 1/2 = 0.2
    six = _hand_km([(8, 1), (7, 1), (5, 1)])
    twelve = _hand_km([(8, 1), (7, 1), (5, 1), (3, 1), (2, 1)])
    assert six[0] == pytest.approx(0.6) and twelve[0] == pytest.approx(0.2)
    out = km_at(DURATIONS, LEFT, np.zeros(8, int), (6, 12))
    assert_allclose(out[["estimate", "se", "ci_low", "ci_high"]].to_numpy(),
                    np.array([six, twelve]), rtol=1e-12)  # fmt: skip
    assert out["n_at_risk"].tolist() == [4, 2]  # spells of at least 6 and 12 months
    assert out["n_events"].tolist() == [3, 5]
    # statsmodels' product-limit and Greenwood SE at the same times
    sf = SurvfuncRight(np.array(DURATIONS), np.array(LEFT, dtype=int))
    at = [np.searchsorted(sf.surv_times, t, side="right") - 1 for t in (6, 12)]
    assert_allclose(out["estimate"], sf.surv_prob[at], rtol=1e-12)
    assert_allclose(out["se"], sf.surv_prob_se[at], rtol=1e-12)


def test_kaplan_meier_groups_are_computed_apart_and_follow_up_limits_hold():
    # group 1: the same spells; group 0: three spells, the longest censored at 4
    time = [1, 2, 4, *DURATIONS]
    event = [True, False, False, *LEFT]
    group = [0, 0, 0] + [1] * 8
    out = km_at(time, event, group, (3, 6))
    g0, g1 = out.loc[out["group"] == 0], out.loc[out["group"] == 1]
    # S(3) = 1 − 1/3; S(6) not estimable: nobody followed 6 months
    assert g0["estimate"].iloc[0] == pytest.approx(2 / 3)
    assert np.isnan(g0["estimate"].iloc[1]) and not g0["defined"].iloc[1]
    assert g1["estimate"].iloc[1] == pytest.approx(0.6)


def test_partner_retention_per_team_and_pooled_from_activity():
    # T1: p1 Jan–Mar 2024 leaves (3 months), p2 Jan–Jun (6 months, censored: the team's
    # last month), p3 Feb only (1 month, leaves); T2: q1 Jan–Feb leaves, q2 Jan–Jun censored
    spells = {("T1", "p1"): (1, 3), ("T1", "p2"): (1, 6), ("T1", "p3"): (2, 2),
              ("T2", "q1"): (1, 2), ("T2", "q2"): (1, 6)}  # fmt: skip
    rows = [(t, f"2024-{m:02d}", p) for (t, p), (a, b) in spells.items() for m in range(a, b + 1)]
    act = pd.DataFrame(rows, columns=["team_id", "month", "partner"]).assign(
        month=lambda d: pd.to_datetime(d["month"]), role="patient", meetings_held=1,
        meetings_attended=1)  # fmt: skip
    out = partner_retention(act, times=(2, 3))
    t1 = out.loc[out["team_id"] == "T1"].set_index("time")
    # T1 durations 3 (left), 6 (censored), 1 (left): S(2) = 1 − 1/3; S(3) = 2/3 · (1 − 1/2)
    assert_allclose(t1["estimate"], [2 / 3, 1 / 3])
    pooled = out.loc[out["level"] == "programme"].set_index("time")
    # pooled durations 3L 6C 1L 2L 6C: t=1 (5, 1), t=2 (4, 1), t=3 (3, 1)
    assert_allclose(pooled["estimate"], [4 / 5 * 3 / 4, 4 / 5 * 3 / 4 * 2 / 3])
    assert (pooled["team_id"] == "").all() and pooled["n"].tolist() == [5, 5]
    assert out["method"].str.contains("Kaplan-Meier").all()


# --- summary and support ---------------------------------------------------------------


def test_participation_interval_is_wilson_newcombe_1998():
    # Newcombe (1998, Stat Med 17:857-872), Table I: 81/263, score interval 0.2553-0.3662
    act = pd.DataFrame({"team_id": "T1", "month": pd.to_datetime(["2024-01-01"]),
                        "partner": ["a"], "role": "patient", "meetings_held": [263],
                        "meetings_attended": [81]})  # fmt: skip
    row = activity_summary(act).iloc[0]
    assert row["participation_rate"] == pytest.approx(81 / 263)
    assert row["participation_low"] == pytest.approx(0.2553, abs=5e-5)
    assert row["participation_high"] == pytest.approx(0.3662, abs=5e-5)
    low, high = proportion_confint(81, 263, method="wilson")
    assert_allclose([row["participation_low"], row["participation_high"]], [low, high])


def test_activity_summary_by_hand_with_support_and_absent_teams():
    sup = pd.DataFrame({
        "team_id": ["T1", "T1", "T1", "T2"],
        "month": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01", "2024-01-01"]),
        "kind": ["formation-action", "accompagnement", "accompagnement", "accompagnement"],
        "sessions": [1, 2, 1, 1], "hours": [3.0, 1.5, 1.0, None],
    })  # fmt: skip
    out = activity_summary(_activity(), sup, teams=["T1", "T2", "T9"]).set_index("team_id")
    t1 = out.loc["T1"]
    assert t1["partners"] == 4 and t1["partners_patient"] == 2
    assert t1["months"] == 4 and t1["mean_active"] == pytest.approx((2 + 1 + 0 + 3) / 4)
    # attendances 3 + 1 + 8 of 4 + 1 + 9 offered
    assert t1["participation_rate"] == pytest.approx(12 / 14)
    # hours 16 over the 5 partner-months with hours (a's February has none)
    assert t1["hours_per_partner_month"] == pytest.approx(16 / 5)
    assert t1["paid_share"] == pytest.approx(3 / 5)
    assert t1["sessions_total"] == 4 and t1["hours_total"] == pytest.approx(5.5)
    assert t1["sessions_accompagnement"] == 3
    assert t1["reason"] == "hours_missing;follow_up_too_short"
    t2 = out.loc["T2"]
    assert np.isnan(t2["hours_total"]) and np.isnan(t2["hours_accompagnement"])
    assert "support_hours_missing" in t2["reason"]
    t9 = out.loc["T9"]
    assert t9["partners"] == 0 and np.isnan(t9["participation_rate"])
    assert t9["sessions_total"] == 0 and t9["hours_total"] == 0
    assert t9["reason"] == "no_activity;no_support"


def test_support_dose_counts_only_months_before_until_and_never_a_silent_zero():
    sup = pd.DataFrame({
        "team_id": ["A", "A", "A", "B"],
        "month": pd.to_datetime(["2024-01-01", "2024-03-01", "2024-05-01", "2024-02-01"]),
        "kind": ["formation-action", "communauté de pratique", "accompagnement",
                 "accompagnement"],
        "sessions": [2, 1, 4, 1], "hours": [6.0, None, 4.0, 2.0],
    })  # fmt: skip
    all_ = support_dose(sup).set_index("team_id")
    assert all_.loc["A", "sessions_total"] == 7
    assert all_.loc["A", "hours_formation_action"] == 6.0
    assert np.isnan(all_.loc["A", "hours_communaute_pratique"])
    assert np.isnan(all_.loc["A", "hours_total"])
    assert all_.loc["A", "reason"] == "support_hours_missing"
    assert all_.loc["B", "hours_total"] == 2.0 and all_.loc["B", "reason"] == ""
    # until 2024-03-15: the months before March only (January for A, February for B)
    early = support_dose(sup, until="2024-03-15").set_index("team_id")
    assert early.loc["A", "sessions_total"] == 2 and early.loc["A", "hours_total"] == 6.0
    assert early.loc["A", "reason"] == ""
    with pytest.raises(ValueError, match="Unknown support kind"):
        support_dose(sup.assign(kind="coaching"))


def test_bad_arguments_raise():
    with pytest.raises(ValueError, match="times"):
        partner_retention(_activity(), times=(0,))
    with pytest.raises(ValueError, match="lacks column"):
        activity_by_month(_activity().drop(columns="partner"))


def test_tables_not_supplied_give_empty_results_or_zero_rows():
    """A programme read without these tables holds column-less empty frames."""
    assert activity_by_month(pd.DataFrame()).empty
    assert partner_retention(pd.DataFrame()).empty
    assert support_dose(pd.DataFrame()).empty
    out = activity_summary(pd.DataFrame(), teams=["T1"])
    assert out["partners"].tolist() == [0] and out["reason"].tolist() == ["no_activity"]
