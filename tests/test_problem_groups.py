"""Issue 13, points 4 and 5: malformed values refused with a message that says what to do,
frequent spellings accepted with one grouped warning, problems grouped on screen, and
plausibility ranges of the indicator catalogue.

Rows follow spreadsheet numbering (header = 1); the programme broken here is ``valid_dir``
(``conftest.py``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from conftest import valid_tables, write_table
from impact import DataValidationError, load_programme
from impact.cli import cli
from impact.data.loading import read_programme
from impact.data.messages import MESSAGES
from impact.data.problems import ProblemLog, compact_rows, group_problems

CATALOGUES = Path(__file__).resolve().parents[1] / "data_schemas" / "catalogues"


def problems_of(path: Path, lang: str = "fr") -> pd.DataFrame:
    with pytest.raises(DataValidationError) as info:
        load_programme(path, lang=lang)
    return info.value.problems


def only(problems: pd.DataFrame, rule: str) -> pd.Series:
    hits = problems[problems["rule"] == rule]
    assert len(hits) == 1, problems.to_string()
    return hits.iloc[0]


def rewrite(folder: Path, table: str, edit) -> None:
    """Rewrite ``table`` from the valid tables after ``edit(header, rows)``."""
    header, rows = valid_tables()[table]
    header, rows = edit(header, rows) or (header, rows)
    write_table(folder / f"{table}.csv", header, rows)


def english_exists(rule: str) -> None:
    assert MESSAGES[f"rule.{rule}"]["en"] and MESSAGES[f"rule.{rule}"]["fr"]


# --- point 5: malformed values ------------------------------------------------------------


def test_duplicated_catalogue_row_is_a_duplicate_key_error(valid_dir):
    # crashed with pandas' InvalidIndexError before
    path = Path(shutil.copy(CATALOGUES / "indicators.csv", valid_dir / "indicators.csv"))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")  # dms again, row 9
    p = only(problems_of(valid_dir), "duplicate-key")
    assert (p["severity"], p["table"], p["file"], p["row"], p["column"], p["value"]) == (
        "error", "indicators", "indicators.csv", 9, "code", "dms",
    )  # fmt: skip
    assert p["message"] == "doublon : la clé code = dms apparaît déjà ligne 2"


PROM_HEADER = ["team_id", "period", "patient", "prom", "value"]


@pytest.mark.parametrize(("text", "low", "high"), [("14", 0, 10), ("-1", 0, 10)])
def test_prom_value_outside_its_scale(valid_dir, text, low, high):
    rows = [["T01", "avant", "X1", "douleur_nrs", "3"], ["T01", "après", "X1", "douleur_nrs", text]]
    write_table(valid_dir / "prom_responses.csv", PROM_HEADER, rows)
    p = only(problems_of(valid_dir), "prom-range")
    assert (p["table"], p["row"], p["column"], p["value"]) == ("prom_responses", 3, "value", text)
    assert p["message"] == (
        f"le score {text} sort de l'échelle {low}–{high} de la mesure douleur_nrs "
        "(scale_min–scale_max du catalogue proms) — corriger le score, ou l'échelle dans "
        "proms.csv"
    )
    english = only(problems_of(valid_dir, "en"), "prom-range")["message"]
    assert english.startswith(f"score {text} is outside the {low}–{high} scale of measure")


def test_duplicated_column_is_an_error(valid_dir):
    rewrite(valid_dir, "teams", lambda h, r: (h + ["hospital"], [x + ["Autre"] for x in r]))
    problems = problems_of(valid_dir)
    p = only(problems, "duplicate-column")
    assert (p["severity"], p["table"], p["row"], p["column"]) == ("error", "teams", 1, "hospital")
    assert p["message"] == (
        "colonne en double : « hospital » figure deux fois dans l'en-tête ; seule la "
        "première est lue — supprimer ou renommer l'autre"
    )
    assert "unknown-column" not in set(problems["rule"])  # not also « hospital.1 » unknown
    english_exists("duplicate-column")


@pytest.mark.parametrize("text", ["99999999999999999999", "inf", "1e400", "-1e30"])
def test_integer_overflow_is_refused(valid_dir, text):
    # accepted as -9 223 372 036 854 775 808 before
    def edit(header, rows):
        rows[0][header.index("n_patient_partners")] = text

    rewrite(valid_dir, "teams", edit)
    problems = problems_of(valid_dir)
    p = only(problems, "too-large-integer")
    assert (p["table"], p["row"], p["column"], p["value"]) == (
        "teams", 2, "n_patient_partners", text,
    )  # fmt: skip
    assert p["message"] == (
        f"« {text} » est trop grand pour un nombre entier dans « n_patient_partners » — "
        "vérifier la cellule"
    )
    assert len(problems) == 1  # not also a type or minimum problem
    english_exists("too-large-integer")


def test_count_column_overflow_is_refused(valid_dir):
    def edit(header, rows):
        rows[6][header.index("n")] = "1e400"  # row 8, a mean indicator's count

    rewrite(valid_dir, "indicator_values", edit)
    p = only(problems_of(valid_dir), "too-large-integer")
    assert (p["table"], p["row"], p["column"], p["value"]) == ("indicator_values", 8, "n", "1e400")


@pytest.mark.parametrize("text", ["inf", "1e400", "-Infinity"])
def test_infinite_number_is_refused(valid_dir, text):
    def edit(header, rows):
        rows[6][header.index("value")] = text  # row 8: T01 dms 2023-01

    rewrite(valid_dir, "indicator_values", edit)
    p = only(problems_of(valid_dir), "not-finite")
    assert (p["table"], p["row"], p["column"], p["value"]) == (
        "indicator_values", 8, "value", text,
    )  # fmt: skip
    assert p["message"] == (
        f"« {text} » n'est pas un nombre fini dans « value » — écrire la valeur, ou laisser "
        "la cellule vide si elle manque"
    )
    english_exists("not-finite")


def test_largest_exact_integer_is_accepted(valid_dir):
    def edit(header, rows):
        rows[0][header.index("n_patient_partners")] = str(2**53)

    rewrite(valid_dir, "teams", edit)
    programme, problems = read_programme(valid_dir)
    assert programme is not None, problems.to_string()
    assert programme.teams["n_patient_partners"].iloc[0] == 2**53


# --- point 4: problems grouped on screen ---------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "lang", "text"),
    [
        ([2, 5, 9, 10, 11, 12], "fr", "2, 5, 9 à 12"),
        ([2, 3, 9, 10, 11], "fr", "2, 3, 9 à 11"),  # two neighbours are not a range
        ([12, 10, 11, 10], "en", "10 to 12"),  # order and repeats do not matter
        (range(2, 8037), "fr", "2 à 8\u202f036"),
        (range(2, 8037), "en", "2 to 8,036"),
        ([2, 4, 6, 8, 10, 12, 14], "fr", "2, 4, 6, 8, 10 …"),  # five pieces at most
        ([7], "fr", "7"),
    ],
)
def test_compact_rows(rows, lang, text):
    assert compact_rows(rows, lang) == text


def enum_log(values_by_row: dict[int, str]) -> pd.DataFrame:
    log = ProblemLog("fr")
    log.add("enum", table="prem_responses", file="prem_responses.csv",
            rows=list(values_by_row), column="period", values=list(values_by_row.values()),
            allowed="avant, après", hint="")  # fmt: skip
    log.add("no-rows", table="barometer_responses", file="barometer_responses.csv",
            severity="warning")  # fmt: skip
    return log.frame()


def test_group_problems_counts_and_lists_rows():
    rows = {r: ("Pendant" if r % 2 else "Durant") for r in range(2, 12)}
    lines = group_problems(enum_log(rows))
    assert lines[["severity", "value", "n", "rows"]].iloc[:2].values.tolist() == [
        ["error", "Durant", 5, "2, 4, 6, 8, 10"],
        ["error", "Pendant", 5, "3, 5, 7, 9, 11"],
    ]
    whole_file = lines.iloc[2]
    assert (whole_file["severity"], whole_file["n"], whole_file["rows"]) == ("warning", 1, "")
    assert lines["message"].iloc[1] == (
        "« Pendant » n'est pas une valeur permise de « period » (permises : avant, après)"
    )


def test_group_problems_sums_up_beyond_three_values_per_cause():
    rows = {r: f"v{r % 5}" for r in range(2, 22)}  # five distinct values, four rows each
    lines = group_problems(enum_log(rows), "fr")
    assert lines["value"].iloc[:3].tolist() == ["v2", "v3", "v4"]
    last = lines.iloc[3]
    assert (last["rule"], last["n"], last["rows"]) == ("enum", 8, "5, 6, 10, 11, 15, 16, 20, 21")
    assert last["message"] == "et 2 autre(s) valeur(s) refusée(s) pour la même raison"
    assert pd.isna(last["value"])
    english = group_problems(enum_log(rows), "en").iloc[3]["message"]
    assert english == "and 2 other value(s) refused for the same reason"


def test_cli_prints_one_line_per_cause(valid_dir):
    def edit(header, rows):
        for r in rows:
            if r[1] == "avant":
                r[1] = "Pendant"  # 120 rows: 2 to 61, 122 to 181

    rewrite(valid_dir, "prem_responses", edit)
    result = CliRunner().invoke(cli, ["validate", str(valid_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("120 erreur(s) et 0 avertissement(s) dans ")
    assert lines[1:] == [
        "  ERREUR [prem_responses] prem_responses.csv · period : « Pendant » n'est pas une "
        "valeur permise de « period » (permises : avant, après) : 120 lignes, 2 à 61, 122 à "
        "181 (enum)"
    ]


def test_cli_keeps_the_hint_after_the_rows(valid_dir):
    def edit(header, rows):
        for r in rows[:3]:
            r[header.index("n_patient_partners")] = "inf"

    rewrite(valid_dir, "teams", edit)
    result = CliRunner().invoke(cli, ["validate", str(valid_dir), "--lang", "en"])
    assert (
        "  ERROR [teams] teams.csv · n_patient_partners : 'inf' is too large for a whole "
        "number in 'n_patient_partners': 3 rows, 2 to 4 — check the cell (too-large-integer)"
    ) in result.output.splitlines()


def test_problems_file_keeps_one_line_per_problem(valid_dir, tmp_path):
    def edit(header, rows):
        for r in rows:
            r[1] = r[1].replace("avant", "Pendant")

    rewrite(valid_dir, "prem_responses", edit)
    out = tmp_path / "problems.csv"
    CliRunner().invoke(cli, ["validate", str(valid_dir), "--problems", str(out)])
    written = pd.read_csv(out, dtype=str, sep=None, engine="python", encoding="utf-8-sig")
    assert len(written) == 120


# --- point 4: frequent spellings accepted, with one grouped warning -------------------------


def loaded(folder: Path):
    programme, problems = read_programme(folder)
    assert programme is not None, problems.to_string()
    return programme, problems


@pytest.mark.parametrize(
    ("typed", "meant"), [("Avant", "avant"), ("AVANT", "avant"), ("apres", "après"),
                         ("Après", "après")],
)  # fmt: skip
def test_case_and_accent_of_a_code_are_forgiven(valid_dir, typed, meant):
    def edit(header, rows):
        for r in rows:
            if r[1] == meant:
                r[1] = typed

    rewrite(valid_dir, "prem_responses", edit)
    programme, problems = loaded(valid_dir)
    assert set(programme.prem_responses["period"]) == {"avant", "après"}
    lines = group_problems(problems)
    assert len(lines) == 1, lines.to_string()
    line = lines.iloc[0]
    assert (line["severity"], line["rule"], line["column"], line["value"], line["n"]) == (
        "warning", "spelling", "period", typed, 120,
    )  # fmt: skip
    assert (
        line["message"] == f"« {typed} » lu comme « {meant} » dans « period » — écrire « {meant} »"
    )
    english_exists("spelling")


def test_a_code_that_is_not_a_respelling_is_still_refused(valid_dir):
    def edit(header, rows):
        rows[0][1] = "avnt"

    rewrite(valid_dir, "prem_responses", edit)
    p = only(problems_of(valid_dir), "enum")
    assert (p["row"], p["value"]) == (2, "avnt")


@pytest.mark.parametrize(
    ("typed", "where"),
    [("co-construction ", "suivi d'une espace"), (" co-construction", "précédé d'une espace"),
     (" co-construction ", "entouré d'espaces")],
)  # fmt: skip
def test_spaces_around_a_code_are_named(valid_dir, typed, where):
    def edit(header, rows):
        rows[0][header.index("participation_level")] = typed

    rewrite(valid_dir, "teams", edit)
    programme, problems = loaded(valid_dir)
    assert programme.teams["participation_level"].iloc[0] == "co-construction"
    p = only(problems, "spaces")
    assert (p["severity"], p["row"], p["column"], p["value"]) == (
        "warning", 2, "participation_level", typed,
    )  # fmt: skip
    assert p["message"] == (
        f"« co-construction » {where} dans « participation_level » : lu comme "
        "« co-construction » — supprimer l'espace"
    )
    english_exists("spaces")


def test_trailing_space_in_a_team_id_is_named(valid_dir):
    def edit(header, rows):
        rows[2][0] = "C01 "

    rewrite(valid_dir, "teams", edit)
    p = only(loaded(valid_dir)[1], "spaces")
    assert p["message"] == (
        "« C01 » suivi d'une espace dans « team_id » : lu comme « C01 » — supprimer l'espace"
    )


@pytest.mark.parametrize("token", ["NA", "N/A", "-", "ND", "NC", "na", " n/a "])
def test_no_value_words_in_an_optional_number_are_missing(valid_dir, token):
    def edit(header, rows):
        for r in rows[6:9]:  # rows 8 to 10: T01 dms, sd
            r[header.index("sd")] = token

    rewrite(valid_dir, "indicator_values", edit)
    programme, problems = loaded(valid_dir)
    assert programme.indicator_values["sd"].iloc[6:9].isna().all()
    assert programme.indicator_values["sd"].iloc[9] == 2.1
    lines = group_problems(problems)
    assert lines[["severity", "rule", "column", "n", "rows"]].values.tolist() == [
        ["warning", "read-as-missing", "sd", 3, "8 à 10"]
    ]
    assert lines["message"].iloc[0] == (
        f"« {token} » lu comme une valeur manquante dans « sd » — laisser la cellule vide"
    )
    english_exists("read-as-missing")


def test_no_value_word_in_a_required_number_is_an_error(valid_dir):
    def edit(header, rows):
        rows[0][header.index("n_patient_partners")] = "NA"
        rows[0][header.index("comparison")] = "NA"  # a boolean: still refused

    rewrite(valid_dir, "teams", edit)
    problems = problems_of(valid_dir)
    assert set(problems["rule"]) == {"type", "read-as-missing"}
    assert problems.loc[problems["rule"] == "type", "column"].tolist() == ["comparison"]


def test_no_value_word_where_a_value_is_needed_says_so(valid_dir):
    def edit(header, rows):
        rows[6][header.index("value")] = "ND"  # row 8: a mean indicator needs its value

    rewrite(valid_dir, "indicator_values", edit)
    problems = problems_of(valid_dir)
    assert only(problems, "kind-columns")["row"] == 8
    assert only(problems, "read-as-missing")["severity"] == "warning"


# --- point 5: plausibility ranges of the indicator catalogue --------------------------------


def test_default_catalogue_has_plausible_ranges():
    catalogue = pd.read_csv(CATALOGUES / "indicators.csv").set_index("code")
    assert catalogue.loc["delai_rdv", ["plausible_min", "plausible_max"]].tolist() == [0, 365]
    assert catalogue.loc["qvt", ["plausible_min", "plausible_max"]].tolist() == [0, 100]
    assert catalogue[["plausible_min", "plausible_max"]].notna().all().all()


def test_value_outside_plausible_range_is_one_warning_per_indicator(valid_dir):
    def edit(header, rows):
        for i in (6, 8, 9):  # rows 8, 10, 11: T01 dms
            rows[i][header.index("value")] = "-2" if i == 6 else "400"

    rewrite(valid_dir, "indicator_values", edit)
    programme, problems = loaded(valid_dir)
    lines = group_problems(problems)
    assert lines[["severity", "rule", "value", "n", "rows"]].values.tolist() == [
        ["warning", "implausible", "dms", 3, "8, 10, 11"]
    ]
    assert lines["message"].iloc[0] == (
        "Durée moyenne de séjour : valeur hors de la plage plausible 0–365 jours — vérifier "
        "la saisie et l'unité"
    )
    english = read_programme(valid_dir, lang="en")[1]["message"].iloc[0]
    assert english == (
        "Average length of stay: value outside the plausible range 0–365 days — check the "
        "entry and the unit"
    )


def test_proportion_given_for_a_score_is_named(valid_dir):
    header, rows = valid_tables()["indicator_values"]
    for k, team in enumerate(("T01", "T02", "C01")):
        for i, month in enumerate(["2023-01", "2023-02", "2023-03"]):
            score = 0.7 + 0.01 * i if team == "T02" else 70 + i + k
            rows.append([team, "qvt", month, str(score), "", "", "", ""])
    write_table(valid_dir / "indicator_values.csv", header, rows)  # T02 qvt: rows 41 to 43
    programme, problems = loaded(valid_dir)
    lines = group_problems(problems)
    assert lines[["rule", "value", "n", "rows"]].values.tolist() == [
        ["fraction-for-score", "qvt", 3, "41 à 43"]
    ]
    assert lines["message"].iloc[0] == (
        "Score de qualité de vie au travail de l'équipe (0–100) : toutes les valeurs de "
        "l'équipe T02 sont entre 0 et 1 alors que l'échelle va de 0 à 100 et que les autres "
        "équipes dépassent 1 — une proportion (0,78) au lieu d'un score (78) ? multiplier "
        "par 100"
    )
    english_exists("fraction-for-score")


def test_catalogue_without_plausible_columns_still_loads(valid_dir):
    catalogue = pd.read_csv(CATALOGUES / "indicators.csv", dtype=str, keep_default_na=False)
    catalogue.drop(columns=["plausible_min", "plausible_max"]).to_csv(
        valid_dir / "indicators.csv", index=False
    )
    programme, problems = loaded(valid_dir)
    assert len(problems) == 0, problems.to_string()


def test_a_typo_of_a_code_is_refused_with_the_code_to_write(valid_dir):
    # « avnt » is one letter from « avant » (RapidFuzz ratio 89): refused, the code named
    # after the rows; « pendant » is close to nothing: refused without a suggestion
    def edit(header, rows):
        rows[0][1], rows[1][1] = "avnt", "pendant"

    rewrite(valid_dir, "prem_responses", edit)
    result = CliRunner().invoke(cli, ["validate", str(valid_dir)], env={"COLUMNS": "200"})
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if "(enum)" in line]
    assert lines == [
        "  ERREUR [prem_responses] prem_responses.csv · ligne 2 · period : « avnt » n'est pas "
        "une valeur permise de « period » (permises : avant, après) — écrire « avant » (enum)",
        "  ERREUR [prem_responses] prem_responses.csv · ligne 3 · period : « pendant » n'est pas "
        "une valeur permise de « period » (permises : avant, après) (enum)",
    ]
