"""Mixed-effects meta-regression of an effect table, and what pooling shares with it.

:func:`regression` fits ``y_i = x_i'β + u_i + e_i`` with ``u_i ~ N(0, τ²)`` and
``e_i ~ N(0, v_i)`` (v_i known), as R's ``metafor::rma(yi, vi, mods = ~ …)`` does
(Viechtbauer 2010, *J Stat Softw* 36(3)); the intercept-only case is the random-effects
model that :func:`impact.stats.meta.pool` fits, much faster, for many meta-analyses at once.
Everything here works on the analysis scale of the effect table (log for ratios).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, stats

from impact.stats.reasons import join_reasons

__all__ = ["MetaRegression", "regression"]

METHODS = ("REML", "DL", "PM", "FE")
_TAU2_TEXT = {
    "REML": "random effects, REML (tau² by Fisher scoring)",
    "DL": "random effects, DerSimonian-Laird",
    "PM": "random effects, Paule-Mandel",
    "FE": "common effect, inverse variance",
}
_THRESHOLD = 1e-5  # metafor's convergence threshold for Fisher scoring (change in τ²)
_LL0_TOL = np.finfo(float).eps ** 0.25  # metafor's tolerance of its "ll0check"
_MAXITER = 100


def method_text(method: str, hartung_knapp: bool) -> str:
    """The named method of an output row, e.g. "random effects, REML (…), Hartung-Knapp…"."""
    test = "Hartung-Knapp-Sidik-Jonkman t-test" if hartung_knapp else "Wald z-test"
    return f"{_TAU2_TEXT[method]}, {test}"


def check_options(method: str, conf_level: float) -> str:
    """Validate ``method`` (case-insensitive) and ``conf_level``; return the method."""
    key = method.upper() if isinstance(method, str) else method
    if key not in METHODS:
        raise ValueError(f"method must be one of {METHODS}. Got {method!r}.")
    if not isinstance(conf_level, (float, int)) or not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be in (0, 1). Got {conf_level!r}.")
    return key


def analysis_values(
    effects: pd.DataFrame, estimate: str = "estimate", se: str = "se", scale: str = "scale"
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Outcomes ``y`` and sampling variances ``v`` on the analysis scale.

    ``y`` is the estimate (scale "identity") or its log (scale "log"); ``v = se²``.
    Returns ``(y, v, valid, scale)``: ``valid`` flags rows with a finite ``y`` and a finite
    positive ``v`` (a ratio ≤ 0 or a zero SE cannot be pooled).
    """
    if not isinstance(effects, pd.DataFrame):
        raise ValueError(f"effects must be a pandas DataFrame. Got {type(effects).__name__}.")
    missing = [c for c in (estimate, se, scale) if c not in effects.columns]
    if missing:
        raise ValueError(f"effects lacks column(s) {missing}. Got {list(effects.columns)}.")
    scales = effects[scale].astype("string").fillna("identity").to_numpy(dtype=object)
    bad = sorted(set(scales) - {"identity", "log"})
    if bad:
        raise ValueError(f"scale must be 'identity' or 'log'. Got {bad[0]!r}.")
    est = pd.to_numeric(effects[estimate], errors="coerce").to_numpy(dtype=float)
    sd = pd.to_numeric(effects[se], errors="coerce").to_numpy(dtype=float)
    log = scales == "log"
    with np.errstate(divide="ignore", invalid="ignore"):
        y = np.where(log, np.log(np.where(est > 0, est, np.nan)), est)
    v = sd**2
    valid = np.isfinite(y) & np.isfinite(v) & (v > 0)
    return y, v, valid, scales


def one_scale(scales: np.ndarray, what: str = "effects") -> str:
    """The single scale of rows pooled together (ValueError for a mix)."""
    found = sorted(set(scales))
    if len(found) > 1:
        raise ValueError(f"{what} mix scales {found}: pool log-scale and identity-scale "
                         "effects separately (use `by`).")  # fmt: skip
    return found[0] if found else "identity"


def back(x: np.ndarray | float, scale: str) -> np.ndarray | float:
    """From the analysis scale to the reporting scale (exp for "log")."""
    return np.exp(x) if scale == "log" else x


def _p_matrix(w: np.ndarray, X: np.ndarray) -> np.ndarray:
    """``P = W − W X (X'WX)⁻¹ X'W`` with ``W = diag(w)``: the REML projection."""
    wx = X * w[:, None]
    return np.diag(w) - wx @ np.linalg.solve(X.T @ wx, wx.T)


