"""Levels 3 and 4 of the training evaluation on the programme's own data.

Level 3: the change of a trained team's barometer from the wave before its first training
to the wave after (impact.synthesis.training), on a hand-built fixture whose expected
change is computed here from first principles (scipy's paired t). Level 4: teams by
training exposure as a moderator of the pooled effects (impact.report.programme_training),
the meta-regression checked against a weighted least squares fit with the
random-effects weights (statsmodels), and the programme report's section.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from impact.synthesis.training import barometer_after_training, training_waves

# ------------------------------------------------------------------ level 3 fixture
ITEMS = pd.DataFrame({
    "item": ["a1", "a2", "b1"], "dimension": ["dA", "dA", "dB"],
    "scale_min": 0, "scale_max": 4, "reverse": False,
})  # fmt: skip
#: Scores (a1, a2, b1) of each respondent at each wave of T01; R4 answers T0 only, R5 T2
#: only. T1 straddles the training (answers on both sides): it is neither before nor after.
T01 = {
    ("T0", "2024-01-15"): {"R1": (1, 2, 1), "R2": (2, 2, 3), "R3": (0, 1, 2), "R4": (3, 3, 3),
                           "P1": (1, 1, 0), "P2": (2, 1, 1)},
    ("T1", "2024-05-30"): {"R1": (2, 2, 2), "R2": (2, 3, 3)},
    ("T1", "2024-06-10"): {"R3": (1, 1, 1), "P1": (2, 2, 2)},
    ("T2", "2025-01-20"): {"R1": (3, 3, 2), "R2": (2, 4, 3), "R3": (2, 2, 4), "R5": (4, 4, 4),
                           "P1": (2, 3, 1), "P2": (3, 3, 2)},
}  # fmt: skip
FIRST, LAST = pd.Timestamp("2024-06-03"), pd.Timestamp("2024-06-04")


def _rows(team: str, waves: dict, *, undated: bool = False) -> list[dict]:
    rows = []
    for (wave, date), people in waves.items():
        for who, values in people.items():
            role = "professionnel" if who.startswith("R") else "patient"
            for item, score in zip(ITEMS["item"], values, strict=True):
                rows.append({"team_id": team, "wave": wave, "respondent": f"{team}-{who}",
                             "role": role, "assessment": "auto", "item": item, "score": score,
                             "date": None if undated else date})  # fmt: skip
    return rows


def _responses() -> pd.DataFrame:
    before = {("T0", "2024-01-15"): T01[("T0", "2024-01-15")]}
    rows = _rows("T01", T01)
    # the team's joint assessment, dated: does not change which waves bracket the training
    rows += [{"team_id": "T01", "wave": "T2", "respondent": "T01-CONJ", "role": None,
              "assessment": "conjointe", "item": i, "score": 2, "date": "2025-01-22"}
             for i in ITEMS["item"]]  # fmt: skip
    rows += _rows("T02", {("T0", "2023-03-01"): before[("T0", "2024-01-15")],
                          ("T1", "2024-02-01"): before[("T0", "2024-01-15")]})  # fmt: skip
    rows += _rows("T03", T01)  # not trained
    rows += _rows("T05", T01, undated=True)
    t06 = _rows("T06", T01)
    for row in t06:  # T2 undated: T0 is before, nothing is after
        if row["wave"] == "T2":
            row["date"] = None
    return pd.DataFrame(rows + t06)


EXPOSURE = pd.DataFrame({
    "team_id": ["T01", "T02", "T03", "T04", "T05", "T06"],
    "trained": [True, True, False, True, True, True],
    "first_training": [FIRST, FIRST, pd.NaT, FIRST, FIRST, FIRST],
    "first_training_end": [LAST, LAST, pd.NaT, LAST, LAST, LAST],
})  # fmt: skip


def test_the_waves_that_bracket_the_training_and_the_reasons():
    waves = training_waves(_responses(), EXPOSURE).set_index("team_id")
    assert waves.loc["T01", ["wave_before", "wave_after", "reason"]].tolist() == ["T0", "T2", ""]
    assert waves["reason"].to_dict() == {
        "T01": "",
        "T02": "no_wave_after_training",  # both waves before the training
        "T03": "not_trained",
        "T04": "no_barometer_data",
        "T05": "undated_answers",  # no wave could be placed
        "T06": "no_wave_after_training;undated_answers",
    }
    assert waves.loc["T02", "wave_before"] == "T1"  # the last wave before
    assert waves.loc["T06", "wave_before"] == "T0" and pd.isna(waves.loc["T06", "wave_after"])


def test_a_session_of_several_days_and_an_answer_during_it():
    """An answer given on the training's last day is neither before nor after."""
    responses = pd.DataFrame({"team_id": "T01", "wave": ["T0", "T1", "T2"],
                              "date": ["2024-06-02", "2024-06-04", "2024-06-05"]})  # fmt: skip
    waves = training_waves(responses, EXPOSURE.iloc[:1]).iloc[0]
    assert (waves["wave_before"], waves["wave_after"]) == ("T0", "T2")
    # without a date column no answer is dated
    reason = training_waves(responses.drop(columns="date"), EXPOSURE.iloc[:1])["reason"]
    assert reason.tolist() == ["undated_answers"]


