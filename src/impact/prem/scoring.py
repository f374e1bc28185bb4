"""PREM scoring: e-Satis-style 0–100 points, respondent scores, team × period summaries.

Scoring works on integer codes: the string columns (team, period, respondent, item) are
factorised once (``pandas.factorize``; categoricals use their codes), points come from a
lookup table ``points[scale, code]`` and every sum is an ``np.bincount``. Public entry
point: :func:`impact.prem.deltas.score_prem` (re-exported there).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.stats.reasons import join_reasons

__all__ = ["OVERALL", "PREM_COVARIATES", "PremScores", "score_prem"]

#: Case-mix covariates of the ``prem_responses`` schema, used when present in the data.
PREM_COVARIATES = ("age_group", "sex", "self_rated_health", "admission_mode")
#: Level of the overall score (e-Satis "score_all": mean of every answered item).
OVERALL = "all"
_PERIODS = ("avant", "après")


@dataclass(frozen=True)
class PremScores:
    """Scored PREM answers (returned by :func:`score_prem`).

    Attributes
    ----------
    respondents : pandas.DataFrame
        One row per questionnaire: ``team_id``, ``period``, ``respondent``, the case-mix
        covariates found, ``n_answered`` (informative answers), ``score_all`` (mean points
        of the answered items) and ``score_<dimension>`` per catalogue dimension (NaN when
        fewer items than the minimum were answered).
    summary : pandas.DataFrame
        One row per team × period × level: ``level`` ("overall", "dimension", "item"),
        ``code`` (``"all"``, the dimension or the item), ``dimension``,
        ``n_respondents`` (questionnaires of the team-period), ``n`` (scores, or
        informative answers for an item), ``mean``, ``sd``, ``ci_low``/``ci_high``
        (t interval of the mean), ``small_sample``; for items also ``n_top`` and
        ``top_share`` (top-box answers among informative ones), ``n_noninformative``,
        ``n_empty`` and ``categories`` (number of informative answer codes).
    covariates : tuple of str
        Case-mix covariates present (at least one value) in the answers.
    dimensions : tuple of str
        Catalogue dimensions, in catalogue order.
    threshold : int
        Publication threshold used for ``small_sample`` (questionnaires per team-period).
    periods : tuple of str
        Labels of the before and after periods.
    items : tuple of (str, str)
        Catalogue items and their dimension, in catalogue order.
    """

    respondents: pd.DataFrame
    summary: pd.DataFrame
    covariates: tuple[str, ...]
    dimensions: tuple[str, ...]
    threshold: int
    periods: tuple[str, str] = _PERIODS
    items: tuple[tuple[str, str], ...] = ()

    @property
    def team_ids(self) -> list[str]:
        """Teams with at least one questionnaire, sorted."""
        return sorted(self.summary["team_id"].unique().tolist())

    def levels(self) -> pd.DataFrame:
        """The ``level``, ``code`` and ``dimension`` of every summary row of a team-period."""
        n_dim, n_items = len(self.dimensions), len(self.items)
        return pd.DataFrame({
            "level": ["overall"] + ["dimension"] * n_dim + ["item"] * n_items,
            "code": [OVERALL, *self.dimensions, *(i for i, _ in self.items)],
            "dimension": ["", *self.dimensions, *(d for _, d in self.items)],
        })  # fmt: skip


def factorize_codes(values: pd.Series, *, sort: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (−1 for missing) and their labels; categoricals keep their codes."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        return values.cat.codes.to_numpy(np.int64), values.cat.categories.to_numpy(object)
    codes, uniques = pd.factorize(values, sort=sort)
    return codes.astype(np.int64, copy=False), np.asarray(uniques, dtype=object)


def _min_items(rule: float, n_items: int) -> int:
    """Minimum number of answered items: a fraction (≤ 1) or a count, capped at n_items."""
    need = math.ceil(rule * n_items - 1e-9) if rule <= 1 else int(rule)
    return max(1, min(need, n_items))


def _catalogue(items: pd.DataFrame, scales: pd.DataFrame):
    """Lookup tables: points[scale, code], top[scale, code], known[scale, code]."""
    for name, frame, cols in (
        ("prem_items", items, ("item", "dimension", "scale")),
        ("prem_scales", scales, ("scale", "code", "points", "top_box")),
    ):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks column(s) {missing}. Got {list(frame.columns)}.")
    scale_names = pd.Index(pd.unique(scales["scale"]))
    code = pd.to_numeric(scales["code"]).to_numpy(np.int64)
    size = int(code.max()) + 1
    sid = scale_names.get_indexer(scales["scale"])
    points = np.full((len(scale_names), size), np.nan)
    top = np.zeros((len(scale_names), size), dtype=bool)
    known = np.zeros((len(scale_names), size), dtype=bool)
    points[sid, code] = pd.to_numeric(scales["points"]).to_numpy(float)
    top[sid, code] = scales["top_box"].fillna(False).to_numpy(dtype=bool)
    known[sid, code] = True
    item_scale = scale_names.get_indexer(items["scale"])
    if (item_scale < 0).any():
        bad = items.loc[item_scale < 0, "scale"].iloc[0]
        raise ValueError(f"prem_items uses scale {bad!r}, absent from prem_scales.")
    categories = (~np.isnan(points)).sum(axis=1)[item_scale]
    return points, top, known, item_scale, categories


def score_prem(
    responses: pd.DataFrame,
    items: pd.DataFrame,
    scales: pd.DataFrame,
    *,
    min_items: float = 0.5,
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    covariates: tuple[str, ...] | None = None,
    periods: tuple[str, str] = _PERIODS,
    conf_level: float = 0.95,
) -> PremScores:
    """Score PREM answers: 0–100 points per answer, respondent and team-period scores.

    Each answer code gets the points of its item's scale (``prem_scales.points``: e-Satis
    publishes scores out of 100, linear between the worst (0) and best (100) informative
    answer). Answers whose code has no points ("ne sait pas", "non concerné") and empty
    answers are non-informative and excluded. A respondent's dimension score is the mean
    points of its answered items when at least ``min_items`` of them were answered; the
    overall score ``score_all`` is the mean of all answered items under the same rule
    (it matches the demo programme's ``prem:global`` truth). An item's top-box share is
    the share of informative answers whose code is flagged ``top_box``.

    Parameters
    ----------
    responses : pandas.DataFrame
        ``prem_responses`` (team_id, period, respondent, covariates, item, answer).
    items, scales : pandas.DataFrame
        The ``prem_items`` and ``prem_scales`` catalogues.
    min_items : float, default 0.5
        Minimum answered items for a score: a fraction (≤ 1) of the level's catalogue
        items, rounded up, or a count (> 1). Our convention (e-Satis also scores a
        questionnaire only when enough questions were answered).
    threshold : int, default :data:`impact.data.loading.PREM_PUBLICATION_THRESHOLD` (30)
        A team-period with fewer questionnaires is flagged ``small_sample``.
    covariates : tuple of str, optional
        Case-mix columns to carry; default :data:`PREM_COVARIATES` present with values.
    periods : (str, str), default ("avant", "après")
        Labels of the before and after periods.
    conf_level : float, default 0.95
        Level of the t intervals of the means in ``summary``.

    Returns
    -------
    PremScores

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=4, seed=1)
    >>> s = score_prem(prog.prem_responses, prog.prem_items, prog.prem_scales)
    >>> sorted(s.summary["level"].unique())
    ['dimension', 'item', 'overall']
    """
    if not (isinstance(threshold, (int, np.integer)) and threshold >= 1):
        raise ValueError(f"threshold must be a positive whole number. Got {threshold!r}.")
    if not (isinstance(min_items, (int, float)) and min_items > 0):
        raise ValueError(f"min_items must be a positive number. Got {min_items!r}.")
    need = ["team_id", "period", "respondent", "item", "answer"]
    missing = [c for c in need if c not in responses.columns]
    if missing:
        raise ValueError(f"responses lack column(s) {missing}. Got {list(responses.columns)}.")
    points_lut, top_lut, known_lut, item_scale, categories = _catalogue(items, scales)
    cat_items = items["item"].to_numpy(object)
    dims = tuple(pd.unique(items["dimension"]))
    item_dim = pd.Index(dims).get_indexer(items["dimension"])
    n_items, n_dim = len(cat_items), len(dims)

    # --- integer codes (factorised once) ---------------------------------------------
    icode, iuniq = factorize_codes(responses["item"])
    imap = pd.Index(cat_items).get_indexer(iuniq)
    if (imap < 0).any() or (icode < 0).any():
        bad = iuniq[imap < 0][0] if (imap < 0).any() else None
        raise ValueError(f"Unknown PREM item {bad!r}: not in the prem_items catalogue.")
    row_item = imap[icode]
    pcode, puniq = factorize_codes(responses["period"])
    pmap = np.array([periods.index(p) if p in periods else -1 for p in puniq], dtype=np.int64)
    if (pmap < 0).any() or (pcode < 0).any():
        bad = puniq[pmap < 0][0] if (pmap < 0).any() else None
        raise ValueError(f"period must be one of {periods}. Got {bad!r}.")
    row_period = pmap[pcode]
    tcode, teams = factorize_codes(responses["team_id"], sort=True)
    rcode, runiq = factorize_codes(responses["respondent"])
    if (tcode < 0).any() or (rcode < 0).any():
        raise ValueError("team_id and respondent are required: found missing values.")
    key = (tcode * 2 + row_period) * max(len(runiq), 1) + rcode
    row_resp, _ = pd.factorize(key)  # codes in order of first appearance
    n_resp = int(row_resp.max()) + 1 if len(row_resp) else 0
    first = (
        np.flatnonzero(np.r_[True, row_resp[1:] > np.maximum.accumulate(row_resp)[:-1]])
        if n_resp
        else np.zeros(0, dtype=np.int64)
    )

    # --- points: one flat lookup index (scale, code) per answer --------------------------
    ans = responses["answer"]
    ans = (
        ans.to_numpy(dtype=float, na_value=np.nan)
        if pd.api.types.is_numeric_dtype(ans)
        else pd.to_numeric(ans).to_numpy(dtype=float)
    )
    empty = np.isnan(ans)
    width = points_lut.shape[1]
    code = np.where(empty, 0, ans)
    inside = (code >= 0) & (code < width)
    flat = item_scale[row_item] * width + np.where(inside, code, 0).astype(np.int64)
    ok = empty | (inside & known_lut.ravel()[flat])
    if not ok.all():
        j = np.flatnonzero(~ok)[0]
        item = cat_items[row_item[j]]
        raise ValueError(f"Answer code {ans[j]:g} is not in the scale of item {item!r}.")
    pts = points_lut.ravel()[flat]
    pts[empty] = np.nan
    informative = ~np.isnan(pts)
    # status: 0 informative, 1 informative top box, 2 non-informative, 3 empty
    status = np.where(empty, 3, np.where(informative, top_lut.ravel()[flat], 2))
    del flat, code, inside, ok, ans

    # --- respondent scores -------------------------------------------------------------
    weights = np.where(informative, pts, 0.0)
    del pts
    rd = row_resp * n_dim + item_dim[row_item]
    size = n_resp * n_dim
    dsum = np.bincount(rd, weights, minlength=size).reshape(n_resp, n_dim)
    dcnt = np.bincount(np.where(informative, rd, size), minlength=size + 1)[:size]
    dcnt = dcnt.reshape(n_resp, n_dim)
    del rd
    dim_items = np.bincount(item_dim, minlength=n_dim)
    need_dim = np.array([_min_items(min_items, k) for k in dim_items])
    with np.errstate(invalid="ignore", divide="ignore"):
        dscore = np.where(dcnt >= need_dim, dsum / dcnt, np.nan)
        n_answered = dcnt.sum(axis=1)
        overall = np.where(
            n_answered >= _min_items(min_items, n_items), dsum.sum(axis=1) / n_answered, np.nan
        )
    resp_team, resp_period = tcode[first], row_period[first]
    candidates = PREM_COVARIATES if covariates is None else covariates
    covs = {
        c: responses[c].iloc[first].to_numpy(dtype=object)
        for c in candidates
        if c in responses.columns
    }
    if covariates is None:  # present: at least one value (checked per questionnaire)
        covs = {c: v for c, v in covs.items() if pd.notna(v).any()}
    covariates = tuple(covs)
    resp = {
        "team_id": teams[resp_team],
        "period": np.asarray(periods, dtype=object)[resp_period],
        "respondent": runiq[rcode[first]],
    }
    resp |= covs
    resp |= {"n_answered": n_answered.astype(np.int64), f"score_{OVERALL}": overall}
    resp |= {f"score_{d}": dscore[:, k] for k, d in enumerate(dims)}
    respondents = pd.DataFrame(resp)

    # --- team × period summaries ----------------------------------------------------------
    n_units = len(teams) * 2
    resp_unit = resp_team * 2 + resp_period
    n_respondents = np.bincount(resp_unit, minlength=n_units)
    level_scores = np.column_stack([overall, dscore])  # (respondents, 1 + n_dim)
    lv = _moments(resp_unit, level_scores, n_units)
    iu = resp_unit[row_resp] * n_items + row_item
    size = n_units * n_items
    it_s = np.bincount(iu, weights, minlength=size).reshape(n_units, n_items)
    it_q = np.bincount(iu, weights * weights, minlength=size).reshape(n_units, n_items)
    counts = np.bincount(iu * 4 + status, minlength=size * 4).reshape(n_units, n_items, 4)
    it_top, it_non, it_emp = counts[..., 1], counts[..., 2], counts[..., 3]
    it_n = counts[..., 0] + it_top
    n = np.column_stack([lv[0], it_n])
    s = np.column_stack([lv[1], it_s])
    q = np.column_stack([lv[2], it_q])
    summary = _summary_frame(
        teams, periods, n_respondents, n, s, q, dims, item_dim, cat_items, threshold, conf_level
    )
    n_lv = 1 + n_dim
    extra = {"n_top": it_top, "n_noninformative": it_non, "n_empty": it_emp}
    for col, arr in extra.items():
        full = np.zeros((n_units, n_lv + n_items))
        full[:, n_lv:] = arr
        summary[col] = (
            pd.array(np.where(summary["level"] == "item", full.ravel(), np.nan), dtype="Float64")
            .round()
            .astype("Int64")
        )
    with np.errstate(invalid="ignore", divide="ignore"):
        summary["top_share"] = summary["n_top"].astype(float) / summary["n"].to_numpy(float)
    cats = np.r_[np.full(n_lv, np.nan), categories]
    summary["categories"] = pd.array(np.tile(cats, n_units), dtype="Float64").astype("Int64")
    summary = summary[summary["n_respondents"] > 0].reset_index(drop=True)
    return PremScores(
        respondents,
        summary,
        tuple(covariates),
        dims,
        int(threshold),
        tuple(periods),
        tuple(zip(cat_items, items["dimension"], strict=True)),
    )


def _moments(group: np.ndarray, values: np.ndarray, n_groups: int):
    """Per group and column: count, sum and sum of squares of the non-missing values."""
    ok = ~np.isnan(values)
    v = np.where(ok, values, 0.0)
    cols = values.shape[1]
    idx = (group[:, None] * cols + np.arange(cols)).ravel()
    out = [
        np.bincount(idx, w.ravel(), minlength=n_groups * cols).reshape(n_groups, cols)
        for w in (ok.astype(float), v, v * v)
    ]
    return out


def _summary_frame(
    teams, periods, n_resp, n, s, q, dims, item_dim, cat_items, threshold, conf_level
):
    """Long team × period × level table of n, mean, sd and t interval."""
    n_units, n_lv = n.shape
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = s / n
        var = np.maximum(q - n * mean**2, 0.0) / (n - 1)
        sd = np.where(n > 1, np.sqrt(var), np.nan)
        half = stats.t.ppf(0.5 + conf_level / 2, n - 1) * sd / np.sqrt(n)
    level = ["overall"] + ["dimension"] * len(dims) + ["item"] * len(cat_items)
    code = [OVERALL, *dims, *cat_items]
    dimension = ["", *dims, *np.asarray(dims, dtype=object)[item_dim]]
    unit_team = np.repeat(np.asarray(teams, dtype=object), 2)
    unit_period = np.tile(np.asarray(periods, dtype=object), len(teams))
    nr = np.repeat(n_resp, n_lv)
    return pd.DataFrame({
        "team_id": np.repeat(unit_team, n_lv), "period": np.repeat(unit_period, n_lv),
        "level": np.tile(level, n_units), "code": np.tile(code, n_units),
        "dimension": np.tile(dimension, n_units), "n_respondents": nr,
        "n": n.ravel().astype(np.int64), "mean": mean.ravel(), "sd": sd.ravel(),
        "ci_low": (mean - half).ravel(), "ci_high": (mean + half).ravel(),
        "small_sample": nr < threshold,
    })  # fmt: skip


def period_pairs(scores: PremScores, teams=None) -> pd.DataFrame:
    """One row per team × level × code with the before (``_b``) and after (``_a``) columns.

    ``teams`` (optional) restricts and orders the teams; those absent from the summary
    get rows with zero counts.
    """
    summary, periods = scores.summary, scores.periods
    keys = ["team_id", "level", "code", "dimension"]
    cols = [c for c in ("n_respondents", "n", "mean", "sd", "n_top") if c in summary.columns]
    index = pd.MultiIndex.from_frame(summary[keys]).unique()
    sides = [
        summary.loc[summary["period"] == p].set_index(keys)[cols].reindex(index).add_suffix(tag)
        for p, tag in zip(periods, ("_b", "_a"), strict=True)
    ]
    out = pd.concat(sides, axis=1).reset_index()
    if teams is not None:
        template = scores.levels()
        present = set(out["team_id"])
        out = pd.concat(
            [out[out["team_id"].isin(set(teams))]]
            + [template.assign(team_id=t) for t in teams if t not in present],
            ignore_index=True,
        )
        out["_t"] = out["team_id"].map({t: i for i, t in enumerate(teams)})
        out = out.sort_values("_t", kind="stable").drop(columns="_t").reset_index(drop=True)
    for c in cols:
        if c.startswith("n"):
            for tag in ("_b", "_a"):
                out[c + tag] = pd.to_numeric(out[c + tag]).fillna(0).astype(float)
    # a team present in one period only still gets both respondent counts
    for tag in ("_b", "_a"):
        out["n_respondents" + tag] = out.groupby("team_id")["n_respondents" + tag].transform("max")
    return out


def context_reason(pairs: pd.DataFrame, periods, threshold: int) -> tuple[np.ndarray, np.ndarray]:
    """Why a delta cannot be computed (team-level reasons) and the small-sample flag."""
    nb, na = pairs["n_respondents_b"].to_numpy(), pairs["n_respondents_a"].to_numpy()
    sb, sa = pairs["n_b"].to_numpy(), pairs["n_a"].to_numpy()
    out = np.full(len(pairs), "", dtype=object)
    small = ((nb > 0) & (nb < threshold)) | ((na > 0) & (na < threshold))
    for cond, code in (
        (small, "small_sample"),
        (((sa == 0) & (na > 0)) | ((sb == 0) & (nb > 0)), "no_informative_answer"),
        ((na == 0) | (nb == 0), "no_questionnaire"),
        ((nb == 0) & (na == 0), "no_prem_data"),
    ):
        out[cond] = code
    return out, small


def join_context(context, *parts) -> np.ndarray:
    """Element-wise join of reason codes, the team's context first; a "no_…" context code
    (nothing to compare) stands alone."""
    return np.array(
        [
            c if c.startswith("no_") else join_reasons(c, *row)
            for c, *row in zip(context, *parts, strict=True)
        ],
        dtype=object,
    )
