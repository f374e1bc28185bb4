"""How the themes of a team's comments changed after partnership, team by team and pooled.

Three steps, each a tidy table:

1. :func:`theme_shares` counts, per group (a team by default) × theme × period, the
   comments touching the theme and those where its tone is negative;
2. :func:`theme_changes` compares the periods: the change in the share of comments
   touching the theme and in the negative share within it, with Newcombe's hybrid score
   interval and a score test;
3. :func:`pooled_theme_changes` pools the teams' changes per theme with the project's
   random-effects meta-analysis (:func:`impact.stats.meta.pool`).

The comments are those of the contract's ``comments`` table and their labels those of
:func:`impact.text.classify` (``comment``, ``theme``, ``tone`` in engine codes). Pure
statistics: nothing here reads or shows a text, and nothing is suppressed (the report's
privacy pass hides small groups).
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np
import pandas as pd
from statsmodels.stats import proportion as sm_proportion

from impact.stats.effect_table import DIFFERENCE_IN_PROPORTIONS
from impact.stats.means import check_conf_level
from impact.stats.meta import pool
from impact.stats.reasons import join_reason_arrays

from .themes import TONES

__all__ = ["PERIODS", "QUANTITIES", "pooled_theme_changes", "theme_changes", "theme_shares"]

#: The periods compared, in order (contract values of ``comments.period``).
PERIODS = ("avant", "après")
#: What :func:`pooled_theme_changes` pools, in order: the change in the share of comments
#: touching the theme and the change in the negative share within the theme.
QUANTITIES = ("share", "negative_share")
_SHARE_COLUMNS = ("theme", "period", "n_comments", "n_theme", "share", "n_negative",
                  "n_mixed", "negative_share")  # fmt: skip
NEWCOMBE = "Newcombe hybrid score interval (method 10); score test"
AGRESTI_CAFFO = "Wald SE with one success and one failure added per period (Agresti-Caffo)"


def _check_columns(frame: pd.DataFrame, needed: Sequence[str], name: str) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks column(s) {missing}. Got {list(frame.columns)}.")


def theme_shares(
    comments: pd.DataFrame,
    labels: pd.DataFrame,
    *,
    by: Sequence[str] = ("team_id",),
) -> pd.DataFrame:
    """Share of comments touching each theme, and negative share within it, per period.

    A comment touches a theme when ``labels`` has a row for it with that theme. Its tone
    for the theme is counted as negative only when it is ``negatif``: a ``mixte`` tone
    (praise and complaint about the same theme) is **not** negative; it is counted apart in
    ``n_mixed``, so that ``n_theme − n_negative − n_mixed`` comments are positive.

    Parameters
    ----------
    comments : pandas.DataFrame
        One row per comment (ids unique): ``comment``, ``period`` (``avant`` or
        ``après``) and the ``by`` columns. Comments without any label count in
        ``n_comments`` (they touch no theme).
    labels : pandas.DataFrame
        One row per comment × theme: ``comment``, ``theme``, ``tone`` (``positif``,
        ``negatif``, ``mixte``), e.g. ``classify(...).labels``. Labels of comments not
        in ``comments``, and rows without a theme (a comment reviewed as having none),
        are ignored.
    by : sequence of str, default ("team_id",)
        Columns of ``comments`` defining the groups compared (``()``: all comments).

    Returns
    -------
    pandas.DataFrame
        One row per group × theme × period — every group present in ``comments``, every
        theme present in ``labels`` (sorted), both periods ``avant`` then ``après``;
        zero counts kept: the ``by`` columns, ``theme``, ``period``, ``n_comments``
        (comments of the group in the period), ``n_theme`` (of them, touching the theme),
        ``share`` (``n_theme / n_comments``; NaN when there is no comment),
        ``n_negative`` (tone ``negatif``), ``n_mixed`` (tone ``mixte``),
        ``negative_share`` (``n_negative / n_theme``; NaN when ``n_theme`` is 0).

    Examples
    --------
    >>> comments = pd.DataFrame({"comment": ["a", "b", "c"], "team_id": "T1",
    ...                          "period": ["avant", "avant", "après"]})
    >>> labels = pd.DataFrame({"comment": ["a", "c"], "theme": "repas",
    ...                        "tone": ["negatif", "mixte"]})
    >>> theme_shares(comments, labels)[["period", "n_comments", "n_theme", "n_negative"]]
      period  n_comments  n_theme  n_negative
    0  avant           2        1           1
    1  après           1        1           0
    """
    by = list(by)
    _check_columns(comments, ["comment", "period", *by], "comments")
    _check_columns(labels, ["comment", "theme", "tone"], "labels")
    labels = labels.loc[labels["theme"].notna() & (labels["theme"].astype(str) != "")]
    if comments["comment"].duplicated().any():
        raise ValueError("comments has duplicated comment ids.")
    bad = sorted(set(comments["period"].astype(str)) - set(PERIODS))
    if bad:
        raise ValueError(f"Periods are {list(PERIODS)}. Got {bad}.")
    bad = sorted(set(labels["tone"].astype(str)) - set(TONES))
    if bad:
        raise ValueError(f"Tones are {list(TONES)} (engine codes). Got {bad}.")
    if labels.duplicated(["comment", "theme"]).any():
        raise ValueError("labels has several rows for one comment and theme.")
    keys = [*by, "period"]
    frame = comments[["comment", *keys]]
    tagged = labels[["comment", "theme", "tone"]].merge(frame, on="comment", how="inner")
    themes = sorted(set(labels["theme"].astype(str)))
    if not themes:
        return pd.DataFrame(columns=[*by, *_SHARE_COLUMNS])
    groups = frame[by].drop_duplicates().sort_values(by) if by else pd.DataFrame(index=[0])
    grid = groups.merge(pd.DataFrame({"theme": themes}), how="cross").merge(
        pd.DataFrame({"period": list(PERIODS)}), how="cross"
    )
    n_comments = frame.groupby(keys, dropna=False).size().rename("n_comments")
    counts = (
        tagged.assign(
            n_theme=1, n_negative=tagged["tone"].eq("negatif"), n_mixed=tagged["tone"].eq("mixte")
        )
        .groupby([*keys, "theme"], dropna=False)[["n_theme", "n_negative", "n_mixed"]]
        .sum()
    )
    out = grid.merge(n_comments.reset_index(), on=keys, how="left").merge(
        counts.reset_index(), on=[*keys, "theme"], how="left"
    )
    for col in ("n_comments", "n_theme", "n_negative", "n_mixed"):
        out[col] = out[col].fillna(0).astype("int64")
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share"] = np.where(out["n_comments"] > 0, out["n_theme"] / out["n_comments"], np.nan)
        out["negative_share"] = np.where(
            out["n_theme"] > 0, out["n_negative"] / out["n_theme"], np.nan
        )
    return out[[*by, *_SHARE_COLUMNS]].reset_index(drop=True)


def _difference(x_before, n_before, x_after, n_after, conf_level):
    """After − before: estimate, Newcombe interval, score-test p, Agresti–Caffo SE, reason."""
    x0, n0, x1, n1 = (np.asarray(a, dtype=float) for a in (x_before, n_before, x_after, n_after))
    m = len(x0)
    est, lo, hi, p, se = (np.full(m, np.nan) for _ in range(5))
    ok = (n0 > 0) & (n1 > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        p0, p1 = x0 / n0, x1 / n1
    est[ok] = p1[ok] - p0[ok]
    if ok.any():
        lo[ok], hi[ok] = sm_proportion.confint_proportions_2indep(
            x1[ok], n1[ok], x0[ok], n0[ok], method="newcomb", compare="diff",
            alpha=1 - conf_level,
        )  # fmt: skip
        with warnings.catch_warnings(), np.errstate(divide="ignore", invalid="ignore"):
            warnings.simplefilter("ignore", RuntimeWarning)
            p[ok] = sm_proportion.test_proportions_2indep(
                x1[ok], n1[ok], x0[ok], n0[ok], method="score", compare="diff"
            ).pvalue
        a0, a1 = (x0 + 1) / (n0 + 2), (x1 + 1) / (n1 + 2)
        se[ok] = np.sqrt(a0 * (1 - a0) / (n0 + 2) + a1 * (1 - a1) / (n1 + 2))[ok]
    same = ok & (p0 == p1) & ((p0 == 0) | (p0 == 1))
    p[same] = 1.0
    reason = join_reason_arrays(
        np.where(ok, "", "no_observations"), np.where(same, "same_proportion", "")
    )
    return est, lo, hi, se, p, reason


def theme_changes(shares: pd.DataFrame, *, conf_level: float = 0.95) -> pd.DataFrame:
    """Change after − before, per group and theme, of the share and of the negative share.

    For the share of comments touching the theme (denominators ``n_comments`` before and
    after) and for the negative share within it (denominators ``n_theme`` before and
    after): the difference after − before, Newcombe's hybrid score interval (Newcombe
    1998, *Stat Med* 17:873–890, method 10: Wilson intervals of each proportion
    combined; ``statsmodels`` ``confint_proportions_2indep(method="newcomb",
    compare="diff")``), the two-sided p-value of the score test of equal proportions
    (Miettinen–Nurminen score statistic with its ``n/(n − 1)`` variance correction;
    ``test_proportions_2indep(method="score", compare="diff")``) and the standard error
    :func:`pooled_theme_changes` uses: Wald's, computed after adding one comment touching
    and one not touching the theme to each period (Agresti & Caffo 2000, *Am Stat*
    54:280–288), so that it is positive even when a share is 0 or 1 in both periods.

    Parameters
    ----------
    shares : pandas.DataFrame
        Output of :func:`theme_shares`; any column not of its standard columns is a group
        key.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per group × theme (order of ``shares``): the group keys, ``theme``,
        ``n_before``, ``n_after`` (comments), ``n_theme_before``, ``n_theme_after``,
        ``share_before``, ``share_after``, ``difference``, ``ci_low``, ``ci_high``,
        ``se``, ``p_value``, ``reason``; then ``n_negative_before``,
        ``n_negative_after``, ``negative_share_before``, ``negative_share_after``,
        ``negative_difference``, ``negative_ci_low``, ``negative_ci_high``,
        ``negative_se``, ``negative_p_value``, ``negative_reason``; ``method``,
        ``conf_level``. A period with no comment (for the negative share: no comment
        touching the theme) gives NaN and the reason ``no_observations``; a share of 0
        (or 1) in both periods gives p = 1 and ``same_proportion``.

    Examples
    --------
    Newcombe (1998), Table II, example (a): 56/70 − 48/80.

    >>> shares = pd.DataFrame({"theme": "repas", "period": ["avant", "après"],
    ...     "n_comments": [80, 70], "n_theme": [48, 56], "n_negative": [0, 0]})
    >>> row = theme_changes(shares).iloc[0]
    >>> round(float(row["ci_low"]), 4), round(float(row["ci_high"]), 4)
    (0.0524, 0.3339)
    """
    cl = check_conf_level(conf_level)
    _check_columns(shares, ["theme", "period", "n_comments", "n_theme", "n_negative"], "shares")
    by = [c for c in shares.columns if c not in _SHARE_COLUMNS]
    bad = sorted(set(shares["period"].astype(str)) - set(PERIODS))
    if bad:
        raise ValueError(f"Periods are {list(PERIODS)}. Got {bad}.")
    keys = [*by, "theme"]
    order = shares[keys].drop_duplicates()
    counts = ["n_comments", "n_theme", "n_negative"]
    sides = {}
    for period, suffix in zip(PERIODS, ("before", "after"), strict=True):
        side = shares.loc[shares["period"] == period, [*keys, *counts]]
        if side.duplicated(keys).any():
            raise ValueError(f"shares has several rows for one group, theme and period {period}.")
        sides[suffix] = order.merge(side, on=keys, how="left")[counts].fillna(0).astype("int64")
    b, a = sides["before"], sides["after"]
    out = order.reset_index(drop=True)
    out["n_before"], out["n_after"] = b["n_comments"], a["n_comments"]
    out["n_theme_before"], out["n_theme_after"] = b["n_theme"], a["n_theme"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["share_before"] = np.where(b["n_comments"] > 0, b["n_theme"] / b["n_comments"], np.nan)
        out["share_after"] = np.where(a["n_comments"] > 0, a["n_theme"] / a["n_comments"], np.nan)
    names = ("difference", "ci_low", "ci_high", "se", "p_value", "reason")
    res = _difference(b["n_theme"], b["n_comments"], a["n_theme"], a["n_comments"], cl)
    for name, values in zip(names, res, strict=True):
        out[name] = values
    out["n_negative_before"], out["n_negative_after"] = b["n_negative"], a["n_negative"]
    with np.errstate(divide="ignore", invalid="ignore"):
        out["negative_share_before"] = np.where(
            b["n_theme"] > 0, b["n_negative"] / b["n_theme"], np.nan
        )
        out["negative_share_after"] = np.where(
            a["n_theme"] > 0, a["n_negative"] / a["n_theme"], np.nan
        )
    res = _difference(b["n_negative"], b["n_theme"], a["n_negative"], a["n_theme"], cl)
    for name, values in zip(names, res, strict=True):
        out[f"negative_{name}"] = values
    out["method"] = NEWCOMBE
    out["conf_level"] = cl
    return out


def pooled_theme_changes(
    changes: pd.DataFrame,
    *,
    within: Sequence[str] = (),
    method: str = "REML",
    hartung_knapp: bool = True,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Pool the groups' (teams') changes per theme: random-effects meta-analysis.

    Each team's difference after − before (``difference``, and ``negative_difference``)
    is pooled with :func:`impact.stats.meta.pool` as :func:`impact.synthesis.pooling.
    pooled_effects` pools the other outcomes: REML τ² (metafor's Fisher scoring) and the
    Hartung–Knapp–Sidik–Jonkman interval on k − 1 df by default. Each team's variance is
    the square of its ``se`` from :func:`theme_changes`: the Wald variance of a difference
    of proportions with one success and one failure added to each period (Agresti & Caffo
    2000). Chosen over the plain Wald variance, which is 0 when a theme is absent (or
    universal) in both periods and would give such a team infinite weight; and over a
    standard error read off the Newcombe interval, which is asymmetric near 0 and 1, so
    that its half-width is not a standard error. A team whose difference is undefined (a
    period with no comment, or for the negative share no comment touching the theme) is
    left out and counted in ``reason`` (``rows_dropped``).

    Parameters
    ----------
    changes : pandas.DataFrame
        Output of :func:`theme_changes`, one row per team (or other group) × theme.
    within : sequence of str, default ()
        Further columns of ``changes`` to pool separately within (e.g. a source of
        comments); the rows of each ``within`` × theme are pooled together.
    method : {"REML", "DL", "PM", "FE"}, default "REML"
    hartung_knapp : bool, default True
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        One row per ``within`` × theme × ``quantity`` (``share``, then
        ``negative_share``; themes in input order): the columns of
        :func:`impact.stats.meta.pool` — ``k`` (teams pooled), ``estimate`` (pooled
        difference after − before), ``ci_low``, ``ci_high``, ``se``, ``p_value``,
        ``tau2``, ``I2`` (percent), ``Q``, ``Q_p``, ``pi_low``, ``pi_high``,
        ``n_before``/``n_after`` (summed denominators), ``method``, ``reason``… — and
        ``se_method``. With Hartung–Knapp, teams whose differences are all equal give a
        pooled SE of 0 (no interval, no p-value): ``reason`` then has ``no_variation``.
    """
    within = list(within)
    needed = ["theme", "difference", "se", "negative_difference", "negative_se", "n_before",
              "n_after", "n_theme_before", "n_theme_after", *within]  # fmt: skip
    _check_columns(changes, needed, "changes")
    keys = [*within, "theme"]
    if changes.empty:
        return pd.DataFrame(columns=[*keys, "quantity", "estimate", "ci_low", "ci_high", "k"])
    parts = []
    sources = {"share": ("difference", "se", "n_before", "n_after"),
               "negative_share": ("negative_difference", "negative_se", "n_theme_before",
                                  "n_theme_after")}  # fmt: skip
    for quantity in QUANTITIES:
        est, se, nb, na = sources[quantity]
        part = changes[keys].copy()
        part["quantity"] = quantity
        part["measure"] = DIFFERENCE_IN_PROPORTIONS
        part["estimate"] = changes[est].to_numpy(float)
        part["se"] = changes[se].to_numpy(float)
        part["scale"] = "identity"
        part["n_before"], part["n_after"] = changes[nb].to_numpy(), changes[na].to_numpy()
        parts.append(part)
    frame = pd.concat(parts, ignore_index=True)
    pooled = pool(frame, method=method, hartung_knapp=hartung_knapp, conf_level=conf_level,
                  by=[*keys, "quantity"])  # fmt: skip
    order = (
        changes[keys]
        .drop_duplicates()
        .merge(pd.DataFrame({"quantity": list(QUANTITIES)}), how="cross")
    )
    out = order[[*keys, "quantity"]].merge(pooled, on=[*keys, "quantity"], how="left")
    flat = (out["k"] >= 2) & (out["se"] == 0)
    out["reason"] = join_reason_arrays(out["reason"], np.where(flat, "no_variation", ""))
    out["se_method"] = AGRESTI_CAFFO
    return out.reset_index(drop=True)
