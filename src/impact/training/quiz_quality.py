"""Level 2 quiz quality at one moment: item difficulty, discrimination and KR-20.

Computed on the participants present at the moment (``avant`` by default: before the
training, when answers vary most), from :func:`impact.training.quiz.quiz_grid`, where an
unanswered item is wrong, so the 0/1 matrix (participants × items) is complete.
"""

from __future__ import annotations

import pandas as pd

from impact.stats.means import check_conf_level
from impact.stats.reliability import cronbach_alpha, item_rest_correlations

__all__ = ["KR20", "item_analysis", "kr20"]

#: Measure name of the reliability rows.
KR20 = "KR-20"


def _matrices(grid: pd.DataFrame, moment: str, by):
    """(group key dict, participants × items 0/1 matrix) for each group at ``moment``."""
    by = [by] if isinstance(by, str) else list(by)
    if "training" not in by or not set(by) <= {"training", "session"}:
        raise ValueError(f"by must be ('training',) or ('training', 'session'). Got {by!r}.")
    sub = grid[grid["moment"] == moment]
    if sub.empty:
        raise ValueError(f"No quiz answer at moment {moment!r}.")
    for key, g in sub.groupby(by, sort=True):
        x = g.pivot_table(index=["session", "participant"], columns="item", values="correct",
                          aggfunc="first")  # fmt: skip
        yield dict(zip(by, key, strict=True)), x


def item_analysis(grid: pd.DataFrame, *, moment: str = "avant", by=("training",)) -> pd.DataFrame:
    """Difficulty and discrimination of each quiz item.

    - ``difficulty``: the item's share of correct answers, p (classical test theory: a
      high p is an easy item).
    - ``discrimination``: the point-biserial correlation of the 0/1 item with the rest
      score (sum of the other items), i.e. the corrected item–total correlation —
      Pearson's r of a dichotomous and a continuous variable,
      ``r_pb = (M₁ − M₀)/s_n · sqrt(p·q)`` (M₁, M₀: mean rest score of those right and
      wrong, s_n: SD of the rest score with n denominator); computed by
      :func:`impact.stats.reliability.item_rest_correlations`. NaN when the item or the rest
      score does not vary or with fewer than 3 participants (reason ``no_variation``).

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`impact.training.quiz.quiz_grid`.
    moment : str, default "avant"
    by : ("training",) or ("training", "session")

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``item``, ``n`` (participants), ``n_correct``, ``difficulty``,
        ``discrimination``, ``method``, ``reason``.
    """
    frames = []
    for ids, x in _matrices(grid, moment, by):
        r = item_rest_correlations(x)
        frames.append(pd.DataFrame({
            **ids, "item": list(x.columns), "n": len(x),
            "n_correct": x.sum().astype(int).to_numpy(), "difficulty": x.mean().to_numpy(),
            "discrimination": r["r_item_rest"].to_numpy(),
            "method": "difficulty: share correct; discrimination: point-biserial "
            "correlation with the rest score (corrected item-total)",
            "reason": r["r_item_rest"].isna().map({True: "no_variation", False: ""}).to_numpy(),
        }))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def kr20(
    grid: pd.DataFrame, *, moment: str = "avant", by=("training",), conf_level: float = 0.95
) -> pd.DataFrame:
    """Kuder–Richardson formula 20 reliability of the quiz, with Feldt's interval.

    ``KR-20 = k/(k − 1) · (1 − Σⱼ pⱼqⱼ / σ²_X)`` (Kuder GF & Richardson MW 1937, "The
    theory of the estimation of test reliability", *Psychometrika* 2:151–160), with k
    items, pⱼ the share correct on item j, qⱼ = 1 − pⱼ, and σ²_X the variance of the
    total score with the n denominator (the same as pⱼqⱼ, the item variance with the n
    denominator). It is Cronbach's alpha of the 0/1 items (the n/(n − 1) factors cancel),
    so it is computed by :func:`impact.stats.reliability.cronbach_alpha`, with Feldt's
    (1965) F interval, which was derived for KR-20.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`impact.training.quiz.quiz_grid`.
    moment : str, default "avant"
    by : ("training",) or ("training", "session")
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns and an effect-table row per group (``measure = "KR-20"``,
        ``n`` = participants, reasons ``alpha_few_items``, ``alpha_few_respondents``,
        ``alpha_no_variance``), ``k`` (items).
    """
    cl = check_conf_level(conf_level)
    frames = []
    for ids, x in _matrices(grid, moment, by):
        row = cronbach_alpha(x, conf_level=cl).drop(columns="n_dropped")
        row["measure"] = KR20
        row["method"] = "Kuder-Richardson formula 20 (1937); Feldt (1965) F interval"
        for k, v in reversed(ids.items()):
            row.insert(0, k, v)
        frames.append(row)
    return pd.concat(frames, ignore_index=True)
