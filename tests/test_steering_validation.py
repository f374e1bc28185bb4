"""Issue 14, "bad input": the steering tables' cross-table rules (roadmap, partnership
activity, programme support, questionnaires), each with its exact French message.

The programme broken here is ``valid_dir`` (``conftest.py``: T01 starts 2023-03-01 at
Hôpital Nord, T02 2023-04-01 at Hôpital Sud, C01 is the comparison unit at Hôpital Est)
with the four steering tables below added. Rows follow spreadsheet numbering (header = 1).
Expected messages are written here by hand from the rules of the brief; catalogue values
(labels, ranges, scales) are read from ``data_schemas/catalogues`` by eye.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import write_table
from impact import DataValidationError, load_programme
from impact.cli import cli
from impact.data.loading import programme_summary, read_programme
from impact.data.messages import COLUMN_TITLES_EN, column_title
from impact.data.problems import group_problems
from impact.data.schemas import table_specs

ROADMAP_HEADER = [
    "line", "team_id", "hospital", "axis", "objective", "action", "owner_role", "governance",
    "indicator", "start_date", "baseline", "target_year1", "target_year2", "target_year3",
    "deadline", "certification",
]  # fmt: skip
_AXIS = ["Intégrer les patients partenaires", "Co-construire la sortie", "Lettre de liaison"]
#: Row 2: T01 follows info_sortie (a %, plausible 0–100); row 3: Hôpital Sud (T02's) follows
#: the participation rate; row 4: T02's action without indicator; row 5: T01 follows a QVT
#: dimension; row 6: T01 a barometer dimension.
ROADMAP_ROWS = [
    ["R01", "T01", "", *_AXIS, "cadre de santé", "COPIL", "info_sortie", "2023-03-01", "60",
     "70", "75", "80", "2026-02-28", ""],
    ["R02", "", "Hôpital Sud", *_AXIS, "direction qualité", "CDU", "activite.taux_participation",
     "2023-04-01", "", "50", "60", "70", "", ""],
    ["R03", "T02", "", *_AXIS, "patient partenaire", "", "", "2023-04-01", "", "", "", "",
     "", ""],
    ["R04", "T01", "", *_AXIS, "", "", "qvt.reconnaissance", "2023-03-01", "", "3.5", "", "4",
     "", ""],
    ["R05", "T01", "", *_AXIS, "", "", "barometre.co_expression", "2023-03-01", "", "", "3",
     "", "", ""],
]  # fmt: skip
ACTIVITY_HEADER = [
    "team_id", "month", "partner", "role", "mode", "paid", "meetings_held",
    "meetings_attended", "hours",
]  # fmt: skip
#: Rows 2–3: T01's two partners in March 2023 (2 meetings held); row 4: T01 April; row 5: T02.
ACTIVITY_ROWS = [
    ["T01", "2023-03", "PP1", "patient", "parcours", "non", "2", "2", "4.5"],
    ["T01", "2023-03", "PP2", "proche-aidant", "parcours", "oui", "2", "1", "2"],
    ["T01", "2023-04", "PP1", "patient", "CREX", "non", "1", "1", "1.5"],
    ["T02", "2023-04", "PP3", "représentant des usagers", "", "", "3", "3", ""],
]
SUPPORT_HEADER = ["team_id", "month", "kind", "sessions", "hours"]
SUPPORT_ROWS = [
    ["T01", "2023-03", "formation-action", "1", "7"],
    ["T02", "2023-05", "accompagnement", "2", "3"],
]
QUESTIONNAIRE_HEADER = [
    "team_id", "questionnaire", "wave", "respondent", "role", "assessment", "item", "score",
]  # fmt: skip
#: Row 2: a professional of T01 (QVT, scale 1–5); row 3: a patient partner of T01; row 4:
#: T02's joint assessment (no role).
QUESTIONNAIRE_ROWS = [
    ["T01", "qvt", "T0", "R01", "professionnel", "auto", "QVT_SE1", "4"],
    ["T01", "experience_pp", "T1", "PP1", "patient", "auto", "EPP_SA1", "5"],
    ["T02", "qvt", "T0", "EQUIPE", "", "conjointe", "QVT_RC1", "3"],
]
STEERING = {
    "roadmap": (ROADMAP_HEADER, ROADMAP_ROWS),
    "partnership_activity": (ACTIVITY_HEADER, ACTIVITY_ROWS),
    "programme_support": (SUPPORT_HEADER, SUPPORT_ROWS),
    "questionnaire_responses": (QUESTIONNAIRE_HEADER, QUESTIONNAIRE_ROWS),
}


@pytest.fixture
def steering_dir(valid_dir: Path) -> Path:
    """The valid programme with valid steering tables."""
    for name, (header, rows) in STEERING.items():
        write_table(valid_dir / f"{name}.csv", header, [list(r) for r in rows])
    return valid_dir


def edit(folder: Path, table: str, row: int, column: str, text: str) -> None:
    """Set one cell of a steering table (``row`` in spreadsheet numbering)."""
    header, rows = STEERING[table]
    current = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    current.iloc[row - 2, header.index(column)] = text
    write_table(folder / f"{table}.csv", header, current.to_numpy().tolist())


def append(folder: Path, table: str, *new: list[str]) -> None:
    header, _ = STEERING[table]
    current = pd.read_csv(folder / f"{table}.csv", dtype=str, keep_default_na=False)
    write_table(folder / f"{table}.csv", header, current.to_numpy().tolist() + list(new))


def problems_of(folder: Path, lang: str = "fr") -> pd.DataFrame:
    with pytest.raises(DataValidationError) as info:
        load_programme(folder, lang=lang)
    return info.value.problems


def warnings_of(folder: Path) -> pd.DataFrame:
    programme, problems = read_programme(folder)
    assert programme is not None, problems.to_string()
    return problems


def only(problems: pd.DataFrame, rule: str) -> pd.Series:
    hits = problems[problems["rule"] == rule]
    assert len(hits) == 1, problems[["rule", "row", "message"]].to_string()
    return hits.iloc[0]


def where(p: pd.Series) -> tuple:
    return p["severity"], p["table"], p["row"], p["column"], p["value"]


# --- the valid steering tables --------------------------------------------------------------


def test_valid_steering_tables_load_without_any_problem(steering_dir):
    programme, problems = read_programme(steering_dir)
    assert programme is not None and len(problems) == 0, problems.to_string()
    assert list(programme.roadmap["line"]) == ["R01", "R02", "R03", "R04", "R05"]
    assert len(programme.partnership_activity) == 4
    assert list(programme.questionnaire_responses["score"]) == [4, 5, 3]


# --- roadmap --------------------------------------------------------------------------------


def test_a_line_for_neither_a_team_nor_a_hospital(steering_dir):
    edit(steering_dir, "roadmap", 4, "team_id", "")
    p = only(problems_of(steering_dir), "roadmap-no-scope")
    assert where(p) == ("error", "roadmap", 4, "team_id", "")
    assert p["message"] == (
        "ligne sans équipe ni établissement — remplir team_id pour une action d'équipe, ou "
        "hospital pour une action de tout l'établissement"
    )


def test_a_line_for_both_a_team_and_a_hospital(steering_dir):
    edit(steering_dir, "roadmap", 2, "hospital", "Hôpital Nord")
    p = only(problems_of(steering_dir), "roadmap-both-scopes")
    assert where(p) == ("error", "roadmap", 2, "hospital", "Hôpital Nord")
    assert p["message"] == (
        "ligne à la fois d'équipe (T01) et d'établissement (« Hôpital Nord ») — vider hospital "
        "pour une action de l'équipe, ou team_id pour une action de tout l'établissement"
    )


def test_a_hospital_typo_names_the_closest_hospital(steering_dir):
    edit(steering_dir, "roadmap", 3, "hospital", "Hopital sud")
    p = only(problems_of(steering_dir), "roadmap-hospital")
    assert where(p) == ("error", "roadmap", 3, "hospital", "Hopital sud")
    assert p["message"] == (
        "« Hopital sud » n'est l'établissement d'aucune équipe du programme — vouliez-vous "
        "dire « Hôpital Sud » ?"
    )


def test_a_comparison_units_hospital_lists_the_programme_hospitals(steering_dir):
    # Hôpital Est holds only the comparison unit C01: no programme team to steer there.
    # « Hôpital Sud » is not offered as a typo (4 letters differ), only listed first: the
    # programme's hospitals come closest first
    edit(steering_dir, "roadmap", 3, "hospital", "Hôpital Est")
    p = only(problems_of(steering_dir), "roadmap-hospital")
    assert p["message"] == (
        "« Hôpital Est » n'est l'établissement d'aucune équipe du programme — écrire "
        "l'établissement comme dans la table teams (Hôpital Sud, Hôpital Nord)"
    )


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("info_sortei", "info_sortie"), ("barometre.co_expresion", "barometre.co_expression"),
     ("qvt.reconaissance", "qvt.reconnaissance"), ("activite.retension", "activite.retention")],
)  # fmt: skip
def test_an_indicator_typo_names_the_closest_known_code(steering_dir, typed, meant):
    edit(steering_dir, "roadmap", 2, "indicator", typed)
    p = only(problems_of(steering_dir), "roadmap-indicator")
    assert where(p) == ("error", "roadmap", 2, "indicator", typed)
    assert (
        p["message"]
        == f"« {typed} » n'est pas un indicateur connu — vouliez-vous dire « {meant} » ?"
    )


def test_an_unknown_indicator_says_which_codes_are_known(steering_dir):
    edit(steering_dir, "roadmap", 2, "indicator", "satisfaction_globale")
    p = only(problems_of(steering_dir), "roadmap-indicator")
    assert p["message"] == (
        "« satisfaction_globale » n'est pas un indicateur connu — écrire un code du catalogue "
        "des indicateurs, barometre.global, barometre.<dimension>, <questionnaire>.global, "
        "<questionnaire>.<dimension> ou activite.partenaires, activite.taux_participation, "
        "activite.heures_par_partenaire, activite.retention"
    )


def test_an_indicator_of_a_questionnaire_of_ones_own_catalogue_is_known(steering_dir):
    # a questionnaire the user adds to the catalogue gives its own codes
    catalogue = Path(__file__).resolve().parents[1] / "data_schemas" / "catalogues"
    own = pd.read_csv(catalogue / "questionnaire_items.csv", dtype=str, keep_default_na=False)
    extra = own.iloc[[0]].assign(questionnaire="climat", item="CL1", dimension="ecoute")
    pd.concat([own, extra]).to_csv(steering_dir / "questionnaire_items.csv", index=False)
    edit(steering_dir, "roadmap", 2, "indicator", "climat.ecoute")
    assert len(warnings_of(steering_dir)) == 0


def test_a_malformed_indicator_is_only_a_pattern_error(steering_dir):
    edit(steering_dir, "roadmap", 2, "indicator", "info sortie")
    problems = problems_of(steering_dir)
    assert list(problems["rule"]) == ["pattern"]


def test_a_deadline_before_the_start(steering_dir):
    edit(steering_dir, "roadmap", 2, "deadline", "01/01/2023")
    p = only(problems_of(steering_dir), "roadmap-deadline")
    assert where(p) == ("error", "roadmap", 2, "deadline", "01/01/2023")
    assert p["message"] == (
        "échéance 01/01/2023 avant le début de la feuille de route (2023-03-01) — corriger "
        "l'échéance ou la date de début"
    )


@pytest.mark.parametrize("column", ["baseline", "target_year2"])
def test_a_target_or_baseline_without_indicator(steering_dir, column):
    edit(steering_dir, "roadmap", 4, column, "50")
    p = only(problems_of(steering_dir), "roadmap-target-without-indicator")
    assert where(p) == ("error", "roadmap", 4, "indicator", "")
    assert p["message"] == (
        "cible ou valeur de départ sans indicateur de suivi — écrire le code de l'indicateur "
        "dans indicator, ou vider les cibles et la valeur de départ"
    )


def test_an_indicator_without_any_target_is_a_warning(steering_dir):
    for column in ("target_year1", "target_year3"):
        edit(steering_dir, "roadmap", 5, column, "")
    p = only(warnings_of(steering_dir), "roadmap-no-target")
    assert where(p) == ("warning", "roadmap", 5, "indicator", "qvt.reconnaissance")
    assert p["message"] == (
        "aucune cible pour qvt.reconnaissance : le statut ne pourra pas être calculé — écrire "
        "la cible d'au moins une année (target_year1, target_year2 ou target_year3)"
    )


def test_a_target_that_is_not_a_number_is_not_also_a_missing_target(steering_dir):
    edit(steering_dir, "roadmap", 6, "target_year2", "3 points")
    problems = problems_of(steering_dir)
    assert list(problems["rule"]) == ["type"]


def test_a_target_outside_the_plausible_range_is_a_warning(steering_dir):
    edit(steering_dir, "roadmap", 2, "target_year3", "180")
    p = only(warnings_of(steering_dir), "roadmap-implausible")
    assert where(p) == ("warning", "roadmap", 2, "target_year3", "180")
    assert p["message"] == (
        "Part des patients informés à la sortie (lettre de liaison remise) : 180 hors de la "
        "plage plausible 0–100 % — vérifier la saisie ; cibles et valeur de départ s'écrivent "
        "dans l'unité de l'indicateur"
    )


def test_lines_without_target_are_one_group_per_code(steering_dir):
    for row in (2, 5):
        for column in ("target_year1", "target_year2", "target_year3"):
            edit(steering_dir, "roadmap", row, column, "")
    edit(steering_dir, "roadmap", 5, "indicator", "info_sortie")
    lines = group_problems(warnings_of(steering_dir))
    assert list(zip(lines["rule"], lines["n"], lines["rows"], strict=True)) == [
        ("roadmap-no-target", 2, "2, 5")
    ]


# --- partnership activity -------------------------------------------------------------------


def test_an_activity_month_before_the_teams_start(steering_dir):
    append(steering_dir, "partnership_activity",
           ["T01", "02/2023", "PP1", "patient", "", "", "1", "1", ""])  # fmt: skip
    p = only(problems_of(steering_dir), "activity-month")
    assert where(p) == ("error", "partnership_activity", 6, "month", "02/2023")
    assert p["message"] == (
        "mois d'activité 02/2023 hors des dates de l'équipe T01 (début 2023-03, fin —) — "
        "corriger le mois, ou les dates de l'équipe dans teams"
    )


def test_an_activity_month_after_the_teams_end(steering_dir):
    teams = pd.read_csv(steering_dir / "teams.csv", dtype=str, keep_default_na=False)
    teams.loc[0, "end_date"] = "2023-03-31"  # T01 ends in March: its April row is after
    teams.to_csv(steering_dir / "teams.csv", index=False)
    p = only(problems_of(steering_dir), "activity-month")
    assert where(p) == ("error", "partnership_activity", 4, "month", "2023-04")
    assert p["message"] == (
        "mois d'activité 2023-04 hors des dates de l'équipe T01 (début 2023-03, fin 2023-03) — "
        "corriger le mois, ou les dates de l'équipe dans teams"
    )


def test_activity_of_a_comparison_unit_is_an_error_not_a_warning(steering_dir):
    append(steering_dir, "partnership_activity",
           ["C01", "2023-03", "PPX", "patient", "", "", "1", "1", ""],
           ["C01", "2023-04", "PPX", "patient", "", "", "1", "0", ""])  # fmt: skip
    problems = problems_of(steering_dir)
    assert set(problems["rule"]) == {"activity-comparison"}
    lines = group_problems(problems)
    assert list(zip(lines["n"], lines["rows"], strict=True)) == [(2, "6, 7")]
    assert lines.iloc[0]["message"] == (
        "l'unité de comparaison C01 a des lignes d'activité de partenariat, alors qu'elle n'a "
        "pas de patients partenaires — mettre comparison = non si c'est une équipe du "
        "programme, sinon retirer ces lignes"
    )


def test_more_meetings_attended_than_held(steering_dir):
    edit(steering_dir, "partnership_activity", 4, "meetings_attended", "2")
    p = only(problems_of(steering_dir), "activity-attended")
    assert where(p) == ("error", "partnership_activity", 4, "meetings_attended", "2")
    assert p["message"] == (
        "2 réunions suivies pour 1 tenues : un partenaire ne peut en suivre plus que l'équipe "
        "n'en a tenu — corriger meetings_attended ou meetings_held"
    )


def test_meetings_held_differing_in_a_team_month_is_one_grouped_warning(steering_dir):
    edit(steering_dir, "partnership_activity", 3, "meetings_held", "3")  # T01, March
    append(steering_dir, "partnership_activity",  # T02, April: 3 then 4
           ["T02", "2023-04", "PP4", "patient", "", "", "4", "1", ""])  # fmt: skip
    problems = warnings_of(steering_dir)
    assert set(problems["rule"]) == {"activity-meetings-differ"}
    assert list(problems["row"]) == [2, 3, 5, 6]
    result = CliRunner().invoke(cli, ["validate", str(steering_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert (
        "  AVERTISSEMENT [partnership_activity] partnership_activity.csv · meetings_held : "
        "réunions tenues différentes entre les partenaires d'une même équipe le même mois : "
        "4 lignes, 2, 3, 5, 6 — écrire le même nombre sur toutes les lignes de l'équipe et du "
        "mois (activity-meetings-differ)"
    ) in result.output.splitlines()


# --- programme support ----------------------------------------------------------------------


def test_support_for_a_comparison_unit_is_a_warning(steering_dir):
    append(steering_dir, "programme_support", ["C01", "2023-03", "formation-action", "1", ""])
    p = only(warnings_of(steering_dir), "comparison-answers")
    assert where(p) == ("warning", "programme_support", 4, "team_id", "C01")
    assert p["message"] == (
        "l'unité de comparaison C01 a des lignes dans « programme_support » : elles ne sont "
        "utilisées dans aucun rapport d'équipe (mettre comparison = non si c'est une équipe "
        "du programme)"
    )


# --- questionnaires -------------------------------------------------------------------------


def test_an_item_of_another_questionnaire(steering_dir):
    edit(steering_dir, "questionnaire_responses", 3, "questionnaire", "qvt")
    p = only(problems_of(steering_dir), "questionnaire-item")
    assert where(p) == ("error", "questionnaire_responses", 3, "questionnaire", "qvt")
    assert p["message"] == (
        "l'item EPP_SA1 est du questionnaire « experience_pp », pas « qvt » — écrire "
        "« experience_pp » dans questionnaire, ou corriger le code de l'item"
    )


def test_a_score_outside_the_items_scale_exits_2(steering_dir):
    edit(steering_dir, "questionnaire_responses", 2, "score", "6")  # QVT_SE1: 1–5
    p = only(problems_of(steering_dir), "questionnaire-scale")
    assert where(p) == ("error", "questionnaire_responses", 2, "score", "6")
    message = (
        "la note 6 sort de l'échelle 1–5 de l'item QVT_SE1 (scale_min–scale_max du catalogue "
        "questionnaire_items) — corriger la note, ou l'échelle dans questionnaire_items.csv"
    )
    assert p["message"] == message
    result = CliRunner().invoke(cli, ["validate", str(steering_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert result.output.splitlines()[1:] == [
        "  ERREUR [questionnaire_responses] questionnaire_responses.csv · ligne 2 · score : "
        f"{message} (questionnaire-scale)"
    ]


def test_a_self_assessment_needs_a_role(steering_dir):
    edit(steering_dir, "questionnaire_responses", 3, "role", "")
    p = only(problems_of(steering_dir), "role-required")
    assert where(p) == ("error", "questionnaire_responses", 3, "role", "")
    assert p["message"] == "rôle manquant : obligatoire pour une auto-évaluation"


# --- English, the summary -------------------------------------------------------------------


def test_every_column_title_has_an_english_title():
    titles = {f["title"] for spec in table_specs().values() for f in spec.fields}
    assert sorted(titles - set(COLUMN_TITLES_EN)) == []
    assert column_title("Échéance", "en") == "Deadline"


def test_messages_in_english(steering_dir):
    edit(steering_dir, "roadmap", 2, "indicator", "info_sortei")
    append(steering_dir, "partnership_activity",
           ["T02", "2023-01", "PP3", "patient", "", "", "1", "1", ""])  # fmt: skip
    problems = problems_of(steering_dir, "en").set_index("rule")["message"]
    assert problems["roadmap-indicator"] == (
        "'info_sortei' is not a known indicator — did you mean 'info_sortie'?"
    )
    assert problems["activity-month"] == (
        "activity month 2023-01 outside the dates of team T02 (start 2023-04, end —) — "
        "correct the month, or the team's dates in teams"
    )


def test_the_summary_names_a_missing_steering_table_only_beside_another(steering_dir):
    (steering_dir / "programme_support.csv").unlink()
    assert programme_summary(load_programme(steering_dir)) == (
        "2 équipes, 1 unités de comparaison ; aucun résultat rapporté par les patients (PROM) "
        "fourni ; aucun accompagnement par le programme fourni"
    )
    for name in ("roadmap", "partnership_activity"):
        (steering_dir / f"{name}.csv").unlink()
    assert programme_summary(load_programme(steering_dir)) == (
        "2 équipes, 1 unités de comparaison ; aucun résultat rapporté par les patients (PROM) "
        "fourni"
    )
