"""Issue 13, point 1: no table is lost silently, headers people write are read.

The valid programme each test changes is ``valid_dir`` (conftest.py): teams T01 (row 2),
T02 (row 3) and the comparison unit C01 (row 4); barometer and PREM answers for T01, T02.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import valid_tables, write_table
from impact import DataValidationError, load_programme
from impact.data.loading import programme_summary, read_programme
from impact.data.messages import MESSAGES
from impact.data.problems import ProblemLog
from impact.data.programme import SourceInfo
from impact.data.reading import RawTable
from impact.data.schemas import OPTIONAL_TABLES, TableSpec, table_specs
from impact.data.table_names import LOOKS_LIKE, closest_table, looks_like_table, match_headers

TABLE_LIST = (
    "teams, indicator_values, barometer_responses, prem_responses, prom_responses, "
    "questionnaire_responses, roadmap, partnership_activity, programme_support, "
    "training_sessions, training_participants, training_answers, comments, comment_reviews, "
    "indicators, barometer_items, prem_items, prem_scales, proms, questionnaire_items, "
    "training_items, comment_themes, comment_polarity"
)


def problems_of(path: Path, lang: str = "fr") -> pd.DataFrame:
    return read_programme(path, lang=lang)[1]


def only(problems: pd.DataFrame, rule: str) -> pd.Series:
    hits = problems[problems["rule"] == rule]
    assert len(hits) == 1, problems[["severity", "rule", "message"]].to_string()
    return hits.iloc[0]


def validate(*args: object) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "impact", "validate", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env,
                          timeout=120)  # fmt: skip


def workbook(path: Path, sheets: dict[str, str]) -> Path:
    """The valid programme as a workbook; ``sheets`` renames tables' sheets."""
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, (header, rows) in valid_tables().items():
            frame = pd.DataFrame(rows, columns=header, dtype=str)
            frame.to_excel(writer, sheet_name=sheets.get(name, name), index=False)
    return path


def test_every_new_message_has_english():
    rules = ("unknown-sheet", "unknown-file", "ignored-sheet", "ignored-file", "header-near",
             "header-ambiguous", "comparison-answers", "comparison-start")  # fmt: skip
    for key in rules:
        assert set(MESSAGES[f"rule.{key}"]) == {"fr", "en"}
    for key in OPTIONAL_TABLES:
        assert set(MESSAGES[f"absent.{key}"]) == {"fr", "en"}


# --- sheets and files that are not a table ---------------------------------------------


def test_sheet_like_a_table_is_an_error(tmp_path):
    book = workbook(tmp_path / "programme.xlsx", {"barometer_responses": "Baromètre"})
    programme, problems = read_programme(book)
    assert programme is None
    p = only(problems, "unknown-sheet")
    assert (p["severity"], p["table"], p["file"], p["value"]) == (
        "error", "barometer_responses", "programme.xlsx", "Baromètre")  # fmt: skip
    assert p["message"] == (
        "feuille « Baromètre » non reconnue : vouliez-vous dire « barometer_responses » ?"
    )
    english = only(problems_of(book, "en"), "unknown-sheet")["message"]
    assert english == "sheet 'Baromètre' not recognised: did you mean 'barometer_responses'?"
    result = validate(book)
    assert result.returncode == 2
    assert "feuille « Baromètre » non reconnue" in result.stdout + result.stderr


def test_other_sheet_is_a_warning(tmp_path):
    book = workbook(tmp_path / "programme.xlsx", {})
    with pd.ExcelWriter(book, engine="openpyxl", mode="a") as writer:
        pd.DataFrame({"Remarques": ["rien"]}).to_excel(writer, sheet_name="Feuil1", index=False)
    programme = load_programme(book)
    p = only(programme.warnings, "ignored-sheet")
    assert p["severity"] == "warning"
    assert p["message"] == (
        f"feuille « Feuil1 » ignorée : ce n'est le nom d'aucune table ({TABLE_LIST})"
    )


@pytest.mark.parametrize(
    ("file", "suggestion"),
    [("PREM e-Satis.csv", "prem_responses.csv"), ("prem_reponses.csv", "prem_responses.csv")],
)
def test_file_like_a_table_is_an_error(valid_dir, file, suggestion):
    (valid_dir / "prem_responses.csv").rename(valid_dir / file)
    with pytest.raises(DataValidationError) as caught:
        load_programme(valid_dir)
    p = only(caught.value.problems, "unknown-file")
    assert (p["severity"], p["table"], p["file"]) == ("error", "prem_responses", file)
    assert p["message"] == f"fichier « {file} » non reconnu : vouliez-vous dire « {suggestion} » ?"
    english = only(problems_of(valid_dir, "en"), "unknown-file")["message"]
    assert english == f"file '{file}' not recognised: did you mean '{suggestion}'?"


