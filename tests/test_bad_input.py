"""Malformed inputs: each must give one precise problem (rule, table, file, row, column,
value), and ``impact validate`` must exit 2 and print it without a traceback.

Rows follow spreadsheet numbering (header = 1). The valid programme each test breaks is
``valid_dir`` in ``conftest.py``: teams T01 (row 2), T02 (row 3), C01 (row 4).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import (
    INDICATOR_HEADER,
    TEAMS_HEADER,
    valid_tables,
    write_table,
)
from impact import DataValidationError, load_programme
from impact.cli import cli

PROBLEM_COLUMNS = ["severity", "table", "file", "row", "column", "value", "rule", "message"]
CATALOGUES = Path(__file__).resolve().parents[1] / "data_schemas" / "catalogues"


# --- helpers -------------------------------------------------------------------------------


def read_rows(path: Path, sep: str = ",") -> tuple[list[str], list[list[str]]]:
    """Header and rows of a UTF-8 CSV file, as text."""
    with path.open(encoding="utf-8", newline="") as fh:
        header, *rows = list(csv.reader(fh, delimiter=sep))
    return header, rows


def set_cell(folder: Path, table: str, row: int, column: str, text: str) -> None:
    """Overwrite one cell; ``row`` in spreadsheet numbering (first data row = 2)."""
    path = folder / f"{table}.csv"
    header, rows = read_rows(path)
    rows[row - 2][header.index(column)] = text
    write_table(path, header, rows)


def append_row(folder: Path, table: str, row: list[str]) -> int:
    """Append a data row; return its spreadsheet row number."""
    path = folder / f"{table}.csv"
    header, rows = read_rows(path)
    rows.append(row)
    write_table(path, header, rows)
    return len(rows) + 1


def drop_column(folder: Path, table: str, column: str) -> None:
    path = folder / f"{table}.csv"
    header, rows = read_rows(path)
    i = header.index(column)
    write_table(path, header[:i] + header[i + 1 :], [r[:i] + r[i + 1 :] for r in rows])


def copy_catalogue(folder: Path, name: str) -> Path:
    """Put a copy of a default catalogue in the programme folder (to edit it)."""
    return Path(shutil.copy(CATALOGUES / f"{name}.csv", folder / f"{name}.csv"))


ANY = object()  # a field the contract leaves open: not checked


def blank(x: object) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and pd.isna(x)) or x == ""


def problems_of(path: Path, **kwargs: object) -> pd.DataFrame:
    """The problems DataFrame of the DataValidationError that loading ``path`` raises."""
    with pytest.raises(DataValidationError) as info:
        load_programme(path, **kwargs)
    problems = info.value.problems
    assert list(problems.columns) == PROBLEM_COLUMNS
    return problems


def the_problem(problems: pd.DataFrame, rule: str, **where: object) -> pd.Series:
    """The one problem with ``rule`` (and the given table/row/column); fail otherwise."""
    hits = problems[problems["rule"] == rule]
    for key, wanted in where.items():
        column = hits[key].astype("Int64") if key == "row" else hits[key]
        hits = hits[column.eq(wanted).fillna(False).astype(bool)]
    assert len(hits) == 1, (
        f"expected exactly one {rule!r} problem where {where}, got {len(hits)}; all problems:\n"
        + problems.drop(columns="message").to_string()
    )
    return hits.iloc[0]


def check(
    p: pd.Series,
    *,
    table: str,
    file: str,
    row: int | None,
    column: str | None,
    value: str | None | object,
    severity: str = "error",
) -> None:
    """Assert a problem's fields; ``None`` means missing (NA, or an empty string), ``ANY``
    not checked."""
    got = {k: p[k] for k in ("severity", "table", "file", "row", "column", "value")}
    expected = dict(severity=severity, table=table, file=file, row=row, column=column, value=value)
    for key, want in expected.items():
        if want is ANY:
            continue
        if want is None:
            assert blank(got[key]), f"{key}: expected missing, got {got[key]!r} in {got}"
        elif key == "row":
            assert not blank(got[key]) and int(got[key]) == want, f"row: {got}"
        else:
            ok = not blank(got[key]) and got[key] == want
            assert ok, f"{key}: expected {want!r}, got {got[key]!r} in {got}"
    if isinstance(value, str):
        assert value in p["message"], f"message does not name {value!r}: {p['message']!r}"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [sys.executable, "-m", "impact", "validate", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def assert_cli_reports(path: Path, *, file: str, row: int | None, shown: str | None) -> str:
    """``impact validate`` exits 2, prints no traceback, and prints ``shown`` (the value,
    or the column for a missing column) on a line with the row number.

    The command runs in this process (click's runner: the same code from the command's
    entry on, without starting Python again); the tests calling :func:`run_cli` check the
    real process."""
    result = CliRunner().invoke(cli, ["validate", str(path)], env={"COLUMNS": "200"})
    out = result.output
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed and "Traceback" not in out, (out, result.exception)
    assert result.exit_code == 2, f"exit {result.exit_code}; output:\n{out}"
    if shown is None:
        assert file in out, out
    else:
        lines = [line for line in out.splitlines() if shown in line]
        assert lines, f"{shown!r} not printed:\n{out}"
        if row is not None:
            number = re.compile(rf"(?<![\d.]){row}(?![\d.])")
            assert any(number.search(line) for line in lines), f"row {row} not printed:\n{out}"
    return out


def write_workbook(path: Path, frames: dict[str, pd.DataFrame]) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for sheet, frame in frames.items():
            frame.to_excel(writer, sheet_name=sheet, index=False)
    return path


def typed_frames() -> dict[str, pd.DataFrame]:
    """The valid tables as an Excel user would type them: numbers as numbers, start
    dates as date cells, empty cells empty."""
    frames = {}
    for name, (header, rows) in valid_tables().items():
        frame = pd.DataFrame(rows, columns=header).replace("", None)
        for col in (
            "value",
            "numerator",
            "denominator",
            "sd",
            "n",
            "score",
            "answer",
            "n_patient_partners",
        ):
            if col in frame:
                frame[col] = pd.to_numeric(frame[col])
        if name == "teams":
            frame["start_date"] = pd.to_datetime(frame["start_date"])
        frames[name] = frame
    return frames


# --- the valid programme ---------------------------------------------------------------------


def test_valid_folder_loads_with_schema_types(valid_dir):
    programme = load_programme(valid_dir)
    assert programme.team_ids == ["T01", "T02"]
    assert programme.comparison_ids == ["C01"]
    assert len(programme.indicator_values) == 36
    assert len(programme.prem_responses) == 240  # 2 teams × 2 periods × 30 × 2 questions
    teams = programme.teams.set_index("team_id")
    assert teams.loc["T01", "start_date"] == pd.Timestamp("2023-03-01")
    assert pd.api.types.is_datetime64_any_dtype(teams["start_date"])
    assert str(teams["n_patient_partners"].dtype) == "Int64"
    assert str(teams["comparison"].dtype) == "boolean"
    values = programme.indicator_values
    assert pd.api.types.is_datetime64_any_dtype(values["period"])
    assert values["value"].dtype == "float64"
    assert set(values["period"].dt.day) == {1}
    # catalogues omitted: the defaults apply
    assert "info_sortie" in set(programme.indicators["code"])
    assert set(programme.prem_scales["scale"]) == {"frequence4", "qualite5"}
    src = programme.sources["teams"]
    assert (src.encoding, src.separator, src.decimal) == ("utf-8", ",", ".")
    assert Path(src.path).name == "teams.csv" and len(src.sha256) == 64
    assert programme.warnings is None or len(programme.warnings) == 0, programme.warnings


def test_cli_valid_folder_exits_0(valid_dir):
    result = run_cli(valid_dir)
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr


def test_optional_tables_may_be_absent(valid_dir):
    (valid_dir / "barometer_responses.csv").unlink()
    (valid_dir / "prem_responses.csv").unlink()
    programme = load_programme(valid_dir)
    assert len(programme.barometer_responses) == 0
    assert "score" in programme.barometer_responses.columns
    assert "answer" in programme.prem_responses.columns


@pytest.mark.parametrize(
    ("table", "row", "column", "text", "expected"),
    [
        ("teams", 2, "start_date", "01/03/2023", pd.Timestamp("2023-03-01")),  # DD/MM/YYYY
        ("indicator_values", 2, "period", "01/2023", pd.Timestamp("2023-01-01")),
        ("indicator_values", 2, "period", "2023-01-15", pd.Timestamp("2023-01-01")),
        ("teams", 2, "comparison", "FAUX", False),
        ("teams", 2, "comparison", "Non", False),
        ("teams", 2, "comparison", "no", False),
        ("teams", 2, "comparison", "0", False),
        ("teams", 2, "comparison", "false", False),
        ("teams", 4, "comparison", "VRAI", True),
        ("teams", 4, "comparison", "Yes", True),
        ("teams", 4, "comparison", "1", True),
        ("teams", 4, "comparison", "True", True),
    ],
)
def test_accepted_formats(valid_dir, table, row, column, text, expected):
    set_cell(valid_dir, table, row, column, text)
    frame = getattr(load_programme(valid_dir), table)
    assert frame[column].iloc[row - 2] == expected


# --- the twelve malformed inputs -------------------------------------------------------------


def test_01_pipe_separator(valid_dir):
    header, rows = valid_tables()["teams"]
    write_table(valid_dir / "teams.csv", header, rows, sep="|")
    p = the_problem(problems_of(valid_dir), "separator")
    check(p, table="teams", file="teams.csv", row=1, column=None, value=ANY)
    assert "team_id|name|hospital" in p["value"]  # the raw header text
    assert_cli_reports(valid_dir, file="teams.csv", row=1, shown="teams.csv")


def test_02_cp1252_file_with_accents_loads(valid_dir):
    header, rows = valid_tables()["teams"]
    rows[0][1] = "Œdème et insuffisance cardiaque"  # Œ exists in cp1252, not in Latin-1
    rows[0][2] = "Hôpital Saint-Éloi"
    rows[0][5] = "éducation thérapeutique"
    rows[0][6] = "co-décision"
    write_table(valid_dir / "teams.csv", header, rows, sep=";", encoding="cp1252")
    programme = load_programme(valid_dir)
    t01 = programme.teams.set_index("team_id").loc["T01"]
    assert t01["hospital"] == "Hôpital Saint-Éloi"
    assert t01["name"] == "Œdème et insuffisance cardiaque"
    assert t01["participation_level"] == "co-décision"
    assert t01["intervention_mode"] == "éducation thérapeutique"
    assert programme.sources["teams"].encoding == "cp1252"
    assert programme.sources["teams"].separator == ";"
    assert programme.sources["indicator_values"].encoding == "utf-8"
    result = run_cli(valid_dir)
    assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr


def test_utf8_bom_is_recorded_and_stripped(valid_dir):
    header, rows = valid_tables()["teams"]
    write_table(valid_dir / "teams.csv", header, rows, encoding="utf-8-sig")
    programme = load_programme(valid_dir)
    assert programme.sources["teams"].encoding == "utf-8-sig"
    assert list(programme.teams["team_id"]) == ["T01", "T02", "C01"]


def test_unreadable_encoding(valid_dir):
    # 0x81 is neither valid UTF-8 here nor a Windows-1252 character
    path = valid_dir / "teams.csv"
    path.write_bytes(path.read_bytes().replace(b"Nord", b"N\x81rd"))
    p = the_problem(problems_of(valid_dir), "encoding")
    assert (p["severity"], p["table"], p["file"]) == ("error", "teams", "teams.csv")


@pytest.mark.parametrize(
    ("sep", "text", "decimal"),
    [(";", "6,5", ","), (";", "6.5", "."), ("\t", "6.5", "."), (",", "6.5", ".")],
    ids=["semicolon-comma", "semicolon-point", "tab", "comma"],
)
def test_03_decimal_mark(valid_dir, sep, text, decimal):
    header, rows = valid_tables()["indicator_values"]
    for r in rows:  # every mean value written with the file's decimal mark
        r[3] = r[3].replace(".", decimal)
        r[6] = r[6].replace(".", decimal)
    rows[6][3] = text  # row 8: T01 dms 2023-01
    write_table(valid_dir / "indicator_values.csv", header, rows, sep=sep)
    programme = load_programme(valid_dir)
    values = programme.indicator_values
    cell = values.loc[
        (values["team_id"] == "T01")
        & (values["indicator"] == "dms")
        & (values["period"] == pd.Timestamp("2023-01-01")),
        "value",
    ]
    assert cell.tolist() == [6.5]
    assert values["sd"].dropna().eq(2.1).all()
    src = programme.sources["indicator_values"]
    assert (src.separator, src.decimal) == (sep, decimal)


@pytest.mark.parametrize(
    ("table", "column"),
    [("teams", "hospital"), ("indicator_values", "period"), ("prem_responses", "item")],
)
def test_04_missing_required_column(valid_dir, table, column):
    drop_column(valid_dir, table, column)
    p = the_problem(problems_of(valid_dir), "missing-column", table=table)
    check(p, table=table, file=f"{table}.csv", row=1, column=column, value=None)
    assert column in p["message"]
    assert_cli_reports(valid_dir, file=f"{table}.csv", row=1, shown=column)


def test_05_unknown_team_in_indicator_values(valid_dir):
    set_cell(valid_dir, "indicator_values", 5, "team_id", "T99")
    p = the_problem(problems_of(valid_dir), "foreign-key", table="indicator_values")
    check(
        p,
        table="indicator_values",
        file="indicator_values.csv",
        row=5,
        column="team_id",
        value="T99",
    )
    assert "teams" in p["message"]
    assert_cli_reports(valid_dir, file="indicator_values.csv", row=5, shown="T99")


def test_06_unknown_item_in_barometer(valid_dir):
    set_cell(valid_dir, "barometer_responses", 4, "item", "XX9")
    p = the_problem(problems_of(valid_dir), "foreign-key", table="barometer_responses")
    check(
        p,
        table="barometer_responses",
        file="barometer_responses.csv",
        row=4,
        column="item",
        value="XX9",
    )
    assert "barometer_items" in p["message"]
    assert_cli_reports(valid_dir, file="barometer_responses.csv", row=4, shown="XX9")


@pytest.mark.parametrize(
    ("text", "rule"),
    [("5", "scale-range"), ("-1", "scale-range"), ("NSP", "type"), ("2.5", "type")],
)
def test_07_barometer_score(valid_dir, text, rule):
    set_cell(valid_dir, "barometer_responses", 3, "score", text)
    p = the_problem(problems_of(valid_dir), rule)
    check(
        p,
        table="barometer_responses",
        file="barometer_responses.csv",
        row=3,
        column="score",
        value=text,
    )
    assert_cli_reports(valid_dir, file="barometer_responses.csv", row=3, shown=text)


@pytest.mark.parametrize(
    ("table", "copy_of_row", "period", "key", "value"),
    [
        ("teams", 3, None, "team_id", "T02"),
        ("indicator_values", 2, None, "team_id, indicator, period", "T01, info_sortie, 2023-01"),
        # the same month written another accepted way is still the same key
        (
            "indicator_values",
            2,
            "01/2023",
            "team_id, indicator, period",
            "T01, info_sortie, 01/2023",
        ),
    ],
    ids=["teams", "indicator_values", "same-month-other-format"],
)
def test_08_duplicate_key(valid_dir, table, copy_of_row, period, key, value):
    _, rows = read_rows(valid_dir / f"{table}.csv")
    row = list(rows[copy_of_row - 2])
    if period is not None:
        row[INDICATOR_HEADER.index("period")] = period
    second = append_row(valid_dir, table, row)
    p = the_problem(problems_of(valid_dir), "duplicate-key", table=table)
    check(p, table=table, file=f"{table}.csv", row=second, column=key, value=value)
    assert str(copy_of_row) in p["message"]  # "apparaît déjà ligne 3"
    assert_cli_reports(valid_dir, file=f"{table}.csv", row=second, shown=value)


@pytest.mark.parametrize(
    ("table", "row", "column", "text"),
    [
        ("teams", 3, "start_date", "31/02/2023"),
        ("teams", 2, "end_date", "2023-02-30"),
        ("teams", 2, "start_date", "mars 2023"),
        ("indicator_values", 4, "period", "2023-13"),
    ],
)
def test_09_unparseable_date(valid_dir, table, row, column, text):
    set_cell(valid_dir, table, row, column, text)
    p = the_problem(problems_of(valid_dir), "type", table=table)
    check(p, table=table, file=f"{table}.csv", row=row, column=column, value=text)
    assert_cli_reports(valid_dir, file=f"{table}.csv", row=row, shown=text)


@pytest.mark.parametrize("content", [b"", b"\n\n"], ids=["zero-bytes", "blank-lines"])
def test_10_empty_file(valid_dir, content):
    (valid_dir / "teams.csv").write_bytes(content)
    p = the_problem(problems_of(valid_dir), "empty-file")
    check(p, table="teams", file="teams.csv", row=None, column=None, value=None)
    assert_cli_reports(valid_dir, file="teams.csv", row=None, shown=None)


@pytest.mark.parametrize("table", ["teams", "indicator_values"])
def test_11_header_only_required_table(valid_dir, table):
    header, _ = valid_tables()[table]
    write_table(valid_dir / f"{table}.csv", header, [])
    p = the_problem(problems_of(valid_dir), "no-rows", table=table)
    check(p, table=table, file=f"{table}.csv", row=None, column=None, value=None)
    assert_cli_reports(valid_dir, file=f"{table}.csv", row=None, shown=None)


@pytest.mark.parametrize("table", ["barometer_responses", "prem_responses"])
def test_11_header_only_optional_table_is_a_warning(valid_dir, table):
    header, _ = valid_tables()[table]
    write_table(valid_dir / f"{table}.csv", header, [])
    programme = load_programme(valid_dir)
    assert len(getattr(programme, table)) == 0
    p = the_problem(programme.warnings, "no-rows", table=table)
    check(
        p, table=table, file=f"{table}.csv", row=None, column=None, value=None, severity="warning"
    )
    result = run_cli(valid_dir)
    assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr


def test_11_header_only_catalogue(valid_dir):
    header, _ = read_rows(CATALOGUES / "indicators.csv")
    write_table(valid_dir / "indicators.csv", header, [])
    p = the_problem(problems_of(valid_dir), "no-rows", table="indicators")
    check(p, table="indicators", file="indicators.csv", row=None, column=None, value=None)


def test_12_workbook_missing_sheet(tmp_path):
    frames = typed_frames()
    del frames["indicator_values"]
    book = write_workbook(tmp_path / "data.xlsx", frames)
    p = the_problem(problems_of(book), "sheet-missing")
    check(p, table="indicator_values", file="data.xlsx", row=None, column=None, value=None)
    assert "teams" in p["message"]  # names the sheets found
    assert_cli_reports(book, file="data.xlsx", row=None, shown=None)


def test_12_valid_workbook_loads(tmp_path, valid_dir):
    book = write_workbook(tmp_path / "data.xlsx", typed_frames())
    programme = load_programme(book)
    from_csv = load_programme(valid_dir)
    for name in ("teams", "indicator_values", "barometer_responses", "prem_responses"):
        pd.testing.assert_frame_equal(getattr(programme, name), getattr(from_csv, name))
    assert programme.sources["teams"].encoding == "xlsx"
    assert "data.xlsx" in programme.sources["teams"].path
    result = run_cli(book)
    assert result.returncode == 0 and "Traceback" not in result.stdout + result.stderr


def test_12_workbook_problem_has_sheet_row(tmp_path):
    frames = typed_frames()
    frames["indicator_values"].loc[3, "team_id"] = "T99"  # 4th data row = row 5
    book = write_workbook(tmp_path / "data.xlsx", frames)
    p = the_problem(problems_of(book), "foreign-key", table="indicator_values")
    check(p, table="indicator_values", file="data.xlsx", row=5, column="team_id", value="T99")


def test_required_table_file_missing(valid_dir):
    (valid_dir / "indicator_values.csv").unlink()
    p = the_problem(problems_of(valid_dir), "file-missing")
    check(
        p, table="indicator_values", file="indicator_values.csv", row=None, column=None, value=None
    )
    assert_cli_reports(valid_dir, file="indicator_values.csv", row=None, shown=None)


# --- every other rule, one broken cell at a time -----------------------------------------------

ONE_CELL = [
    # table, row, column, new text, rule, expected value (None: missing)
    ("teams", 3, "participation_level", "co-gestion", "enum", "co-gestion"),
    ("teams", 4, "team_id", "C 01", "pattern", "C 01"),
    ("teams", 4, "team_id", "C" * 65, "max-length", "C" * 65),  # a report's file name
    ("teams", 2, "hospital", "", "required", None),
    ("teams", 2, "n_patient_partners", "-1", "minimum", "-1"),
    ("teams", 2, "n_patient_partners", "2.5", "type", "2.5"),
    ("teams", 2, "comparison", "peut-être", "type", "peut-être"),
    ("teams", 2, "comparison", "", "required", None),
    ("teams", 2, "start_date", "", "start-date-required", None),
    ("teams", 2, "end_date", "2022-12-31", "date-order", "2022-12-31"),
    ("indicator_values", 2, "indicator", "inconnu", "foreign-key", "inconnu"),
    ("indicator_values", 2, "numerator", "-3", "minimum", "-3"),
    ("indicator_values", 2, "numerator", "60", "numerator-exceeds-denominator", "60"),
    ("indicator_values", 2, "numerator", "trente", "type", "trente"),
    ("indicator_values", 2, "denominator", "", "kind-columns", None),
    ("indicator_values", 8, "value", "", "kind-columns", None),
    ("indicator_values", 8, "n", "-4", "minimum", "-4"),
    ("indicator_values", 3, "period", "", "required", None),
    ("barometer_responses", 2, "role", "", "role-required", None),
    ("barometer_responses", 2, "role", "médecin", "enum", "médecin"),
    ("barometer_responses", 2, "wave", "V1", "pattern", "V1"),
    ("barometer_responses", 2, "assessment", "seul", "enum", "seul"),
    ("barometer_responses", 2, "team_id", "T99", "foreign-key", "T99"),
    ("prem_responses", 2, "answer", "7", "answer-code", "7"),
    ("prem_responses", 3, "answer", "5", "answer-code", "5"),  # PEC1: frequence4 has no 5
    ("prem_responses", 2, "answer", "bien", "type", "bien"),
    ("prem_responses", 2, "period", "pendant", "enum", "pendant"),
    ("prem_responses", 2, "sex", "M", "enum", "M"),
    ("prem_responses", 2, "team_id", "T99", "foreign-key", "T99"),
    ("prem_responses", 2, "item", "ZZZ", "foreign-key", "ZZZ"),
]


@pytest.mark.parametrize(
    ("table", "row", "column", "text", "rule", "value"),
    ONE_CELL,
    ids=[f"{c[0]}-{c[2]}-{c[4]}" for c in ONE_CELL],
)
def test_one_broken_cell(valid_dir, table, row, column, text, rule, value):
    set_cell(valid_dir, table, row, column, text)
    p = the_problem(problems_of(valid_dir), rule, table=table, row=row)
    check(p, table=table, file=f"{table}.csv", row=row, column=column, value=value)


def test_custom_barometer_scale_replaces_default(valid_dir):
    path = copy_catalogue(valid_dir, "barometer_items")
    header, rows = read_rows(path)
    for r in rows:  # a 1–5 instrument
        r[header.index("scale_min")], r[header.index("scale_max")] = "1", "5"
    write_table(path, header, rows)
    responses = valid_dir / "barometer_responses.csv"
    header, rows = read_rows(responses)
    for r in rows:  # no 0 anywhere, except the one below
        r[-1] = r[-1].replace("0", "1")
    write_table(responses, header, rows)
    set_cell(valid_dir, "barometer_responses", 3, "score", "5")
    set_cell(valid_dir, "barometer_responses", 4, "score", "0")
    problems = problems_of(valid_dir)
    p = the_problem(problems, "scale-range")
    check(
        p,
        table="barometer_responses",
        file="barometer_responses.csv",
        row=4,
        column="score",
        value="0",
    )


def test_custom_prem_scale_points_above_maximum(valid_dir):
    path = copy_catalogue(valid_dir, "prem_scales")
    header, rows = read_rows(path)
    rows[3][header.index("points")] = "120"  # frequence4, code 4 = row 5
    write_table(path, header, rows)
    p = the_problem(problems_of(valid_dir), "maximum")
    check(p, table="prem_scales", file="prem_scales.csv", row=5, column="points", value="120")


# --- all problems are reported, in the language asked for ---------------------------------


def test_all_problems_are_reported(valid_dir):
    set_cell(valid_dir, "teams", 2, "participation_level", "co-gestion")
    set_cell(valid_dir, "teams", 2, "n_patient_partners", "-1")
    set_cell(valid_dir, "teams", 3, "comparison", "peut-être")
    set_cell(valid_dir, "teams", 3, "end_date", "31/02/2024")
    set_cell(valid_dir, "indicator_values", 5, "team_id", "T99")
    set_cell(valid_dir, "indicator_values", 9, "value", "six")
    set_cell(valid_dir, "barometer_responses", 3, "score", "NSP")
    set_cell(valid_dir, "barometer_responses", 5, "score", "5")
    set_cell(valid_dir, "prem_responses", 2, "answer", "7")
    problems = problems_of(valid_dir)
    found = set(
        zip(
            problems["table"],
            problems["row"].astype("Int64"),
            problems["column"],
            problems["rule"],
            strict=True,
        )
    )
    expected = {
        ("teams", 2, "participation_level", "enum"),
        ("teams", 2, "n_patient_partners", "minimum"),
        ("teams", 3, "comparison", "type"),
        ("teams", 3, "end_date", "type"),
        ("indicator_values", 5, "team_id", "foreign-key"),
        ("indicator_values", 9, "value", "type"),
        ("barometer_responses", 3, "score", "type"),
        ("barometer_responses", 5, "score", "scale-range"),
        ("prem_responses", 2, "answer", "answer-code"),
    }
    assert expected <= found, f"missing: {expected - found}"
    assert (problems["severity"] == "error").sum() == len(expected), problems.to_string()
    assert pd.api.types.is_integer_dtype(problems["row"])
    out = run_cli(valid_dir)
    assert out.returncode == 2 and "Traceback" not in out.stdout + out.stderr
    for value in ("co-gestion", "peut-être", "T99", "six", "NSP"):
        assert value in out.stdout + out.stderr


def test_messages_french_by_default_english_on_request(valid_dir):
    set_cell(valid_dir, "indicator_values", 5, "team_id", "T99")
    fr = the_problem(problems_of(valid_dir), "foreign-key")
    en = the_problem(problems_of(valid_dir, lang="en"), "foreign-key")
    assert "n'existe pas" in fr["message"] and "T99" in fr["message"]
    assert "does not exist" in en["message"] and "T99" in en["message"]
    result = run_cli(valid_dir, "--lang", "en")
    assert result.returncode == 2
    assert "does not exist" in result.stdout + result.stderr
    assert "n'existe pas" not in result.stdout + result.stderr


def test_cli_writes_problems_csv(valid_dir, tmp_path):
    set_cell(valid_dir, "indicator_values", 5, "team_id", "T99")
    set_cell(valid_dir, "teams", 2, "participation_level", "co-gestion")
    out = tmp_path / "problems.csv"
    result = run_cli(valid_dir, "--problems", out)
    assert result.returncode == 2, result.stdout + result.stderr
    written = pd.read_csv(
        out, dtype=str, keep_default_na=False, sep=None, engine="python", encoding="utf-8-sig"
    )
    # French headers by default (English with --lang en: tests/test_output_safety.py)
    french = ["gravité", "table", "fichier", "ligne", "colonne", "valeur", "règle", "message"]
    assert list(written.columns) == french
    assert {"T99", "co-gestion"} <= set(written["valeur"])


def test_cli_missing_path_no_traceback(tmp_path):
    result = run_cli(tmp_path / "nowhere")
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    assert "nowhere" in out


# --- warnings do not stop the load -----------------------------------------------------


def test_unknown_column_is_a_warning(valid_dir):
    path = valid_dir / "teams.csv"
    header, rows = read_rows(path)
    write_table(path, [*header, "commentaire"], [[*r, "RAS"] for r in rows])
    programme = load_programme(valid_dir)
    p = the_problem(programme.warnings, "unknown-column")
    check(
        p,
        table="teams",
        file="teams.csv",
        row=1,
        column="commentaire",
        value="commentaire",
        severity="warning",
    )


def test_no_post_period_warning(valid_dir):
    set_cell(valid_dir, "teams", 3, "start_date", "2024-01-01")  # T02 after every value
    programme = load_programme(valid_dir)
    p = the_problem(programme.warnings, "no-post-period")
    assert (p["severity"], p["value"]) == ("warning", "T02")


def test_small_prem_period_warning(valid_dir):
    path = valid_dir / "prem_responses.csv"
    header, rows = read_rows(path)
    keep = [r for r in rows if not (r[0] == "T01" and r[1] == "après" and r[2] > "P010")]
    write_table(path, header, keep)
    programme = load_programme(valid_dir)
    p = the_problem(programme.warnings, "small-prem-period")
    assert (p["severity"], p["table"], p["value"]) == ("warning", "prem_responses", "T01")
    assert "10" in p["message"]


def test_teams_header_constant_matches_schema():
    import json

    schema = json.loads((CATALOGUES.parent / "teams.schema.json").read_text(encoding="utf-8"))
    assert TEAMS_HEADER == [f["name"] for f in schema["fields"]]


# --- values are the raw text; rows count every line -------------------------------------------


@pytest.mark.parametrize(
    ("table", "row", "column", "text", "rule"),
    [
        ("teams", 2, "end_date", "31/12/2022", "date-order"),  # before 2023-03-01
        ("barometer_responses", 3, "score", "05", "scale-range"),
        ("prem_responses", 2, "answer", "07", "answer-code"),
        ("indicator_values", 2, "numerator", "60.0", "numerator-exceeds-denominator"),
    ],
)
def test_cross_table_value_is_raw_text(valid_dir, table, row, column, text, rule):
    set_cell(valid_dir, table, row, column, text)
    p = the_problem(problems_of(valid_dir), rule)
    check(p, table=table, file=f"{table}.csv", row=row, column=column, value=text)


def test_decimal_comma_value_is_raw_text(valid_dir):
    header, rows = valid_tables()["indicator_values"]
    for r in rows:
        r[3], r[6] = r[3].replace(".", ","), r[6].replace(".", ",")
    rows[6][6] = "-2,5"  # row 8: sd of T01 dms 2023-01
    write_table(valid_dir / "indicator_values.csv", header, rows, sep=";")
    p = the_problem(problems_of(valid_dir), "minimum")
    check(p, table="indicator_values", file="indicator_values.csv", row=8, column="sd",
          value="-2,5")  # fmt: skip


def test_blank_line_counts_as_a_row(valid_dir):
    path = valid_dir / "indicator_values.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(3, "\n")  # after row 3: the old row 5 is now row 6
    path.write_text("".join(lines), encoding="utf-8")
    set_cell(valid_dir, "indicator_values", 6, "team_id", "T99")
    p = the_problem(problems_of(valid_dir), "foreign-key")
    check(p, table="indicator_values", file="indicator_values.csv", row=6, column="team_id",
          value="T99")  # fmt: skip
