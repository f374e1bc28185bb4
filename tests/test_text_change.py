"""Change of themes after partnership (impact.text.change): shares by hand, Newcombe's
published intervals, the score test from first principles, pooling fitted independently,
and coverage by simulation.

Sources of the reference values:

- [N98] Newcombe RG. Interval estimation for the difference between independent
  proportions: comparison of eleven methods. *Stat Med* 1998;17:873–890, Table II,
  method 10 (hybrid score interval without continuity correction), examples (a)–(h), to
  4 decimals. Read from the paper's table as quoted, with the same digits, by several
  independent public implementations (e.g. the SAS reference values of an R package's
  tests: 56/70 − 48/80 → 0.0524, 0.3339; 9/10 − 3/10 → 0.1705, 0.8090;
  10/10 − 0/20 → 0.6791, 1.0000).
- [C07] The score test of equal proportions with the ``N/(N − 1)`` variance factor is the
  "N − 1" chi-squared test: ``z² = X²·(N − 1)/N`` with Pearson's X² of the 2 × 2 table
  (Campbell I. *Stat Med* 2007;26:3661–3675); X² from scipy, not from the code tested.
- [AC00] Agresti A, Caffo B. *Am Stat* 2000;54:280–288: one success and one failure added
  to each sample before the Wald variance.
- Pooling: DerSimonian–Laird and Hartung–Knapp by ``statsmodels.stats.meta_analysis.
  combine_effects`` (its ``random effect`` and, with ``use_t``, ``random effect wls``
  rows), and REML by maximising the restricted likelihood with scipy in the test
  (Viechtbauer 2005, *J Educ Behav Stat* 30:261–293, eq. for the intercept-only model).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import optimize, stats
from statsmodels.stats.meta_analysis import combine_effects

from impact.text import pooled_theme_changes, theme_changes, theme_shares

A4 = 5e-5  # "to 4 decimals": half a unit of the 4th decimal


def counts_frame(rows: list[tuple]) -> pd.DataFrame:
    """A theme_shares-like frame from (team, theme, n_before, x_before, n_after, x_after,
    neg_before, neg_after) tuples."""
    out = []
    for team, theme, n0, x0, n1, x1, g0, g1 in rows:
        for period, n, x, g in (("avant", n0, x0, g0), ("après", n1, x1, g1)):
            out.append({"team_id": team, "theme": theme, "period": period, "n_comments": n,
                        "n_theme": x, "n_negative": g})  # fmt: skip
    return pd.DataFrame(out)


# ---------------------------------------------------------------- theme_shares by hand


def small_programme() -> tuple[pd.DataFrame, pd.DataFrame]:
    comments = pd.DataFrame({
        "comment": ["a1", "a2", "a3", "a4", "a5", "b1", "b2", "b3"],
        "team_id": ["A", "A", "A", "A", "A", "B", "B", "B"],
        "period": ["avant", "avant", "avant", "après", "après", "avant", "avant", "avant"],
        "source": "e-Satis",
    })  # fmt: skip
    labels = pd.DataFrame({
        "comment": ["a1", "a1", "a2", "a4", "a5", "b1", "zz"],
        "theme": ["repas", "accueil", "repas", "repas", "repas", "accueil", "repas"],
        "tone": ["negatif", "positif", "mixte", "negatif", "negatif", "positif", "negatif"],
    })  # fmt: skip
    return comments, labels


def test_theme_shares_by_hand():
    comments, labels = small_programme()
    got = theme_shares(comments, labels).set_index(["team_id", "theme", "period"])
    # every team × theme × period, zero counts kept: 2 teams × 2 themes × 2 periods
    assert len(got) == 8
    assert list(got.columns) == ["n_comments", "n_theme", "share", "n_negative", "n_mixed",
                                 "negative_share"]  # fmt: skip
    # team A before: a1, a2, a3 (a3 has no label); repas in a1 (negatif) and a2 (mixte)
    row = got.loc[("A", "repas", "avant")]
    assert (row["n_comments"], row["n_theme"], row["n_negative"], row["n_mixed"]) == (3, 2, 1, 1)
    assert row["share"] == pytest.approx(2 / 3)
    assert row["negative_share"] == pytest.approx(1 / 2)  # mixte is not negative
    row = got.loc[("A", "repas", "après")]
    assert (row["n_comments"], row["n_theme"], row["n_negative"]) == (2, 2, 2)
    assert row["share"] == 1.0 and row["negative_share"] == 1.0
    row = got.loc[("A", "accueil", "après")]  # theme absent: zeros, negative share NaN
    assert (row["n_comments"], row["n_theme"], row["n_negative"]) == (2, 0, 0)
    assert row["share"] == 0.0 and np.isnan(row["negative_share"])
    row = got.loc[("B", "repas", "après")]  # no comment of B after: share NaN
    assert row["n_comments"] == 0 and np.isnan(row["share"])
    # the label of "zz" (not a comment of the table) is ignored
    assert got.xs("repas", level="theme")["n_theme"].sum() == 4
    # periods in order avant, après; themes sorted
    flat = theme_shares(comments, labels)
    assert flat["period"].tolist()[:2] == ["avant", "après"]
    assert flat["theme"].tolist()[:4] == ["accueil", "accueil", "repas", "repas"]


def test_theme_shares_ignores_rows_without_theme_and_handles_no_label():
    comments, labels = small_programme()
    reviewed_none = pd.DataFrame({"comment": ["a3"], "theme": [None], "tone": [None]})
    with_none = theme_shares(comments, pd.concat([labels, reviewed_none]))
    pd.testing.assert_frame_equal(with_none, theme_shares(comments, labels))
    empty = theme_shares(comments, labels.iloc[:0])
    assert empty.empty and "share" in empty.columns
    assert theme_changes(empty).empty and pooled_theme_changes(theme_changes(empty)).empty


def test_theme_shares_other_groupings():
    comments, labels = small_programme()
    whole = theme_shares(comments, labels, by=()).set_index(["theme", "period"])
    assert whole.loc[("repas", "avant"), "n_comments"] == 6
    assert whole.loc[("repas", "avant"), "n_theme"] == 2
    two = theme_shares(comments, labels, by=("team_id", "source"))
    assert {"team_id", "source"} <= set(two.columns) and len(two) == 8


def test_theme_shares_rejects_bad_input():
    comments, labels = small_programme()
    with pytest.raises(ValueError, match="Tones"):
        theme_shares(comments, labels.assign(tone="négatif"))
    with pytest.raises(ValueError, match="Periods"):
        theme_shares(comments.assign(period="pendant"), labels)
    with pytest.raises(ValueError, match="duplicated"):
        theme_shares(pd.concat([comments, comments.head(1)]), labels)
    with pytest.raises(ValueError, match="lacks"):
        theme_shares(comments.drop(columns="team_id"), labels)


# ---------------------------------------------------------------- theme_changes


NEWCOMBE_TABLE_II = [  # [N98] (x_after, n_after, x_before, n_before) → lower, upper
    ((56, 70, 48, 80), (0.0524, 0.3339)),  # (a)
    ((9, 10, 3, 10), (0.1705, 0.8090)),  # (b)
    ((6, 7, 2, 7), (0.0582, 0.8062)),  # (c)
    ((5, 56, 0, 29), (-0.0381, 0.1926)),  # (d)
    ((0, 10, 0, 20), (-0.1611, 0.2775)),  # (e)
    ((0, 10, 0, 10), (-0.2775, 0.2775)),  # (f)
    ((10, 10, 0, 20), (0.6791, 1.0000)),  # (g)
    ((10, 10, 0, 10), (0.6075, 1.0000)),  # (h)
]


def test_newcombe_table_ii_share_and_negative_share():
    rows = [(f"ex{i}", "repas", n0, x0, n1, x1, 0, 0)
            for i, ((x1, n1, x0, n0), _) in enumerate(NEWCOMBE_TABLE_II)]  # fmt: skip
    got = theme_changes(counts_frame(rows))
    expected = np.array([ci for _, ci in NEWCOMBE_TABLE_II])
    assert_allclose(got["ci_low"], expected[:, 0], atol=A4)
    assert_allclose(got["ci_high"], expected[:, 1], atol=A4)
    x1, n1, x0, n0 = np.array([a for a, _ in NEWCOMBE_TABLE_II], dtype=float).T
    assert_allclose(got["difference"], x1 / n1 - x0 / n0)
    # the same counts as negative comments among those touching the theme
    rows = [(f"ex{i}", "repas", 100, n0, 100, n1, x0, x1)
            for i, ((x1, n1, x0, n0), _) in enumerate(NEWCOMBE_TABLE_II)]  # fmt: skip
    got = theme_changes(counts_frame(rows))
    assert_allclose(got["negative_ci_low"], expected[:, 0], atol=A4)
    assert_allclose(got["negative_ci_high"], expected[:, 1], atol=A4)


def test_score_test_is_the_n_minus_one_chi_squared_test():
    cases = [(48, 80, 56, 70), (3, 10, 9, 10), (12, 30, 7, 25), (0, 29, 5, 56)]
    rows = [(f"t{i}", "repas", n0, x0, n1, x1, 0, 0) for i, (x0, n0, x1, n1) in enumerate(cases)]
    got = theme_changes(counts_frame(rows))
    for (x0, n0, x1, n1), p in zip(cases, got["p_value"], strict=True):
        table = np.array([[x1, n1 - x1], [x0, n0 - x0]])
        x2 = stats.chi2_contingency(table, correction=False)[0]  # [C07]
        big_n = n0 + n1
        assert p == pytest.approx(stats.chi2.sf(x2 * (big_n - 1) / big_n, 1), rel=1e-9)


def test_agresti_caffo_standard_error_by_hand():
    got = theme_changes(counts_frame([("A", "repas", 30, 6, 25, 0, 2, 0)])).iloc[0]
    # [AC00]: (6+1)/(30+2) before, (0+1)/(25+2) after
    p0, p1 = 7 / 32, 1 / 27
    assert got["se"] == pytest.approx(np.sqrt(p0 * (1 - p0) / 32 + p1 * (1 - p1) / 27))
    assert got["difference"] == pytest.approx(0 - 6 / 30)
    # negative share: 2/6 before, no comment touching the theme after
    assert got["negative_share_before"] == pytest.approx(1 / 3)
    assert np.isnan(got["negative_difference"]) and np.isnan(got["negative_se"])
    assert np.isnan(got["negative_ci_low"]) and np.isnan(got["negative_p_value"])
    assert got["negative_reason"] == "no_observations" and got["reason"] == ""


def test_empty_periods_and_equal_boundary_shares():
    rows = [
        ("A", "repas", 0, 0, 20, 5, 0, 1),  # no comment before
        ("B", "repas", 20, 0, 15, 0, 0, 0),  # theme absent in both periods
        ("C", "repas", 12, 12, 9, 9, 3, 3),
    ]  # every comment touches it, in both
    got = theme_changes(counts_frame(rows)).set_index("team_id")  # fmt: skip
    assert np.isnan(got.loc["A", "difference"]) and got.loc["A", "reason"] == "no_observations"
    assert np.isnan(got.loc["A", "ci_low"]) and np.isnan(got.loc["A", "se"])
    for team in ("B", "C"):
        assert got.loc[team, "difference"] == 0.0
        assert got.loc[team, "p_value"] == 1.0
        assert got.loc[team, "reason"] == "same_proportion"
        assert got.loc[team, "ci_low"] < 0 < got.loc[team, "ci_high"]
        assert got.loc[team, "se"] > 0
    assert got.loc["C", "negative_reason"] == ""  # 3/12 vs 3/9: a defined test
    assert got.loc["B", "negative_reason"] == "no_observations"


def test_theme_changes_from_theme_shares_keeps_groups_and_order():
    comments, labels = small_programme()
    changes = theme_changes(theme_shares(comments, labels), conf_level=0.9)
    assert changes[["team_id", "theme"]].values.tolist() == [
        ["A", "accueil"], ["A", "repas"], ["B", "accueil"], ["B", "repas"]]  # fmt: skip
    row = changes.iloc[1]  # A, repas: 2/3 → 2/2
    assert (row["n_before"], row["n_after"], row["n_theme_before"], row["n_theme_after"]) == (
        3, 2, 2, 2)  # fmt: skip
    assert row["difference"] == pytest.approx(1 / 3)
    assert row["conf_level"] == 0.9
    assert changes.iloc[3]["reason"] == "no_observations"  # B has no comment after


# ---------------------------------------------------------------- pooling


TEAMS = [  # team, n_before, x_before, n_after, x_after, negative before, negative after
    ("T1", 30, 9, 28, 4, 6, 1),
    ("T2", 45, 20, 40, 10, 12, 3),
    ("T3", 22, 3, 25, 6, 2, 4),
    ("T4", 60, 15, 55, 14, 9, 5),
    ("T5", 18, 8, 20, 1, 5, 0),
    ("T6", 35, 5, 33, 5, 3, 1),
    ("T7", 25, 0, 30, 0, 0, 0),  # the theme never named: no negative share
]


def team_changes() -> pd.DataFrame:
    rows = [(t, "repas", n0, x0, n1, x1, g0, g1) for t, n0, x0, n1, x1, g0, g1 in TEAMS]
    return theme_changes(counts_frame(rows))


def agresti_caffo(x0, n0, x1, n1):
    """Difference after − before and its SE [AC00], written again here."""
    x0, n0, x1, n1 = (np.asarray(a, dtype=float) for a in (x0, n0, x1, n1))
    a0, a1 = (x0 + 1) / (n0 + 2), (x1 + 1) / (n1 + 2)
    return x1 / n1 - x0 / n0, np.sqrt(a0 * (1 - a0) / (n0 + 2) + a1 * (1 - a1) / (n1 + 2))


def test_pooled_dl_and_hartung_knapp_match_statsmodels():
    _, n0, x0, n1, x1, g0, g1 = (np.array(c) for c in zip(*TEAMS, strict=True))
    y, se = agresti_caffo(x0, n0, x1, n1)
    changes = team_changes()
    got = pooled_theme_changes(changes, method="DL", hartung_knapp=False)
    assert got["quantity"].tolist() == ["share", "negative_share"]
    share = got.iloc[0]
    ref = combine_effects(y, se**2, method_re="dl")
    frame = ref.summary_frame()
    assert share["k"] == 7
    assert share["estimate"] == pytest.approx(frame.loc["random effect", "eff"], rel=1e-10)
    assert share["ci_low"] == pytest.approx(frame.loc["random effect", "ci_low"], rel=1e-10)
    assert share["ci_high"] == pytest.approx(frame.loc["random effect", "ci_upp"], rel=1e-10)
    assert share["tau2"] == pytest.approx(ref.tau2, rel=1e-10)
    assert share["I2"] == pytest.approx(100 * ref.i2, rel=1e-10)  # DL: (Q − df)/Q
    assert share["Q"] == pytest.approx(ref.q, rel=1e-10)
    assert share["n_before"] == n0.sum() and share["n_after"] == n1.sum()
    # negative share: T7 (no comment on the theme) is left out
    keep = (g0 >= 0) & (x0 > 0) & (x1 > 0)
    yn, sen = agresti_caffo(g0[keep], x0[keep], g1[keep], x1[keep])
    neg = got.iloc[1]
    ref = combine_effects(yn, sen**2, method_re="dl")
    assert neg["k"] == 6 and neg["reason"] == "rows_dropped"
    # Q < k − 1: DerSimonian–Laird's τ² = max(0, (Q − df)/c) is 0 (statsmodels leaves it
    # negative), so the pooled difference is the common-effect one
    assert ref.q < 5 and neg["tau2"] == 0.0
    assert neg["Q"] == pytest.approx(ref.q, rel=1e-10)
    assert neg["estimate"] == pytest.approx(ref.mean_effect_fe, rel=1e-10)
    # Hartung–Knapp: statsmodels' HKSJ interval of the random-effects mean (its 4th
    # conf_int), t on k − 1 df
    hk = pooled_theme_changes(changes, method="DL", hartung_knapp=True).iloc[0]
    low, high = combine_effects(y, se**2, method_re="dl").conf_int(use_t=True)[3]
    assert hk["ci_low"] == pytest.approx(low, rel=1e-10)
    assert hk["ci_high"] == pytest.approx(high, rel=1e-10)
    assert hk["df"] == 6


def test_pooled_reml_default_matches_restricted_likelihood_fit():
    _, n0, x0, n1, x1, _, _ = (np.array(c) for c in zip(*TEAMS, strict=True))
    y, se = agresti_caffo(x0, n0, x1, n1)
    v = se**2

    def minus_restricted_loglik(tau2):
        w = 1 / (v + tau2)
        mu = np.sum(w * y) / np.sum(w)
        return 0.5 * (np.sum(np.log(v + tau2)) + np.log(np.sum(w)) + np.sum(w * (y - mu) ** 2))

    tau2 = optimize.minimize_scalar(minus_restricted_loglik, bounds=(0, 1),
                                    method="bounded", options={"xatol": 1e-12}).x  # fmt: skip
    assert tau2 > 1e-3  # the example is heterogeneous: REML is not at its boundary
    w = 1 / (v + tau2)
    mu = np.sum(w * y) / np.sum(w)
    k = len(y)
    se_hk = np.sqrt(np.sum(w * (y - mu) ** 2) / ((k - 1) * np.sum(w)))
    crit = stats.t.ppf(0.975, k - 1)
    got = pooled_theme_changes(team_changes()).iloc[0]  # REML + Hartung–Knapp
    assert got["tau2"] == pytest.approx(tau2, abs=2e-5)  # metafor's threshold 1e-5
    assert got["estimate"] == pytest.approx(mu, abs=1e-5)
    assert got["ci_low"] == pytest.approx(mu - crit * se_hk, abs=1e-5)
    assert got["ci_high"] == pytest.approx(mu + crit * se_hk, abs=1e-5)
    assert got["p_value"] == pytest.approx(2 * stats.t.sf(abs(mu / se_hk), k - 1), abs=1e-4)
    assert "Agresti" in got["se_method"]


def test_pooled_within_groups_and_undefined_themes():
    other = team_changes().assign(source="questionnaire", theme="accueil")
    changes = pd.concat([team_changes().assign(source="e-Satis"), other])
    got = pooled_theme_changes(changes, within=("source",), method="DL")
    assert got[["source", "theme", "quantity"]].values.tolist() == [
        ["e-Satis", "repas", "share"],
        ["e-Satis", "repas", "negative_share"],
        ["questionnaire", "accueil", "share"],
        ["questionnaire", "accueil", "negative_share"],
    ]
    assert_allclose(got["estimate"].iloc[:2], got["estimate"].iloc[2:])
    # a theme no team can compare: k = 0, NaN, and the reasons
    one = theme_changes(counts_frame([("A", "douleur", 0, 0, 10, 1, 0, 0)]))
    row = pooled_theme_changes(one).iloc[0]
    assert row["k"] == 0 and np.isnan(row["estimate"])
    assert row["reason"] == "no_study;rows_dropped"


def test_pooled_identical_differences_are_flagged():
    rows = [(t, "repas", 20, 4, 20, 4, 1, 1) for t in ("A", "B", "C")]
    got = pooled_theme_changes(theme_changes(counts_frame(rows))).iloc[0]
    assert got["estimate"] == 0.0 and got["se"] == 0.0
    assert "no_variation" in got["reason"]


# ---------------------------------------------------------------- coverage by simulation


def test_team_difference_coverage_by_simulation():
    """2,000 binomial replications of a team (30 comments before, 28 after; true shares
    0.20 → 0.35, and a negative share 0.6 → 0.3 within the theme): the 95 % Newcombe
    interval covers the true difference in 93–97 % of them (nominal ± 2 points, about
    4 Monte Carlo standard errors of √(0.95·0.05/2000) = 0.49 point; Newcombe 1998 reports
    coverage close to nominal for method 10; the exact coverage of the share's interval
    for these parameters, by enumerating the 31 × 29 outcomes, is 0.948)."""
    rng = np.random.default_rng(20261604)
    reps = 2000
    n0, n1, p0, p1, q0, q1 = 30, 28, 0.20, 0.35, 0.6, 0.3
    x0, x1 = rng.binomial(n0, p0, reps), rng.binomial(n1, p1, reps)
    g0, g1 = rng.binomial(x0, q0), rng.binomial(x1, q1)
    rows = [(f"r{i}", "repas", n0, x0[i], n1, x1[i], g0[i], g1[i]) for i in range(reps)]
    got = theme_changes(counts_frame(rows))
    cover = (got["ci_low"] <= p1 - p0) & (p1 - p0 <= got["ci_high"])
    assert 0.93 <= cover.mean() <= 0.97
    defined = got["negative_ci_low"].notna()
    assert defined.mean() > 0.99
    neg = got.loc[defined]
    cover = (neg["negative_ci_low"] <= q1 - q0) & (q1 - q0 <= neg["negative_ci_high"])
    assert 0.93 <= cover.mean() <= 0.97


def test_pooled_difference_coverage_by_simulation():
    """500 programmes of 8 teams (25–45 comments per period, shares 0.15 → 0.25 in every
    team: τ² = 0): the 95 % REML + Hartung–Knapp interval of the pooled difference built on
    the Agresti–Caffo SEs covers 0.10 in 92.5–97.5 % of them (± 2.5 points, about 2.6
    Monte Carlo SEs of 0.97 point)."""
    rng = np.random.default_rng(16)
    reps, k = 500, 8
    n0 = rng.integers(25, 46, size=(reps, k))
    n1 = rng.integers(25, 46, size=(reps, k))
    x0, x1 = rng.binomial(n0, 0.15), rng.binomial(n1, 0.25)
    rows = [(f"R{i}T{j}", "repas", n0[i, j], x0[i, j], n1[i, j], x1[i, j], 0, 0)
            for i in range(reps) for j in range(k)]  # fmt: skip
    changes = theme_changes(counts_frame(rows))
    changes["rep"] = np.repeat(np.arange(reps), k)
    got = pooled_theme_changes(changes, within=("rep",))
    share = got.loc[got["quantity"] == "share"]
    assert (share["k"] == k).all()
    cover = (share["ci_low"] <= 0.10) & (0.10 <= share["ci_high"])
    assert 0.925 <= cover.mean() <= 0.975
