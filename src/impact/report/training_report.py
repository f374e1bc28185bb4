"""The report of one training for its organisers (issue 15): its tables, made publishable.

:func:`training_tables` computes, for one training of the programme (all its sessions,
every participant whatever their team), the Kirkpatrick levels 1–3 of
:mod:`impact.training` on :func:`impact.training.common.evaluation_answers`, for the
training as a whole and per session, then passes them through
:func:`impact.report.privacy.publishable` (name ``"training_report"``: small sessions
hidden with their complementary cells, see
:func:`impact.report.privacy.training_report_rules`). The page is built by
:mod:`impact.report.training_report_html`; ``notebooks/training_report.ipynb`` calls both.

A report run (:func:`impact.run.runner.run_reports`) saves each training's part of the
programme once (:func:`write_training_bundles`); the notebook loads it
(:func:`open_training`) instead of reading the data again.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from impact.data.programme import INPUT_TABLES, Programme
from impact.report.privacy import TRAINING_REPORT, TRAINING_ROLES, publishable
from impact.report.results import open_programme
from impact.training import (
    action_plans,
    expectations,
    item_analysis,
    item_change,
    kr20,
    normalised_gain,
    practice_change,
    quiz_change,
    quiz_grid,
    quiz_scores,
    satisfaction,
)
from impact.training.common import catalogue, evaluation_answers

__all__ = [
    "FAMILIES", "TrainingTables", "load_training_bundle", "open_training", "training_codes",
    "training_programme", "training_tables", "training_title", "write_training_bundles",
]  # fmt: skip

#: The families of a training report, in the page's order: each one's tables are computed
#: together and, when that fails, its error is said in its section and in the methods.
FAMILIES = ("satisfaction", "expectations", "quiz", "practice")
#: The contract's roles, in the order of :data:`impact.report.privacy.TRAINING_ROLES`.
ROLES = ("professionnel", "patient partenaire")
_TRAINING_TABLES = ("training_sessions", "training_participants", "training_answers")
_BUNDLE_VERSION = 1
_BY = ("training",)
_BY_SESSION = ("training", "session")


@dataclass(frozen=True)
class TrainingTables:
    """One training's publishable tables and what could not be computed.

    Attributes
    ----------
    training, title : str
        The training's code and its title (the code when the sessions give none).
    tables : dict of str to pandas.DataFrame or None
        Publishable tables (flag ``suppressed``): ``"sessions"`` and ``"participants"``
        (per session and in all, by role), then per family the training's table and
        the same per session (key ``"<name>_sessions"``): ``"satisfaction"``,
        ``"expectations"``, ``"quiz_change"``, ``"normalised_gain"``, ``"item_change"``,
        ``"item_analysis"``, ``"kr20"``, ``"practice"``, ``"action_plans"``. None: no
        answer of that kind (no quiz in the training, no answer at a distance yet).
    errors : dict of str to str
        Family of :data:`FAMILIES` → the error that stopped it, in plain words.
    items : pandas.DataFrame
        The training's catalogue rows (labels of the questions).
    lang : {"fr", "en"}
    min_cell : int
    """

    training: str
    title: str
    tables: dict[str, pd.DataFrame | None]
    errors: dict[str, str] = field(default_factory=dict)
    items: pd.DataFrame = field(default_factory=pd.DataFrame)
    lang: str = "fr"
    min_cell: int = 10


def training_codes(programme: Programme) -> list[str]:
    """The programme's trainings, by date of their first session (then code)."""
    sessions = programme.training_sessions
    if sessions.empty or "training" not in sessions.columns:
        return []
    first = sessions.groupby(sessions["training"].astype(str))["date"].min()
    return first.reset_index().sort_values(["date", "training"])["training"].tolist()


def training_programme(programme: Programme, training: str) -> Programme:
    """The programme reduced to one training: its sessions, their participants and
    answers; the other observation tables empty (their columns kept), the catalogues and
    sources kept (for the provenance note).

    Raises
    ------
    KeyError
        If ``training`` has no session.
    """
    sessions = programme.training_sessions
    mine = sessions.loc[sessions["training"].astype(str) == training].reset_index(drop=True)
    if mine.empty:
        known = ", ".join(training_codes(programme)) or "–"
        raise KeyError(f"No session of training {training!r} (trainings: {known}).")
    keep = set(mine["session"].astype(str))
    sliced = {name: getattr(programme, name).iloc[0:0] for name in INPUT_TABLES
              if name not in _TRAINING_TABLES and name != "teams"}  # fmt: skip
    for name in ("training_participants", "training_answers"):
        table = getattr(programme, name)
        sliced[name] = table.loc[table["session"].astype(str).isin(keep)].reset_index(drop=True)
    return replace(programme, **sliced, training_sessions=mine, truth=None)


