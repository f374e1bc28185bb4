"""A small hand-built set of free-text comments for the report tests (until the demo has
comments): the ``comments`` table and a few ``comment_reviews``.

:func:`comment_frames` writes, for the teams of ``counts`` (team → (comments before,
comments after)), comments cycling through :data:`SENTENCES`: before, the sentences
``BEFORE`` (waiting and meals mostly negative), after, the sentences ``AFTER`` (waiting
rarely, welcome and information positive). The first comment of each team names a doctor
(« le Dr Martin ») and a phone number: the raw text the report must never show.
Comments are ``<team>_<a|b><k>``; sources alternate between e-Satis and questionnaire.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["AFTER", "BEFORE", "NAME", "PHONE", "comment_frames"]

#: Personal data in the first comment of every team.
NAME, PHONE = "Martin", "06 12 34 56 78"
_FIRST = f"Merci au Dr {NAME} qui m'a rappelée au {PHONE}, attente longue mais accueil parfait."
#: Sentences before the partnership, in turn.
BEFORE = (
    "L'attente aux urgences était interminable, plus de cinq heures sur un brancard.",
    "Les repas étaient froids et sans aucun goût, vraiment décevant.",
    "Accueil correct mais attente interminable pour avoir un rendez-vous.",
    "Les infirmières sont gentilles et disponibles malgré la charge de travail.",
    "On ne m'a donné aucune explication sur mon traitement, je n'ai rien compris.",
)
#: Sentences after the partnership, in turn.
AFTER = (
    "Très bon accueil, le secrétariat a été aimable et efficace.",
    "Le médecin m'a bien expliqué l'opération, j'ai tout compris.",
    "Les infirmières sont gentilles et disponibles malgré la charge de travail.",
    "Les repas étaient froids et sans aucun goût, vraiment décevant.",
    "Très bonnes explications sur la sortie et l'ordonnance, merci.",
    "L'attente aux urgences était interminable, plus de cinq heures sur un brancard.",
)


def comment_frames(counts: dict[str, tuple[int, int]]) -> dict[str, pd.DataFrame]:
    """The ``comments`` and ``comment_reviews`` tables of the teams of ``counts``.

    Two comments of the first team with comments are reviewed: the one naming the doctor
    (welcome, positive) and its second comment before (meals, negative).
    """
    rows = []
    for team, (before, after) in counts.items():
        for period, n, sentences, code in (("avant", before, BEFORE, "b"),
                                           ("après", after, AFTER, "a")):  # fmt: skip
            for k in range(n):
                text = _FIRST if (period == "avant" and k == 0) else sentences[k % len(sentences)]
                rows.append({
                    "comment": f"{team}_{code}{k:03d}", "team_id": team, "period": period,
                    "source": "e-Satis" if k % 2 else "questionnaire",
                    "respondent": pd.NA, "question": pd.NA, "date": pd.NA, "text": text,
                })  # fmt: skip
    comments = pd.DataFrame(rows, columns=["comment", "team_id", "period", "source",
                                           "respondent", "question", "date", "text"])  # fmt: skip
    first = next((team for team, (b, _) in counts.items() if b >= 2), None)
    reviews = pd.DataFrame(
        [
            {"comment": f"{first}_b000", "theme": "accueil", "tone": "positif"},
            {"comment": f"{first}_b001", "theme": "repas", "tone": "négatif"},
        ]
        if first
        else [],
        columns=["comment", "theme", "tone"],
    )
    return {"comments": comments, "comment_reviews": reviews}