def test_other_file_is_a_warning(valid_dir):
    write_table(valid_dir / "notes.csv", ["note"], [["à relire"]])
    p = only(load_programme(valid_dir).warnings, "ignored-file")
    assert (p["severity"], p["file"], p["value"]) == ("warning", "notes.csv", "notes.csv")
    assert p["message"] == (
        f"fichier « notes.csv » ignoré : ce n'est le nom d'aucune table ({TABLE_LIST})"
    )


@pytest.mark.parametrize(
    ("name", "table"),
    [("Baromètre", "barometer_responses"), ("PREM e-Satis", "prem_responses"),
     ("prem_reponses", "prem_responses"), ("Équipes", "teams"), ("Teams (2)", "teams"),
     ("valeurs indicateurs", "indicator_values"), ("barometre_reponses", "barometer_responses"),
     ("indicator_value", "indicator_values")],
)  # fmt: skip
def test_names_that_look_like_a_table(name, table):
    found, score = closest_table(name, table_specs())
    assert found == table and score >= LOOKS_LIKE


@pytest.mark.parametrize(
    "name", ["Feuil1", "Sheet1", "Mode d'emploi", "README", "notes", "problems", "Synthèse"]
)
def test_names_that_do_not_look_like_a_table(name):
    assert not looks_like_table(name, table_specs())


def test_own_truth_file_is_not_reported(valid_dir):
    write_table(valid_dir / "truth.csv", ["team_id", "effect"], [["T01", "0.1"]])
    assert len(load_programme(valid_dir).warnings) == 0


# --- an optional table not supplied ------------------------------------------------------


def test_absent_table_is_said_in_the_summary(valid_dir):
    (valid_dir / "barometer_responses.csv").unlink()
    programme = load_programme(valid_dir)
    # the valid programme has no PROM nor questionnaire file either; no steering table
    # (roadmap, activity, support) at all: not being steered with impact, nothing said
    assert programme_summary(programme) == (
        "2 équipes, 1 unités de comparaison ; aucune réponse au baromètre fournie ; "
        "aucun résultat rapporté par les patients (PROM) fourni ; aucune réponse aux "
        "questionnaires (expérience des patients partenaires, qualité de vie au travail…) "
        "fournie"
    )
    assert programme_summary(programme, "en") == (
        "2 teams, 1 comparison units; no barometer answer supplied; "
        "no patient-reported outcome (PROM) supplied; no questionnaire answer (patient "
        "partners' experience, quality of working life…) supplied"
    )
    result = validate(valid_dir)
    assert result.returncode == 0
    assert "; aucune réponse au baromètre fournie ;" in result.stdout


def test_summary_names_every_absent_table_and_no_supplied_one(valid_dir):
    (valid_dir / "prem_responses.csv").unlink()
    header = ["team_id", "period", "patient", "prom", "value"]
    write_table(valid_dir / "prom_responses.csv", header, [])  # supplied, with no row
    header = ["team_id", "questionnaire", "wave", "respondent", "role", "assessment", "item",
              "score"]  # fmt: skip
    write_table(valid_dir / "questionnaire_responses.csv", header, [])
    assert programme_summary(load_programme(valid_dir)) == (
        "2 équipes, 1 unités de comparaison ; "
        "aucun questionnaire d'expérience patient (PREM) fourni"
    )


def test_no_training_table_says_nothing_about_trainings(valid_dir):
    # a programme that does not evaluate trainings with impact: not a gap to point out
    result = validate(valid_dir)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert result.stdout == (
        f"Données valides : {valid_dir} (2 équipes, 1 unités de comparaison ; aucun résultat "
        "rapporté par les patients (PROM) fourni ; aucune réponse aux questionnaires "
        "(expérience des patients partenaires, qualité de vie au travail…) fournie)\n"
    )


def test_one_training_table_names_the_other_two(valid_dir):
    header = ["session", "training", "title", "date", "end_date", "place", "team_id",
              "trainer", "hours", "objectives"]  # fmt: skip
    write_table(valid_dir / "training_sessions.csv", header,
                [["S1", "formation_pp", "", "2023-03-06", "", "", "T01", "", "7", ""]])  # fmt: skip
    programme = load_programme(valid_dir)
    assert programme_summary(programme).endswith(
        " ; aucun participant aux formations fourni ; aucune réponse aux évaluations des "
        "formations fournie"
    )
    assert programme_summary(programme, "en").endswith(
        "; no training participant supplied; no training evaluation answer supplied"
    )


