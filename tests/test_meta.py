"""Meta-analysis (impact.stats.meta): reference values from R metafor, first-principles checks,
a coverage simulation and smoke tests of the figures.

Sources of the reference values (R is not available here; each number below is pasted
from a published metafor output, with its call):

- [README] metafor's README (github.com/wviechtb/metafor, README.md), printed output of
  ``rma(yi, vi, data=dat, test="knha")``, ``predict(res, transf=exp, digits=2)`` and
  ``rma(yi, vi, mods = ~ ablat, data=dat, test="knha")`` on ``dat.bcg`` (log risk ratios).
- [BLOG-REML] printed ``rma(yi, vi, data=dat, method="REML")`` on the same data, as shown
  in the metafor-based course lab https://cttir.github.io/courses/course3_design_causal/
  labs/lab_week4_session2_slides.html (and identically in Viechtbauer 2010, JSS 36(3)).
- [RoBMA] printed ``metafor::rma(yi, vi, mods = ~ ablat, data = dat)`` (z tests) in the
  RoBMA vignette "Bayesian meta-analysis" (same data and call).
- [METAN] metafor's own test file tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r
  (metafor vs Stata ``metan``): ``rma(yi, vi, data=dat, method="FE")`` and ``"DL"``.
- [SM-KACKER] statsmodels/stats/tests/results/results_meta.py: full-precision metafor
  output of ``rma(y, v, method="PM"|"DL"|"FE", test="z"|"knha", control=list(tol=1e-9))``
  on the Kacker (2004) interlaboratory data.
- [DK2007] metafor's tests/testthat/test_analysis_example_dersimonian2007.r:
  DerSimonian & Kacker (2007), *Contemp Clin Trials* 28:105–114, Tables 3–4 (CLASP trials,
  log odds ratios), reproduced by metafor for PM, DL and REML.
- [VH2002] metafor-project.org/doku.php/analyses:vanhouwelingen2002 and metafor's
  tests/testthat/test_analysis_example_vanhouwelingen2002.r: ``confint(res)`` Q-profile
  interval for τ² on the BCG log odds ratios (dat.colditz1994 = dat.bcg, measure "OR").
- [NA] metafor's tests/testthat/test_misc_handling_nas.r: ``rma(yi, vi)`` with missing
  values, its ``predict`` and ``leave1out``.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from scipy import optimize, stats

from impact.report.figures import forest_plot, funnel_plot, subgroup_forest
from impact.stats.meta import leave_one_out, pool, regression
from impact.stats.meta_subgroups import SubgroupAnalysis, subgroups

DATA = Path(__file__).parent / "data"
A4 = 5e-5  # "to 4 decimals": half a unit of the 4th decimal


def bcg(measure: str = "RR") -> pd.DataFrame:
    """dat.bcg (13 BCG vaccine trials, Colditz et al. 1994) as an effect table.

    ``escalc(measure="RR")``: yi = log((tpos/(tpos+tneg)) / (cpos/(cpos+cneg))),
    vi = 1/tpos − 1/(tpos+tneg) + 1/cpos − 1/(cpos+cneg); ``measure="OR"``: the log odds
    ratio with vi = 1/tpos + 1/tneg + 1/cpos + 1/cneg (no zero cells).
    """
    d = pd.read_csv(DATA / "meta_bcg.csv")
    if measure == "RR":
        yi = np.log((d.tpos / (d.tpos + d.tneg)) / (d.cpos / (d.cpos + d.cneg)))
        vi = 1 / d.tpos - 1 / (d.tpos + d.tneg) + 1 / d.cpos - 1 / (d.cpos + d.cneg)
    else:
        yi = np.log(d.tpos * d.cneg / (d.tneg * d.cpos))
        vi = 1 / d.tpos + 1 / d.tneg + 1 / d.cpos + 1 / d.cneg
    se = np.sqrt(vi)
    return d.assign(
        measure="risk ratio" if measure == "RR" else "odds ratio",
        estimate=np.exp(yi), se=se, scale="log",
        ci_low=np.exp(yi - 1.959964 * se), ci_high=np.exp(yi + 1.959964 * se),
        label=d.author + ", " + d.year.astype(str),
    )  # fmt: skip


def generic(y, v, **extra) -> pd.DataFrame:
    return pd.DataFrame({"estimate": y, "se": np.sqrt(v), "scale": "identity", **extra})


def one(frame: pd.DataFrame) -> pd.Series:
    assert len(frame) == 1
    return frame.iloc[0]


# ----------------------------------------------------------------- data (escalc)


def test_bcg_log_risk_ratios_match_escalc():
    # [README] escalc(measure="RR", ai=tpos, bi=tneg, ci=cpos, di=cneg, data=dat.bcg)
    eff = bcg()
    yi = [-0.8893, -1.5854, -1.3481, -1.4416, -0.2175, -0.7861, -1.6209, 0.0120, -0.4694,
          -1.3713, -0.3394, 0.4459, -0.0173]  # fmt: skip
    vi = [0.3256, 0.1946, 0.4154, 0.0200, 0.0512, 0.0069, 0.2230, 0.0040, 0.0564, 0.0730,
          0.0124, 0.5325, 0.0714]  # fmt: skip
    assert_allclose(np.log(eff["estimate"]), yi, atol=A4)
    assert_allclose(eff["se"] ** 2, vi, atol=A4)


# ----------------------------------------------------- pooling vs published metafor


def test_reml_bcg_matches_metafor():
    res = one(pool(bcg(), method="REML"))
    # [BLOG-REML] rma(yi, vi, data=dat, method="REML")
    assert_allclose(np.log(res["estimate"]), -0.7145, atol=A4)
    assert_allclose(res["se"], 0.1798, atol=A4)
    assert_allclose(np.log([res["ci_low"], res["ci_high"]]), [-1.0669, -0.3622], atol=A4)
    assert_allclose(np.log(res["estimate"]) / res["se"], -3.9744, atol=A4)  # zval
    assert res["p_value"] < 1e-4  # pval <.0001
    assert_allclose(res["tau2"], 0.3132, atol=A4)
    assert_allclose(res["tau2_se"], 0.1664, atol=A4)  # (SE = 0.1664)
    assert_allclose(res["tau"], 0.5597, atol=A4)
    assert_allclose(res["I2"], 92.22, atol=0.005)  # 92.22%
    assert_allclose(res["H2"], 12.86, atol=0.005)
    assert_allclose(res["Q"], 152.2330, atol=A4)  # Q(df = 12) = 152.2330
    assert res["Q_df"] == 12 and res["Q_p"] < 1e-4
    assert res["k"] == 13 and res["scale"] == "log" and res["measure"] == "risk ratio"
    assert res["method"].startswith("random effects, REML")


def test_knha_bcg_matches_metafor_readme():
    res = one(pool(bcg(), method="REML", hartung_knapp=True))
    # [README] rma(yi, vi, data=dat, test="knha")
    assert_allclose(np.log(res["estimate"]), -0.7145, atol=A4)
    assert_allclose(res["se"], 0.1808, atol=A4)
    assert_allclose(np.log(res["estimate"]) / res["se"], -3.9522, atol=A4)  # tval
    assert res["df"] == 12
    assert_allclose(res["p_value"], 0.0019, atol=A4)
    assert_allclose(np.log([res["ci_low"], res["ci_high"]]), [-1.1084, -0.3206], atol=A4)
    assert_allclose(res["tau2"], 0.3132, atol=A4)
    # [README] predict(res, transf=exp, digits=2): pred 0.49, ci 0.33 0.73, pi 0.14 1.76
    assert_allclose(res[["estimate", "ci_low", "ci_high", "pi_low", "pi_high"]].astype(float),
                    [0.49, 0.33, 0.73, 0.14, 1.76], atol=0.005)  # fmt: skip
    assert "Hartung-Knapp-Sidik-Jonkman" in res["method"]


def test_prediction_interval_is_metafor_predict_definition():
    # metafor predict.rma: pred ± crit·√(SE² + τ²), crit = z (test="z") or t(k−1) (knha);
    # from the printed REML values [BLOG-REML]: −0.7145 ± 1.96·√(0.1798² + 0.3132)
    res = one(pool(bcg()))
    expected = -0.7145 + np.array([-1, 1]) * 1.959964 * np.sqrt(0.1798**2 + 0.3132)
    assert_allclose(np.log([res["pi_low"], res["pi_high"]]), expected, atol=2e-4)
    knha = one(pool(bcg(), hartung_knapp=True))
    expected = -0.7145 + np.array([-1, 1]) * stats.t.ppf(0.975, 12) * np.sqrt(0.1808**2 + 0.3132)
    assert_allclose(np.log([knha["pi_low"], knha["pi_high"]]), expected, atol=2e-4)


def test_dl_bcg_matches_metafor():
    res = one(pool(bcg(), method="DL"))
    # [METAN] rma(yi, vi, data=dat, method="DL")
    assert_allclose(np.log(res["estimate"]), -0.7141, atol=A4)
    assert_allclose(np.log([res["ci_low"], res["ci_high"]]), [-1.0644, -0.3638], atol=A4)
    assert_allclose(np.log(res["estimate"]) / res["se"], -3.9952, atol=A4)
    assert_allclose(res["tau2"], 0.3088, atol=A4)
    assert_allclose(res["I2"], 92.1173, atol=A4)
    # I² = (Q − df)/Q for DL (Higgins & Thompson 2002)
    assert_allclose(res["I2"], 100 * (res["Q"] - 12) / res["Q"], rtol=1e-12)
    # [METAN] predict(res, transf=exp)
    assert_allclose(res[["estimate", "ci_low", "ci_high"]].astype(float),
                    [0.4896, 0.3449, 0.6950], atol=A4)  # fmt: skip


def test_fe_bcg_matches_metafor():
    res = one(pool(bcg(), method="FE"))
    # [METAN] rma(yi, vi, data=dat, method="FE")
    assert_allclose(np.log(res["estimate"]), -0.4303, atol=A4)
    assert_allclose(np.log([res["ci_low"], res["ci_high"]]), [-0.5097, -0.3509], atol=A4)
    assert_allclose(np.log(res["estimate"]) / res["se"], -10.6247, atol=A4)
    assert_allclose(res["Q"], 152.2330, atol=A4)
    # [METAN] predict(res, transf=exp)
    assert_allclose(res[["estimate", "ci_low", "ci_high"]].astype(float),
                    [0.6503, 0.6007, 0.7040], atol=A4)  # fmt: skip
    assert res["tau2"] == 0 and np.isnan(res["tau2_se"])
    assert res["method"].startswith("common effect, inverse variance")


KACKER_Y = [61.00, 61.40, 62.21, 62.30, 62.34, 62.60, 62.70, 62.84, 65.90]
KACKER_V = [0.2025, 1.2100, 0.0900, 0.2025, 0.3844, 0.5625, 0.0676, 0.0225, 1.8225]


@pytest.mark.parametrize(
    ("method", "hk", "ref"),
    [
        # [SM-KACKER] exk1_metafor: rma(y, v, method="PM", control=list(tol=1e-9))
        ("PM", False, dict(b=62.4076199113286, se=0.338030602684471, ci=(61.7450921043947,
         63.0701477182625), tau2=0.705395309224248, tau2_se=0.51419109758052,
         I2=83.7218626490482, H2=6.14320900751909)),
        # [SM-KACKER] exk1_dl: rma(y, v, method="DL")
        ("DL", False, dict(b=62.3901386044504, se=0.245749668040304, ci=(61.9084781058787,
         62.8717991030221), tau2=0.288049246973751, tau2_se=0.269366223207558,
         I2=67.744403741711, H2=3.10023721772938)),
        # [SM-KACKER] exk1_dl_hksj: rma(y, v, method="DL", test="knha")
        ("DL", True, dict(b=62.3901386044504, se=0.29477605699879, ci=(61.710383798052,
         63.0698934108488), p=2.77938607433693e-16, tau2=0.288049246973751)),
        # [SM-KACKER] exk1_fe: rma(y, v, method="FE")
        ("FE", False, dict(b=62.5833970939982, se=0.107845705498231, ci=(62.3720233953344,
         62.7947707926621), I2=67.744403741711, H2=3.10023721772938)),
        # [SM-KACKER] exk1_fe_hksj: rma(y, v, method="FE", test="knha")
        ("FE", True, dict(b=62.5833970939982, se=0.189889223522271, ci=(62.1455117593252,
         63.0212824286713), p=8.04326466920145e-18)),
    ],
)  # fmt: skip
def test_kacker_full_precision_metafor(method, hk, ref):
    res = one(pool(generic(KACKER_Y, KACKER_V), method=method, hartung_knapp=hk))
    assert_allclose(res["estimate"], ref["b"], atol=1e-8)
    assert_allclose(res["se"], ref["se"], atol=1e-8)
    assert_allclose([res["ci_low"], res["ci_high"]], ref["ci"], atol=1e-8)
    # QE = 24.801897741835, QEp = 0.00167935146372742 (all five fits)
    assert_allclose([res["Q"], res["Q_p"]], [24.801897741835, 0.00167935146372742], rtol=1e-10)
    for key in ("tau2", "tau2_se", "I2", "H2"):
        if key in ref:
            assert_allclose(res[key], ref[key], rtol=1e-7, err_msg=key)
    if "p" in ref:
        assert_allclose(res["p_value"], ref["p"], rtol=1e-6)


def clasp() -> pd.DataFrame:
    """[DK2007] CLASP trials: escalc(measure="OR", ai, n1i, ci, n2i)."""
    n1 = np.array([156, 303, 565, 1570, 103, 4659])
    n2 = np.array([74, 303, 477, 1565, 105, 4650])
    a = np.array([5, 5, 12, 69, 9, 313])
    c = np.array([8, 17, 9, 94, 11, 352])
    b, d = n1 - a, n2 - c
    return generic(np.log(a * d / (b * c)), 1 / a + 1 / b + 1 / c + 1 / d)


@pytest.mark.parametrize(
    ("method", "tau", "mu", "se"),
    [("PM", 0.3681, -0.3811, 0.2060), ("DL", 0.2323, -0.3240, 0.1540),
     ("REML", 0.1843, -0.2980, 0.1343)],
)  # fmt: skip
def test_clasp_dersimonian_kacker_2007(method, tau, mu, se):
    # [DK2007] round(c(tau=sqrt(tau2), mu=coef, se=sqrt(vcov)), 4), Tables 3 and 4
    res = one(pool(clasp(), method=method))
    assert_allclose([res["tau"], res["estimate"], res["se"]], [tau, mu, se], atol=A4)


def test_q_profile_interval_for_tau2():
    # [VH2002] confint(rma(yi, vi, data=dat, method="ML")) on log odds ratios:
    # Q-profile interval 0.1302 to 1.1812 (the interval does not depend on the estimator).
    # metafor finds the bounds with uniroot(tol = .Machine$double.eps^0.25 ≈ 1.2e-4), so its
    # 4th decimal is only good to ~1e-4 (we get 0.13015: 0.1302 printed, 0.130 in metafor's
    # own test); the bounds are checked exactly against their definition below.
    eff = bcg("OR")
    y, v = np.log(eff["estimate"].to_numpy()), eff["se"].to_numpy() ** 2
    for method in ("REML", "DL", "PM"):
        res = one(pool(eff, method=method))
        bounds = [res["tau2_ci_low"], res["tau2_ci_high"]]
        assert_allclose(bounds, [0.1302, 1.1812], atol=1.2e-4)
        # Viechtbauer (2007): Q_gen(bound) = χ²_{k−1} quantiles 0.975 and 0.025
        for tau2, q in zip(bounds, (0.975, 0.025), strict=True):
            w = 1 / (v + tau2)
            q_gen = np.sum(w * (y - np.sum(w * y) / w.sum()) ** 2)
            assert_allclose(q_gen, stats.chi2.ppf(q, 12), rtol=1e-9)
    # [METAN] the same data pooled by DL: tau2 0.3663, I2 92.6455, estimate −0.7474
    res = one(pool(bcg("OR"), method="DL"))
    assert_allclose([np.log(res["estimate"]), res["tau2"], res["I2"]],
                    [-0.7474, 0.3663, 92.6455], atol=A4)  # fmt: skip


# ------------------------------------------------------ first-principles checks


def restricted_loglik(tau2: float, y: np.ndarray, v: np.ndarray, X: np.ndarray) -> float:
    """REML log-likelihood (up to a constant), written directly from its definition."""
    w = 1 / (v + tau2)
    xwx = X.T @ (X * w[:, None])
    b = np.linalg.solve(xwx, X.T @ (w * y))
    return -0.5 * (np.sum(np.log(v + tau2)) + np.linalg.slogdet(xwx)[1]
                   + np.sum(w * (y - X @ b) ** 2))  # fmt: skip


def direct_reml(y, v, X=None) -> float:
    """τ² maximising the restricted likelihood with scipy (not Fisher scoring)."""
    X = np.ones((len(y), 1)) if X is None else X
    fit = optimize.minimize_scalar(lambda t2: -restricted_loglik(t2, y, v, X),
                                   bounds=(0, 10), method="bounded",
                                   options={"xatol": 1e-12})  # fmt: skip
    return max(fit.x, 0.0) if restricted_loglik(0, y, v, X) < -fit.fun else 0.0


def test_reml_matches_direct_maximisation_of_the_restricted_likelihood():
    eff = bcg()
    y, v = np.log(eff["estimate"].to_numpy()), eff["se"].to_numpy() ** 2
    tau2 = direct_reml(y, v)
    res = one(pool(eff))
    # metafor stops when a Fisher step changes τ² by < 1e-5: agreement to that order
    assert_allclose(res["tau2"], tau2, atol=2e-5)
    w = 1 / (v + tau2)
    assert_allclose(np.log(res["estimate"]), np.sum(w * y) / np.sum(w), atol=1e-5)


def test_pm_bcg_solves_generalised_q_and_matches_statsmodels():
    from statsmodels.stats.meta_analysis import combine_effects

    eff = bcg()
    y, v = np.log(eff["estimate"].to_numpy()), eff["se"].to_numpy() ** 2
    res = one(pool(eff, method="PM"))
    w = 1 / (v + res["tau2"])
    mu = np.sum(w * y) / np.sum(w)
    # Paule & Mandel (1982): Σ (y − μ̂)² / (v + τ²) = k − 1
    assert_allclose(np.sum(w * (y - mu) ** 2), 12, atol=1e-9)
    sm = combine_effects(y, v, method_re="pm", atol=1e-10)
    assert_allclose(res["tau2"], sm.tau2, atol=1e-6)
    assert_allclose(np.log(res["estimate"]), sm.mean_effect_re, atol=1e-7)
    assert_allclose(res["se"], sm.sd_eff_w_re, atol=1e-7)


def test_heterogeneity_defined_as_metafor():
    eff = bcg()
    y, v = np.log(eff["estimate"].to_numpy()), eff["se"].to_numpy() ** 2
    w = 1 / v
    k = len(y)
    s2 = (k - 1) * w.sum() / (w.sum() ** 2 - np.sum(w**2))  # Higgins & Thompson (2002)
    Q = np.sum(w * (y - np.sum(w * y) / w.sum()) ** 2)
    for method in ("REML", "DL", "PM"):
        res = one(pool(eff, method=method))
        assert_allclose(res["Q"], Q, rtol=1e-12)
        assert_allclose(res["I2"], 100 * res["tau2"] / (res["tau2"] + s2), rtol=1e-12)
        assert_allclose(res["H2"], (res["tau2"] + s2) / s2, rtol=1e-12)


def test_homogeneous_studies_give_tau2_zero():
    frame = generic([0.10, 0.12, 0.11, 0.09, 0.105], [0.01, 0.02, 0.015, 0.01, 0.02])
    for method in ("REML", "DL", "PM"):
        res = one(pool(frame, method=method))
        assert res["tau2"] == 0 and res["I2"] == 0
        fe = one(pool(frame, method="FE"))
        assert_allclose(res["estimate"], fe["estimate"], rtol=1e-12)
        assert_allclose([res["pi_low"], res["pi_high"]], [res["ci_low"], res["ci_high"]])


# ----------------------------------------------------------- meta-regression


def test_regression_on_latitude_matches_metafor():
    eff = bcg()
    res = regression(eff, "ablat")
    c = res.coefficients.set_index("term")
    # [RoBMA] metafor::rma(yi, vi, mods = ~ ablat, data = dat)
    assert_allclose(c["estimate"], [0.2515, -0.0291], atol=A4)
    assert_allclose(c["se"], [0.2491, 0.0072], atol=A4)
    assert_allclose(c["statistic"], [1.0095, -4.0444], atol=A4)
    assert_allclose(c.loc["Intercept", "p_value"], 0.3127, atol=A4)
    assert c.loc["ablat", "p_value"] < 1e-4
    assert_allclose(c["ci_low"], [-0.2368, -0.0432], atol=A4)
    assert_allclose(c["ci_high"], [0.7397, -0.0150], atol=A4)
    assert_allclose(res.tau2, 0.0764, atol=A4)
    assert_allclose(res.tau2_se, 0.0591, atol=A4)  # (SE = 0.0591)
    assert_allclose(res.I2, 68.39, atol=0.005)
    assert_allclose(res.H2, 3.16, atol=0.005)
    assert_allclose(res.R2, 75.62, atol=0.005)
    assert_allclose([res.QE, res.QE_p], [30.7331, 0.0012], atol=A4)  # QE(df = 11)
    assert res.QE_df == 11
    assert_allclose(res.QM, 16.3571, atol=A4)  # QM(df = 1)
    assert res.QM_df == 1 and res.QM_p < 1e-4


def test_regression_with_knapp_hartung_matches_metafor_readme():
    res = regression(bcg(), "ablat", hartung_knapp=True)
    c = res.coefficients.set_index("term")
    # [README] rma(yi, vi, mods = ~ ablat, data=dat, test="knha")
    assert_allclose(c["estimate"], [0.2515, -0.0291], atol=A4)
    assert_allclose(c["se"], [0.2839, 0.0082], atol=A4)
    assert_allclose(c["statistic"], [0.8857, -3.5483], atol=A4)
    assert_allclose(c["p_value"], [0.3948, 0.0046], atol=A4)
    assert_allclose(c["ci_low"], [-0.3735, -0.0472], atol=A4)
    assert_allclose(c["ci_high"], [0.8764, -0.0111], atol=A4)
    assert (c["df"] == 11).all()
    # F(df1 = 1, df2 = 11) = 12.5905, p-val = 0.0046
    assert_allclose([res.QM, res.QM_p], [12.5905, 0.0046], atol=A4)
    assert res.QM_df == 1 and res.QM_df2 == 11
    assert_allclose([res.tau2, res.R2, res.QE], [0.0764, 75.62, 30.7331], atol=0.005)


def test_regression_matches_direct_reml_and_wls():
    eff = bcg()
    y, v = np.log(eff["estimate"].to_numpy()), eff["se"].to_numpy() ** 2
    dummies = pd.get_dummies(eff["alloc"], dtype=float)
    X = np.column_stack([np.ones(len(y)), dummies["random"], dummies["systematic"]])
    tau2 = direct_reml(y, v, X)
    w = 1 / (v + tau2)
    vb = np.linalg.inv(X.T @ (X * w[:, None]))
    b = vb @ (X.T @ (w * y))
    qm = b[1:] @ np.linalg.solve(vb[1:, 1:], b[1:])
    for moderators in (["alloc"], "C(alloc)", "~ C(alloc)"):
        res = regression(eff, moderators)
        assert_allclose(res.tau2, tau2, atol=2e-5)
        assert_allclose(res.coefficients["estimate"], b, atol=1e-4)
        assert_allclose(res.QM, qm, atol=1e-3)
        assert res.QM_df == 2
    fe = regression(eff, ["ablat", "year"], method="FE")
    Xf = np.column_stack([np.ones(len(y)), eff["ablat"], eff["year"]])
    bf = np.linalg.solve(Xf.T @ (Xf / v[:, None]), Xf.T @ (y / v))
    assert_allclose(fe.coefficients["estimate"], bf, rtol=1e-9)


def test_regression_drops_missing_and_reports_too_few_studies():
    eff = bcg()
    eff.loc[0, "ablat"] = np.nan
    res = regression(eff, "ablat")
    assert res.k == 12 and res.reason == "rows_dropped"  # 13 rows, 1 without a moderator
    tiny = regression(eff.head(3), ["ablat", "year"])
    assert np.isnan(tiny.QM) and tiny.reason == "rows_dropped;too_few_studies"
    with pytest.raises(ValueError, match="moderator 'nope'"):
        regression(eff, ["nope"])
    with pytest.raises(ValueError, match="cannot be built"):
        regression(eff, "nope + ablat")


# ---------------------------------------------------- subgroups, leave-one-out


def test_subgroups_separate_tau2_and_moderator_test():
    eff = bcg()
    res = subgroups(eff, "alloc")
    assert isinstance(res, SubgroupAnalysis)
    assert res.groups["alloc"].tolist() == ["alternate", "random", "systematic"]
    assert res.groups["k"].tolist() == [2, 7, 4]
    y, v = np.log(eff["estimate"].to_numpy()), eff["se"].to_numpy() ** 2
    mus, ses = [], []
    for level in ["alternate", "random", "systematic"]:
        m = (eff["alloc"] == level).to_numpy()
        tau2 = direct_reml(y[m], v[m])  # as rma(..., subset=alloc==level)
        w = 1 / (v[m] + tau2)
        mus.append(np.sum(w * y[m]) / w.sum())
        ses.append(np.sqrt(1 / w.sum()))
    assert_allclose(np.log(res.groups["estimate"]), mus, atol=1e-4)
    assert_allclose(res.groups["se"], ses, atol=1e-4)
    # Borenstein et al. (2009) ch. 19: Q_between = Σ w_g (μ_g − μ̄)², w_g = 1/SE_g²
    wg = 1 / np.square(res.groups["se"].to_numpy())
    mg = np.log(res.groups["estimate"].to_numpy())
    q = np.sum(wg * (mg - np.sum(wg * mg) / wg.sum()) ** 2)
    sep = res.tests.iloc[0]
    assert sep["test"].startswith("between subgroups, separate")
    assert_allclose(sep["statistic"], q, rtol=1e-12)
    assert sep["df1"] == 2
    assert_allclose(sep["p_value"], stats.chi2.sf(q, 2), rtol=1e-12)
    common = res.tests.iloc[1]
    assert_allclose(common["statistic"], regression(eff, ["alloc"]).QM, rtol=1e-12)
    assert common["df1"] == 2 and common["distribution"] == "chi2"
    assert_allclose(one(res.overall)["estimate"], one(pool(eff))["estimate"], rtol=1e-12)
    knha = subgroups(eff, "alloc", hartung_knapp=True).tests.iloc[1]
    assert knha["distribution"] == "F" and knha["df2"] == 10


def test_subgroups_within_outcomes():
    eff = pd.concat([bcg().assign(outcome="A"), bcg().assign(outcome="B").iloc[:9]])
    res = subgroups(eff, "alloc", within="outcome")
    assert res.tests["outcome"].tolist() == ["A", "A", "B", "B"]
    single = subgroups(eff[eff["outcome"] == "B"], "alloc")
    assert_allclose(res.tests.iloc[2:]["statistic"], single.tests["statistic"], rtol=1e-10)
    b_groups = res.groups[res.groups["outcome"] == "B"]
    assert_allclose(b_groups["estimate"], single.groups["estimate"], rtol=1e-10)


def test_leave_one_out_metafor_missing_values_example():
    # [NA] dat: yi = c(NA, 1, 3, 2, 5, 4, 6), vi = c(1, NA, 1, 1, 1, 1, 1); rma(yi, vi)
    frame = generic([np.nan, 1, 3, 2, 5, 4, 6], [1, np.nan, 1, 1, 1, 1, 1])
    res = one(pool(frame))
    assert res["k"] == 5 and res["estimate"] == pytest.approx(4)  # predict(res)$pred = 4
    assert res["reason"] == "rows_dropped"  # 7 rows, k = 5
    loo = leave_one_out(frame)
    # leave1out(res)$estimate = c(4.25, 4.5, 3.75, 4, 3.5), NA for the missing studies
    assert_allclose(loo["estimate"].iloc[2:], [4.25, 4.5, 3.75, 4, 3.5], rtol=1e-12)
    assert loo["estimate"].iloc[:2].isna().all()
    assert loo["reason"].iloc[0] == "study_excluded"
    assert loo["omitted"].tolist() == list(range(7))


def test_leave_one_out_equals_pooling_without_each_study():
    eff = bcg()
    loo = leave_one_out(eff, method="REML", hartung_knapp=True, label_col="label")
    assert loo["omitted"].tolist() == eff["label"].tolist()
    for i in (0, 7, 12):
        alone = one(pool(eff.drop(index=i), hartung_knapp=True))
        for col in ("estimate", "ci_low", "pi_high", "tau2", "I2", "Q"):
            assert_allclose(loo.loc[i, col], alone[col], rtol=1e-12, err_msg=col)
    assert (loo["k"] == 12).all()


# ------------------------------------------------ batching, options, edge cases


def test_by_pools_each_group_exactly_as_alone():
    rng = np.random.default_rng(3)
    frames = []
    for g, k in zip("ABCD", (2, 5, 13, 40), strict=True):
        y = rng.normal(0.3, 0.4, k)
        frames.append(generic(y, rng.uniform(0.01, 0.2, k), outcome=g))
    frames.append(bcg().assign(outcome="E")[["estimate", "se", "scale", "outcome"]])
    eff = pd.concat(frames, ignore_index=True)
    for method in ("REML", "DL", "PM", "FE"):
        batched = pool(eff, by="outcome", method=method, hartung_knapp=True)
        assert batched.columns[0] == "outcome" and batched["outcome"].tolist() == list("ABCDE")
        for g in "ABCDE":
            alone = one(pool(eff[eff["outcome"] == g], method=method, hartung_knapp=True))
            row = batched[batched["outcome"] == g].iloc[0]
            for col in ("estimate", "se", "ci_low", "pi_low", "tau2", "I2", "Q", "tau2_ci_high"):
                assert_allclose(row[col], alone[col], rtol=1e-12, err_msg=f"{method} {g} {col}")


def test_single_study_empty_group_and_dropped_rows():
    eff = pd.DataFrame({
        "g": ["one", "none", "none", "two", "two", "two"],
        "estimate": [1.2, np.nan, -1.0, 1.5, 2.0, 0.0],
        "se": [0.1, 0.1, 0.2, 0.2, 0.3, 0.1],
        "scale": ["log", "log", "log", "log", "log", "log"],
        "n": [10, 20, 30, 40, 50, 60],
    })  # fmt: skip
    out = pool(eff, by="g").set_index("g")
    assert np.isnan(out.loc["none", "estimate"]) and out.loc["none", "k"] == 0
    # NaN and a ratio ≤ 0: both rows dropped
    assert out.loc["none", "reason"] == "no_study;rows_dropped"
    assert out.loc["one", "estimate"] == pytest.approx(1.2)
    assert np.isnan(out.loc["one", "tau2"]) and out.loc["one", "reason"] == "single_study"
    assert out.loc["two", "k"] == 2 and out.loc["two", "reason"] == "rows_dropped"
    assert out.loc["one", "n"] == 10 and pd.isna(out.loc["none", "n"])
    assert pd.isna(out.loc["two", "n"]) is False and out.loc["two", "n"] == 90


def test_invalid_arguments_raise():
    eff = bcg()
    with pytest.raises(ValueError, match="method must be one of"):
        pool(eff, method="ML")
    with pytest.raises(ValueError, match="conf_level"):
        pool(eff, conf_level=95)
    with pytest.raises(ValueError, match="mix scales"):
        pool(pd.concat([eff, generic([0.1], [0.01])]))
    with pytest.raises(ValueError, match="by column"):
        pool(eff, by="nope")
    with pytest.raises(ValueError, match="lacks column"):
        pool(eff.drop(columns="se"))
    with pytest.raises(ValueError, match="scale must be"):
        pool(eff.assign(scale="logit"))
    with pytest.raises(ValueError, match="by must name"):
        subgroups(eff, "nope")
    assert one(pool(eff, method="reml"))["tau2"] == pytest.approx(0.3132, abs=A4)


def test_reml_hksj_interval_covers_the_true_mean():
    # k = 20 studies per meta-analysis from y_i ~ N(μ, τ² + v_i), 1,000 replicates pooled at
    # once; the REML + Hartung-Knapp-Sidik-Jonkman 95% CI should cover μ in ≈ 95%.
    rng = np.random.default_rng(20240601)
    reps, k, mu, tau2 = 1_000, 20, 0.3, 0.05
    v = rng.uniform(0.01, 0.25, (reps, k))
    y = rng.normal(mu, np.sqrt(tau2 + v))
    eff = generic(y.ravel(), v.ravel(), rep=np.repeat(np.arange(reps), k))
    out = pool(eff, by="rep", hartung_knapp=True)
    cover = np.mean((out["ci_low"] <= mu) & (mu <= out["ci_high"]))
    assert 0.92 <= cover <= 0.98, cover
    assert (out["reason"] == "").all()
    # every τ² is the REML maximum, including the few samples where Fisher scoring
    # oscillates (metafor stops there with "did not converge"; we bisect the score)
    direct = [direct_reml(y[r], v[r]) for r in range(reps)]
    assert_allclose(out["tau2"], direct, atol=5e-5)
    # the matrix code of regression() (same algorithm and fallback) agrees; replicates 134
    # and 245 are among those where Fisher scoring oscillates
    for r in range(120, 260):
        fit = regression(eff[eff["rep"] == r], "1")
        assert_allclose(fit.tau2, out.loc[r, "tau2"], atol=1e-9)


# -------------------------------------------------------------------- figures


def test_forest_plot_french_log_axis_sorted():
    eff = bcg()
    fig = forest_plot(eff, pool(eff), label_col="label")
    try:
        ax = fig.axes[0]
        assert ax.get_xscale() == "log"
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[-1] == "Effet global (effets aléatoires)"
        order = eff.sort_values("estimate", ascending=False)["label"].tolist()
        assert labels[:-1] == order
        assert "Hétérogénéité" in ax.get_title(loc="left")
        legend = [t.get_text() for t in ax.get_legend().get_texts()]
        assert any(s.startswith("intervalle de prédiction à 95 %") for s in legend)
        assert not any("." in t.get_text() for t in ax.get_xticklabels())
    finally:
        plt.close(fig)


def test_forest_plot_identity_scale_english_and_checks():
    eff = bcg().assign(estimate=lambda d: np.log(d["estimate"]), scale="identity")
    eff = eff.assign(ci_low=eff["estimate"] - 0.5, ci_high=eff["estimate"] + 0.5)
    pooled = pool(eff, method="FE")
    fig = forest_plot(eff, pooled, label_col="label", lang="en", sort=False)
    try:
        ax = fig.axes[0]
        assert ax.get_xscale() == "linear"
        assert ax.get_yticklabels()[-1].get_text() == "Pooled effect (common effect)"
        assert ax.get_yticklabels()[0].get_text() == eff["label"].iloc[0]
    finally:
        plt.close(fig)
    with pytest.raises(ValueError, match="one pooled row"):
        forest_plot(eff, pool(eff.assign(g=[0, 1] * 6 + [0]), by="g"), label_col="label")


def test_subgroup_forest_and_funnel_plot():
    eff = bcg()
    fig = subgroup_forest(subgroups(eff, "alloc"), lang="fr")
    try:
        ax = fig.axes[0]
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels == ["alternate (k = 2)", "random (k = 7)", "systematic (k = 4)",
                          "Ensemble (k = 13)"]  # fmt: skip
        assert "Différence entre sous-groupes" in ax.get_title(loc="left")
    finally:
        plt.close(fig)
    fig = funnel_plot(eff, pool(eff), lang="en")
    try:
        ax = fig.axes[0]
        assert ax.get_ylabel() == "Standard error"
        low, high = ax.get_ylim()
        assert low > high == 0  # reversed: the most precise studies on top
        assert ax.get_xscale() == "log"
    finally:
        plt.close(fig)


def test_figures_survive_single_study_and_missing_rows():
    eff = bcg().head(3).copy()
    eff.loc[1, ["estimate", "ci_low", "ci_high"]] = np.nan
    pooled = pool(eff.iloc[[0]])
    assert np.isnan(one(pooled)["tau2"])
    for fig in (forest_plot(eff, pooled, label_col="label"), funnel_plot(eff, pooled)):
        plt.close(fig)
    fig = forest_plot(eff, pool(eff), label_col="label")
    try:
        assert len(fig.axes[0].get_yticklabels()) == 3  # two studies and the pooled row
    finally:
        plt.close(fig)
