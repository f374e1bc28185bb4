"""Tests of impact.prem.esatis.read_esatis on small files in the HAS open-data layout.

Fixtures (tests/data/esatis_2019.csv, esatis_2020.xlsx) are written by
tests/data/esatis_fixtures.py: fictitious sites in the column layout of
resultats-esatis48h-mco-open-data-2019.csv (``;``, decimal comma, Windows-1252; XLSX in
2020). Expected values are the cells typed in those files.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from impact.prem.deltas import read_esatis as read_esatis_from_prem
from impact.prem.esatis import read_esatis

DATA = Path(__file__).parent / "data"
CSV, XLSX = DATA / "esatis_2019.csv", DATA / "esatis_2020.xlsx"
SCHEMA = Path(__file__).parents[1] / "data_schemas" / "indicator_values.schema.json"


def test_csv_cp1252_semicolon_decimal_comma():
    assert read_esatis_from_prem is read_esatis  # impact.prem.deltas.read_esatis, as the issue asks
    assert b"\xf4" in CSV.read_bytes()  # "ô" in Windows-1252: the file is not UTF-8
    out = read_esatis(CSV)  # year 2019 read from the file name
    fields = [f["name"] for f in json.loads(SCHEMA.read_text())["fields"]]
    assert list(out.columns[: len(fields)]) == fields  # usable as indicator_values
    glob = out[out["indicator"] == "esatis_global"].set_index("team_id")
    assert list(glob.index) == ["060000019", "750000019"]  # unpublished sites dropped
    assert glob.loc["750000019", "value"] == 74.52 and glob.loc["750000019", "n"] == 245
    assert glob.loc["060000019", "value"] == 70.05 and glob.loc["060000019", "classement"] == "C"
    assert (glob["period"] == pd.Timestamp("2019-01-01")).all() and (glob["year"] == 2019).all()
    assert glob.loc["750000019", "finess"] == "750000001"
    assert glob.loc["750000019", "name"] == "Hôpital des Tanneurs"
    codes = set(out["indicator"])
    assert codes == {
        "esatis_global",
        "esatis_accueil",
        "esatis_pecinf",
        "esatis_pecmed",
        "esatis_chambre",
        "esatis_repas",
        "esatis_sortie",
    }
    site = out[out["team_id"] == "750000019"].set_index("indicator")
    assert site.loc["esatis_pecinf", "value"] == 81.35 and site.loc["esatis_pecinf", "n"] == 240
    assert site.loc["esatis_pecinf", "classement"] == ""  # the ranking is the global score's


def test_unpublished_scores_can_be_kept_with_a_reason():
    out = read_esatis(CSV, keep_unpublished=True)
    glob = out[out["indicator"] == "esatis_global"].set_index("team_id")
    assert len(glob) == 4
    assert np.isnan(glob.loc["750000027", "value"]) and glob.loc["750000027", "n"] == 18
    assert glob.loc["750000027", "reason"] == "not_published"
    assert glob.loc["750000027", "name"] == "Hôpital Saint-Éloi"
    assert pd.isna(glob.loc["060000035", "n"])  # no participation: no count either


def test_xlsx_numbers_and_finess_leading_zero():
    out = read_esatis(XLSX)
    glob = out[out["indicator"] == "esatis_global"].set_index("team_id")
    assert "060000019" in glob.index  # stored as the number 60000019 in the workbook
    assert glob.loc["060000019", "finess"] == "060000001"
    assert glob.loc["750000027", "value"] == 71.25 and glob.loc["750000027", "n"] == 33
    repas = out[(out["team_id"] == "060000019") & (out["indicator"] == "esatis_repas")]
    assert repas.empty  # "NA" in the workbook: not a score
    assert (out["period"] == pd.Timestamp("2020-01-01")).all()


def test_mapping_sites_to_teams():
    mapping = {"750000019": ["T01", "T02"], "060000001": "T03", "750000027": "T04"}
    out = read_esatis(XLSX, mapping=mapping, month=10)
    glob = out[out["indicator"] == "esatis_global"].set_index("team_id")
    assert sorted(glob.index) == ["T01", "T02", "T03", "T04"]
    assert glob.loc["T01", "value"] == glob.loc["T02", "value"] == 75.1  # one site, two teams
    assert glob.loc["T03", "finess_geo"] == "060000019"  # legal FINESS with a single site
    assert (glob["period"] == pd.Timestamp("2020-10-01")).all()
    table = pd.DataFrame({"finess": [60000019], "team_id": ["T03"]})  # numeric key
    assert set(read_esatis(XLSX, mapping=table)["team_id"]) == {"T03"}
    with pytest.raises(ValueError, match="legal entity with 2 sites"):
        read_esatis(CSV, mapping={"750000001": "T01"})
    with pytest.raises(ValueError, match="mapping must be"):
        read_esatis(CSV, mapping=[("750000019", "T01")])


def test_other_dialects_and_errors(tmp_path):
    utf8 = tmp_path / "esatis.csv"
    utf8.write_text(
        "FINESS,Finess_Geo,nb_rep_score_all_ajust,score_all_ajust,score_ACC_ajust\n"
        "750000001,750000019,80,71.5,70.25\n",
        encoding="utf-8",
    )
    out = read_esatis(utf8, year=2021)  # ambulatory layout: score_<dim>_ajust
    assert set(out["indicator"]) == {"esatis_global", "esatis_acc"}
    assert out.set_index("indicator").loc["esatis_acc", "value"] == 70.25
    with pytest.raises(ValueError, match="year"):
        read_esatis(utf8)
    bad = tmp_path / "resultats-2019.csv"
    bad.write_text("finess;note\n750000001;12\n", encoding="utf-8")
    with pytest.raises(ValueError, match="No score column"):
        read_esatis(bad)
    with pytest.raises(ValueError, match="month"):
        read_esatis(CSV, month=13)
