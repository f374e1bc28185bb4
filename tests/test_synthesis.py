"""Programme synthesis (impact.synthesis.pooling, impact.report.reaim).

References:

- the demo programme's truth table (``Programme.truth``, documented in
  :func:`impact.demo.programme.demo_programme`): the per-team true effects the pooled effects must
  recover, on the same scale (rate ratios compared on the log scale: the pooled ratio is
  ``exp`` of the mean log ratio, so the truth's counterpart is the geometric mean);
- random-effects pooling is :func:`impact.stats.meta.pool` (reference-tested against metafor in
  tests/test_meta.py); here the first-principles checks are that a common-effect pool of
  equal-SE estimates is their mean, and that pooling by outcome equals pooling each
  outcome alone;
- RE-AIM: Glasgow RE, Vogt TM, Boles SM (1999), "Evaluating the public health impact of
  health promotion interventions: the RE-AIM framework", *Am J Public Health*
  89:1322–1327 — counts checked on a hand-made programme.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import impact
from activity_indicators import with_activity_indicators
from impact.indicators.periods import compare_periods
from impact.report.outcomes import outcome_labels
from impact.report.reaim import reaim_summary
from impact.stats.meta import pool, regression
from impact.synthesis.effects import PARTICIPATION_LEVELS, team_attributes, team_effects
from impact.synthesis.pooling import moderator_effects, pooled_effects, subgroup_effects

SEED = 11


@pytest.fixture(scope="module")
def demo() -> impact.Programme:
    return impact.demo_programme(n_teams=60, seed=SEED)


@pytest.fixture(scope="module")
def effects(demo) -> pd.DataFrame:
    return team_effects(demo)


@pytest.fixture(scope="module")
def pooled(effects) -> pd.DataFrame:
    return pooled_effects(effects)


def truth_means(programme: impact.Programme) -> pd.Series:
    """Mean true effect per (family, outcome) on the analysis scale (log for ratios).

    The PREM truth ``prem:global`` is the overall score (outcome ``all``). The barometer's
    global score is the mean over all items, so its true change is the mean of the
    dimensions' true changes weighted by their numbers of items (no truth row of its own).
    """
    tr = programme.truth
    ratio = tr["scale"] == "ratio"
    y = tr["true_effect"].where(~ratio, np.log(tr["true_effect"].where(ratio, 1.0)))
    outcome = np.where(tr["family"] == "prem", "all", tr["code"])
    frame = tr.assign(y=y, outcome=outcome)
    means = frame.groupby(["family", "outcome"])["y"].mean()
    items = programme.barometer_items["dimension"].value_counts()
    per_team = frame[frame["family"] == "barometer"].pivot(
        index="team_id", columns="code", values="y"
    )
    means[("barometer", "global")] = float(
        (per_team[items.index] * items / items.sum()).sum(axis=1).mean()
    )
    return means


# --------------------------------------------------------------------- team effects
def test_team_effects_has_every_family_and_the_team_attributes(demo, effects):
    assert set(effects["family"]) == {"indicator", "barometer", "questionnaire", "prem", "prom"}
    for col in (
        "family",
        "outcome",
        "team_id",
        "estimate",
        "se",
        "scale",
        "better",
        "verdict",
        "participation_level",
        "participation_score",
        "ghu",
        "domain",
        "intervention_mode",
        "duration_months",
    ):
        assert col in effects.columns
    # one row per family × outcome × team
    assert not effects.duplicated(["family", "outcome", "team_id"]).any()
    # indicators: ITS level changes, rates on the log scale, count indicators left out
    ind = effects[effects["family"] == "indicator"]
    assert set(ind["measure"]) == {"level change"}
    assert set(ind.loc[ind["kind"] == "rate", "scale"]) == {"log"}
    # (count indicators left out: test_team_effects_leave_count_indicators_out)
    # ITS counts are months; n_* count the people of the before/after windows, as in the
    # team's before/after table (so that the same small cells are hidden)
    assert (ind["months_before"] > 0).all()
    periods = compare_periods(demo).set_index(["team_id", "indicator"])
    expected = periods["n_before"].reindex(pd.MultiIndex.from_frame(ind[["team_id", "outcome"]]))
    assert ind["n_before"].tolist() == expected.tolist()
    # participation score = position of the level
    score = effects["participation_level"].map({lv: i for i, lv in enumerate(PARTICIPATION_LEVELS)})
    assert (score == effects["participation_score"]).all()


def test_team_effects_leave_count_indicators_out():
    # the default catalogue has no count indicator since issue 14: one in the programme's
    # own catalogue (patient partners per month) describes activity, not an effect
    small = impact.demo_programme(n_teams=3, n_comparison=2, seed=SEED)
    counted = with_activity_indicators(small, "n_patients_partenaires")
    table = team_effects(counted, families=("indicator",))
    assert set(table["outcome"]) == set(small.indicators["code"])
    assert "n_patients_partenaires" in set(counted.indicators["code"])


def test_team_effects_periods_option_uses_compare_periods(demo):
    table = team_effects(demo, indicator_method="periods", families=("indicator",))
    assert set(table["family"]) == {"indicator"}
    assert table["method"].str.contains("q-value").all()
    assert table["n_before"].notna().any()
    with pytest.raises(ValueError, match="indicator_method"):
        team_effects(demo, indicator_method="naive")
    with pytest.raises(ValueError, match="families"):
        team_effects(demo, families=("indicators",))


def test_team_attributes_duration_is_start_to_end_or_end_of_data():
    prog = impact.demo_programme(n_teams=6, n_comparison=1, seed=5)
    attrs = team_attributes(prog).set_index("team_id")
    teams = prog.teams.set_index("team_id")
    last = prog.indicator_values["period"].max()
    for tid in prog.team_ids:
        start, end = teams.loc[tid, "start_date"], teams.loc[tid, "end_date"]
        stop = end if pd.notna(end) and end <= last else last
        months = (stop.year - start.year) * 12 + stop.month - start.month
        assert attrs.loc[tid, "duration_months"] == months


# --------------------------------------------------------------------- pooled effects
OUTCOMES = [
    ("indicator", c)
    for c in (
        "dms",
        "plaintes",
        "info_sortie",
        "rehospit_30j",
        "qvt",
        "esatis_global",
        "delai_rdv",
    )
]
OUTCOMES += [
    ("barometer", c)
    for c in ("co_expression", "co_construction", "co_mise_en_oeuvre", "co_decision", "global")
]
OUTCOMES += [("prem", "all"), ("prom", "eq_vas"), ("prom", "douleur_nrs")]


@pytest.mark.parametrize(("family", "outcome"), OUTCOMES)
def test_pooled_effect_recovers_the_mean_true_effect(demo, pooled, family, outcome):
    # issue 6: "The pooled programme effect recovers the demo programme's true mean
    # effect within its interval" — on the truth's scale (ratios: geometric mean).
    truth = truth_means(demo)[(family, outcome)]
    row = pooled[(pooled["family"] == family) & (pooled["outcome"] == outcome)].iloc[0]
    assert row["k"] >= 50
    if row["scale"] == "log":
        truth = np.exp(truth)
    assert row["ci_low"] <= truth <= row["ci_high"], (row["estimate"], truth)


def test_pooled_effects_equal_pooling_each_outcome_alone(effects, pooled):
    block = effects[(effects["family"] == "indicator") & (effects["outcome"] == "plaintes")]
    alone = pool(block, hartung_knapp=True).iloc[0]
    row = pooled[(pooled["family"] == "indicator") & (pooled["outcome"] == "plaintes")].iloc[0]
    for col in ("estimate", "ci_low", "ci_high", "pi_low", "pi_high", "tau2", "I2", "Q"):
        assert row[col] == pytest.approx(alone[col], rel=1e-12)
    assert row["scale"] == "log" and row["estimate"] > 0


def hand_table() -> pd.DataFrame:
    """Two outcomes: a difference (higher is better) and a ratio (lower is better)."""
    return pd.DataFrame({
        "family": ["barometer"] * 4 + ["indicator"] * 5,
        "outcome": ["global"] * 4 + ["plaintes"] * 5,
        "team_id": ["A", "B", "C", "D", "A", "B", "C", "D", "E"],
        "estimate": [0.5, 0.1, -0.2, 0.3, 0.8, 0.9, 1.2, 0.7, np.nan],
        "se": [0.1] * 4 + [0.05] * 4 + [np.nan],
        "scale": ["identity"] * 4 + ["log"] * 5,
        "ci_low": [0.3, -0.1, -0.4, 0.1, 0.72, 0.82, 1.08, 0.63, np.nan],
        "ci_high": [0.7, 0.3, -0.01, 0.5, 0.88, 0.99, 1.32, 0.77, np.nan],
        "better": ["higher"] * 4 + ["lower"] * 5,
        "verdict": ["improved", "inconclusive", "worsened", "improved",
                    "improved", "improved", "worsened", "improved", "inconclusive"],
    })  # fmt: skip


def test_share_improved_on_a_hand_made_table():
    out = pooled_effects(hand_table(), method="FE", hartung_knapp=False).set_index("outcome")
    baro, rate = out.loc["global"], out.loc["plaintes"]
    assert (baro["n_teams"], baro["n_improved"], baro["n_worsened"]) == (4, 2, 1)
    assert baro["share_improved"] == pytest.approx(0.5)
    assert baro["share_worsened"] == pytest.approx(0.25)
    assert baro["share_favourable"] == pytest.approx(0.75)  # 0.5, 0.1, 0.3 > 0
    # team E has no estimate: not counted among the teams
    assert (rate["n_teams"], rate["n_improved"], rate["n_worsened"]) == (4, 3, 1)
    assert rate["share_improved"] == pytest.approx(0.75)
    assert rate["share_favourable"] == pytest.approx(0.75)  # ratios below 1
    # first principles: the common-effect pool of equal-SE estimates is their mean
    assert baro["estimate"] == pytest.approx(0.175)
    expected = np.exp(np.mean(np.log([0.8, 0.9, 1.2, 0.7])))
    assert rate["estimate"] == pytest.approx(expected)
    assert rate["verdict"] == "improved"  # interval wholly below 1, lower is better


def test_pooled_effects_checks_its_input():
    with pytest.raises(ValueError, match="verdict"):
        pooled_effects(hand_table().drop(columns="verdict"))


# ------------------------------------------------------- subgroups and meta-regression
def test_moderator_slope_on_participation_level_is_favourable(effects):
    mods = moderator_effects(effects).set_index(["family", "outcome"])
    # the demo's true effects grow with the participation level (LEVEL_WEIGHT)
    glob = mods.loc[("barometer", "global")]
    assert glob["estimate"] > 0 and glob["ci_low"] > 0
    prem = mods.loc[("prem", "all")]
    assert prem["estimate"] > 0 and prem["ci_low"] > 0
    # lower is better for length of stay: the slope is negative, hence favourable
    dms = mods.loc[("indicator", "dms")]
    assert dms["ci_high"] < 0 and dms["verdict"] == "favourable"
    # rate ratios: the slope is on the log scale, its exp a ratio per level
    rate = mods.loc[("indicator", "plaintes")]
    assert rate["ratio"] == pytest.approx(np.exp(rate["estimate"]))
    for family in ("indicator", "barometer", "prem", "prom"):
        assert (mods.loc[family, "verdict"] == "favourable").any()


def test_moderator_effects_equal_meta_regression(effects):
    block = effects[(effects["family"] == "barometer") & (effects["outcome"] == "global")]
    direct = regression(
        block.reset_index(drop=True), ["participation_score"], hartung_knapp=True
    ).coefficients.iloc[1]
    row = moderator_effects(effects).set_index(["family", "outcome"]).loc[("barometer", "global")]
    assert row["estimate"] == pytest.approx(direct["estimate"], rel=1e-12)
    assert row["ci_low"] == pytest.approx(direct["ci_low"], rel=1e-12)


def test_subgroups_by_participation_level_keep_the_ordinal_order(effects):
    res = subgroup_effects(effects, ("participation_level", "ghu"))
    assert set(res) == {"participation_level", "ghu"}
    groups = res["participation_level"].groups
    glob = groups[(groups["family"] == "barometer") & (groups["outcome"] == "global")]
    assert glob["participation_level"].tolist() == list(PARTICIPATION_LEVELS)
    # the demo's effect grows with the level: the between-subgroup test sees it
    tests = res["participation_level"].tests
    row = tests[
        (tests["family"] == "barometer")
        & (tests["outcome"] == "global")
        & tests["test"].str.contains("separate")
    ].iloc[0]
    assert row["p_value"] < 0.05
    assert glob["estimate"].iloc[-1] > glob["estimate"].iloc[0]
    with pytest.raises(ValueError, match="not a column"):
        subgroup_effects(effects, ("hospital_size",))


def test_outcome_labels_in_both_languages(demo):
    fr, en = outcome_labels(demo, "fr"), outcome_labels(demo, "en")
    assert fr[("indicator", "dms")] == "Durée moyenne de séjour"
    assert en[("prem", "all")] == "Overall score"
    assert en[("barometer", "global")] == "Global score"


# ------------------------------------------------------------------------- RE-AIM
def hand_programme(partners: list[int]) -> impact.Programme:
    """Four teams (two GHUs of three known) with hand-set attributes, one comparison unit,
    and barometer answers of 12 professionals and 3 patients (team T1) at T0 and T1."""
    base = impact.demo_programme(n_teams=4, n_comparison=1, seed=1)
    teams = base.teams.copy()
    teams["ghu"] = ["GHU A", "GHU A", "GHU B", "GHU B", "GHU C"]
    teams["hospital"] = ["H1", "H2", "H2", "H3", "H9"]
    teams["participation_level"] = [
        "information",
        "consultation",
        "consultation",
        "co-décision",
        pd.NA,
    ]
    teams["domain"] = ["soins", "soins", "recherche", "soins", pd.NA]
    teams["n_patient_partners"] = pd.array([*partners, 0], dtype="Int64")
    rows = []
    for wave in ("T0", "T1"):
        for k in range(15):
            role = "professionnel" if k < 12 else "patient"
            for j, item in enumerate(("CD1", "CD2", "CD3")):
                score = (k + j) % 5 if wave == "T1" else (k + j) % 3
                rows.append({"team_id": "T01", "wave": wave, "respondent": f"R{k:02d}",
                             "role": role, "assessment": "auto", "item": item,
                             "score": score})  # fmt: skip
    baro = pd.DataFrame(rows).astype({"score": "Int64"})
    return replace(
        base,
        teams=teams,
        barometer_responses=baro,
        indicator_values=base.indicator_values.iloc[:0],
        prem_responses=base.prem_responses.iloc[:0],
        prom_responses=base.prom_responses.iloc[:0],
        partnership_activity=base.partnership_activity.iloc[:0],
    )


def test_reaim_counts_on_a_hand_made_programme():
    prog = hand_programme([3, 4, 2, 6])
    out = reaim_summary(prog, lang="en").set_index("measure")
    assert list(out["dimension"].unique()) == [
        "reach",
        "adoption",
        "implementation",
        "effectiveness",
        "maintenance",
    ]
    assert out.loc["patient_partners", "value"] == 15
    assert "3.8 per team on average (median 3.5)" in out.loc["patient_partners", "detail"]
    assert out.loc["teams", "value"] == 4
    assert "1 comparison units" in out.loc["teams", "detail"]
    assert out.loc["hospitals", "value"] == 3
    assert out.loc["ghu", "value"] == 2
    assert out.loc["ghu_share", "value"] == pytest.approx(200 / 3)
    assert out.loc["domains", "value"] == 2
    assert out.loc["domains", "detail"] == "care (3), research (1)"
    levels = [out.loc[f"level:{lv}", "value"] for lv in PARTICIPATION_LEVELS]
    assert levels == [1, 2, 0, 1]
    # 15 barometer respondents shown; 3 patients hidden, and so the 12 professionals
    # (secondary suppression: 15 − 12 would give the 3 away)
    assert out.loc["barometer_respondents", "value"] == 15
    assert out.loc["barometer_respondents", "detail"] == "professionals: < 10; patient side: < 10"
    # co-décision at the last wave (T1): mean of the 15 respondents' mean item score
    k = np.arange(15)
    expected = np.mean([np.mean([(kk + j) % 5 for j in range(3)]) for kk in k])
    assert out.loc["codecision", "value"] == pytest.approx(expected)
    assert out.loc["codecision", "detail"].startswith("15 respondents")
    assert "< 10" in out.loc["codecision", "detail"]
    # no T2 wave: maintenance not measured
    assert np.isnan(out.loc["barometer_later", "value"])
    assert "not measured" in out.loc["barometer_later", "detail"]
    # no partnership activity: no participation rate row
    assert "participation_rate" not in out.index


def test_reaim_suppresses_small_counts_of_people():
    out = reaim_summary(hand_programme([1, 2, 3, 2]), lang="fr").set_index("measure")
    assert np.isnan(out.loc["patient_partners", "value"])
    assert out.loc["patient_partners", "suppressed"]
    # nor its mean per team, which times the 4 teams would give the total back
    assert out.loc["patient_partners", "detail"] == "< 10"
    # counts of teams are not people: shown however small
    assert out.loc["teams", "value"] == 4 and not out.loc["teams", "suppressed"]
    assert out.loc["level:information", "value"] == 1
    # with a larger minimum the 15 respondents are hidden too
    big = reaim_summary(hand_programme([3, 4, 2, 6]), min_cell=20).set_index("measure")
    for measure in ("patient_partners", "barometer_respondents", "codecision"):
        assert np.isnan(big.loc[measure, "value"]), measure
    assert (big.loc[big["people"], "value"].dropna() >= 20).all()
    with pytest.raises(ValueError, match="min_cell"):
        reaim_summary(hand_programme([3, 4, 2, 6]), min_cell=0)


def test_reaim_on_the_demo_has_effectiveness_and_maintenance(demo, pooled):
    out = reaim_summary(demo, pooled, lang="en").set_index("measure")
    assert out.loc["teams", "value"] == 60
    total = demo.teams.loc[~demo.teams["comparison"].astype(bool), "n_patient_partners"].sum()
    assert out.loc["patient_partners", "value"] == total
    for family in ("indicator", "barometer", "prem", "prom"):
        row = out.loc[f"family:{family}"]
        assert row["value"] == (pooled[pooled["family"] == family]["verdict"] == "improved").sum()
    # about a third of the demo's teams have a T2 wave: maintenance is measured
    assert np.isfinite(out.loc["barometer_later", "value"])
    # the attendance rate comes from partnership_activity (issue 14: a process measure,
    # no longer a care indicator): Σ attended / Σ held over every partner-month
    activity = demo.partnership_activity
    rate = out
    expected = 100 * activity["meetings_attended"].sum() / activity["meetings_held"].sum()
    assert rate.loc["participation_rate", "value"] == pytest.approx(expected)
