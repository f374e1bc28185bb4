"""The partnership barometer: respondent scores, changes between waves, reliability.

The "Baromètre de la relation du partenariat en santé" asks each member of a project
team to rate criteria (items) from 0 (not done together) to 4 (fully done together),
grouped in dimensions; the catalogue (``barometer_items``) is data, so another
instrument with other items, dimensions, scales or reverse-coded items fits the same
functions. Pipeline: :func:`scores` (one row per respondent × wave × dimension) →
:func:`changes`, :func:`team_change`, :func:`perception_gap`, :func:`joint_vs_self`
(effect tables, see :mod:`impact.stats.effect_table`) → programme level in
:mod:`impact.barometer.programme`. Figures are in :mod:`impact.report.figures.barometer`.

Role groups: ``"professionals"`` (role *professionnel*) and ``"patient_side"``
(*patient*, *proche-aidant*, *représentant des usagers*); joint assessments get
``"joint"``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.barometer.common import (
    GLOBAL,
    JOINT,
    JOINT_ASSESSMENT,
    PATIENT_SIDE,
    PROFESSIONALS,
    ROLE_GROUPS,
    SELF,
    check_waves,
    first_rows,
    item_values,
    pair_label,
    require,
    sort_table,
    wave_pairs,
)
from impact.barometer.gaps import joint_vs_self, perception_gap
from impact.barometer.reliability import item_statistics, reliability
from impact.stats.effect_table import effect_frame
from impact.stats.grouped import (
    grouped_brunner_munzel,
    grouped_d_z,
    grouped_overlap_t,
    grouped_paired_t,
    grouped_signed_rank,
)
from impact.stats.means import check_conf_level

__all__ = [
    "GLOBAL",
    "JOINT",
    "PATIENT_SIDE",
    "PROFESSIONALS",
    "ROLE_GROUPS",
    "changes",
    "changes_by_pair",
    "item_statistics",
    "joint_vs_self",
    "perception_gap",
    "reliability",
    "score_summary",
    "scores",
    "team_change",
]

_KEY = ["team_id", "wave", "respondent", "assessment"]


def scores(
    responses: pd.DataFrame,
    items: pd.DataFrame,
    *,
    rescale_100: bool = False,
    min_share: float = 0.5,
) -> pd.DataFrame:
    """Score every respondent at every wave on each dimension and overall.

    A dimension score is the mean of the respondent's answered items of that dimension
    (reverse-coded items flipped to ``scale_min + scale_max − score``); it is missing when
    fewer than ``min_share`` of the dimension's catalogue items were answered (default:
    fewer than half). The ``"global"`` score is the mean of all answered items, with the
    same rule over the whole catalogue. The share of favourable answers counts the top
    two points of each item's scale (3 or 4 on 0–4) among the answered items. Scoring is
    vectorised (one ``numpy.bincount`` per quantity, no loop over rows).

    Parameters
    ----------
    responses : pandas.DataFrame
        ``barometer_responses`` rows (``team_id``, ``wave``, ``respondent``, ``role``,
        ``assessment``, ``item``, ``score``; score may be missing).
    items : pandas.DataFrame
        The ``barometer_items`` catalogue (``item``, ``dimension``, ``scale_min``,
        ``scale_max``, ``reverse``).
    rescale_100 : bool, default False
        Rescale every answer to 0–100 (``100·(score − min)/(max − min)``) before
        averaging, for instruments whose items have different scales.
    min_share : float, default 0.5
        Smallest share of a dimension's items that must be answered.

    Returns
    -------
    pandas.DataFrame
        One row per team × wave × respondent × assessment × dimension (catalogue order,
        then ``"global"``): ``team_id``, ``wave``, ``respondent``, ``role``,
        ``role_group`` ("professionals", "patient_side", "joint"), ``assessment``,
        ``dimension``, ``score`` (NaN if missing), ``favourable_share`` (0–1),
        ``n_answered``, ``n_items`` (the dimension's catalogue items), ``score_min``,
        ``score_max`` (the score's range).

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> s = scores(prog.barometer_responses, prog.barometer_items)
    >>> s["dimension"].unique().tolist()
    ['co_expression', 'co_construction', 'co_mise_en_oeuvre', 'co_decision', 'global']
    """
    if not (isinstance(min_share, (int, float)) and 0 < min_share <= 1):
        raise ValueError(f"min_share must be in (0, 1]. Got {min_share!r}.")
    v = item_values(responses, items)
    x, dim, n_items_dim = v["x"], v["dim"], v["n_items"]
    n_dims = len(v["dims"])
    width = n_dims + 1
    key = responses.groupby(_KEY, sort=True, dropna=False).ngroup().to_numpy()
    n_keys = int(key.max()) + 1 if len(key) else 0
    answered = ~np.isnan(x)
    value = (x - v["low"]) / (v["high"] - v["low"]) * 100 if rescale_100 else x
    value = np.where(answered, value, 0.0)
    favourable = answered & (x >= v["high"] - 1)
    size = n_keys * width
    cells = (key * width + dim, key * width + n_dims)

    def total(weights: np.ndarray) -> np.ndarray:
        return sum(np.bincount(c, weights=weights, minlength=size) for c in cells)

    n_ans = total(answered.astype(float))
    sums, n_fav = total(value), total(favourable.astype(float))
    n_items = np.tile(np.append(n_items_dim, n_items_dim.sum()), n_keys)
    ok = n_ans >= min_share * n_items - 1e-9
    with np.errstate(all="ignore"):
        score = np.where(ok & (n_ans > 0), sums / n_ans, np.nan)
        fav = np.where(ok & (n_ans > 0), n_fav / n_ans, np.nan)
    # the score's range per dimension: the smallest minimum and largest maximum of its items
    low_dim = np.full(width, np.inf)
    high_dim = np.full(width, -np.inf)
    cat_dim = pd.Index(v["dims"]).get_indexer(items["dimension"].astype(str))
    cat_low = pd.to_numeric(items["scale_min"]).to_numpy(dtype=float)
    cat_high = pd.to_numeric(items["scale_max"]).to_numpy(dtype=float)
    np.minimum.at(low_dim, np.append(cat_dim, np.full(len(cat_dim), n_dims)), np.tile(cat_low, 2))
    np.maximum.at(high_dim, np.append(cat_dim, np.full(len(cat_dim), n_dims)),
                  np.tile(cat_high, 2))  # fmt: skip
    if rescale_100:
        low_dim, high_dim = np.zeros(width), np.full(width, 100.0)
    first = first_rows(key, n_keys)
    attrs = {c: np.repeat(responses[c].to_numpy(dtype=object)[first], width) for c in _KEY}
    role = np.repeat(responses["role"].to_numpy(dtype=object)[first], width)
    group = pd.Series(role, dtype=object).map(ROLE_GROUPS).to_numpy(dtype=object)
    group = np.where(attrs["assessment"] == JOINT_ASSESSMENT, JOINT, group)
    return pd.DataFrame({
        "team_id": attrs["team_id"], "wave": attrs["wave"],
        "respondent": attrs["respondent"], "role": role, "role_group": group,
        "assessment": attrs["assessment"],
        "dimension": np.tile(np.append(v["dims"], GLOBAL), n_keys),
        "score": score, "favourable_share": fav,
        "n_answered": n_ans.astype(int), "n_items": n_items.astype(int),
        "score_min": np.tile(low_dim, n_keys), "score_max": np.tile(high_dim, n_keys),
    })  # fmt: skip


def score_summary(
    scores: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("team_id", "role_group", "wave", "dimension"),
    assessment: str = SELF,
) -> pd.DataFrame:
    """Mean, SD and count of the scores per group (default: team × role group × wave ×
    dimension), from the ``assessment`` rows (self-assessments by default).

    Returns
    -------
    pandas.DataFrame
        ``by`` columns, ``n`` (respondents with a score), ``mean``, ``sd``,
        ``favourable_share`` (mean of the respondents' shares), ``score_min``,
        ``score_max``.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> s = scores(prog.barometer_responses, prog.barometer_items)
    >>> score_summary(s, by=("role_group", "wave", "dimension"))["n"].gt(0).all()
    np.True_
    """
    require(scores, (*by, "score", "favourable_share", "assessment"), "scores")
    s = scores.loc[scores["assessment"] == assessment]
    out = s.groupby(list(by), sort=False, dropna=False).agg(
        n=("score", "count"), mean=("score", "mean"), sd=("score", "std"),
        favourable_share=("favourable_share", "mean"),
        score_min=("score_min", "first"), score_max=("score_max", "first"),
    ).reset_index()  # fmt: skip
    return sort_table(out, list(by), scores)


def _groups(s: pd.DataFrame, by: list[str], waves: tuple[str, str]):
    """Respondent-level before/after arrays with their group codes, and the group ids."""
    person = by + [c for c in ("team_id", "respondent") if c in s.columns and c not in by]
    rid = s.groupby(person, sort=True).ngroup().to_numpy()
    gid = s.groupby(by, sort=True).ngroup().to_numpy()
    n_resp = int(rid.max()) + 1 if len(rid) else 0
    n_groups = int(gid.max()) + 1 if len(gid) else 0
    before, after = np.full(n_resp, np.nan), np.full(n_resp, np.nan)
    score, wave = s["score"].to_numpy(dtype=float), s["wave"].to_numpy(dtype=object)
    w0, w1 = wave == waves[0], wave == waves[1]
    before[rid[w0]], after[rid[w1]] = score[w0], score[w1]
    group = np.zeros(n_resp, dtype=np.intp)
    group[rid] = gid
    first = first_rows(gid, n_groups)
    ids = {c: s[c].to_numpy(dtype=object)[first] for c in by}
    return group, before, after, n_groups, ids


def changes(
    scores: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("team_id", "role_group", "dimension"),
    waves: tuple[str, str] = ("T0", "T1"),
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Change of the self-assessment scores between two waves, per group.

    Four rows per group (default: team × role group × dimension), in this order:

    1. ``analysis = "paired"``, ``measure = "mean change"``: respondents present at both
       waves; mean change with the paired t interval (Student 1908), and in
       ``p_wilcoxon`` the Wilcoxon signed-rank p-value (exact without ties or zeros, up
       to 50 pairs; otherwise normal approximation with tie and continuity corrections).
    2. ``analysis = "paired"``, ``measure = "standardised mean difference"``: d_z (mean
       change / SD of changes) with its noncentral t interval.
    3. ``analysis = "independent"``: respondents present at only one wave, as two
       independent samples of ordinal scores: ``measure = "probability of
       superiority"`` P(X_after > X_before) + ½P(=) with the Brunner–Munzel test and
       interval (Brunner & Munzel 2000); when its variance is 0 (samples that do not
       overlap) Welch's mean difference instead, with the reason.
    4. ``analysis = "all"``, ``measure = "mean change"``: every respondent, mean after −
       mean before with the partially overlapping samples t-test (Derrick et al. 2017),
       which uses the pairs' correlation — the change of the group's mean score.

    Computed for all groups at once by :mod:`impact.stats.grouped` (the results of
    :func:`impact.stats.effects.paired_difference` and
    :func:`impact.stats.effects.standardised_mean_difference`, up to floating-point rounding;
    changes are rounded to 9 decimals before ranking, so that equal scores tie). Groups
    without enough data (one respondent, a team with one wave) give rows with NaN and a
    ``reason``.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`scores` (only self-assessments with a score are used).
    by : tuple of str
        Grouping columns (``respondent`` not allowed).
    waves : (str, str)
        The two waves, before then after.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        Effect table: ``by`` columns, ``analysis``, the standard columns, plus
        ``wave_before``, ``wave_after``, ``n_paired`` (respondents at both waves),
        ``n_only_before``, ``n_only_after``, ``p_wilcoxon`` (paired mean-change rows),
        ``df``. ``n_before``/``n_after`` are the sizes used by the row's analysis (``n``
        the pairs).

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> s = scores(prog.barometer_responses, prog.barometer_items)
    >>> table = changes(s)
    >>> table["analysis"].unique().tolist()
    ['paired', 'independent', 'all']
    """
    by = list(by)
    waves = check_waves(waves, 2)
    cl = check_conf_level(conf_level)
    if "respondent" in by:
        raise ValueError("by cannot contain 'respondent': changes are computed per group.")
    require(scores, (*by, "wave", "respondent", "assessment", "score"), "scores")
    s = scores.loc[(scores["assessment"] == SELF) & scores["wave"].isin(waves)
                   & scores["score"].notna()]  # fmt: skip
    group, before, after, n_groups, ids = _groups(s, by, waves)
    if n_groups == 0:  # no row, but the columns of a table with rows
        extra = ("df", "p_wilcoxon", "n_paired", "n_only_before", "n_only_after")
        empty = effect_frame({c: [] for c in (*by, "analysis")}, **{c: [] for c in extra})
        return empty.assign(wave_before=waves[0], wave_after=waves[1])
    p_w, exact = grouped_signed_rank(group, before, after, n_groups)
    paired = grouped_paired_t(group, before, after, n_groups, conf_level=cl, ids=ids)
    paired["p_wilcoxon"] = p_w
    paired["method"] = np.where(
        exact, "paired t (Student 1908); p_wilcoxon: Wilcoxon signed-rank, exact",
        "paired t (Student 1908); p_wilcoxon: Wilcoxon signed-rank, normal approximation "
        "with tie and continuity corrections")  # fmt: skip
    parts = [
        paired.assign(analysis="paired"),
        grouped_d_z(group, before, after, n_groups, conf_level=cl, ids=ids).assign(
            analysis="paired"),
        grouped_brunner_munzel(group, before, after, n_groups, conf_level=cl, ids=ids).assign(
            analysis="independent"),
        grouped_overlap_t(group, before, after, n_groups, conf_level=cl, ids=ids).assign(
            analysis="all"),
    ]  # fmt: skip
    hb, ha = ~np.isnan(before), ~np.isnan(after)
    counts = {
        "n_paired": np.bincount(group[hb & ha], minlength=n_groups),
        "n_only_before": np.bincount(group[hb & ~ha], minlength=n_groups),
        "n_only_after": np.bincount(group[ha & ~hb], minlength=n_groups),
    }
    for k, part in enumerate(parts):
        part["_g"], part["_k"] = np.arange(n_groups), k
        for name, value in counts.items():
            part[name] = value
    table = pd.concat(parts, ignore_index=True).sort_values(["_g", "_k"], kind="stable")
    table = table.drop(columns=["_g", "_k"]).reset_index(drop=True)
    table["wave_before"], table["wave_after"] = waves
    if "team_id" in by:
        present = pd.MultiIndex.from_frame(scores[["team_id", "wave"]].drop_duplicates())
        for wave, code in zip(waves, ("no_wave_before", "no_wave_after"), strict=True):
            pairs = pd.MultiIndex.from_arrays([table["team_id"], [wave] * len(table)])
            missing = ~pairs.isin(present)
            table.loc[missing, "reason"] = code
    ordered = [*by, "analysis", *(c for c in table.columns if c not in (*by, "analysis"))]
    return sort_table(table[ordered], by, scores)


def changes_by_pair(
    scores: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("team_id", "role_group", "dimension"),
    waves: tuple[str, ...] = ("T0", "T1"),
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """:func:`changes` for every comparison of ``waves``: each wave with the next, and the
    first with the last when there are three or more (``T0 → T1``, ``T1 → T2``,
    ``T0 → T2``; :func:`impact.barometer.common.wave_pairs`).

    Each comparison is :func:`changes` with ``waves=(before, after)``, unchanged; the
    rows of a group follow the comparisons' order.

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`changes` for each comparison, with ``waves`` naming it
        (``"T0 → T1"``) after ``analysis``.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> s = scores(prog.barometer_responses, prog.barometer_items)
    >>> changes_by_pair(s, waves=("T0", "T1", "T2"))["waves"].unique().tolist()
    ['T0 → T1', 'T1 → T2', 'T0 → T2']
    """
    by = list(by)
    parts = []
    for k, pair in enumerate(wave_pairs(waves)):
        part = changes(scores, by=tuple(by), waves=pair, conf_level=conf_level)
        part.insert(len(by) + 1, "waves", pair_label(*pair))
        parts.append(part.assign(_pair=k))
    table = pd.concat(parts, ignore_index=True).sort_values("_pair", kind="stable")
    return sort_table(table.drop(columns="_pair"), by, scores)


def team_change(
    scores: pd.DataFrame,
    *,
    waves: tuple[str, str] = ("T0", "T1"),
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Change of each team's mean score for its first-wave role mix, per dimension.

    ``estimate = w·Δ_professionals + (1 − w)·Δ_patient side``, where Δ is the group's
    change of mean score using every respondent (the ``analysis = "all"`` rows of
    :func:`changes`: partially overlapping samples t) and ``w`` the share of
    professionals among the team's self-assessment respondents at the first wave. The
    role groups are independent samples: ``se = sqrt(Σ w_g² se_g²)``, Welch–Satterthwaite
    degrees of freedom from the groups' df. This is the change a respondent drawn from
    the team's first-wave population would see, whatever the role mix at the later wave.

    Returns
    -------
    pandas.DataFrame
        Effect table per ``team_id`` × ``dimension``: ``measure = "mean change (first-wave
        role mix)"``, ``share_professionals``, ``df``; ``n_before``/``n_after`` summed
        over role groups.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> s = scores(prog.barometer_responses, prog.barometer_items)
    >>> team_change(s)["team_id"].unique().tolist()
    ['T01', 'T02']
    """
    cl = check_conf_level(conf_level)
    waves = check_waves(waves, 2)
    table = changes(scores, by=("team_id", "role_group", "dimension"), waves=waves,
                    conf_level=cl)  # fmt: skip
    rows = table.loc[(table["analysis"] == "all")
                     & table["role_group"].isin([PROFESSIONALS, PATIENT_SIDE])]  # fmt: skip
    first = scores.loc[(scores["assessment"] == SELF) & (scores["wave"] == waves[0])
                       & scores["role_group"].isin([PROFESSIONALS, PATIENT_SIDE])]  # fmt: skip
    first = first.drop_duplicates(["team_id", "respondent"])
    share = (first["role_group"] == PROFESSIONALS).groupby(first["team_id"]).mean()
    wide = rows.pivot_table(index=["team_id", "dimension"], columns="role_group",
                            values=["estimate", "se", "df", "n_before", "n_after"],
                            aggfunc="first", dropna=False)  # fmt: skip
    idx = wide.index.to_frame(index=False)
    w = idx["team_id"].map(share).to_numpy(dtype=float)

    def col(name: str, group: str) -> np.ndarray:
        if (name, group) not in wide.columns:
            return np.full(len(wide), np.nan)
        return pd.to_numeric(wide[(name, group)]).to_numpy(dtype=float)

    weights = {PROFESSIONALS: w, PATIENT_SIDE: 1 - w}
    est = np.zeros(len(wide))
    var = np.zeros(len(wide))
    denom = np.zeros(len(wide))
    reason = np.full(len(wide), "", dtype=object)
    for grp, wt in weights.items():
        e, se, df = col("estimate", grp), col("se", grp), col("df", grp)
        need = wt > 0
        lacking = need & ~(np.isfinite(e) & np.isfinite(se))
        reason = np.where(lacking & (reason == ""), "no_group_estimate", reason)
        term = np.where(need, wt**2 * se**2, 0.0)
        est = est + np.where(need, wt * e, 0.0)
        var = var + term
        with np.errstate(all="ignore"):
            denom = denom + np.where(need, term**2 / df, 0.0)
    bad = (reason != "") | np.isnan(w)
    reason = np.where(np.isnan(w) & (reason == ""), "no_self_assessment", reason)
    with np.errstate(all="ignore"):
        se = np.sqrt(var)
        df = var**2 / denom
        q = stats.t.ppf(0.5 + cl / 2, df)
        p = 2 * stats.t.sf(np.abs(est / se), df)
    est, se, q, p, df = (np.where(bad, np.nan, a) for a in (est, se, q, p, df))
    n_b = np.nansum([col("n_before", g) for g in weights], axis=0)
    n_a = np.nansum([col("n_after", g) for g in weights], axis=0)
    out = effect_frame(
        {"team_id": idx["team_id"].to_numpy(), "dimension": idx["dimension"].to_numpy()},
        measure="mean change (first-wave role mix)", estimate=est, ci_low=est - q * se,
        ci_high=est + q * se, se=se, p_value=p, n_before=n_b, n_after=n_a, reason=reason,
        method="role-mix standardised change: professionals and patient side weighted by "
        "their first-wave shares; partially overlapping samples t per group (Derrick et "
        "al. 2017), Welch-Satterthwaite df", share_professionals=w, df=df,
        wave_before=waves[0], wave_after=waves[1],
    )  # fmt: skip
    return sort_table(out, ["team_id", "dimension"], scores)
