"""Perception gaps in the barometer: professionals vs patient side at each wave, the
change of that gap between waves (convergence), and the joint rating vs the mean of the
self-ratings. Re-exported by :mod:`impact.barometer.scores`."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.barometer.common import (
    JOINT_ASSESSMENT,
    PATIENT_SIDE,
    PROFESSIONALS,
    SELF,
    check_waves,
    first_rows,
    require,
    sort_table,
    wave_pairs,
)
from impact.stats.effect_table import MEAN_DIFFERENCE, PROBABILITY_OF_SUPERIORITY, effect_frame
from impact.stats.grouped import grouped_brunner_munzel
from impact.stats.means import (
    check_conf_level,
    first_reason,
    mean_difference_from_summary,
)

__all__ = ["joint_vs_self", "perception_gap"]


def _welch_df(sd1, n1, sd2, n2) -> np.ndarray:
    with np.errstate(all="ignore"):
        v1, v2 = sd1**2 / n1, sd2**2 / n2
        return (v1 + v2) ** 2 / (v1**2 / (n1 - 1) + v2**2 / (n2 - 1))


def _waves_of(s: pd.DataFrame, waves) -> tuple[str, ...]:
    if waves is None:
        found = pd.unique(s["wave"])
        return tuple(sorted(found, key=lambda w: (len(str(w)), str(w))))
    return check_waves(waves)


def perception_gap(
    scores: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("team_id",),
    waves: tuple[str, ...] | None = ("T0", "T1"),
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Professionals' minus patient side's mean score, per wave, and its change.

    Gap rows (``comparison = "gap"``), per ``by`` × dimension × wave: difference of the
    self-assessment means, professionals − patient side, with Welch's interval and test
    (:func:`impact.stats.effects.mean_difference_from_summary`); beside it the
    Brunner–Munzel probability that a professional rates higher than a patient-side
    member (``prob_superiority``, ½ for ties) and its p-value (``p_brunner_munzel``),
    suited to ordinal scores.

    Gap-change rows (``comparison = "gap change"``, ``wave`` like ``"T1 − T0"``, with
    ``wave_before`` and ``wave_after``): for each comparison of the waves — each wave
    with the next, and the first with the last when there are three or more (``T1 − T0``,
    ``T2 − T1``, ``T2 − T0``) — the gap at the later wave minus the gap at the earlier
    one; a negative change of a positive gap means the two sides' perceptions converge.
    Their ``n_professionals`` and ``n_patients`` are the smaller of the two waves' counts
    (what a small-cell rule must check), ``n`` the answers of both waves.
    ``se = sqrt(se₀² + se₁²)``, treating the two waves' gaps as independent, with
    Welch–Satterthwaite df; respondents who answered both waves make the gaps positively
    correlated, so this interval is conservative.

    Parameters
    ----------
    scores : pandas.DataFrame
        Output of :func:`impact.barometer.scores.scores`.
    by : tuple of str, default ("team_id",)
        Grouping columns besides dimension and wave (``()`` for the whole programme).
    waves : tuple of str or None, default ("T0", "T1")
        Waves compared, first one as reference; ``None``: every wave present.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        Effect table: ``by`` columns, ``dimension``, ``comparison``, ``wave``, standard
        columns (``measure`` "mean difference" or "change in mean difference"; ``n`` =
        both sides), ``n_professionals``, ``n_patients``, ``mean_professionals``,
        ``mean_patients``, ``prob_superiority``, ``p_brunner_munzel``, ``df``, and on
        gap-change rows ``wave_before``, ``wave_after``.

    Examples
    --------
    >>> import impact
    >>> from impact.barometer.scores import scores
    >>> prog = impact.demo_programme(n_teams=3, seed=1)
    >>> gaps = perception_gap(scores(prog.barometer_responses, prog.barometer_items))
    >>> gaps["comparison"].unique().tolist()
    ['gap', 'gap change']
    """
    by = list(by)
    cl = check_conf_level(conf_level)
    require(scores, (*by, "dimension", "wave", "role_group", "assessment", "score"), "scores")
    s = scores.loc[(scores["assessment"] == SELF) & scores["score"].notna()
                   & scores["role_group"].isin([PROFESSIONALS, PATIENT_SIDE])]  # fmt: skip
    waves = _waves_of(s, waves)
    s = s.loc[s["wave"].isin(waves)]
    keys = [*by, "dimension", "wave"]
    if s.empty:
        return effect_frame({c: [] for c in keys}, comparison=[])
    gid = s.groupby(keys, sort=True).ngroup().to_numpy()
    n_groups = int(gid.max()) + 1
    first = first_rows(gid, n_groups)
    ids = {c: s[c].to_numpy(dtype=object)[first] for c in keys}
    pro = (s["role_group"] == PROFESSIONALS).to_numpy()
    x = s["score"].to_numpy(dtype=float)

    def stat(mask: np.ndarray):
        n = np.bincount(gid[mask], minlength=n_groups).astype(float)
        with np.errstate(all="ignore"):
            mean = np.bincount(gid[mask], weights=x[mask], minlength=n_groups) / n
            ss = np.bincount(gid[mask], weights=(x[mask] - mean[gid[mask]]) ** 2,
                             minlength=n_groups)  # fmt: skip
            sd = np.where(n > 1, np.round(np.sqrt(ss / (n - 1)), 9), np.nan)
        return n, mean, sd

    n_pro, m_pro, sd_pro = stat(pro)
    n_pat, m_pat, sd_pat = stat(~pro)
    welch = mean_difference_from_summary(m_pat, np.nan_to_num(sd_pat), n_pat, m_pro,
                                         np.nan_to_num(sd_pro), n_pro, conf_level=cl)  # fmt: skip
    small = (n_pro < 2) | (n_pat < 2)
    reason = first_reason(
        n_groups,
        (small, "too_few_side"),
    )
    reason = np.where(small, reason, welch["reason"].to_numpy(dtype=object))
    bm = grouped_brunner_munzel(gid, np.where(pro, np.nan, x), np.where(pro, x, np.nan),
                                n_groups, conf_level=cl)  # fmt: skip
    is_bm = (bm["measure"] == PROBABILITY_OF_SUPERIORITY).to_numpy()
    df = np.where(welch["se"].notna(), _welch_df(sd_pat, n_pat, sd_pro, n_pro), np.nan)
    gaps = effect_frame(
        ids, measure=MEAN_DIFFERENCE, **{c: welch[c].to_numpy() for c in
                                           ("estimate", "ci_low", "ci_high", "se", "p_value")},
        n=n_pro + n_pat, reason=reason,
        method="Welch t (Welch 1947): professionals − patient side; prob_superiority: "
        "Brunner-Munzel P(professional > patient side) + 1/2 P(equal)",
        comparison="gap", n_professionals=n_pro, n_patients=n_pat,
        mean_professionals=m_pro, mean_patients=m_pat,
        prob_superiority=np.where(is_bm, bm["estimate"], np.nan),
        p_brunner_munzel=np.where(is_bm, bm["p_value"], np.nan), df=df,
    )  # fmt: skip
    table = pd.concat([gaps, _gap_changes(gaps, by, waves, cl)], ignore_index=True)
    front = [*by, "dimension", "comparison", "wave"]
    table = table[[*front, *(c for c in table.columns if c not in front)]]
    for col in ("n_professionals", "n_patients"):
        table[col] = table[col].astype("Int64")
    return sort_table(table, [*by, "dimension"], scores)


