"""Patient experience (PREM): e-Satis-style scores and honest after − before deltas.

:func:`score_prem` turns coded answers into 0–100 points (catalogue ``prem_scales``),
respondent scores per dimension and overall, and team × period summaries
(:mod:`impact.prem.scoring`); :func:`prem_deltas` gives the raw, case-mix adjusted
(:mod:`impact.prem.casemix`) and top-box differences with Benjamini–Hochberg q-values
across items and small-sample flags. Also gathered here: the Bayesian small-sample
estimates (:mod:`impact.prem.bayes`), PROM changes (:mod:`impact.prem.proms`), published
e-Satis files (:func:`read_esatis`, :mod:`impact.prem.esatis`) and :func:`team_prem_tables`,
the display-ready tables of one team.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.prem.bayes import beta_posterior, prem_bayes_deltas, prem_bayes_levels
from impact.prem.casemix import casemix_ols
from impact.prem.esatis import read_esatis
from impact.prem.proms import prom_changes
from impact.prem.scoring import (
    OVERALL,
    PREM_COVARIATES,
    PremScores,
    context_reason,
    factorize_codes,
    join_context,
    period_pairs,
    score_prem,
)
from impact.stats.effect_table import (
    ADJUSTED_MEAN_DIFFERENCE,
    DIFFERENCE_IN_PROPORTIONS,
    MEAN_DIFFERENCE,
    effect_frame,
)
from impact.stats.effects import difference_in_proportions, mean_difference_from_summary

__all__ = [
    "PREM_COVARIATES",
    "PremScores",
    "benjamini_hochberg",
    "beta_posterior",
    "casemix_ols",
    "prem_bayes_deltas",
    "prem_bayes_levels",
    "prem_deltas",
    "prom_changes",
    "read_esatis",
    "score_prem",
]

_COMMON = (
    "OLS of the score on period + case-mix covariates (common shift), HC3 robust SE "
    "(MacKinnon & White 1985), t on n - rank df"
)
_STANDARDISED = (
    "OLS with period x case-mix interactions, change standardised to the "
    "before-period case mix, HC3 robust SE (MacKinnon & White 1985), t on "
    "n - rank df"
)
_MEASURE_ORDER = {
    MEAN_DIFFERENCE: 0,
    ADJUSTED_MEAN_DIFFERENCE: 1,
    DIFFERENCE_IN_PROPORTIONS: 2,
}


def benjamini_hochberg(p_values, groups=None) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values), within each group.

    Step-up rule of Benjamini Y & Hochberg Y (1995), "Controlling the false discovery
    rate", *JRSS B* 57:289–300: with the m p-values of a group sorted increasingly,
    ``q(i) = min_{j ≥ i} min(1, m·p(j)/j)`` (as statsmodels ``multipletests(...,
    method="fdr_bh")`` and R ``p.adjust(method = "BH")``). Missing p-values are ignored
    and stay missing.

    Parameters
    ----------
    p_values : array-like of float
    groups : array-like, optional
        Group labels (e.g. team × measure); one family when omitted.

    Returns
    -------
    numpy.ndarray
        q-values in the input order.

    Examples
    --------
    >>> benjamini_hochberg([0.01, 0.04, 0.03, 0.5]).round(3).tolist()
    [0.04, 0.053, 0.053, 0.5]
    """
    p = np.asarray(p_values, dtype=float)
    g = (
        np.zeros(len(p), dtype=np.int64)
        if groups is None
        else pd.factorize(pd.Series(groups).astype(str))[0]
    )
    q = np.full(len(p), np.nan)
    ok = np.flatnonzero(~np.isnan(p))
    if not len(ok):
        return q
    order = ok[np.lexsort((p[ok], g[ok]))]
    gs = g[order]
    starts = np.flatnonzero(np.r_[True, gs[1:] != gs[:-1]])
    sizes = np.diff(np.r_[starts, len(gs)])
    rank = np.arange(len(gs)) - np.repeat(starts, sizes) + 1
    raw = p[order] * np.repeat(sizes, sizes) / rank
    stepped = pd.Series(raw[::-1]).groupby(gs[::-1]).cummin().to_numpy()[::-1]
    q[order] = np.minimum(stepped, 1.0)
    return q


