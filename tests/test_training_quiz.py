"""Level 2 (learning) statistics of impact.training against independent references."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar

from impact.training.quiz import item_change, normalised_gain, quiz_change, quiz_grid, quiz_scores
from impact.training.quiz_quality import item_analysis, kr20
from smoke import sizes

ITEMS = pd.DataFrame({
    "training": ["", "", "", "", "autre"], "item": ["q1", "q2", "q3", "q4", "q9"],
    "kind": "quiz", "domain": "", "correct": ["A", "Vrai", "pas commencé", "A", "B"],
    "objective": ["O1", "O1", "O2", "O2", "O3"],
})  # fmt: skip


def _answers(rows, moment="avant", training="t1", session="s1"):
    """Answers from {participant: [answer of q1..q4 or None]}."""
    out = [
        {"participant": p, "session": session, "training": training, "moment": moment,
         "item": f"q{j + 1}", "answer": a}
        for p, answers in rows.items() for j, a in enumerate(answers) if a is not None
    ]  # fmt: skip
    return pd.DataFrame(out)


def test_marking_ignores_case_accents_and_spaces_and_counts_unanswered_as_wrong():
    answers = _answers({"p1": [" a ", "VRAI", "Pas commence", None], "p2": ["B", "", None, None]})
    answers = pd.concat([answers, _answers({"p3": [None, None, None, None]})])
    scores = quiz_scores(quiz_grid(answers, ITEMS))
    # p1: 3 right of 4, q4 unanswered; p2: 0 right ("" is no answer); p3 never answered
    assert scores["participant"].tolist() == ["p1", "p2"]
    assert scores["n_items"].tolist() == [4, 4]
    assert scores["n_correct"].tolist() == [3, 0]
    assert scores["n_unanswered"].tolist() == [1, 3]
    assert scores["score"].tolist() == [0.75, 0.0]


def test_an_answer_to_an_unknown_item_and_a_repeated_answer_raise():
    bad = _answers({"p1": ["A"]}).assign(item="q7")
    with pytest.raises(ValueError, match="'q7'"):
        quiz_grid(bad, ITEMS)
    twice = pd.concat([_answers({"p1": ["A"]})] * 2)
    with pytest.raises(ValueError, match="twice"):
        quiz_grid(twice, ITEMS)


# Paired scores (k/20, distinct changes so that the signed-rank test is exact), and three
# participants seen only before and three only after.
PRE = np.array([4, 8, 10, 12, 6, 10]) / 20
POST = np.array([12, 10, 17, 16, 9, 15]) / 20
ONLY_PRE = np.array([0.3, 0.5, 0.45])
ONLY_POST = np.array([0.7, 0.8, 0.6])


def _scores() -> pd.DataFrame:
    rows = [(f"p{i}", "avant", s) for i, s in enumerate(PRE)]
    rows += [(f"p{i}", "après", s) for i, s in enumerate(POST)]
    rows += [(f"b{i}", "avant", s) for i, s in enumerate(ONLY_PRE)]
    rows += [(f"a{i}", "après", s) for i, s in enumerate(ONLY_POST)]
    frame = pd.DataFrame(rows, columns=["participant", "moment", "score"])
    return frame.assign(training="t1", session="s1")


def test_paired_change_matches_scipy_paired_t_wilcoxon_and_welch():
    table = quiz_change(_scores()).set_index("measure")
    t = stats.ttest_rel(POST, PRE)
    ci = t.confidence_interval(0.95)
    row = table.loc["mean change"]
    assert_allclose([row["estimate"], row["ci_low"], row["ci_high"], row["p_value"]],
                    [np.mean(POST - PRE), ci.low, ci.high, t.pvalue], rtol=1e-10)  # fmt: skip
    assert row["n"] == 6 and row["n_only_before"] == 3 and row["n_only_after"] == 3
    assert_allclose([row["mean_before"], row["mean_after"]], [PRE.mean(), POST.mean()])
    # Wilcoxon signed-rank, exact (6 distinct non-zero changes): scipy
    hl = table.loc["Hodges-Lehmann median change"]
    assert_allclose(hl["p_value"], stats.wilcoxon(POST, PRE, method="exact").pvalue)
    assert hl["p_value"] == pytest.approx(2 / 64)  # all 6 changes positive: 2·(1/2)^6
    # d_z by hand: mean change / SD of changes (n − 1)
    d = POST - PRE
    dz = table.loc["standardised mean difference"]
    assert_allclose(dz["estimate"], d.mean() / d.std(ddof=1))
    # Welch on the participants seen once: scipy
    welch = table.loc["mean difference"]
    w = stats.ttest_ind(ONLY_POST, ONLY_PRE, equal_var=False)
    assert_allclose([welch["estimate"], welch["p_value"]],
                    [ONLY_POST.mean() - ONLY_PRE.mean(), w.pvalue], rtol=1e-10)  # fmt: skip
    assert welch["n_before"] == 3 and welch["n_after"] == 3


def test_change_by_session_keeps_sessions_apart():
    two = pd.concat([_scores(), _scores().assign(session="s2")])
    table = quiz_change(two, by=("training", "session"))
    assert table.groupby("session").size().tolist() == [4, 4]
    with pytest.raises(ValueError, match="by must be"):
        quiz_change(two, by=("session",))


def _item_grid(b: int, c: int, same_right: int, same_wrong: int) -> pd.DataFrame:
    """A quiz grid of one item with the given paired 2×2 table."""
    pairs = [(0, 1)] * b + [(1, 0)] * c + [(1, 1)] * same_right + [(0, 0)] * same_wrong
    rows = []
    for i, (before, after) in enumerate(pairs):
        for moment, value in (("avant", before), ("après", after)):
            rows.append({"training": "t1", "session": "s1", "participant": f"p{i}",
                         "moment": moment, "item": "q1", "objective": "O1",
                         "answered": True, "correct": value})  # fmt: skip
    return pd.DataFrame(rows)


def test_mcnemar_exact_matches_statsmodels_and_the_binomial_by_hand():
    row = item_change(_item_grid(b=7, c=1, same_right=5, same_wrong=3)).iloc[0]
    # by hand: 2·P(X ≤ 1 | n = 8, 1/2) = 2·(1 + 8)/256 = 0.0703125
    assert row["p_value"] == pytest.approx(0.0703125)
    ref = mcnemar([[3, 7], [1, 5]], exact=True)  # rows: before wrong/right; cols: after
    assert_allclose(row["p_value"], ref.pvalue)
    assert row["n_wrong_to_right"] == 7 and row["n_right_to_wrong"] == 1 and row["n"] == 16
    assert_allclose([row["share_before"], row["share_after"], row["estimate"]],
                    [6 / 16, 12 / 16, 6 / 16])  # fmt: skip
    flat = item_change(_item_grid(b=0, c=0, same_right=2, same_wrong=2)).iloc[0]
    assert flat["p_value"] == 1 and flat["reason"] == "no_discordant_pairs"
    for b, c in [(3, 4), (0, 5), (10, 2)]:
        got = item_change(_item_grid(b, c, 1, 1)).loc[0, "p_value"]
        assert_allclose(got, mcnemar([[1, b], [c, 1]], exact=True).pvalue)


# 5 participants × 4 items (1 = right); see the arithmetic in the test below.
MATRIX = np.array([[1, 1, 1, 1], [1, 1, 1, 0], [1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0]])


def _matrix_grid() -> pd.DataFrame:
    answers = _answers({f"p{i}": ["A" if v else "B" for v in row] for i, row in
                        enumerate(MATRIX)})  # fmt: skip
    answers["answer"] = np.where(answers["answer"] == "A", answers["item"].map(
        dict(zip(ITEMS["item"], ITEMS["correct"], strict=True))), "faux")  # fmt: skip
    return quiz_grid(answers, ITEMS)


def test_kr20_by_hand():
    # p = (.8, .6, .6, .2); Σpq = .16 + .24 + .24 + .16 = .80
    # totals 4, 3, 2, 1, 1: mean 2.2, Σ(x − 2.2)² = 3.24 + .64 + .04 + 1.44 + 1.44 = 6.8,
    # σ² (n denominator) = 1.36; KR-20 = 4/3 · (1 − .80/1.36) = 0.5490196…
    table = kr20(_matrix_grid())
    assert table.loc[0, "measure"] == "KR-20"
    assert_allclose(table.loc[0, "estimate"], 4 / 3 * (1 - 0.80 / 1.36))
    assert table.loc[0, "n"] == 5 and table.loc[0, "k"] == 4


def test_difficulty_and_point_biserial_discrimination_by_hand_and_scipy():
    table = item_analysis(_matrix_grid()).set_index("item")
    assert_allclose(table["difficulty"], [0.8, 0.6, 0.6, 0.2])
    # q1 against the rest score (3, 2, 1, 0, 1): M1 = 1.5 (right), M0 = 1 (wrong),
    # s_n = sqrt(5.2/5); r_pb = (1.5 − 1)/s_n · sqrt(.8·.2) = 0.196116…
    assert_allclose(table.loc["q1", "discrimination"], 0.5 / np.sqrt(1.04) * 0.4)
    for j, item in enumerate(["q1", "q2", "q3", "q4"]):
        rest = MATRIX.sum(axis=1) - MATRIX[:, j]
        ref = stats.pointbiserialr(MATRIX[:, j], rest).statistic
        assert_allclose(table.loc[item, "discrimination"], ref)
    assert (table["n"] == 5).all() and (table["reason"] == "").all()


def _gain_scores(pre, post, training="t1"):
    n = len(pre)
    return pd.DataFrame({
        "training": training, "session": "s1", "participant": [f"p{i}" for i in range(n)] * 2,
        "moment": ["avant"] * n + ["après"] * n, "score": np.concatenate([pre, post]),
    })  # fmt: skip


def test_hake_gain_by_hand():
    pre, post = np.array([0.2, 0.4, 0.6, 1.0]), np.array([0.6, 0.7, 0.9, 1.0])
    table = normalised_gain(_gain_scores(pre, post), n_boot=200).set_index("measure")
    # class average: <pre> = 0.55, <post> = 0.8, g = 0.25/0.45
    head = table.loc["normalised gain (class average)"]
    assert bool(head["headline"]) and head["n"] == 4
    assert_allclose(head["estimate"], 0.25 / 0.45)
    assert head["ci_low"] <= head["estimate"] <= head["ci_high"]
    # individual gains 0.4/0.8, 0.3/0.6, 0.3/0.4 (pre = 1 left out): mean 0.58333
    ind = table.loc["mean individual normalised gain"]
    assert_allclose(ind["estimate"], (0.5 + 0.5 + 0.75) / 3)
    assert ind["n"] == 3 and ind["n_excluded"] == 1
    full = normalised_gain(_gain_scores(np.ones(3), np.ones(3)), n_boot=10)
    assert full["reason"].tolist() == ["pre_at_maximum", "pre_at_maximum"]


@pytest.mark.parametrize("reps", sizes(smoke=200, full=2000))
def test_hake_bootstrap_interval_covers_the_known_gain(reps):
    # 40 participants, 10-item quiz: pre ~ Bin(10, 0.4); each item not known before is
    # learnt with probability gamma, so E[post − pre | pre] = gamma·(1 − pre) and the
    # population class-average gain (E post − E pre)/(1 − E pre) is exactly gamma.
    rng = np.random.default_rng(2024)
    gamma, n = 0.5, 40
    pre = rng.binomial(10, 0.4, size=(reps, n))
    post = pre + rng.binomial(10 - pre, gamma)
    scores = pd.concat([_gain_scores(pre[r] / 10, post[r] / 10, f"t{r:04d}") for r in range(reps)])
    table = normalised_gain(scores, n_boot=1000, seed=1)
    head = table[table["headline"]]
    covered = ((head["ci_low"] <= gamma) & (gamma <= head["ci_high"])).mean()
    mc = 3 * np.sqrt(0.95 * 0.05 / reps)  # three Monte-Carlo standard errors
    assert 0.95 - mc <= covered <= 0.95 + mc, covered
