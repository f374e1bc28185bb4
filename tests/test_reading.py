"""Reading files (issue 13): XLSX workbooks through calamine, and the malformed CSV files
that used to get through (UTF-16, an unclosed quote, Windows-1252 lines in a UTF-8 file, a
file or a folder where the other is expected).

Rows follow spreadsheet numbering (header = 1). ``valid_dir`` (``conftest.py``) holds teams
T01 (row 2), T02 (row 3), C01 (row 4).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import valid_tables, write_table
from impact import DataValidationError, demo_programme, load_programme
from impact.cli import cli
from impact.data.loading import read_programme
from impact.data.messages import MESSAGES
from impact.data.problems import ProblemLog
from impact.data.reading import read_csv_table, read_workbook
from impact.data.schemas import table_specs

NEW_KEYS = [
    "rule.unclosed-quote",
    "rule.mixed-encoding",
    "rule.not-a-folder",
    "rule.not-a-workbook",
    "rule.workbook-unreadable",
    "read.workbook",
]


def problems_of(path: Path, lang: str = "fr") -> pd.DataFrame:
    with pytest.raises(DataValidationError) as info:
        load_programme(path, lang=lang)
    return info.value.problems


def only(problems: pd.DataFrame, rule: str) -> pd.Series:
    hits = problems[problems["rule"] == rule]
    assert len(hits) == 1, problems.drop(columns="message").to_string()
    return hits.iloc[0]


def cli_validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", str(path)], env={"COLUMNS": "200"})
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed and "Traceback" not in result.output, (result.output, result.exception)
    return result.exit_code, result.output


def test_new_messages_exist_in_both_languages():
    for key in NEW_KEYS:
        assert MESSAGES[key]["fr"] and MESSAGES[key]["en"], key


# --- workbooks ---------------------------------------------------------------------------------

DATE_COLUMNS = {"start_date", "end_date", "period"}


def excel_cell(text: str, column: str) -> object:
    """A CSV cell as a person typing it into Excel gets it: a number, a date, a boolean,
    an empty cell, or text when it is none of these."""
    if text == "":
        return None
    if text in ("True", "False"):
        return text == "True"
    if column in DATE_COLUMNS:
        for fmt in ("%Y-%m-%d", "%Y-%m"):
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                pass
        return text
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def write_excel_workbook(folder: Path, path: Path) -> Path:
    """Every CSV of ``folder`` as one sheet of an openpyxl workbook, cells typed.

    Months (``period`` of indicator_values) are date cells shown ``aaaa-mm``, as Excel
    stores a typed « 2023-01 ».
    """
    book = openpyxl.Workbook()
    book.remove(book.active)
    for csv_path in sorted(folder.glob("*.csv")):
        frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
        sheet = book.create_sheet(csv_path.stem)
        sheet.append(list(frame.columns))
        for row in frame.itertuples(index=False):
            sheet.append([excel_cell(v, c) for v, c in zip(row, frame.columns, strict=True)])
        for k, column in enumerate(frame.columns, start=1):
            if column in DATE_COLUMNS:
                fmt = "yyyy-mm" if column == "period" else "yyyy-mm-dd"
                for (cell,) in sheet.iter_rows(min_row=2, min_col=k, max_col=k):
                    cell.number_format = fmt
    book.save(path)
    return path


def set_csv_cell(folder: Path, table: str, row: int, column: str, text: str) -> None:
    path = folder / f"{table}.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[row - 2, column] = text
    frame.to_csv(path, index=False)


@pytest.fixture
def demo_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "demo"
    folder.mkdir()
    demo_programme(n_teams=4, n_comparison=2, seed=1).to_csv(folder)
    (folder / "truth.csv").unlink()  # the simulation's answer key, not a table
    return folder


def compare_problems(from_csv: pd.DataFrame, from_xlsx: pd.DataFrame) -> None:
    """The same problems, the file name apart (``teams.csv`` vs ``data.xlsx``)."""
    pd.testing.assert_frame_equal(
        from_csv.drop(columns="file"), from_xlsx.drop(columns="file"), check_dtype=False
    )


def test_demo_workbook_validates_as_its_csv_folder(demo_dir, tmp_path):
    book = write_excel_workbook(demo_dir, tmp_path / "data.xlsx")
    from_csv, csv_problems = read_programme(demo_dir)
    from_xlsx, xlsx_problems = read_programme(book)
    assert from_csv is not None and from_xlsx is not None, csv_problems
    compare_problems(csv_problems, xlsx_problems)
    for name in ("teams", "indicator_values", "barometer_responses", "prem_responses",
                 "prom_responses", "indicators", "barometer_items", "prem_items",
                 "prem_scales", "proms"):  # fmt: skip
        pd.testing.assert_frame_equal(getattr(from_xlsx, name), getattr(from_csv, name))
    assert from_xlsx.sources["teams"].encoding == "xlsx"


@pytest.mark.parametrize(
    ("table", "row", "column", "text"),
    [
        ("teams", 3, "comparison", "peut-être"),  # boolean
        ("teams", 2, "start_date", "31/02/2023"),  # date
        ("indicator_values", 5, "period", "2023-13"),  # month
        ("indicator_values", 6, "value", "6,5 j"),  # decimal number
        ("prem_responses", 4, "answer", "2.5"),  # integer
    ],
)
def test_broken_demo_workbook_has_the_csv_problems(demo_dir, tmp_path, table, row, column, text):
    set_csv_cell(demo_dir, table, row, column, text)
    book = write_excel_workbook(demo_dir, tmp_path / "data.xlsx")
    csv_problems, xlsx_problems = problems_of(demo_dir), problems_of(book)
    compare_problems(csv_problems, xlsx_problems)
    p = only(xlsx_problems, "type")
    assert (p["table"], p["file"], p["row"], p["column"]) == (table, "data.xlsx", row, column)


def test_cells_are_the_text_read_excel_gives(tmp_path):
    """Every kind of cell reads as pandas' openpyxl reader (the reader before calamine)
    shows it with ``dtype=str``: the reference is openpyxl, not the code under test."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "teams"
    sheet.append(["team_id", "a", "a", None, 12])
    rows = [
        ["T01", 5, 0.1, True, dt.datetime(2023, 3, 1)],
        ["T02", 1e20, -0.0, False, dt.date(2023, 3, 2)],
        ["T03", "007", 6.25, 1, dt.datetime(2023, 3, 1, 10, 5, 7)],
        [None, None, None, None, None],  # an empty line keeps its number
        ["T05", "#DIV/0!", dt.time(12, 30), "texte", "2023-01"],
    ]
    for row in rows:
        sheet.append(row)
    sheet["E3"].number_format = "yyyy-mm"
    path = tmp_path / "cells.xlsx"
    book.save(path)
    assert sheet["B6"].data_type == "e"  # an error cell
    tables, sheets = read_workbook(path, ["teams"], [""])
    assert sheets == ["teams"]
    frame = tables["teams"].frame
    expected = pd.read_excel(path, dtype=str, keep_default_na=False, na_values=[""],
                             engine="openpyxl")  # fmt: skip
    expected.index = pd.RangeIndex(2, len(expected) + 2)
    expected = expected.dropna(how="all")
    expected.columns = [str(c) for c in expected.columns]
    assert list(frame.columns) == ["team_id", "a", "a.1", "Unnamed: 3", "12"]
    assert list(frame.index) == [2, 3, 4, 6]
    got = frame.astype(object).where(frame.notna(), None)
    pd.testing.assert_frame_equal(got, expected.astype(object).where(expected.notna(), None))
    assert frame.loc[4, "Unnamed: 3"] == "1"  # a number beside booleans stays a number


