"""What the training modules share: the input shapes, answer normalisation, Wilson
intervals and the reason codes that are new with training evaluation.

Input shapes (the coming data contract; one row per line, text as typed):

- ``answers``: ``participant`` (pseudonym), ``session``, ``training``, ``moment``
  (``attentes`` | ``avant`` | ``après`` | ``à chaud`` | ``à distance``), ``item``,
  ``answer`` (quiz choices such as "B" or "vrai", Likert scores "1".."5", action-plan
  states "fait", "en cours", "pas commencé", yes/no "oui"/"non").
- ``participants``: ``participant``, ``session``, ``role`` (professionnel | patient
  partenaire), ``team_id``.
- ``items`` (catalogue): ``training`` (empty: every training), ``item``, ``kind`` (quiz |
  satisfaction | expectation | practice_change | action_plan), ``domain`` (satisfaction:
  objectifs | programme | méthodes | qualité), ``correct`` (quiz: the right answer),
  ``objective`` (quiz and expectation: the objective code), ``scale_min``, ``scale_max``
  (satisfaction).
- ``sessions``: ``session``, ``training``, ``date``, ``team_id``, ``hours``,
  ``objectives`` (codes separated by ";").
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from impact.stats.means import check_conf_level

__all__ = [
    "MOMENTS", "catalogue", "check_columns", "normalise", "wilson",
    "yes_no",
]  # fmt: skip

#: The moments of a training evaluation, in order.
MOMENTS = ("attentes", "avant", "après", "à chaud", "à distance")

_ANSWER_COLUMNS = ("participant", "session", "training", "moment", "item", "answer")
_ITEM_COLUMNS = ("training", "item", "kind")


def check_columns(frame: pd.DataFrame, columns, name: str) -> None:
    """Raise ValueError naming the columns of ``columns`` that ``frame`` lacks."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{name} lacks the column(s) {missing}. Got {list(frame.columns)}.")


def normalise(values: pd.Series) -> pd.Series:
    """Answers compared case- and accent-insensitively after stripping (NaN → "").

    Examples
    --------
    >>> normalise(pd.Series([" Vrai ", "PAS COMMENCÉ", None])).tolist()
    ['vrai', 'pas commence', '']
    """
    text = values.astype("string").fillna("").str.normalize("NFKD")
    text = text.str.replace(r"[\u0300-\u036f]", "", regex=True)
    return text.str.casefold().str.strip().str.replace(r"\s+", " ", regex=True).astype(object)


def yes_no(values: pd.Series) -> pd.Series:
    """1.0 for "oui", 0.0 for "non", NaN for anything else (normalised first)."""
    return normalise(values).map({"oui": 1.0, "non": 0.0}).astype(float)


def wilson(count, n, conf_level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Wilson (1927) score interval of ``count / n`` (NaN where ``n`` is 0).

    Computed by ``statsmodels.stats.proportion.proportion_confint(method="wilson")``.

    Examples
    --------
    Newcombe (1998), *Stat Med* 17:857–872, Table I: 81/263.

    >>> low, high = wilson(81, 263)
    >>> round(float(low[0]), 4), round(float(high[0]), 4)
    (0.2553, 0.3662)
    """
    cl = check_conf_level(conf_level)
    x = np.atleast_1d(np.asarray(count, dtype=float))
    m = np.atleast_1d(np.asarray(n, dtype=float))
    x, m = np.broadcast_arrays(x, m)
    low, high = np.full(x.shape, np.nan), np.full(x.shape, np.nan)
    ok = m > 0
    if ok.any():
        low[ok], high[ok] = proportion_confint(x[ok], m[ok], alpha=1 - cl, method="wilson")
    return low, high


def catalogue(items: pd.DataFrame, answers: pd.DataFrame, kind: str) -> pd.DataFrame:
    """The catalogue rows of ``kind`` for each training of ``answers``.

    An item whose ``training`` is empty applies to every training; a training's own row
    for the same item wins. Raises ValueError for an answer to an item the catalogue does
    not know (for its training).
    """
    check_columns(answers, _ANSWER_COLUMNS, "answers")
    check_columns(items, _ITEM_COLUMNS, "items")
    items = items.assign(training=items["training"].fillna("").astype(str))
    trainings = pd.DataFrame({"training": answers["training"].astype(str).unique()})
    generic = trainings.merge(items[items["training"] == ""].drop(columns="training"),
                              how="cross")  # fmt: skip
    own = items[items["training"] != ""]
    known = pd.concat([own, generic]).drop_duplicates(["training", "item"], keep="first")
    keys = answers[["training", "item"]].astype(str).drop_duplicates()
    unknown = keys.merge(known[["training", "item"]], how="left", indicator=True)
    unknown = unknown[unknown["_merge"] == "left_only"]
    if len(unknown):
        first = unknown.iloc[0]
        raise ValueError(
            f"{len(unknown)} answered item(s) are not in the items catalogue, e.g. item "
            f"{first['item']!r} of training {first['training']!r}."
        )
    return known[known["kind"] == kind].reset_index(drop=True)
