"""Team reports: the indicator table, the team notebook and the report runner."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import papermill
import pytest

from impact.data.programme import Programme
from impact.data.schemas import catalogue_dir
from impact.errors import DataValidationError, RunCheckError
from impact.indicators.periods import compare_periods
from impact.report.formatting import format_number
from impact.report.indicator_tables import indicator_table_html
from impact.run.runner import notebook_path, run_reports

# --- a tiny programme, written by hand -------------------------------------------------

TEAMS = pd.DataFrame(
    {
        "team_id": ["T01", "T02", "C01"],
        "name": ["Parcours <insuffisance> cardiaque", "Accueil aux urgences", "Unité témoin"],
        "hospital": ["Hôpital Nord", "Hôpital Sud", "Hôpital Est"],
        "ghu": ["GHU Centre", "GHU Centre", "GHU Centre"],
        "domain": ["soins", "organisation des soins", ""],
        "intervention_mode": ["parcours", "expérience patient", ""],
        "participation_level": ["co-construction", "consultation", ""],
        "start_date": ["2024-03-10", "2024-04-01", ""],
        "end_date": ["", "2025-03-31", ""],
        "n_patient_partners": ["3", "2", ""],
        "comparison": ["non", "non", "oui"],
    }
)


def _monthly_values(team: str, shift: int) -> list[dict[str, object]]:
    """Twelve months (2023-09 to 2024-08) of four indicators, one of each kind."""
    rows = []
    for i, month in enumerate(pd.period_range("2023-09", "2024-08", freq="M").astype(str)):
        k = i + shift
        rows += [
            {"indicator": "info_sortie", "period": month, "numerator": 30 + k, "denominator": 50},
            {"indicator": "plaintes", "period": month, "numerator": k % 3, "denominator": 400},
            {"indicator": "dms", "period": month, "value": 6.0 - 0.1 * k, "sd": 2.0, "n": 40},
            {"indicator": "n_patients_partenaires", "period": month, "value": 1 + k // 4},
        ]
    return [{"team_id": team, **row} for row in rows]


def write_programme(folder: Path) -> Path:
    """Write the tiny programme (teams T01, T02 and comparison unit C01) as CSV files."""
    folder.mkdir(parents=True, exist_ok=True)
    TEAMS.to_csv(folder / "teams.csv", index=False)
    values = pd.DataFrame(
        _monthly_values("T01", 0) + _monthly_values("T02", 1) + _monthly_values("C01", 2),
        columns=["team_id", "indicator", "period", "value", "numerator", "denominator", "sd", "n"],
    )
    values["n"] = values["n"].astype("Int64")
    values.to_csv(folder / "indicator_values.csv", index=False)
    CATALOGUE.to_csv(folder / "indicators.csv", index=False)  # the count is its own
    return folder


# --- period values of compare_periods against hand computation ----------------------


#: The default catalogue and a count indicator of the programme's own (the default
#: catalogue has none since issue 14: patient partners come from partnership_activity).
CATALOGUE = pd.concat(
    [
        pd.read_csv(catalogue_dir() / "indicators.csv"),
        pd.DataFrame([{
            "code": "n_patients_partenaires",
            "label_fr": "Nombre de patients partenaires impliqués",
            "label_en": "Number of patient partners involved", "kind": "count",
            "unit_fr": "personnes", "unit_en": "people", "better": "higher",
            "source": "Suivi du projet", "plausible_min": 0, "plausible_max": 100,
        }]),
    ],
    ignore_index=True,
)  # fmt: skip


def _programme(values: pd.DataFrame) -> Programme:
    """A Programme built directly from typed frames (no loader involved)."""
    teams = TEAMS.assign(
        start_date=pd.to_datetime(TEAMS["start_date"]),
        end_date=pd.to_datetime(TEAMS["end_date"]),
        n_patient_partners=pd.to_numeric(TEAMS["n_patient_partners"]).astype("Int64"),
        comparison=TEAMS["comparison"].eq("oui").astype("boolean"),
    )
    catalogue = CATALOGUE
    empty = pd.DataFrame()
    return Programme(
        teams=teams,
        indicator_values=values,
        barometer_responses=empty,
        prem_responses=empty,
        indicators=catalogue,
        barometer_items=empty,
        prem_items=empty,
        prem_scales=empty,
    )


def _values(rows: list[tuple]) -> pd.DataFrame:
    columns = ["team_id", "indicator", "period", "value", "numerator", "denominator", "n"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.assign(
        period=pd.to_datetime(frame["period"]),
        value=frame["value"].astype("float64"),
        numerator=frame["numerator"].astype("float64"),
        denominator=frame["denominator"].astype("float64"),
        sd=np.nan,
        n=frame["n"].astype("Int64"),
    )


NA = np.nan
# T01 starts 2024-03-10, so with months=2: before = Jan + Feb 2024, after = Mar + Apr 2024;
# Dec 2023 and May 2024 fall outside both periods.
HAND_ROWS = [
    # info_sortie, proportion: before 100 * (8 + 12) / (10 + 20) = 66.666…,
    # after 100 * (15 + 27) / (20 + 30) = 84 (pooled, not the mean of 80 % and 60 %).
    ("T01", "info_sortie", "2023-12-01", NA, 1, 10, NA),
    ("T01", "info_sortie", "2024-01-01", NA, 8, 10, NA),
    ("T01", "info_sortie", "2024-02-01", NA, 12, 20, NA),
    ("T01", "info_sortie", "2024-03-01", NA, 15, 20, NA),
    ("T01", "info_sortie", "2024-04-01", NA, 27, 30, NA),
    ("T01", "info_sortie", "2024-05-01", NA, 0, 30, NA),
    # plaintes, rate per 1,000: before 1000 * (2 + 1) / (400 + 600) = 3.0,
    # after 1000 * (1 + 0) / (500 + 500) = 1.0.
    ("T01", "plaintes", "2024-01-01", NA, 2, 400, NA),
    ("T01", "plaintes", "2024-02-01", NA, 1, 600, NA),
    ("T01", "plaintes", "2024-03-01", NA, 1, 500, NA),
    ("T01", "plaintes", "2024-04-01", NA, 0, 500, NA),
    # dms, mean: before weighted (6 * 10 + 5 * 30) / 40 = 5.25; after n missing in a month,
    # so the plain mean (4 + 5) / 2 = 4.5.
    ("T01", "dms", "2024-01-01", 6.0, NA, NA, 10),
    ("T01", "dms", "2024-02-01", 5.0, NA, NA, 30),
    ("T01", "dms", "2024-03-01", 4.0, NA, NA, None),
    ("T01", "dms", "2024-04-01", 5.0, NA, NA, 20),
    # n_patients_partenaires, count: before only January (February empty) = 2;
    # after (3 + 5) / 2 = 4.
    ("T01", "n_patients_partenaires", "2024-01-01", 2.0, NA, NA, None),
    ("T01", "n_patients_partenaires", "2024-02-01", NA, NA, NA, None),
    ("T01", "n_patients_partenaires", "2024-03-01", 3.0, NA, NA, None),
    ("T01", "n_patients_partenaires", "2024-04-01", 5.0, NA, NA, None),
    # qvt only outside the periods: not listed. Another team's rows are ignored.
    ("T01", "qvt", "2023-06-01", 60.0, NA, NA, 12),
    ("T02", "info_sortie", "2024-03-01", NA, 1, 50, NA),
]


def test_period_values_match_hand_computation():
    table = compare_periods(_programme(_values(HAND_ROWS)), teams=["T01"], months=2)
    # catalogue order: dms, plaintes, info_sortie, n_patients_partenaires
    assert table["indicator"].tolist() == [
        "dms",
        "plaintes",
        "info_sortie",
        "n_patients_partenaires",
    ]
    got = table.set_index("indicator")
    # dms has no monthly SD, so the Welch comparison (and the value shown) uses the
    # monthly values: before (6 + 5) / 2 = 5.5, after (4 + 5) / 2 = 4.5.
    expected_before = [5.5, 3.0, 200 / 3, 2.0]
    expected_after = [4.5, 1.0, 84.0, 4.0]
    np.testing.assert_allclose(got["value_before"], expected_before)
    np.testing.assert_allclose(got["value_after"], expected_after)
    # proportion change in points: 84 − 66.67; rate ratio (1/1000) / (3/1000)
    assert got.loc["info_sortie", "estimate"] == pytest.approx(84 - 200 / 3)
    assert got.loc["plaintes", "estimate"] == pytest.approx(1 / 3)
    assert got.loc["dms", "estimate"] == pytest.approx(-1.0)
    assert got["months_after"].tolist() == [2, 2, 2, 2]


def test_compare_periods_refuses_comparison_units_and_bad_arguments():
    programme = _programme(_values(HAND_ROWS))
    with pytest.raises(ValueError, match="C01"):
        compare_periods(programme, teams=["C01"])
    with pytest.raises(ValueError, match="NOPE"):
        compare_periods(programme, teams=["NOPE"])
    with pytest.raises(ValueError, match="months"):
        compare_periods(programme, months=0)


def test_indicator_table_without_data_says_so():
    table = compare_periods(_programme(_values(HAND_ROWS[-2:])), teams=["T01"], months=2)
    assert table.empty
    assert "Aucune valeur" in indicator_table_html(table, CATALOGUE, lang="fr")


def test_french_number_format():
    assert format_number(1234.56, lang="fr") == "1\u202f234,6"
    assert format_number(-0.75, lang="fr", digits=2, sign=True) == "\u22120,75"
    assert format_number(0.75, lang="en", digits=2, sign=True) == "+0.75"
    assert format_number(np.nan, lang="fr") == "–"
    table = compare_periods(_programme(_values(HAND_ROWS)), teams=["T01"], months=2)
    html = indicator_table_html(table, CATALOGUE, lang="fr")
    # proportions and means with one decimal, rates with two, ratios as ×
    assert "66,7" in html and "+17,3" in html and "\u22121,0" in html and "3,00" in html
    assert "×0,33" in html and "amélioration" in html or "non concluant" in html
    english = indicator_table_html(table, CATALOGUE, lang="en")
    assert "66.7" in english and "Verdict" in english


# --- the team notebook -------------------------------------------------------------------


def test_notebook_declares_exactly_the_runner_parameters():
    declared = papermill.inspect_notebook(str(notebook_path()))
    assert list(declared) == ["data_path", "team_id", "lang", "min_cell", "results_path"]
    first_code = next(c for c in nbformat.read(notebook_path(), 4).cells if c.cell_type == "code")
    assert "parameters" in first_code.metadata.get("tags", [])


def test_committed_notebook_has_no_outputs():
    nb = nbformat.read(notebook_path(), as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == []
            assert cell.execution_count is None


# --- the runner ------------------------------------------------------------------------

NETWORK_SCRIPT = re.compile(r"<script[^>]+src=[\"']?(https?:)?//", re.IGNORECASE)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_programme(tmp_path_factory.mktemp("tiny") / "data")


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Temporary folder of the module's run (where its scratch files go)."""
    return tmp_path_factory.mktemp("scratch")


