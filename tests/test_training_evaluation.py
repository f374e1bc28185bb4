"""impact.training.evaluation: every table of a training evaluation from the contract's tables.

The fixture (tests/training_data.py) is built by hand: its counts are read from its
construction; the statistics are recomputed here from the raw answers (scipy), the
level functions being tested on their own in tests/test_training_*.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from impact.training.evaluation import ALL_ROLES, EVALUATION_TABLES, evaluation_tables
from training_data import QUIZ, training_frames

_ORDER = ("training_sessions", "training_participants", "training_answers", "training_items")


@pytest.fixture(scope="module")
def frames():
    return training_frames()


def _tables(frames, **kwargs):
    return evaluation_tables(*(frames[k] for k in _ORDER), **kwargs)


def test_every_table_is_there_in_the_order_of_the_levels(frames):
    out = _tables(frames)
    assert tuple(out) == EVALUATION_TABLES
    assert all(len(table) for table in out.values())


def test_who_was_trained_by_training_and_role(frames):
    table = _tables(frames)["participants"].set_index(["training", "role"])
    # formation_pp: sessions S1 and S3, 14 people each (4 patient partners), 14 h;
    # formation_action: S2, 14 people (4 patient partners), 21 h
    assert table.loc[("formation_pp", "patient partenaire"), "n"] == 8
    assert table.loc[("formation_pp", "professionnel"), "n"] == 20
    assert table.loc[("formation_pp", ALL_ROLES), ["n", "n_sessions"]].tolist() == [28, 2]
    assert table.loc[("formation_pp", ALL_ROLES), "hours"] == 14.0
    assert table.loc[("formation_action", ALL_ROLES), "person_hours"] == 14 * 21.0
    by_session = _tables(frames, by=("training", "session"))["participants"]
    assert by_session.loc[by_session["role"] == ALL_ROLES, "n"].tolist() == [14, 14, 14]


def _scores(frames) -> pd.DataFrame:
    """Each participant's share of right answers before and after, marked here."""
    answers = frames["training_answers"]
    quiz = answers[answers["item"].isin(QUIZ)].copy()
    quiz["right"] = [a == QUIZ[i][0] for a, i in zip(quiz["answer"], quiz["item"], strict=True)]
    return quiz.pivot_table(index="participant", columns="moment", values="right", aggfunc="mean")


def test_the_quiz_change_is_the_paired_t_of_the_participants_seen_twice(frames):
    out = _tables(frames)
    scores = _scores(frames)
    pairs = scores.dropna()
    change = pairs["après"] - pairs["avant"]
    row = out["quiz_change"].set_index("measure").loc["mean change"]
    assert row["n"] == 24  # 12 paired participants in each of the two sessions
    assert row["n_only_before"] == 2 and row["n_only_after"] == 2
    assert_allclose(row["estimate"], change.mean())
    assert_allclose(row["p_value"], stats.ttest_rel(pairs["après"], pairs["avant"]).pvalue)
    gain = out["normalised_gain"].set_index("measure").iloc[0]
    # Hake (1998): (<post> - <pre>) / (1 - <pre>)
    expected = (pairs["après"].mean() - pairs["avant"].mean()) / (1 - pairs["avant"].mean())
    assert_allclose(gain["estimate"], expected)
    assert set(out["item_change"]["item"]) == set(QUIZ)
    # formation_action has no quiz: no level-2 row, no error
    for key in ("quiz_change", "normalised_gain", "item_change"):
        assert set(out[key]["training"]) == {"formation_pp"}


def test_satisfaction_and_practice_are_counted_per_participant(frames):
    out = _tables(frames)
    answers = frames["training_answers"]
    sat = out["satisfaction"]
    quality = sat[(sat["training"] == "formation_action") & (sat["domain"] == "qualité")]
    raw = answers[(answers["item"] == "SAT_QUAL") & (answers["session"] == "S2")]
    values = raw["answer"].astype(float)
    mean = quality.set_index("measure").loc["mean score"]
    assert mean["n"] == 14
    assert_allclose(mean["estimate"], values.mean())
    half = stats.t.ppf(0.975, 13) * values.std(ddof=1) / np.sqrt(14)
    assert_allclose([mean["ci_low"], mean["ci_high"]], [values.mean() - half, values.mean() + half])
    practice = out["practice_change"].set_index("training")
    distance = answers[answers["item"].str.startswith("PRAT") & (answers["session"] == "S1")]
    said_yes = distance.groupby("participant")["answer"].apply(lambda a: (a == "oui").any())
    # S3, the last session, has no answer at a distance yet: formation_pp is S1's alone
    assert practice.loc["formation_pp", "n"] == 14
    assert practice.loc["formation_pp", "count"] == said_yes.sum()


def test_a_table_without_answers_yet_is_empty_not_an_error(frames):
    answers = frames["training_answers"]
    no_distance = {**frames, "training_answers": answers[answers["moment"] != "à distance"]}
    out = _tables(no_distance)
    assert out["practice_change"].empty and out["action_plans"].empty
    assert len(out["satisfaction"]) and len(out["quiz_change"])
    only_before = {**frames, "training_answers": answers[answers["moment"] != "après"]}
    out = _tables(only_before)
    for key in ("quiz_change", "normalised_gain", "item_change"):
        assert out[key].empty, key
    by_session = _tables(frames, by=("training", "session"))
    assert by_session["practice_change"]["session"].tolist() == ["S2", "S1"]  # no S3


def test_bad_data_raises(frames):
    answers = frames["training_answers"].copy()
    answers.loc[answers["item"] == "SAT_QUAL", "answer"] = "9"  # off the 1–5 scale
    with pytest.raises(ValueError, match="scale"):
        _tables({**frames, "training_answers": answers})
    unknown = frames["training_answers"].assign(item="NOPE")
    with pytest.raises(ValueError, match="not in the items catalogue"):
        _tables({**frames, "training_answers": unknown})
    with pytest.raises(ValueError, match="by must be"):
        _tables(frames, by=("session",))
