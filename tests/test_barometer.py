"""The partnership barometer: scoring, changes, gaps, reliability, programme level,
suppressed team tables and figures; reference values cite their source."""

from __future__ import annotations

import warnings
from dataclasses import replace

import matplotlib
import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from matplotlib.figure import Figure
from numpy.testing import assert_allclose
from scipy import stats

import impact
from impact.barometer.common import sort_waves, wave_pairs
from impact.barometer.programme import programme_change
from impact.barometer.scores import (
    changes,
    joint_vs_self,
    perception_gap,
    reliability,
    score_summary,
    scores,
    team_change,
)
from impact.report.barometer_tables import team_barometer_tables
from impact.report.figures import diverging_bars, radar_chart, slope_chart
from impact.report.headlines import barometer_headlines
from impact.report.privacy import publishable
from impact.stats.effects import mean_difference, paired_difference, standardised_mean_difference
from impact.stats.grouped import (
    grouped_brunner_munzel,
    grouped_d_z,
    grouped_midranks,
    grouped_overlap_t,
    grouped_paired_t,
    grouped_signed_rank,
)

NAN = float("nan")

# Pain scores on the third day after surgery (Brunner & Munzel 2000, Biometrical Journal
# 42:17–25, Table 1; Neubert & Brunner 2007): treatment Y (14 patients), N (11 patients).
PAIN_Y = [1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 2, 4, 1, 1]
PAIN_N = [3, 3, 4, 3, 1, 2, 3, 1, 1, 5, 4]

CATALOGUE = pd.DataFrame({
    "item": ["A1", "A2", "B1", "B2", "B3"],
    "dimension": ["alpha", "alpha", "beta", "beta", "beta"],
    "dimension_fr": ["Alpha", "Alpha", "Bêta", "Bêta", "Bêta"],
    "dimension_en": ["Alpha", "Alpha", "Beta", "Beta", "Beta"],
    "label_fr": ["a1", "a2", "b1", "b2", "b3"], "label_en": ["a1", "a2", "b1", "b2", "b3"],
    "scale_min": [0, 0, 0, 0, 1], "scale_max": [4, 4, 4, 4, 5],
    "reverse": [False, False, False, True, False],
})  # fmt: skip


def _answers(rows):
    """Responses from (team, wave, respondent, role, assessment, {item: score})."""
    out = []
    for team, wave, resp, role, assessment, answers in rows:
        for item, score in answers.items():
            out.append((team, wave, resp, role, assessment, item, score))
    frame = pd.DataFrame(out, columns=["team_id", "wave", "respondent", "role", "assessment",
                                       "item", "score"])  # fmt: skip
    frame["score"] = frame["score"].astype("Int64")
    return frame


@pytest.fixture(scope="module")
def demo():
    """The 60-team demo programme (seed 5) and its scores."""
    prog = impact.demo_programme(n_teams=60, seed=5)
    return prog, scores(prog.barometer_responses, prog.barometer_items)


# ------------------------------------------------------------------ scoring


def test_scores_by_hand_reverse_missing_and_favourable():
    resp = _answers([
        ("T1", "T0", "r1", "professionnel", "auto",
         {"A1": 4, "A2": 3, "B1": 1, "B2": 0, "B3": None}),  # B2 reversed: 0 -> 4
        ("T1", "T0", "r2", "patient", "auto",
         {"A1": 2, "A2": None, "B1": None, "B2": None, "B3": 5}),  # beta: 1 of 3 answered
        ("T1", "T0", "G", None, "conjointe", {"A1": 3, "A2": 3, "B1": 2, "B2": 2, "B3": 3}),
    ])  # fmt: skip
    s = scores(resp, CATALOGUE).set_index(["respondent", "dimension"])
    assert s.loc[("r1", "alpha"), "score"] == 3.5
    assert s.loc[("r1", "beta"), "score"] == 2.5  # (1 + 4) / 2: 2 of 3 answered ≥ half
    assert_allclose(s.loc[("r1", "global"), "score"], (4 + 3 + 1 + 4) / 4)
    assert s.loc[("r1", "alpha"), "favourable_share"] == 1.0  # 4 and 3 are favourable
    assert s.loc[("r1", "beta"), "favourable_share"] == 0.5  # reversed 4 yes, 1 no
    assert s.loc[("r2", "alpha"), "score"] == 2.0  # 1 of 2 answered = half: kept
    assert np.isnan(s.loc[("r2", "beta"), "score"])  # 1 of 3 answered < half: missing
    assert np.isnan(s.loc[("r2", "global"), "score"])  # 2 of 5 < half
    assert s.loc[("r2", "beta"), "n_answered"] == 1 and s.loc[("r2", "beta"), "n_items"] == 3
    assert s.loc[("r1", "alpha"), "role_group"] == "professionals"
    assert s.loc[("r2", "alpha"), "role_group"] == "patient_side"
    assert s.loc[("G", "alpha"), "role_group"] == "joint"
    # B3 is scored 1–5: its favourable answers are 4 and 5; the beta range is 0–5
    assert s.loc[("G", "beta"), "favourable_share"] == 0.0
    assert s.loc[("G", "beta"), "score_max"] == 5.0
    # 0–100: each answer rescaled on its own item's scale before averaging
    s100 = scores(resp, CATALOGUE, rescale_100=True).set_index(["respondent", "dimension"])
    assert_allclose(s100.loc[("r2", "alpha"), "score"], 50.0)
    assert_allclose(s100.loc[("G", "beta"), "score"], (50 + 50 + 50) / 3)
    assert s100.loc[("G", "beta"), "score_max"] == 100.0
    with pytest.raises(ValueError, match="missing from the catalogue"):
        scores(resp.assign(item="Z9"), CATALOGUE)
    with pytest.raises(ValueError, match="min_share"):
        scores(resp, CATALOGUE, min_share=0)


