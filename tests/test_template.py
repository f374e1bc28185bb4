"""The collection template (``impact template``): laid out as the data contract, and valid.

Expected values come from ``data_schemas/`` and the default catalogues read here directly
(JSON and CSV), never from the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner

from impact.cli import cli
from impact.data.loading import read_programme
from impact.data.template import write_template

SCHEMAS = Path(__file__).resolve().parents[1] / "data_schemas"
PACKAGE = json.loads((SCHEMAS / "datapackage.json").read_text(encoding="utf-8"))
TABLES = {
    res["name"]: json.loads((SCHEMAS / res["schema"]).read_text(encoding="utf-8"))
    for res in PACKAGE["resources"]
}
GUIDE = {"fr": "Mode d'emploi", "en": "Instructions"}
YES_NO = {"fr": ["oui", "non"], "en": ["yes", "no"]}
#: The only problem the example gives: one PREM questionnaire, under the threshold of 30.
EXAMPLE_WARNINGS = {
    "fr": [
        ("small-prem-period",
         "l'équipe T01 n'a que 1 questionnaires PREM pour la période « avant » (moins de 30)"),
    ],
    "en": [
        ("small-prem-period",
         "team T01 has only 1 PREM questionnaires in period 'avant' (fewer than 30)"),
    ],
}  # fmt: skip


def _resaved(path: Path) -> Path:
    """The workbook opened and saved again by openpyxl (the format Excel writes back)."""
    out = path.with_name(f"resaved_{path.name}")
    openpyxl.load_workbook(path).save(out)
    return out


@pytest.fixture(scope="module", params=["fr", "en"])
def book(request, tmp_path_factory) -> tuple[str, Path]:
    lang = request.param
    path = write_template(tmp_path_factory.mktemp(lang) / "modele.xlsx", lang)
    return lang, path


def _validations(ws) -> dict[str, object]:
    """The data validation of each column letter (each covers rows 2 to Excel's last)."""
    found = {}
    for rule in ws.data_validations.dataValidation:
        for cells in rule.sqref.ranges:
            assert cells.min_row == 2 and cells.max_row == 1_048_576, cells.coord
            assert cells.min_col == cells.max_col
            found[openpyxl.utils.get_column_letter(cells.min_col)] = rule
    return found


def _literal(rule) -> list[str]:
    assert rule.type == "list" and rule.formula1.startswith('"'), rule.formula1
    return rule.formula1.strip('"').split(",")


def test_the_template_resaved_validates_with_only_the_expected_warning(book):
    lang, path = book
    resaved = _resaved(path)
    programme, problems = read_programme(resaved, lang=lang)
    assert programme is not None, problems.to_string()
    assert list(zip(problems["rule"], problems["message"], strict=True)) == EXAMPLE_WARNINGS[lang]
    assert (problems["severity"] == "warning").all()
    assert programme.team_ids == ["T01"] and programme.comparison_ids == ["C01"]
    original, _ = read_programme(path, lang=lang)
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(programme, name), getattr(original, name))


def test_the_example_is_coherent(book):
    lang, path = book
    programme, _ = read_programme(path, lang=lang)
    values = programme.indicator_values
    kinds = programme.indicators.set_index("code")["kind"]
    # one indicator of each kind of the catalogue, before and after the start, both units
    assert set(kinds[values["indicator"]]) == set(kinds)
    start = programme.teams.set_index("team_id").loc["T01", "start_date"]
    for team in ("T01", "C01"):
        months = values.loc[values["team_id"] == team, "period"]
        assert (months < start).any() and (months > start).any()
    assert set(programme.barometer_responses["assessment"]) == {"auto", "conjointe"}
    assert len(programme.prem_responses) == 1
    assert list(programme.prom_responses["period"]) == ["avant", "après"]
    # the catalogue sheets are the default catalogues
    default = pd.read_csv(SCHEMAS / "catalogues" / "prem_scales.csv")
    assert list(programme.prem_scales["code"]) == list(default["code"])


def test_the_steering_example_is_coherent(book):
    lang, path = book
    programme, _ = read_programme(path, lang=lang)
    start = programme.teams.set_index("team_id").loc["T01", "start_date"]
    roadmap = programme.roadmap
    # a team's line, a hospital's line (T01's hospital), an action without indicator
    assert set(roadmap["team_id"].dropna()) == {"T01"}
    assert list(roadmap["hospital"].dropna()) == ["Hôpital Nord"]
    assert roadmap["indicator"].isna().sum() == 1
    assert (roadmap["start_date"] == start).all()
    # activity and support of the programme team, from its start on
    for table in (programme.partnership_activity, programme.programme_support):
        assert set(table["team_id"]) == {"T01"} and (table["month"] >= start).all()
    activity = programme.partnership_activity
    assert (activity["meetings_attended"] <= activity["meetings_held"]).all()
    # one self-assessment per questionnaire of the catalogue
    questionnaires = pd.read_csv(SCHEMAS / "catalogues" / "questionnaire_items.csv")
    answers = programme.questionnaire_responses
    assert sorted(answers["questionnaire"]) == sorted(set(questionnaires["questionnaire"]))
    assert set(answers["assessment"]) == {"auto"} and answers["role"].notna().all()