def _mean(values, cols) -> float:
    return float(np.mean([values[c] for c in cols]))


def test_the_change_after_training_by_hand():
    table = barometer_after_training(_responses(), ITEMS, EXPOSURE)
    t01 = table.loc[table["team_id"] == "T01"]
    assert set(t01["wave_before"]) == {"T0"} and set(t01["wave_after"]) == {"T2"}
    assert (t01["first_training"] == FIRST).all()
    before, after = T01[("T0", "2024-01-15")], T01[("T2", "2025-01-20")]
    for dim, cols in (("dA", [0, 1]), ("global", [0, 1, 2])):
        # professionals present at both waves: R1, R2, R3 (R4 and R5 answered once)
        diff = [_mean(after[r], cols) - _mean(before[r], cols) for r in ("R1", "R2", "R3")]
        ref = stats.ttest_rel([_mean(after[r], cols) for r in ("R1", "R2", "R3")],
                              [_mean(before[r], cols) for r in ("R1", "R2", "R3")])  # fmt: skip
        se = np.std(diff, ddof=1) / np.sqrt(3)
        q = stats.t.ppf(0.975, 2)
        row = t01.loc[(t01["role_group"] == "professionals") & (t01["dimension"] == dim)
                      & (t01["analysis"] == "paired")
                      & (t01["measure"] == "mean change")].iloc[0]  # fmt: skip
        assert_allclose(row[["estimate", "ci_low", "ci_high", "p_value"]].astype(float),
                        [np.mean(diff), np.mean(diff) - q * se, np.mean(diff) + q * se,
                         ref.pvalue])  # fmt: skip
        assert row["n"] == 3 and row["n_paired"] == 3
        assert row["n_only_before"] == 1 and row["n_only_after"] == 1
        # all professionals: mean after (R1, R2, R3, R5) − mean before (R1, R2, R3, R4)
        every = t01.loc[(t01["role_group"] == "professionals") & (t01["dimension"] == dim)
                        & (t01["analysis"] == "all")].iloc[0]  # fmt: skip
        expected = np.mean([_mean(after[r], cols) for r in ("R1", "R2", "R3", "R5")]) - np.mean(
            [_mean(before[r], cols) for r in ("R1", "R2", "R3", "R4")]
        )
        assert_allclose(every["estimate"], expected)
    # the patient side (P1, P2 at both waves), global score
    diff = [_mean(after[p], [0, 1, 2]) - _mean(before[p], [0, 1, 2]) for p in ("P1", "P2")]
    row = t01.loc[
        (t01["role_group"] == "patient_side")
        & (t01["dimension"] == "global")
        & (t01["analysis"] == "paired")
        & (t01["measure"] == "mean change")
    ]
    assert_allclose(row["estimate"], [np.mean(diff)])
    # the joint assessment is not a self-assessment: no group of its own
    assert set(t01["role_group"]) == {"professionals", "patient_side"}