def test_scores_equal_a_plain_groupby_on_the_demo(demo):
    prog, s = demo
    r = prog.barometer_responses
    dims = prog.barometer_items.set_index("item")["dimension"]
    frame = r.assign(dimension=r["item"].map(dims), x=r["score"].astype(float))
    grouped = frame.groupby(["team_id", "wave", "respondent", "assessment", "dimension"])["x"]
    ref = grouped.mean().where(grouped.count() >= grouped.size() / 2)
    got = s.loc[s["dimension"] != "global"].set_index(
        ["team_id", "wave", "respondent", "assessment", "dimension"]
    )["score"]
    assert_allclose(got.sort_index().to_numpy(), ref.sort_index().to_numpy())


def test_no_self_assessment_gives_empty_tables_with_every_column(demo):
    """Joint ratings only (every role group hidden upstream): changes has no row but the
    columns of a table with rows, and the team change is an empty table, not an error."""
    prog, _ = demo
    s = scores(prog.barometer_responses, prog.barometer_items)
    by = ("team_id", "role_group", "dimension")
    full = changes(s, by=by)
    empty = changes(s.iloc[:0], by=by)
    assert len(empty) == 0 and list(empty.columns) == list(full.columns)
    assert len(team_change(s.loc[s["role_group"] == "joint"])) == 0


def test_score_summary_counts_respondents(demo):
    _, s = demo
    summary = score_summary(s)
    team = s.loc[
        (s["team_id"] == "T01")
        & (s["assessment"] == "auto")
        & (s["wave"] == "T0")
        & (s["dimension"] == "global")
        & (s["role_group"] == "professionals")
    ]
    row = summary.loc[(summary["team_id"] == "T01") & (summary["wave"] == "T0")
                      & (summary["dimension"] == "global")
                      & (summary["role_group"] == "professionals")]  # fmt: skip
    assert row["n"].item() == team["score"].notna().sum()
    assert_allclose(row["mean"].item(), team["score"].mean())
    assert summary["dimension"].iloc[0] == "co_expression"  # catalogue order kept


# ------------------------------------------------------------------ grouped statistics


def test_brunner_munzel_matches_published_pain_example():
    t = grouped_brunner_munzel([0] * 25, PAIN_Y + [NAN] * 11, [NAN] * 14 + PAIN_N, 1)
    row = t.loc[0]
    # R brunnermunzel::brunnermunzel.test(Y, N) documented output (toshi-ara/brunnermunzel,
    # R/brunner.munzel.test.R example): statistic = 3.1375, df = 17.683, p-value =
    # 0.005786, 95% CI 0.5952169 0.9827052, P(X<Y)+.5*P(X=Y) = 0.788961.
    assert_allclose(row["estimate"], 0.788961, atol=5e-7)
    assert_allclose(row["p_value"], 0.005786, atol=5e-7)
    assert_allclose(row["df"], 17.683, atol=5e-4)
    assert_allclose([row["ci_low"], row["ci_high"]], [0.5952169, 0.9827052], atol=5e-8)
    # scipy.stats.brunnermunzel docstring, same data: W = 3.1374674823029505,
    # p = 0.0057862086661515377
    assert_allclose(row["p_value"], 0.0057862086661515377, rtol=1e-8)
    assert row["measure"] == "probability of superiority"
    # the estimate by brute force over the 14 × 11 pairs: P(N > Y) + ½ P(N = Y)
    y, n = np.array(PAIN_Y), np.array(PAIN_N)
    pairs = (n[:, None] > y[None, :]).mean() + 0.5 * (n[:, None] == y[None, :]).mean()
    assert_allclose(row["estimate"], pairs, rtol=1e-12)


def _random_groups(seed: int, n_groups: int = 250):
    """Scores on a 1/3 grid (means of 3 items) for many small groups, some one-wave only."""
    rng = np.random.default_rng(seed)
    group = np.repeat(np.arange(n_groups), rng.integers(1, 14, n_groups))
    base = rng.integers(0, 13, len(group))
    before = base / 3
    after = np.clip(base + rng.integers(-4, 7, len(group)), 0, 12) / 3
    u = rng.random(len(group))
    before[u < 0.2] = np.nan
    after[(u >= 0.2) & (u < 0.4)] = np.nan
    return group, before, after, n_groups