def _gap_changes(gaps: pd.DataFrame, by: list[str], waves: tuple[str, ...], cl: float):
    """Gap at the later wave minus the gap at the earlier one, for each comparison of
    ``waves`` (:func:`impact.barometer.common.wave_pairs`)."""
    if len(waves) < 2:
        return pd.DataFrame()
    cols = ["estimate", "se", "df", "n", "n_professionals", "n_patients"]
    parts = []
    for before, after in wave_pairs(waves):
        base = gaps.loc[gaps["wave"] == before, [*by, "dimension", *cols]]
        later = gaps.loc[gaps["wave"] == after, [*by, "dimension", *cols]]
        m = base.merge(later, on=[*by, "dimension"], how="outer", suffixes=("_0", "_1"))
        e0, e1 = m["estimate_0"].to_numpy(float), m["estimate_1"].to_numpy(float)
        s0, s1 = m["se_0"].to_numpy(float), m["se_1"].to_numpy(float)
        d0, d1 = m["df_0"].to_numpy(float), m["df_1"].to_numpy(float)
        with np.errstate(all="ignore"):
            est = e1 - e0
            se = np.sqrt(s0**2 + s1**2)
            df = (s0**2 + s1**2) ** 2 / (s0**4 / d0 + s1**4 / d1)
            q = stats.t.ppf(0.5 + cl / 2, df)
            p = 2 * stats.t.sf(np.abs(est / se), df)
        missing = ~np.isfinite(se)
        reason = np.where(missing, "no_gap", "")
        est = np.where(np.isfinite(est), est, np.nan)
        se, q, p, df = (np.where(missing, np.nan, a) for a in (se, q, p, df))
        # the smaller wave's count: what a small-cell rule must check
        n_pro = np.fmin(m["n_professionals_0"].fillna(0).to_numpy(float),
                        m["n_professionals_1"].fillna(0).to_numpy(float))  # fmt: skip
        n_pat = np.fmin(m["n_patients_0"].fillna(0).to_numpy(float),
                        m["n_patients_1"].fillna(0).to_numpy(float))  # fmt: skip
        n_all = m["n_0"].astype("Float64").fillna(0) + m["n_1"].astype("Float64").fillna(0)
        ids = {c: m[c].to_numpy(dtype=object) for c in [*by, "dimension"]}
        parts.append(effect_frame(
            ids, measure="change in mean difference", estimate=est, ci_low=est - q * se,
            ci_high=est + q * se, se=se, p_value=p, n=n_all.to_numpy(dtype=float),
            reason=reason,
            method="difference of two Welch gaps, independent-waves standard error, "
            "Welch-Satterthwaite df", comparison="gap change", wave=f"{after} − {before}",
            n_professionals=n_pro, n_patients=n_pat, df=df, wave_before=before,
            wave_after=after,
        ))  # fmt: skip
    return pd.concat(parts, ignore_index=True)


