"""Level 1 (reaction) statistics of impact.training: satisfaction and expectations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats

from impact.stats.proportions import wilson_interval
from impact.training.satisfaction import expectations, satisfaction

Z = stats.norm.ppf(0.975)


def _wilson_by_hand(x: float, n: float) -> tuple[float, float]:
    """Wilson (1927): (p + z²/2n ± z·sqrt(p(1 − p)/n + z²/4n²)) / (1 + z²/n)."""
    p = x / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z * np.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
    return centre - half, centre + half


def test_wilson_interval_matches_newcombe_1998():
    # Newcombe RG (1998), Stat Med 17:857-872, Table I, example 81/263: 0.2553 to 0.3662
    low, high = wilson_interval([81, 0], [263, 0])
    assert_allclose([low[0], high[0]], [0.2553, 0.3662], atol=5e-5)
    assert np.isnan(low[1]) and np.isnan(high[1])


ITEMS = pd.DataFrame({
    "training": "", "item": ["sat1", "sat2", "sat3", "e1", "e2"],
    "kind": ["satisfaction"] * 3 + ["expectation"] * 2,
    "domain": ["objectifs", "programme", "programme", "", ""],
    "objective": ["", "", "", "", "O2"],
    "scale_min": [1, 1, 1, np.nan, np.nan], "scale_max": [5, 5, 5, np.nan, np.nan],
})  # fmt: skip


def _answers(rows: dict, moment: str) -> pd.DataFrame:
    """Answers from {participant: {item: answer}}."""
    return pd.DataFrame([
        {"participant": p, "session": "s1", "training": "t1", "moment": moment, "item": i,
         "answer": a} for p, answers in rows.items() for i, a in answers.items()
    ])  # fmt: skip


SATISFACTION = _answers({
    "p1": {"sat1": "5", "sat2": "5", "sat3": "4"},
    "p2": {"sat1": "4", "sat2": "3", "sat3": "3"},
    "p3": {"sat1": "5", "sat2": "4", "sat3": ""},
    "p4": {"sat1": "2", "sat2": "5", "sat3": "5"},
}, "à chaud")  # fmt: skip


def test_satisfaction_means_and_top_boxes_by_hand():
    table = satisfaction(SATISFACTION, ITEMS).set_index(["domain", "measure"])
    # objectifs: 5, 4, 5, 2 → mean 4, SD sqrt((1 + 0 + 1 + 4)/3) = sqrt(2)
    row = table.loc[("objectifs", "mean score")]
    half = stats.t.ppf(0.975, 3) * np.sqrt(2) / 2
    assert_allclose([row["estimate"], row["ci_low"], row["ci_high"]], [4, 4 - half, 4 + half])
    assert row["n"] == 4 and row["n_answers"] == 4
    top = table.loc[("objectifs", "top-box share")]
    assert top["count"] == 2 and top["estimate"] == 0.5
    assert_allclose([top["ci_low"], top["ci_high"]], _wilson_by_hand(2, 4))
    assert table.loc[("objectifs", "top-two-box share"), "estimate"] == 0.75
    # programme, participant means: 4.5, 3, 4 (sat3 empty), 5 → mean 4.125;
    # top box (5): p4 only; top two (≥ 4): p1, p3, p4
    assert_allclose(table.loc[("programme", "mean score"), "estimate"], 4.125)
    assert table.loc[("programme", "mean score"), "n_answers"] == 7
    assert table.loc[("programme", "top-box share"), "estimate"] == 0.25
    assert table.loc[("programme", "top-two-box share"), "estimate"] == 0.75
    # global, participant means: 14/3, 10/3, 9/2, 4 → mean 4.125; no one at 5; three ≥ 4
    assert_allclose(
        table.loc[("global", "mean score"), "estimate"], (14 / 3 + 10 / 3 + 4.5 + 4) / 4
    )
    assert table.loc[("global", "top-box share"), "count"] == 0
    assert table.loc[("global", "top-two-box share"), "count"] == 3
    assert (table["reason"] == "").all()


@pytest.mark.parametrize("bad", ["6", "bien", "0"])
def test_a_satisfaction_answer_outside_its_scale_raises(bad):
    answers = SATISFACTION.copy()
    answers.loc[0, "answer"] = bad
    with pytest.raises(ValueError, match=f"'{bad}' for item 'sat1'"):
        satisfaction(answers, ITEMS)


SESSIONS = pd.DataFrame({"session": ["s1"], "training": ["t1"], "objectives": ["O1;O2; o3"]})
STATED = _answers({
    "p1": {"e1": "O1", "e2": "oui"},  # two expectations, both covered (e2 refers to O2)
    "p2": {"e1": "mieux communiquer", "e2": "non"},  # free text: stated, not covered
    "p3": {"e1": "Ô3", "e2": "Oui"},  # two, both covered (accent and case ignored)
    "p4": {"e1": "O4"},  # stated, not an objective of the session
}, "attentes")  # fmt: skip
ASSESSED = _answers({
    "p1": {"e1": "oui", "e2": "non"},
    "p2": {"e1": "oui"},  # not covered: not counted
    "p3": {"e1": " OUI "},  # p3's e2 is covered but not assessed
}, "à chaud")  # fmt: skip


def test_expectations_covered_and_met_counted_by_hand():
    table = expectations(pd.concat([STATED, ASSESSED]), ITEMS, SESSIONS).set_index("measure")
    covered = table.loc["share of expectations covered"]
    # stated: p1 2, p2 1, p3 2, p4 1 = 6; covered: p1's 2 and p3's 2 = 4
    assert covered["n_expectations"] == 6 and covered["count"] == 4 and covered["n"] == 4
    assert_allclose([covered["estimate"], covered["ci_low"], covered["ci_high"]],
                    [4 / 6, *_wilson_by_hand(4, 6)])  # fmt: skip
    met = table.loc["share of covered expectations met"]
    # assessed among covered: p1 e1 (oui), p1 e2 (non), p3 e1 (oui) → 2 of 3; p3 e2 not assessed
    assert met["n_expectations"] == 3 and met["count"] == 2 and met["n_not_assessed"] == 1
    assert_allclose([met["estimate"], met["ci_low"], met["ci_high"]],
                    [2 / 3, *_wilson_by_hand(2, 3)])  # fmt: skip


def test_no_assessment_gives_a_reason_not_an_error():
    table = expectations(STATED, ITEMS, SESSIONS).set_index("measure")
    met = table.loc["share of covered expectations met"]
    assert np.isnan(met["estimate"]) and met["reason"] == "no_observations"