def test_workbook_progress_names_each_sheet(demo_dir, tmp_path):
    book = write_excel_workbook(demo_dir, tmp_path / "data.xlsx")
    said: list[str] = []
    read_workbook(book, ["teams", "prem_responses", "absent"], [""], progress=said.append)
    assert said == [
        "Lecture du classeur data.xlsx (feuille 1/2 : teams)",
        "Lecture du classeur data.xlsx (feuille 2/2 : prem_responses)",
    ]
    said.clear()
    read_workbook(book, ["teams"], [""], progress=said.append, lang="en")
    assert said == ["Reading workbook data.xlsx (sheet 1/1: teams)"]


def test_unreadable_workbook_is_a_problem(tmp_path):
    book = tmp_path / "data.xlsx"
    book.write_text("team_id;name\nT01;x\n", encoding="utf-8")  # a CSV renamed .xlsx
    p = only(problems_of(book), "workbook-unreadable")
    assert p["file"] == "data.xlsx" and p["severity"] == "error"
    assert p["message"].startswith("classeur illisible (")
    assert p["message"].endswith(
        ") : ouvrez-le dans Excel ou LibreOffice et enregistrez-le au format "
        "« Classeur Excel (.xlsx) »"
    )
    code, out = cli_validate(book)
    assert code == 2 and "classeur illisible" in out