#: The moments at which each kind of training item is asked (the brief of issue 15).
KIND_MOMENTS = {"quiz": {"avant", "après"}, "satisfaction": {"à chaud"},
                "expectation": {"attentes", "à chaud"}, "practice_change": {"à distance"},
                "action_plan": {"à distance"}}  # fmt: skip


def test_the_training_example_is_coherent(book):
    lang, path = book
    programme, _ = read_programme(path, lang=lang)
    start = programme.teams.set_index("team_id").loc["T01", "start_date"]
    sessions, people = programme.training_sessions, programme.training_participants
    answers = programme.training_answers
    # T01's formation-action at its start, followed by a professional and a patient partner
    assert list(sessions["team_id"]) == ["T01"] and (sessions["date"] >= start).all()
    assert set(people["team_id"]) == {"T01"} and set(people["session"]) == set(sessions["session"])
    assert sorted(people["role"]) == ["patient partenaire", "professionnel"]
    # the catalogue: the default rows, then the example training's 3 quiz questions and
    # 1 expectation, each on an objective of the session
    default = pd.read_csv(SCHEMAS / "catalogues" / "training_items.csv")
    items = programme.training_items
    assert list(items["item"][: len(default)]) == list(default["item"])
    own = items.iloc[len(default) :]
    training = sessions["training"].iloc[0]
    assert set(own["training"]) == {training}
    assert sorted(own["kind"]) == ["expectation", "quiz", "quiz", "quiz"]
    objectives = set(sessions["objectives"].iloc[0].split(";"))
    assert set(own["objective"]) <= objectives and own["label_en"].notna().all()
    assert own.loc[own["kind"] == "quiz", "correct"].notna().all()
    # every answer at a moment of its kind; each kind of the catalogue answered
    kind = answers["item"].map(items.set_index("item")["kind"])
    assert all(m in KIND_MOMENTS[k] for k, m in zip(kind, answers["moment"], strict=True))
    assert set(kind) == set(KIND_MOMENTS)
    assert set(answers["moment"]) == {"attentes", "avant", "après", "à chaud", "à distance"}
    # every quiz taker answered both before and after (no unpaired warning)
    quiz = answers[kind == "quiz"].groupby("participant")["moment"].agg(set)
    assert len(quiz) == 2 and all(m == {"avant", "après"} for m in quiz)
    # satisfaction scores in the catalogue's 1–5 scale, every domain answered
    satisfaction = answers[kind == "satisfaction"]
    assert satisfaction["answer"].astype(int).between(1, 5).all()
    satisfied = set(satisfaction["item"])
    assert satisfied == set(default.loc[default["kind"] == "satisfaction", "item"])
    plans = answers.loc[kind == "action_plan", "answer"]
    assert sorted(plans) == ["en cours", "fait", "pas commencé"]


def test_the_training_sheets_have_their_lists(book):
    lang, path = book
    wb = openpyxl.load_workbook(path)
    # participant of an answer: the participants' sheet; training of an item: the sessions'
    # trainings, another code allowed after a warning (a training not yet held)
    assert _validations(wb["training_answers"])["B"].formula1 == (
        "'training_participants'!$B$2:$B$2000"
    )
    training = _validations(wb["training_items"])["A"]
    assert training.formula1 == "'training_sessions'!$B$2:$B$2000"
    assert training.errorStyle == "warning"
    # the example items are in italics after the default catalogue's rows, not before
    default = len(pd.read_csv(SCHEMAS / "catalogues" / "training_items.csv"))
    ws = wb["training_items"]
    italic = [ws.cell(row=r, column=2).font.italic for r in range(2, ws.max_row + 1)]
    assert italic == [False] * default + [True] * 4
    assert all(c.font.italic for c in wb["training_answers"]["A"][1:])


def test_one_sheet_per_table_with_every_schema_column_as_header(book):
    lang, path = book
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == GUIDE[lang]
    assert sorted(wb.sheetnames[1:]) == sorted(TABLES)
    for name, schema in TABLES.items():
        ws = wb[name]
        headers = [c.value for c in ws[1]]
        assert headers == [f["name"] for f in schema["fields"]]
        for cell, field in zip(ws[1], schema["fields"], strict=True):
            assert field["title"] in cell.comment.text, (name, field["name"])
            assert field["description"] in cell.comment.text, (name, field["name"])