def test_teams_without_bracketing_waves_get_one_row_with_its_reason():
    table = barometer_after_training(_responses(), ITEMS, EXPOSURE)
    rest = table.loc[table["team_id"] != "T01"]
    assert rest["team_id"].tolist() == ["T02", "T03", "T04", "T05", "T06"]  # exposure order
    assert rest["estimate"].isna().all()
    assert rest["reason"].tolist() == ["no_wave_after_training", "not_trained",
                                       "no_barometer_data", "undated_answers",
                                       "no_wave_after_training;undated_answers"]  # fmt: skip
    assert table["team_id"].iloc[0] == "T01"


def test_the_change_uses_the_barometer_change_of_the_two_waves():
    """The same rows as the barometer's own change between T0 and T2 of that team."""
    from impact.barometer.scores import changes, scores

    responses = _responses()
    t01 = responses.loc[responses["team_id"] == "T01"]
    direct = changes(scores(t01, ITEMS), waves=("T0", "T2"))
    table = barometer_after_training(responses, ITEMS, EXPOSURE.iloc[:1])
    cols = ["role_group", "dimension", "analysis", "measure", "estimate", "ci_low", "ci_high",
            "p_value", "n_before", "n_after", "method"]  # fmt: skip
    pd.testing.assert_frame_equal(table[cols], direct[cols])


def test_a_missing_team_column_in_by_raises():
    with pytest.raises(ValueError, match="team_id"):
        barometer_after_training(_responses(), ITEMS, EXPOSURE, by=("dimension",))


# ------------------------------------------------------------- the demo's answer dates
def test_the_demo_dates_its_barometer_answers_along_its_timeline():
    from impact.demo import demo_programme

    prog = demo_programme(n_teams=12, n_comparison=2, seed=5)
    answers = prog.barometer_responses
    assert answers["date"].notna().all()
    # one day per respondent and wave
    assert answers.groupby(["team_id", "wave", "respondent"])["date"].nunique().eq(1).all()
    days = (answers["date"] - answers["team_id"].map(
        prog.teams.set_index("team_id")["start_date"])).dt.days  # fmt: skip
    t0 = answers["wave"] == "T0"
    assert days[t0].between(-28, -1).all()  # T0 in the four weeks before the start
    assert (days[~t0] >= 0).all()
    # waves in order, none after the demo's last month (2026-06)
    spans = answers.groupby(["team_id", "wave"])["date"].agg(["min", "max"]).reset_index()
    for _, team in spans.groupby("team_id"):
        assert (team["min"].iloc[1:].to_numpy() > team["max"].iloc[:-1].to_numpy()).all()
    assert answers["date"].max() <= pd.Timestamp("2026-06-30")


# -------------------------------------------------------------- level 4: the moderator
EFFECTS = pd.DataFrame({
    "family": "barometer", "outcome": "global", "better": "higher", "scale": "identity",
    "team_id": [f"T{i:02d}" for i in range(1, 11)],
    "estimate": [0.42, 0.10, 0.55, 0.31, -0.05, 0.22, 0.61, 0.08, 0.37, 0.15],
    "se": [0.12, 0.15, 0.20, 0.10, 0.18, 0.09, 0.25, 0.14, 0.11, 0.16],
})  # fmt: skip
#: Hours of training of each team (0: not trained; T09's session has no hours).
HOURS = [14.0, 0.0, 21.0, 7.0, 0.0, 7.0, 28.0, 0.0, np.nan, 3.5]
TEAM_EXPOSURE = pd.DataFrame({"team_id": EFFECTS["team_id"], "trained": [h != 0 for h in HOURS],
                              "hours": HOURS})  # fmt: skip


