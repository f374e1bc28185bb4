"""Tests that play the attacker: solve a hidden value back from what is published.

For each kind of aggregate, a small case has one hidden unit. The attack is first run on
the unprotected aggregate (it must succeed, so the test can fail), then on what the
publishing path (:func:`impact.report.privacy.publishable` and the report functions that
use it) publishes: it must fail. The strongest form of "fails": whatever the hidden value,
the published numbers are the same.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import least_squares

from impact.report.privacy import publishable, visible_role_groups
from impact.report.programme import programme_aggregates, programme_results
from impact.report.questionnaires import questionnaires_section
from impact.report.results import compute_tables
from impact.report.team import team_section, team_tables
from impact.synthesis.effects import team_effects
from impact.synthesis.pooling import pooled_effects
from questionnaire_data import small_patients

MIN_CELL = 10


def _effects(hidden_estimate: float) -> pd.DataFrame:
    """Six teams' effects of one outcome; team F has 6 people before (hidden)."""
    teams = list("ABCDEF")
    est = [0.40, 0.10, 0.55, -0.05, 0.30, hidden_estimate]
    se = [0.12, 0.15, 0.10, 0.20, 0.14, 0.11]
    return pd.DataFrame({
        "family": "prem", "outcome": "all", "team_id": teams, "measure": "mean difference",
        "estimate": est, "se": se, "ci_low": np.subtract(est, 1.96 * np.array(se)),
        "ci_high": np.add(est, 1.96 * np.array(se)), "scale": "identity", "p_value": 0.5,
        "n_before": [40, 35, 52, 28, 31, 6], "n_after": [38, 30, 49, 33, 29, 41], "n": pd.NA,
        "method": "", "reason": "", "better": "higher",
        "verdict": ["improved", "inconclusive", "improved", "inconclusive", "improved",
                    "improved" if hidden_estimate - 1.96 * 0.11 > 0 else "inconclusive"],
        "participation_level": ["information", "consultation", "information", "consultation",
                                "information", "consultation"],
        "ghu": ["Nord", "Nord", "Sud", "Sud", "Nord", "Sud"], "domain": "médecine",
        "participation_score": [0, 1, 0, 1, 0, 1],
    })  # fmt: skip


def _solve_hidden(shown: pd.DataFrame, row: pd.Series) -> float:
    """Solve (y, v) of one unseen team from the pooled estimate, its SE, Q and τ².

    First principles: the random-effects estimate is ``Σ w_i y_i / Σ w_i`` with
    ``w_i = 1/(v_i+τ²)``, its Hartung–Knapp variance ``Σ w_i (y_i − μ)² / ((k−1) Σ w_i)``
    (Hartung & Knapp 2001) and Cochran's Q ``Σ (y_i − ȳ_FE)²/v_i`` with ``ȳ_FE`` the
    inverse-variance mean (Borenstein et al. 2009, ch. 12 and 16); the shown teams give
    every other term. Least squares from several starts; the best fit is the answer.
    """
    y0 = shown["estimate"].to_numpy(float)
    v0 = shown["se"].to_numpy(float) ** 2
    mu, se, q, tau2 = (float(row[c]) for c in ("estimate", "se", "Q", "tau2"))

    def equations(x: np.ndarray) -> np.ndarray:
        y = np.append(y0, x[0])
        v = np.append(v0, np.exp(x[1]))
        w = 1 / (v + tau2)
        m = np.sum(w * y) / np.sum(w)
        fe = np.sum(y / v) / np.sum(1 / v)
        hk = np.sqrt(np.sum(w * (y - m) ** 2) / ((len(y) - 1) * np.sum(w)))
        return [m - mu, hk - se, np.sum((y - fe) ** 2 / v) - q]

    fits = [least_squares(equations, [y, np.log(v)]) for y in np.linspace(-2, 2, 9)
            for v in (0.005, 0.02, 0.08)]  # fmt: skip
    return float(min(fits, key=lambda f: f.cost).x[0])