def joint_vs_self(
    scores: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("team_id",),
    waves: tuple[str, ...] | None = None,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Joint rating minus the mean of the self-ratings, per ``by`` × wave × dimension.

    The joint assessment (the team rating together) is one number, treated as fixed;
    the self-ratings' mean has the one-sample t interval: ``estimate = joint − mean``,
    ``se = sd/sqrt(n)``, n − 1 df (Student 1908). A positive difference means the team
    rates itself higher together than its members do alone. Several joint ratings in a
    group are averaged.

    Returns
    -------
    pandas.DataFrame
        Effect table: ``by`` columns, ``wave``, ``dimension``, standard columns
        (``measure = "joint minus mean self-rating"``, ``n`` = self-ratings),
        ``joint_score``, ``mean_self``, ``n_joint``.

    Examples
    --------
    >>> import impact
    >>> from impact.barometer.scores import scores
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> table = joint_vs_self(scores(prog.barometer_responses, prog.barometer_items))
    >>> table["measure"].iloc[0]
    'joint minus mean self-rating'
    """
    by = list(by)
    cl = check_conf_level(conf_level)
    require(scores, (*by, "dimension", "wave", "assessment", "score"), "scores")
    s = scores.loc[scores["score"].notna() & scores["assessment"].isin([SELF, JOINT_ASSESSMENT])]
    waves = _waves_of(s, waves)
    s = s.loc[s["wave"].isin(waves)]
    keys = [*by, "wave", "dimension"]
    if s.empty:
        return effect_frame({c: [] for c in keys})
    agg = s.groupby([*keys, "assessment"], sort=True).agg(
        n=("score", "count"), mean=("score", "mean"), sd=("score", "std")
    )
    wide = agg.unstack("assessment")
    idx = wide.index.to_frame(index=False)

    def col(name: str, assessment: str) -> np.ndarray:
        if (name, assessment) not in wide.columns:
            return np.full(len(wide), np.nan)
        return wide[(name, assessment)].to_numpy(dtype=float)

    n = np.nan_to_num(col("n", SELF))
    mean, sd = col("mean", SELF), col("sd", SELF)
    joint, n_joint = col("mean", JOINT_ASSESSMENT), np.nan_to_num(col("n", JOINT_ASSESSMENT))
    with np.errstate(all="ignore"):
        est = joint - mean
        se = sd / np.sqrt(n)
        q = stats.t.ppf(0.5 + cl / 2, n - 1)
        p = 2 * stats.t.sf(np.abs(est / se), n - 1)
    no_joint, small = n_joint == 0, n < 2
    flat = ~no_joint & ~small & (np.round(sd, 9) == 0)
    reason = first_reason(
        len(wide),
        (no_joint, "no_joint_assessment"),
        (small, "too_few_self_ratings"),
        (flat, "no_variation"),
    )
    est = np.where(no_joint | (n == 0), np.nan, est)
    bad = no_joint | small | flat
    se, q, p = (np.where(bad, np.nan, a) for a in (se, q, p))
    out = effect_frame(
        {c: idx[c].to_numpy(dtype=object) for c in keys},
        measure="joint minus mean self-rating", estimate=est, ci_low=est - q * se,
        ci_high=est + q * se, se=se, p_value=p, n=n, reason=reason,
        method="joint rating treated as fixed; one-sample t interval of the self-ratings' "
        "mean (Student 1908)", joint_score=joint, mean_self=mean, n_joint=n_joint.astype(int),
    )  # fmt: skip
    return sort_table(out, keys, scores)
