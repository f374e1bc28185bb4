"""Write the small e-Satis fixture files used by tests/test_esatis.py (run once by hand).

Fictitious sites (FINESS 75000xxxx / 06000xxxx, hospital names of the demo programme) in
the layout of the HAS "+48h MCO" open-data files (columns as in
resultats-esatis48h-mco-open-data-2019.csv; see impact.prem.esatis):

- ``esatis_2019.csv``: ``;`` separated, decimal comma, Windows-1252 (accented names);
- ``esatis_2020.xlsx``: the same columns in a workbook, FINESS stored as numbers (the
  leading zero of 06… is lost, as when a spreadsheet converts them).

    python tests/data/esatis_fixtures.py
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent
DIMS = ["accueil", "PECinf", "PECmed", "chambre", "repas", "sortie"]
HEADER = ["finess", "rs_finess", "finess_geo", "rs_finess_geo", "region", "participation",
          "Depot", "nb_rep_score_all_rea_ajust", "score_all_rea_ajust", "classement",
          "evolution"]  # fmt: skip
for _d in DIMS:
    HEADER += [f"nb_rep_score_{_d}_rea_ajust", f"score_{_d}_rea_ajust"]
HEADER += ["taux_reco_brut", "nb_reco_brut"]

# legal finess, legal name, site finess, site name, region, participation, depot,
# n and score (global), classement, evolution, then (n, score) per DIMS, reco rate, n reco.
ROWS_2019 = [
    ["750000001", "AP-HP", "750000019", "Hôpital des Tanneurs", "Île-de-France", "Oui", "Oui",
     "245", "74,52", "B", "Stable", "243", "72,1", "240", "81,35", "238", "82,9", "241", "66,4",
     "239", "58,7", "230", "63,2", "55,1", "240"],
    ["750000001", "AP-HP", "750000027", "Hôpital Saint-Éloi", "Île-de-France", "Oui", "Oui",
     "18", "", "DI", "", "18", "", "17", "", "18", "", "18", "", "16", "", "15", "", "", ""],
    ["060000001", "CH de Nice-Côte", "060000019", "Hôpital des Glycines",
     "Provence-Alpes-Côte d'Azur", "Oui", "Oui", "61", "70,05", "C", "En progression", "60",
     "68,9", "61", "79,4", "59", "80,15", "60", "61,3", "58", "55,0", "57", "60,8", "49,3",
     "60"],
    ["060000035", "Clinique du Moulin-Vert", "060000035", "Clinique du Moulin-Vert",
     "Provence-Alpes-Côte d'Azur", "Non", "Non", "", "", "", "", "", "", "", "", "", "", "", "",
     "", "", "", "", "", ""],
]  # fmt: skip

# 2020: same sites, scores as numbers, FINESS as numbers (06… loses its leading zero).
ROWS_2020 = [
    [750000001, "AP-HP", 750000019, "Hôpital des Tanneurs", "Île-de-France", "Oui", "Oui",
     251, 75.1, "B", "Stable", 250, 73.0, 249, 81.9, 247, 83.2, 250, 67.0, 248, 59.9, 240,
     64.0, 56.2, 249],
    [750000001, "AP-HP", 750000027, "Hôpital Saint-Éloi", "Île-de-France", "Oui", "Oui",
     33, 71.25, "C", "", 33, 70.0, 32, 78.5, 33, 79.0, 33, 60.1, 31, 52.2, 30, 58.8, 48.5, 33],
    [60000001, "CH de Nice-Côte", 60000019, "Hôpital des Glycines",
     "Provence-Alpes-Côte d'Azur", "Oui", "Oui", 70, 72.4, "B", "En progression", 69, 70.2, 70,
     80.0, 68, 81.1, 69, 62.0, 67, "NA", 66, 61.5, 50.0, 69],
]  # fmt: skip


def write() -> None:
    """Write both fixture files next to this script."""
    with (HERE / "esatis_2019.csv").open("w", encoding="cp1252", newline="") as fh:
        fh.write(";".join(HEADER) + "\r\n")
        for row in ROWS_2019:
            fh.write(";".join(row) + "\r\n")
    book = Workbook()
    sheet = book.active
    sheet.title = "resultats"
    sheet.append(HEADER)
    for row in ROWS_2020:
        sheet.append(row)
    book.save(HERE / "esatis_2020.xlsx")


if __name__ == "__main__":
    write()
