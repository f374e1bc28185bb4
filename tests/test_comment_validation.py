"""Issue 16, "bad input": the comment tables' rules beyond their schemas, each with its
exact French message (English for several), and the warnings that do not block.

The programme broken here is ``valid_dir`` (``conftest.py``: T01 starts 2023-03-01, T02
2023-04-01, C01 is the comparison unit) with the comment tables below. Rows follow
spreadsheet numbering (header = 1). Expected messages are written here by hand from the
rules of the brief.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import write_table
from impact import DataValidationError, load_programme
from impact.cli import cli
from impact.data.loading import read_programme

COMMENTS_HEADER = ["comment", "team_id", "period", "source", "respondent", "question", "date",
                   "text"]  # fmt: skip
COMMENTS_ROWS = [
    ["c01", "T01", "avant", "e-Satis", "R01", "points positifs", "2023-01-15",
     "Accueil chaleureux, infirmières attentives."],                          # row 2
    ["c02", "T01", "avant", "e-Satis", "R01", "points à améliorer", "2023-01-15",
     "Attente trop longue aux admissions."],                                  # row 3
    ["c03", "T01", "après", "questionnaire", "R02", "", "2023-03-01", "RAS"],  # row 4: start day
    ["c04", "T01", "après", "questionnaire", "R03", "", "20/04/2023", "RAS"],  # row 5
    ["c05", "T02", "avant", "e-Satis", "", "points positifs", "", "=bien reçu, merci"],  # row 6
    ["c06", "T02", "après", "e-Satis", "", "points à améliorer", "2023-05-02",
     "-les repas étaient froids"],                                            # row 7
    ["c07", "C01", "avant", "autre", "", "", "2023-01-10", "@accueil : rien à dire"],  # row 8
    ["c08", "C01", "après", "autre", "", "", "2023-06-10", "+1 pour l'équipe de nuit"],  # row 9
]  # fmt: skip
REVIEWS_HEADER = ["comment", "theme", "tone", "reviewer"]
REVIEWS_ROWS = [
    ["c01", "accueil", "positif", "patient partenaire"],      # row 2
    ["c01", "prise_en_charge_paramedicale", "positif", ""],   # row 3
    ["c02", "attente_delais", "négatif", ""],                 # row 4
    ["c03", "", "", ""],                                      # row 5: reviewed, no theme
]  # fmt: skip
LONG = "La sortie a été organisée à la dernière minute, sans aucune explication."


@pytest.fixture
def comments_dir(valid_dir: Path) -> Path:
    """The valid programme with valid comment tables."""
    write_table(valid_dir / "comments.csv", COMMENTS_HEADER, [list(r) for r in COMMENTS_ROWS])
    write_table(valid_dir / "comment_reviews.csv", REVIEWS_HEADER, [list(r) for r in REVIEWS_ROWS])
    return valid_dir


def edit(folder: Path, table: str, row: int, column: str, text: str) -> None:
    """Set one cell of a table (``row`` in spreadsheet numbering)."""
    current = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    current.iloc[row - 2, list(current.columns).index(column)] = text
    write_table(folder / f"{table}.csv", list(current.columns), current.to_numpy().tolist())


def append(folder: Path, table: str, *new: list[str]) -> None:
    current = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    write_table(folder / f"{table}.csv", list(current.columns),
                current.to_numpy().tolist() + list(new))  # fmt: skip


def problems_of(folder: Path, lang: str = "fr") -> pd.DataFrame:
    with pytest.raises(DataValidationError) as info:
        load_programme(folder, lang=lang)
    return info.value.problems


def warnings_of(folder: Path, lang: str = "fr") -> pd.DataFrame:
    programme, problems = read_programme(folder, lang=lang)
    assert programme is not None, problems.to_string()
    return problems


def only(problems: pd.DataFrame, rule: str) -> pd.Series:
    assert list(problems["rule"]) == [rule], problems[["rule", "row", "message"]].to_string()
    return problems.iloc[0]


def where(p: pd.Series) -> tuple:
    return p["severity"], p["table"], p["file"], p["row"], p["column"], p["value"]


# --- the valid tables ---------------------------------------------------------------------


def test_valid_comment_tables_load_without_any_problem(comments_dir):
    # formula-like starts (=, -, @, +) are text; « RAS » from two respondents is no
    # duplicate; a comment dated on its team's start day is « après »; the comparison
    # unit's comments raise no warning
    programme, problems = read_programme(comments_dir)
    assert programme is not None and len(problems) == 0, problems.to_string()
    assert list(programme.comments["comment"]) == [r[0] for r in COMMENTS_ROWS]
    assert programme.comments.loc[4, "text"] == "=bien reçu, merci"
    assert len(programme.comment_reviews) == len(REVIEWS_ROWS)


@pytest.mark.parametrize("text", ["=SOMME(A1:A3)", "+33 accueil parfait", "- trop de bruit",
                                  "@Dr [NOM] très à l'écoute"])  # fmt: skip
def test_a_text_starting_like_a_formula_is_text(comments_dir, text):
    edit(comments_dir, "comments", 3, "text", text)
    assert len(warnings_of(comments_dir)) == 0


# --- reviews --------------------------------------------------------------------------------


def test_a_reviewed_theme_without_tone(comments_dir):
    edit(comments_dir, "comment_reviews", 3, "tone", "")
    p = only(problems_of(comments_dir), "review-no-tone")
    assert where(p) == ("error", "comment_reviews", "comment_reviews.csv", 3, "tone", "")
    assert p["message"] == (
        "commentaire c01 : thème « prise_en_charge_paramedicale » sans tonalité — écrire "
        "positif, négatif ou mixte dans tone"
    )
    english = only(problems_of(comments_dir, "en"), "review-no-tone")["message"]
    assert english == (
        "comment c01: theme 'prise_en_charge_paramedicale' without a tone — write positif, "
        "négatif or mixte in tone (in French, whatever the reports' language)"
    )


def test_a_reviewed_tone_without_theme(comments_dir):
    edit(comments_dir, "comment_reviews", 5, "tone", "négatif")
    p = only(problems_of(comments_dir), "review-no-theme")
    assert where(p) == ("error", "comment_reviews", "comment_reviews.csv", 5, "theme", "")
    assert p["message"] == (
        "commentaire c03 : tonalité « négatif » sans thème — écrire le code du thème "
        "(catalogue comment_themes) dans theme, ou vider tone pour un commentaire relu sans "
        "aucun thème"
    )
    english = only(problems_of(comments_dir, "en"), "review-no-theme")["message"]
    assert english == (
        "comment c03: tone 'négatif' without a theme — write the theme's code "
        "(comment_themes catalogue) in theme, or empty tone for a comment reviewed as having "
        "no theme"
    )


def test_a_misspelt_tone_without_theme_is_two_errors(comments_dir):
    edit(comments_dir, "comment_reviews", 5, "tone", "negative")
    problems = problems_of(comments_dir)
    assert list(zip(problems["rule"], problems["column"], strict=True)) == [
        ("enum", "tone"), ("review-no-theme", "theme")
    ]  # fmt: skip
    assert "« negative » sans thème" in problems.iloc[1]["message"]


def test_a_comment_reviewed_both_without_and_with_themes(comments_dir):
    append(comments_dir, "comment_reviews", ["c01", "", "", "relecteur 2"])
    p = only(problems_of(comments_dir), "review-none-and-themes")
    assert where(p) == ("error", "comment_reviews", "comment_reviews.csv", 6, "theme", "")
    assert p["message"] == (
        "commentaire c01 relu à la fois sans thème (cette ligne) et avec des thèmes (accueil, "
        "prise_en_charge_paramedicale) — supprimer cette ligne si le commentaire a ces "
        "thèmes, sinon supprimer les lignes de ses thèmes"
    )


def test_a_review_of_an_unknown_theme_is_only_a_foreign_key_error(comments_dir):
    edit(comments_dir, "comment_reviews", 4, "theme", "attente")
    p = only(problems_of(comments_dir), "foreign-key")
    assert where(p) == ("error", "comment_reviews", "comment_reviews.csv", 4, "theme",
                        "attente")  # fmt: skip
    assert (
        p["message"] == "« attente » dans « theme » n'existe pas dans la table « comment_themes »"
    )


# --- texts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["   ", "\u00a0 \t"])
def test_a_comment_of_spaces_only_is_empty(comments_dir, text):
    edit(comments_dir, "comments", 6, "text", text)
    p = only(problems_of(comments_dir), "comment-empty")
    assert where(p) == ("error", "comments", "comments.csv", 6, "text", text)
    assert p["message"] == (
        "commentaire vide : le texte n'a que des espaces — écrire le texte du commentaire, ou "
        "supprimer la ligne"
    )
    english = only(problems_of(comments_dir, "en"), "comment-empty")["message"]
    assert (
        english
        == "empty comment: the text holds only spaces — write the comment's text, or delete the row"
    )


def test_an_empty_text_cell_is_a_missing_required_value(comments_dir):
    edit(comments_dir, "comments", 6, "text", "")
    p = only(problems_of(comments_dir), "required")
    assert (p["row"], p["column"]) == (6, "text")


@pytest.mark.parametrize("text", ["-", "...", "/ ?"])
def test_a_text_without_any_word_is_warned(comments_dir, text):
    edit(comments_dir, "comments", 7, "text", text)
    p = only(warnings_of(comments_dir), "comment-no-word")
    assert where(p) == ("warning", "comments", "comments.csv", 7, "text", text)
    assert p["message"] == (
        f"« {text} » ne contient aucun mot : ce commentaire compte parmi les commentaires de "
        "l'équipe sans toucher aucun thème — supprimer la ligne si elle marque une absence de "
        "réponse"
    )


def test_an_error_exits_2_and_is_listed(comments_dir):
    edit(comments_dir, "comments", 6, "text", "  ")
    result = CliRunner().invoke(cli, ["validate", str(comments_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert result.output.splitlines()[1:] == [
        "  ERREUR [comments] comments.csv · ligne 6 · text : commentaire vide : le texte n'a "
        "que des espaces — écrire le texte du commentaire, ou supprimer la ligne "
        "(comment-empty)"
    ]


# --- dates and periods ----------------------------------------------------------------------


def test_an_after_comment_dated_before_the_teams_start(comments_dir):
    edit(comments_dir, "comments", 7, "date", "15/03/2023")  # T02 starts 2023-04-01
    p = only(warnings_of(comments_dir), "comment-after-dated-before")
    assert where(p) == ("warning", "comments", "comments.csv", 7, "date", "15/03/2023")
    assert p["message"] == (
        "commentaire de la période « après » daté du 15/03/2023, avant le début du partenariat "
        "de l'équipe T02 (2023-04-01) — corriger la période (avant) ou la date"
    )
    english = only(warnings_of(comments_dir, "en"), "comment-after-dated-before")["message"]
    assert english == (
        "comment of period 'après' dated 15/03/2023, before the start of team T02's "
        "partnership (2023-04-01) — correct the period (avant) or the date"
    )


def test_a_before_comment_dated_on_the_teams_start(comments_dir):
    edit(comments_dir, "comments", 3, "date", "2023-03-01")  # T01's start day: « après »
    p = only(warnings_of(comments_dir), "comment-before-dated-after")
    assert where(p) == ("warning", "comments", "comments.csv", 3, "date", "2023-03-01")
    assert p["message"] == (
        "commentaire de la période « avant » daté du 2023-03-01, pas avant le début du "
        "partenariat de l'équipe T01 (2023-03-01) — corriger la période (après) ou la date"
    )


def test_a_team_with_comments_of_one_period_only(comments_dir):
    edit(comments_dir, "comments", 6, "period", "après")  # T02: rows 6 and 7, both « après »
    p = only(warnings_of(comments_dir), "comment-one-period")
    assert where(p) == ("warning", "comments", "comments.csv", 6, "period", "après")
    assert p["message"] == (
        "l'équipe T02 n'a de commentaires que pour la période « après » (2) : aucun changement "
        "ne peut être mesuré — ajouter ses commentaires « avant » s'ils existent"
    )
    english = only(warnings_of(comments_dir, "en"), "comment-one-period")["message"]
    assert english == (
        "team T02 has comments for period 'après' only (2): no change can be measured — add "
        "its 'avant' comments if they exist"
    )


# --- probable duplicates --------------------------------------------------------------------


def test_the_same_text_twice_from_one_respondent_is_a_probable_duplicate(comments_dir):
    copy = " accueil chaleureux,  INFIRMIERES attentives."
    row = ["c09", "T01", "avant", "e-Satis", "R01", "Points positifs", "2023-01-15", copy]
    append(comments_dir, "comments", row)
    p = only(warnings_of(comments_dir), "comment-duplicate")
    assert (p["severity"], p["table"], p["row"], p["column"]) == ("warning", "comments", 10,
                                                                    "text")  # fmt: skip
    assert p["message"] == (
        "doublon probable : même texte que la ligne 2 (même équipe, même répondant R01, même "
        "question) — supprimer cette ligne si c'est une copie : un doublon compte deux fois "
        "dans les parts des thèmes"
    )


def test_a_short_text_repeated_by_one_respondent_is_a_probable_duplicate(comments_dir):
    edit(comments_dir, "comments", 5, "respondent", "R02")  # « RAS » twice from R02
    p = only(warnings_of(comments_dir, "en"), "comment-duplicate")
    assert (p["row"], p["value"]) == (5, "RAS")
    assert p["message"] == (
        "probable duplicate: same text as row 4 (same team, same respondent R02, same "
        "question) — delete this row if it is a copy: a duplicate counts twice in the themes' "
        "shares"
    )


def test_the_same_answer_to_two_questions_is_no_duplicate(comments_dir):
    edit(comments_dir, "comments", 3, "text", COMMENTS_ROWS[0][-1])  # R01, other question
    assert len(warnings_of(comments_dir)) == 0


def test_a_long_text_repeated_without_respondent(comments_dir):
    edit(comments_dir, "comments", 7, "text", LONG)
    append(comments_dir, "comments", ["c09", "T02", "après", "e-Satis", "", "points à améliorer",
                                      "", LONG], ["c10", "T02", "après", "e-Satis", "",
                                                  "points à améliorer", "", "RAS"],
           ["c11", "T02", "après", "e-Satis", "", "points à améliorer", "", "RAS"])  # fmt: skip
    p = only(warnings_of(comments_dir), "comment-duplicate")  # « RAS » twice: too short
    assert p["row"] == 10
    assert p["message"] == (
        "doublon probable : même texte que la ligne 7 (même équipe, même question, sans "
        "répondant) — supprimer cette ligne si c'est une copie : un doublon compte deux fois "
        "dans les parts des thèmes"
    )


def test_warnings_do_not_stop_validation(comments_dir):
    edit(comments_dir, "comments", 6, "period", "après")
    edit(comments_dir, "comments", 7, "text", "?")
    rules = list(warnings_of(comments_dir)["rule"])
    assert sorted(rules) == ["comment-no-word", "comment-one-period"]
    result = CliRunner().invoke(cli, ["validate", str(comments_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
