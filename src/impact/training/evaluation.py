"""Every table of a training evaluation at once, from the data contract's four tables.

:func:`evaluation_tables` joins the answers to their training, role and team
(:func:`impact.training.common.evaluation_answers`) and calls each level's function on
them: who was trained (:func:`trained`), level 1 (:func:`impact.training.satisfaction.
satisfaction`, :func:`~impact.training.satisfaction.expectations`), level 2
(:mod:`impact.training.quiz`) and level 3 (:mod:`impact.training.practice`). A table that
cannot be computed yet — no quiz taken both before and after, no answer at a distance —
is an empty frame; bad data (an unknown item, an answer off its scale) raises ValueError.
Nothing is hidden here: the report's privacy pass does that.
"""

from __future__ import annotations

import pandas as pd

from impact.stats.means import check_conf_level
from impact.training.common import check_columns, evaluation_answers
from impact.training.practice import action_plans, practice_change
from impact.training.quiz import item_change, normalised_gain, quiz_change, quiz_grid, quiz_scores
from impact.training.satisfaction import expectations, satisfaction

__all__ = ["ALL_ROLES", "EVALUATION_TABLES", "evaluation_tables", "trained"]

#: The keys of :func:`evaluation_tables`, in the order of the levels.
EVALUATION_TABLES = (
    "participants", "satisfaction", "expectations", "quiz_change", "normalised_gain",
    "item_change", "practice_change", "action_plans",
)  # fmt: skip
#: The ``role`` of the rows of :func:`trained` over every role.
ALL_ROLES = "all"


def _by(by) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    if "training" not in by or not set(by) <= {"training", "session"}:
        raise ValueError(f"by must be ('training',) or ('training', 'session'). Got {by!r}.")
    return by


def trained(sessions: pd.DataFrame, participants: pd.DataFrame, *, by=("training",)
            ) -> pd.DataFrame:  # fmt: skip
    """Who was trained: participants, sessions and hours per training (or session) × role.

    A participant is a pseudonym of ``participants`` (one row per session attended); the
    sessions and their ``hours`` come from ``sessions``.

    Parameters
    ----------
    sessions : pandas.DataFrame
        ``session``, ``training``, ``hours``.
    participants : pandas.DataFrame
        ``session``, ``participant``, ``role``.
    by : ("training",) or ("training", "session")

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``role`` (each role, then :data:`ALL_ROLES`), ``n``
        (participants), ``n_sessions`` (sessions they attended), ``hours`` (mean hours of
        the training per participant: the sum of the hours of their sessions) and
        ``person_hours`` (the sum over participants).

    Examples
    --------
    >>> s = pd.DataFrame({"session": ["S1", "S2"], "training": "t", "hours": [7.0, 14.0]})
    >>> p = pd.DataFrame({"session": ["S1", "S2", "S2"], "participant": ["a", "a", "b"],
    ...                   "role": ["professionnel"] * 3})
    >>> print(trained(s, p).to_string(index=False))
    training          role  n  n_sessions  hours  person_hours
           t professionnel  2           2   17.5          35.0
           t           all  2           2   17.5          35.0
    """
    by = _by(by)
    check_columns(sessions, ["session", "training", "hours"], "sessions")
    check_columns(participants, ["session", "participant", "role"], "participants")
    text = {"session": str}
    people = participants[["session", "participant", "role"]].astype(text | {"participant": str})
    people = people.merge(sessions[["session", "training", "hours"]].astype(text), on="session")
    people = people.assign(hours=pd.to_numeric(people["hours"], errors="coerce"))
    rows = []
    for frame in (people, people.assign(role=ALL_ROLES)):
        keys = [*by, "role"]
        per_person = frame.groupby([*keys, "participant"], sort=False).agg(
            hours=("hours", "sum"), sessions=("session", "nunique"))  # fmt: skip
        g = per_person.groupby(keys, sort=False).agg(
            n=("hours", "size"), hours=("hours", "mean"), person_hours=("hours", "sum")
        )
        sessions_of = frame.groupby(keys, sort=False)["session"].nunique().rename("n_sessions")
        rows.append(g.join(sessions_of).reset_index())
    out = pd.concat(rows, ignore_index=True)
    out = out.assign(_all=out["role"] == ALL_ROLES).sort_values([*by, "_all", "role"])
    cols = [*by, "role", "n", "n_sessions", "hours", "person_hours"]
    return out[cols].astype({"n": int, "n_sessions": int}).reset_index(drop=True)


def evaluation_tables(
    sessions: pd.DataFrame, participants: pd.DataFrame, answers: pd.DataFrame,
    items: pd.DataFrame, *, by=("training",), conf_level: float = 0.95, n_boot: int = 2000,
    seed: int = 0,
) -> dict[str, pd.DataFrame]:  # fmt: skip
    """The tables of a training evaluation, per training (or per session).

    Parameters
    ----------
    sessions, participants, answers, items : pandas.DataFrame
        The contract's ``training_sessions``, ``training_participants``,
        ``training_answers`` and ``training_items`` (the shapes of
        :mod:`impact.training.common`).
    by : ("training",) or ("training", "session")
    conf_level : float, default 0.95
    n_boot, seed : int
        Bootstrap of the normalised gain (:func:`impact.training.quiz.normalised_gain`).

    Returns
    -------
    dict of str to pandas.DataFrame
        Keyed by :data:`EVALUATION_TABLES`: ``participants`` (:func:`trained`),
        ``satisfaction``, ``expectations`` (level 1), ``quiz_change``,
        ``normalised_gain``, ``item_change`` (level 2, quiz ``avant`` → ``après``),
        ``practice_change``, ``action_plans`` (level 3, ``à distance``). A quiz table is
        empty when no quiz was taken both before and after; the other tables have no row
        for a group without answers (and no row at all without any).

    Raises
    ------
    ValueError
        Bad data: an answer to an item the catalogue does not know, an answer off its
        item's scale or states, a quiz item answered twice, a bad ``by``.
    """
    by = _by(by)
    cl = check_conf_level(conf_level)
    data = evaluation_answers(sessions, participants, answers)
    out = {"participants": trained(sessions, participants, by=by)}
    out["satisfaction"] = satisfaction(data, items, by=by, conf_level=cl)
    out["expectations"] = expectations(data, items, sessions, by=by, conf_level=cl)
    grid = quiz_grid(data, items)
    scores = quiz_scores(grid)
    if {"avant", "après"} <= set(scores["moment"]):
        out["quiz_change"] = quiz_change(scores, by=by, conf_level=cl)
        out["normalised_gain"] = normalised_gain(scores, by=by, n_boot=n_boot, seed=seed,
                                                 conf_level=cl)  # fmt: skip
        out["item_change"] = item_change(grid, by=by)
    else:
        for key in ("quiz_change", "normalised_gain", "item_change"):
            out[key] = pd.DataFrame(columns=by)
    out["practice_change"] = practice_change(data, items, by=by, conf_level=cl)
    out["action_plans"] = action_plans(data, items, by=by)
    return {key: out[key] for key in EVALUATION_TABLES}
