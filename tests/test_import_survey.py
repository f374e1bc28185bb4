"""Wide survey exports → long tables (issue 13, point 2): the four hand-written fixtures in
tests/data/surveys/ (LimeSurvey CSV and XLSX, REDCap CSV, Microsoft Forms XLSX) import with
their mapping files, validate with the demo's teams, and the draft finds their items.

Expected values are read off the fixture files by hand (row 2 = first respondent).
"""

from __future__ import annotations

import doctest
import html
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from impact.cli import cli
from impact.data.loading import read_programme
from impact.data.messages import MESSAGES
from impact.data.surveys import draft_mapping, import_survey, read_export
from impact.data.surveys import mapping as mapping_module
from impact.data.surveys import wide as wide_module
from impact.demo.programme import demo_programme

HERE = Path(__file__).parent / "data" / "surveys"
FIXTURES = {
    # fixture: (export, table, export rows, items)
    "limesurvey_barometre": ("limesurvey_barometre.csv", "barometer_responses", 5, 11),
    "redcap_barometre": ("redcap_barometre.csv", "barometer_responses", 7, 11),
    "limesurvey_prem": ("limesurvey_prem.xlsx", "prem_responses", 4, 12),
    "forms_prom": ("forms_prom.xlsx", "prom_responses", 5, 2),
    "limesurvey_qvt": ("limesurvey_qvt.csv", "questionnaire_responses", 4, 9),
}


def imported(name: str, mapping: Path | None = None) -> tuple[pd.DataFrame, list]:
    export, table, _, _ = FIXTURES[name]
    return import_survey(HERE / export, table=table, mapping=mapping or HERE / f"{name}_map.csv")


def cell(frame: pd.DataFrame, who: str, code: str, answer: str):
    respondent = "patient" if "patient" in frame else "respondent"
    code_column = "prom" if "prom" in frame else "item"
    match = frame[(frame[respondent] == who) & (frame[code_column] == code)]
    return match[answer].tolist()


@pytest.mark.parametrize("name", list(FIXTURES))
def test_each_fixture_imports_with_exact_row_counts(name):
    frame, problems = imported(name)
    _, _, n_rows, n_items = FIXTURES[name]
    assert [p for p in problems if p.severity == "error"] == []
    assert len(frame) == n_rows * n_items
    assert frame.attrs["export_rows"] == n_rows


def test_limesurvey_csv_values_and_columns_not_imported():
    frame, problems = imported("limesurvey_barometre")
    assert list(frame.columns) == [
        "team_id", "wave", "respondent", "role", "assessment", "item", "score", "date"
    ]  # fmt: skip
    assert frame["date"].isna().all()  # optional, not mapped (submitdate could feed it)
    assert cell(frame, "12", "CE1", "score") == [4]  # « Tout à fait d'accord »
    assert cell(frame, "11", "CM2", "score") == [0]  # « Pas du tout d'accord »
    assert pd.isna(cell(frame, "12", "CD2", "score")[0])  # empty cell: no answer
    assert frame.loc[frame["respondent"] == "13", "role"].unique().tolist() == ["proche-aidant"]
    assert set(frame["assessment"]) == {"auto"}
    listed = {p.column: p.count for p in problems if p.rule == "unmapped-column"}
    assert listed == {"submitdate": 5, "lastpage": 5, "startlanguage": 5, "seed": 5,
                      "COMMENTAIRE": 2}  # fmt: skip
    comment = next(p for p in problems if p.column == "COMMENTAIRE")
    assert comment.severity == "warning"
    assert comment.message == (
        "colonne « COMMENTAIRE » non importée (2 cellule(s) remplie(s)) : si elle doit l'être, "
        "écrire sa cible dans le fichier de correspondance (« column,COMMENTAIRE,<code du "
        "catalogue ou colonne de la table> »)"
    )


