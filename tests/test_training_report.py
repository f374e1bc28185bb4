"""The team report's training section and the privacy rules of the training tables.

The programme is the demo skeleton with the hand-built training evaluation of
tests/training_data.py: T01 followed both trainings, T02 had six members at the open
sessions (a small group), T03 nobody. Expected values are recomputed here from the raw
answers (scipy for the intervals and tests).
"""

from __future__ import annotations

import dataclasses
import html
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from impact.data.schemas import TRAINING_TABLES
from impact.demo.programme import demo_programme
from impact.report.labels import t
from impact.report.privacy import publishable
from impact.report.team import SECTIONS, team_section, team_tables
from training_data import QUIZ, training_frames

NNBSP = "\u202f"
CI = f"IC 95{NNBSP}%"


@pytest.fixture(scope="module")
def programme():
    frames = training_frames(teams=("T01",))
    people = frames["training_participants"].copy()
    # three professionals of each open session (S1, S3) belong to T02
    moved = people["session"].isin(["S1", "S3"]) & people["participant"].str[-2:].isin(
        ["05", "06", "07"]
    )
    people.loc[moved, "team_id"] = "T02"
    skeleton = demo_programme(n_teams=3, n_comparison=1, seed=1)
    return dataclasses.replace(skeleton, **{**frames, "training_participants": people})


@pytest.fixture(scope="module")
def t01(programme):
    return team_tables(programme, "T01")


