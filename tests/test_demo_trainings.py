"""The demo programme's trainings: their shape, and the truth they claim to hold.

References (first principles, written out in each test):

- the truth rows are population values of the model of :mod:`impact.demo.trainings`; the
  quiz's, computed there by Gauss–Hermite quadrature, are checked against a direct
  Monte-Carlo simulation of the model written here (400 000 participants);
- on the 60-team demo, the training functions (:mod:`impact.training`, tested against
  scipy/statsmodels references in tests/test_training_*.py) recover every truth: each
  estimate's 99.9 % interval (paired t, Hake's bootstrap, Student t, Wilson) covers it.
  With about 25 checks, a correct truth fails one of them with probability ≈ 2.5 %; the
  seed is fixed, so the test is deterministic. Action-plan shares have no interval: the
  actions are independent in the model, so the binomial standard error applies and the
  tolerance is 3.3 of them (the same 99.9 % level).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.special import expit

from impact.data.schemas import catalogue_dir
from impact.demo.programme import demo_programme
from impact.demo.training_catalogue import TRAININGS
from impact.training.practice import action_plans, practice_change
from impact.training.quiz import normalised_gain, quiz_change, quiz_grid, quiz_scores
from impact.training.satisfaction import expectations, satisfaction

LEVEL = 0.999
Z = 3.29  # two-sided 99.9 % normal quantile


@pytest.fixture(scope="module")
def prog():
    return demo_programme(n_teams=60)


@pytest.fixture(scope="module")
def answers(prog) -> pd.DataFrame:
    """The contract's answers joined to their session's training (impact.training.common)."""
    sessions = prog.training_sessions[["session", "training"]]
    return prog.training_answers.merge(sessions, on="session")


@pytest.fixture(scope="module")
def truth(prog) -> pd.Series:
    rows = prog.truth[prog.truth["family"] == "training"]
    return rows.set_index("code")["true_effect"]


def team_hours(prog) -> pd.Series:
    """Each programme team's training hours: the distinct sessions its members attended."""
    people = prog.training_participants.dropna(subset=["team_id"])
    attended = people.drop_duplicates(["team_id", "session"])
    hours = attended["session"].map(prog.training_sessions.set_index("session")["hours"])
    dose = hours.groupby(attended["team_id"]).sum()
    return dose.reindex(prog.team_ids, fill_value=0.0)


def covers(row: pd.Series, value: float) -> bool:
    return bool(row["ci_low"] <= value <= row["ci_high"])


# ---------------------------------------------------------------- shape
def test_two_thirds_of_the_teams_trained_at_different_times_and_doses(prog):
    dose = team_hours(prog)
    assert 0.55 <= (dose > 0).mean() <= 0.8  # about two thirds
    assert dose[dose > 0].nunique() >= 3  # 14, 21, 28, 35 h…: a moderator can use it
    people = prog.training_participants
    assert not people["team_id"].isin(prog.comparison_ids).any()
    sessions = prog.training_sessions.set_index("session")
    assert set(sessions["training"]) == {"formation_pp", "formation_action"}
    hours = {"formation_pp": 14.0, "formation_action": 21.0}
    assert (sessions["hours"] == sessions["training"].map(hours)).all()
    assert (sessions["end_date"] <= "2026-06-30").all()
    assert (sessions["end_date"] >= sessions["date"]).all()
    sizes = people.groupby("session").size()
    assert sizes.between(8, 16).all() and set(sizes.index) == set(sessions.index)
    roles = people.groupby("session")["role"].nunique()
    assert (roles == 2).mean() > 0.9  # a mix of professionals and patient partners
    # a training-action trains its team only; an open course gathers several teams
    action = people[people["session"].map(sessions["training"]) == "formation_action"]
    assert (action["team_id"] == action["session"].map(sessions["team_id"])).all()
    course = people[people["session"].map(sessions["training"]) == "formation_pp"]
    assert sessions.loc[sessions["training"] == "formation_pp", "team_id"].isna().all()
    assert course.groupby("session")["team_id"].nunique().max() >= 2
    # sessions around the team's start: a training-action within its first 8 months
    start = prog.teams.set_index("team_id")["start_date"]
    own = sessions.dropna(subset=["team_id"])
    delay = (own["date"] - own["team_id"].map(start)).dt.days
    assert delay.between(0, 8 * 31).all() and delay.std() > 20