def test_redcap_checkboxes_events_and_raw_codes():
    frame, _ = imported("redcap_barometre")
    first = frame.iloc[:11]
    assert first["wave"].unique().tolist() == ["T0"]
    assert first["role"].unique().tolist() == ["professionnel"]  # role___1 ticked
    assert frame.loc[frame["respondent"] == "2", "role"].unique().tolist() == ["patient"]
    assert frame.loc[frame["respondent"] == "3", "role"].unique().tolist() == ["proche-aidant"]
    record1 = frame[(frame["respondent"] == "1") & (frame["item"] == "CE1")]
    assert record1[["wave", "score"]].values.tolist() == [["T0", 3], ["T1", 4]]
    record3 = frame[(frame["respondent"] == "3") & (frame["item"] == "CC1")]
    assert record3["wave"].tolist() == ["T0", "T1"]
    assert pd.isna(record3["score"].iloc[0]) and record3["score"].iloc[1] == 2


def test_limesurvey_xlsx_prem_values():
    frame, _ = imported("limesurvey_prem")
    assert cell(frame, "102", "RES2", "answer") == [9]  # « Non concerné »
    assert cell(frame, "101", "ACC1", "answer") == [4]  # « Très bon » (qualite5)
    assert cell(frame, "103", "GLO1", "answer") == [5]  # « Excellent »
    who = frame.drop_duplicates("respondent").set_index("respondent")
    assert who.loc["103", ["age_group", "sex", "period"]].tolist() == ["75+", "F", "après"]
    assert who.loc["104", ["self_rated_health", "admission_mode"]].tolist() == [
        "très bonne", "programmée"
    ]  # fmt: skip


def test_questionnaire_answers_take_their_items_questionnaire(tmp_path):
    frame, problems = imported("limesurvey_qvt")
    assert list(frame.columns) == [
        "team_id", "questionnaire", "wave", "respondent", "role", "assessment", "item", "score"
    ]  # fmt: skip
    assert set(frame["questionnaire"]) == {"qvt"}  # no mapping row: the items' questionnaire
    assert cell(frame, "21", "QVT_SE3", "score") == [2]  # « Plutôt pas d'accord »
    assert cell(frame, "24", "QVT_ES1", "score") == [5]  # « Tout à fait d'accord »
    assert pd.isna(cell(frame, "22", "QVT_RC3", "score")[0])  # empty cell: no answer
    assert set(frame["role"]) == {"professionnel"} and set(frame["assessment"]) == {"auto"}
    assert [p.column for p in problems if p.rule == "unmapped-column"] == [
        "submitdate", "lastpage", "startlanguage", "REMARQUES"
    ]  # fmt: skip
    # an export mixing two questionnaires: each answer gets its item's questionnaire
    mapping = tmp_path / "map.csv"
    text = (HERE / "limesurvey_qvt_map.csv").read_text(encoding="utf-8")
    mapping.write_text(text.replace("QVT[QVT_ES3],QVT_ES3", "QVT[QVT_ES3],EPP_SA1"), "utf-8")
    mixed, _ = imported("limesurvey_qvt", mapping)
    assert mixed.loc[mixed["item"] == "EPP_SA1", "questionnaire"].unique().tolist() == [
        "experience_pp"
    ]  # fmt: skip
    assert set(mixed.loc[mixed["item"] != "EPP_SA1", "questionnaire"]) == {"qvt"}


def test_cli_imports_questionnaire_answers(tmp_path):
    out = tmp_path / "questionnaire_responses.csv"
    args = ["import-survey", str(HERE / "limesurvey_qvt.csv"), "--table",
            "questionnaire_responses", "--map", str(HERE / "limesurvey_qvt_map.csv"),
            "--out", str(out)]  # fmt: skip
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"36 lignes écrites dans {out} (table questionnaire_responses, depuis 4 lignes de l'export)"
    )
    assert pd.read_csv(out)["questionnaire"].unique().tolist() == ["qvt"]


def test_forms_xlsx_prom_values():
    frame, _ = imported("forms_prom")
    after = frame[frame["period"] == "après"]
    assert after.loc[(after["patient"] == "P-0007") & (after["prom"] == "eq_vas"), "value"].tolist(
    ) == [72.5]  # fmt: skip
    assert np.isnan(cell(frame, "P-0031", "douleur_nrs", "value")[0])
    assert frame["team_id"].tolist()[:2] == ["T02", "T02"]


