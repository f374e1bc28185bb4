"""A small programme with free-text comments, hand-written, for the review sheet tests.

The programme is the tiny valid one of ``conftest.py`` (teams T01, T02, comparison unit
C01) plus :data:`COMMENTS`: 40 comments of T01 and T02 (ten per team and period, fourteen
for T02 après), sources e-Satis and questionnaire. Most name one or two themes of the default
catalogue with an unambiguous tone (« Le repas était froid et sans goût. »); some hold
personal data that masking must remove (:data:`PERSONAL`), some start like a spreadsheet
formula (:data:`FORMULA_LIKE`). :data:`REVIEWS` are two reviews already in the data: C003
(repas, positif) and C004 reviewed as having no theme.
"""

from __future__ import annotations

from pathlib import Path

from conftest import valid_tables, write_table

COMMENTS_HEADER = ["comment", "team_id", "period", "source", "respondent", "question", "date",
                   "text"]  # fmt: skip
#: ``(comment, team_id, period, source, text)``.
COMMENTS: list[tuple[str, str, str, str, str]] = [
    ("C001", "T01", "avant", "e-Satis", "Le repas était froid et sans goût."),
    ("C002", "T01", "avant", "e-Satis", "Attente interminable aux urgences, sept heures."),
    ("C003", "T01", "avant", "questionnaire", "Les repas étaient très bons."),
    ("C004", "T01", "avant", "questionnaire", "Je suis venu pour une opération du genou."),
    ("C005", "T01", "avant", "e-Satis", "Merci au Dr Martin pour sa gentillesse."),
    ("C006", "T01", "avant", "e-Satis", "Chambre bruyante et sale, impossible de dormir."),
    ("C007", "T01", "avant", "questionnaire", '=HYPERLINK("http://exemple.org","ici")'),
    ("C008", "T01", "avant", "questionnaire", "Accueil chaleureux à l'admission."),
    ("C009", "T01", "avant", "e-Satis", "Personne ne m'a expliqué le traitement."),
    ("C010", "T01", "avant", "e-Satis", "La douleur a été bien soulagée."),
    ("C011", "T01", "après", "e-Satis", "Le repas était excellent."),
    ("C012", "T01", "après", "e-Satis", "Accueil correct mais attente interminable."),
    ("C013", "T01", "après", "questionnaire", "+ les infirmières sont très gentilles"),
    ("C014", "T01", "après", "questionnaire", "- chambre sale et bruyante"),
    ("C015", "T01", "après", "e-Satis", "@tous : la sortie a été bien préparée."),
    ("C016", "T01", "après", "e-Satis", "Appelez Mme Dupont au 06 12 34 56 78, très aimable."),
    ("C017", "T01", "après", "questionnaire", "Le médecin a pris le temps de tout expliquer."),
    ("C018", "T01", "après", "questionnaire", "Repas froids, attente longue."),
    ("C019", "T01", "après", "e-Satis", "Très bonne prise en charge de la douleur."),
    ("C020", "T01", "après", "e-Satis", "Rien à signaler."),
    ("C021", "T02", "avant", "e-Satis", "Accueil désagréable au secrétariat."),
    ("C022", "T02", "avant", "e-Satis", "Le repas était froid."),
    ("C023", "T02", "avant", "questionnaire", "Écrivez-moi à jean.petit@exemple.fr."),
    ("C024", "T02", "avant", "questionnaire", "Attente très longue avant la sortie."),
    ("C025", "T02", "avant", "e-Satis", "Les infirmières étaient très gentilles."),
    ("C026", "T02", "avant", "e-Satis", "Chambre propre et calme."),
    ("C027", "T02", "avant", "questionnaire", "Le médecin ne m'a rien expliqué."),
    ("C028", "T02", "avant", "questionnaire", "Repas excellent, accueil parfait."),
    ("C029", "T02", "avant", "e-Satis", "La douleur n'a pas été prise au sérieux."),
    ("C030", "T02", "avant", "e-Satis", "Sortie mal organisée."),
    ("C031", "T02", "après", "e-Satis", "Accueil très chaleureux."),
    ("C032", "T02", "après", "e-Satis", "Le repas était bon."),
    ("C033", "T02", "après", "questionnaire", "Attente courte, très bien."),
    ("C034", "T02", "après", "questionnaire", "Chambre bruyante."),
    ("C035", "T02", "après", "e-Satis", "Les infirmières étaient désagréables."),
    ("C036", "T02", "après", "e-Satis", "Sortie bien préparée."),
    ("C037", "T02", "après", "e-Satis", "Le repas était froid."),
    ("C038", "T02", "après", "e-Satis", "Accueil parfait."),
    ("C039", "T02", "après", "questionnaire", "Chambre sale."),
    ("C040", "T02", "après", "questionnaire", "Attente interminable."),
]
#: Comment id → the personal data it holds (never in a sheet).
PERSONAL = {"C005": ["Martin"], "C016": ["Dupont", "06 12 34 56 78"],
            "C023": ["jean.petit@exemple.fr"]}  # fmt: skip
#: Comments whose text starts with a formula character (= + - @).
FORMULA_LIKE = ("C007", "C013", "C014", "C015")
REVIEWS_HEADER = ["comment", "theme", "tone", "reviewer"]
#: Reviews already in the data.
REVIEWS = [["C003", "repas", "positif", "patient partenaire"], ["C004", "", "", ""]]


def comment_rows() -> list[list[str]]:
    """:data:`COMMENTS` as rows of ``comments.csv``; row 2 = C001."""
    return [[c, team, period, source, "", "", "", text] for c, team, period, source, text in
            COMMENTS]  # fmt: skip


def write_comment_programme(folder: Path) -> Path:
    """Write the programme with comments and :data:`REVIEWS` as CSV files in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {**valid_tables(), "comments": (COMMENTS_HEADER, comment_rows()),
              "comment_reviews": (REVIEWS_HEADER, [list(r) for r in REVIEWS])}  # fmt: skip
    for name, (header, rows) in tables.items():
        write_table(folder / f"{name}.csv", header, rows)
    return folder