def test_grouped_tests_equal_the_one_group_estimators():
    group, before, after, n_groups = _random_groups(3)
    paired = grouped_paired_t(group, before, after, n_groups)
    dz = grouped_d_z(group, before, after, n_groups)
    p_w, _ = grouped_signed_rank(group, before, after, n_groups)
    bm = grouped_brunner_munzel(group, before, after, n_groups)
    checked = {"paired": 0, "bm": 0}
    for k in range(n_groups):
        b, a = before[group == k], after[group == k]
        both = ~np.isnan(b) & ~np.isnan(a)
        d = np.round(a[both] - b[both], 9)
        if both.sum() >= 2 and np.std(d) > 0:
            ref = paired_difference(b[both], a[both])
            for col in ("estimate", "ci_low", "ci_high", "p_value"):
                assert_allclose(paired.loc[k, col], ref.loc[0, col], rtol=1e-9)
            ref_dz = standardised_mean_difference(b[both], a[both], kind="d_z")
            for col in ("estimate", "ci_low", "ci_high"):
                assert_allclose(dz.loc[k, col], ref_dz.loc[0, col], rtol=1e-6)
            nonzero = d[d != 0]
            if len(nonzero):
                # independent implementation: scipy (zeros dropped, tie and continuity
                # corrections unless exact), on differences rounded like ours
                ties = len(np.unique(np.abs(nonzero))) < len(nonzero)
                exact = len(nonzero) == len(d) and len(d) <= 50 and not ties
                ref_p = stats.wilcoxon(nonzero, method="exact" if exact else "asymptotic",
                                       correction=not exact).pvalue  # fmt: skip
                assert_allclose(p_w[k], ref_p, rtol=1e-9)
            checked["paired"] += 1
        x, y = b[np.isnan(a)], a[np.isnan(b)]
        if len(x) >= 2 and len(y) >= 2 and bm.loc[k, "measure"] == "probability of superiority":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", RuntimeWarning)
                ref_bm = stats.brunnermunzel(x, y)
            assert_allclose(bm.loc[k, "p_value"], ref_bm.pvalue, rtol=1e-8)
            pairs = (y[:, None] > x[None, :]).mean() + 0.5 * (y[:, None] == x[None, :]).mean()
            assert_allclose(bm.loc[k, "estimate"], pairs, rtol=1e-12)
            checked["bm"] += 1
    assert checked["paired"] > 150 and checked["bm"] > 40


def test_signed_rank_published_exact_example():
    # R ?wilcox.test example (Hollander & Wolfe 1973, p. 29, depression scale):
    # wilcox.test(x, y, paired = TRUE, alternative = "greater") -> V = 40, p = 0.01953;
    # two-sided p = 0.03906.
    x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30]
    y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29]
    p, exact = grouped_signed_rank([0] * 9, y, x, 1)
    assert exact[0]
    assert_allclose(p[0], 2 * 0.01953, atol=2e-5)
    assert_allclose(p[0], 0.0390625, rtol=1e-12)  # 2·10/512: exact null distribution


def test_midranks_equal_scipy_rankdata():
    rng = np.random.default_rng(2)
    group = np.repeat(np.arange(40), rng.integers(1, 12, 40))
    values = rng.integers(0, 5, len(group)).astype(float)
    ranks, ties = grouped_midranks(group, values, 40)
    for k in range(40):
        v = values[group == k]
        assert_allclose(ranks[group == k], stats.rankdata(v))
        _, t = np.unique(v, return_counts=True)
        assert ties[k] == (t**3 - t).sum()


def test_partially_overlapping_t_published_example_and_limits():
    a_unp = [20, 21, 16, 18, 14, 12, 14, 17]
    a_pair = [14, 15, 18, 20, 11, 19, 14, 15]
    b_unp = [10, 16, 18, 16, 15, 14, 13, 10]
    b_pair = [15, 10, 15, 17, 13, 19, 12, 13]
    gaps = [NAN] * 8
    pooled = grouped_overlap_t([0] * 24, b_unp + gaps + b_pair, gaps + a_unp + a_pair, 1,
                               equal_var=True)  # fmt: skip
    # Derrick, Toher & White (2017), Quant Methods Psychol 13(2):120–126, as in R
    # Partiallyoverlapping::Partover.test(a.unpaired, b.unpaired, a.paired, b.paired,
    # var.equal = TRUE) documented example: p.value = 0.026.
    assert round(pooled.loc[0, "p_value"], 3) == 0.026
    assert pooled.loc[0, "estimate"] == 2.0
    # Welch version (T_new2) written out from Derrick et al. (2017), eqs. for T_new2, ν2
    welch = grouped_overlap_t([0] * 24, b_unp + gaps + b_pair, gaps + a_unp + a_pair, 1)
    x1, x2 = np.array(b_unp + b_pair, float), np.array(a_unp + a_pair, float)
    n1 = n2 = 16
    n12, na, nb = 8, 8, 8
    r = np.corrcoef(b_pair, a_pair)[0, 1]
    s1, s2 = x1.std(ddof=1), x2.std(ddof=1)
    se = np.sqrt(s1**2 / n1 + s2**2 / n2 - 2 * r * s1 * s2 * n12 / (n1 * n2))
    gamma = (s1**2 / n1 + s2**2 / n2) ** 2 / (
        (s1**2 / n1) ** 2 / (n1 - 1) + (s2**2 / n2) ** 2 / (n2 - 1)
    )
    nu = (n12 - 1) + (gamma - n12 + 1) / (na + nb + 2 * n12) * (na + nb)
    assert_allclose(welch.loc[0, ["se", "df"]].astype(float), [se, nu], rtol=1e-12)
    assert_allclose(welch.loc[0, "p_value"], 2 * stats.t.sf(2.0 / se, nu), rtol=1e-10)
    # no pair: Welch's t; no unpaired respondent: the paired t
    alone = grouped_overlap_t([0] * 16, b_unp + gaps, gaps + a_unp, 1)
    ref = mean_difference(b_unp, a_unp)
    for col in ("estimate", "ci_low", "ci_high", "p_value"):
        assert_allclose(alone.loc[0, col], ref.loc[0, col], rtol=1e-10)
    only_pairs = grouped_overlap_t([0] * 8, b_pair, a_pair, 1)
    ref = paired_difference(b_pair, a_pair)
    for col in ("estimate", "ci_low", "ci_high", "p_value"):
        assert_allclose(only_pairs.loc[0, col], ref.loc[0, col], rtol=1e-10)


