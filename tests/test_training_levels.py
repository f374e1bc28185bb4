"""Levels 3 and 4 of the training evaluation on the programme's own data.

Level 3: the change of a trained team's barometer from the wave before its first training
to the wave after (impact.synthesis.training), on a hand-built fixture whose expected
change is computed here from first principles (scipy's paired t). Level 4: teams by
training exposure as a moderator of the pooled effects (impact.report.programme_training),
the meta-regression checked against a weighted least squares fit with the
random-effects weights (statsmodels), and the programme report's section.
"""

from __future__ import annotations

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