def _reml_tau2(y: np.ndarray, v: np.ndarray, X: np.ndarray) -> float:
    """REML τ² by direct maximisation of the restricted log-likelihood (Viechtbauer 2005,
    eq. 9; what metafor's rma(method = "REML") maximises), bounded at 0."""
    from scipy.optimize import minimize_scalar

    def minus_ll(tau2: float) -> float:
        w = 1 / (v + tau2)
        xtwx = X.T @ (X * w[:, None])
        b = np.linalg.solve(xtwx, X.T @ (w * y))
        r = y - X @ b
        return 0.5 * (np.sum(np.log(v + tau2)) + np.linalg.slogdet(xtwx)[1] + np.sum(w * r**2))

    return float(minimize_scalar(minus_ll, bounds=(0, 10), method="bounded",
                                 options={"xatol": 1e-12}).x)  # fmt: skip


def _hk_wls(y: np.ndarray, v: np.ndarray, X: np.ndarray):
    """The mixed-effects model with Hartung–Knapp: weighted least squares with the
    random-effects weights 1/(v + τ²). statsmodels' WLS scale Σw·r²/(k − p) is the
    Knapp–Hartung factor (untruncated, as metafor's test = "knha") and its t tests use
    k − p df: metafor::rma(yi, vi, mods = ~ x, test = "knha")."""
    import statsmodels.api as sm

    tau2 = _reml_tau2(y, v, X)
    return sm.WLS(y, X, weights=1 / (v + tau2)).fit(), tau2


def test_exposure_joins_status_and_dose_in_days():
    from impact.report.programme_training import DOSE, STATUS, exposure_effects

    rows = exposure_effects(EFFECTS, TEAM_EXPOSURE.iloc[:-1])  # T10 has no exposure row
    assert rows[STATUS].astype(str).tolist() == [
        "trained", "not_trained", "trained", "trained", "not_trained", "trained", "trained",
        "not_trained", "trained", "not_trained",
    ]  # fmt: skip
    assert_allclose(rows[DOSE], [2.0, 0.0, 3.0, 1.0, 0.0, 1.0, 4.0, 0.0, np.nan, np.nan])


def test_dose_meta_regression_matches_wls_with_random_effects_weights():
    from impact.report.programme_training import exposure_effects, training_dose

    row = training_dose(exposure_effects(EFFECTS, TEAM_EXPOSURE)).iloc[0]
    known = ~np.isnan(HOURS)  # T09, dose unknown, is left out
    y, v = EFFECTS["estimate"].to_numpy()[known], EFFECTS["se"].to_numpy()[known] ** 2
    X = np.column_stack([np.ones(known.sum()), np.array(HOURS)[known] / 7])
    fit, tau2 = _hk_wls(y, v, X)
    assert row["k"] == 9 and row["moderator"] == "training_days"
    assert_allclose(row["tau2"], tau2, atol=1e-6)
    assert_allclose(row[["intercept", "estimate", "se", "p_value"]].astype(float),
                    [fit.params[0], fit.params[1], fit.bse[1], fit.pvalues[1]],
                    rtol=1e-4, atol=1e-6)  # fmt: skip
    assert_allclose(row[["ci_low", "ci_high"]].astype(float), fit.conf_int()[1], rtol=1e-4)