# ------------------------------------------------------------------ changes


def _small_programme():
    """T1: 3 professionals (2 at both waves), 1 patient at T0 only; T2: one wave only."""
    full = {"A1": 2, "A2": 2, "B1": 1, "B2": 3, "B3": 2}
    rows = [
        ("T1", "T0", "p1", "professionnel", "auto", full),
        ("T1", "T1", "p1", "professionnel", "auto", {**full, "A1": 4, "A2": 3}),
        ("T1", "T0", "p2", "professionnel", "auto", {**full, "A1": 1}),
        ("T1", "T1", "p2", "professionnel", "auto", {**full, "A1": 3, "A2": None}),
        ("T1", "T1", "p3", "professionnel", "auto", {**full, "A1": 4, "A2": 4}),
        ("T1", "T0", "u1", "patient", "auto", {**full, "A2": None, "B1": None, "B3": None}),
        ("T2", "T0", "q1", "professionnel", "auto", full),
        ("T2", "T0", "q2", "proche-aidant", "auto", {**full, "A1": 0}),
    ]
    return _answers(rows)


def test_changes_explain_small_groups_missing_answers_and_one_wave_teams():
    s = scores(_small_programme(), CATALOGUE)
    table = changes(s)
    assert set(table.groupby(["team_id", "role_group", "dimension"]).size()) == {4}
    assert table["analysis"].tolist()[:4] == ["paired", "paired", "independent", "all"]
    pro = table.loc[
        (table["team_id"] == "T1")
        & (table["role_group"] == "professionals")
        & (table["dimension"] == "alpha")
    ].set_index("measure", drop=False)
    paired = pro.loc[pro["analysis"] == "paired"].set_index("measure")
    # p1: 2 -> 3.5, p2: 1.5 -> 3 (A2 missing at T1 -> mean of A1 only)
    assert_allclose(paired.loc["mean change", "estimate"], 1.5)
    assert paired.loc["mean change", "reason"] == "changes_equal"
    assert pro["n_paired"].iloc[0] == 2 and pro["n_only_after"].iloc[0] == 1
    indep = pro.loc[pro["analysis"] == "independent"].iloc[0]
    assert np.isnan(indep["estimate"]) and indep["reason"] == "too_few_one_wave"
    overall = pro.loc[pro["analysis"] == "all"].iloc[0]
    assert_allclose(overall["estimate"], np.mean([3.5, 3, 4]) - np.mean([2, 1.5]))
    assert overall["n_before"] == 2 and overall["n_after"] == 3
    # the lone patient, present at T0 only: explained, not a crash
    patient = table.loc[(table["team_id"] == "T1") & (table["role_group"] == "patient_side")]
    assert patient["estimate"].isna().all() and (patient["reason"] != "").all()
    # a team with one wave
    one_wave = table.loc[table["team_id"] == "T2"]
    assert one_wave["estimate"].isna().all()
    assert (one_wave["reason"] == "no_wave_after").all()
    # team_change explains too
    tc = team_change(s)
    assert tc.loc[tc["team_id"] == "T2", "estimate"].isna().all()
    assert (tc.loc[tc["team_id"] == "T2", "reason"] != "").all()
    with pytest.raises(ValueError, match="waves"):
        changes(s, waves=("T0",))
    with pytest.raises(ValueError, match="respondent"):
        changes(s, by=("respondent",))


def test_changes_paired_rows_equal_paired_difference_on_a_demo_group(demo):
    _, s = demo
    table = changes(s)
    sub = s.loc[
        (s["team_id"] == "T03")
        & (s["role_group"] == "professionals")
        & (s["dimension"] == "global")
        & (s["assessment"] == "auto")
    ]
    wide = sub.pivot(index="respondent", columns="wave", values="score")[["T0", "T1"]]
    both = wide.dropna()
    ref = paired_difference(both["T0"], both["T1"])
    row = table.loc[(table["team_id"] == "T03") & (table["role_group"] == "professionals")
                    & (table["dimension"] == "global") & (table["measure"] == "mean change")
                    & (table["analysis"] == "paired")].iloc[0]  # fmt: skip
    assert row["n"] == len(both)
    assert_allclose(
        row[["estimate", "ci_low", "ci_high"]].astype(float),
        ref.loc[0, ["estimate", "ci_low", "ci_high"]].astype(float),
        rtol=1e-9,
    )
    overall = table.loc[
        (table["team_id"] == "T03")
        & (table["role_group"] == "professionals")
        & (table["dimension"] == "global")
        & (table["analysis"] == "all")
    ]
    assert_allclose(overall["estimate"].item(),
                    wide["T1"].mean() - wide["T0"].mean())  # fmt: skip


def test_demo_barometer_truth_is_recovered_per_team(demo):
    prog, s = demo
    truth = prog.truth.loc[
        prog.truth["family"] == "barometer", ["team_id", "code", "true_effect"]
    ].rename(columns={"code": "dimension"})
    # the truth (demo_surveys.barometer_truth): change T0 -> T1 of the expected item score
    # for the team's T0 role mix; team_change estimates exactly that.
    est = team_change(s).merge(truth, on=["team_id", "dimension"])
    assert len(est) == 4 * 60
    for dim, d in est.groupby("dimension"):
        d = d.dropna(subset=["estimate"])
        assert len(d) >= 55, dim
        diff = d["estimate"] - d["true_effect"]
        se_mean = diff.std(ddof=1) / np.sqrt(len(d))
        assert abs(diff.mean()) < 3 * se_mean, (dim, diff.mean(), se_mean)
        assert np.corrcoef(d["estimate"], d["true_effect"])[0, 1] > 0.6, dim
        covered = ((d["ci_low"] <= d["true_effect"]) & (d["true_effect"] <= d["ci_high"])).mean()
        assert covered > 0.85, (dim, covered)