def prem_deltas(
    scores: PremScores,
    *,
    adjust: str | None = "common",
    teams: list[str] | None = None,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """After − before changes of every team's PREM scores, items and top-box shares.

    Rows (an effect table, :mod:`impact.stats.effect_table`, plus ``level``, ``code``,
    ``dimension``, ``covariates``, ``small_sample`` and ``q_value``):

    - ``"mean difference"`` for the overall score, each dimension and each item: Welch
      t interval on the respondent scores
      (:func:`impact.stats.effects.mean_difference_from_summary`).
    - ``"adjusted mean difference"`` for the overall score and each dimension: the period
      coefficient of an OLS regression, within the team, of the respondent score on the
      period and the case-mix covariates present (dummies; a missing value is a level of
      its own), with HC3 robust standard errors (MacKinnon & White 1985) and a t interval
      on n − rank degrees of freedom (:func:`impact.prem.casemix.casemix_ols`);
      ``covariates`` names those used. ``adjust="common"`` (period main effect only)
      estimates a shift common to every case-mix cell — when the effect differs between
      cells, a variance-weighted average of the cell effects. ``adjust="standardised"``
      adds period × covariate interactions and estimates the change for the
      before-period case mix (regression standardisation), which needs more answers per
      level.
    - ``"difference in proportions"`` of each item's top-box share: Newcombe hybrid
      score interval (:func:`impact.stats.effects.difference_in_proportions`).

    ``q_value``: Benjamini–Hochberg (1995) across the items of a team, separately for the
    item mean differences and the top-box differences (:func:`benjamini_hochberg`).
    ``small_sample`` flags rows whose team has a period with fewer questionnaires than
    ``scores.threshold``; estimates are kept and the ``reason`` says so (see
    :mod:`impact.prem.bayes` for an interval that stays honest with few answers).
    Teams without data, with one period only or without informative answers give rows
    with NaN estimates and a ``reason``.

    Parameters
    ----------
    scores : PremScores
        From :func:`score_prem`.
    adjust : {"common", "standardised", None}, default "common"
        Case-mix adjusted rows: common period shift, standardised to the before-period
        case mix, or none.
    teams : list of str, optional
        Teams expected; those absent from the answers get explained rows.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=3, seed=2)
    >>> s = score_prem(prog.prem_responses, prog.prem_items, prog.prem_scales)
    >>> d = prem_deltas(s)
    >>> sorted(d["measure"].unique())
    ['adjusted mean difference', 'difference in proportions', 'mean difference']
    """
    if adjust not in ("common", "standardised", None):
        raise ValueError(f"adjust must be 'common', 'standardised' or None. Got {adjust!r}.")
    periods, thr = scores.periods, scores.threshold
    pairs = period_pairs(scores, teams)
    context, small = context_reason(pairs, periods, thr)
    ids = {k: pairs[k].to_numpy(object) for k in ("team_id", "level", "code", "dimension")}
    raw = mean_difference_from_summary(
        pairs["mean_b"],
        pairs["sd_b"],
        pairs["n_b"],
        pairs["mean_a"],
        pairs["sd_a"],
        pairs["n_a"],
        conf_level=conf_level,
        ids=ids,
    )
    raw["small_sample"] = small
    raw["reason"] = join_context(context, raw["reason"])
    tables = [raw]
    item = (pairs["level"] == "item").to_numpy()
    if item.any():
        ip = pairs.loc[item]
        top = difference_in_proportions(
            ip["n_top_b"],
            ip["n_b"],
            ip["n_top_a"],
            ip["n_a"],
            conf_level=conf_level,
            ids={k: v[item] for k, v in ids.items()},
        )
        top["small_sample"] = small[item]
        top["reason"] = join_context(context[item], top["reason"])
        tables.append(top)
    if adjust:
        tables.append(
            _adjusted(
                scores, pairs, context, small, conf_level, interaction=adjust == "standardised"
            )
        )
    out = pd.concat(tables, ignore_index=True)
    out["covariates"] = out.get("covariates", pd.Series("", index=out.index)).fillna("")
    first = out["reason"].str.split(";").str[0]
    none = first.str.startswith(("no_", "too_few_values")) & out["estimate"].isna()
    out.loc[none, ["ci_low", "ci_high", "se", "p_value"]] = np.nan
    is_item = out["level"] == "item"
    family = out.loc[is_item, "team_id"] + "|" + out.loc[is_item, "measure"]
    out["q_value"] = np.nan
    out.loc[is_item, "q_value"] = benjamini_hochberg(out.loc[is_item, "p_value"], family)
    position = {
        key: i
        for i, key in enumerate(dict.fromkeys(zip(pairs["level"], pairs["code"], strict=True)))
    }
    out["_pos"] = [position[k] for k in zip(out["level"], out["code"], strict=True)]
    out["_m"] = out["measure"].map(_MEASURE_ORDER)
    out = out.sort_values(["team_id", "_pos", "_m"], kind="stable").drop(columns=["_pos", "_m"])
    return out.reset_index(drop=True)


def _text(values: pd.Series) -> np.ndarray:
    """Strings with missing values as ""."""
    return np.where(values.isna(), "", values.astype(object))


def _adjusted(
    scores: PremScores, pairs, context, small, conf_level, *, interaction: bool
) -> pd.DataFrame:
    """Case-mix adjusted rows for the overall score and each dimension."""
    r = scores.respondents
    levels = [(OVERALL, "overall", "")] + [(d, "dimension", d) for d in scores.dimensions]
    tcode, teams = factorize_codes(r["team_id"], sort=True)
    period = (r["period"].to_numpy(object) == scores.periods[1]).astype(np.int64)
    cov = {
        c: factorize_codes(r[c].astype(object).where(r[c].notna(), "(missing)"))
        for c in scores.covariates
    }
    frames = []
    for code, level, dim in levels:
        y = r[f"score_{code}"].to_numpy(float)
        res = casemix_ols(
            tcode,
            period,
            {c: v[0] for c, v in cov.items()},
            y,
            len(teams),
            interaction=interaction,
            conf_level=conf_level,
        )
        res.insert(0, "team_id", np.asarray(teams, dtype=object)[res["group"].to_numpy()])
        frames.append(res.drop(columns="group").assign(level=level, code=code, dimension=dim))
    est = pd.concat(frames, ignore_index=True)
    keys = ["team_id", "level", "code"]
    mask = pairs["level"].isin(["overall", "dimension"]).to_numpy()
    merged = pairs.loc[mask, [*keys, "dimension"]].merge(
        est.drop(columns="dimension"), on=keys, how="left"
    )
    out = effect_frame(
        {k: merged[k].to_numpy(object) for k in (*keys, "dimension")},
        measure=ADJUSTED_MEAN_DIFFERENCE,
        estimate=merged["estimate"],
        ci_low=merged["ci_low"],
        ci_high=merged["ci_high"],
        se=merged["se"],
        p_value=merged["p_value"],
        n_before=merged["n_before"].fillna(0),
        n_after=merged["n_after"].fillna(0),
        df=merged["df"],
        method=(_STANDARDISED if interaction else _COMMON),
        reason=_text(merged["reason"]),
        covariates=_text(merged["covariates"]),
    )
    out["small_sample"] = small[mask]
    out["reason"] = join_context(context[mask], out["reason"])
    return out
