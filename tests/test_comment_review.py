"""The review sheet round trip: ``impact comments review`` exports the masked comments with
their themes and tones, reviewers change cells as they would in Excel, ``impact comments
import`` checks the sheet and writes ``comment_reviews.csv``, which then wins in
:func:`impact.text.classify`."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner, Result
from python_calamine import CalamineWorkbook

from comment_data import FORMULA_LIKE, PERSONAL, REVIEWS, write_comment_programme
from impact.cli import cli
from impact.data.loading import read_programme
from impact.text import classify, mask

#: Excel rows of the sheet: row 1 codes (hidden), row 2 headers, C001 on row 3, C0nn on nn+2.
ROW = {f"C{k:03d}": k + 2 for k in range(1, 41)}
#: Columns: A comment … E text, then the default catalogue's eleven themes F–P, Q relu,
#: R méthode.
COLUMN = {"comment": "A", "text": "E", "accueil": "F", "prise_en_charge_medicale": "G",
          "information_communication": "I", "douleur": "J", "attente_delais": "K",
          "repas": "M", "sortie": "N", "reviewed": "Q", "method": "R"}  # fmt: skip


def _invoke(args: list[str]) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, (result.output, result.exception)
    return result


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, Path, Path]:
    """The programme folder and its review sheets in French and in English."""
    root = tmp_path_factory.mktemp("review")
    data = write_comment_programme(root / "data")
    sheets = []
    for lang in ("fr", "en"):
        sheet = root / f"relecture_{lang}.xlsx"
        result = _invoke(["comments", "review", data, sheet, "--lang", lang, "--processes", 1])
        assert result.exit_code == 0, result.output
        sheets.append(sheet)
    return data, *sheets


@pytest.fixture
def copies(exported, tmp_path: Path) -> tuple[Path, Path, Path]:
    """Copies a test may change: the data folder and the two sheets."""
    data, french, english = exported
    shutil.copytree(data, tmp_path / "data")
    shutil.copy(french, tmp_path / "fr.xlsx")
    shutil.copy(english, tmp_path / "en.xlsx")
    return tmp_path / "data", tmp_path / "fr.xlsx", tmp_path / "en.xlsx"


def _edit(path: Path, cells: dict[str, object], sheet: str = "Commentaires") -> None:
    book = openpyxl.load_workbook(path)
    for address, value in cells.items():
        book[sheet][address] = value
    book.save(path)


def _cell(comment: str, column: str) -> str:
    return f"{COLUMN[column]}{ROW[comment]}"


# --------------------------------------------------------------------- the sheet


def test_the_sheet_holds_masked_comments_with_their_predicted_tones(exported):
    _, french, _ = exported
    book = openpyxl.load_workbook(french)
    assert book.sheetnames == ["Lisez-moi", "Commentaires", "prediction"]
    assert book["prediction"].sheet_state == "veryHidden"
    ws = book["Commentaires"]
    assert (
        ws.row_dimensions[1].hidden and ws.freeze_panes == "B3" and ws.auto_filter.ref == "A2:R42"
    )
    assert [c.value for c in ws[1]][:6] == ["comment", "team_id", "period", "source", "text",
                                             "accueil"]  # fmt: skip
    assert [c.value for c in ws[2]][:6] == ["Commentaire", "Équipe", "Période", "Source",
                                             "Texte (masqué)", "Accueil"]  # fmt: skip
    assert ws["M2"].value == "Repas" and "repas" in ws["M2"].comment.text
    assert (ws["Q2"].value, ws["R2"].value) == ("relu", "méthode")
    lists = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    assert lists == {"F3:P42": '"positif,négatif,mixte"', "Q3:Q42": '"oui,non"'}
    # hand-read tones: « froid et sans goût » is a complaint about the meal; « correct mais
    # attente interminable » praises the welcome and complains about waiting
    assert [ws[_cell("C001", c)].value for c in ("repas", "reviewed", "method")] == [
        "négatif", "non", "règles"]  # fmt: skip
    assert (ws[_cell("C012", "accueil")].value, ws[_cell("C012", "attente_delais")].value) == (
        "positif", "négatif")  # fmt: skip
    # reviewed in the data: C003 (repas positif), C004 (no theme)
    assert [ws[_cell("C003", c)].value for c in ("repas", "reviewed", "method")] == [
        "positif", "oui", "relecture"]  # fmt: skip
    row4 = [c.value for c in ws[ROW["C004"]]]
    assert row4[5:16] == [None] * 11 and row4[16:] == ["oui", "relecture"]
    guide = " ".join(str(c.value) for c in book["Lisez-moi"]["A"])
    assert (
        "Les textes sont masqués" in guide
        and "Méthode des commentaires non relus : règles" in guide
    )
    assert "il faut au moins 50 commentaires relus" in guide


def test_no_cell_holds_personal_data(exported):
    _, french, english = exported
    for path in (french, english):
        cells = [str(v) for ws in openpyxl.load_workbook(path) for row in ws.iter_rows(
                 values_only=True) for v in row if v is not None]  # fmt: skip
        for comment, data in PERSONAL.items():
            assert not [c for c in cells for datum in data if datum in c], comment
    ws = openpyxl.load_workbook(french)["Commentaires"]
    assert ws[_cell("C005", "text")].value == "Merci au [NOM] pour sa gentillesse."
    assert ws[_cell("C016", "text")].value == "Appelez [NOM] au [TÉLÉPHONE], très aimable."


def test_formula_like_texts_stay_inert(exported):
    data, french, _ = exported
    texts = pd.read_csv(data / "comments.csv", dtype=str).set_index("comment")["text"]
    ws = openpyxl.load_workbook(french)["Commentaires"]
    for comment in FORMULA_LIKE:
        cell = ws[_cell(comment, "text")]
        assert cell.value == mask([texts[comment]])[0] and cell.value[0] in "=+-@"
        assert cell.data_type == "s" and cell.quotePrefix, comment
    assert ws[_cell("C007", "text")].value == '=HYPERLINK("http://exemple.org","ici")'
    with zipfile.ZipFile(french) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist()
                      if n.startswith("xl/worksheets/"))  # fmt: skip
    assert "<f>" not in xml and "<f " not in xml  # not one formula in the workbook
    read = CalamineWorkbook.from_path(str(french)).get_sheet_by_name("Commentaires").to_python()
    assert read[ROW["C007"] - 1][4] == '=HYPERLINK("http://exemple.org","ici")'


def test_the_sheet_of_some_teams_and_refusals(exported, tmp_path: Path):
    data, french, _ = exported
    out = tmp_path / "t02.xlsx"
    assert (
        _invoke(["comments", "review", data, out, "--team", "T02", "--processes", 1]).exit_code == 0
    )
    rows = openpyxl.load_workbook(out)["Commentaires"].iter_rows(min_row=3, values_only=True)
    ids = [r[0] for r in rows]
    assert ids == [f"C{k:03d}" for k in range(21, 41)]
    unknown = _invoke(["comments", "review", data, tmp_path / "x.xlsx", "--team", "T09"])
    assert unknown.exit_code == 2
    assert "équipe(s) inconnue(s) : T09 ; équipes connues : T01, T02, C01" in unknown.output
    exists = _invoke(["comments", "review", data, french])
    assert exists.exit_code == 2 and "n'est jamais remplacée" in exists.output
    suffix = _invoke(["comments", "review", data, tmp_path / "x.csv"])
    assert suffix.exit_code == 2 and "donnez un nom de fichier en .xlsx" in suffix.output
    none = _invoke(["comments", "review", data, tmp_path / "c.xlsx", "--team", "C01"])
    assert none.exit_code == 2
    assert f"{data} n'a aucun commentaire pour les équipes C01 : rien à relire" in none.output
    assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "c.xlsx").exists()


def test_invalid_data_is_refused_with_the_problem_list(tmp_path: Path):
    data = write_comment_programme(tmp_path / "data")
    comments = pd.read_csv(data / "comments.csv", dtype=str, keep_default_na=False)
    comments.loc[0, "period"] = "pendant"
    comments.to_csv(data / "comments.csv", index=False)
    result = _invoke(["comments", "review", data, tmp_path / "s.xlsx"])
    assert result.exit_code == 2 and "comments.csv" in result.output and "pendant" in result.output
    assert not (tmp_path / "s.xlsx").exists()


# --------------------------------------------------------------------- the round trip


def test_the_round_trip_makes_the_reviews_authoritative(copies):
    data, french, _ = copies
    _edit(french, {
        _cell("C001", "reviewed"): "oui",  # confirmed as predicted (repas négatif)
        _cell("C005", "prise_en_charge_medicale"): "positif",  # a theme added
        _cell("C005", "reviewed"): "OUI",
        _cell("C012", "accueil"): "Mixte",  # a tone corrected, case aside
        _cell("C012", "attente_delais"): "negatif",  # the same tone, without its accent
        _cell("C012", "reviewed"): "oui",
        _cell("C020", "reviewed"): "oui",  # no theme: reviewed as having none
        _cell("C024", "sortie"): None,  # a theme removed (attente_delais kept)
        _cell("C024", "reviewed"): "oui",
        _cell("C033", "attente_delais"): "positif",  # « attente courte, très bien »
        _cell("C033", "reviewed"): "oui",
        _cell("C002", "repas"): "mixte",  # changed but not reviewed: ignored
    })  # fmt: skip
    result = _invoke(["comments", "import", french, data])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "8 commentaire(s) relu(s) sur 40 ; thèmes : 4 confirmé(s), 2 tonalité(s) corrigée(s), "
        "1 retiré(s), 1 ajouté(s), soit 4 changé(s) par rapport à la feuille exportée ; 9 "
        f"ligne(s) de relecture écrite(s) dans {data / 'comment_reviews.csv'}"
    )
    written = pd.read_csv(data / "comment_reviews.csv", dtype=str, keep_default_na=False)
    assert written.values.tolist() == [
        ["C001", "repas", "négatif", ""],
        ["C003", "repas", "positif", "patient partenaire"],  # as in the data: reviewer kept
        ["C004", "", "", ""],
        ["C005", "prise_en_charge_medicale", "positif", ""],
        ["C012", "accueil", "mixte", ""],
        ["C012", "attente_delais", "négatif", ""],
        ["C020", "", "", ""],
        ["C024", "attente_delais", "négatif", ""],
        ["C033", "attente_delais", "positif", ""],
    ]
    programme, _ = read_programme(data)  # the data with its new reviews still validate
    assert programme is not None
    texts = pd.Series(mask(programme.comments["text"].tolist()),
                      index=programme.comments["comment"])  # fmt: skip
    labels = classify(texts, programme.comment_reviews).labels
    reviewed = labels.loc[labels["method"] == "relecture"]
    assert sorted(map(tuple, reviewed[["comment", "theme", "tone"]].values.tolist())) == [
        ("C001", "repas", "negatif"), ("C003", "repas", "positif"),
        ("C005", "prise_en_charge_medicale", "positif"), ("C012", "accueil", "mixte"),
        ("C012", "attente_delais", "negatif"), ("C024", "attente_delais", "negatif"),
        ("C033", "attente_delais", "positif"),
    ]  # fmt: skip
    for comment in ("C004", "C020"):  # reviewed, no theme: no label at all
        assert labels.loc[labels["comment"] == comment].empty
    assert set(labels.loc[labels["comment"] == "C002", "method"]) == {"règles"}


def test_reviews_of_comments_not_in_the_sheet_are_kept(copies):
    data, french, _ = copies
    _edit(french, {_cell("C003", "reviewed"): "non", _cell("C004", "reviewed"): "non",
                   _cell("C001", "reviewed"): "oui"})  # fmt: skip
    assert _invoke(["comments", "import", french, data]).exit_code == 0
    written = pd.read_csv(data / "comment_reviews.csv", dtype=str, keep_default_na=False)
    assert written.values.tolist() == [[*REVIEWS[0]], ["C004", "", "", ""],
                                       ["C001", "repas", "négatif", ""]]  # fmt: skip


def test_the_english_sheet_round_trips(copies):
    data, _, english = copies
    ws = openpyxl.load_workbook(english)["Comments"]
    assert [ws[f"{c}2"].value for c in "AEFMQR"] == ["Comment", "Text (masked)", "Welcome",
                                                      "Meals", "reviewed", "method"]  # fmt: skip
    assert (ws[_cell("C001", "repas")].value, ws[_cell("C001", "reviewed")].value,
            ws[_cell("C001", "method")].value) == ("negative", "no", "rules")  # fmt: skip
    _edit(english, {_cell("C001", "repas"): "mixed", _cell("C001", "reviewed"): "yes"},
          sheet="Comments")  # fmt: skip
    result = _invoke(["comments", "import", english, data, "--lang", "en",
                      "--out", data / "reviews.csv"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.startswith("3 comment(s) reviewed out of 40; themes: 1 confirmed, "
                                    "1 tone(s) corrected, 0 removed, 0 added")  # fmt: skip
    written = pd.read_csv(data / "reviews.csv", dtype=str, keep_default_na=False)
    assert ["C001", "repas", "mixte", ""] in written.values.tolist()  # contract words


# --------------------------------------------------------------------- bad sheets


def _refused(sheet: Path, data: Path, lang: str = "fr") -> list[str]:
    before = (data / "comment_reviews.csv").read_bytes()
    result = _invoke(["comments", "import", sheet, data, "--lang", lang])
    assert result.exit_code == 2
    assert (data / "comment_reviews.csv").read_bytes() == before  # nothing written
    return result.output.splitlines()


def test_bad_cells_are_named_by_row_and_column(copies):
    data, french, _ = copies
    _edit(french, {"A4": "C001", "A5": "C999", _cell("C001", "repas"): "très négatif",
                   _cell("C006", "reviewed"): "peut-être", "A10": None})  # fmt: skip
    lines = _refused(french, data)
    sheet = "ERREUR feuille « Commentaires »"
    assert lines == [
        f"5 erreur(s) dans la feuille de relecture {french} ; rien n'a été écrit :",
        f"  {sheet}, ligne 3, colonne « Repas » (M) : « très négatif » n'est pas une tonalité : "
        "choisissez positif, négatif, mixte dans la liste, ou videz la cellule si le thème est "
        "absent (bad-tone)",
        f"  {sheet}, ligne 4, colonne « Commentaire » (A) : commentaire « C001 » déjà à la ligne "
        "3 : gardez une seule ligne par commentaire (comment-duplicate)",
        f"  {sheet}, ligne 5, colonne « Commentaire » (A) : commentaire « C999 » inconnu dans les "
        "données : remettez l'identifiant de la ligne exportée ou supprimez la ligne "
        "(comment-unknown)",
        f"  {sheet}, ligne 8, colonne « relu » (Q) : « peut-être » n'est ni oui ni non : mettez "
        "oui si le commentaire est relu, non sinon (bad-reviewed)",
        f"  {sheet}, ligne 10, colonne « Commentaire » (A) : identifiant de commentaire vide : "
        "remettez l'identifiant de la ligne exportée (comment-missing)",
    ]


def test_renamed_and_removed_columns_are_named(copies):
    data, french, _ = copies
    book = openpyxl.load_workbook(french)
    book["Commentaires"]["M2"] = "Nourriture"
    book["Commentaires"].delete_cols(10)  # Douleur (J): Repas moves to L
    book.save(french)
    assert _refused(french, data)[1:] == [
        "  ERREUR feuille « Commentaires » : colonne « Douleur » (code douleur) supprimée : "
        "rétablissez-la (copiez-la d'une nouvelle feuille exportée) (column-missing)",
        "  ERREUR feuille « Commentaires », ligne 2, colonne « Repas » (L) : en-tête "
        "« Nourriture » au lieu de « Repas » (code repas) : remettez l'en-tête « Repas » "
        "(column-renamed)",
    ]


def test_a_sheet_without_its_code_row_or_not_a_sheet(copies, tmp_path: Path):
    data, french, _ = copies
    book = openpyxl.load_workbook(french)
    book["Commentaires"].delete_rows(1)
    book.save(french)
    assert _refused(french, data)[1:] == [
        "  ERREUR feuille « Commentaires » : la ligne 1 (masquée) des codes de colonnes a été "
        "supprimée : exportez une nouvelle feuille et reportez-y vos relectures (no-codes)"
    ]
    text = tmp_path / "faux.xlsx"
    text.write_text("comment,theme\n", encoding="utf-8")
    assert _refused(text, data, "en")[1:] == [
        "  ERROR unreadable workbook (BadZipFile): give the .xlsx sheet "
        "written by 'impact comments review' (unreadable)"
    ]


def test_english_messages(copies):
    data, _, english = copies
    _edit(english, {_cell("C001", "repas"): "awful"}, sheet="Comments")
    assert _refused(english, data, "en")[1:] == [
        "  ERROR sheet 'Comments', row 3, column 'Meals' (M): 'awful' is not a tone: choose "
        "positive, negative, mixed from the list, or empty the cell if the theme is absent "
        "(bad-tone)"
    ]


def test_a_workbook_programme_needs_out(copies):
    _, french, _ = copies
    result = _invoke(["comments", "import", french, "programme.xlsx"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "programme.xlsx est un classeur : donnez avec --out le fichier comment_reviews.csv à "
        "écrire (le classeur n'est jamais modifié), puis copiez ses lignes dans la feuille "
        "comment_reviews du classeur"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_help_pages_are_in_the_run_language(lang: str):
    pages = [_invoke(["comments", *sub, "--help", "--lang", lang]).output
             for sub in ([], ["review"], ["import"])]  # fmt: skip
    start = "Utilisation : impact comments" if lang == "fr" else "Usage: impact comments"
    assert all(page.startswith(start) for page in pages)
    expected = {
        "fr": ["patients partenaires", "Équipe dont exporter", "obligatoire si DATA"],
        "en": ["patient partners", "Team whose comments", "required when DATA"],
    }
    for page, text in zip(pages, expected[lang], strict=True):
        assert text in " ".join(page.split())