def test_programme_mixed_model_recovers_the_mean_truth(demo):
    prog, s = demo
    table = programme_change(s, dimensions=["co_expression", "co_decision"])
    assert table["role_group"].tolist() == ["professionals", "patient_side", "all"] * 2
    truth = prog.truth.loc[prog.truth["family"] == "barometer"].groupby("code")["true_effect"]
    for dim in ("co_expression", "co_decision"):
        row = table.loc[(table["dimension"] == dim) & (table["role_group"] == "all")].iloc[0]
        assert abs(row["estimate"] - truth.mean()[dim]) < 3 * row["se"], (dim, row["estimate"])
        assert row["ci_low"] < truth.mean()[dim] < row["ci_high"]
        assert "wave slope" in row["method"] and "respondent variance" in row["method"]
        assert row["n_teams"] == 60 and 0 < row["share_professionals"] < 1
        assert row["var_team_change"] > 0


def test_programme_change_explains_what_it_cannot_fit():
    s = scores(_small_programme(), CATALOGUE)
    one_team = programme_change(s.loc[s["team_id"] == "T1"], dimensions=["alpha"])
    assert one_team["estimate"].isna().all()
    assert (one_team["reason"] == "too_few_teams_or_waves").all()
    # two teams but 6 scores: every model fails, and the row says so
    table = programme_change(s, dimensions=["alpha"])
    assert table["estimate"].isna().all()
    assert (table["reason"] == "model_failed").all()


def _boundary_scores() -> pd.DataFrame:
    """Six small teams (28–49 scores in all) whose full programme model lands on the
    boundary: random intercept–slope correlation near −1 (seed chosen for it)."""
    rng = np.random.default_rng(14)
    rows = []
    for g in range(6):
        level = rng.normal(0, 0.4)
        for r in range(int(rng.integers(3, 9))):
            patient = rng.random() < 0.35
            person = rng.normal(0, 0.3)
            both = rng.random() < 0.5
            waves = (0, 1) if both else ((0,) if rng.random() < 0.5 else (1,))
            for t in waves:
                score = (2 + level + 0.2 * patient + t * (0.2 + 0.1 * patient) + person
                         + rng.normal(0, 0.4))  # fmt: skip
                rows.append(dict(team_id=f"T{g}", respondent=f"r{g}_{r}", wave=f"T{t}",
                                 role_group="patient_side" if patient else "professionals",
                                 assessment="auto", dimension="alpha", score=score))  # fmt: skip
    return pd.DataFrame(rows)


def test_programme_change_at_the_boundary_uses_the_gls_covariance():
    s = _boundary_scores()
    d = s.assign(t1=(s["wave"] == "T1").astype(float),
                 patient=(s["role_group"] == "patient_side").astype(float))  # fmt: skip
    # The same model fitted with statsmodels directly lands on the boundary, and its
    # Hessian-based standard errors are wrong there (the defect being fixed).
    model = smf.mixedlm("score ~ t1 * patient", d, groups="team_id", re_formula="1 + t1",
                        vc_formula={"respondent": "0 + C(respondent)"})  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fit = model.fit(reml=True)
    assert fit.converged
    assert any("boundary" in str(w.message) for w in caught)
    psi = fit.cov_re.to_numpy()
    assert abs(psi[0, 1]) / np.sqrt(psi[0, 0] * psi[1, 1]) > 0.98
    # Reference, from first principles at the REML variance components (Ψ, σ²_respondent,
    # σ²): V_g = Z_g Ψ Z_g' + σ²_respondent R_g R_g' + σ² I per team, Z_g = [1, wave],
    # R_g the respondents' indicator columns; cov(β̂) = (Σ_g X_g' V_g⁻¹ X_g)⁻¹ (the GLS
    # covariance, lme4's vcov); β̂ = cov(β̂) Σ_g X_g' V_g⁻¹ y_g must give statsmodels' β̂.
    information, xty = np.zeros((4, 4)), np.zeros(4)
    for _, g in d.groupby("team_id"):
        x = np.column_stack([np.ones(len(g)), g["t1"], g["patient"], g["t1"] * g["patient"]])
        z = x[:, :2]
        r = pd.get_dummies(g["respondent"]).to_numpy(dtype=float)
        v = z @ psi @ z.T + fit.vcomp[0] * r @ r.T + fit.scale * np.eye(len(g))
        information += x.T @ np.linalg.solve(v, x)
        xty += x.T @ np.linalg.solve(v, g["score"].to_numpy())
    cov = np.linalg.inv(information)
    assert_allclose(cov @ xty, fit.fe_params.to_numpy(), rtol=1e-8)
    # statsmodels' SE of the interaction is less than half of it (68% too small here)
    assert fit.bse_fe["t1:patient"] < 0.5 * np.sqrt(cov[3, 3])

    table = programme_change(s, dimensions=["alpha"]).set_index("role_group")
    assert table["method"].str.contains("wave slope").all()
    assert table["method"].str.contains("(X'V⁻¹X)⁻¹", regex=False).all()
    assert (table["reason"].str.split(";").str[0] == "fit_on_boundary").all()
    first = d.loc[d["t1"] == 0].drop_duplicates(["team_id", "respondent"])
    w = (first["patient"] == 0).mean()
    for group, c in (("professionals", [0, 1, 0, 0]), ("patient_side", [0, 1, 0, 1]),
                     ("all", [0, 1, 0, 1 - w])):  # fmt: skip
        c = np.array(c, dtype=float)
        assert_allclose(table.loc[group, "estimate"], c @ fit.fe_params.to_numpy(), rtol=1e-6)
        assert_allclose(table.loc[group, "se"], np.sqrt(c @ cov @ c), rtol=1e-6)