def test_pooled_effect_attack_succeeds_unprotected_and_fails_published():
    truth = 0.90
    effects = _effects(truth)
    row = pooled_effects(effects).iloc[0]  # unprotected: every team pooled
    shown = effects.iloc[:5]
    got = _solve_hidden(shown, row)
    assert got == pytest.approx(truth, abs=0.01)  # the attack works on the old path

    published = [programme_aggregates(_effects(h), MIN_CELL)[:2] for h in (truth, -0.7)]
    (team_a, pooled_a), (team_b, pooled_b) = published
    assert team_a["suppressed"].tolist() == [False] * 5 + [True]
    assert np.isnan(team_a["estimate"].iloc[5])
    # whatever the hidden value, what is published is the same: nothing to solve from
    pd.testing.assert_frame_equal(pooled_a, pooled_b)
    pd.testing.assert_frame_equal(team_a, team_b)
    row = pooled_a.iloc[0]
    assert row["k"] == 5 and row["n_teams"] == 5
    # the counts of teams improved (verdict chart) leave the hidden team out too
    assert row["n_improved"] == 3
    # the attack on the published numbers gives one answer for two different truths
    answers = [_solve_hidden(shown, p.iloc[0]) for p in (pooled_a, pooled_b)]
    assert answers[0] == answers[1]


def test_subgroups_attack_succeeds_unprotected_and_fails_published():
    truth = 0.90
    from impact.synthesis.pooling import subgroup_effects

    def sud(analysis):
        g = analysis.groups
        return g.loc[g["ghu"] == "Sud"].iloc[0]

    effects = _effects(truth)
    open_row = sud(subgroup_effects(effects, ("ghu",))["ghu"])
    shown = effects.loc[(effects["ghu"] == "Sud") & (effects["team_id"] != "F")]
    got = _solve_hidden(shown, open_row)
    assert got == pytest.approx(truth, abs=0.01)

    groups = [programme_aggregates(_effects(h), MIN_CELL)[2] for h in (truth, -0.7)]
    for by in groups[0]:
        pd.testing.assert_frame_equal(groups[0][by].groups, groups[1][by].groups)
        pd.testing.assert_frame_equal(groups[0][by].tests, groups[1][by].tests)
    row = sud(groups[0]["ghu"])
    assert row["k"] == 2


def test_meta_regression_attack_succeeds_unprotected_and_fails_published():
    from impact.synthesis.pooling import moderator_effects

    truth = 0.90
    effects = _effects(truth)
    slope = moderator_effects(effects).iloc[0]
    # with τ² published, the slope and intercept are a weighted least-squares fit: the
    # hidden team's y solves the fitted intercept given its score (1) and the shown rows
    shown = effects.iloc[:5]

    def fitted(y_hidden: float, v_hidden: float) -> tuple[float, float]:
        y = np.append(shown["estimate"], y_hidden)
        x = np.append(shown["participation_score"], 1.0)
        w = 1 / (np.append(shown["se"] ** 2, v_hidden) + slope["tau2"])
        design = np.column_stack([np.ones_like(x), x])
        beta = np.linalg.solve(design.T @ (design * w[:, None]), design.T @ (w * y))
        return float(beta[0]), float(beta[1])

    # an attacker who knows the hidden team's SE (0.11) solves its effect from the slope
    res = least_squares(lambda p: [fitted(p[0], 0.11**2)[1] - slope["estimate"]], [0.3])
    assert res.x[0] == pytest.approx(truth, abs=0.01)

    published = [programme_aggregates(_effects(h), MIN_CELL)[3] for h in (truth, -0.7)]
    pd.testing.assert_frame_equal(published[0], published[1])
    assert published[0]["k"].iloc[0] == 5


def _barometer_changes(hidden_patients: bool) -> pd.DataFrame:
    """A team's "all respondents" barometer changes: 14 professionals, 5 patient side."""
    return pd.DataFrame({
        "team_id": "T1", "role_group": ["professionals", "patient_side"],
        "dimension": "global", "analysis": "all", "measure": "mean change",
        "n_group_before": [14, 5 if hidden_patients else 12], "n_group_after": [15, 12],
        "suppressed": [False, hidden_patients],
    })  # fmt: skip


def test_all_roles_team_effect_attack_succeeds_unprotected_and_fails_published():
    # the programme's barometer effect of a team weighs both role groups by their
    # first-wave shares (impact.barometer.scores.team_change): all = w·pro + (1−w)·pat
    w, pro, pat = 14 / 19, 0.30, 1.10
    all_roles = w * pro + (1 - w) * pat
    assert (all_roles - w * pro) / (1 - w) == pytest.approx(pat)  # the attack
    effects = pd.DataFrame({
        "family": "barometer", "outcome": "global", "team_id": ["T1"],
        "measure": "mean change (first-wave role mix)", "estimate": [all_roles], "se": 0.1,
        "ci_low": all_roles - 0.2, "ci_high": all_roles + 0.2, "scale": "identity",
        "n_before": [19], "n_after": [27], "n": pd.NA, "reason": "",
    })  # fmt: skip
    out = publishable(
        {"team_effects": effects, "barometer_changes": _barometer_changes(True)}, MIN_CELL
    )["team_effects"]
    assert out["suppressed"].tolist() == [True]
    assert out[["estimate", "ci_low", "ci_high", "se"]].isna().all(axis=None)
    shown = publishable(
        {"team_effects": effects, "barometer_changes": _barometer_changes(False)}, MIN_CELL
    )["team_effects"]
    assert shown["estimate"].iloc[0] == pytest.approx(all_roles)  # nothing hidden: shown


