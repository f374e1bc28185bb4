"""Nothing executable leaks into a page or a spreadsheet (#12, point 9).

A data folder named with a backtick and ``<img onerror=…>`` shows as text on every page,
and pages name it without the analyst's path; every CSV the package writes prefixes a text
cell that a spreadsheet would run as a formula with ``'`` (OWASP, "CSV Injection":
https://owasp.org/www-community/attacks/CSV_Injection), negative numbers staying numbers;
``--problems`` writes a file French Excel opens as it is.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

import impact
from impact.cli import cli
from impact.data.csv_cells import csv_text
from impact.data.programme import INPUT_TABLES, SourceInfo
from impact.report.team_card import provenance_html
from impact.run.runner import run_reports

#: First characters a spreadsheet reads as a formula (OWASP's list).
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
#: A data folder whose name would run script if it reached a page as markup or Markdown.
FOLDER = "d`<img src=x onerror=alert(1)>"
#: Its name as the pages must show it (escaped text).
FOLDER_SHOWN = "d`&lt;img src=x onerror=alert(1)&gt;"
#: Cells a spreadsheet would run. A carriage return cannot go through the input CSV (the
#: reader ends the row there), so it is tested on the writer directly.
FORMULAS = ['=HYPERLINK("http://x.example","clic")', "+1", "-2+3", "@SUM(A1:A2)", "\tTAB"]
TEAM = "-T01"  # a valid team_id (pattern [A-Za-z0-9_.-]+) that a spreadsheet reads as a formula
TEAM_NAME = "<img src=x onerror=alert(2)> & co"


def _renamed(frame: pd.DataFrame) -> pd.DataFrame:
    if "team_id" not in frame.columns:
        return frame
    return frame.assign(team_id=frame["team_id"].replace({"T01": TEAM}))


def _hostile_programme() -> impact.Programme:
    """Two teams and two comparison units; team T01 renamed ``-T01`` with a name holding
    markup, PREM item labels and a barometer dimension label holding formulas."""
    prog = impact.demo_programme(n_teams=2, n_comparison=2)
    items = prog.prem_items.copy()
    items.loc[: len(FORMULAS) - 1, "label_fr"] = FORMULAS
    barometer = prog.barometer_items.copy()
    first = barometer["dimension"] == barometer["dimension"].iloc[0]
    barometer.loc[first, "dimension_fr"] = FORMULAS[0]
    teams = _renamed(prog.teams)
    teams.loc[teams["team_id"] == TEAM, "name"] = TEAM_NAME
    tables = [name for name in INPUT_TABLES if name != "teams"]  # every table naming a team
    return dataclasses.replace(
        prog, teams=teams, prem_items=items, barometer_items=barometer, truth=None,
        **{name: _renamed(getattr(prog, name)) for name in tables},
    )  # fmt: skip


#: The demo's trainings: each has its page in the run, checked like the others.
TRAININGS = ("formation_action", "formation_pp")


@pytest.fixture(scope="module")
def run(tmp_path_factory) -> tuple[Path, Path]:
    """(data folder, output folder) of a run of one team and the programme report."""
    root = tmp_path_factory.mktemp("safety")
    data = root / FOLDER
    _hostile_programme().to_csv(data)
    result = run_reports(data, root / "out", teams=[TEAM], workers=1, progress=False)
    assert result.ok == [TEAM] and not result.failures and result.programme is not None
    return data, root / "out"


def _pages(out: Path) -> dict[str, str]:
    pages = {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
             for p in sorted(out.rglob("*.html"))}  # fmt: skip
    trainings = {f"trainings/{code}.html" for code in TRAININGS}
    assert set(pages) == {"index.html", "programme.html", f"teams/{TEAM}.html", *trainings}
    return pages


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_data_folder_name_runs_no_script_in_any_page(run):
    _, out = run
    for name, page in _pages(out).items():
        parser = _Elements()
        parser.feed(page)
        assert not [a for _, a in parser.tags if "onerror" in a], name
        assert not [a for tag, a in parser.tags if tag == "img" and a.get("src") == "x"], name
        assert "<img src=x" not in page, name
        assert FOLDER_SHOWN in page, name  # shown, as text
    team = _pages(out)[f"teams/{TEAM}.html"]
    assert "&lt;img src=x onerror=alert(2)&gt; &amp; co" in team  # the card's title


def test_pages_show_the_data_folder_name_not_the_analysts_path(run):
    data, out = run
    for name, page in _pages(out).items():
        for path in {str(data), str(data.resolve()), str(data.parent), str(data.parent.resolve())}:
            assert path not in page, name
    about = _pages(out)[f"teams/{TEAM}.html"].split("propos de ce rapport")[-1]
    assert f"<code>{FOLDER_SHOWN}/teams.csv</code>" in about
    assert f"data_path = '{FOLDER_SHOWN}'" in about
    # run.json is the analyst's: it keeps the full path
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["data"] == str(data.resolve())


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def _read(path: Path) -> str:
    """A CSV file's text, line ends as written (a quoted carriage return stays one)."""
    with path.open(encoding="utf-8", newline="") as fh:
        return fh.read()


def _cells(text: str, sep: str = ",") -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text), delimiter=sep) for cell in row]