def test_trained_and_untrained_pooled_apart_match_separate_random_effects_fits():
    from impact.report.programme_training import exposure_effects, training_subgroups

    analysis = training_subgroups(exposure_effects(EFFECTS, TEAM_EXPOSURE))
    groups = analysis.groups.set_index("training_status")
    assert groups.index.tolist() == ["trained", "not_trained"]  # report order
    trained = np.array(HOURS) != 0
    mus, ses = [], []
    for name, mask in (("trained", trained), ("not_trained", ~trained)):
        y, v = EFFECTS["estimate"].to_numpy()[mask], EFFECTS["se"].to_numpy()[mask] ** 2
        fit, tau2 = _hk_wls(y, v, np.ones((mask.sum(), 1)))  # intercept only: the pool
        row = groups.loc[name]
        assert row["k"] == mask.sum()
        assert_allclose(row[["estimate", "se", "ci_low", "ci_high"]].astype(float),
                        [fit.params[0], fit.bse[0], *fit.conf_int()[0]], rtol=1e-4)  # fmt: skip
        mus.append(fit.params[0])
        ses.append(fit.bse[0])
    # between-subgroup Q (separate τ²; Borenstein et al. 2009, ch. 19) on 1 df
    w = 1 / np.array(ses) ** 2
    q = np.sum(w * (np.array(mus) - np.sum(w * mus) / np.sum(w)) ** 2)
    test = analysis.tests.loc[analysis.tests["test"].str.contains("separate")].iloc[0]
    assert_allclose([test["statistic"], test["p_value"]], [q, stats.chi2.sf(q, 1)], rtol=1e-4)


def test_no_subgroups_or_regression_without_contrast():
    from impact.report.programme_training import (
        exposure_effects,
        training_dose,
        training_subgroups,
    )

    everyone = TEAM_EXPOSURE.assign(trained=True, hours=7.0)
    rows = exposure_effects(EFFECTS, everyone)
    assert training_subgroups(rows) is None and training_dose(rows) is None


# ------------------------------------------------------ the demo with trained teams
def _with_training(prog, teams: list[str], hours: list[float], *, days: int = 40):
    """``prog`` whose ``teams`` each had one formation-action ``days`` after their start
    (between the demo's T0, before the start, and its T1, about a year later)."""
    from dataclasses import replace

    start = prog.teams.set_index("team_id")["start_date"]
    sessions = pd.DataFrame({
        "session": [f"S{k:02d}" for k in range(len(teams))], "training": "fpp", "title": "",
        "date": [start[team] + pd.Timedelta(days=days) for team in teams],
        "end_date": [start[team] + pd.Timedelta(days=days + 1) for team in teams],
        "place": "", "team_id": teams, "trainer": "", "hours": hours, "objectives": "",
    })  # fmt: skip
    people = pd.DataFrame(
        {
            "session": sessions["session"],
            "participant": [f"P{k:02d}" for k in range(len(teams))],
            "role": "professionnel",
            "team_id": teams,
        }
    )
    return replace(prog, training_sessions=sessions, training_participants=people)


@pytest.fixture(scope="module")
def trained_demo():
    from impact.demo import demo_programme

    prog = demo_programme(n_teams=12, n_comparison=0, seed=3)
    teams = prog.team_ids[::2]
    return _with_training(prog, teams, [7.0, 14.0, 21.0, 14.0, 28.0, 3.5])


@pytest.fixture(scope="module")
def programme_fr(trained_demo):
    from impact.report.programme import programme_results

    return programme_results(trained_demo, lang="fr", min_cell=5)


def _text(parts) -> str:
    import html

    page = "\n".join(str(p) for p in parts)
    return html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<style>.*?</style>", "", page,
                                                        flags=re.S)))  # fmt: skip


def test_the_programme_report_shows_the_training_section(programme_fr):
    from impact.report.programme_training import training_section

    text = _text(training_section(programme_fr))
    effects = programme_fr.team_effects
    visible = effects.loc[~effects["suppressed"], "team_id"].unique()
    trained = set(programme_fr.programme.training_sessions["team_id"])
    n = len(set(visible) & trained)
    assert f"{n} des {len(visible)} équipes analysées ont suivi" in text
    assert "durée médiane : 14,0 h" in text  # 3.5, 7, 14, 14, 21, 28
    assert "la formation n'a pas été attribuée au hasard" in text
    assert "formées" in text and "pas encore formées" in text
    assert "Pente par journée de formation (7 h)" in text


