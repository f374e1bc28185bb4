"""Level 2 (learning): quiz scores before and after a training and their change.

Quiz answers (``answers`` of :mod:`impact.training.common`, items of kind ``quiz``) are
marked against the catalogue's ``correct`` answer, case- and accent-insensitively after
stripping. A participant is *present* at a moment when they gave at least one non-empty
quiz answer there; every quiz item of the training then counts, an unanswered one as
wrong (``n_unanswered``). Pairs are a participant's scores at ``before`` and ``after`` in
the same training and session. Quiz quality (difficulty, discrimination, KR-20) is in
:mod:`impact.training.quiz_quality`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.effect_table import effect_frame
from impact.stats.effects import mean_difference, paired_difference, standardised_mean_difference
from impact.stats.means import check_conf_level
from impact.training.common import catalogue, check_columns, normalise

__all__ = ["NORMALISED_GAIN", "PAIRED_PROPORTIONS", "item_change", "normalised_gain",
           "quiz_change", "quiz_grid", "quiz_scores"]  # fmt: skip

#: Measure names of this module.
NORMALISED_GAIN = "normalised gain (class average)"
INDIVIDUAL_GAIN = "mean individual normalised gain"
PAIRED_PROPORTIONS = "paired difference in proportions"

_PERSON = ["training", "session", "participant"]
_KEYS = [*_PERSON, "moment"]


def _by(by) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    if "training" not in by or not set(by) <= {"training", "session"}:
        raise ValueError(f"by must be ('training',) or ('training', 'session'). Got {by!r}.")
    return by


def quiz_grid(answers: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """Every quiz item of the training for every participant present at a moment, marked.

    Parameters
    ----------
    answers, items : pandas.DataFrame
        Answers and items catalogue (see :mod:`impact.training.common`); answers to items
        of other kinds are ignored, answers to unknown items raise ValueError.

    Returns
    -------
    pandas.DataFrame
        One row per training × session × participant × moment × quiz item: ``training``,
        ``session``, ``participant``, ``moment``, ``item``, ``objective`` ("" if none),
        ``answered`` (bool) and ``correct`` (0/1; an unanswered item is 0).

    Examples
    --------
    >>> items = pd.DataFrame({"training": "", "item": ["q1", "q2"], "kind": "quiz",
    ...                       "correct": ["B", "vrai"]})
    >>> answers = pd.DataFrame({"participant": "p1", "session": "s1", "training": "t",
    ...                         "moment": "avant", "item": ["q1"], "answer": [" b "]})
    >>> quiz_grid(answers, items)[["item", "answered", "correct"]].values.tolist()
    [['q1', True, 1], ['q2', False, 0]]
    """
    cat = catalogue(items, answers, "quiz")
    check_columns(cat, ["correct"], "items")
    objective = cat["objective"].fillna("").astype(str) if "objective" in cat else ""
    cat = cat.assign(objective=objective)[["training", "item", "correct", "objective"]]
    quiz = answers[[*_KEYS, "item", "answer"]].astype({"training": str, "item": str})
    quiz = quiz.merge(cat[["training", "item"]], on=["training", "item"])
    quiz = quiz.assign(answer=normalise(quiz["answer"]))
    quiz = quiz[quiz["answer"] != ""]
    twice = quiz.duplicated([*_KEYS, "item"])
    if twice.any():
        first = quiz[twice].iloc[0]
        raise ValueError(
            f"{int(twice.sum())} quiz answer(s) given twice, e.g. participant "
            f"{first['participant']!r}, item {first['item']!r}, moment {first['moment']!r}."
        )
    present = quiz[_KEYS].drop_duplicates()
    grid = present.merge(cat, on="training").merge(quiz, on=[*_KEYS, "item"], how="left")
    answered = grid["answer"].notna()
    correct = answered & (grid["answer"] == normalise(grid["correct"]))
    grid = grid.assign(answered=answered.to_numpy(), correct=correct.astype(int).to_numpy())
    cols = [*_KEYS, "item", "objective", "answered", "correct"]
    return grid[cols].sort_values([*_KEYS, "item"]).reset_index(drop=True)


def quiz_scores(grid: pd.DataFrame) -> pd.DataFrame:
    """Each present participant's quiz score at each moment.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`quiz_grid`.

    Returns
    -------
    pandas.DataFrame
        ``training``, ``session``, ``participant``, ``moment``, ``n_items``, ``n_correct``,
        ``n_unanswered`` and ``score`` = n_correct / n_items (0–1).
    """
    out = grid.groupby(_KEYS, sort=True).agg(
        n_items=("correct", "size"),
        n_correct=("correct", "sum"),
        n_unanswered=("answered", lambda a: int((~a).sum())),
    )
    return out.assign(score=out["n_correct"] / out["n_items"]).reset_index()


def _wide(scores: pd.DataFrame, before: str, after: str) -> pd.DataFrame:
    """One row per participant of a session: ``before`` and ``after`` scores (NaN: absent)."""
    check_columns(scores, [*_KEYS, "score"], "scores")
    for moment in (before, after):
        if moment not in scores["moment"].to_numpy():
            raise ValueError(
                f"No score at moment {moment!r}. Got {sorted(scores['moment'].unique())}."
            )
    wide = scores[scores["moment"].isin([before, after])].pivot_table(
        index=_PERSON, columns="moment", values="score", aggfunc="first"
    )
    return wide.reindex(columns=[before, after]).set_axis(["before", "after"], axis=1).reset_index()


def quiz_change(
    scores: pd.DataFrame, *, by=("training",), before: str = "avant", after: str = "après",
    conf_level: float = 0.95,
) -> pd.DataFrame:  # fmt: skip
    """Change of quiz score from ``before`` to ``after``, per training (or session).

    Rows per group, all about ``after − before`` (score 0–1):

    1. ``"mean change"``: paired t interval and test over participants with both scores
       (Student 1908; :func:`impact.stats.effects.paired_difference`).
    2. ``"Hodges-Lehmann median change"``: Hodges–Lehmann estimate and interval, Wilcoxon
       signed-rank p-value (scipy), same pairs and function.
    3. ``"standardised mean difference"``: d_z = mean change / SD of changes (Cohen 1988),
       noncentral t interval (:func:`impact.stats.effects.standardised_mean_difference`).
    4. ``"mean difference"``: unpaired description with Welch's t of the participants seen
       at only one moment (only-before vs only-after; :func:`impact.stats.effects.mean_difference`);
       they are in no paired row.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`quiz_scores`.
    by : ("training",) or ("training", "session")
    before, after : str
        The two moments compared.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, the effect-table columns (``n`` = pairs for rows 1–3;
        ``n_before``/``n_after`` = only-before/only-after participants for row 4), and
        ``n_only_before``, ``n_only_after``, ``mean_before``, ``mean_after`` (paired
        participants' mean scores), ``coverage`` (Hodges–Lehmann, see paired_difference).
    """
    by = _by(by)
    cl = check_conf_level(conf_level)
    wide = _wide(scores, before, after)
    frames = []
    for key, g in wide.groupby(by, sort=True):
        ids = dict(zip(by, key, strict=True))
        paired = g.dropna(subset=["before", "after"])
        only_b = g.loc[g["after"].isna(), "before"].to_numpy()
        only_a = g.loc[g["before"].isna(), "after"].to_numpy()
        b, a = paired["before"].to_numpy(), paired["after"].to_numpy()
        rows = pd.concat([
            paired_difference(b, a, conf_level=cl),
            standardised_mean_difference(b, a, kind="d_z", conf_level=cl),
            mean_difference(only_b, only_a, conf_level=cl),
        ], ignore_index=True)  # fmt: skip
        for k, v in reversed(ids.items()):
            rows.insert(0, k, v)
        frames.append(rows.assign(
            n_only_before=len(only_b), n_only_after=len(only_a),
            mean_before=b.mean() if len(b) else np.nan,
            mean_after=a.mean() if len(a) else np.nan,
        ))  # fmt: skip
    return pd.concat(frames, ignore_index=True)


def normalised_gain(
    scores: pd.DataFrame, *, by=("training",), before: str = "avant", after: str = "après",
    n_boot: int = 2000, seed: int = 0, conf_level: float = 0.95,
) -> pd.DataFrame:  # fmt: skip
    """Hake's normalised gain with a percentile bootstrap interval, per training (or session).

    On the participants with both scores (0–1, maximum 1):

    - **headline** (``headline`` True), ``"normalised gain (class average)"``: Hake RR
      (1998), "Interactive-engagement versus traditional methods", *Am J Phys* 66:64–74:
      ``⟨g⟩ = (⟨post⟩ − ⟨pre⟩) / (1 − ⟨pre⟩)`` with ⟨·⟩ the mean over the pairs; undefined
      when ⟨pre⟩ = 1 (reason ``pre_at_maximum``).
    - ``"mean individual normalised gain"``: the mean of ``(post − pre)/(1 − pre)`` over the
      pairs with pre < 1 (``n``); those with pre = 1 are left out and counted in
      ``n_excluded``. It can differ from ⟨g⟩ and is given for comparison only.

    Intervals: percentile bootstrap (Efron & Tibshirani 1993, ch. 13) resampling the
    participants of the group with replacement ``n_boot`` times (generator
    ``numpy.random.default_rng(seed)``, groups in sorted order); replicates where the gain
    is undefined (resampled ⟨pre⟩ = 1) are dropped.

    Parameters
    ----------
    scores : pandas.DataFrame
        From :func:`quiz_scores`.
    by : ("training",) or ("training", "session")
    before, after : str
    n_boot : int, default 2000
    seed : int, default 0
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, the effect-table columns (``n`` = pairs used), ``headline``,
        ``n_excluded``, ``mean_before``, ``mean_after``, ``n_boot``.

    Examples
    --------
    >>> s = pd.DataFrame({"training": "t", "session": "s", "participant": ["a", "a", "b", "b"],
    ...                   "moment": ["avant", "après"] * 2, "score": [0.5, 1.0, 0.0, 0.5]})
    >>> round(float(normalised_gain(s, n_boot=50).loc[0, "estimate"]), 4)
    0.6667
    """
    by = _by(by)
    cl = check_conf_level(conf_level)
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 1:
        raise ValueError(f"n_boot must be a positive integer. Got {n_boot!r}.")
    rng = np.random.default_rng(seed)
    q = [(1 - cl) / 2, (1 + cl) / 2]
    wide = _wide(scores, before, after).dropna(subset=["before", "after"])
    rows = []
    for key, g in wide.groupby(by, sort=True):
        ids = dict(zip(by, key, strict=True))
        pre, post = g["before"].to_numpy(), g["after"].to_numpy()
        means = {"mean_before": pre.mean(), "mean_after": post.mean()}
        for row in _gains(pre, post, rng, n_boot, q):
            rows.append({**ids, **row, **means})
    table = pd.DataFrame(rows)
    extra = ["headline", "n_excluded", "mean_before", "mean_after"]
    cols = ["measure", "estimate", "ci_low", "ci_high", "n", "method", "reason"]
    return effect_frame(
        {k: table[k].to_numpy() for k in by},
        **{c: table[c].to_numpy() for c in cols + extra},
        n_boot=n_boot,
    )


def _gains(pre: np.ndarray, post: np.ndarray, rng, n_boot: int, q: list) -> list[dict]:
    """The class-average and the mean individual gain rows of one group, bootstrapped."""
    n = len(pre)
    with np.errstate(all="ignore"):
        idx = rng.integers(0, n, size=(n_boot, n))
        mb, ma = pre[idx].mean(axis=1), post[idx].mean(axis=1)
        boot = np.where(np.isclose(mb, 1), np.nan, (ma - mb) / (1 - mb))
    at_max = bool(np.isclose(pre.mean(), 1))
    class_avg = {
        "measure": NORMALISED_GAIN, "n": n, "headline": True, "n_excluded": 0,
        "estimate": np.nan if at_max else (post.mean() - pre.mean()) / (1 - pre.mean()),
        "ci_low": np.nan, "ci_high": np.nan, "reason": "pre_at_maximum" if at_max else "",
        "method": "Hake (1998) class-average normalised gain; percentile bootstrap "
        "over participants",
    }  # fmt: skip
    if not at_max:
        class_avg["ci_low"], class_avg["ci_high"] = np.nanquantile(boot, q)
    keep = ~np.isclose(pre, 1)
    gains = (post[keep] - pre[keep]) / (1 - pre[keep])
    m = len(gains)
    individual = {
        "measure": INDIVIDUAL_GAIN, "n": m, "headline": False,
        "n_excluded": int((~keep).sum()), "estimate": gains.mean() if m else np.nan,
        "ci_low": np.nan, "ci_high": np.nan, "reason": "" if m else "pre_at_maximum",
        "method": "mean of individual normalised gains (score 1 before: left out); "
        "percentile bootstrap over participants",
    }  # fmt: skip
    if m:
        boot_i = gains[rng.integers(0, m, size=(n_boot, m))].mean(axis=1)
        individual["ci_low"], individual["ci_high"] = np.quantile(boot_i, q)
    return [class_avg, individual]


def item_change(
    grid: pd.DataFrame, *, by=("training",), before: str = "avant", after: str = "après",
) -> pd.DataFrame:  # fmt: skip
    """Per quiz question: shares correct before and after, and McNemar's exact test.

    On the participants present at both moments (an unanswered item is wrong), the 2×2
    paired table of the item gives ``b`` = wrong → right (``n_wrong_to_right``) and
    ``c`` = right → wrong (``n_right_to_wrong``). McNemar's exact test (McNemar 1947,
    *Psychometrika* 12:153–157) is the two-sided binomial test of ``b`` among the
    ``b + c`` discordant pairs with probability ½, computed with
    ``scipy.stats.binomtest`` — the value of statsmodels'
    ``mcnemar(table, exact=True)``. With no discordant pair the p-value is 1 (reason
    ``no_discordant_pairs``). The estimate is the paired difference of shares,
    ``share_after − share_before = (b − c)/n``, without interval.

    Parameters
    ----------
    grid : pandas.DataFrame
        From :func:`quiz_grid`.
    by : ("training",) or ("training", "session")
    before, after : str

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``item``, ``objective``, the effect-table columns
        (``measure = "paired difference in proportions"``, ``n`` = pairs), ``share_before``,
        ``share_after``, ``n_wrong_to_right``, ``n_right_to_wrong``.
    """
    by = _by(by)
    sub = grid[grid["moment"].isin([before, after])]
    wide = sub.pivot_table(index=[*_PERSON, "item", "objective"], columns="moment",
                           values="correct", aggfunc="first")  # fmt: skip
    wide = wide.reindex(columns=[before, after]).dropna()
    wide.columns = ["before", "after"]
    wide = wide.reset_index().assign(
        b=lambda d: (d["before"] == 0) & (d["after"] == 1),
        c=lambda d: (d["before"] == 1) & (d["after"] == 0),
    )
    out = wide.groupby([*by, "item", "objective"], sort=True).agg(
        n=("before", "size"), share_before=("before", "mean"), share_after=("after", "mean"),
        n_wrong_to_right=("b", "sum"), n_right_to_wrong=("c", "sum"),
    ).reset_index()  # fmt: skip
    b, c = out["n_wrong_to_right"].to_numpy(), out["n_right_to_wrong"].to_numpy()
    p = np.array([stats.binomtest(int(x), int(x + y), 0.5).pvalue if x + y else 1.0
                  for x, y in zip(b, c, strict=True)])  # fmt: skip
    ids = {k: out[k].to_numpy() for k in [*by, "item", "objective"]}
    return effect_frame(
        ids, measure=PAIRED_PROPORTIONS,
        estimate=out["share_after"].to_numpy() - out["share_before"].to_numpy(),
        p_value=p, n=out["n"].to_numpy(),
        method="McNemar (1947) exact test: binomial test of the discordant pairs "
        "(scipy.stats.binomtest)",
        reason=np.where(b + c == 0, "no_discordant_pairs", ""),
        share_before=out["share_before"].to_numpy(), share_after=out["share_after"].to_numpy(),
        n_wrong_to_right=b, n_right_to_wrong=c,
    )  # fmt: skip
