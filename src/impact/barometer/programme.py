"""The barometer at programme level (pooled change from a linear mixed model) and the
display-ready, small-cell-suppressed barometer tables of one team's report."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf
from scipy import stats

from impact.barometer.common import SELF, check_waves, require, sort_table
from impact.barometer.scores import (
    PATIENT_SIDE,
    PROFESSIONALS,
)
from impact.stats.effect_table import effect_frame
from impact.stats.means import check_conf_level
from impact.stats.reasons import join_reasons

__all__ = [
    "fixed_effects_cov",
    "programme_change",
]

_ALL = "all"


def _fit(data: pd.DataFrame, random_slope: bool, respondent: bool):
    """Fit one MixedLM; return (result or None, reason codes, error text)."""
    model = smf.mixedlm(
        "score ~ t1 * patient", data, groups="team_id",
        re_formula="1 + t1" if random_slope else "1",
        vc_formula={"respondent": "0 + C(respondent)"} if respondent else None,
    )  # fmt: skip
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = model.fit(reml=True)
        except (np.linalg.LinAlgError, ValueError) as exc:
            return None, [], f"{type(exc).__name__}: {exc}"
    # The standard errors come from fixed_effects_cov, not from statsmodels' Hessian:
    # its warnings about that Hessian do not concern the published numbers.
    messages = [str(w.message) for w in caught if "Hessian" not in str(w.message)]
    notes = (["fit_on_boundary"] if any("boundary" in m for m in messages) else []) + (
        ["fit_warning"] if any("boundary" not in m for m in messages) else []
    )
    if not result.converged:
        notes.append("not_converged")
    return result, notes, ""


def fixed_effects_cov(result) -> np.ndarray | None:
    """Covariance of a MixedLM's fixed effects, ``(Σ_g X_g' V_g⁻¹ X_g)⁻¹``, at its
    estimated variance components (None if it cannot be computed).

    ``V_g = Z_g Ψ Z_g' + Σ_k σ²_k M_gk M_gk' + σ² I`` for team ``g``: ``Ψ`` the team
    random-effects covariance (``cov_re``), ``σ²_k`` the variance components
    (``vcomp``, design ``M_gk``), ``σ²`` the residual variance. This is the usual
    covariance of the generalised least squares estimate given the REML variance
    components (``vcov`` of R's ``lme4``). statsmodels' ``cov_params`` inverts the
    Hessian of the whole likelihood instead; at a boundary fit (a random-effect
    correlation at ±1 or a variance at 0) that Hessian is not positive definite and its
    fixed-effect block gives standard errors far too small, or NaN.
    """
    model = result.model
    cov_re = np.asarray(result.cov_re, dtype=float)
    k = len(result.fe_params)
    information = np.zeros((k, k))
    try:
        for i in range(len(model.group_labels)):
            x = model.exog_li[i]
            v = result.scale * np.eye(x.shape[0])
            if model.k_re:
                z = model.exog_re_li[i]
                v += z @ cov_re @ z.T
            for j in range(len(model.exog_vc.names)):
                m = model.exog_vc.mats[j][i]
                v += result.vcomp[j] * (m @ m.T)
            information += x.T @ np.linalg.solve(v, x)
        cov = np.linalg.inv(information)
    except np.linalg.LinAlgError:
        return None
    if not (np.all(np.isfinite(cov)) and np.all(np.diag(cov) >= 0)):
        return None
    return cov


def programme_change(
    scores: pd.DataFrame,
    *,
    waves: tuple[str, str] = ("T0", "T1"),
    dimensions: list[str] | None = None,
    random_slope: bool = True,
    respondent_effect: bool = True,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Pooled change of the self-assessment scores across the programme's teams.

    One linear mixed model per dimension (statsmodels ``MixedLM``, REML)::

        score ~ wave × role group + (1 + wave | team) + (1 | respondent within team)

    ``wave`` is 0 at the first and 1 at the second wave, ``role group`` 0 for
    professionals and 1 for the patient side. The team random intercept carries the
    teams' levels; the random wave slope lets the change differ between teams (it does
    in practice, and without it the interval of the pooled change is too narrow); the
    respondent variance component (``vc_formula``) pairs a respondent's two answers. If
    the full model fails or does not converge, the random slope, then the respondent
    component, are dropped and ``reason`` says so; convergence warnings are kept in
    ``reason``.

    Rows per dimension: professionals' pooled change (the wave coefficient), the
    patient side's (wave + interaction), and ``role_group = "all"``: the change for the
    programme's first-wave role mix, ``w·Δ_professionals + (1 − w)·Δ_patient side``
    with ``w`` the share of professionals among first-wave respondents. Wald z
    intervals from the fixed-effects covariance ``(X'V⁻¹X)⁻¹`` at the REML variance
    components (:func:`fixed_effects_cov`), which stays valid when the fit is on the
    boundary (random-effect correlation at ±1, a variance at 0): such a fit is kept,
    with statsmodels' boundary warning in ``reason``; ``method`` names the covariance.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`impact.barometer.scores.scores` (several teams).
    waves : (str, str)
    dimensions : list of str, optional
        Default: every dimension in ``scores`` (including ``"global"``).
    random_slope, respondent_effect : bool, default True
        Include the team random wave slope / the respondent variance component.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        Effect table: ``dimension``, ``role_group``, ``measure = "pooled mean
        change"``, standard columns (``n_before``/``n_after`` = scores at each wave,
        ``n`` = scores in the model), ``n_teams``, ``n_respondents``,
        ``share_professionals``, ``var_team``, ``var_team_change``, ``var_respondent``,
        ``var_residual``.

    Examples
    --------
    >>> import impact
    >>> from impact.barometer.scores import scores
    >>> prog = impact.demo_programme(n_teams=8, seed=1)
    >>> s = scores(prog.barometer_responses, prog.barometer_items)
    >>> table = programme_change(s, dimensions=["global"], random_slope=False)
    >>> table["role_group"].tolist()
    ['professionals', 'patient_side', 'all']
    """
    waves = check_waves(waves, 2)
    cl = check_conf_level(conf_level)
    require(scores, ("team_id", "respondent", "wave", "role_group", "assessment", "dimension",
                     "score"), "scores")  # fmt: skip
    s = scores.loc[(scores["assessment"] == SELF) & scores["wave"].isin(waves)
                   & scores["role_group"].isin([PROFESSIONALS, PATIENT_SIDE])
                   & scores["score"].notna()]  # fmt: skip
    s = s.assign(t1=(s["wave"] == waves[1]).astype(float),
                 patient=(s["role_group"] == PATIENT_SIDE).astype(float))  # fmt: skip
    first = s.loc[s["t1"] == 0].drop_duplicates(["team_id", "respondent"])
    w = float((first["role_group"] == PROFESSIONALS).mean()) if len(first) else np.nan
    dims = list(pd.unique(s["dimension"])) if dimensions is None else list(dimensions)
    z = stats.norm.ppf(0.5 + cl / 2)
    contrasts = {
        PROFESSIONALS: {"t1": 1.0},
        PATIENT_SIDE: {"t1": 1.0, "t1:patient": 1.0},
        _ALL: {"t1": 1.0, "t1:patient": 1 - w},
    }
    parts = []
    for dim in dims:
        d = s.loc[s["dimension"] == dim]
        base = dict(n=len(d), n_before=int((d["t1"] == 0).sum()), n_after=int(d["t1"].sum()),
                    n_teams=d["team_id"].nunique(),
                    n_respondents=len(d.drop_duplicates(["team_id", "respondent"])))  # fmt: skip
        notes, result = [], None
        enough = (
            base["n_teams"] >= 2
            and base["n_before"] > 0
            and base["n_after"] > 0
            and d["patient"].nunique() == 2
        )
        if not enough:
            notes.append("too_few_teams_or_waves")
        attempts = [(random_slope, respondent_effect)]
        if random_slope:
            attempts.append((False, respondent_effect))
        if respondent_effect:
            attempts.append((False, False))
        used = attempts[0]
        for slope, resp in attempts if enough else []:
            result, caught, _ = _fit(d, slope, resp)
            used = (slope, resp)
            cov = fixed_effects_cov(result) if result is not None else None
            good = result is not None and result.converged and cov is not None
            if good:
                notes.extend(caught)
                break
            notes.append("model_failed")
            result = None
        if result is not None and used != attempts[0]:
            notes.append("simpler_model")
        vc = _variances(result)
        for group, weights in contrasts.items():
            est = se = np.nan
            if result is not None:
                c = np.array([weights.get(name, 0.0) for name in result.fe_params.index])
                est = float(c @ result.fe_params.to_numpy())
                se = float(np.sqrt(c @ cov @ c))
            parts.append(dict(dimension=dim, role_group=group, estimate=est, se=se, **base,
                              reason=join_reasons(*notes), random_slope=used[0] if enough else
                              random_slope, respondent_component=used[1] if enough else
                              respondent_effect, **vc))  # fmt: skip
    rows = pd.DataFrame(parts)
    if rows.empty:
        return effect_frame({"dimension": [], "role_group": []})
    est, se = rows["estimate"].to_numpy(float), rows["se"].to_numpy(float)
    method = np.where(
        rows["random_slope"].to_numpy(bool),
        "linear mixed model (statsmodels MixedLM, REML): score ~ wave x role group, "
        "team random intercept and wave slope",
        "linear mixed model (statsmodels MixedLM, REML): score ~ wave x role group, "
        "team random intercept")  # fmt: skip
    method = np.where(rows["respondent_component"].to_numpy(bool),
                      method + ", respondent variance component", method)  # fmt: skip
    method = method + (
        "; standard errors from (X'V⁻¹X)⁻¹ at the REML variance components; Wald z interval"
    )
    measure = np.where(rows["role_group"] == _ALL, "pooled mean change (first-wave role mix)",
                       "pooled mean change")  # fmt: skip
    out = effect_frame(
        {"dimension": rows["dimension"].to_numpy(), "role_group": rows["role_group"].to_numpy()},
        measure=measure, estimate=est, ci_low=est - z * se, ci_high=est + z * se, se=se,
        p_value=2 * stats.norm.sf(np.abs(est / se)), n_before=rows["n_before"],
        n_after=rows["n_after"], n=rows["n"], method=method, reason=rows["reason"].to_numpy(),
        n_teams=rows["n_teams"], n_respondents=rows["n_respondents"],
        share_professionals=np.where(rows["role_group"] == _ALL, w, np.nan),
        **{c: rows[c].to_numpy(float) for c in
           ("var_team", "var_team_change", "var_respondent", "var_residual")},
        wave_before=waves[0], wave_after=waves[1],
    )  # fmt: skip
    return sort_table(out, ["dimension", "role_group"], scores)


def _variances(result) -> dict[str, float]:
    """Variance components of a fitted MixedLM (NaN when absent)."""
    out = dict.fromkeys(("var_team", "var_team_change", "var_respondent", "var_residual"),
                        np.nan)  # fmt: skip
    if result is None:
        return out
    cov_re = result.cov_re
    out["var_team"] = float(cov_re.iloc[0, 0])
    if cov_re.shape[0] > 1:
        out["var_team_change"] = float(cov_re.iloc[1, 1])
    if len(result.vcomp):
        out["var_respondent"] = float(result.vcomp[0])
    out["var_residual"] = float(result.scale)
    return out


def summary_sizes(s: pd.DataFrame, waves: tuple[str, str]) -> pd.DataFrame:
    """Respondents with a self-assessment score per team × role group × dimension at
    each wave (``n_group_before``, ``n_group_after``)."""
    self_rows = s.loc[(s["assessment"] == SELF) & s["score"].notna() & s["wave"].isin(waves)]
    counts = self_rows.groupby(["team_id", "role_group", "dimension", "wave"]).size()
    wide = counts.unstack("wave").reindex(columns=list(waves)).fillna(0).astype(int)
    wide.columns = ["n_group_before", "n_group_after"]
    out = wide.reset_index()
    return sort_table(out, ["team_id", "role_group", "dimension"], s)