def test_a_hidden_team_is_in_no_training_aggregate(programme_fr):
    from dataclasses import replace

    from impact.report.programme_training import training_section

    effects = programme_fr.team_effects.copy()
    effects.loc[effects["team_id"] == "T01", "suppressed"] = True  # a trained team
    visible = effects.loc[~effects["suppressed"], "team_id"].nunique()
    text = _text(training_section(replace(programme_fr, team_effects=effects)))
    before = _text(training_section(programme_fr))
    assert f"des {visible} équipes analysées" in text
    # 6 trained and 6 untrained teams pooled on the overall PREM score; T01 is left out
    row = r"Score global \(expérience patient\)\s+\S+\s+\(k = (\d)\)\s+\S+\s+\(k = (\d)\)"
    assert re.search(row, before).groups() == ("6", "6")
    assert re.search(row, text).groups() == ("5", "6")


def test_the_section_in_english_and_without_training(programme_fr):
    from dataclasses import replace

    from impact.report.programme_training import training_section

    english = _text(training_section(replace(programme_fr, lang="en")))
    assert "Caution: training was not assigned at random" in english
    assert "not yet trained" in english
    none = replace(programme_fr.programme, training_sessions=pd.DataFrame(),
                   training_participants=pd.DataFrame())  # fmt: skip
    text = _text(training_section(replace(programme_fr, programme=none)))
    assert "aucune équipe analysée n'a suivi de session de formation" in text


def test_the_notebook_has_the_training_cell():
    import nbformat

    from impact.report.programme_training import training_section

    path = Path(__file__).resolve().parents[1] / "notebooks" / "programme_report.ipynb"
    cells = [c.source for c in nbformat.read(path, as_version=4).cells]
    assert sum("training_section(results)" in c for c in cells) == 1
    assert callable(training_section)


# ------------------------------------------------ level 3 in the team report's block
def test_the_team_block_shows_the_change_after_training(trained_demo):
    from impact.barometer.scores import changes, scores
    from impact.report.formatting import format_number
    from impact.report.training_barometer import barometer_after_training_html

    html = barometer_after_training_html(trained_demo, "T01", "fr", 3)
    text = _text([html])
    start = trained_demo.teams.set_index("team_id").loc["T01", "start_date"]
    day = (start + pd.Timedelta(days=40)).strftime("%d/%m/%Y")
    assert f"Première formation de l'équipe le {day} : la vague T0" in text
    assert "est comparée à la vague T1" in text
    assert "n'est pas l'effet de la seule formation" in text
    answers = trained_demo.barometer_responses
    direct = changes(scores(answers.loc[answers["team_id"] == "T01"],
                            trained_demo.barometer_items))  # fmt: skip
    row = direct.loc[(direct["role_group"] == "professionals") & (direct["dimension"] == "global")
                     & (direct["analysis"] == "all")].iloc[0]  # fmt: skip
    assert format_number(row["estimate"], lang="fr", digits=2, sign=True) in text


def test_the_team_block_hides_small_groups_and_says_why_it_is_missing(trained_demo):
    from dataclasses import replace

    from impact.report.training_barometer import barometer_after_training_html

    text = _text([barometer_after_training_html(trained_demo, "T01", "fr", 1000)])
    assert "moins de 1000 personnes" in text and "±" not in text
    assert "Variation, tous" not in text  # no table
    assert barometer_after_training_html(trained_demo, "T02", "fr", 3) == ""  # not trained
    # a training after the team's last wave: no wave after it
    late = _with_training(trained_demo, ["T01"], [7.0], days=2000)
    text = _text([barometer_after_training_html(late, "T01", "en", 3)])
    assert "not computed: no barometer wave all of whose answers follow the first" in text
    undated = replace(trained_demo, barometer_responses=trained_demo.barometer_responses.assign(
        date=pd.NaT))  # fmt: skip
    text = _text([barometer_after_training_html(undated, "T01", "fr", 3)])
    assert "réponses au baromètre sans date" in text