def _tau2_matrix(y, v, X, method, threshold=_THRESHOLD, maxiter=_MAXITER):
    """τ² and its SE for ``y ~ X`` by ``method``, as metafor's ``rma.uni``; and convergence.

    REML is written here (statsmodels has no meta-analytic REML): Fisher scoring on the
    restricted log-likelihood, ``τ² ← τ² + (y'PPy − tr P) / tr(PP)``, step-halving to stay
    at τ² ≥ 0, from the Hedges (HE) moment estimate, stopping when a step moves τ² by less
    than 1e-5 and checking τ² = 0 is not better — metafor's algorithm and defaults, so its
    printed results are reproduced (Viechtbauer 2005, *J Educ Behav Stat* 30:261–293).
    SE(τ²): REML ``√(2 / tr(PP))``; DL the delta-method SE metafor prints; PM
    ``√(2k²/(k−p)) / Σw``, also as metafor.
    """
    k, p = X.shape
    df = k - p
    P = _p_matrix(1 / v, X)
    trp = np.trace(P)
    if method == "FE":
        return 0.0, np.nan, True
    if method == "DL":
        tau2 = max(0.0, (y @ P @ y - df) / trp)
        se = np.sqrt((2 * df + 4 * tau2 * trp + 2 * tau2**2 * np.sum(P * P)) / trp**2)
        return tau2, se, True
    if method == "PM":

        def excess(t2):
            return y @ _p_matrix(1 / (v + t2), X) @ y - df

        tau2, ok = 0.0, True
        if excess(0.0) > 0:
            upper = max(1.0, float(np.var(y)))
            while excess(upper) > 0:
                upper *= 10
            tau2 = optimize.brentq(excess, 0.0, upper, xtol=1e-12, rtol=1e-14)
        w = 1 / (v + tau2)
        return tau2, np.sqrt(2 * k**2 / df) / w.sum(), ok
    yc = y - y.mean()  # REML as metafor: Fisher scoring from the HE estimate (centred y)
    hat = X @ np.linalg.pinv(X)
    resid = yc - hat @ yc
    tau2 = max(0.0, (resid @ resid - np.sum((1 - np.diag(hat)) * v)) / df)
    converged = False
    for _ in range(maxiter):
        P = _p_matrix(1 / (v + tau2), X)
        Py = P @ yc
        adj = (Py @ Py - np.trace(P)) / np.sum(P * P)
        while tau2 + adj < 0 and abs(adj) > 1e-300:  # step-halving keeps τ² ≥ 0
            adj /= 2
        adj = max(adj, -tau2)
        tau2 += adj
        if abs(adj) <= threshold:
            converged = True
            break
    if not converged:  # Fisher scoring oscillates: the root of the score by bisection

        def score(t2):
            P = _p_matrix(1 / (v + t2), X)
            Py = P @ yc
            return Py @ Py - np.trace(P)

        tau2, converged = 0.0, True
        if score(0.0) > 0:
            upper = 10 * max(float(np.var(y)), 1e-8)
            while score(upper) > 0:
                upper *= 4
            tau2 = optimize.brentq(score, 0.0, upper, xtol=1e-12, rtol=1e-14)
    if (
        tau2 > threshold and _reml_loglik(0.0, yc, v, X) - _reml_loglik(tau2, yc, v, X) > _LL0_TOL
    ):  # metafor's "ll0check": τ² = 0 fits better
        tau2 = 0.0
    P = _p_matrix(1 / (v + tau2), X)
    return tau2, np.sqrt(2 / np.sum(P * P)), converged


def _reml_loglik(tau2, y, v, X):
    """Restricted log-likelihood of ``y ~ X`` at τ² (up to a constant)."""
    w = 1 / (v + tau2)
    xwx = X.T @ (X * w[:, None])
    b = np.linalg.solve(xwx, X.T @ (w * y))
    return -0.5 * (np.sum(np.log(v + tau2)) + np.linalg.slogdet(xwx)[1]
                   + np.sum(w * (y - X @ b) ** 2))  # fmt: skip


@dataclass
class MetaRegression:
    """A fitted mixed-effects meta-regression (see :func:`regression`).

    Attributes
    ----------
    coefficients : pandas.DataFrame
        One row per term: ``term``, ``estimate``, ``se``, ``statistic`` (z, or t with
        Hartung–Knapp), ``df``, ``p_value``, ``ci_low``, ``ci_high`` — on the analysis scale
        ``scale`` (log for ratios: ``exp(estimate)`` is a ratio of ratios).
    fit : pandas.DataFrame
        One row: ``k``, ``tau2``, ``tau2_se``, ``I2`` and ``R2`` (percent), ``H2``, ``QE``,
        ``QE_df``, ``QE_p`` (residual heterogeneity), ``QM``, ``QM_df``, ``QM_df2``,
        ``QM_p`` (omnibus test of the moderators: χ² on ``QM_df`` df, or with
        Hartung–Knapp ``QM`` is an F on (``QM_df``, ``QM_df2``) df), ``method``,
        ``scale``, ``reason``.
    """

    coefficients: pd.DataFrame
    fit: pd.DataFrame
    vcov: pd.DataFrame = field(repr=False, default_factory=pd.DataFrame)

    def __getattr__(self, name: str):
        fit = self.__dict__.get("fit")
        if fit is not None and name in fit.columns:
            return fit[name].iloc[0]
        raise AttributeError(name)

    def _repr_html_(self) -> str:
        return self.fit.to_html(index=False) + self.coefficients.to_html(index=False)


