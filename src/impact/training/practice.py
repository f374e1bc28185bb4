"""Level 3 (behaviour): change of practice and action plans at a distance (3–6 months).

Inputs are the answers and items catalogue of :mod:`impact.training.common`. The change of
a trained team's partnership-barometer score after the training is *not* computed here:
the report layer joins the barometer's scores (:mod:`impact.barometer`, a sibling this
package may not import) with the session's ``date`` and ``team_id``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.stats.effect_table import effect_frame
from impact.stats.means import check_conf_level
from impact.stats.proportions import wilson_interval
from impact.training.common import catalogue, normalise, yes_no

__all__ = ["ACTION_STATES", "PRACTICE_CHANGE", "action_plans", "practice_change"]

PRACTICE_CHANGE = "share reporting a change of practice"
#: Action-plan states, in order (answers are compared normalised).
ACTION_STATES = ("fait", "en cours", "pas commencé")


def _by(by) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    if "training" not in by or not set(by) <= {"training", "session"}:
        raise ValueError(f"by must be ('training',) or ('training', 'session'). Got {by!r}.")
    return by


def _of_kind(answers, items, kind: str, moment: str) -> pd.DataFrame:
    """Non-empty answers at ``moment`` to items of ``kind``, with ``text`` normalised."""
    cat = catalogue(items, answers, kind)
    sub = answers[answers["moment"] == moment].astype({"training": str, "item": str})
    sub = sub.merge(cat[["training", "item"]], on=["training", "item"])
    sub = sub.assign(text=normalise(sub["answer"]))
    return sub[sub["text"] != ""]


def practice_change(
    answers: pd.DataFrame, items: pd.DataFrame, *, by=("training",),
    moment: str = "à distance", conf_level: float = 0.95,
) -> pd.DataFrame:  # fmt: skip
    """Share of participants reporting a change of practice, with a Wilson interval.

    A participant (of a session) counts when they answered at least one ``practice_change``
    item "oui" or "non" at ``moment``; they report a change when at least one answer is
    "oui". Any other non-empty answer raises ValueError.

    Parameters
    ----------
    answers, items : pandas.DataFrame
        See :mod:`impact.training.common`.
    by : ("training",) or ("training", "session")
    moment : str, default "à distance"
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, the effect-table columns (``measure = "share reporting a change
        of practice"``, ``n`` = participants who answered), ``count`` (who said "oui").
    """
    by, cl = _by(by), check_conf_level(conf_level)
    sub = _of_kind(answers, items, "practice_change", moment)
    sub = sub.assign(yes=yes_no(sub["answer"]))
    if sub["yes"].isna().any():
        first = sub[sub["yes"].isna()].iloc[0]
        raise ValueError(f"A practice-change answer must be 'oui' or 'non'. Got "
                         f"{first['answer']!r} for item {first['item']!r}.")  # fmt: skip
    person = [*dict.fromkeys([*by, "session", "participant"])]
    people = sub.groupby(person)["yes"].max().reset_index()
    g = people.groupby(by, sort=True).agg(n=("yes", "size"), count=("yes", "sum")).reset_index()
    n, count = g["n"].to_numpy(dtype=float), g["count"].to_numpy(dtype=float)
    low, high = wilson_interval(count, n, cl)
    return effect_frame(
        {k: g[k].to_numpy() for k in by}, measure=PRACTICE_CHANGE, estimate=count / n,
        ci_low=low, ci_high=high, n=n, count=count,
        method="share of participants with at least one 'oui', Wilson (1927) interval",
    )  # fmt: skip


def action_plans(
    answers: pd.DataFrame, items: pd.DataFrame, *, by=("training",), moment: str = "à distance"
) -> pd.DataFrame:
    """Action-plan items done, in progress and not started: counts and shares.

    Each non-empty answer at ``moment`` to an ``action_plan`` item is one action of one
    participant, in one of :data:`ACTION_STATES` (compared case- and accent-insensitively;
    any other answer raises ValueError). Shares are of the actions of the group; no
    interval (the actions of one participant are not independent).

    Parameters
    ----------
    answers, items : pandas.DataFrame
    by : ("training",) or ("training", "session")
    moment : str, default "à distance"

    Returns
    -------
    pandas.DataFrame
        One row per group × state (every state, 0 when absent): the ``by`` columns,
        ``state``, ``count`` (actions), ``n_actions`` (all actions of the group),
        ``share``, ``n`` (participants with an action).
    """
    by = _by(by)
    sub = _of_kind(answers, items, "action_plan", moment)
    codes = {normalise(pd.Series([s]))[0]: s for s in ACTION_STATES}
    sub = sub.assign(state=sub["text"].map(codes))
    if sub["state"].isna().any():
        first = sub[sub["state"].isna()].iloc[0]
        raise ValueError(f"An action-plan answer must be one of {list(ACTION_STATES)}. Got "
                         f"{first['answer']!r} for item {first['item']!r}.")  # fmt: skip
    person = [*dict.fromkeys([*by, "session", "participant"])]
    people = sub.drop_duplicates(person).groupby(by).size().rename("n")
    state = pd.Categorical(sub["state"], categories=list(ACTION_STATES))
    counts = sub.assign(state=state).groupby([*by, "state"], observed=False).size()
    table = counts.rename("count").reset_index()
    table["n_actions"] = table.groupby(by)["count"].transform("sum")
    with np.errstate(all="ignore"):
        table["share"] = table["count"] / table["n_actions"]
    table = table.merge(people.reset_index(), on=by)
    return table.assign(state=table["state"].astype(str))
