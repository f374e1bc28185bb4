"""What the training modules share: the input shapes, answer normalisation and the
catalogue lookups (Wilson intervals: :func:`impact.stats.proportions.wilson_interval`).

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

import pandas as pd

__all__ = [
    "MOMENTS", "catalogue", "check_columns", "evaluation_answers", "normalise", "yes_no",
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


def evaluation_answers(
    sessions: pd.DataFrame, participants: pd.DataFrame, answers: pd.DataFrame
) -> pd.DataFrame:
    """The contract's ``training_answers`` with each answer's ``training`` (from its
    session), and the participant's ``role`` and ``team_id``: the ``answers`` frame every
    function of this package takes.

    Answers of a (session, participant) that ``participants`` does not list keep an empty
    role and team (validation reports them).

    Examples
    --------
    >>> sessions = pd.DataFrame({"session": ["S1"], "training": ["fpp"]})
    >>> people = pd.DataFrame({"session": ["S1"], "participant": ["P1"],
    ...                        "role": ["professionnel"], "team_id": ["T01"]})
    >>> answers = pd.DataFrame({"session": ["S1"], "participant": ["P1"],
    ...                         "moment": ["avant"], "item": ["Q1"], "answer": ["B"]})
    >>> evaluation_answers(sessions, people, answers)[["training", "team_id"]].values.tolist()
    [['fpp', 'T01']]
    """
    check_columns(sessions, ["session", "training"], "sessions")
    check_columns(participants, ["session", "participant", "role", "team_id"], "participants")
    check_columns(answers, ["session", "participant", "moment", "item", "answer"], "answers")
    text = {"session": str, "participant": str}
    out = answers.astype(text | {"moment": str, "item": str}).merge(
        sessions[["session", "training"]].astype({"session": str, "training": str}),
        on="session", how="left",
    )  # fmt: skip
    people = participants[["session", "participant", "role", "team_id"]].astype(text)
    return out.merge(people, on=["session", "participant"], how="left")