# ------------------------------------------------------------------ gaps, joint, reliability


def test_perception_gap_by_hand_and_convergence_in_the_demo(demo):
    prog, s = demo
    gaps = perception_gap(s)
    sub = s.loc[(s["team_id"] == "T02") & (s["wave"] == "T1") & (s["dimension"] == "global")
                & (s["assessment"] == "auto")]  # fmt: skip
    ref = mean_difference(
        sub.loc[sub["role_group"] == "patient_side", "score"],
        sub.loc[sub["role_group"] == "professionals", "score"],
    )
    row = gaps.loc[(gaps["team_id"] == "T02") & (gaps["wave"] == "T1")
                   & (gaps["dimension"] == "global")].iloc[0]  # fmt: skip
    assert row["comparison"] == "gap"
    assert_allclose(
        row[["estimate", "ci_low", "ci_high", "p_value"]].astype(float),
        ref.loc[0, ["estimate", "ci_low", "ci_high", "p_value"]].astype(float),
    )
    change = gaps.loc[(gaps["team_id"] == "T02") & (gaps["comparison"] == "gap change")
                      & (gaps["dimension"] == "global")].iloc[0]  # fmt: skip
    at = gaps.loc[(gaps["team_id"] == "T02") & (gaps["dimension"] == "global")
                  & (gaps["comparison"] == "gap")].set_index("wave")  # fmt: skip
    assert change["wave"] == "T1 − T0"
    assert_allclose(change["estimate"], at.loc["T1", "estimate"] - at.loc["T0", "estimate"])
    assert_allclose(change["se"], np.hypot(at.loc["T0", "se"], at.loc["T1", "se"]))
    # the demo's patient-side gap narrows as the partnership deepens: programme level
    overall = perception_gap(s, by=())
    g = overall.loc[(overall["dimension"] == "global")].set_index("comparison")
    assert g.loc["gap change", "estimate"] < 0
    assert (overall.loc[overall["comparison"] == "gap", "estimate"] > 0).all()


def test_joint_vs_self_by_hand():
    rows = [
        ("T1", "T0", "a", "professionnel", "auto", {"A1": 1, "A2": 1}),
        ("T1", "T0", "b", "patient", "auto", {"A1": 2, "A2": 2}),
        ("T1", "T0", "c", "patient", "auto", {"A1": 3, "A2": 4}),
        ("T1", "T0", "G", None, "conjointe", {"A1": 3, "A2": 3}),
        ("T1", "T1", "a", "professionnel", "auto", {"A1": 3, "A2": 3}),
    ]
    cat = CATALOGUE.iloc[:2]
    out = joint_vs_self(scores(_answers(rows), cat), waves=None)
    t0 = out.loc[(out["wave"] == "T0") & (out["dimension"] == "alpha")].iloc[0]
    self_scores = np.array([1, 2, 3.5])
    assert_allclose(t0["estimate"], 3 - self_scores.mean())
    se = self_scores.std(ddof=1) / np.sqrt(3)
    assert_allclose(t0["ci_high"] - t0["estimate"], stats.t.ppf(0.975, 2) * se)
    t1 = out.loc[out["wave"] == "T1"].iloc[0]
    assert np.isnan(t1["estimate"]) and t1["reason"] == "no_joint_assessment"


def test_reliability_rows_and_warning_codes(demo):
    prog, _ = demo
    table = reliability(prog.barometer_responses, prog.barometer_items)
    assert table["dimension"].tolist() == ["co_expression", "co_construction",
                                           "co_mise_en_oeuvre", "co_decision"]  # fmt: skip
    assert (table["n"] > 500).all() and (table["warning"] == "").all()
    one_team = prog.team("T01")
    small = reliability(one_team.barometer_responses, one_team.barometer_items, by_wave=True)
    assert small["warning"].str.contains("small_n").all()
    # a dimension of unrelated items warns about a low alpha
    rng = np.random.default_rng(0)
    resp = _answers([("T1", "T0", f"r{i}", "professionnel", "auto",
                      {"B1": int(v[0]), "B2": int(v[1]), "B3": int(v[2]) + 1})
                     for i, v in enumerate(rng.integers(0, 5, (60, 3)))])  # fmt: skip
    low = reliability(resp, CATALOGUE.iloc[2:])
    assert low.loc[0, "estimate"] < 0.7 and low.loc[0, "warning"].split(";")[0] == "low_alpha"


# ------------------------------------------------------------------ team tables and plots