# --- a file or a folder where the other is expected --------------------------------------------


def test_file_where_a_folder_is_expected(valid_dir):
    path = valid_dir / "teams.csv"
    programme, problems = read_programme(path)
    assert programme is None
    p = only(problems, "not-a-folder")
    assert (p["severity"], p["file"]) == ("error", "teams.csv")
    assert p["message"] == (
        f"« {path} » est un fichier, pas un dossier : donnez le dossier qui contient les "
        "fichiers CSV (teams.csv, indicator_values.csv…) ou un classeur .xlsx"
    )
    with pytest.raises(DataValidationError):
        load_programme(path)
    code, out = cli_validate(path)
    assert code == 2 and "teams.csv" in out


def test_folder_where_a_workbook_is_expected(tmp_path, valid_dir):
    folder = tmp_path / "data.xlsx"
    folder.mkdir()
    p = only(problems_of(folder), "not-a-workbook")
    assert p["message"] == (
        f"« {folder} » est un dossier sans fichier CSV, pas un classeur : donnez le chemin "
        "du classeur .xlsx ou d'un dossier de fichiers CSV"
    )
    assert "not-a-workbook" in problems_of(folder, lang="en")["rule"].tolist()
    code, out = cli_validate(folder)
    assert code == 2 and "pas un classeur" in out
    renamed = valid_dir.rename(tmp_path / "programme.xlsx")  # CSV files in it: read them
    assert load_programme(renamed).team_ids == ["T01", "T02"]


# --- encodings -----------------------------------------------------------------------------------


def accented_teams(folder: Path, encoding: str, sep: str = ";") -> None:
    header, rows = valid_tables()["teams"]
    rows[0][2] = "Hôpital Saint-Éloi"
    rows[0][1] = "Œdème et insuffisance cardiaque"
    write_table(folder / "teams.csv", header, rows, sep=sep, encoding=encoding)


@pytest.mark.parametrize(
    ("encoding", "sep"),
    [("utf-16", ";"), ("utf-16", "\t"), ("utf-16-le", "\t"), ("utf-16-be", ";")],
)
def test_utf16_file_is_read(valid_dir, encoding, sep):
    """Excel's « Texte Unicode » is UTF-16 with a BOM and tabs; without a BOM the zero
    bytes give UTF-16 away."""
    accented_teams(valid_dir, encoding, sep)
    programme = load_programme(valid_dir)
    t01 = programme.teams.set_index("team_id").loc["T01"]
    assert t01["hospital"] == "Hôpital Saint-Éloi"
    assert t01["name"] == "Œdème et insuffisance cardiaque"
    assert programme.sources["teams"].encoding == "utf-16"
    assert programme.sources["teams"].separator == sep