def _responses(patient_answers: list[int]) -> pd.DataFrame:
    pro = [3, 4, 2, 3, 3, 4, 4, 2, 3, 3, 4, 3, 2, 4]
    answers = pro + patient_answers
    roles = ["professionnel"] * len(pro) + ["patient"] * len(patient_answers)
    return pd.DataFrame({"role": roles, "wave": "T0", "x": answers})


def test_all_roles_chart_attack_succeeds_unprotected_and_fails_published():
    summary = pd.DataFrame({"role_group": ["professionals", "patient_side"], "wave": "T0",
                            "suppressed": [False, True]})  # fmt: skip
    patients = [1, 1, 2, 1, 2]
    responses = _responses(patients)
    pro = responses.loc[responses["role"] == "professionnel", "x"]
    # unprotected all-roles mean × n − professionals' mean × n_pro = the patient side
    n_all, n_pro = len(responses), len(pro)
    solved = (responses["x"].mean() * n_all - pro.mean() * n_pro) / (n_all - n_pro)
    assert solved == pytest.approx(np.mean(patients))

    shown = [visible_role_groups(_responses(p), summary) for p in (patients, [4, 4, 4, 3, 4])]
    (a, left_a), (b, left_b) = shown
    assert left_a == left_b == 1
    pd.testing.assert_frame_equal(a, b)  # the all-roles chart does not depend on them
    assert len(a) == n_pro  # all-roles n − n_pro = 0: nothing left to solve for


def _its(hidden_verdict: str) -> pd.DataFrame:
    return pd.DataFrame({
        "team_id": "T1", "indicator": ["chutes", "escarres", "plaintes"],
        "measure": "level change", "estimate": [-0.2, 0.1, -0.5], "n_before": 24,
        "n_after": 24, "verdict": ["improved", "inconclusive", hidden_verdict],
    })  # fmt: skip


def test_index_counts_and_programme_did_leave_a_hidden_indicator_out():
    indicators = pd.DataFrame({
        "team_id": "T1", "indicator": ["chutes", "escarres", "plaintes"],
        "measure": "rate ratio", "estimate": [0.8, 1.1, 0.5], "n_before": [120, 80, 4],
        "n_after": [110, 85, 3],
    })  # fmt: skip
    did_programme = pd.DataFrame({"indicator": ["chutes", "plaintes"], "measure": "ATT",
                                  "estimate": [-0.1, -0.4], "n": [20, 20]})  # fmt: skip
    unprotected = _its("improved")
    # the index counts a team's verdicts; the team report shows every shown verdict:
    # the count minus the shown ones would give the hidden indicator's verdict
    improved_shown = (unprotected["verdict"].iloc[:2] == "improved").sum()
    assert (unprotected["verdict"] == "improved").sum() - improved_shown == 1  # the attack
    published = [
        publishable(
            {"indicators": indicators, "its": _its(v), "did_programme": did_programme}, MIN_CELL
        )  # fmt: skip
        for v in ("improved", "worsened")
    ]
    for out in published:
        its = out["its"]
        assert its["suppressed"].tolist() == [False, False, True]
        assert np.isnan(its["estimate"].iloc[2])
        # the index counts the rows with an estimate (impact.report.results.headlines)
        assert its.loc[its["estimate"].notna(), "verdict"].tolist() == ["improved", "inconclusive"]
        # an aggregate over the teams that cannot be recomputed here is hidden with them
        assert out["did_programme"]["suppressed"].tolist() == [False, True]
        assert np.isnan(out["did_programme"]["estimate"].iloc[1])


