"""Reference tests of impact.prem.deltas: scoring, deltas, case-mix adjustment, Bayesian estimates.

Every expected value is computed independently of the code under test: by hand on tiny
tables, by a first-principles numpy sandwich or statsmodels (HC3), by scipy's Beta
quantiles, by statsmodels' ``multipletests`` (Benjamini–Hochberg), or by simulation
against the demo programme's analytic truth (impact.demo.surveys.prem_truth).
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from numpy.testing import assert_allclose
from scipy import stats
from statsmodels.stats.multitest import multipletests

import impact
from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.demo.programme import _design
from impact.demo.surveys import prem_truth, simulate_prem
from impact.prem.deltas import (
    benjamini_hochberg,
    beta_posterior,
    casemix_ols,
    prem_bayes_deltas,
    prem_bayes_levels,
    prem_deltas,
    score_prem,
)
from impact.report.figures import prem_dumbbell_chart, prem_topbox_chart
from impact.report.prem_tables import team_prem_tables
from impact.report.privacy import publishable
from impact.stats.effect_table import EFFECT_COLUMNS

matplotlib.use("Agg")

# --- a tiny catalogue, scored by hand -------------------------------------------------

ITEMS = pd.DataFrame({
    "item": ["a1", "a2", "b1"], "dimension": ["A", "A", "B"],
    "dimension_fr": ["Dim A", "Dim A", "Dim B"], "dimension_en": ["Dim A", "Dim A", "Dim B"],
    "label_fr": ["q a1", "q a2", "q b1"], "label_en": ["q a1", "q a2", "q b1"],
    "scale": ["q3", "f4", "q3"],
})  # fmt: skip
SCALES = pd.DataFrame({
    "scale": ["q3"] * 4 + ["f4"] * 4,
    "code": [1, 2, 3, 9, 1, 2, 3, 4],
    "points": [0, 50, 100, np.nan, 0, 100 / 3, 200 / 3, 100],
    "top_box": [False, False, True, False, False, False, False, True],
})  # fmt: skip


def _answers(rows):
    """rows: (team, period, respondent, a1, a2, b1) with None for an empty answer."""
    out = []
    for team, period, resp, *codes in rows:
        for item, code in zip(("a1", "a2", "b1"), codes, strict=True):
            out.append({"team_id": team, "period": period, "respondent": resp,
                        "sex": "F" if resp.endswith(("1", "3")) else "H",
                        "item": item, "answer": code})  # fmt: skip
    frame = pd.DataFrame(out)
    frame["answer"] = frame["answer"].astype("Int64")
    return frame


TINY = _answers([
    ("T1", "avant", "R1", 3, 2, 1),        # 100, 33.3, 0
    ("T1", "avant", "R2", 9, 4, None),     # n-i, 100, empty
    ("T1", "avant", "R3", 9, None, 9),     # nothing informative
    ("T1", "après", "R1", 3, 4, 3),        # same id in another period: another questionnaire
    ("T1", "après", "R4", 2, 3, 2),        # 50, 66.7, 50
])  # fmt: skip


def test_scoring_matches_hand_computed_points():
    s = score_prem(TINY, ITEMS, SCALES)
    r = s.respondents.set_index(["period", "respondent"])
    # By hand: R1 avant A = (100 + 33.333)/2, B = 0, overall = (100 + 33.333 + 0)/3.
    assert_allclose(
        r.loc[("avant", "R1"), ["score_A", "score_B", "score_all"]].astype(float),
        [200 / 3, 0.0, 400 / 9],
    )
    # R2: A from one answered item (min 1 of 2); B empty; overall needs 2 of 3 items.
    assert_allclose(r.loc[("avant", "R2"), "score_A"], 100.0)
    assert np.isnan(r.loc[("avant", "R2"), "score_B"]) and np.isnan(
        r.loc[("avant", "R2"), "score_all"]
    )
    assert r.loc[("avant", "R2"), "n_answered"] == 1
    assert r.loc[("avant", "R3"), "n_answered"] == 0
    assert np.isnan(r.loc[("avant", "R3"), "score_all"])
    assert_allclose(r.loc[("après", "R4"), "score_all"], (50 + 200 / 3 + 50) / 3)
    assert s.covariates == ("sex",)
    summ = s.summary.set_index(["period", "code"])
    a1 = summ.loc[("avant", "a1")]
    # a1 avant: one informative answer (code 3 = top box), two "9" (non-informative).
    assert (a1["n"], a1["n_top"], a1["n_noninformative"], a1["n_empty"]) == (1, 1, 2, 0)
    assert a1["top_share"] == 1.0 and a1["categories"] == 3
    b1 = summ.loc[("avant", "b1")]
    assert (b1["n"], b1["n_noninformative"], b1["n_empty"]) == (1, 1, 1)
    assert summ.loc[("avant", "all"), "n_respondents"] == 3
    assert summ.loc[("avant", "all"), "n"] == 1  # only R1 has an overall score
    # dimension A avant: scores 66.667 (R1) and 100 (R2): mean, sd and t interval by hand.
    dim_a = summ.loc[("avant", "A")]
    assert_allclose(dim_a["mean"], (200 / 3 + 100) / 2)
    sd = np.std([200 / 3, 100], ddof=1)
    assert_allclose(dim_a["sd"], sd)
    assert_allclose(dim_a["ci_high"] - dim_a["mean"], stats.t.ppf(0.975, 1) * sd / np.sqrt(2))


def test_min_items_as_count_and_categorical_input():
    s = score_prem(TINY, ITEMS, SCALES, min_items=3)
    r = s.respondents.set_index(["period", "respondent"])
    assert_allclose(r.loc[("avant", "R1"), "score_all"], 400 / 9)
    assert np.isnan(r.loc[("avant", "R2"), "score_A"])  # A has 2 items: capped at 2, only 1
    cat = TINY.astype({c: "category" for c in ("team_id", "period", "respondent", "item")})
    pd.testing.assert_frame_equal(
        score_prem(cat, ITEMS, SCALES).summary, score_prem(TINY, ITEMS, SCALES).summary
    )


@pytest.mark.parametrize(("column", "value", "message"), [
    ("item", "zz", "Unknown PREM item"),
    ("answer", 7, "not in the scale"),
    ("period", "pendant", "period must be one of"),
])  # fmt: skip
def test_scoring_rejects_bad_input(column, value, message):
    bad = TINY.copy()
    bad.loc[0, column] = value
    with pytest.raises(ValueError, match=message):
        score_prem(bad, ITEMS, SCALES)


def test_edge_teams_give_explained_rows_not_crashes():
    rows = [("T1", "avant", f"A{i}", 3, 4, 3) for i in range(5)]
    rows += [("T1", "après", f"P{i}", 2, 3, 2) for i in range(4)]
    rows += [("T2", "avant", f"A{i}", 3, 4, 3) for i in range(5)]  # one period only
    rows += [("T3", "avant", f"A{i}", 9, None, 9) for i in range(5)]  # all non-informative
    rows += [("T3", "après", f"P{i}", 9, None, 9) for i in range(5)]
    s = score_prem(_answers(rows), ITEMS, SCALES, threshold=30)
    d = prem_deltas(s, teams=["T1", "T2", "T3", "T9"])
    assert set(EFFECT_COLUMNS) <= set(d.columns)
    over = d[d["level"] == "overall"].set_index(["team_id", "measure"])
    assert over.loc[("T9", "mean difference"), "reason"] == "no_prem_data"
    assert over.loc[("T2", "mean difference"), "reason"] == "no_questionnaire"
    assert over.loc[("T3", "mean difference"), "reason"] == "no_informative_answer"
    assert over.loc[["T2", "T3", "T9"], "estimate"].isna().all()
    t1 = over.loc[("T1", "mean difference")]
    assert t1["small_sample"] and t1["reason"].split(";")[0] == "small_sample"
    assert np.isfinite(t1["estimate"])  # flagged, not hidden
    assert over.loc[("T1", "adjusted mean difference"), "small_sample"]
    b = prem_bayes_deltas(s, teams=["T1", "T2", "T3", "T9"], n_draws=2000)
    bo = b[b["level"] == "overall"].set_index("team_id")
    assert bo.loc[["T2", "T3", "T9"], "estimate"].isna().all()
    assert np.isfinite(bo.loc["T1", "estimate"])
    levels = prem_bayes_levels(s, n_draws=2000)
    t3 = levels[(levels["team_id"] == "T3") & (levels["level"] == "overall")]
    assert (t3["reason"] == "no_informative_answer").all() and t3["estimate"].isna().all()


def test_threshold_is_configurable_and_defaults_to_the_loader_constant():
    assert score_prem(TINY, ITEMS, SCALES).threshold == PREM_PUBLICATION_THRESHOLD == 30
    s = score_prem(TINY, ITEMS, SCALES, threshold=2)
    flags = s.summary.drop_duplicates("period").set_index("period")["small_sample"]
    assert flags.to_dict() == {"avant": False, "après": False}
    with pytest.raises(ValueError, match="threshold"):
        score_prem(TINY, ITEMS, SCALES, threshold=0)


# --- Benjamini–Hochberg ----------------------------------------------------------------


def test_benjamini_hochberg_matches_statsmodels_and_the_step_up_rule():
    rng = np.random.default_rng(5)
    p = rng.uniform(0, 0.2, 40) ** 1.5
    groups = np.repeat(["a", "b", "c", "d"], 10)
    p[3] = np.nan
    q = benjamini_hochberg(p, groups)
    assert np.isnan(q[3])
    for g in "abcd":
        m = (groups == g) & ~np.isnan(p)
        ref = multipletests(p[m], method="fdr_bh")[1]  # statsmodels, independent
        assert_allclose(q[m], ref, rtol=1e-12)
    # Step-up rule written out (Benjamini & Hochberg 1995): q(i) = min_{j>=i} m p(j) / j.
    x = np.array([0.01, 0.04, 0.03, 0.5])
    order = np.argsort(x)
    ranked = x[order] * 4 / np.arange(1, 5)
    expected = np.empty(4)
    expected[order] = np.minimum.accumulate(ranked[::-1])[::-1]
    assert_allclose(benjamini_hochberg(x), expected)


# --- HC3 case-mix regression -----------------------------------------------------------


def _sandwich_hc3(x, y):
    """First-principles OLS + HC3 (MacKinnon & White 1985): β, se on full-rank X."""
    xtx_inv = np.linalg.inv(x.T @ x)
    beta = xtx_inv @ x.T @ y
    e = y - x @ beta
    h = np.einsum("ij,jk,ik->i", x, xtx_inv, x)
    meat = (x * (e**2 / (1 - h) ** 2)[:, None]).T @ x
    return beta, np.sqrt(np.diag(xtx_inv @ meat @ xtx_inv))


def _random_casemix(seed=11, n=400, groups=3):
    rng = np.random.default_rng(seed)
    g = rng.integers(0, groups, n)
    per = rng.integers(0, 2, n)
    age = rng.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])
    sex = rng.integers(0, 2, n)
    age[(g == 2) & (age == 3)] = 2  # group 2 never has age level 3: a zero column
    y = 60 + 5 * per + np.array([0, 3, -4, 8])[age] - 2 * sex + rng.normal(0, 10 + 5 * sex, n)
    y[rng.random(n) < 0.05] = np.nan
    return g, per, age, sex, y


def test_casemix_ols_matches_numpy_sandwich_and_statsmodels_hc3():
    g, per, age, sex, y = _random_casemix()
    res = casemix_ols(g, per, {"age": age, "sex": sex}, y, 3)
    for k in range(3):
        m = (g == k) & ~np.isnan(y)
        levels = [lv for lv in (1, 2, 3) if (age[m] == lv).any()]
        x = np.column_stack(
            [np.ones(m.sum()), per[m]] + [(age[m] == lv) * 1.0 for lv in levels] + [sex[m] * 1.0]
        )
        beta, se = _sandwich_hc3(x, y[m])
        row = res.loc[k]
        assert_allclose(row["estimate"], beta[1], rtol=1e-9)
        assert_allclose(row["se"], se[1], rtol=1e-9)
        df = m.sum() - x.shape[1]
        assert row["df"] == df
        assert_allclose(row["ci_high"] - row["estimate"], stats.t.ppf(0.975, df) * se[1])
        data = pd.DataFrame({"y": y[m], "per": per[m], "age": age[m], "sex": sex[m]})
        fit = smf.ols("y ~ per + C(age) + C(sex)", data).fit(cov_type="HC3", use_t=True)
        assert_allclose(row["estimate"], fit.params["per"], rtol=1e-9)
        assert_allclose(row["se"], fit.bse["per"], rtol=1e-9)
        assert_allclose(row["p_value"], fit.pvalues["per"], rtol=1e-7)
        assert row["covariates"] == "age, sex"


def test_casemix_standardised_is_the_oaxaca_estimator_with_hc3():
    g, per, age, sex, y = _random_casemix(seed=3, n=600, groups=1)
    res = casemix_ols(g, per, {"age": age, "sex": sex}, y, 1, interaction=True).loc[0]
    m = ~np.isnan(y)
    d = np.column_stack([(age[m] == lv) * 1.0 for lv in (1, 2, 3)] + [sex[m] * 1.0])
    p, yy = per[m], y[m]
    # Regression standardisation: x̄_before' β_after − ȳ_before (separate fit after).
    xa = np.column_stack([np.ones((p == 1).sum()), d[p == 1]])
    beta_after = np.linalg.lstsq(xa, yy[p == 1], rcond=None)[0]
    expected = np.r_[1.0, d[p == 0].mean(axis=0)] @ beta_after - yy[p == 0].mean()
    assert_allclose(res["estimate"], expected, rtol=1e-9)
    dc = d - d[p == 0].mean(axis=0)
    x = np.column_stack([np.ones(len(p)), p, dc, p[:, None] * dc])
    assert_allclose(res["se"], _sandwich_hc3(x, yy)[1][1], rtol=1e-9)


def test_casemix_reasons():
    per = np.array([0, 0, 0, 0, 1, 1, 1, 1])
    sex = per.copy()  # sex identical to the period: confounded
    res = casemix_ols(np.zeros(8, int), per, {"sex": sex}, np.arange(8.0), 1).loc[0]
    assert res["reason"] == "period_not_estimable" and np.isnan(res["estimate"])
    res = casemix_ols(np.zeros(4, int), np.zeros(4, int), {}, np.arange(4.0), 1).loc[0]
    assert res["reason"] == "no_score_in_period"


@pytest.fixture(scope="module")
def demo60():
    prog = impact.demo_programme(n_teams=60, seed=3)
    scores = score_prem(prog.prem_responses, prog.prem_items, prog.prem_scales)
    truth = prog.truth.query("family == 'prem'").set_index("team_id")["true_effect"]
    return prog, scores, truth


def test_casemix_adjustment_recovers_the_demo_truth_where_raw_is_biased(demo60):
    """The demo shifts the case mix (older, sicker, more emergencies after): the raw change
    is biased downwards; the adjusted change recovers the truth (defined at the "avant"
    mix, impact.demo.surveys.prem_truth).

    Seed 3, 60 teams (measured when written; mean error over teams, its SE):
    raw −2.28 (0.37), common +0.28 (0.34), standardised +0.32 (0.36, 59 teams: one team
    lacks a before-period level after). Over seeds 1, 2, 7, 11, 42, 2024 the raw error
    ranged −1.5 to −2.7 and the adjusted one −0.9 to +0.6, always within 3 SE. The
    common-shift model is linear in the 0–100 points while the demo is additive on a latent
    scale cut into answers, so its estimand differs slightly from the truth: with 40,000
    answers per team-period (not run here) mean(common − truth) = +0.11, up to 0.56 for
    one team, against +0.04 for the standardised model, which targets the truth.
    """
    _prog, scores, truth = demo60
    out = {}
    for adjust in ("common", "standardised"):
        d = prem_deltas(scores, adjust=adjust)
        over = d[d["level"] == "overall"].set_index(["measure", "team_id"])
        for measure in ("mean difference", "adjusted mean difference"):
            err = over.loc[measure, "estimate"] - truth
            out[(adjust, measure)] = (err.mean(), err.std(ddof=1) / np.sqrt(err.count()))
        assert (
            over.loc["adjusted mean difference", "covariates"]
            .eq("age_group, sex, self_rated_health, admission_mode")
            .all()
        )
    raw_bias, raw_se = out[("common", "mean difference")]
    print({k: tuple(round(v, 3) for v in val) for k, val in out.items()})
    assert raw_bias < -3 * raw_se  # raw difference: biased by the case-mix shift
    for adjust in ("common", "standardised"):
        bias, se = out[(adjust, "adjusted mean difference")]
        assert abs(bias) < 3 * se
        assert abs(bias) < abs(raw_bias) / 2
    # raw − adjusted, team by team: the shift the adjustment removes (errors cancel)
    d = prem_deltas(scores).query("level == 'overall'").set_index(["measure", "team_id"])
    shift = d.loc["mean difference", "estimate"] - d.loc["adjusted mean difference", "estimate"]
    assert shift.mean() < -5 * shift.std(ddof=1) / np.sqrt(shift.count())  # t ≈ −9.9


# --- Bayesian ----------------------------------------------------------------------------


def test_beta_posterior_matches_scipy_quantiles_and_boundary_rule():
    x, n = np.array([0, 3, 7, 20]), np.array([20, 20, 20, 20])
    post = beta_posterior(x, n)
    a, b = x + 0.5, n - x + 0.5  # Jeffreys posterior Beta(x + ½, n − x + ½)
    assert_allclose(post["mean"], a / (a + b))
    assert_allclose(post.loc[1:2, "ci_low"], stats.beta.ppf(0.025, a[1:3], b[1:3]))
    assert_allclose(post.loc[1:2, "ci_high"], stats.beta.ppf(0.975, a[1:3], b[1:3]))
    # IQTIG theta_bayes: interval widened to 0 (all lowest) or 1 (all highest).
    assert post.loc[0, "ci_low"] == 0 and post.loc[3, "ci_high"] == 1
    assert_allclose(post.loc[0, "ci_high"], stats.beta.ppf(0.975, 0.5, 20.5))


def test_jeffreys_interval_coverage_by_simulation():
    """Brown, Cai & DasGupta (2001): the Jeffreys interval has near-nominal coverage."""
    rng = np.random.default_rng(7)
    coverage = []
    for p in (0.15, 0.4, 0.7):
        for n in (20, 60):
            x = rng.binomial(n, p, 2000)
            post = beta_posterior(x, np.full(2000, n))
            coverage.append(((post["ci_low"] <= p) & (p <= post["ci_high"])).mean())
    coverage = np.array(coverage)
    assert 0.925 < coverage.mean() < 0.975
    assert (coverage > 0.9).all()


def test_iqtig_item_counts_by_hand():
    """iqtigprm tutorial: the 3rd of 4 categories is 2 successes out of 3 trials."""
    rows = [("T1", "avant", f"R{i}", None, code, None) for i, code in enumerate([1, 2, 4, 4])]
    rows += [("T1", "après", f"S{i}", None, code, None) for i, code in enumerate([3, 3, 4, 4])]
    s = score_prem(_answers(rows), ITEMS, SCALES, min_items=1)
    lv = prem_bayes_levels(s, method="iqtig").set_index(["period", "code"])
    before = lv.loc[("avant", "a2")]
    # successes 0 + 1 + 3 + 3 = 7 of 4 × 3 = 12 trials → Beta(7.5, 5.5)
    assert_allclose([before["a"], before["b"]], [7.5, 5.5])
    assert_allclose(before["estimate"], 100 * 7.5 / 13)
    assert_allclose(
        before[["ci_low", "ci_high"]].astype(float), 100 * stats.beta.ppf([0.025, 0.975], 7.5, 5.5)
    )
    after = lv.loc[("après", "a2")]  # 2 + 2 + 3 + 3 = 10 of 12
    assert_allclose([after["a"], after["b"]], [10.5, 2.5])
    d = prem_bayes_deltas(s, method="iqtig", n_draws=200_000).set_index("code").loc["a2"]
    assert_allclose(d["estimate"], 100 * (10.5 / 13 - 7.5 / 13))
    # Monte Carlo check of the interval against an independent draw of the two Betas.
    rng = np.random.default_rng(1)
    ref = np.quantile(rng.beta(10.5, 2.5, 400_000) - rng.beta(7.5, 5.5, 400_000), [0.025, 0.975])
    assert_allclose(d[["ci_low", "ci_high"]].astype(float), 100 * ref, atol=0.6)
    assert 0.8 < d["prob_improved"] < 1


def test_bayes_is_reproducible_per_team(demo60):
    _prog, scores, _truth = demo60
    one = scores.summary[scores.summary["team_id"] == "T05"]
    alone = type(scores)(
        scores.respondents,
        one,
        scores.covariates,
        scores.dimensions,
        scores.threshold,
        scores.periods,
        scores.items,
    )
    a = prem_bayes_deltas(alone, n_draws=2000, method="iqtig")
    b = prem_bayes_deltas(scores, n_draws=2000, method="iqtig")
    pd.testing.assert_frame_equal(a, b[b["team_id"] == "T05"].reset_index(drop=True))


def test_effective_counts_cover_the_truth_where_pooled_iqtig_does_not():
    """Without a case-mix shift the raw change is unbiased; intervals should cover the
    truth for ~95 % of teams. Answers of one respondent are correlated in the demo
    (respondent level sd 0.7), so IQTIG's pooled binomial is far too narrow for a
    composite score; effective counts (Korn & Graubard 1998) are not. Measured when
    written (seeds 1, 2 × 60 teams): effective 0.93, iqtig 0.48, Welch 0.93."""
    cover = {"effective": [], "iqtig": [], "welch": []}
    for seed in (1, 2):
        design = _design(60, 0, seed)
        raw = simulate_prem(np.random.default_rng(seed), design.prem, mix_shift=0.0)
        raw["answer"] = raw["answer"].astype("Float64").astype("Int64")
        cats = design.catalogues
        s = score_prem(raw, cats["prem_items"], cats["prem_scales"])
        truth = prem_truth(design.prem).set_index("team_id")["true_effect"]
        for method in ("effective", "iqtig"):
            b = prem_bayes_deltas(s, method=method, n_draws=2000)
            b = b[b["level"] == "overall"].set_index("team_id")
            cover[method] += list((b["ci_low"] <= truth) & (truth <= b["ci_high"]))
        w = prem_deltas(s, adjust=None)
        w = w[w["level"] == "overall"].set_index("team_id")
        cover["welch"] += list((w["ci_low"] <= truth) & (truth <= w["ci_high"]))
    rate = {k: np.mean(v) for k, v in cover.items()}
    print(rate)
    assert rate["effective"] > 0.9 and rate["welch"] > 0.9
    assert rate["iqtig"] < 0.75


# --- team tables and figures -----------------------------------------------------------


def test_team_tables_are_suppressed_labelled_and_flagged(demo60):
    prog, scores, _truth = demo60
    small = scores.summary.query("level == 'overall' and small_sample")["team_id"].iloc[0]
    whole = team_prem_tables(prog, small, lang="en")
    assert "suppressed" not in whole["topbox"]  # computed whole, hidden when published
    n_top = whole["topbox"]["n_top"]
    assert ((n_top > 0) & (n_top < 10) & whole["topbox"]["top_share"].notna()).any()
    tabs = publishable({"prem": whole}, 10)["prem"]
    assert set(tabs) == {"levels", "deltas", "items", "topbox", "proms"}
    for name in ("levels", "deltas", "items", "topbox"):
        assert "suppressed" in tabs[name] and "label" in tabs[name]
    assert tabs["levels"]["small_sample"].any() and tabs["deltas"]["small_sample"].all()
    assert "Overall score" in set(tabs["levels"]["label"])
    top = tabs["topbox"]
    hidden = top["n_top"].isna()  # a top-box count under 10 is a small cell
    assert top.loc[hidden, "top_share"].isna().all() and top["suppressed"].eq(hidden).all()
    ok = top[~hidden]
    k, n = ok["n_top"].astype(float), ok["n"].astype(float)
    centre = (k + 1.96**2 / 2) / (n + 1.96**2)  # Wilson (1927) interval centre, by hand
    assert_allclose((ok["top_low"] + ok["top_high"]) / 2, centre, rtol=1e-3)
    measures = set(tabs["deltas"]["measure"])
    assert measures == {
        "mean difference",
        "adjusted mean difference",
        "difference in posterior means",
    }
    with pytest.raises(KeyError):
        team_prem_tables(prog, "T999")


def test_team_tables_for_a_team_without_prem_data():
    prog = impact.demo_programme(n_teams=3, seed=1)
    prog = type(prog)(
        **{
            **prog.__dict__,
            "prem_responses": prog.prem_responses[prog.prem_responses["team_id"] != "T02"],
        }
    )
    tabs = team_prem_tables(prog, "T02")
    assert tabs["levels"].empty
    assert (tabs["deltas"]["reason"] == "no_prem_data").all()
    fig = prem_dumbbell_chart(tabs["levels"], catalogue=prog.prem_items)
    assert fig.axes[0].texts[0].get_text() == "aucune donnée d'expérience patient"


def test_figures_draw_both_periods_and_mark_small_samples(demo60):
    prog, scores, _truth = demo60
    small = scores.summary.query("level == 'overall' and small_sample")["team_id"].iloc[0]
    tabs = team_prem_tables(prog, small)
    fig = prem_dumbbell_chart(tabs["levels"], catalogue=prog.prem_items)
    ax = fig.axes[0]
    assert len(ax.get_yticklabels()) == 1 + len(scores.dimensions)
    assert ax.get_yticklabels()[0].get_text() == "Score global"
    hollow = [
        c
        for c in ax.collections
        if len(c.get_offsets())
        and len(c.get_facecolors())
        and np.allclose(c.get_facecolors()[0][:3], 1)
    ]
    assert hollow, "the small period is drawn with hollow markers"
    assert "moins de 30 questionnaires" in fig._supxlabel.get_text()
    fig2 = prem_topbox_chart(tabs["topbox"], catalogue=prog.prem_items, lang="en")
    assert fig2.axes[0].get_xlim() == (0.0, 100.0)
    assert len(fig2.axes[0].get_yticklabels()) == len(prog.prem_items)
