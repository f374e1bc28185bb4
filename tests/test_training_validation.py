"""Issue 15, "bad input": the training tables' cross-table rules, each with its exact
French message (English for a few), and the warnings that do not block.

The programme broken here is ``valid_dir`` (``conftest.py``: T01 starts 2023-03-01, T02
2023-04-01, C01 is the comparison unit) with the training tables below and a
``training_items.csv`` holding the default catalogue (SAT_OBJ… 1–5, PRAT_IND, PRAT_COLL,
PLAN_1…3; spreadsheet rows 2–10) and four items of two trainings (rows 11–14). Rows follow
spreadsheet numbering (header = 1). Expected messages are written here by hand from the
rules of the brief.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import write_table
from impact import DataValidationError, load_programme
from impact.cli import cli
from impact.data.loading import read_programme
from impact.data.problems import group_problems

CATALOGUE = Path(__file__).resolve().parents[1] / "data_schemas" / "catalogues"

SESSIONS_HEADER = ["session", "training", "title", "date", "end_date", "place", "team_id",
                   "trainer", "hours", "objectives"]  # fmt: skip
#: Row 2: T01's formation-action; row 3: an open session of the same training; row 4: T02's
#: session of another training.
SESSIONS_ROWS = [
    ["FPP-01", "formation_pp", "Formation au partenariat", "2023-03-06", "2023-03-07",
     "Hôpital Nord", "T01", "binôme", "14", "OBJ1;OBJ2"],
    ["FPP-02", "formation_pp", "", "2023-04-03", "", "", "", "", "7", "OBJ1"],
    ["ETP-01", "etp", "Éducation thérapeutique", "2023-05-02", "", "", "T02", "", "21", ""],
]  # fmt: skip
PARTICIPANTS_HEADER = ["session", "participant", "role", "team_id"]
#: Rows 2–3: T01's two participants; row 4: a T02 professional in the open session; row 5:
#: T02's participant in its own session.
PARTICIPANTS_ROWS = [
    ["FPP-01", "P01", "professionnel", "T01"],
    ["FPP-01", "P02", "patient partenaire", "T01"],
    ["FPP-02", "P03", "professionnel", "T02"],
    ["ETP-01", "P04", "professionnel", "T02"],
]
#: Items added to the default catalogue (rows 11–14): two quiz questions and an
#: expectation of formation_pp, a quiz question of etp.
OWN_ITEMS = [
    {"training": "formation_pp", "item": "Q1", "kind": "quiz", "label_fr": "Question 1",
     "label_en": "Question 1", "correct": "B", "objective": "OBJ1"},
    {"training": "formation_pp", "item": "Q2", "kind": "quiz", "label_fr": "Question 2",
     "label_en": "Question 2", "correct": "vrai", "objective": "OBJ2"},
    {"training": "formation_pp", "item": "ATT1", "kind": "expectation",
     "label_fr": "J'attends de savoir co-construire", "label_en": "I expect to co-build",
     "objective": "OBJ1"},
    {"training": "etp", "item": "E1", "kind": "quiz", "label_fr": "Question E1",
     "label_en": "Question E1", "correct": "A"},
]  # fmt: skip
ANSWERS_HEADER = ["session", "participant", "moment", "item", "answer"]
ANSWERS_ROWS = [
    ["FPP-01", "P01", "attentes", "ATT1", "oui"],        # row 2
    ["FPP-01", "P01", "avant", "Q1", "A"],               # row 3
    ["FPP-01", "P01", "avant", "Q2", "vrai"],            # row 4
    ["FPP-01", "P01", "après", "Q1", "B"],               # row 5
    ["FPP-01", "P01", "après", "Q2", "Vrai"],            # row 6
    ["FPP-01", "P01", "à chaud", "SAT_OBJ", "4"],        # row 7
    ["FPP-01", "P01", "à chaud", "ATT1", "OUI"],         # row 8
    ["FPP-01", "P01", "à distance", "PRAT_IND", "oui"],  # row 9
    ["FPP-01", "P01", "à distance", "PLAN_1", "Pas commence"],  # row 10
    ["FPP-01", "P02", "avant", "Q1", "B"],               # row 11
    ["FPP-01", "P02", "après", "Q1", "B"],               # row 12
    ["FPP-01", "P02", "à chaud", "SAT_QUAL", "5"],       # row 13
    ["FPP-01", "P02", "à chaud", "SAT_METH", ""],        # row 14: no answer
    ["FPP-02", "P03", "avant", "Q1", "C"],               # row 15
    ["FPP-02", "P03", "après", "Q1", "B"],               # row 16
    ["ETP-01", "P04", "avant", "E1", "B"],               # row 17
    ["ETP-01", "P04", "après", "E1", "A"],               # row 18
]  # fmt: skip
TRAINING = {
    "training_sessions": (SESSIONS_HEADER, SESSIONS_ROWS),
    "training_participants": (PARTICIPANTS_HEADER, PARTICIPANTS_ROWS),
    "training_answers": (ANSWERS_HEADER, ANSWERS_ROWS),
}


def catalogue_rows() -> tuple[list[str], list[list[str]]]:
    """The default training_items catalogue, then :data:`OWN_ITEMS`, as raw text."""
    with (CATALOGUE / "training_items.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [list(r) for r in reader]
    rows += [[item.get(column, "") for column in header] for item in OWN_ITEMS]
    return header, rows


@pytest.fixture
def training_dir(valid_dir: Path) -> Path:
    """The valid programme with valid training tables and its own items catalogue."""
    for name, (header, rows) in TRAINING.items():
        write_table(valid_dir / f"{name}.csv", header, [list(r) for r in rows])
    write_table(valid_dir / "training_items.csv", *catalogue_rows())
    return valid_dir


def edit(folder: Path, table: str, row: int, column: str, text: str) -> None:
    """Set one cell of a table (``row`` in spreadsheet numbering)."""
    current = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    current.iloc[row - 2, list(current.columns).index(column)] = text
    write_table(folder / f"{table}.csv", list(current.columns), current.to_numpy().tolist())


def append(folder: Path, table: str, *new: list[str]) -> None:
    current = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    write_table(folder / f"{table}.csv", list(current.columns),
                current.to_numpy().tolist() + list(new))  # fmt: skip


def drop(folder: Path, table: str, row: int) -> None:
    current = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    rest = current.drop(index=row - 2)
    write_table(folder / f"{table}.csv", list(current.columns), rest.to_numpy().tolist())


def problems_of(folder: Path, lang: str = "fr") -> pd.DataFrame:
    with pytest.raises(DataValidationError) as info:
        load_programme(folder, lang=lang)
    return info.value.problems


def warnings_of(folder: Path, lang: str = "fr") -> pd.DataFrame:
    programme, problems = read_programme(folder, lang=lang)
    assert programme is not None, problems.to_string()
    return problems


def only(problems: pd.DataFrame, rule: str) -> pd.Series:
    assert list(problems["rule"]) == [rule], problems[["rule", "row", "message"]].to_string()
    return problems.iloc[0]


def where(p: pd.Series) -> tuple:
    return p["severity"], p["table"], p["file"], p["row"], p["column"], p["value"]


# --- the valid training tables ----------------------------------------------------------


def test_valid_training_tables_load_without_any_problem(training_dir):
    programme, problems = read_programme(training_dir)
    assert programme is not None and len(problems) == 0, problems.to_string()
    assert list(programme.training_sessions["session"]) == ["FPP-01", "FPP-02", "ETP-01"]
    assert len(programme.training_answers) == len(ANSWERS_ROWS)
    assert list(programme.training_items["item"][-4:]) == ["Q1", "Q2", "ATT1", "E1"]
