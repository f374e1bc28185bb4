"""Tests of impact.prem.esatis_comments.read_esatis_comments on small hand-made files.

No official layout of e-Satis verbatim exports is published: the files written here
follow the conventions the reader assumes (module docstring), plus one with its own
column names read through ``columns=``. Expected rows are derived by hand from the cells
typed below (row numbers as in a spreadsheet, header = 1).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

import impact.prem
from conftest import TEAMS_HEADER, TEAMS_ROWS, write_table
from impact import load_programme
from impact.data.loading import read_programme
from impact.prem.esatis_comments import read_esatis_comments

HEADER = ["FINESS géographique", "Date de sortie", "Points positifs", "Points à améliorer"]
ROWS = [
    ["750000019", "15/02/2023", "Très bon accueil, équipe souriante.", "Attente aux admissions."],
    ["750000019", "10/03/2023", "", "-"],                  # row 3: no answer at all
    ["060000019", "01/03/2023", "Repas corrects", "Chambre bruyante"],  # row 4: two teams
    ["750000027", "20/04/2023", "Rien à signaler", ""],   # row 5: site of no team
    ["750000019", "", "Personnel à l'écoute", " "],       # row 6: no date
]  # fmt: skip
MAPPING = {"750000019": "T01", "060000019": ["T02", "T03"]}
STARTS = {"T01": "2023-03-01", "T02": "2023-03-01", "T03": "2023-04-01"}


@pytest.fixture
def latin1(tmp_path: Path) -> Path:
    """The e-Satis-like export, Windows-1252 and ``;``."""
    return write_table(tmp_path / "verbatims_2023.csv", HEADER, ROWS, sep=";", encoding="cp1252")


def test_a_windows_1252_csv_with_positive_and_negative_columns(latin1):
    assert b"\xe9" in latin1.read_bytes()  # « é » in Windows-1252: not UTF-8
    out = read_esatis_comments(latin1, mapping=MAPPING, start_dates=STARTS)
    assert list(out.columns) == ["comment", "team_id", "period", "source", "respondent",
                                 "question", "date", "text"]  # fmt: skip
    expected = [
        # row 2: before T01's start; row 4: T02 starts on the discharge day (après), T03 later
        ("verbatims_2023-2-pos", "T01", "avant", "points positifs", "2023-02-15",
         "Très bon accueil, équipe souriante."),
        ("verbatims_2023-2-neg", "T01", "avant", "points à améliorer", "2023-02-15",
         "Attente aux admissions."),
        ("verbatims_2023-4-pos-T02", "T02", "après", "points positifs", "2023-03-01",
         "Repas corrects"),
        ("verbatims_2023-4-pos-T03", "T03", "avant", "points positifs", "2023-03-01",
         "Repas corrects"),
        ("verbatims_2023-4-neg-T02", "T02", "après", "points à améliorer", "2023-03-01",
         "Chambre bruyante"),
        ("verbatims_2023-4-neg-T03", "T03", "avant", "points à améliorer", "2023-03-01",
         "Chambre bruyante"),
    ]  # fmt: skip
    got = list(zip(out["comment"], out["team_id"], out["period"], out["question"],
                   out["date"].dt.strftime("%Y-%m-%d"), out["text"], strict=True))  # fmt: skip
    assert got == expected
    assert set(out["source"]) == {"e-Satis"}
    assert list(out["respondent"].unique()) == ["verbatims_2023-2", "verbatims_2023-4"]
    # row 3: two empty answers, row 6: one (" "); row 6's positive answer has no date;
    # row 5's site has no team
    assert out.attrs["dropped_empty"] == 3
    assert out.attrs["dropped_undated"] == 1
    assert out.attrs["dropped_unmapped"] == 1
    assert out.attrs["columns"]["positive"] == "Points positifs"


def test_the_reader_is_exposed_by_impact_prem():
    assert impact.prem.read_esatis_comments is read_esatis_comments


def test_without_mapping_the_team_is_the_finess_and_period_is_given(latin1):
    out = read_esatis_comments(latin1, period="après", prefix="esatis")
    assert list(out["comment"][:2]) == ["esatis-2-pos", "esatis-2-neg"]
    assert set(out["team_id"]) == {"750000019", "060000019", "750000027"}
    assert set(out["period"]) == {"après"}
    # rows 2 and 4: two answers each, rows 5 and 6 one (row 6 undated: kept); empty: two
    # in row 3, one in rows 5 and 6
    assert len(out) == 6 and out.attrs["dropped_empty"] == 4
    assert out.attrs["dropped_undated"] == out.attrs["dropped_unmapped"] == 0


def test_an_xlsx_with_one_comment_column_numbers_and_months(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["finess_geo", "MOIS", "Verbatim"])
    sheet.append([60000019, "2023-05", "Sortie bien préparée"])  # the leading 0 lost
    sheet.append([60000019, dt.datetime(2023, 2, 1), "Trop d'attente"])
    sheet.append([60000019, "03/2023", None])
    book.save(tmp_path / "export.xlsx")
    out = read_esatis_comments(tmp_path / "export.xlsx", start_dates={"060000019": "2023-03-15"})
    assert list(out["comment"]) == ["export-2-txt", "export-3-txt"]
    assert list(out["team_id"]) == ["060000019", "060000019"]
    assert list(out["date"]) == [pd.Timestamp("2023-05-01"), pd.Timestamp("2023-02-01")]
    assert list(out["period"]) == ["après", "avant"]
    assert out["question"].isna().all()
    assert out.attrs["dropped_empty"] == 1


def test_other_names_through_columns_utf8_and_commas(tmp_path):
    path = write_table(tmp_path / "Enquête e-Satis.csv",
                       ["Site", "Sortie", "Ce qui vous a plu", "Remarques"],
                       [["750000019", "2023-06-02", "Bonne écoute", "Parking, cher"]])  # fmt: skip
    out = read_esatis_comments(
        path,
        team="T01",
        start_dates={"T01": dt.date(2023, 3, 1)},
        columns={"date": "sortie", "positive": "Ce qui vous a plu", "negative": "REMARQUES"},
    )
    assert list(out["comment"]) == ["Enquete_e-Satis-2-pos", "Enquete_e-Satis-2-neg"]
    assert list(out["text"]) == ["Bonne écoute", "Parking, cher"]
    assert set(out["period"]) == {"après"} and set(out["team_id"]) == {"T01"}


def test_the_output_passes_the_comments_contract(valid_dir, latin1):
    teams = pd.DataFrame(TEAMS_ROWS, columns=TEAMS_HEADER)
    teams["start_date"] = pd.to_datetime(teams["start_date"].replace("", None))
    # a site of T01 and T02, a site of the comparison unit (no start date: period given)
    mapping = {"750000019": "T01", "060000019": ["T02", "C01"]}
    out = read_esatis_comments(latin1, mapping=mapping, teams=teams, period="avant")
    assert list(out.loc[out["team_id"] == "C01", "period"]) == ["avant", "avant"]
    assert list(out.loc[out["team_id"] == "T02", "period"]) == ["avant", "avant"]  # 04-01
    table = out.assign(date=out["date"].dt.strftime("%Y-%m-%d")).fillna("")
    write_table(valid_dir / "comments.csv", list(table.columns), table.to_numpy().tolist())
    programme, problems = read_programme(valid_dir)
    # T01 and T02 have comments before their start only (row 6's positive answer, the
    # only later one of T01, has no date): the one-period warning, nothing else
    assert programme is not None
    assert list(problems["rule"]) == ["comment-one-period"] * 3
    assert len(load_programme(valid_dir).comments) == len(out)


# --- bad input ----------------------------------------------------------------------------


def test_no_comment_column_names_the_accepted_aliases(tmp_path):
    path = write_table(tmp_path / "v.csv", ["finess", "date", "avis"], [["750000019", "", "x"]])
    with pytest.raises(ValueError) as info:
        read_esatis_comments(path, period="avant")
    assert str(info.value) == (
        "v.csv : aucune colonne de commentaires reconnue. Noms acceptés — positive : "
        "commentaire positif, commentaires positifs, points positifs, point positif, "
        "verbatim positif, verbatims positifs; negative : commentaire négatif, commentaires "
        "négatifs, points à améliorer, point à améliorer, verbatim négatif, verbatims "
        "négatifs; text : commentaire, commentaires, verbatim, verbatims (sans tenir compte "
        "des majuscules ni des accents) ; sinon nommer la colonne avec columns={'text': '…'}. "
        "Colonnes du fichier : finess, date, avis."
    )


def test_without_start_dates_the_period_is_required(latin1):
    with pytest.raises(ValueError, match="^la période des commentaires est inconnue : donner"):
        read_esatis_comments(latin1, mapping=MAPPING)


def test_a_team_without_start_date_needs_a_period(latin1):
    with pytest.raises(ValueError) as info:
        read_esatis_comments(latin1, mapping=MAPPING, start_dates={"T01": "2023-03-01"})
    assert str(info.value) == (
        "équipes sans date de début : T02, T03 — ajouter leur date de début (teams ou "
        "start_dates), ou donner period pour leurs commentaires (unités de comparaison)."
    )


def test_an_unreadable_date_names_its_row(tmp_path):
    rows = [["750000019", "2023-01-02", "a"], ["750000019", "mai 2023", "b"]]
    path = write_table(tmp_path / "v.csv", ["finess", "date", "commentaire"], rows)
    with pytest.raises(ValueError) as info:
        read_esatis_comments(path, start_dates={"750000019": "2023-03-01"})
    assert str(info.value) == (
        "v.csv, ligne 3 : date illisible « mai 2023 » (formats lus : 2023-05-10, 10/05/2023, "
        "2023-05, 05/2023)."
    )


def test_no_finess_column_without_a_team(tmp_path):
    path = write_table(tmp_path / "v.csv", ["date", "commentaire"], [["2023-01-02", "a"]])
    with pytest.raises(ValueError, match="^v.csv : pas de colonne FINESS"):
        read_esatis_comments(path, period="avant")
    assert len(read_esatis_comments(path, period="avant", team="T01")) == 1


@pytest.mark.parametrize(
    ("options", "start"),
    [({"period": "pendant"}, "period doit être « avant » ou « après »"),
     ({"period": "avant", "columns": {"texte": "avis"}}, "columns : rôle(s) inconnu(s)"),
     ({"period": "avant", "columns": {"text": "avis"}}, "v.csv : pas de colonne « avis »"),
     ({"period": "avant", "team": "T01", "mapping": {"1": "T01"}}, "donner mapping ou team")],
)  # fmt: skip
def test_bad_arguments(tmp_path, options, start):
    path = write_table(tmp_path / "v.csv", ["finess", "commentaire"], [["750000019", "a"]])
    with pytest.raises(ValueError) as info:
        read_esatis_comments(path, **options)
    assert str(info.value).startswith(start)