@pytest.mark.parametrize("name", list(FIXTURES))
def test_imported_table_validates_in_a_programme(tmp_path, name):
    frame, _ = imported(name)
    table = FIXTURES[name][1]
    demo_programme(n_teams=4, n_comparison=2, seed=1).to_csv(tmp_path)
    frame.to_csv(tmp_path / f"{table}.csv", index=False)
    programme, problems = read_programme(tmp_path)
    assert programme is not None, problems[problems["severity"] == "error"].to_string()
    assert len(getattr(programme, table)) == len(frame)


DRAFTED = {
    "limesurvey_barometre": {"id": "respondent", "EQUIPE": "team_id", "VAGUE": "wave",
                             "ROLE": "role", "BARO[CE1]": "CE1", "BARO[CD3]": "CD3"},
    "redcap_barometre": {"record_id": "respondent", "redcap_event_name": "wave",
                         "equipe": "team_id", "ce1": "CE1", "cm2": "CM2", "cd3": "CD3"},
    "limesurvey_prem": {
        "EQUIPE. Votre service": "team_id",
        "PERIODE": "period",
        "Q01. Comment jugez-vous l'accueil dans le service ?": "ACC1",
        "Q02. Les professionnels se sont-ils présentés ?": "ACC2",
        "Q03. Les médecins vous ont-ils expliqué votre état de santé de façon claire et "
        "compréhensible ?": "PEC1",
        "Q04. Les infirmiers et infirmières ont-ils répondu à vos questions ?": "PEC2",
        "Q05. Avez-vous été associé(e) aux décisions sur vos soins ?": "PEC3",
        "Q06. Votre intimité a-t-elle été respectée pendant les soins ?": "RES1",
        "Q07. Votre douleur a-t-elle été bien prise en charge ?": "RES2",
        "Q08. Comment jugez-vous le confort de la chambre ?": "CHA1",
        "Q09. Comment jugez-vous la qualité des repas servis ?": "CHA2",
        "Q10. Vous a-t-on expliqué les médicaments à prendre après votre sortie ?": "SOR1",
        "Q11. Vous a-t-on dit qui contacter en cas de problème après votre sortie ?": "SOR2",
        "Q12. Globalement, comment évaluez-vous votre prise en charge ?": "GLO1",
    },
    "forms_prom": {
        "Numéro patient (pseudonyme)": "patient",
        "Service": "team_id",
        "Moment du questionnaire": "period",
        "Sur l'échelle visuelle de 0 à 100, comment évaluez-vous votre santé aujourd'hui ?":
            "eq_vas",
        "Sur une échelle de 0 à 10, quelle est l'intensité de votre douleur aujourd'hui ?":
            "douleur_nrs",
        "ID": "",  # the form's response number is not the patient
        "Heure de début": "",
    },
    "limesurvey_qvt": {"id": "respondent", "EQUIPE": "team_id", "VAGUE": "wave",
                       "QVT[QVT_SE1]": "QVT_SE1", "QVT[QVT_ES3]": "QVT_ES3"},
}  # fmt: skip


@pytest.mark.parametrize("name", list(FIXTURES))
def test_draft_maps_the_questions_to_the_right_catalogue_items(name):
    export, table, _, _ = FIXTURES[name]
    draft = draft_mapping(read_export(HERE / export), table)
    columns = draft[draft["kind"] == "column"].set_index("source")["target"]
    assert {k: columns[k] for k in DRAFTED[name]} == DRAFTED[name]
    assert draft["score"].between(0, 100).all()


def test_draft_codes_prem_answers_and_recodes_from_the_catalogue():
    draft = draft_mapping(read_export(HERE / "limesurvey_prem.xlsx"), "prem_responses")
    answers = draft[draft["kind"] == "answer"].set_index("source")["target"].to_dict()
    # prem_scales.csv: qualite5 Très bon = 4, Bon = 3; frequence4 Toujours = 4; 9 Non concerné
    assert {k: answers[k] for k in ("Très bon", "Bon", "Toujours", "Non concerné")} == {
        "Très bon": "4", "Bon": "3", "Toujours": "4", "Non concerné": "9"
    }  # fmt: skip
    ages = draft[draft["kind"] == "age_group"].set_index("source")["target"].to_dict()
    assert ages == {"65-74 ans": "65-74", "45-64 ans": "45-64", "75 ans et plus": "75+",
                    "18-44 ans": "18-44"}  # fmt: skip