def _text(parts: list[str]) -> str:
    """The section's text: no style block, no tags, entities decoded."""
    page = re.sub(r"<style>.*?</style>", "", "".join(parts), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    return re.sub(r"[ \n]+", " ", text).strip()


def _fr(x: float, digits: int = 0, sign: bool = False) -> str:
    text = f"{abs(x):.{digits}f}".replace(".", ",")
    return ("−" if round(x, digits) < 0 else "+" if sign and round(x, digits) > 0 else "") + text


def test_the_section_follows_the_activity_and_has_its_title(t01):
    assert SECTIONS.index("training") == SECTIONS.index("activity") + 1
    parts = team_section(t01, "training")
    assert parts[0] == '<h2 id="team-training">Formations</h2>'


def test_a_team_trained_enough_shows_its_levels(programme, t01):
    text = _text(team_section(t01, "training"))
    answers = programme.training_answers
    people = programme.training_participants
    mine = people.loc[people["team_id"] == "T01"]
    # formation_pp: 2 sessions of 14, minus 3 + 3 in T02; 8 patient partners, 14 professionals
    assert "22 membres de l'équipe formés" in text and "en 2 session(s)" in text
    assert "14 h de formation par personne" in text
    # 8 patient partners: hidden, and so the professionals (22 − 14 would give them back)
    assert "professionnels : < 10, patients partenaires : < 10" in text
    quiz = answers.loc[
        answers["item"].isin(QUIZ) & answers["participant"].isin(mine["participant"])
    ]
    right = quiz.assign(right=[a == QUIZ[i][0] for a, i in zip(quiz["answer"], quiz["item"],
                                                                  strict=True)])  # fmt: skip
    scores = right.pivot_table(index="participant", columns="moment", values="right").dropna()
    before, after = scores["avant"].to_numpy(), scores["après"].to_numpy()
    n = len(scores)
    assert n == 18  # 22 minus P01 (no quiz after) and P02 (no quiz before) of S1 and S3
    change = after - before
    half = stats.t.ppf(0.975, n - 1) * change.std(ddof=1) / np.sqrt(n)
    assert f"{_fr(100 * before.mean())}{NNBSP}% → {_fr(100 * after.mean())}{NNBSP}%" in text
    assert (
        f"{_fr(100 * change.mean(), sign=True)} points ({CI} "
        f"{_fr(100 * (change.mean() - half), sign=True)} à "
        f"{_fr(100 * (change.mean() + half), sign=True)})" in text
    )
    assert stats.ttest_rel(after, before).pvalue < 0.001 and "; p < 0,001 (Wilcoxon : p" in text
    gain = (after.mean() - before.mean()) / (1 - before.mean())  # Hake (1998)
    assert f"Gain normalisé ⟨g⟩ {_fr(gain, 2)} ({CI}" in text
    # the level-3 answers come from S1 only (S3 has none yet): 11 members of T01
    distance = answers.loc[answers["item"].str.startswith("PRAT") & (answers["session"] == "S1")
                           & answers["participant"].isin(mine["participant"])]  # fmt: skip
    said = distance.groupby("participant")["answer"].apply(lambda a: (a == "oui").any())
    assert len(said) == 11
    share = f"{_fr(100 * said.mean())}{NNBSP}% ({CI}"
    assert f"Changement de pratique déclaré à distance (3 à 6 mois) {share}" in text
    # formation_action (S2, T01's own session): satisfaction with the objectives
    sat = answers.loc[(answers["session"] == "S2") & (answers["item"] == "SAT_OBJ"), "answer"]
    sat = sat.astype(float)
    half = stats.t.ppf(0.975, 13) * sat.std(ddof=1) / np.sqrt(14)
    assert (
        f"moyenne {_fr(sat.mean(), 1)} sur 5 ({CI} {_fr(sat.mean() - half, 1)} à "
        f"{_fr(sat.mean() + half, 1)})" in text
    )
    assert "pas de quiz passé avant et après cette formation" in text
    for level in ("1. Réaction", "2. Apprentissage", "3. Comportement"):
        assert level in text


def test_a_small_group_shows_no_number(programme):
    tables = team_tables(programme, "T02")
    # the barometer before/after block that may close the section is the barometer's
    # respondents, another group with its own rule (tests/test_training_levels.py)
    block = t("report.training.barometer.title", "fr")
    parts = [part for part in team_section(tables, "training") if block not in part]
    text = _text(parts)
    assert "Moins de 10 membres de l'équipe ont suivi cette formation" in text
    assert re.findall(r"\d+", text) == ["10"]  # min_cell only: no count, share nor score
    assert "<table" not in "".join(parts)


def test_a_team_without_training_gets_one_sentence(programme):
    tables = team_tables(programme, "T03")
    text = _text(team_section(tables, "training"))
    assert (
        text.split()
        == "Formations Aucun membre de l'équipe n'a suivi de formation évaluée.".split()
    )


def test_english_labels(programme):
    tables = team_tables(programme, "T01", lang="en")
    text = _text(team_section(tables, "training"))
    assert "22 members of the team trained" in text and "Training" in text
    for label in ("1. Reaction", "2. Learning", "3. Behaviour", "Normalised gain",
                  "Quiz score, before → after", "People", "Method"):  # fmt: skip
        assert label in text, label
    for french in ("Niveau", "Apprentissage", "membres de l'équipe", "moyenne", "IC 95"):
        assert french not in text, french


def test_a_failure_is_one_sentence_and_listed_as_not_computed(programme):
    answers = programme.training_answers.copy()
    answers.loc[answers["item"] == "SAT_QUAL", "answer"] = "9"  # off the 1–5 scale
    broken = dataclasses.replace(programme, training_answers=answers)
    tables = team_tables(broken, "T01")
    assert isinstance(tables.errors["training"], ValueError)
    assert "Ce qui n'a pas pu être calculé" in _text(team_section(tables, "training"))
    listed = _text(team_section(tables, "not-computed"))
    assert "Formations\xa0: le calcul a échoué" in listed


def test_a_programme_without_trainings_says_so():
    skeleton = demo_programme(n_teams=2, n_comparison=1, seed=1)
    sources = {k: v for k, v in skeleton.sources.items() if not k.startswith("training")}
    empty = {name: pd.DataFrame() for name in TRAINING_TABLES}
    tables = team_tables(dataclasses.replace(skeleton, sources=sources, **empty), "T01")
    assert "Aucune formation fournie pour le programme." in _text(team_section(tables, "training"))


# --- the privacy rules -------------------------------------------------------------------


def _participants(counts: dict[str, dict[str, int]]) -> pd.DataFrame:
    rows = [
        {
            "training": tr,
            "role": role,
            "n": n,
            "n_sessions": 1,
            "hours": 14.0,
            "person_hours": 14.0 * n,
        }
        for tr, roles in counts.items()
        for role, n in roles.items()
    ]
    return pd.DataFrame(rows)  # fmt: skip


def test_roles_against_their_total_follow_the_complementary_cell_rule():
    people = _participants({
        "a": {"professionnel": 25, "patient partenaire": 4, "all": 29},
        "b": {"professionnel": 12, "patient partenaire": 11, "all": 23},
        "c": {"professionnel": 5, "patient partenaire": 2, "all": 7},
    })  # fmt: skip
    out = publishable({"training": {"participants": people}}, 10)["training"]["participants"]
    # a: 4 is small; alone it would be 29 − 25, so 25 goes too; b: both shown; c: all hidden
    assert out["n"].tolist() == [pd.NA, pd.NA, 29, 12, 11, 23, pd.NA, pd.NA, pd.NA]
    assert out["suppressed"].tolist() == [True, True, False, False, False, False, True, True, True]
    assert out.loc[out["suppressed"], ["hours", "person_hours", "n_sessions"]].isna().all(axis=None)
    assert out.loc[~out["suppressed"], "person_hours"].notna().all()


def test_a_hidden_training_hides_its_rows_in_every_table_and_unpaired_counts_are_byproducts():
    people = _participants({"a": {"professionnel": 6, "all": 6},
                            "b": {"professionnel": 30, "all": 30}})  # fmt: skip
    plans = pd.DataFrame({"training": ["a", "a", "b", "b"], "state": ["fait", "en cours"] * 2,
                          "count": [3, 2, 20, 10], "n_actions": [5, 5, 30, 30],
                          "share": [0.6, 0.4, 2 / 3, 1 / 3], "n": [0, 0, 15, 15]})  # fmt: skip
    # n = 0 on a's rows (a made-up table): only the hidden group hides them
    change = pd.DataFrame({"training": ["b", "b"], "measure": ["mean change", "mean difference"],
                           "estimate": [0.3, 0.1], "n": [24, np.nan], "n_before": [np.nan, 4],
                           "n_after": [np.nan, 2], "n_only_before": [4, 4],
                           "n_only_after": [2, 2], "mean_before": [0.4, 0.4]})  # fmt: skip
    out = publishable({"training": {"participants": people, "action_plans": plans,
                                    "quiz_change": change}}, 10)["training"]  # fmt: skip
    shown = out["action_plans"]
    assert shown["suppressed"].tolist() == [True, True, False, False]
    assert shown.loc[:1, ["count", "n_actions", "share"]].isna().all(axis=None)
    assert shown.loc[2:, "count"].tolist() == [20, 10]
    quiz = out["quiz_change"]
    # the paired row stays, its unpaired counts blanked; the unpaired row (4 vs 2) is hidden
    assert quiz["suppressed"].tolist() == [False, True]
    assert quiz.loc[0, "estimate"] == 0.3 and quiz.loc[0, "n"] == 24
    assert quiz[["n_only_before", "n_only_after"]].isna().all(axis=None)
    assert np.isnan(quiz.loc[1, "estimate"])
