"""Shared fixtures: a tiny valid programme folder that tests then break one cell at a time."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from report_set import report_set

TEAMS_HEADER = [
    "team_id", "name", "hospital", "ghu", "domain", "intervention_mode",
    "participation_level", "start_date", "end_date", "n_patient_partners", "comparison",
]  # fmt: skip
#: Spreadsheet rows: T01 = row 2, T02 = row 3, C01 = row 4.
TEAMS_ROWS = [
    ["T01", "Parcours insuffisance cardiaque", "Hôpital Nord", "GHU Centre", "soins",
     "parcours", "co-construction", "2023-03-01", "", "3", "non"],
    ["T02", "Accueil aux urgences", "Hôpital Sud", "GHU Centre", "organisation des soins",
     "expérience patient", "consultation", "2023-04-01", "", "2", "non"],
    ["C01", "Unité témoin", "Hôpital Est", "GHU Centre", "", "", "", "", "", "", "oui"],
]  # fmt: skip

MONTHS = ["2023-01", "2023-02", "2023-03", "2023-04", "2023-05", "2023-06"]
INDICATOR_HEADER = [
    "team_id", "indicator", "period", "value", "numerator", "denominator", "sd", "n",
]  # fmt: skip


def indicator_rows() -> list[list[str]]:
    """Team × indicator × month; row 2 = T01 info_sortie 2023-01, row 8 = T01 dms 2023-01.

    ``info_sortie`` is a proportion (numerator of 30–35 out of 50), ``dms`` a mean
    (value 6.0–6.5 days, with sd and n).
    """
    rows = []
    for team in ("T01", "T02", "C01"):
        for i, month in enumerate(MONTHS):
            rows.append([team, "info_sortie", month, "", str(30 + i), "50", "", ""])
        for i, month in enumerate(MONTHS):
            rows.append([team, "dms", month, f"{6.0 + 0.1 * i:.1f}", "", "", "2.1", "40"])
    return rows


BAROMETER_HEADER = ["team_id", "wave", "respondent", "role", "assessment", "item", "score"]


def barometer_rows() -> list[list[str]]:
    """Row 2 = T01 T0 R1 (patient, auto) CE1, score 2; one empty score (no answer)."""
    respondents = [("R1", "patient", "auto"), ("R2", "professionnel", "auto"),
                   ("G", "", "conjointe")]  # fmt: skip
    rows = []
    k = 0
    for team in ("T01", "T02"):
        for wave in ("T0", "T1"):
            for respondent, role, assessment in respondents:
                for item in ("CE1", "CC1"):
                    rows.append([team, wave, respondent, role, assessment, item,
                                 str((k + 2) % 5)])  # fmt: skip
                    k += 1
    rows[-1][-1] = ""  # a skipped question is allowed
    return rows


PREM_HEADER = [
    "team_id", "period", "respondent", "age_group", "sex", "self_rated_health",
    "admission_mode", "item", "answer",
]  # fmt: skip
PREM_PER_PERIOD = 30  # the small-prem-period threshold: exactly enough, so no warning


def prem_rows() -> list[list[str]]:
    """30 respondents per team and period, two questions each (ACC1: qualite5, PEC1:
    frequence4). Row 2 = T01 avant P001 ACC1."""
    ages = ["18-44", "45-64", "65-74", "75+"]
    health = ["très bonne", "bonne", "moyenne", "mauvaise"]
    rows = []
    for team in ("T01", "T02"):  # a comparison unit's answers are warned about
        for period in ("avant", "après"):
            for k in range(1, PREM_PER_PERIOD + 1):
                person = [team, period, f"P{k:03d}", ages[k % 4], "FH"[k % 2], health[k % 4],
                          "programmée" if k % 3 else "urgence"]  # fmt: skip
                rows.append([*person, "ACC1", str(1 + k % 5)])
                rows.append([*person, "PEC1", str(1 + k % 4)])
    return rows


def valid_tables() -> dict[str, tuple[list[str], list[list[str]]]]:
    """The valid programme as ``{table: (header, rows)}`` of raw text."""
    return {
        "teams": (TEAMS_HEADER, [list(r) for r in TEAMS_ROWS]),
        "indicator_values": (INDICATOR_HEADER, indicator_rows()),
        "barometer_responses": (BAROMETER_HEADER, barometer_rows()),
        "prem_responses": (PREM_HEADER, prem_rows()),
    }


def write_table(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    sep: str = ",",
    encoding: str = "utf-8",
) -> Path:
    """Write raw text rows as a CSV file (quoting only where needed)."""
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=sep, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def valid_dir(tmp_path: Path) -> Path:
    """A tiny valid programme folder (UTF-8, comma-separated; default catalogues).

    Teams T01 and T02 (programme, start 2023-03-01 and 2023-04-01) and C01 (comparison);
    monthly values Jan–Jun 2023 of ``info_sortie`` (proportion) and ``dms`` (mean);
    a few barometer answers; 30 PREM respondents per programme team and period (none for
    C01: a comparison unit's answers are warned about).
    """
    folder = tmp_path / "programme"
    folder.mkdir()
    for name, (header, rows) in valid_tables().items():
        write_table(folder / f"{name}.csv", header, rows)
    return folder


@pytest.fixture(scope="session")
def french(tmp_path_factory: pytest.TempPathFactory):
    """The shared demo report set in French (built once: tests/report_set.py)."""
    return report_set(tmp_path_factory)


@pytest.fixture(scope="session")
def english(tmp_path_factory: pytest.TempPathFactory):
    """The shared demo report set in English."""
    return report_set(tmp_path_factory, lang="en")