@pytest.fixture(scope="module")
def run(data_dir: Path, scratch: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("reports")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tempfile, "tempdir", str(scratch))
        return run_reports(data_dir, out, workers=1, progress=False, programme_report=False)


def test_run_reports_writes_one_offline_page_per_team(run, scratch: Path):
    assert run.ok == ["T01", "T02"]  # comparison unit C01 excluded by default
    assert run.failures == []
    for team, name in [("T01", "Parcours &lt;insuffisance&gt; cardiaque"),
                       ("T02", "Accueil aux urgences")]:  # fmt: skip
        page = (run.out / "teams" / f"{team}.html").read_text(encoding="utf-8")
        assert name in page
        assert "Durée moyenne de séjour" in page
        assert not NETWORK_SCRIPT.search(page)
        assert "require.js" not in page.lower() and "mathjax" not in page.lower()
        assert "load_programme" not in page and "import impact" not in page  # no code
        assert 'lang="fr"' in page
    assert not (run.out / ".work").exists()
    assert not list(scratch.iterdir())  # scratch folder (team bundles) removed


def test_index_and_run_json_list_the_teams(run, data_dir: Path):
    index = (run.out / "index.html").read_text(encoding="utf-8")
    assert 'href="teams/T01.html"' in index and 'href="teams/T02.html"' in index
    assert not NETWORK_SCRIPT.search(index)
    provenance = json.loads((run.out / "run.json").read_text(encoding="utf-8"))
    assert provenance["teams"] == {"ok": ["T01", "T02"], "failed": []}
    assert provenance["data"] == str(data_dir.resolve())
    hashes = {entry["table"]: entry["sha256"] for entry in provenance["inputs"]}
    assert len(hashes["teams"]) == 64 and len(hashes["indicator_values"]) == 64


