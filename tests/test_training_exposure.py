"""Training exposure per team (impact.training.exposure), checked on a fixture by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from impact.training.exposure import EXPOSURE_COLUMNS, team_exposure

SESSIONS = pd.DataFrame({
    "session": ["S1", "S2", "S3", "S4", "S5", "S6"],
    "training": "fpp",
    "date": pd.to_datetime(["2024-03-04", "2024-02-01", "2024-06-10", "2024-09-02",
                            "2023-01-09", "2024-03-04"]),
    "end_date": pd.to_datetime(["2024-03-05", None, None, None, None, "2024-03-08"]),
    "team_id": ["T01", None, None, "T03", "X99", None],
    "hours": [14.0, 7.0, 7.0, 3.5, 7.0, 21.0],
})  # fmt: skip
PEOPLE = pd.DataFrame([
    ("S1", "P1", "professionnel", "T01"),
    ("S1", "P2", "patient partenaire", "T01"),
    ("S3", "P1", "professionnel", "T01"),       # P1 again, another session
    ("S2", "P3", "professionnel", "T02"),
    ("S2", "P4", "professionnel", "T02"),       # two members, one session
    ("S5", "P9", "professionnel", "X99"),       # not a programme team
    ("S2", "P8", "patient partenaire", None),   # no team
    ("S6", "P7", "patient partenaire", "T05"),  # starts the same day as S1, ends later
], columns=["session", "participant", "role", "team_id"])  # fmt: skip
TEAMS = ["T01", "T02", "T03", "T04", "T05"]


@pytest.fixture(scope="module")
def exposure() -> pd.DataFrame:
    return team_exposure(SESSIONS, PEOPLE, TEAMS).set_index("team_id")


def test_columns_and_one_row_per_team_in_order():
    out = team_exposure(SESSIONS, PEOPLE, TEAMS)
    assert list(out.columns) == list(EXPOSURE_COLUMNS)
    assert out["team_id"].tolist() == TEAMS


def test_trained_and_sessions_by_hand(exposure):
    # T01: its own session S1 and P1's open session S3; T02: S2; T03: S4 trains the team
    # with no participant listed; T04: nothing; T05: S6
    assert exposure["trained"].to_dict() == {"T01": True, "T02": True, "T03": True,
                                             "T04": False, "T05": True}  # fmt: skip
    assert exposure["n_sessions"].to_dict() == {"T01": 2, "T02": 1, "T03": 1, "T04": 0, "T05": 1}


def test_dose_counts_each_distinct_session_once(exposure):
    # T01: 14 (S1) + 7 (S3) = 21; T02: two members at S2 (7 h) make 7, not 14; T03: 3.5
    assert exposure["hours"].to_dict() == {"T01": 21.0, "T02": 7.0, "T03": 3.5, "T04": 0.0,
                                           "T05": 21.0}  # fmt: skip


def test_first_training_and_its_last_day(exposure):
    first = exposure["first_training"].dt.strftime("%Y-%m-%d").fillna("")
    end = exposure["first_training_end"].dt.strftime("%Y-%m-%d").fillna("")
    assert first.to_dict() == {"T01": "2024-03-04", "T02": "2024-02-01", "T03": "2024-09-02",
                               "T04": "", "T05": "2024-03-04"}  # fmt: skip
    # S1 ends the next day; a session without end_date ends on its first day
    assert end.to_dict() == {"T01": "2024-03-05", "T02": "2024-02-01", "T03": "2024-09-02",
                             "T04": "", "T05": "2024-03-08"}  # fmt: skip


def test_people_counted_once_by_role(exposure):
    # T01: P1 (twice) and P2; T02: P3, P4; T03: none listed; P8 (no team) and P9 (X99) nowhere
    assert exposure["n_trained"].to_dict() == {"T01": 2, "T02": 2, "T03": 0, "T04": 0, "T05": 1}
    assert exposure["n_professionals"].to_dict() == {"T01": 1, "T02": 2, "T03": 0, "T04": 0,
                                                     "T05": 0}  # fmt: skip
    assert exposure["n_patient_partners"].to_dict() == {"T01": 1, "T02": 0, "T03": 0, "T04": 0,
                                                        "T05": 1}  # fmt: skip


def test_a_session_without_hours_leaves_the_dose_unknown():
    sessions = SESSIONS.assign(hours=[14.0, np.nan, 7.0, 3.5, 7.0, 21.0])
    out = team_exposure(sessions, PEOPLE, ["T01", "T02", "T04"]).set_index("team_id")
    assert out.loc["T01", "hours"] == 21.0
    assert np.isnan(out.loc["T02", "hours"])
    assert out.loc["T04", "hours"] == 0.0  # not trained: no dose, not an unknown one


def test_dates_as_text_and_no_end_date_column():
    sessions = SESSIONS.drop(columns="end_date").assign(date=["2024-03-04", "2024-02-01",
        "2024-06-10", "2024-09-02", "2023-01-09", "2024-03-04"])  # fmt: skip
    out = team_exposure(sessions, PEOPLE, ["T01"]).iloc[0]
    assert out["first_training"] == pd.Timestamp("2024-03-04")
    assert out["first_training_end"] == pd.Timestamp("2024-03-04")


def test_a_programme_without_training_tables():
    out = team_exposure(pd.DataFrame(), pd.DataFrame(), ["T01", "T02"])
    assert out["trained"].tolist() == [False, False]
    assert out["hours"].tolist() == [0.0, 0.0] and out["n_trained"].tolist() == [0, 0]
    assert out["first_training"].isna().all()


def test_bad_input_raises():
    with pytest.raises(ValueError, match="distinct"):
        team_exposure(SESSIONS, PEOPLE, ["T01", "T01"])
    with pytest.raises(ValueError, match=r"sessions lacks the column\(s\) \['hours'\]"):
        team_exposure(SESSIONS.drop(columns="hours"), PEOPLE, TEAMS)