def test_team_tables_are_whole_and_published_show_no_role_group_under_the_minimum(demo):
    prog, _ = demo
    whole = team_barometer_tables(prog, "T04", lang="en")
    patients = whole["summary"]["role_group"] == "patient_side"
    # computed whole: the demo's small patient side (3–8 a wave) has its means here
    assert "suppressed" not in whole["summary"]
    assert whole["summary"].loc[patients, "mean"].notna().any()
    assert (whole["summary"].loc[patients, "n"] < 10).all()
    tables = publishable({"barometer": whole}, 10)["barometer"]
    counts = {"summary": ["n"], "changes": ["n", "n_before", "n_after", "n_group_before",
                                            "n_group_after", "n_paired"],
              "gaps": ["n_professionals", "n_patients"], "joint": ["n"]}  # fmt: skip
    for name, table in tables.items():
        for col in counts[name]:
            values = pd.to_numeric(table[col], errors="coerce")
            assert not ((values > 0) & (values < 10)).any(), (name, col)
        hidden = table["suppressed"]
        assert table.loc[hidden, "estimate" if "estimate" in table else "mean"].isna().all()
    summary = tables["summary"]
    # the demo's patient side has 3–8 members a wave: never shown in a team report
    assert summary.loc[summary["role_group"] == "patient_side", "suppressed"].all()
    assert summary.loc[summary["role_group"] == "patient_side", "mean"].isna().all()
    assert summary["role_group_label"].iloc[0] == "Professionals"
    # suppressed role group rows of the changes table have no statistic
    ch = tables["changes"]
    assert ch.loc[ch["role_group"] == "patient_side", "estimate"].isna().all()


# ------------------------------------------------------------------ every wave compared


def _teams_with(s: pd.DataFrame, waves: tuple[str, ...]) -> list[str]:
    found = s.groupby("team_id")["wave"].unique().map(lambda w: tuple(sorted(w)))
    return found.index[found == waves].tolist()


def test_wave_pairs_are_consecutive_then_first_to_last():
    assert wave_pairs(("T0", "T1")) == [("T0", "T1")]
    assert wave_pairs(("T0", "T1", "T2")) == [("T0", "T1"), ("T1", "T2"), ("T0", "T2")]
    assert wave_pairs(("T0", "T1", "T2", "T3"))[-1] == ("T0", "T3")
    assert sort_waves(["T2", "T10", "T0", "T2"]) == ("T0", "T2", "T10")
    with pytest.raises(ValueError, match="distinct"):
        wave_pairs(("T0", "T0"))


def test_report_changes_compare_every_wave_with_the_two_wave_method(demo):
    prog, s = demo
    three, two = _teams_with(s, ("T0", "T1", "T2"))[0], _teams_with(s, ("T0", "T1"))[0]
    tables = team_barometer_tables(prog, three)
    ch = tables["changes"]
    assert ch["waves"].unique().tolist() == ["T0 → T1", "T1 → T2", "T0 → T2"]
    own = s.loc[s["team_id"] == three]
    for before, after in (("T0", "T1"), ("T1", "T2"), ("T0", "T2")):
        # independent check: the two-wave changes() already referenced above, called alone
        ref = changes(own, waves=(before, after))
        got = ch.loc[ch["waves"] == f"{before} → {after}", ref.columns].reset_index(drop=True)
        pd.testing.assert_frame_equal(got, ref, check_exact=False, rtol=1e-12)
        # the group sizes a small-cell rule reads are those of the pair's two waves
        counts = own.loc[(own["assessment"] == "auto") & own["score"].notna()
                         & (own["dimension"] == "global")
                         & (own["role_group"] == "professionals")]  # fmt: skip
        row = ch.loc[(ch["waves"] == f"{before} → {after}") & (ch["dimension"] == "global")
                     & (ch["role_group"] == "professionals")].iloc[0]  # fmt: skip
        assert row["n_group_before"] == (counts["wave"] == before).sum()
        assert row["n_group_after"] == (counts["wave"] == after).sum()
    # a team with two waves keeps exactly its one comparison
    assert team_barometer_tables(prog, two)["changes"]["waves"].unique().tolist() == ["T0 → T1"]
    # gap changes: each pair's later gap minus its earlier gap (independent-waves se)
    gaps = tables["gaps"]
    glob = gaps.loc[gaps["dimension"] == "global"]
    at = glob.loc[glob["comparison"] == "gap"].set_index("wave")
    change = glob.loc[glob["comparison"] == "gap change"].set_index("wave")
    assert change.index.tolist() == ["T1 − T0", "T2 − T1", "T2 − T0"]
    for later, earlier in (("T1", "T0"), ("T2", "T1"), ("T2", "T0")):
        row = change.loc[f"{later} − {earlier}"]
        assert (row["wave_before"], row["wave_after"]) == (earlier, later)
        assert_allclose(row["estimate"], at.loc[later, "estimate"] - at.loc[earlier, "estimate"])
        assert_allclose(row["se"], np.hypot(at.loc[earlier, "se"], at.loc[later, "se"]))
    # the headline is the first → last change: T0 → T2 here, T0 → T1 for a two-wave team
    head = barometer_headlines(ch)
    assert set(zip(head["wave_before"], head["wave_after"], strict=True)) == {("T0", "T2")}
    ref = changes(own, waves=("T0", "T2"))
    ref = ref.loc[(ref["dimension"] == "global") & (ref["analysis"] == "all")]
    assert_allclose(head["estimate"].to_numpy(), ref["estimate"].to_numpy())
    head2 = barometer_headlines(team_barometer_tables(prog, two)["changes"])
    assert set(zip(head2["wave_before"], head2["wave_after"], strict=True)) == {("T0", "T1")}