def test_failed_team_is_recorded_and_the_others_still_run(data_dir: Path, tmp_path: Path):
    # C01 is a comparison unit: its notebook raises ValueError (no start date).
    # Two workers, each with its kept-alive kernel.
    result = run_reports(
        data_dir,
        tmp_path,
        teams=["T01", "C01"],
        workers=2,
        lang="en",
        progress=False,
        programme_report=False,
    )
    assert result.ok == ["T01"]
    failures = {f.team_id: f for f in result.failures}
    assert set(failures) == {"C01"}
    assert failures["C01"].error.startswith("ValueError: Not programme teams with a start date")
    assert failures["C01"].notebook == tmp_path / "failed" / "C01.ipynb"
    assert failures["C01"].notebook.is_file()
    assert (tmp_path / "teams" / "T01.html").is_file()
    assert not (tmp_path / "teams" / "C01.html").exists()
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "Failed reports (1)" in index and "Not programme teams" in index
    assert 'href="failed/C01.ipynb"' in index
    provenance = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert [f["team_id"] for f in provenance["teams"]["failed"]] == ["C01"]


def test_a_team_not_in_the_data_is_refused_before_any_report(data_dir: Path, tmp_path: Path):
    # NOPE is not in the teams table: refused at once, nothing written
    with pytest.raises(RunCheckError, match="NOPE"):
        run_reports(data_dir, tmp_path / "out", teams=["T01", "NOPE"], workers=1,
                    progress=False)  # fmt: skip
    assert list(tmp_path.iterdir()) == []


def test_invalid_data_raise_before_any_notebook_runs(tmp_path: Path):
    data = write_programme(tmp_path / "data")
    (data / "teams.csv").unlink()
    with pytest.raises(DataValidationError):
        run_reports(data, tmp_path / "out", workers=1, progress=False)
    assert not (tmp_path / "out").exists()


def test_run_reports_checks_its_arguments(data_dir: Path, tmp_path: Path):
    with pytest.raises(ValueError, match="workers"):
        run_reports(data_dir, tmp_path, workers=0)
    with pytest.raises(ValueError, match="lang"):
        run_reports(data_dir, tmp_path, lang="de")
