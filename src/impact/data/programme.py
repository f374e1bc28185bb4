"""The validated data of one partnership programme, as typed pandas tables."""

from __future__ import annotations

import html
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

__all__ = ["INPUT_TABLES", "CATALOGUES", "Programme", "SourceInfo"]

#: Tables that describe the programme's observations.
INPUT_TABLES = (
    "teams",
    "indicator_values",
    "barometer_responses",
    "prem_responses",
    "prom_responses",
    "questionnaire_responses",
    "roadmap",
    "partnership_activity",
    "programme_support",
    "training_sessions",
    "training_participants",
    "training_answers",
    "comments",
    "comment_reviews",
)
#: Editable catalogues (defaults ship in ``data_schemas/catalogues``).
CATALOGUES = (
    "indicators",
    "barometer_items",
    "prem_items",
    "prem_scales",
    "proms",
    "questionnaire_items",
    "training_items",
    "comment_themes",
    "comment_polarity",
)


@dataclass(frozen=True)
class SourceInfo:
    """Where a table came from and how it was read.

    Attributes
    ----------
    path : str
        File the table was read from (for a workbook: ``book.xlsx#sheet``), or
        ``"<default catalogue>"``/``"<demo>"``.
    sha256 : str
        SHA-256 of the file's bytes (empty for generated tables).
    encoding, separator, decimal : str
        CSV dialect detected (``"xlsx"`` for workbooks).
    """

    path: str
    sha256: str = ""
    encoding: str = ""
    separator: str = ""
    decimal: str = ""