def test_catalogue_is_the_default_plus_each_trainings_quiz_and_expectations(prog):
    default = pd.read_csv(catalogue_dir() / "training_items.csv", dtype=str)
    items = prog.training_items
    assert items["item"].is_unique
    assert set(default["item"]) <= set(items["item"])
    objectives = prog.training_sessions.groupby("training")["objectives"].agg(
        lambda o: set(";".join(o).split(";"))
    )
    for training, own in items.dropna(subset=["training"]).groupby("training"):
        quiz, expect = own[own["kind"] == "quiz"], own[own["kind"] == "expectation"]
        assert 8 <= len(quiz) <= 12 and 2 <= len(expect) <= 3, training
        assert quiz["correct"].isin(["A", "B", "C", "D", "vrai", "faux"]).all()
        assert set(quiz["objective"]) == objectives[training]
        assert (~expect["objective"].isin(objectives[training])).sum() == 1


def test_answers_follow_the_moments_with_unpaired_and_empty_answers(prog, answers):
    kinds = prog.training_items.set_index("item")["kind"]
    asked = {"quiz": {"avant", "après"}, "satisfaction": {"à chaud"},
             "expectation": {"attentes", "à chaud"}, "practice_change": {"à distance"},
             "action_plan": {"à distance"}}  # fmt: skip
    pairs = answers[["item", "moment"]].drop_duplicates()
    assert all(m in asked[kinds[i]] for i, m in pairs.itertuples(index=False))
    own = answers["item"].map(prog.training_items.set_index("item")["training"])
    assert (own.isna() | (own == answers["training"])).all()
    quiz = answers[answers["item"].map(kinds) == "quiz"]
    present = quiz.groupby(["session", "participant"])["moment"].agg(frozenset)
    only_after = (present == frozenset({"après"})).mean()
    only_before = (present == frozenset({"avant"})).mean()
    assert 0.02 < only_after < 0.09 and 0.02 < only_before < 0.09  # about 5 % each
    empty = answers["answer"].isna().groupby(answers["item"].map(kinds)).mean()
    assert 0.01 < empty["quiz"] < 0.05 and 0.01 < empty["satisfaction"] < 0.05
    # at a distance only for sessions ended at least 120 days before the data's end
    ends = prog.training_sessions.set_index("session")["end_date"]
    late = answers.loc[answers["moment"] == "à distance", "session"].map(ends)
    assert (late <= pd.Timestamp("2026-06-30") - pd.Timedelta(days=120)).all()
    assert len(late) > 0 and (ends > pd.Timestamp("2026-03-02")).any()  # some too recent


def test_same_seed_same_training_tables_other_seed_other_tables():
    names = ("training_sessions", "training_participants", "training_answers",
             "training_items")  # fmt: skip
    a, b, c = (demo_programme(12, 2, seed=s) for s in (5, 5, 6))
    for name in names:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
    for name in names[:3]:
        assert not getattr(a, name).equals(getattr(c, name)), name
    pd.testing.assert_frame_equal(a.training_items, c.training_items)  # fixed catalogue


