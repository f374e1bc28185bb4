"""Write the two XLSX fixtures (a LimeSurvey PREM export, a Microsoft Forms PROM export).

Hand-written rows; run ``python tests/data/surveys/make_xlsx.py`` to rebuild them.
"""

# ruff: noqa: E501  (the fixture's rows, one per line as in the export)
from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).parent

# fmt: off
LIMESURVEY_PREM = [
    ["id", "submitdate", "lastpage", "startlanguage", "EQUIPE. Votre service",
     "PERIODE", "AGE. Votre âge", "SEXE. Vous êtes", "ETAT. Comment jugez-vous votre état de santé ?",
     "ENTREE. Votre hospitalisation était",
     "Q01. Comment jugez-vous l'accueil dans le service ?",
     "Q02. Les professionnels se sont-ils présentés ?",
     "Q03. Les médecins vous ont-ils expliqué votre état de santé de façon claire et compréhensible ?",
     "Q04. Les infirmiers et infirmières ont-ils répondu à vos questions ?",
     "Q05. Avez-vous été associé(e) aux décisions sur vos soins ?",
     "Q06. Votre intimité a-t-elle été respectée pendant les soins ?",
     "Q07. Votre douleur a-t-elle été bien prise en charge ?",
     "Q08. Comment jugez-vous le confort de la chambre ?",
     "Q09. Comment jugez-vous la qualité des repas servis ?",
     "Q10. Vous a-t-on expliqué les médicaments à prendre après votre sortie ?",
     "Q11. Vous a-t-on dit qui contacter en cas de problème après votre sortie ?",
     "Q12. Globalement, comment évaluez-vous votre prise en charge ?"],
    ["101", "2024-03-02 10:11:00", "4", "fr", "T01", "avant", "65-74 ans", "Femme", "Bonne", "Programmée",
     "Très bon", "Toujours", "Souvent", "Toujours", "Rarement", "Toujours", "Souvent",
     "Bon", "Passable", "Toujours", "Souvent", "Très bon"],
    ["102", "2024-03-05 15:40:00", "4", "fr", "T01", "avant", "45-64 ans", "Homme", "Moyenne", "Urgence",
     "Bon", "Souvent", "Rarement", "Souvent", "Jamais", "Souvent", "Non concerné",
     "Passable", "Mauvais", "Rarement", "Jamais", "Bon"],
    ["103", "2024-03-09 09:02:00", "4", "fr", "T01", "après", "75 ans et plus", "Femme", "Mauvaise", "Urgence",
     "Excellent", "Toujours", "Toujours", "Toujours", "Souvent", "Toujours", "Toujours",
     "Très bon", "Bon", "Toujours", "Toujours", "Excellent"],
    ["104", "2024-03-12 18:25:00", "4", "fr", "T02", "après", "18-44 ans", "Homme", "Très bonne", "Programmée",
     "Bon", "Toujours", "Souvent", "Souvent", "Souvent", "Toujours", "Souvent",
     "Bon", "Bon", "Souvent", "Toujours", "Très bon"],
]

FORMS_PROM = [
    ["ID", "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom",
     "Numéro patient (pseudonyme)", "Service", "Moment du questionnaire",
     "Sur l'échelle visuelle de 0 à 100, comment évaluez-vous votre santé aujourd'hui ?",
     "Sur une échelle de 0 à 10, quelle est l'intensité de votre douleur aujourd'hui ?"],
    [1, "01/04/2024 09:01:12", "01/04/2024 09:04:40", "anonyme", "", "P-0007", "T02",
     "Avant le partenariat", 55, 6],
    [2, "01/04/2024 10:15:00", "01/04/2024 10:18:31", "anonyme", "", "P-0012", "T02",
     "Avant le partenariat", 70, 3],
    [3, "02/10/2024 14:30:10", "02/10/2024 14:33:02", "anonyme", "", "P-0007", "T02",
     "Après le partenariat", 72.5, 4],
    [4, "03/10/2024 11:00:45", "03/10/2024 11:02:59", "anonyme", "", "P-0012", "T02",
     "Après le partenariat", 80, 2],
    [5, "03/10/2024 16:42:05", "03/10/2024 16:45:50", "anonyme", "", "P-0031", "T01",
     "Après le partenariat", 64, None],
]
# fmt: on


def write(rows: list[list], path: Path, sheet: str) -> None:
    book = Workbook()
    book.active.title = sheet
    for row in rows:
        book.active.append(row)
    book.save(path)


if __name__ == "__main__":
    write(LIMESURVEY_PREM, HERE / "limesurvey_prem.xlsx", "results-survey482913")
    write(FORMS_PROM, HERE / "forms_prom.xlsx", "Form1")