# --- comparison units --------------------------------------------------------------------


def test_comparison_unit_with_answers_is_warned(valid_dir):
    header, rows = valid_tables()["barometer_responses"]
    extra = [["C01", "T0", "R9", "patient", "auto", "CE1", "3"]]
    write_table(valid_dir / "barometer_responses.csv", header, rows + extra)
    p = only(load_programme(valid_dir).warnings, "comparison-answers")
    assert (p["table"], p["row"], p["column"], p["value"]) == (
        "barometer_responses", len(rows) + 2, "team_id", "C01")  # fmt: skip
    assert p["message"] == (
        "l'unité de comparaison C01 a des lignes dans « barometer_responses » : elles ne sont "
        "utilisées dans aucun rapport d'équipe (mettre comparison = non si c'est une équipe "
        "du programme)"
    )


def test_comparison_unit_with_start_date_is_warned(valid_dir):
    header, rows = valid_tables()["teams"]
    rows[2][header.index("start_date")] = "01/06/2023"
    write_table(valid_dir / "teams.csv", header, rows)
    p = only(load_programme(valid_dir).warnings, "comparison-start")
    assert (p["table"], p["row"], p["column"], p["value"]) == (
        "teams", 4, "start_date", "01/06/2023")  # fmt: skip
    assert p["message"] == (
        "l'unité de comparaison C01 a une date de début (01/06/2023) : elle n'est utilisée "
        "dans aucun rapport d'équipe (mettre comparison = non si c'est une équipe du "
        "programme, sinon vider la date)"
    )


# --- headers -----------------------------------------------------------------------------


def test_french_title_is_read_as_the_column(valid_dir):
    header, rows = valid_tables()["teams"]
    titled = ["Identifiant de l'équipe", *header[1:]]
    write_table(valid_dir / "teams.csv", titled, rows)
    programme = load_programme(valid_dir)
    assert programme.team_ids == ["T01", "T02"]
    assert len(programme.warnings) == 0


@pytest.mark.parametrize("written", [" Team_ID", "Identifiant de l’equipe", "TEAM-ID"])
def test_near_header_is_read_with_a_warning(valid_dir, written):
    header, rows = valid_tables()["teams"]
    write_table(valid_dir / "teams.csv", [written, *header[1:]], rows)
    programme = load_programme(valid_dir)
    assert programme.team_ids == ["T01", "T02"]
    p = only(programme.warnings, "header-near")
    assert (p["table"], p["row"], p["column"]) == ("teams", 1, "team_id")
    shown = written.strip()  # the reader trims headers
    assert p["message"] == (
        f"en-tête « {shown} » lu comme la colonne « team_id » (Identifiant de l'équipe) : "
        "écrire « team_id » ou « Identifiant de l'équipe » pour ne plus voir cet avertissement"
    )


def test_renamed_column_shows_cells_as_typed(valid_dir):
    header, rows = valid_tables()["teams"]
    column = header.index("n_patient_partners")
    for row in rows:
        row[column] = "-01"  # below the minimum 0; shown as typed, not as -1
    header = [*header[:column], "Nombre de patients  Partenaires", *header[column + 1 :]]
    write_table(valid_dir / "teams.csv", header, rows)
    problems = problems_of(valid_dir)
    shown = problems.loc[problems["rule"] == "minimum", ["column", "value"]]
    assert set(map(tuple, shown.to_numpy())) == {("n_patient_partners", "-01")}


def test_header_fitting_two_columns_is_an_error():
    spec = TableSpec("t", {"fields": [{"name": "n", "title": "Effectif"},
                                      {"name": "effectif", "title": "Nombre"}]},
                     required=False, default=None)  # fmt: skip
    frame = pd.DataFrame({"EFFECTIF": ["1"]}, dtype="category")
    table = RawTable("t", frame, SourceInfo(path="t.csv"), "t.csv")
    log = ProblemLog()
    match_headers(table, spec, log)
    p = only(log.frame(), "header-ambiguous")
    assert (p["severity"], p["row"], p["column"]) == ("error", 1, "EFFECTIF")
    assert p["message"] == (
        "en-tête « EFFECTIF » ambigu : il peut désigner la colonne « n » ou « effectif » ; "
        "écrire le nom exact de la colonne"
    )
    assert list(table.frame.columns) == ["EFFECTIF"]


