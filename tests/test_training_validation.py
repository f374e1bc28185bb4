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


# --- answers: who, which item, when, what -----------------------------------------------


def test_an_answer_of_a_participant_not_enrolled_in_the_session(training_dir):
    # P03 follows FPP-02, not FPP-01
    append(training_dir, "training_answers", ["FPP-01", "P03", "à chaud", "SAT_QUAL", "3"])
    p = only(problems_of(training_dir), "training-not-enrolled")
    assert where(p) == ("error", "training_answers", "training_answers.csv", 19, "participant",
                        "P03")  # fmt: skip
    assert p["message"] == (
        "le participant P03 n'est pas inscrit à la session FPP-01 dans training_participants "
        "— ajouter la ligne (session FPP-01, participant P03) à training_participants, ou "
        "corriger le pseudonyme ou la session"
    )


def test_answers_without_the_participants_table_are_all_refused(training_dir):
    (training_dir / "training_participants.csv").unlink()
    problems = problems_of(training_dir)
    assert set(problems["rule"]) == {"training-not-enrolled"}
    assert list(problems["row"]) == list(range(2, 2 + len(ANSWERS_ROWS)))


def test_an_answer_to_an_unknown_session_is_only_a_foreign_key_error(training_dir):
    # neither « not enrolled » nor « quiz not paired » on top
    edit(training_dir, "training_answers", 13, "session", "FPP-09")
    p = only(problems_of(training_dir), "foreign-key")
    assert where(p) == ("error", "training_answers", "training_answers.csv", 13, "session",
                        "FPP-09")  # fmt: skip
    assert p["message"] == (
        "« FPP-09 » dans « session » n'existe pas dans la table « training_sessions »"
    )


def test_sessions_named_without_a_sessions_table_are_unknown(training_dir):
    (training_dir / "training_sessions.csv").unlink()
    problems = problems_of(training_dir)
    assert set(problems["rule"]) == {"foreign-key"}
    counts = problems.groupby("table")["row"].count().to_dict()
    assert counts == {"training_answers": len(ANSWERS_ROWS),
                      "training_participants": len(PARTICIPANTS_ROWS)}  # fmt: skip
    assert problems.iloc[0]["message"] == (
        "« FPP-01 » dans « session » n'existe pas dans la table « training_sessions »"
    )


def test_an_unknown_item_names_the_training_items_catalogue(training_dir):
    edit(training_dir, "training_answers", 4, "item", "Q3")
    p = only(problems_of(training_dir), "foreign-key")
    assert where(p) == ("error", "training_answers", "training_answers.csv", 4, "item", "Q3")
    assert p["message"] == "« Q3 » dans « item » n'existe pas dans la table « training_items »"
    english = only(problems_of(training_dir, "en"), "foreign-key")["message"]
    assert english == "'Q3' in 'item' does not exist in table 'training_items'"


def test_an_item_of_another_training(training_dir):
    edit(training_dir, "training_answers", 17, "item", "Q1")  # ETP-01 is a session of etp
    p = only(problems_of(training_dir), "training-item-training")
    assert where(p) == ("error", "training_answers", "training_answers.csv", 17, "item", "Q1")
    assert p["message"] == (
        "l'item Q1 est de la formation « formation_pp », pas de « etp » (formation de la "
        "session ETP-01) — corriger le code de l'item, ou sa formation dans training_items "
        "(vide pour un item commun à toutes les formations)"
    )


def test_an_item_common_to_every_training_fits_every_session(training_dir):
    append(training_dir, "training_answers", ["ETP-01", "P04", "à chaud", "SAT_OBJ", "2"])
    assert len(warnings_of(training_dir)) == 0


@pytest.mark.parametrize(
    ("row", "moment", "kind", "item", "allowed"),
    [(3, "à chaud", "quiz", "Q1", "avant, après"),
     (7, "après", "satisfaction", "SAT_OBJ", "à chaud"),
     (2, "à distance", "expectation", "ATT1", "attentes, à chaud"),
     (9, "à chaud", "practice_change", "PRAT_IND", "à distance"),
     (10, "attentes", "action_plan", "PLAN_1", "à distance")],
)  # fmt: skip
def test_an_item_answered_at_a_moment_its_kind_is_not_asked(
    training_dir, row, moment, kind, item, allowed
):
    edit(training_dir, "training_answers", row, "moment", moment)
    problems = problems_of(training_dir)
    p = problems[problems["rule"] == "training-moment"].iloc[0]
    assert where(p) == ("error", "training_answers", "training_answers.csv", row, "moment",
                        moment)  # fmt: skip
    assert p["message"] == (
        f"un item {kind} ({item}) ne se pose pas au temps « {moment} » (temps permis : "
        f"{allowed}) — corriger le temps de l'évaluation, ou le code de l'item"
    )
    # moving P01's only « avant » answer to Q1 away leaves Q2 there: still paired
    assert set(problems["rule"]) == {"training-moment"}