def test_draft_of_redcap_recodes_events_and_reads_checkboxes():
    draft = draft_mapping(read_export(HERE / "redcap_barometre.csv"), "barometer_responses")
    rows = {(k, s): t for k, s, t in zip(*draft.iloc[:, :3].T.values, strict=True)}
    assert rows[("wave", "t0_arm_1")] == "T0" and rows[("wave", "t1_arm_1")] == "T1"
    assert rows[("column", "role___2")] == "role=patient"
    assert rows[("constant", "assessment")] == "auto"


def without(path: Path, tmp_path: Path, line_start: str) -> Path:
    """A copy of a mapping file without the rows starting with ``line_start``."""
    out = tmp_path / path.name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(x for x in lines if not x.startswith(line_start)), encoding="utf-8")
    return out


UNKNOWN_FR = (
    "réponse « Plutôt pas d'accord » sans code : 9 cellule(s) dans 8 colonne(s) "
    "(« BARO[CE1] », « BARO[CE2] », « BARO[CC2] », …), ligne(s) 2–4, 6 — ajouter la ligne "
    "« answer,Plutôt pas d'accord,<code> » au fichier de correspondance"
)


def test_unknown_answer_reported_with_its_columns_and_rows(tmp_path):
    mapping = without(HERE / "limesurvey_barometre_map.csv", tmp_path, "answer,Plutôt pas")
    frame, problems = imported("limesurvey_barometre", mapping)
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1
    # in the fixture: row 2 CC2; row 3 CC3; row 4 CE1, CD3; row 6 CE2, CC2, CM1, CM3, CD1
    assert errors[0].rows == (2, 3, 4, 6) and errors[0].count == 9
    assert errors[0].message == UNKNOWN_FR
    assert errors[0].rule == "unknown-answer" and errors[0].value == "Plutôt pas d'accord"
    assert pd.isna(cell(frame, "13", "CE1", "score")[0])


def test_cli_exits_2_on_an_unknown_answer_and_writes_nothing(tmp_path):
    mapping = without(HERE / "limesurvey_barometre_map.csv", tmp_path, "answer,Plutôt pas")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["import-survey", str(HERE / "limesurvey_barometre.csv"),
                                      "--table", "barometer_responses", "--map", str(mapping),
                                      "--out", str(out)])  # fmt: skip
    assert result.exit_code == 2
    assert f"ERREUR limesurvey_barometre.csv : {UNKNOWN_FR}" in result.output
    assert not out.exists()


def test_cli_imports_and_drafts(tmp_path):
    export = tmp_path / "forms_prom.xlsx"
    shutil.copy(HERE / "forms_prom.xlsx", export)
    mapping = tmp_path / "map.csv"
    args = ["import-survey", str(export), "--table", "prom_responses", "--map", str(mapping)]
    drafted = CliRunner().invoke(cli, args)
    assert drafted.exit_code == 0
    assert drafted.output.startswith(f"Correspondance proposée écrite dans {mapping} : 5 ")
    assert pd.read_csv(mapping).columns.tolist() == ["kind", "source", "target", "score"]
    shutil.copy(HERE / "forms_prom_map.csv", mapping)
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    out = tmp_path / "prom_responses.csv"
    assert done.output.endswith(
        f"10 lignes écrites dans {out} (table prom_responses, depuis 5 lignes de l'export)\n"
    )
    assert len(pd.read_csv(out)) == 10
    # the workbook's sheet is named beside the file
    assert (
        "  AVERTISSEMENT forms_prom.xlsx · feuille « Form1 » : colonne « ID » non importée "
        "(5 cellule(s) remplie(s))" in done.output
    )


def test_two_ticked_roles_are_an_error(tmp_path):
    text = (HERE / "redcap_barometre.csv").read_text(encoding="utf-8")
    export = tmp_path / "redcap.csv"
    export.write_text(text.replace("T04,1,0,0,0", "T04,1,1,0,0"), encoding="utf-8")
    _, problems = import_survey(export, table="barometer_responses",
                                mapping=HERE / "redcap_barometre_map.csv")  # fmt: skip
    errors = [p for p in problems if p.severity == "error"]
    assert [e.message for e in errors] == [
        "plusieurs cases cochées pour « role » (role___1, role___2, role___3, role___4) : "
        "1 ligne(s) (8) — n'en garder qu'une par répondant dans l'export"
    ]