# --- the run and the reports -------------------------------------------------------------


def test_run_prints_warnings_grouped(valid_dir):
    from impact.data.warning_groups import warning_lines

    for k in range(5):
        write_table(valid_dir / f"notes{k}.csv", ["note"], [["à relire"]])
    lines = warning_lines(load_programme(valid_dir).warnings)
    listed = f"ce n'est le nom d'aucune table ({TABLE_LIST})"
    assert lines == [
        "5 avertissement(s) sur les données (ils ne bloquent pas les rapports) :",
        f"  [notes0] notes0.csv : fichier « notes0.csv » ignoré : {listed}",
        f"  [notes1] notes1.csv : fichier « notes1.csv » ignoré : {listed}",
        f"  [notes2] notes2.csv : fichier « notes2.csv » ignoré : {listed}",
        "  … et 2 autre(s) du même type",
    ]
    english = warning_lines(load_programme(valid_dir, lang="en").warnings, "en")
    assert english[0] == "5 warning(s) about the data (they do not stop the reports):"
    assert english[-1] == "  … and 2 more of the same kind"


def test_runner_says_the_warnings_on_stderr(valid_dir, capsys):
    from impact.run.runner import _say_warnings

    write_table(valid_dir / "notes.csv", ["note"], [["à relire"]])
    _say_warnings(True, load_programme(valid_dir).warnings, "fr")
    err = capsys.readouterr().err
    assert err.startswith("1 avertissement(s) sur les données")
    assert "  [notes] notes.csv : fichier « notes.csv » ignoré" in err
    _say_warnings(False, load_programme(valid_dir).warnings, "fr")  # no progress: quiet
    assert capsys.readouterr().err == ""


def test_absent_table_is_not_no_answer_for_this_team(valid_dir):
    from impact.report.barometer import barometer_section
    from impact.report.prem import prem_section

    header, rows = valid_tables()["prem_responses"]
    write_table(valid_dir / "prem_responses.csv", header, [r for r in rows if r[0] != "T02"])
    supplied = load_programme(valid_dir)
    assert barometer_section(supplied, "C01") == [
        "<p>Pas de réponse au baromètre pour cette équipe.</p>"
    ]
    assert prem_section(supplied, "T02")[0] == (
        "<p>Pas de questionnaire d&#39;expérience patient pour cette équipe.</p>"
    )
    (valid_dir / "barometer_responses.csv").unlink()
    (valid_dir / "prem_responses.csv").unlink()
    absent = load_programme(valid_dir)
    assert barometer_section(absent, "T01") == [
        "<p>Aucune réponse au baromètre fournie pour le programme.</p>"
    ]
    assert barometer_section(absent, "T01", lang="en") == [
        "<p>No barometer answer supplied for the programme.</p>"
    ]
    assert prem_section(absent, "T01")[0] == (
        "<p>Aucun questionnaire d&#39;expérience patient fourni pour le programme.</p>"
    )


def test_team_report_limits_list_the_warnings(valid_dir):
    from impact.report.team import team_section, team_tables

    header, rows = valid_tables()["prem_responses"]
    keep = [r for r in rows if not (r[0] == "T01" and r[1] == "après" and r[2] > "P004")]
    write_table(valid_dir / "prem_responses.csv", header, keep)  # T01 après: 4 people
    header, rows = valid_tables()["teams"]
    rows[2][header.index("start_date")] = "2023-06-01"  # C01: not in a team's report
    write_table(valid_dir / "teams.csv", header, rows)
    write_table(valid_dir / "notes.csv", ["note"], [["à relire"]])
    programme = load_programme(valid_dir)
    assert {"small-prem-period", "comparison-start", "ignored-file"} <= set(
        programme.warnings["rule"]
    )
    tables = team_tables(programme, "T01", min_cell=5)
    html = "".join(team_section(tables, "limits"))
    expected = (
        "<p><strong>Avertissements de la validation des données (ils n&#39;ont pas empêché le "
        "calcul) :</strong></p><ul><li>fichier « notes.csv » ignoré : ce n&#39;est le nom "
        f"d&#39;aucune table ({TABLE_LIST})</li><li>moins de 30 questionnaires d&#39;expérience "
        "patient dans une période : résultat fragile</li></ul>"
    )
    assert html.endswith(expected), html[-600:]
    assert "n'a que 4" not in html and "C01" not in html
    other = "".join(team_section(team_tables(programme, "T02", min_cell=5), "limits"))
    assert "résultat fragile" not in other and "notes.csv" in other