def test_every_coded_column_has_its_drop_down_list(book):
    lang, path = book
    wb = openpyxl.load_workbook(path)
    for name, schema in TABLES.items():
        rules = _validations(wb[name])
        names = [f["name"] for f in schema["fields"]]
        for i, field in enumerate(schema["fields"]):
            letter = openpyxl.utils.get_column_letter(i + 1)
            enum = field.get("constraints", {}).get("enum")
            if enum is not None:
                assert _literal(rules[letter]) == [str(v) for v in enum], (name, field["name"])
            if field["type"] == "boolean":
                assert _literal(rules[letter]) == YES_NO[lang], (name, field["name"])
        for fk in schema.get("foreignKeys", []):
            ref = fk["reference"]
            ref_names = [f["name"] for f in TABLES[ref["resource"]]["fields"]]
            col = openpyxl.utils.get_column_letter(ref_names.index(ref["fields"]) + 1)
            letter = openpyxl.utils.get_column_letter(names.index(fk["fields"]) + 1)
            assert rules[letter].formula1 == f"'{ref['resource']}'!${col}$2:${col}$2000"
    waves = _validations(wb["barometer_responses"])["B"]
    assert _literal(waves) == ["T0", "T1", "T2"] and waves.errorStyle == "warning"
    with (SCHEMAS / "catalogues" / "prem_scales.csv").open(encoding="utf-8") as fh:
        codes = sorted({int(row["code"]) for row in csv.DictReader(fh)})
    answer = _validations(wb["prem_responses"])["I"]
    assert _literal(answer) == [str(c) for c in codes]
    score = _validations(wb["barometer_responses"])["G"]
    assert (score.type, score.operator, score.formula1, score.formula2) == (
        "whole", "between", "0", "4"  # the barometer's 0–4 scale (catalogue)
    )  # fmt: skip


def test_the_steering_sheets_have_their_lists(book):
    lang, path = book
    wb = openpyxl.load_workbook(path)
    catalogue = SCHEMAS / "catalogues"
    questionnaires = pd.read_csv(catalogue / "questionnaire_items.csv")
    answers = _validations(wb["questionnaire_responses"])
    assert _literal(answers["B"]) == list(dict.fromkeys(questionnaires["questionnaire"]))
    assert answers["B"].errorStyle == "warning"  # a questionnaire the user adds is allowed
    assert _literal(answers["C"]) == ["T0", "T1", "T2"] and answers["C"].errorStyle == "warning"
    score = answers["H"]
    assert (score.type, score.operator, score.formula1, score.formula2) == (
        "whole", "between", "1", "5"  # the questionnaires' 1–5 scales (catalogue)
    )  # fmt: skip
    roadmap = _validations(wb["roadmap"])
    assert roadmap["C"].formula1 == "'teams'!$C$2:$C$2000"  # hospital: the teams' hospitals
    # indicator: the codes listed in the guide, with their labels; another code is allowed
    # after a warning (an indicator or questionnaire the user adds to a catalogue)
    indicator = roadmap["I"]
    assert indicator.errorStyle == "warning"
    sheet, cells = indicator.formula1.split("!")
    assert sheet == "'" + GUIDE[lang].replace("'", "''") + "'"
    first, last = (int(c.split("$")[-1]) for c in cells.split(":"))
    guide = wb[GUIDE[lang]]
    listed = [guide.cell(row=r, column=1).value for r in range(first, last + 1)]
    labels = [guide.cell(row=r, column=2).value for r in range(first, last + 1)]
    barometer = pd.read_csv(catalogue / "barometer_items.csv")
    expected = list(pd.read_csv(catalogue / "indicators.csv")["code"])
    expected += ["barometre.global"] + [
        f"barometre.{d}" for d in dict.fromkeys(barometer["dimension"])
    ]
    for code, rows in questionnaires.groupby("questionnaire", sort=False):
        expected += [f"{code}.global"] + [f"{code}.{d}" for d in dict.fromkeys(rows["dimension"])]
    expected += ["activite.partenaires", "activite.taux_participation",
                 "activite.heures_par_partenaire", "activite.retention"]  # fmt: skip
    assert listed == expected and all(labels)
    assert guide.cell(row=last + 1, column=1).value is None


