"""Level 3 (behaviour) statistics of impact.training: practice change and action plans."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from impact.training.practice import action_plans, practice_change

ITEMS = pd.DataFrame({
    "training": "", "item": ["c1", "c2", "a1", "a2", "a3"],
    "kind": ["practice_change"] * 2 + ["action_plan"] * 3,
})  # fmt: skip


def _answers(rows: dict, training: str = "t1") -> pd.DataFrame:
    return pd.DataFrame([
        {"participant": p, "session": "s1", "training": training, "moment": "à distance",
         "item": i, "answer": a} for p, answers in rows.items() for i, a in answers.items()
    ])  # fmt: skip


ANSWERS = _answers({
    "p1": {"c1": "oui", "c2": "non", "a1": "fait", "a2": "En cours", "a3": "pas commence"},
    "p2": {"c1": "non", "c2": "non", "a1": "FAIT", "a2": ""},
    "p3": {"c1": "Non", "c2": "OUI", "a1": "fait"},
    "p4": {"c1": "", "a1": "en cours"},  # no practice answer: not counted there
})  # fmt: skip


def test_practice_change_share_by_hand_with_wilson():
    row = practice_change(ANSWERS, ITEMS).iloc[0]
    # p1 and p3 said "oui" to an item, p2 "non" to both, p4 gave no answer: 2 of 3
    assert row["n"] == 3 and row["count"] == 2
    z = stats.norm.ppf(0.975)
    p, n = 2 / 3, 3  # Wilson (1927) by hand
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    assert_allclose([row["estimate"], row["ci_low"], row["ci_high"]],
                    [p, centre - half, centre + half])  # fmt: skip


def test_action_plan_states_counted_by_hand():
    table = action_plans(ANSWERS, ITEMS).set_index("state")
    # actions: p1 fait, en cours, pas commencé; p2 fait (a2 empty); p3 fait; p4 en cours
    assert table["count"].to_dict() == {"fait": 3, "en cours": 2, "pas commencé": 1}
    assert (table["n_actions"] == 6).all() and (table["n"] == 4).all()
    assert_allclose(table["share"], [0.5, 1 / 3, 1 / 6])


def test_bad_answers_raise():
    with pytest.raises(ValueError, match="'peut-être' for item 'c1'"):
        practice_change(_answers({"p1": {"c1": "peut-être"}}), ITEMS)
    with pytest.raises(ValueError, match="'abandonné' for item 'a1'"):
        action_plans(_answers({"p1": {"a1": "abandonné"}}), ITEMS)


def test_states_absent_from_a_training_are_zero():
    two = pd.concat([ANSWERS, _answers({"q1": {"a1": "fait"}}, training="t2")])
    t2 = action_plans(two, ITEMS).query("training == 't2'").set_index("state")
    assert t2["count"].to_dict() == {"fait": 1, "en cours": 0, "pas commencé": 0}