@pytest.mark.parametrize("answer", ["6", "0", "3.5", "quatre", "4,0"])
def test_a_satisfaction_answer_off_the_items_scale(training_dir, answer):
    edit(training_dir, "training_answers", 7, "answer", answer)  # SAT_OBJ: 1–5
    p = only(problems_of(training_dir), "training-score")
    assert where(p) == ("error", "training_answers", "training_answers.csv", 7, "answer",
                        answer)  # fmt: skip
    assert p["message"] == (
        f"« {answer} » n'est pas une note entière de l'échelle 1–5 de l'item SAT_OBJ — écrire "
        "un nombre entier de 1 à 5, ou laisser la cellule vide sans réponse"
    )


def test_a_satisfaction_score_of_the_scale_written_with_decimals_is_read(training_dir):
    edit(training_dir, "training_answers", 7, "answer", "5.0")
    assert len(warnings_of(training_dir)) == 0


@pytest.mark.parametrize(
    ("row", "answer", "item", "kind"),
    [(9, "peut-être", "PRAT_IND", "practice_change"), (2, "yes", "ATT1", "expectation"),
     (8, "1", "ATT1", "expectation")],
)  # fmt: skip
def test_a_yes_no_answer_that_is_neither(training_dir, row, answer, item, kind):
    edit(training_dir, "training_answers", row, "answer", answer)
    p = only(problems_of(training_dir), "training-yes-no")
    assert where(p) == ("error", "training_answers", "training_answers.csv", row, "answer",
                        answer)  # fmt: skip
    assert p["message"] == (
        f"« {answer} » n'est ni oui ni non (item {item}, {kind}) — écrire oui ou non, ou "
        "laisser la cellule vide sans réponse"
    )


def test_an_action_plan_answer_that_is_no_state(training_dir):
    edit(training_dir, "training_answers", 10, "answer", "terminé")
    p = only(problems_of(training_dir), "training-action-state")
    assert where(p) == ("error", "training_answers", "training_answers.csv", 10, "answer",
                        "terminé")  # fmt: skip
    assert p["message"] == (
        "« terminé » n'est pas un état d'une action du plan (item PLAN_1) — écrire fait, en "
        "cours ou pas commencé, ou laisser la cellule vide sans réponse"
    )


@pytest.mark.parametrize("answer", ["EN COURS", " fait", "pas   commencé", "Pas Commencé"])
def test_action_plan_states_are_read_without_case_accents_or_spaces(training_dir, answer):
    edit(training_dir, "training_answers", 10, "answer", answer)
    assert len(warnings_of(training_dir)) == 0


