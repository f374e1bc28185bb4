"""Training exposure of the programme's teams: whether, when and how much each team was
trained (the moderator of the programme's level-4 analysis, and the date that splits a
team's barometer waves into before and after its training)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from impact.training.common import check_columns

__all__ = ["EXPOSURE_COLUMNS", "team_exposure"]

#: Columns of :func:`team_exposure`, in order.
EXPOSURE_COLUMNS = (
    "team_id", "trained", "first_training", "first_training_end", "n_sessions", "hours",
    "n_trained", "n_professionals", "n_patient_partners",
)  # fmt: skip
_SESSION_COLUMNS = ("session", "date", "team_id", "hours")
_PARTICIPANT_COLUMNS = ("session", "participant", "role", "team_id")
#: Contract roles of ``training_participants`` → the count column of :func:`team_exposure`.
_ROLE_COUNTS = {"professionnel": "n_professionals", "patient partenaire": "n_patient_partners"}


def _table(frame: pd.DataFrame, columns: tuple[str, ...], name: str) -> pd.DataFrame:
    """``frame`` with ``columns`` (a programme without the table has an empty frame with
    no column: it stands for an empty table)."""
    if frame.empty and not len(frame.columns):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    check_columns(frame, columns, name)
    return frame


def team_exposure(
    sessions: pd.DataFrame, participants: pd.DataFrame, team_ids: Iterable[str]
) -> pd.DataFrame:
    """Whether, when and how much each programme team was trained.

    A team *attended* a session when the session trained the team as a whole (its
    ``team_id`` is the team: a formation-action) or when one of the team's members
    (a participant whose ``team_id`` is the team) took part in it — the rule of
    :meth:`impact.data.programme.Programme.team`. The dose counts each session a team
    attended **once**, however many of its members took part: ``hours`` is the sum of the
    ``hours`` of the distinct sessions the team attended (two members at the same 14-hour
    course make 14 hours, not 28; two different sessions of 7 hours make 14). It measures
    the training the team as a whole was exposed to, not person-hours.

    Parameters
    ----------
    sessions : pandas.DataFrame
        ``training_sessions`` (``session``, ``date``, ``team_id``, ``hours``, optionally
        ``end_date``).
    participants : pandas.DataFrame
        ``training_participants`` (``session``, ``participant``, ``role``, ``team_id``).
    team_ids : iterable of str
        The programme's teams, one output row each in this order (sessions and
        participants of other teams are ignored).

    Returns
    -------
    pandas.DataFrame
        One row per team: ``team_id``; ``trained`` (bool: attended at least one session);
        ``first_training`` (first day of its earliest session, NaT when not trained);
        ``first_training_end`` (last day of that session — its ``end_date``, else its
        ``date``; the latest when several sessions start that day); ``n_sessions``
        (distinct sessions attended); ``hours`` (the dose above; 0.0 when not trained,
        NaN when a session attended has no hours); ``n_trained`` (distinct participants
        of the team, over every session); ``n_professionals``, ``n_patient_partners``
        (the same by role). The counts of people are not publishable as such: a page
        shows them through :func:`impact.report.privacy.publishable`.

    Examples
    --------
    >>> sessions = pd.DataFrame({"session": ["S1", "S2"], "date": ["2024-03-04", "2024-05-02"],
    ...                          "team_id": ["T01", None], "hours": [14.0, 7.0]})
    >>> people = pd.DataFrame({"session": ["S2", "S2"], "participant": ["P1", "P2"],
    ...     "role": ["professionnel", "patient partenaire"], "team_id": ["T01", "T02"]})
    >>> team_exposure(sessions, people, ["T01", "T02", "T03"])[
    ...     ["team_id", "trained", "hours", "n_trained"]].values.tolist()
    [['T01', True, 21.0, 1], ['T02', True, 7.0, 1], ['T03', False, 0.0, 0]]
    """
    teams = pd.Index([str(t) for t in team_ids], name="team_id")
    if teams.has_duplicates:
        raise ValueError(f"team_ids must be distinct. Got {list(teams)!r}.")
    sessions = _table(sessions, _SESSION_COLUMNS, "sessions")
    people = _table(participants, _PARTICIPANT_COLUMNS, "participants")
    people = people.loc[people["team_id"].astype("string").isin(teams)].astype(
        {"session": str, "participant": str, "team_id": str}
    )
    own = sessions.loc[sessions["team_id"].astype("string").isin(teams), ["session", "team_id"]]
    attended = pd.concat(
        [own.astype(str), people[["session", "team_id"]]], ignore_index=True
    ).drop_duplicates()
    info = pd.DataFrame({
        "session": sessions["session"].astype(str),
        "start": pd.to_datetime(sessions["date"]).dt.normalize(),
        "end": pd.to_datetime(sessions["end_date"] if "end_date" in sessions.columns
                              else sessions["date"]).dt.normalize(),
        "hours": pd.to_numeric(sessions["hours"], errors="coerce").astype(float),
    })  # fmt: skip
    info["end"] = info["end"].fillna(info["start"])
    rows = attended.merge(info, on="session", how="inner")
    first = rows.groupby("team_id")["start"].transform("min")
    dose = rows.groupby("team_id").agg(
        first_training=("start", "min"), n_sessions=("session", "nunique"),
        hours=("hours", lambda h: h.sum(min_count=len(h))),
    )  # fmt: skip
    dose["first_training_end"] = rows.loc[rows["start"] == first].groupby("team_id")["end"].max()
    counts = pd.DataFrame({"n_trained": people.groupby("team_id")["participant"].nunique()})
    for role, column in _ROLE_COUNTS.items():
        counts[column] = (
            people.loc[people["role"] == role].groupby("team_id")["participant"].nunique()
        )
    out = pd.DataFrame(index=teams).join(dose).join(counts).reset_index()
    out["n_sessions"] = out["n_sessions"].fillna(0).astype("int64")
    out["trained"] = out["n_sessions"] > 0
    out["hours"] = np.where(out["trained"], out["hours"], 0.0)
    for column in ("n_trained", *_ROLE_COUNTS.values()):
        out[column] = out[column].fillna(0).astype("int64")
    for column in ("first_training", "first_training_end"):
        out[column] = pd.to_datetime(out[column]).astype("datetime64[ns]")
    return out[list(EXPOSURE_COLUMNS)]