def _design(effects: pd.DataFrame, moderators: str | list[str]) -> pd.DataFrame:
    """Design matrix (with NA rows dropped) from a formula or a list of columns."""
    import patsy  # statsmodels' formula engine

    if isinstance(moderators, str):
        formula = moderators.split("~", 1)[-1]
    elif isinstance(moderators, (list, tuple)) and moderators:
        terms = []
        for col in moderators:
            if col not in effects.columns:
                raise ValueError(f"moderator {col!r} is not a column of effects. "
                                 f"Got {list(effects.columns)}.")  # fmt: skip
            values = effects[col]
            name = f'Q("{col}")'
            numeric = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(
                values
            )
            terms.append(name if numeric else f"C({name})")
        formula = " + ".join(terms)
    else:
        raise ValueError(f"moderators must be a formula string or a list of column names. "
                         f"Got {moderators!r}.")  # fmt: skip
    data = effects.copy()
    for col in data.columns:  # patsy reads pandas' string dtype as an unknown type
        if isinstance(data[col].dtype, pd.StringDtype):
            data[col] = data[col].astype(object).where(data[col].notna(), np.nan)
    try:
        return patsy.dmatrix(formula, data, return_type="dataframe", NA_action="drop")
    except patsy.PatsyError as err:
        raise ValueError(f"moderators {moderators!r} cannot be built: {err}") from err