def utf8_with_cp1252_rows(path: Path, rows: list[int]) -> None:
    """Re-encode the given spreadsheet rows (one line each) of a UTF-8 file in cp1252."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    data = b"".join(
        line.encode("cp1252" if number in rows else "utf-8")
        for number, line in enumerate(lines, start=1)
    )
    path.write_bytes(data)


def test_one_cp1252_line_in_a_utf8_file_is_one_warning(valid_dir):
    """The PREM file is UTF-8 (« après » on half its rows); one line saved in cp1252 used
    to turn the whole file into Windows-1252 and every « après » into an error."""
    path = valid_dir / "prem_responses.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    row = next(k for k, line in enumerate(lines, start=1) if "après" in line)
    utf8_with_cp1252_rows(path, [row])
    programme = load_programme(valid_dir)
    problems = programme.warnings
    p = only(problems, "mixed-encoding")
    assert (p["severity"], p["table"], p["file"], p["row"]) == (
        "warning", "prem_responses", "prem_responses.csv", row)  # fmt: skip
    assert p["message"] == (
        f"ligne(s) {row} en Windows-1252 dans un fichier UTF-8 : lue(s) en Windows-1252 ; "
        "vérifiez leurs accents et enregistrez le fichier en « CSV UTF-8 »"
    )
    assert set(programme.prem_responses["period"]) == {"avant", "après"}
    assert programme.sources["prem_responses"].encoding == "utf-8+cp1252"


def test_cp1252_lines_are_named_by_spreadsheet_row(valid_dir):
    """A quoted cell spanning two lines: the lines after it are one row lower."""
    header, rows = valid_tables()["teams"]
    rows[0][1] = "Parcours —\ninsuffisance cardiaque"  # UTF-8 « — »; row 2 on lines 2–3
    path = write_table(valid_dir / "teams.csv", header, rows)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert "Hôpital Sud" in lines[3] and "Unité témoin" in lines[4]  # rows 3 and 4
    path.write_bytes(
        b"".join(
            line.encode("cp1252" if number in (4, 5) else "utf-8")
            for number, line in enumerate(lines, start=1)
        )
    )
    programme = load_programme(valid_dir)
    p = only(programme.warnings, "mixed-encoding")
    assert p["row"] == 3
    assert p["message"].startswith("ligne(s) 3–4 en Windows-1252 dans un fichier UTF-8 :")
    teams = programme.teams.set_index("team_id")
    assert teams.loc["T02", "hospital"] == "Hôpital Sud"
    assert teams.loc["C01", "name"] == "Unité témoin"
    assert teams.loc["T01", "name"] == "Parcours —\ninsuffisance cardiaque"


def test_mixed_encoding_message_in_english(valid_dir):
    path = valid_dir / "prem_responses.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    rows = [k for k, line in enumerate(lines, start=1) if "après" in line][:4]
    rows = [rows[0], rows[2], rows[3]]
    utf8_with_cp1252_rows(path, rows)
    log = ProblemLog("en")
    spec = table_specs()["prem_responses"]
    assert read_csv_table(path, spec.name, spec.missing_values, log) is not None
    p = only(log.frame(), "mixed-encoding")
    assert p["message"] == (
        f"row(s) {rows[0]}, {rows[1]}–{rows[2]} in Windows-1252 within a UTF-8 file: read "
        "as Windows-1252; check their accents and save the file as 'CSV UTF-8'"
    )


# --- an unclosed quote ---------------------------------------------------------------------------


def test_unclosed_quote_names_the_row_where_it_opens(valid_dir):
    header, rows = valid_tables()["teams"]
    rows[0][1] = "Parcours\ninsuffisance cardiaque"  # a quoted cell on two lines: row 2
    path = write_table(valid_dir / "teams.csv", header, rows)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[3].startswith("T02,Accueil aux urgences,")  # row 3 is on line 4
    lines[3] = lines[3].replace("Accueil aux urgences", '"Accueil aux urgences')
    path.write_text("".join(lines), encoding="utf-8")
    p = only(problems_of(valid_dir), "unclosed-quote")
    assert (p["severity"], p["table"], p["file"], p["row"]) == ("error", "teams", "teams.csv", 3)
    assert p["message"] == (
        'guillemet non fermé à partir de la ligne 3 : fermez le guillemet (") de cette '
        "cellule ou retirez-le, puis enregistrez à nouveau le fichier"
    )
    english = only(problems_of(valid_dir, lang="en"), "unclosed-quote")
    assert english["message"].startswith("unclosed quote from row 3: ")
    code, out = cli_validate(valid_dir)
    assert code == 2 and "guillemet non fermé à partir de la ligne 3" in out


def test_unclosed_quote_in_a_large_file(valid_dir):
    path = valid_dir / "prem_responses.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    row = 101
    cells = lines[row - 1].split(",")
    cells[2] = '"' + cells[2]  # the respondent's cell opens a quote never closed
    lines[row - 1] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    p = only(problems_of(valid_dir), "unclosed-quote")
    assert (p["file"], p["row"]) == ("prem_responses.csv", row)


def test_quote_inside_a_cell_is_text(valid_dir):
    """A quote that does not start a cell is a character, as in a spreadsheet."""
    header, rows = valid_tables()["teams"]
    rows[0][1] = 'Le "parcours'
    path = valid_dir / "teams.csv"
    lines = [",".join(header)] + [",".join(r) for r in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    programme = load_programme(valid_dir)
    assert programme.teams["name"].iloc[0] == 'Le "parcours'
    assert np.all(programme.warnings["rule"] != "unclosed-quote")


def test_cli_names_a_problem_of_no_table_without_an_empty_bracket(tmp_path):
    from click.testing import CliRunner

    from impact.cli import cli

    book = tmp_path / "broken.xlsx"
    book.write_bytes(b"not a workbook")
    result = CliRunner().invoke(cli, ["validate", str(book)])
    assert result.exit_code == 2
    [line] = [x for x in result.output.splitlines() if "(workbook-unreadable)" in x]
    assert line.startswith("  ERREUR broken.xlsx : classeur illisible")