def write_training_bundles(programme: Programme, trainings: list[str], folder: str | Path
                           ) -> dict[str, Path]:  # fmt: skip
    """Save each training's part of the programme for its notebook (``folder/<code>.pkl``;
    pickle: read only files you wrote)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for code in trainings:
        paths[code] = folder / f"{code}.pkl"
        bundle = {"version": _BUNDLE_VERSION, "training": code,
                  "programme": training_programme(programme, code)}  # fmt: skip
        with paths[code].open("xb") as fh:
            pickle.dump(bundle, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return paths


def load_training_bundle(path: str | Path, *, training: str) -> Programme:
    """Load a training's part of the programme saved by :func:`write_training_bundles`.

    Raises
    ------
    ValueError
        If the bundle was written for another training or another bundle version.
    """
    with Path(path).open("rb") as fh:
        bundle = pickle.load(fh)
    got = (bundle.get("version"), bundle.get("training"))
    if got != (_BUNDLE_VERSION, training):
        raise ValueError(f"{path} holds the bundle (version, training) = {got!r}, "
                         f"not {(_BUNDLE_VERSION, training)!r}.")  # fmt: skip
    return bundle["programme"]


def open_training(data_path: str | Path, training: str, *, lang: str = "fr",
                  results_path: str | Path = "") -> tuple[Programme, str]:  # fmt: skip
    """The programme a training notebook reports on and the training's code.

    ``results_path`` (set by a report run): the bundle of :func:`write_training_bundles`.
    Otherwise the data at ``data_path`` (the demo programme when empty, see
    :func:`impact.report.results.open_programme`); ``training`` empty: its first training.

    Raises
    ------
    ValueError
        If the programme has no training, or none of that code.
    """
    if str(results_path):
        return load_training_bundle(results_path, training=training), training
    programme = open_programme(data_path, lang=lang)
    codes = training_codes(programme)
    if not codes:
        raise ValueError("The programme has no training session (table training_sessions).")
    training = training or codes[0]
    if training not in codes:
        raise ValueError(f"Unknown training {training!r}; the programme's: {', '.join(codes)}.")
    return programme, training


def training_title(sessions: pd.DataFrame, training: str) -> str:
    """The training's title: the first non-empty ``title`` of its sessions, else its code."""
    mine = sessions.loc[sessions["training"].astype(str) == training]
    titles = mine["title"].dropna().astype(str) if "title" in mine.columns else []
    titles = [x for x in titles if x.strip()]
    return titles[0] if titles else training


def _participants(sessions: pd.DataFrame, people: pd.DataFrame) -> tuple[pd.DataFrame, ...]:
    """Participants per session and in all, by role (:data:`TRAINING_ROLES`)."""
    people = people.drop_duplicates(["session", "participant"])
    counts = pd.crosstab(people["session"].astype(str), people["role"].astype(str))
    counts = counts.reindex(columns=list(ROLES), fill_value=0)
    counts.columns = list(TRAINING_ROLES)
    per_session = sessions.assign(session=sessions["session"].astype(str)).merge(
        counts, left_on="session", right_index=True, how="left"
    )  # fmt: skip
    per_session[list(TRAINING_ROLES)] = per_session[list(TRAINING_ROLES)].fillna(0).astype(int)
    n = people.groupby(people["session"].astype(str)).size()
    per_session["n"] = per_session["session"].map(n).fillna(0).astype(int)
    columns = ["training", "session", "date", "end_date", "place", "team_id", "hours", "n",
               *TRAINING_ROLES]  # fmt: skip
    per_session = per_session[[c for c in columns if c in per_session.columns]]
    total = pd.DataFrame({
        "training": [str(sessions["training"].iloc[0])], "n_sessions": [len(sessions)],
        "first": [sessions["date"].min()],
        "last": [sessions.get("end_date", sessions["date"]).fillna(sessions["date"]).max()],
        "hours": [sessions["hours"].sum()], "n": [len(people)],
        **{role: [int(per_session[role].sum())] for role in TRAINING_ROLES},
    })  # fmt: skip
    return per_session, total