def test_an_error_exits_2_and_is_listed(training_dir):
    edit(training_dir, "training_answers", 7, "answer", "7")
    result = CliRunner().invoke(cli, ["validate", str(training_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert result.output.splitlines()[1:] == [
        "  ERREUR [training_answers] training_answers.csv · ligne 7 · answer : « 7 » n'est pas "
        "une note entière de l'échelle 1–5 de l'item SAT_OBJ — écrire un nombre entier de 1 "
        "à 5, ou laisser la cellule vide sans réponse (training-score)"
    ]


# --- the catalogue and the sessions -----------------------------------------------------


def test_a_quiz_item_without_its_correct_answer(training_dir):
    edit(training_dir, "training_items", 12, "correct", "")
    p = only(problems_of(training_dir), "training-quiz-correct")
    assert where(p) == ("error", "training_items", "training_items.csv", 12, "correct", "")
    assert p["message"] == (
        "question de quiz Q2 sans bonne réponse — écrire la bonne réponse dans correct "
        "(ex. B, vrai)"
    )


def test_a_satisfaction_item_without_domain(training_dir):
    edit(training_dir, "training_items", 3, "domain", "")
    p = only(problems_of(training_dir), "training-domain")
    assert where(p) == ("error", "training_items", "training_items.csv", 3, "domain", "")
    assert p["message"] == (
        "item de satisfaction SAT_PROG sans domaine — écrire objectifs, programme, méthodes ou "
        "qualité dans domain"
    )


def test_a_satisfaction_item_without_scale(training_dir):
    edit(training_dir, "training_items", 2, "scale_max", "")
    p = only(problems_of(training_dir), "training-scale")
    assert where(p) == ("error", "training_items", "training_items.csv", 2, "scale_max", "")
    assert p["message"] == (
        "item de satisfaction SAT_OBJ sans « scale_max » — écrire la plus petite note de son "
        "échelle dans scale_min et la plus grande dans scale_max (ex. 1 et 5)"
    )


@pytest.mark.parametrize("low", ["5", "6"])
def test_a_scale_whose_minimum_is_not_below_its_maximum(training_dir, low):
    edit(training_dir, "training_items", 5, "scale_min", low)  # SAT_QUAL, max 5
    p = only(problems_of(training_dir), "training-scale-order")
    assert where(p) == ("error", "training_items", "training_items.csv", 5, "scale_max", "5")
    assert p["message"] == (
        f"échelle {low}–5 de l'item SAT_QUAL : la note maximale doit dépasser la note minimale "
        "— corriger scale_min ou scale_max"
    )


def test_a_session_ending_before_it_starts(training_dir):
    edit(training_dir, "training_sessions", 2, "end_date", "05/03/2023")
    p = only(problems_of(training_dir), "training-dates")
    assert where(p) == ("error", "training_sessions", "training_sessions.csv", 2, "end_date",
                        "05/03/2023")  # fmt: skip
    assert p["message"] == (
        "date de fin 05/03/2023 avant la date de début de la session (2023-03-06) — corriger "
        "end_date ou date"
    )


# --- warnings -----------------------------------------------------------------------------


def test_a_quiz_after_without_before_is_used_unpaired_only(training_dir):
    drop(training_dir, "training_answers", 15)  # P03's « avant »: row 16 becomes row 15
    p = only(warnings_of(training_dir), "training-unpaired")
    assert where(p) == ("warning", "training_answers", "training_answers.csv", 15, "moment",
                        "après")  # fmt: skip
    assert p["message"] == (
        "le participant P03 (session FPP-02) a répondu au quiz « après » mais pas « avant » : "
        "ses réponses sont utilisées seulement dans les analyses non appariées — ajouter ses "
        "réponses « avant » si elles existent"
    )


def test_a_quiz_before_without_after_is_one_warning_per_participant(training_dir):
    drop(training_dir, "training_answers", 6)  # P01's « après » answers: rows 5 and 6
    drop(training_dir, "training_answers", 5)
    p = only(warnings_of(training_dir), "training-unpaired")
    assert (p["row"], p["value"]) == (3, "avant")  # the first of P01's two « avant » answers
    assert p["message"] == (
        "le participant P01 (session FPP-01) a répondu au quiz « avant » mais pas « après » : "
        "ses réponses sont utilisées seulement dans les analyses non appariées — ajouter ses "
        "réponses « après » si elles existent"
    )
    english = only(warnings_of(training_dir, "en"), "training-unpaired")["message"]
    assert english == (
        "participant P01 (session FPP-01) answered the quiz 'avant' but not 'après': their "
        "answers are used only in the unpaired analyses — add their 'après' answers if they "
        "exist"
    )


def test_an_empty_quiz_answer_is_no_presence(training_dir):
    edit(training_dir, "training_answers", 15, "answer", "")  # P03 gave no « avant » answer
    p = only(warnings_of(training_dir), "training-unpaired")
    assert (p["row"], p["value"]) == (16, "après")


def test_a_participant_of_another_team_in_a_teams_session(training_dir):
    edit(training_dir, "training_participants", 3, "team_id", "T02")  # FPP-01 trains T01
    p = only(warnings_of(training_dir), "training-team")
    assert where(p) == ("warning", "training_participants", "training_participants.csv", 3,
                        "team_id", "T02")  # fmt: skip
    assert p["message"] == (
        "le participant P02 (équipe : T02) suit la session FPP-01, qui forme l'équipe T01 : "
        "ses réponses ne comptent pas dans le rapport de l'équipe T01 — corriger team_id, ou "
        "vider team_id de la session si elle est ouverte à plusieurs équipes"
    )


def test_a_participant_without_team_in_a_teams_session(training_dir):
    edit(training_dir, "training_participants", 2, "team_id", "")
    p = only(warnings_of(training_dir, "en"), "training-team")
    assert (p["row"], p["value"]) == (2, "")
    assert p["message"] == (
        "participant P01 (team: none) attends session FPP-01, which trains team T01: their "
        "answers do not count in team T01's report — correct team_id, or empty the session's "
        "team_id if it is open to several teams"
    )


def test_warnings_do_not_stop_validation_and_are_grouped(training_dir):
    drop(training_dir, "training_answers", 15)
    edit(training_dir, "training_participants", 3, "team_id", "T02")
    lines = group_problems(warnings_of(training_dir))
    assert list(zip(lines["rule"], lines["n"], lines["rows"], strict=True)) == [
        ("training-team", 1, "3"), ("training-unpaired", 1, "15")
    ]  # fmt: skip
    result = CliRunner().invoke(cli, ["validate", str(training_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output


def test_a_comparison_units_participant_is_warned_like_its_other_rows(training_dir):
    edit(training_dir, "training_participants", 4, "team_id", "C01")  # the open session
    p = only(warnings_of(training_dir), "comparison-answers")
    assert where(p) == ("warning", "training_participants", "training_participants.csv", 4,
                        "team_id", "C01")  # fmt: skip