def test_required_column_without_source(tmp_path):
    mapping = without(HERE / "limesurvey_barometre_map.csv", tmp_path, "column,EQUIPE")
    frame, problems = imported("limesurvey_barometre", mapping)
    assert frame is None
    errors = [p.message for p in problems if p.severity == "error"]
    assert errors == [
        "colonne obligatoire « team_id » (Identifiant de l'équipe) de la table "
        "barometer_responses sans source : l'associer à une colonne de l'export "
        "(« column,<colonne de l'export>,team_id ») ou lui donner une valeur fixe "
        "(« constant,team_id,<valeur> »)"
    ]
    assert any(p.column == "EQUIPE" and p.rule == "unmapped-column" for p in problems)


def test_english_messages_exist_and_english_import():
    keys = [k for k in MESSAGES if k.startswith("survey.") or k.startswith("cli.help.import")]
    assert len(keys) >= 12 and all(MESSAGES[k]["en"] and MESSAGES[k]["fr"] for k in keys)
    export, mapping = HERE / "limesurvey_barometre.csv", HERE / "limesurvey_barometre_map.csv"
    _, problems = import_survey(export, table="barometer_responses", mapping=mapping, lang="en")
    assert problems[0].message.startswith("column 'submitdate' not imported (5 filled cell(s))")


@pytest.mark.parametrize("module", [mapping_module, wide_module])
def test_docstring_examples(module):
    assert doctest.testmod(module).failed == 0


def test_limesurvey_redcap_and_forms_exports_import_into_reports(tmp_path):
    # a programme whose survey tables all come from the fixtures' exports: LimeSurvey and
    # REDCap barometers (teams T01–T02 and T03–T04), the LimeSurvey PREM, the Forms PROMs
    from impact.run.runner import run_reports

    data = tmp_path / "data"
    demo_programme(n_teams=4, n_comparison=2, seed=1).to_csv(data)
    barometer = pd.concat([imported("limesurvey_barometre")[0],
                           imported("redcap_barometre")[0]], ignore_index=True)  # fmt: skip
    barometer.to_csv(data / "barometer_responses.csv", index=False)
    imported("limesurvey_prem")[0].to_csv(data / "prem_responses.csv", index=False)
    imported("forms_prom")[0].to_csv(data / "prom_responses.csv", index=False)
    result = run_reports(data, tmp_path / "out", teams=["T01", "T03"], workers=1, min_cell=1,
                         progress=False, programme_report=False)  # fmt: skip
    assert result.ok == ["T01", "T03"] and not result.failures
    for team in ("T01", "T03"):
        page = html.unescape((tmp_path / "out" / "teams" / f"{team}.html").read_text("utf-8"))
        # the imported answers reach the report: its barometer scores table, not a sentence
        # saying there are none (the questionnaires' section says it has none: not imported)
        assert "Pas de réponse au baromètre" not in page
        assert "Aucune réponse au baromètre fournie" not in page
        assert "Co-expression" in page
    first = html.unescape((tmp_path / "out" / "teams" / "T01.html").read_text("utf-8"))
    assert "Pas de questionnaire d'expérience patient" not in first
    assert "Aucun questionnaire d'expérience patient" not in first
    assert "Accueil" in first and "EQ-5D" in first  # PREM dimension, PROM


def test_a_long_utf8_export_is_read_as_utf8_whatever_its_first_64_kib_cut(tmp_path):
    # the encoding is sniffed from the first 64 KiB: a cut through « é » (2 bytes in UTF-8)
    # must not make the file look like Windows-1252
    from impact.data.surveys.formats import _csv_dialect

    line = "T01;é\n".encode()  # 7 bytes, « é » at bytes 4–5
    # a header of 11 bytes puts the 65,536th byte (index 65,535) on the first byte of an « é »
    body = b"team;answe\n" + line * 10_000
    assert body[65535:65537] == "é".encode()
    path = tmp_path / "export.csv"
    path.write_bytes(body)
    assert _csv_dialect(path) == ("utf-8-sig", ";")