def regression(
    effects: pd.DataFrame,
    moderators: str | list[str],
    *,
    method: str = "REML",
    hartung_knapp: bool = False,
    conf_level: float = 0.95,
) -> MetaRegression:
    """Mixed-effects meta-regression of an effect table on study-level moderators.

    The model of ``metafor::rma(yi, vi, mods = ~ …, method=…)``: weighted least squares
    with weights ``1/(v_i + τ²)``, the residual heterogeneity τ² estimated by REML
    (Viechtbauer 2005), DerSimonian & Laird (1986), Paule & Mandel (1982) or fixed at 0
    ("FE"). The omnibus test QM is the Wald test of all coefficients but the intercept; QE is
    the test of residual heterogeneity, ``Σ (y − Xb_FE)² / v`` on k − p df; I² and H² use
    the typical within-study variance ``(k − p) / tr(P_FE)`` (Higgins & Thompson 2002,
    as metafor); the pseudo-R² is ``(τ²_RE − τ²) / τ²_RE`` (in percent, truncated at 0),
    where τ²_RE comes from the model without moderators fitted by the same method. With
    ``hartung_knapp=True`` the covariance is scaled by ``Σ w(y − Xb)² / (k − p)`` (not
    truncated at 1, as metafor's ``test="knha"``) and tests use t (k − p df) and F
    (Hartung & Knapp 2001; Sidik & Jonkman 2002).

    Parameters
    ----------
    effects : pandas.DataFrame
        Effect table (``estimate``, ``se``, ``scale`` and the moderator columns).
    moderators : str or list of str
        A formula over columns of ``effects`` (patsy syntax, ``"ablat + C(alloc)"``; a
        leading ``~`` is allowed; ``"0 + C(g)"`` drops the intercept) or a list of column
        names (numeric columns enter as they are, others as dummies with the first level
        as reference).
    method : {"REML", "DL", "PM", "FE"}, default "REML"
    hartung_knapp : bool, default False
    conf_level : float, default 0.95

    Returns
    -------
    MetaRegression
        ``coefficients`` and a one-row ``fit`` table (see :class:`MetaRegression`); the
        fit's columns are also attributes (``res.tau2``, ``res.QM_p``…). Rows with a missing
        estimate, SE or moderator are dropped and counted in ``reason``; too few studies
        for the terms give NaN statistics and a ``reason`` rather than an error.

    Examples
    --------
    >>> frame = pd.DataFrame({"estimate": [0.1, 0.3, 0.35, 0.6, 0.7], "se": 0.1,
    ...                       "scale": "identity", "dose": [1, 2, 3, 4, 5]})
    >>> res = regression(frame, "dose", method="FE")
    >>> round(float(res.coefficients.loc[1, "estimate"]), 3)
    0.15
    """
    method = check_options(method, conf_level)
    y_all, v_all, valid, scales = analysis_values(effects)
    X_frame = _design(effects.reset_index(drop=True), moderators)
    rows = X_frame.index.to_numpy()
    keep = valid[rows]
    X_frame = X_frame.loc[keep]
    rows = rows[keep]
    scale = one_scale(scales[rows])
    y, v, X = y_all[rows], v_all[rows], X_frame.to_numpy(dtype=float)
    names = list(X_frame.columns)
    k, p = X.shape
    dropped = len(effects) - k
    reasons = ["rows_dropped"] if dropped else []
    has_int = "Intercept" in names
    btt = [j for j, n in enumerate(names) if n != "Intercept"] if has_int else list(range(p))
    rank = np.linalg.matrix_rank(X) if k else 0
    nan = np.nan
    if k <= p or rank < p:
        reasons.append("too_few_studies" if k <= p else "collinear_moderators")
        coef = pd.DataFrame({"term": names, "estimate": nan, "se": nan, "statistic": nan,
                             "df": nan, "p_value": nan, "ci_low": nan, "ci_high": nan})  # fmt: skip
        fit = pd.DataFrame([{"k": k, "tau2": nan, "tau2_se": nan, "I2": nan, "H2": nan,
                             "R2": nan, "QE": nan, "QE_df": k - p, "QE_p": nan, "QM": nan,
                             "QM_df": len(btt), "QM_df2": nan, "QM_p": nan,
                             "method": method_text(method, hartung_knapp), "scale": scale,
                             "reason": join_reasons(*reasons)}])  # fmt: skip
        return MetaRegression(coef, fit)
    df = k - p
    tau2, tau2_se, converged = _tau2_matrix(y, v, X, method)
    if not converged:
        reasons.append("not_converged")
    w = 1 / (v + tau2)
    wx = X * w[:, None]
    vb = np.linalg.inv(X.T @ wx)
    b = vb @ (wx.T @ y)
    if hartung_knapp:
        vb = vb * (np.sum(w * (y - X @ b) ** 2) / df)
    se = np.sqrt(np.diag(vb))
    stat = b / se
    alpha = 1 - conf_level
    if hartung_knapp:
        crit, pval = stats.t.ppf(1 - alpha / 2, df), 2 * stats.t.sf(np.abs(stat), df)
    else:
        crit, pval = stats.norm.ppf(1 - alpha / 2), 2 * stats.norm.sf(np.abs(stat))
    coef = pd.DataFrame({
        "term": names, "estimate": b, "se": se, "statistic": stat,
        "df": float(df) if hartung_knapp else nan, "p_value": pval,
        "ci_low": b - crit * se, "ci_high": b + crit * se,
    })  # fmt: skip
    P_fe = _p_matrix(1 / v, X)
    QE = float(y @ P_fe @ y)
    QE_p = float(stats.chi2.sf(QE, df)) if df > 0 else nan
    if method == "FE":
        I2 = max(0.0, 100 * (QE - df) / QE) if df > 0 and QE > 0 else nan
        H2 = QE / df if df > 0 else nan
    else:
        s2 = df / np.trace(P_fe)
        I2, H2 = 100 * tau2 / (tau2 + s2), (tau2 + s2) / s2
    m = len(btt)
    QM = QM_p = QM_df2 = nan
    if m:
        bb = b[btt]
        QM = float(bb @ np.linalg.solve(vb[np.ix_(btt, btt)], bb))
        if hartung_knapp:
            QM, QM_df2 = QM / m, float(df)
            QM_p = float(stats.f.sf(QM, m, df))
        else:
            QM_p = float(stats.chi2.sf(QM, m))
    R2 = nan
    if method != "FE" and has_int and m:
        tau2_re = _tau2_matrix(y, v, np.ones((k, 1)), method)[0]
        R2 = max(0.0, 100 * (tau2_re - tau2) / tau2_re) if tau2_re > 0 else nan
    fit = pd.DataFrame([{
        "k": k, "tau2": tau2, "tau2_se": tau2_se, "I2": I2, "H2": H2, "R2": R2,
        "QE": QE, "QE_df": df, "QE_p": QE_p, "QM": QM, "QM_df": m, "QM_df2": QM_df2,
        "QM_p": QM_p, "method": method_text(method, hartung_knapp), "scale": scale,
        "reason": join_reasons(*reasons),
    }])  # fmt: skip
    return MetaRegression(coef, fit, pd.DataFrame(vb, index=names, columns=names))
