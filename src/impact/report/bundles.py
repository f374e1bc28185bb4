"""Bundles: each team's part of a run, saved once and loaded by its report notebook.

:func:`write_team_bundles` saves, per team, the team's slice of every table
(:func:`impact.report.results.compute_tables`) with its part of the validated programme;
the team notebook loads it (:func:`load_team_results`) instead of reading the data and
computing again: the same tables as :func:`impact.report.results.team_results`, computed
once for every team. The programme-level DiD has its bundle too
(:func:`write_did_bundle`), computed once per run.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from impact.data.programme import INPUT_TABLES, Programme
from impact.data.warning_groups import team_warnings
from impact.report.results import RunTables, TeamResults, results_slicer, team_slicer

__all__ = [
    "load_comments_bundle",
    "load_did_bundle",
    "load_team_results",
    "write_comments_bundle",
    "write_did_bundle",
    "write_team_bundles",
]


_BUNDLE_VERSION = 1


def _programme_slicer(programme: Programme) -> Callable[[str], Programme]:
    """A function team → :meth:`Programme.team` (each input table with a team column
    split once; the training tables by :meth:`Programme.team_trainings`, which follows
    participants to their sessions and answers, the comments' reviews by
    :meth:`Programme.team_comments`, their texts left out: the comments as written never
    reach a bundle, the report reads the run's masked tables), with the data's warnings
    the team's report shows (:func:`impact.data.warning_groups.team_warnings`: not the
    other teams', which would make every bundle grow with the number of teams).

    Both methods run on the team's rows only (:func:`_team_rows`, grouped once), not on
    the whole programme: the same tables, in time linear in the number of teams."""
    split = {}
    for name in INPUT_TABLES:
        frame = getattr(programme, name)
        if "team_id" in frame.columns:
            split[name] = team_slicer(frame)
    truth = team_slicer(programme.truth) if programme.truth is not None else None
    rows = _team_rows(programme)

    def one(team: str) -> Programme:
        own = replace(programme, **rows(team))
        return replace(
            programme,
            **{name: s(team) for name, s in split.items()}
            | own.team_trainings(team)
            | _without_text(own.team_comments(team)),
            truth=truth(team) if truth is not None else None,
            warnings=team_warnings(programme.warnings, team),
        )

    return one


def _team_rows(programme: Programme) -> Callable[[str], dict[str, pd.DataFrame]]:
    """A function team → the rows of the training and comment tables that
    :meth:`Programme.team_trainings` and :meth:`Programme.team_comments` may keep for the
    team (in their order: the methods then select from them exactly as from the whole
    tables): its participants and their answers, its comments and their reviews (the
    sessions are left whole: a team's open sessions are found through its participants)."""
    tables: dict[str, Callable[[str], pd.DataFrame]] = {}
    people, comments = programme.training_participants, programme.comments
    if "team_id" in people.columns:
        tables["training_participants"] = team_slicer(people)
        answers = programme.training_answers
        if "participant" in answers.columns:
            tables["training_answers"] = _owned_rows(answers, people, ["session", "participant"])
    if "team_id" in comments.columns:
        tables["comments"] = team_slicer(comments)
        reviews = programme.comment_reviews
        if "comment" in reviews.columns:
            tables["comment_reviews"] = _owned_rows(reviews, comments, ["comment"])
    return lambda team: {name: rows(team) for name, rows in tables.items()}


def _owned_rows(table: pd.DataFrame, owners: pd.DataFrame, key: list[str]
                ) -> Callable[[str], pd.DataFrame]:  # fmt: skip
    """A function team → the rows of ``table`` (original order) whose ``key`` matches a
    row of ``owners`` (``key`` columns and ``team_id``) of that team; one merge for all
    teams."""
    pairs = owners[[*key, "team_id"]].dropna(subset=["team_id"]).drop_duplicates()
    pairs = pairs.astype(table[key].dtypes.to_dict())
    found = table[key].assign(_row=np.arange(len(table))).merge(pairs, on=key)
    positions = {str(team): np.unique(rows.to_numpy())
                 for team, rows in found.groupby("team_id", sort=False)["_row"]}  # fmt: skip
    empty = table.iloc[:0]
    return lambda team: table.iloc[positions[team]] if team in positions else empty


def _without_text(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The team's comment tables with every text emptied (the comments as written)."""
    comments = tables.get("comments")
    if comments is not None and "text" in comments.columns:
        tables = {**tables, "comments": comments.assign(text="")}
    return tables


def write_team_bundles(programme: Programme, tables: RunTables, folder: str | Path
                       ) -> dict[str, Path]:  # fmt: skip
    """Save each team's part of the programme and its tables for the team notebook.

    Returns
    -------
    dict of str to pathlib.Path
        Bundle file per team (``folder/<team_id>.pkl``; pickle: read only files you
        wrote).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    results, programmes = results_slicer(tables), _programme_slicer(programme)
    paths = {}
    for team in tables.teams:  # one bundle at a time: none is kept once written
        bundle = {"version": _BUNDLE_VERSION, "team_id": team, "lang": tables.lang,
                  "min_cell": tables.min_cell, "programme": programmes(team),
                  "results": results(team)}  # fmt: skip
        paths[team] = folder / f"{team}.pkl"
        with paths[team].open("xb") as fh:
            pickle.dump(bundle, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return paths


def load_team_results(path: str | Path, *, team_id: str, lang: str, min_cell: int
                      ) -> tuple[Programme, TeamResults]:  # fmt: skip
    """Load a bundle written by :func:`write_team_bundles` for the team notebook.

    Returns the team's part of the validated programme (teams table, the team's rows,
    every catalogue, sources, the warnings that concern the team or no team in particular)
    and its :class:`TeamResults`.

    Raises
    ------
    ValueError
        If the bundle was computed for another team, language or minimum cell size.
    """
    with Path(path).open("rb") as fh:
        bundle = pickle.load(fh)
    got = (bundle.get("version"), bundle.get("team_id"), bundle.get("lang"), bundle.get("min_cell"))
    if got != (_BUNDLE_VERSION, team_id, lang, min_cell):
        raise ValueError(
            f"{path} holds results for (version, team, lang, min_cell) = {got!r},"
            f" not {(_BUNDLE_VERSION, team_id, lang, min_cell)!r}."
        )
    return bundle["programme"], bundle["results"]


def _write_bundle(key: str, value: object, path: str | Path) -> Path:
    """Pickle ``value`` under ``key`` with the bundle version (a new file only)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("xb") as fh:
        pickle.dump({"version": _BUNDLE_VERSION, key: value}, fh,
                    protocol=pickle.HIGHEST_PROTOCOL)  # fmt: skip
    return path


def _load_bundle(key: str, path: str | Path) -> object:
    """The value saved by :func:`_write_bundle` under ``key``.

    Raises
    ------
    ValueError
        If the file was written by another version of the bundle format.
    """
    with Path(path).open("rb") as fh:
        bundle = pickle.load(fh)
    if bundle.get("version") != _BUNDLE_VERSION:
        raise ValueError(f"{path} holds a bundle of version {bundle.get('version')!r}, "
                         f"not {_BUNDLE_VERSION!r}.")  # fmt: skip
    return bundle[key]


def write_did_bundle(did: dict[str, pd.DataFrame], path: str | Path) -> Path:
    """Save the run's :func:`did_programme` for the programme notebook (pickle: read only
    files you wrote); :func:`load_did_bundle` reads it back."""
    return _write_bundle("did_programme", did, path)


def write_comments_bundle(tables: object, path: str | Path) -> Path:
    """Save the run's comment tables (:func:`impact.report.comment_tables.comment_tables`:
    masked texts only) for the programme notebook; :func:`load_comments_bundle` reads it
    back (pickle: read only files you wrote)."""
    return _write_bundle("comments", tables, path)


def load_comments_bundle(path: str | Path) -> object:
    """Load the comment tables saved by :func:`write_comments_bundle` (ValueError for
    another bundle version)."""
    return _load_bundle("comments", path)


def load_did_bundle(path: str | Path) -> dict[str, pd.DataFrame]:
    """Load the programme-level DiD saved by :func:`write_did_bundle` (ValueError for
    another bundle version)."""
    return _load_bundle("did_programme", path)