def _answered(answers: pd.DataFrame, items: pd.DataFrame, kind: str, moments) -> bool:
    """True when ``answers`` hold a non-empty answer to an item of ``kind`` at ``moments``."""
    codes = set(catalogue(items, answers, kind)["item"].astype(str))
    hit = answers["moment"].isin(moments) & answers["item"].astype(str).isin(codes)
    return bool((hit & answers["answer"].fillna("").astype(str).str.strip().ne("")).any())


def _family(name: str, answers, items, sessions, n_boot: int, seed: int) -> dict:
    """The raw tables of one family (empty when nobody answered its items)."""
    if name == "satisfaction":
        if not _answered(answers, items, "satisfaction", ["à chaud"]):
            return {}
        return {"satisfaction": satisfaction(answers, items, by=_BY),
                "satisfaction_sessions": satisfaction(answers, items, by=_BY_SESSION)}  # fmt: skip
    if name == "expectations":
        if not _answered(answers, items, "expectation", ["attentes"]):
            return {}
        return {
            "expectations": expectations(answers, items, sessions, by=_BY),
            "expectations_sessions": expectations(answers, items, sessions, by=_BY_SESSION),
        }
    if name == "practice":
        out = {}
        if _answered(answers, items, "practice_change", ["à distance"]):
            out["practice"] = practice_change(answers, items, by=_BY)
            out["practice_sessions"] = practice_change(answers, items, by=_BY_SESSION)
        if _answered(answers, items, "action_plan", ["à distance"]):
            out["action_plans"] = action_plans(answers, items, by=_BY)
            out["action_plans_sessions"] = action_plans(answers, items, by=_BY_SESSION)
        return out
    grid = quiz_grid(answers, items)  # the quiz
    moments = set(grid["moment"])
    if not {"avant", "après"} <= moments:
        return {}
    scores = quiz_scores(grid)
    change = quiz_change(scores, by=_BY_SESSION)
    return {
        "quiz_change": quiz_change(scores, by=_BY),
        "quiz_change_sessions": change.loc[change["measure"] == "mean change"],
        "normalised_gain": normalised_gain(scores, by=_BY, n_boot=n_boot, seed=seed),
        "item_change": item_change(grid, by=_BY),
        "item_analysis": item_analysis(grid, moment="avant", by=_BY),
        "kr20": kr20(grid, moment="avant", by=_BY),
    }


def training_tables(
    programme: Programme, training: str, *, lang: str = "fr", min_cell: int = 10,
    n_boot: int = 2000, seed: int = 0,
) -> TrainingTables:  # fmt: skip
    """One training's publishable tables (see :class:`TrainingTables`).

    Every participant of the training's sessions counts, whatever their team. A family
    whose computation fails (an answer outside its scale, an unknown item) is left out
    with its error (:attr:`TrainingTables.errors`); the others are computed.

    Parameters
    ----------
    programme : Programme
        The programme, or its part of :func:`training_programme`.
    training : str
        The training's code (``training_sessions.training``).
    lang : {"fr", "en"}
    min_cell : int, default 10
    n_boot, seed : int
        Bootstrap replicates and seed of the normalised gain's interval.
    """
    part = training_programme(programme, training)
    sessions = part.training_sessions
    answers = evaluation_answers(sessions, part.training_participants, part.training_answers)
    items = programme.training_items
    raw: dict[str, pd.DataFrame | None] = {}
    raw["sessions"], raw["participants"] = _participants(sessions, part.training_participants)
    errors = {}
    for name in FAMILIES:
        try:
            raw.update(_family(name, answers, items, sessions, n_boot, seed))
        except Exception as exc:  # noqa: BLE001 - said in the report, the others go on
            errors[name] = f"{type(exc).__name__}: {exc}"
    shown = publishable({TRAINING_REPORT: raw}, min_cell=min_cell)[TRAINING_REPORT]
    own = items["training"].fillna("").astype(str).isin(["", training])
    return TrainingTables(training=training, title=training_title(sessions, training), tables=shown,
                          errors=errors, items=items.loc[own].reset_index(drop=True),
                          lang=lang, min_cell=min_cell)  # fmt: skip