# ---------------------------------------------------------------- truth
@pytest.mark.parametrize("training", list(TRAININGS))
def test_quiz_truth_matches_a_direct_simulation_of_the_model(training, truth):
    """400 000 simulated participants: θ ~ N(0, 1), item right with probability
    c + (1 − c)·logistic(θ + shift − b), an answer left empty (wrong) with probability
    0.03; the mean score before and after must equal the truth within 4 Monte-Carlo SEs."""
    spec = TRAININGS[training]
    rng, n = np.random.default_rng(2024), 400_000
    b = np.array([q.difficulty for q in spec.quiz])
    c = np.array([1 / len(q.options) for q in spec.quiz])
    theta = rng.standard_normal(n)[:, None]
    for shift, code in ((0.0, "quiz_before"), (spec.gain, "quiz_after")):
        right = rng.random((n, len(b))) < c + (1 - c) * expit(theta + shift - b)
        answered = rng.random((n, len(b))) >= 0.03
        score = (right & answered).mean(axis=1)
        se = score.std() / np.sqrt(n)
        assert abs(score.mean() - truth[f"{training}.{code}"]) < 4 * se, code
    pre, post = truth[f"{training}.quiz_before"], truth[f"{training}.quiz_after"]
    assert truth[f"{training}.normalised_gain"] == pytest.approx((post - pre) / (1 - pre))
    assert truth[f"{training}.expectations_covered"] < 1


def test_quiz_change_and_normalised_gain_recover_the_truth(prog, answers, truth):
    scores = quiz_scores(quiz_grid(answers, prog.training_items))
    change = quiz_change(scores, conf_level=LEVEL).set_index(["training", "measure"])
    gain = normalised_gain(scores, conf_level=LEVEL, n_boot=4000, seed=1)
    gain = gain[gain["headline"]].set_index("training")
    for training in TRAININGS:
        paired = change.loc[(training, "mean change")]
        assert paired["n"] >= 150, training
        assert covers(paired, truth[f"{training}.quiz_change"]), training
        assert paired["p_value"] < 1e-6  # a real gain, far from zero
        assert covers(gain.loc[training], truth[f"{training}.normalised_gain"]), training
        for moment, code in (("avant", "quiz_before"), ("après", "quiz_after")):
            s = scores.loc[(scores["training"] == training) & (scores["moment"] == moment),
                           "score"]  # fmt: skip
            se = s.std() / np.sqrt(len(s))
            assert abs(s.mean() - truth[f"{training}.{code}"]) < Z * se, (training, code)
        unpaired = change.loc[(training, "mean difference")]
        assert paired["n_only_before"] > 0 and paired["n_only_after"] > 0
        assert np.isfinite(unpaired["estimate"])


def test_satisfaction_recovers_each_domains_mean_and_top_box(prog, answers, truth):
    table = satisfaction(answers, prog.training_items, conf_level=LEVEL)
    table = table.set_index(["training", "domain", "measure"])
    for training, spec in TRAININGS.items():
        for domain in spec.satisfaction:
            mean = table.loc[(training, domain, "mean score")]
            top = table.loc[(training, domain, "top-box share")]
            assert mean["n"] >= 200, (training, domain)
            assert covers(mean, truth[f"{training}.satisfaction_mean.{domain}"]), domain
            assert covers(top, truth[f"{training}.satisfaction_top_box.{domain}"]), domain


def test_expectations_practice_and_action_plans_recover_the_truth(prog, answers, truth):
    items, sessions = prog.training_items, prog.training_sessions
    exp = expectations(answers, items, sessions, conf_level=LEVEL)
    exp = exp.set_index(["training", "measure"])
    practice = practice_change(answers, items, conf_level=LEVEL).set_index("training")
    plans = action_plans(answers, items).set_index(["training", "state"])
    for training in TRAININGS:
        covered = exp.loc[(training, "share of expectations covered")]
        assert covered["estimate"] < 1
        assert covers(covered, truth[f"{training}.expectations_covered"]), training
        met = exp.loc[(training, "share of covered expectations met")]
        assert covers(met, truth[f"{training}.expectations_met"]), training
        assert covers(practice.loc[training], truth[f"{training}.practice_change"]), training
        for state in ("fait", "en cours", "pas commencé"):
            row, p = plans.loc[(training, state)], truth[f"{training}.action_plan.{state}"]
            se = np.sqrt(p * (1 - p) / row["n_actions"])
            assert abs(row["share"] - p) < Z * se, (training, state)