def _unsafe(cells: list[str]) -> list[str]:
    """Cells a spreadsheet would run: starting with a dangerous character, not a number."""
    return [c for c in cells if c.startswith(DANGEROUS) and not _is_number(c)]


def test_every_results_csv_neutralises_formula_cells(run):
    _, out = run
    files = sorted((out / "results").glob("*.csv"))
    assert {"headlines.csv", "prem_items.csv", "barometer_scores.csv"} <= {f.name for f in files}
    everything = []
    for file in files:
        cells = _cells(_read(file))
        assert not _unsafe(cells), file.name
        everything += cells
    assert f"'{TEAM}" in _cells(_read(out / "results" / "headlines.csv"))
    for formula in FORMULAS:  # they reached the files, quoted
        assert f"'{formula}" in everything, formula
    # negative numbers stay numbers
    assert any(c.startswith("-") and _is_number(c) for c in everything)


def test_the_csv_writer_quotes_text_cells_only():
    frame = pd.DataFrame({
        "label": [*FORMULAS, "\rCR", "-0.4", "Soins - suite", None],
        "code": pd.Categorical(["=A1", "b", "c", "d", "e", "f", "g", "h", "i"]),
        "estimate": [-0.4, -2.0, 1.5, 0.0, -1e-3, 3.0, -7.25, 2.0, float("nan")],
        "n": pd.array([-1, 2, 3, 4, 5, 6, 7, 8, None], dtype="Int64"),
        "=bad": ["x"] * 9,
    })  # fmt: skip
    text = csv_text(frame)
    assert text.count("\r\n") == len(frame) + 1  # CR LF line ends: the bare CR is quoted
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == ["label", "code", "estimate", "n", "'=bad"]
    assert [r[0] for r in rows[1:]] == [
        '\'=HYPERLINK("http://x.example","clic")', "'+1", "'-2+3", "'@SUM(A1:A2)", "'\tTAB",
        "'\rCR", "'-0.4", "Soins - suite", "",
    ]  # fmt: skip
    assert [r[1] for r in rows[1:3]] == ["'=A1", "b"]
    assert [r[2] for r in rows[1:]] == ["-0.4", "-2.0", "1.5", "0.0", "-0.001", "3.0", "-7.25",
                                        "2.0", ""]  # fmt: skip
    assert [r[3] for r in rows[1:3]] == ["-1", "2"]


def _bad_data(folder: Path) -> Path:
    """Demo data whose teams' ``domain`` (an enum) hold formulas: each is a problem whose
    ``value`` is the formula."""
    impact.demo_programme(n_teams=3, n_comparison=2).to_csv(folder)
    teams = pd.read_csv(folder / "teams.csv", dtype=str, keep_default_na=False)
    teams["domain"] = FORMULAS
    teams.to_csv(folder / "teams.csv", index=False)
    return folder


@pytest.mark.parametrize(
    ("lang", "header", "error"),
    [
        ("fr", "gravité;table;fichier;ligne;colonne;valeur;règle;message", "erreur"),
        ("en", "severity;table;file;row;column;value;rule;message", "error"),
    ],
)
def test_problems_file_opens_in_french_excel_with_no_formula(tmp_path, lang, header, error):
    data = _bad_data(tmp_path / "data")
    target = tmp_path / "problèmes.csv"
    args = ["validate", str(data), "--problems", str(target), "--lang", lang]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2, result.output
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == header
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    assert all(len(row) == 8 for row in rows)
    assert not _unsafe([cell for row in rows for cell in row])
    domain = [row for row in rows if row[4] == "domain"]
    assert [row[5] for row in domain] == [f"'{formula}" for formula in FORMULAS]
    assert {row[0] for row in domain} == {error}
    assert {row[1] for row in domain} == {"teams"}


def test_provenance_names_files_by_folder_and_workbook_only():
    prog = impact.demo_programme(n_teams=2, n_comparison=0)
    sources = {
        "teams": SourceInfo("/home/analyste/secret/d`<b>x/teams.csv", sha256="ab" * 32),
        "prem_items": SourceInfo("/home/analyste/secret/prog.xlsx#prem_items", sha256="cd" * 32,
                                 encoding="xlsx", separator="xlsx"),
        "indicators": SourceInfo("<default catalogue>"),
        "indicator_values": SourceInfo("<demo>"),
    }  # fmt: skip
    page = provenance_html(
        dataclasses.replace(prog, sources=sources),
        parameters={"data_path": "/home/analyste/secret/d`<b>x", "min_cell": 10},
        lang="fr",
    )
    assert "/home/analyste" not in page and "<b>" not in page
    assert (
        "<li>teams\u00a0: <code>d`&lt;b&gt;x/teams.csv</code> (SHA-256 abababababababab…)" in page
    )
    assert "<li>prem_items\u00a0: <code>prog.xlsx#prem_items</code> (SHA-256 cdcd" in page
    assert "<li>indicators\u00a0: catalogue par défaut</li>" in page
    assert "<li>indicator_values\u00a0: programme de démonstration</li>" in page
    assert "<code>data_path = &#39;d`&lt;b&gt;x&#39;, min_cell = 10</code>" in page