def test_a_group_hidden_at_the_middle_wave_cannot_be_solved_from_the_other_pairs(demo):
    """Professionals of T08 (seed 5): 14, 12 and 11 at T0, T1, T2; cut to 6 at T1. Every
    published number that uses their T1 answers must be hidden: T0 → T1 and T1 → T2
    changes, the T1 gap and its gap changes, the T1 joint rating; T0 → T2 stays, and it
    is the difference of the two published means, so it gives nothing about T1 back."""
    prog, _ = demo
    r = prog.barometer_responses
    pros_t1 = r.loc[(r["team_id"] == "T08") & (r["wave"] == "T1")
                    & (r["role"] == "professionnel") & (r["assessment"] == "auto"),
                    "respondent"].drop_duplicates()  # fmt: skip
    drop = (r["team_id"] == "T08") & (r["wave"] == "T1") & r["respondent"].isin(pros_t1[6:])
    prog = replace(prog, barometer_responses=r.loc[~drop])
    tables = publishable({"barometer": team_barometer_tables(prog, "T08")}, 10)["barometer"]
    summary = tables["summary"].set_index(["role_group", "wave", "dimension"])
    pro = summary.loc["professionals"]
    assert pro.xs("T1", level="wave")["suppressed"].all()
    assert not pro.xs("T0", level="wave")["suppressed"].any()
    assert not pro.xs("T2", level="wave")["suppressed"].any()
    ch = tables["changes"]
    uses_t1 = (ch["wave_before"] == "T1") | (ch["wave_after"] == "T1")
    assert ch.loc[uses_t1, "suppressed"].all()
    assert (
        ch.loc[uses_t1, ["estimate", "ci_low", "ci_high", "se", "n_group_after"]]
        .isna()
        .all(axis=None)
    )
    # the T0 → T2 change of all professionals is shown: mean T2 − mean T0, both published
    t02 = ch.loc[(ch["waves"] == "T0 → T2") & (ch["role_group"] == "professionals")
                 & (ch["analysis"] == "all")].set_index("dimension")  # fmt: skip
    assert not t02["suppressed"].any()
    means = pro["mean"].unstack("wave")
    assert_allclose(t02["estimate"], (means["T2"] - means["T0"]).reindex(t02.index))
    gaps = tables["gaps"]
    gap_t1 = (gaps["wave"] == "T1") | gaps["wave_before"].eq("T1") | gaps["wave_after"].eq("T1")
    assert gaps.loc[gap_t1, "suppressed"].all() and gaps.loc[gap_t1, "estimate"].isna().all()
    joint = tables["joint"]
    assert joint.loc[joint["wave"] == "T1", "suppressed"].all()
    assert joint.loc[joint["wave"] == "T1", ["mean_self", "n"]].isna().all(axis=None)


def test_joint_ratings_do_not_give_a_hidden_role_group_back(demo):
    # the mean of every self-rating beside the professionals' published mean and count
    # would give the patient side's mean and count back: such rows are hidden
    prog, _ = demo
    tables = publishable({"barometer": team_barometer_tables(prog, "T08")}, 10)["barometer"]
    summary, joint = tables["summary"], tables["joint"]
    hidden = summary.loc[summary["suppressed"], ["wave", "dimension"]].drop_duplicates()
    assert len(hidden)  # the demo's patient side (3–8 a wave) is hidden
    rows = joint.merge(hidden, on=["wave", "dimension"])
    assert len(rows) and rows["suppressed"].all()
    assert rows[["estimate", "mean_self", "n", "joint_score"]].isna().all(axis=None)


def test_figures_are_built_in_french_and_english(demo):
    prog, s = demo
    assert matplotlib.get_backend().lower() == "agg"
    summary = score_summary(s, by=("role_group", "wave", "dimension"))
    fig = radar_chart(summary, items=prog.barometer_items)
    assert isinstance(fig, Figure)
    assert fig.axes[0].get_title() == "Professionnels"
    assert "Co-décision" in [t.get_text() for t in fig.axes[0].get_xticklabels()]
    fig_en = radar_chart(summary, lang="en", items=prog.barometer_items)
    assert fig_en.axes[0].get_title() == "Professionals"
    bars = diverging_bars(prog.barometer_responses, prog.barometer_items, waves=("T0", "T1"))
    assert [ax.get_title() for ax in bars.axes[:2]] == ["Vague T0", "Vague T1"]
    slope = slope_chart(perception_gap(s, by=()), lang="en", items=prog.barometer_items)
    assert slope.axes[0].get_title() == "Co-expression"
    ticks = [t.get_text() for t in slope_chart(perception_gap(s, by=())).axes[0]
             .get_yticklabels()]  # fmt: skip
    assert any("," in tick for tick in ticks)  # French decimal comma
    # published team tables: nothing hidden is drawn, a note says why
    tables = publishable({"barometer": team_barometer_tables(prog, "T04")}, 10)["barometer"]
    team_radar = radar_chart(tables["summary"])
    notes = [t.get_text() for t in team_radar.axes[1].texts]
    assert any("non affiché" in n for n in notes)
    slope_chart(tables["gaps"])
    with pytest.raises(ValueError, match="several teams"):
        radar_chart(score_summary(s))
    for f in (fig, fig_en, bars, slope, team_radar):
        assert f.canvas is not None


def test_a_single_respondent_programme_does_not_crash():
    rows = [("T1", "T0", "a", "patient", "auto", {"A1": 1, "A2": 2}),
            ("T1", "T1", "a", "patient", "auto", {"A1": 2, "A2": 2})]  # fmt: skip
    s = scores(_answers(rows), CATALOGUE.iloc[:2])
    assert (changes(s)["reason"] != "").all()
    assert (perception_gap(s)["reason"] == "too_few_side").any()
    fig = radar_chart(score_summary(s))
    assert isinstance(fig, Figure)