@pytest.mark.parametrize(("parts", "left"), [([25, 4, 31], 4), ([3, 4, 31], 7)])
def test_parts_beside_their_total_attack_succeeds_unprotected_and_fails_published(parts, left):
    # e.g. the RE-AIM barometer respondents: the total is shown beside each role group
    total = sum(parts)
    small = np.array([0 < n < MIN_CELL for n in parts])
    # hiding the small parts only: the total minus the shown parts is a group of people
    # under the minimum (one hidden part, or several adding up to fewer than min_cell)
    solved = total - sum(n for n, h in zip(parts, small, strict=True) if not h)
    assert solved == left and 0 < solved < MIN_CELL  # the attack
    table = pd.DataFrame({"total": "barometer_respondents", "n": parts})
    out = publishable({"reaim_parts": table}, MIN_CELL)["reaim_parts"]
    hidden = out["suppressed"].to_numpy(dtype=bool)
    assert (
        out.loc[hidden, "n"].isna().all()
        and (out.loc[~hidden, "n"] == np.array(parts)[~hidden]).all()
    )
    rest = total - sum(n for n, h in zip(parts, hidden, strict=True) if not h)
    assert hidden.sum() >= 2 and rest >= MIN_CELL  # no group under the minimum left


def _questionnaire_changes(hidden_patients: bool) -> pd.DataFrame:
    """A team's "all respondents" changes of a questionnaire's global score: 14
    professionals, 5 (hidden) or 12 on the patient side."""
    return _barometer_changes(hidden_patients).drop(columns="suppressed")


def test_questionnaire_all_roles_team_effect_attack_succeeds_unprotected_and_fails_published():
    # as the barometer's: all = w·pro + (1−w)·pat, so pat = (all − w·pro)/(1 − w)
    w, pro, pat = 14 / 19, 0.30, 1.10
    all_roles = w * pro + (1 - w) * pat
    assert (all_roles - w * pro) / (1 - w) == pytest.approx(pat)  # the attack
    effects = pd.DataFrame({
        "family": ["questionnaire", "questionnaire", "barometer"],
        "outcome": ["qvt.global", "experience_pp.global", "global"], "team_id": "T1",
        "measure": "mean change (first-wave role mix)", "estimate": all_roles, "se": 0.1,
        "ci_low": all_roles - 0.2, "ci_high": all_roles + 0.2, "scale": "identity",
        "n_before": 19, "n_after": 27, "n": pd.NA, "reason": "",
    })  # fmt: skip
    out = publishable({"team_effects": effects,
                       "questionnaires": {"qvt": {"changes": _questionnaire_changes(True)},
                                          "experience_pp": {
                                              "changes": _questionnaire_changes(False)}}},
                      MIN_CELL)["team_effects"]  # fmt: skip
    # qvt's hidden patients hide qvt's all-roles effect, not another questionnaire's
    assert out["suppressed"].tolist() == [True, False, False]
    assert out.loc[0, ["estimate", "ci_low", "ci_high", "se"]].isna().all()
    # and the barometer's hidden group hides the barometer's effect only
    out = publishable({"team_effects": effects, "barometer_changes": _barometer_changes(True)},
                      MIN_CELL)["team_effects"]  # fmt: skip
    assert out["suppressed"].tolist() == [False, False, True]


def test_questionnaire_hidden_group_cannot_be_recovered_from_anything_published():
    # T01's 5 patients are hidden (14 professionals shown). Unprotected, the team's
    # all-roles change moves with their answers: the attack has something to solve
    low, high = small_patients(1), small_patients(5)
    open_low = team_effects(low, families=("questionnaire",))["estimate"]
    assert not np.allclose(open_low, team_effects(high, families=("questionnaire",))["estimate"])
    # published, whatever they answered, everything is the same: the questionnaire's
    # tables, its section and the summary of the team report, the pooled effects
    published = []
    for prog in (low, high):
        run = compute_tables(prog, ["T01"], programme_did=False)
        tables = publishable({"questionnaires": run.questionnaires}, MIN_CELL)["questionnaires"]
        page = "\n".join(questionnaires_section(prog, "T01", min_cell=MIN_CELL))
        team = team_tables(prog, "T01", min_cell=MIN_CELL)
        summary = "\n".join(team_section(team, "summary"))
        pooled = programme_results(prog, min_cell=MIN_CELL, n_boot=19).pooled
        published.append((tables["qvt"], page, summary,
                          pooled.loc[pooled["family"] == "questionnaire"]))  # fmt: skip
    (tables_a, page_a, summary_a, pooled_a), (tables_b, page_b, summary_b, pooled_b) = published
    for name in ("summary", "changes", "gaps", "joint"):
        pd.testing.assert_frame_equal(tables_a[name], tables_b[name])
    assert page_a == page_b and summary_a == summary_b
    pd.testing.assert_frame_equal(pooled_a, pooled_b)
    assert len(pooled_a) == 4  # the professionals' change is pooled: 3 dimensions, global