@dataclass(frozen=True, repr=False)
class Programme:
    """A programme's validated tables.

    Every attribute named in :data:`INPUT_TABLES` and :data:`CATALOGUES` is a DataFrame
    whose columns follow the schema in ``data_schemas/`` (optional columns absent from the
    file are present and empty). Types: strings as ``str``, integers as nullable
    ``Int64``, numbers as ``float64``, booleans as nullable ``boolean``, dates and months
    as ``datetime64`` (months at their first day).

    Attributes
    ----------
    sources : dict of str to SourceInfo
        How each table was read.
    warnings : pandas.DataFrame
        Non-blocking problems (same columns as :attr:`DataValidationError.problems`).
    truth : pandas.DataFrame or None
        For a synthetic programme only: the true effects it was generated with.
    prom_responses, proms : pandas.DataFrame
        Patient-reported outcome scores and their catalogue (empty when not supplied).
    questionnaire_responses, questionnaire_items : pandas.DataFrame
        Answers to any Likert questionnaire of the catalogue (patient partners'
        experience, staff quality of working life…) and that catalogue.
    roadmap, partnership_activity, programme_support : pandas.DataFrame
        The 3-year roadmap, patient partners' monthly activity and the support each team
        received from the programme (empty when not supplied).
    training_sessions, training_participants, training_answers, training_items : pandas.DataFrame
        Partnership trainings: their sessions, participants (pseudonymised), the answers to
        their evaluation (expectations, quiz before and after, satisfaction, practice at a
        distance) and the catalogue of those items (empty when not supplied).
    comments, comment_reviews, comment_themes, comment_polarity : pandas.DataFrame
        Free-text comments as written (masked before any use: :mod:`impact.text`), the
        themes and tones confirmed or corrected on review, the theme catalogue and the
        polarity lexicon of the theme rules (empty when not supplied).
    """

    teams: pd.DataFrame
    indicator_values: pd.DataFrame
    barometer_responses: pd.DataFrame
    prem_responses: pd.DataFrame
    indicators: pd.DataFrame
    barometer_items: pd.DataFrame
    prem_items: pd.DataFrame
    prem_scales: pd.DataFrame
    sources: dict[str, SourceInfo] = field(default_factory=dict)
    warnings: pd.DataFrame | None = None
    truth: pd.DataFrame | None = None
    prom_responses: pd.DataFrame = field(default_factory=pd.DataFrame)
    proms: pd.DataFrame = field(default_factory=pd.DataFrame)
    questionnaire_responses: pd.DataFrame = field(default_factory=pd.DataFrame)
    questionnaire_items: pd.DataFrame = field(default_factory=pd.DataFrame)
    roadmap: pd.DataFrame = field(default_factory=pd.DataFrame)
    partnership_activity: pd.DataFrame = field(default_factory=pd.DataFrame)
    programme_support: pd.DataFrame = field(default_factory=pd.DataFrame)
    training_sessions: pd.DataFrame = field(default_factory=pd.DataFrame)
    training_participants: pd.DataFrame = field(default_factory=pd.DataFrame)
    training_answers: pd.DataFrame = field(default_factory=pd.DataFrame)
    training_items: pd.DataFrame = field(default_factory=pd.DataFrame)
    comments: pd.DataFrame = field(default_factory=pd.DataFrame)
    comment_reviews: pd.DataFrame = field(default_factory=pd.DataFrame)
    comment_themes: pd.DataFrame = field(default_factory=pd.DataFrame)
    comment_polarity: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def team_ids(self) -> list[str]:
        """Identifiers of the programme's teams (comparison units excluded)."""
        return self.teams.loc[~self.teams["comparison"].astype(bool), "team_id"].tolist()

    @property
    def comparison_ids(self) -> list[str]:
        """Identifiers of the comparison units outside the programme."""
        return self.teams.loc[self.teams["comparison"].astype(bool), "team_id"].tolist()

    def _summary(self) -> list[tuple[str, int]]:
        """(name, count) pairs of the short summary: teams, comparison units, rows per table."""
        tables = INPUT_TABLES + CATALOGUES
        counts = [("team_ids", len(self.team_ids)), ("comparison_ids", len(self.comparison_ids))]
        return counts + [(name, len(getattr(self, name))) for name in tables]

    def __repr__(self) -> str:
        """A short summary (teams, comparison units, rows per table), not the tables."""
        counts = self._summary()
        (_, teams), (_, comparisons) = counts[:2]
        rows = ", ".join(f"{name}={n}" for name, n in counts[2:])
        return f"Programme({teams} teams, {comparisons} comparison units; rows: {rows})"

    def _repr_html_(self) -> str:
        """The summary of :meth:`__repr__` as a two-column table (Jupyter's display)."""
        body = "".join(
            f'<tr><th style="text-align:left"><code>{html.escape(name)}</code></th>'
            f'<td style="text-align:right">{n}</td></tr>'
            for name, n in self._summary()
        )
        return f"<table><caption>Programme</caption><tbody>{body}</tbody></table>"

    def team(self, team_id: str) -> Programme:
        """Return the programme restricted to one team (catalogues kept whole).

        Raises
        ------
        KeyError
            If ``team_id`` is not in :attr:`teams`.
        """
        if team_id not in set(self.teams["team_id"]):
            raise KeyError(f"Unknown team_id {team_id!r}.")
        sliced = {
            name: getattr(self, name).loc[lambda d: d["team_id"] == team_id].reset_index(drop=True)
            for name in INPUT_TABLES
            if "team_id" in getattr(self, name).columns
        }
        sliced.update(self.team_trainings(team_id))
        sliced.update(self.team_comments(team_id))
        truth = self.truth
        if truth is not None:
            truth = truth.loc[truth["team_id"] == team_id].reset_index(drop=True)
        return replace(self, **sliced, truth=truth)

    def team_trainings(self, team_id: str) -> dict[str, pd.DataFrame]:
        """The team's training tables, by name, as :meth:`team` slices them: its
        participants, their answers, and the sessions they attended or that trained the
        team as a whole (an open session is kept, other teams' participants removed);
        empty when the programme has no training participants."""
        people = self.training_participants
        if "team_id" not in people.columns:
            return {}
        people = people.loc[people["team_id"] == team_id].reset_index(drop=True)
        sessions = self.training_sessions
        if "session" in sessions.columns:
            keep = sessions["session"].isin(people["session"]) | (sessions["team_id"] == team_id)
            sessions = sessions.loc[keep.fillna(False).astype(bool)].reset_index(drop=True)
        answers = self.training_answers
        if "participant" in answers.columns:
            key = ["session", "participant"]
            answers = answers.merge(people[key].astype(answers[key].dtypes.to_dict()), on=key)
        return {
            "training_participants": people,
            "training_sessions": sessions,
            "training_answers": answers,
        }

    def team_comments(self, team_id: str) -> dict[str, pd.DataFrame]:
        """The team's comments and their reviews, by name, as :meth:`team` slices them
        (a review has no team column: it follows its comment); empty when the programme
        has no comments."""
        comments = self.comments
        if "team_id" not in comments.columns:
            return {}
        comments = comments.loc[comments["team_id"] == team_id].reset_index(drop=True)
        reviews = self.comment_reviews
        if "comment" in reviews.columns:
            kept = reviews["comment"].isin(comments["comment"])
            reviews = reviews.loc[kept].reset_index(drop=True)
        return {"comments": comments, "comment_reviews": reviews}

    def to_csv(self, directory: str | Path) -> list[Path]:
        """Write every table as a UTF-8 CSV file named after it (plus ``truth.csv`` if any).

        Returns the paths written.
        """
        out = Path(directory)
        out.mkdir(parents=True, exist_ok=True)
        written = []
        tables = {name: getattr(self, name) for name in INPUT_TABLES + CATALOGUES}
        if self.truth is not None:
            tables["truth"] = self.truth
        for name, frame in tables.items():
            if frame.columns.empty:
                continue  # a table the programme was built without (not an empty table)
            path = out / f"{name}.csv"
            frame.to_csv(path, index=False, date_format="%Y-%m-%d")
            written.append(path)
        return written
