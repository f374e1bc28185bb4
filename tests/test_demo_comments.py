"""The demo's free-text comments (issue 16): contract, sizes, the truth they claim to hold,
and how the rules of :mod:`impact.text` agree with their true labels.

Reference values come from first principles: with equal weights every theme is equally
likely, so its probability is (1 − P(no theme))·E[K]/J; for unequal weights the truth is
checked against numpy's own weighted sampling without replacement (``Generator.choice``,
successive sampling, an implementation independent of the demo's Gumbel top-k draw).
Pooled shares of the true labels are compared with the truth by 99.9 % Wilson intervals
(Wilson 1927): given the group sizes, a pooled count is a sum of independent Bernoulli
variables whose variance Σp(1 − p) is at most N·p̄(1 − p̄) (Hoeffding 1956), so the
binomial interval is conservative.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from impact.demo.comment_bank import BANK, NO_THEME, STAFF
from impact.demo.comments import K_P, P_NONE, theme_probabilities
from impact.demo.programme import _comments, _design, demo_comment_labels, demo_programme

Z = 3.29  # two-sided 99.9 % normal quantile
PERIODS = ("avant", "après")


@pytest.fixture(scope="module")
def prog():
    return demo_programme()


@pytest.fixture(scope="module")
def labels():
    return demo_comment_labels()


@pytest.fixture(scope="module")
def large():
    """A large draw of the comment model alone: 400 teams and 100 comparison units."""
    draw, reviews, truth = _comments(_design(400, 100, 11), 11)
    return draw, truth


def wilson(count: float, n: float) -> tuple[float, float]:
    """99.9 % Wilson score interval of a proportion."""
    p = count / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z * np.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
    return centre - half, centre + half


# ---------------------------------------------------------------- determinism
def test_same_seed_same_comments_other_seed_other_comments():
    a, b, c = (demo_programme(8, 3, seed=s) for s in (7, 7, 8))
    for name in ("comments", "comment_reviews"):
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name))
        assert not getattr(a, name).equals(getattr(c, name)), name
    pd.testing.assert_frame_equal(demo_comment_labels(8, 3, 7), demo_comment_labels(8, 3, 7))
    assert not demo_comment_labels(8, 3, 7).equals(demo_comment_labels(8, 3, 8))


# ---------------------------------------------------------------- contract and sizes
def test_every_unit_has_comments_in_both_periods_dated_around_its_start(prog):
    comments = prog.comments
    assert comments["comment"].is_unique
    assert set(comments["source"]) == {"e-Satis", "questionnaire"}
    assert set(comments["period"]) == set(PERIODS)
    units = prog.team_ids + prog.comparison_ids
    groups = comments.groupby(["team_id", "period"]).size()
    assert len(groups) >= 0.97 * 2 * len(units)  # a small unit may have none in a period
    assert set(comments["team_id"]) == set(units)
    assert 25 <= groups.mean() <= 35
    assert (groups < 10).sum() >= 5  # small groups, for the suppression rules
    assert (groups > 40).sum() >= 5
    # programme teams: "avant" in the year before the start, "après" from it on
    start = comments["team_id"].map(prog.teams.set_index("team_id")["start_date"])
    mine = start.notna()
    days = (comments["date"] - start).dt.days[mine]
    before = comments.loc[mine, "period"] == "avant"
    assert days[before].between(-365, -1).all() and days[~before].between(0, 364).all()
    assert (comments["date"] <= "2026-06-30").all()
    # e-Satis: the questionnaire's number; a questionnaire's respondent: a pseudonym; never a name
    esatis = comments["source"] == "e-Satis"
    assert comments.loc[esatis, "respondent"].str.fullmatch(r"E-[TC]\d+-A[VP]-\d{3}").all()
    assert comments.loc[~esatis, "respondent"].str.fullmatch(r"Q-[TC]\d+-A[VP]-\d{3}").all()
    assert set(comments.loc[esatis, "question"]) == {"Points positifs", "Points à améliorer"}


def test_texts_hold_no_personal_data_but_tags_and_fictitious_staff(prog):
    texts = prog.comments["text"]
    assert not texts.str.contains(r"@|\d{2}[ .]?\d{2}[ .]?\d{2}[ .]?\d{2}").any()
    assert (texts.str.len() <= 5000).all()
    for tag in ("[NOM]", "[CHAMBRE]"):
        assert 10 <= texts.str.contains(tag, regex=False).sum() <= 0.1 * len(texts), tag
    surnames = "|".join(written.split()[-1] for written, _ in STAFF)
    named = texts.str.contains(surnames)
    assert 10 <= named.sum() <= 0.1 * len(texts)  # work for the run's masking
    assert texts.isin(NO_THEME).mean() == pytest.approx(P_NONE, abs=0.02)


def test_labels_follow_the_texts_and_the_catalogue(prog, labels):
    codes = set(prog.comment_themes["code"])
    assert set(labels["theme"]) == codes == set(BANK)
    assert set(labels["tone"]) == {"positif", "negatif", "mixte"}
    assert not labels.duplicated(["comment", "theme"]).any()
    per_comment = labels.groupby("comment").size()
    assert per_comment.between(1, 3).all()
    assert set(labels["comment"]) <= set(prog.comments["comment"])
    text = prog.comments.set_index("comment")["text"]
    assert not text[list(per_comment.index)].isin(NO_THEME).any()
    # K = 1, 2, 3 with the stated probabilities
    k = per_comment.value_counts(normalize=True).sort_index()
    assert np.allclose(k.to_numpy(), K_P, atol=0.03)


def test_reviews_are_the_true_labels_of_about_40_percent_of_three_teams(prog, labels):
    reviews, comments = prog.comment_reviews, prog.comments
    assert not reviews.duplicated(["comment", "theme"]).any()
    assert reviews["comment"].isin(comments["comment"]).all()
    team = reviews["comment"].map(comments.set_index("comment")["team_id"])
    assert team.nunique() == 3 and team.isin(prog.team_ids).all()
    reviewed = reviews["comment"].unique()
    share = len(reviewed) / comments["team_id"].isin(team.unique()).sum()
    assert 0.3 <= share <= 0.5
    assert set(reviews["tone"].dropna()) <= {"positif", "négatif", "mixte"}
    themed = reviews.dropna(subset=["theme"])
    truth = labels[labels["comment"].isin(reviewed)]
    got = set(zip(themed["comment"], themed["theme"], themed["tone"], strict=True))
    want = {(c, t, "négatif" if tone == "negatif" else tone)
            for c, t, tone in truth.itertuples(index=False)}  # fmt: skip
    assert got == want
    bare = reviews[reviews["theme"].isna()]
    assert bare["tone"].isna().all() and not bare["comment"].isin(labels["comment"]).any()
    assert set(reviewed) - set(labels["comment"]) == set(bare["comment"])


# ---------------------------------------------------------------- truth
def test_equal_weights_give_every_theme_the_same_probability():
    """(1 − P_NONE)·E[K]/J with E[K] = 1·0.55 + 2·0.32 + 3·0.13 = 1.58."""
    probs = theme_probabilities(np.ones((2, 11)))
    assert np.allclose(probs, (1 - P_NONE) * 1.58 / 11, atol=1e-12)


def test_theme_probabilities_match_numpys_weighted_sampling_without_replacement():
    weight = np.array([1.0, 3.0, 0.2, 0.7, 2.0, 0.4])
    rng, n = np.random.default_rng(3), 20_000
    k = rng.choice([1, 2, 3], size=n, p=K_P)
    p = weight / weight.sum()
    hits = np.zeros(len(weight))
    for size in (1, 2, 3):
        for _ in range((k == size).sum()):
            hits[rng.choice(len(weight), size=size, replace=False, p=p)] += 1
    observed = hits / n  # among comments with themes
    expected = theme_probabilities(weight) / (1 - P_NONE)
    se = np.sqrt(expected * (1 - expected) / n)
    assert np.all(np.abs(observed - expected) < 4 * se)


def test_truth_has_every_unit_theme_and_period(prog):
    truth = prog.truth[prog.truth["family"] == "comments"]
    units = prog.team_ids + prog.comparison_ids
    assert set(truth["team_id"]) == set(units)
    assert len(truth) == len(units) * len(BANK) * 6
    assert truth["true_effect"].notna().all()
    table = truth.set_index(["team_id", "code"])["true_effect"]
    for theme in BANK:
        for what in ("share", "negative"):
            before, after = (table.xs(f"{theme}.{what}.{p}", level="code") for p in PERIODS)
            change = table.xs(f"{theme}.{what}.change", level="code")
            assert np.allclose(change, after - before)
    assert ((table.xs("accueil.negative.avant", level="code")).between(0, 0.88)).all()


def test_known_shift_in_half_of_the_teams_none_elsewhere(prog):
    truth = prog.truth[prog.truth["family"] == "comments"].set_index(["team_id", "code"])
    level = prog.teams.set_index("team_id")["participation_level"]
    shifted = [t for t in prog.team_ids if level[t] in ("co-construction", "co-décision")]
    assert 0.35 <= len(shifted) / len(prog.team_ids) <= 0.65
    change = truth["true_effect"]
    for team in prog.team_ids + prog.comparison_ids:
        rows = change.xs(team, level="team_id")
        moved = rows[rows.index.str.endswith(".change")].abs() > 1e-12
        if team in shifted:
            assert rows["participation_partenariat.share.change"] > 0.03
            assert rows["information_communication.share.change"] > 0.01
            assert rows["participation_partenariat.negative.change"] < -0.05
            assert rows["information_communication.negative.change"] < -0.05
            assert rows["accueil.negative.change"] == 0
        else:
            assert not moved.any(), team


@pytest.mark.parametrize("what", ["share", "negative"])
def test_pooled_true_labels_are_covered_by_the_truth(large, what):
    """Every theme × period × (shifted or not): the pooled share of the true labels and
    the mean of the units' truth weighted by their comments (share) or by their comments
    touching the theme (negative share) agree within a 99.9 % Wilson interval."""
    draw, truth = large
    comments, labels = draw.comments, draw.labels
    table = truth.set_index(["team_id", "code"])["true_effect"]
    period = labels["comment"].map(comments.set_index("comment")["period"])
    team = labels["comment"].map(comments.set_index("comment")["team_id"])
    n = comments.groupby(["team_id", "period"]).size()
    shifted = table.xs("participation_partenariat.share.change", level="code") > 0
    assert 0.3 < shifted.mean() < 0.5  # half of the 400 teams among 500 units
    checked = 0
    for theme in BANK:
        for p in PERIODS:
            truth_p = table.xs(f"{theme}.{what}.{p}", level="code")
            for group in (True, False):
                units = shifted.index[shifted == group]
                if what == "share":
                    size = n.xs(p, level="period").reindex(units, fill_value=0)
                    expected = (size * truth_p[units]).sum() / size.sum()
                    count = ((labels["theme"] == theme) & (period == p) & team.isin(units)).sum()
                else:
                    mine = (labels["theme"] == theme) & (period == p) & team.isin(units)
                    size = team[mine].value_counts()
                    expected = (size * truth_p[size.index]).sum() / size.sum()
                    count = (labels.loc[mine, "tone"] == "negatif").sum()
                low, high = wilson(count, size.sum())
                assert low <= expected <= high, (theme, p, group)
                checked += 1
    assert checked == len(BANK) * 4


# ---------------------------------------------------------------- the rules on the demo
def test_rules_agreement_with_the_true_labels_is_measured(prog, labels):
    """The rules (impact.text.themes on impact.text.mask'd texts) against the true labels,
    and what impact.text.classify does with the demo's reviews: printed (pytest -s), with
    a loose floor only. The demo's sentences are few and repeated, so this is no accuracy
    claim: that is the held-out hand-labelled set's job."""
    from impact.text import classify, macro_f1, mask, theme_scores, themes, tone_accuracy

    comments = prog.comments
    masked = mask(comments["text"].tolist())
    surnames = [written.split()[-1] for written, _ in STAFF]
    named = [any(s in t for s in surnames) for t in comments["text"]]
    left = sum(any(s in m for s in surnames) for m, k in zip(masked, named, strict=True) if k)
    predicted = themes(pd.Series(masked, index=comments["comment"]))
    scores = theme_scores(labels, predicted)
    f1 = macro_f1(scores)
    accuracy, pairs = tone_accuracy(labels, predicted)
    print(f"\ndemo comments: {len(comments)}, {sum(named)} with a fictitious staff name, "
          f"{left} left after masking")  # fmt: skip
    print(scores.to_string(index=False))
    print(f"macro-F1 {f1:.3f}; tone accuracy {accuracy:.3f} on {pairs} pairs")
    assert f1 > 0.4 and accuracy > 0.4
    result = classify(pd.Series(masked, index=comments["comment"]), prog.comment_reviews)
    assert result.n_reviewed == prog.comment_reviews["comment"].nunique()
    machine = result.labels[result.labels["method"] != "relecture"]
    unseen = labels[~labels["comment"].isin(prog.comment_reviews["comment"])]
    after = macro_f1(theme_scores(unseen, machine))
    print(f"classify: {result.n_reviewed} reviewed, rules F1 {result.rules_f1:.3f}, "
          f"supervised F1 {result.supervised_f1:.3f} (5-fold CV) -> {result.method}; "
          f"macro-F1 on the comments not reviewed {after:.3f}")  # fmt: skip