def test_date_number_and_text_formats(book):
    lang, path = book
    wb = openpyxl.load_workbook(path)
    date = {"fr": "dd/mm/yyyy", "en": "yyyy-mm-dd"}[lang]
    month = {"fr": "mm/yyyy", "en": "yyyy-mm"}[lang]
    expected = {"date": date, "yearmonth": month, "integer": "0", "number": "0.00",
                "string": "@", "boolean": "@"}  # fmt: skip
    for name, schema in TABLES.items():
        ws = wb[name]
        for i, field in enumerate(schema["fields"]):
            letter = openpyxl.utils.get_column_letter(i + 1)
            assert ws.column_dimensions[letter].number_format == expected[field["type"]]
    start = wb["teams"]["H2"]  # start_date
    assert start.value == dt.datetime(2023, 3, 1) and start.number_format == date
    assert wb["indicator_values"]["C2"].number_format == month


def test_the_guide_has_a_paragraph_per_table(book):
    lang, path = book
    texts = [c.value for c in openpyxl.load_workbook(path)[GUIDE[lang]]["A"] if c.value]
    for name, schema in TABLES.items():
        assert schema["description"] in texts
        assert any(text.startswith(f"{name} — {schema['title']} (") for text in texts)
    check = {
        "fr": "Vérifiez le classeur avec « impact validate modele.xlsx », puis produisez les "
        "rapports avec « impact run modele.xlsx --out rapports ».",
        "en": "Check the workbook with 'impact validate modele.xlsx', then build the reports "
        "with 'impact run modele.xlsx --out reports'.",
    }
    assert check[lang] in texts
    # which moment carries which kind of item, and what an unpaired quiz means
    training = {
        "fr": ("le quiz (quiz, la réponse choisie) « avant » et « après » — un participant sans "
               "l'un des deux ne compte que dans les analyses non appariées"),
        "en": ("the quiz (quiz, the answer chosen) 'avant' and 'après' — a participant without "
               "one of the two counts only in the unpaired analyses"),
    }  # fmt: skip
    assert sum(training[lang] in text for text in texts) == 1


def test_optional_tables_left_empty_are_only_warned_about(book, tmp_path):
    """A user with no survey nor steering data clears those sheets' example rows."""
    lang, path = book
    wb = openpyxl.load_workbook(path)
    optional = ("barometer_responses", "prem_responses", "prom_responses",
                "questionnaire_responses", "roadmap", "partnership_activity",
                "programme_support", "training_sessions", "training_participants",
                "training_answers")  # fmt: skip
    for name in optional:
        wb[name].delete_rows(2, wb[name].max_row)
    wb.save(tmp_path / "cleared.xlsx")
    programme, problems = read_programme(tmp_path / "cleared.xlsx", lang="fr")
    assert programme is not None, problems.to_string()
    assert list(problems["rule"]) == ["no-rows"] * 10
    assert sorted(problems["table"]) == sorted(optional)
    assert set(problems["message"]) == {"aucune donnée : le fichier n'a que la ligne d'en-tête"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_command_writes_the_template(lang, tmp_path):
    out = tmp_path / "sub" / "modele.xlsx"
    result = CliRunner().invoke(cli, ["template", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    said = {
        "fr": f"Modèle de collecte écrit : {out} (23 tables et le mode d'emploi)\n",
        "en": f"Collection template written: {out} (23 tables and the instructions)\n",
    }
    assert result.output == said[lang]
    assert openpyxl.load_workbook(out).sheetnames[0] == GUIDE[lang]
    programme, _ = read_programme(out, lang=lang)
    assert programme is not None


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_command_never_replaces_a_file_and_wants_xlsx(lang, tmp_path):
    out = tmp_path / "modele.xlsx"
    out.write_text("mes données")
    again = CliRunner().invoke(cli, ["template", str(out), "--lang", lang])
    csv_out = CliRunner().invoke(cli, ["template", str(tmp_path / "modele.csv"), "--lang", lang])
    assert again.exit_code == 2 and csv_out.exit_code == 2
    assert out.read_text() == "mes données"
    assert not (tmp_path / "modele.csv").exists()
    if lang == "fr":
        assert again.output == (
            f"{out} existe déjà : le modèle ne remplace jamais un fichier ; donnez un autre "
            "nom ou supprimez d'abord ce fichier\n"
        )
        assert csv_out.output == (
            f"{tmp_path / 'modele.csv'} : le modèle est un classeur Excel ; donnez un nom de "
            "fichier en .xlsx\n"
        )
    else:
        assert again.output.startswith(f"{out} already exists: the template never replaces")
        assert csv_out.output.endswith("give a file name ending in .xlsx\n")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_command_help_is_in_the_language_asked(lang):
    result = CliRunner().invoke(cli, ["template", "--help", "--lang", lang])
    assert result.exit_code == 0
    first = {"fr": "Écrire un modèle de collecte", "en": "Write a collection template"}
    assert first[lang] in result.output
