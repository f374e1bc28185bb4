"""No generated output shows a group of fewer than ``min_cell`` people, directly or by
difference.

The scan runs a demo report set with ``--min-cell 12`` (high enough that some barometer
role groups are hidden and others shown) and reads every output: the visible text of
every HTML page (every "n = k", "(n = k)" and "k respondents / questionnaires …") and
every results CSV (every column that counts people, and the counts written in texts).
Counts that are not people (months, time points, units, teams, hospitals, items) are
listed explicitly below. A last check parses the team reports' tables: where a role
group is hidden, the total beside it must not give it back.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import impact
from impact.barometer.reliability import reliability
from impact.report.barometer import barometer_section
from impact.report.indicator_tables import indicator_table_html
from impact.report.privacy import (
    complementary_cells,
    mask_small_counts,
    suppress_results,
)
from report_set import MIN_CELL, visible_text

#: Columns of the results CSVs that count people (respondents, patients, questionnaires,
#: people with an event or a top-box answer).
PERSON_COUNT_COLUMNS = {
    "n", "n_before", "n_after", "n_respondents", "n_professionals", "n_patients",
    "n_paired", "n_only_before", "n_only_after", "n_group_before", "n_group_after",
    "n_top", "events", "n_dropped", "n_pro", "n_pat", "n_people", "n_patients_before",
    "n_patients_after", "n_respondents_before", "n_respondents_after",
}  # fmt: skip
#: Count columns that are not people, shown whatever their size.
NON_PERSON_COUNT_COLUMNS = {
    "months_before", "months_after", "n_months", "n_periods", "n_points", "n_controls",
    "n_treated", "n_control", "n_clusters", "n_units", "n_teams", "n_hospitals", "n_ghu",
    "k", "k_teams", "n_items", "n_joint", "df", "hac_lags", "event_time", "n_subgroups",
    "n_studies", "n_waves", "n_groups", "n_treated_units", "n_control_units",
}  # fmt: skip
#: Measures whose n / n_before / n_after count time points (ITS) or units (DiD), not people.
TIME_OR_UNIT_MEASURES = {
    "level change", "slope change", "relative change at end", "difference-in-differences",
    "TWFE", "ATT (Callaway-Sant'Anna)", "ATT by event time (Callaway-Sant'Anna)",
}  # fmt: skip
_COUNT_LIKE = re.compile(r"^(?:n|k|events)$|^n_|_n$|^count|_count$")

_NUMBER = r"(?<![\w.,:/\-\u202f\u00a0])(\d[\d\u202f\u00a0]*)"
#: "n = 12", "(n = 12)", "n before = 4", "n_pro = 3"
_N_EQUALS = re.compile(r"\bn(?:[ _][a-zé]+)?\s*=\s*" + _NUMBER, re.I)
#: "27 réponses complètes", "8 questionnaires", "5 respondents" (not "moins de 30 …")
_N_WORDS = re.compile(
    _NUMBER + r"[ \u00a0\u202f]+(répondants?|questionnaires?|réponses(?: complètes)?|"
    r"personnes?|patients?|paires?|auto-évaluations?|respondents?|complete answers?|answers?|"
    r"people|pairs?|"
    r"self-ratings?)\b",
    re.I,
)
_THRESHOLD_WORDS = (
    "moins de",
    "fewer than",
    "au moins",
    "at least",
    "plus de",
    "more than",
    "seuil",
    "threshold",
    "sous",
    "under",
    "≥",
    "<",
    "sur",
    "out of",
)


def _number(text: str) -> int:
    return int(re.sub(r"[\s\u202f\u00a0]", "", text))


def small_counts_in_text(text: str, min_cell: int) -> list[str]:
    """Every count of people under ``min_cell`` written in a text, with its context."""
    leaks = []
    for pattern in (_N_EQUALS, _N_WORDS):
        for match in pattern.finditer(text):
            k = _number(match.group(1))
            before = text[max(0, match.start() - 14) : match.start()].lower()
            if pattern is _N_WORDS and any(before.rstrip().endswith(w) for w in _THRESHOLD_WORDS):
                continue  # a threshold ("fewer than 30 questionnaires"), not a count
            if 0 < k < min_cell:
                leaks.append(text[max(0, match.start() - 60) : match.end() + 20].replace("\n", " "))
    return leaks


@pytest.fixture(scope="module")
def reports(french):
    """The shared French demo report set (conftest.py: built once per session)."""
    return french


def test_the_report_set_triggers_suppression(reports):
    """The scan is not vacuous: some groups are hidden, others shown."""
    text = visible_text(reports.team_html(reports.teams[0]).read_text(encoding="utf-8"))
    assert f"< {MIN_CELL}" in text
    assert re.search(r"\(n = \d+\)", text)
    assert "Début de l'intervention" in text  # the text drawn in the figures is scanned too


def test_no_html_page_shows_a_group_under_min_cell(reports):
    leaks = {}
    for path in reports.html_files():
        text = visible_text(path.read_text(encoding="utf-8"))
        found = small_counts_in_text(text, MIN_CELL)
        if found:
            leaks[str(path.relative_to(reports.out))] = found
    assert leaks == {}


def test_no_results_csv_shows_a_group_under_min_cell(reports):
    csvs = reports.results_csvs()
    if not csvs:
        pytest.skip("the runner wrote no results/*.csv yet")
    leaks, unknown = [], []
    for path in csvs:
        table = pd.read_csv(path)
        timeish = (
            table["measure"].isin(TIME_OR_UNIT_MEASURES)
            if "measure" in table
            else pd.Series(False, index=table.index)
        )
        for col in table.columns:
            if col in PERSON_COUNT_COLUMNS:
                values = pd.to_numeric(table[col], errors="coerce")
                rows = ~timeish if col in ("n", "n_before", "n_after") else values.notna()
                small = rows & (values > 0) & (values < MIN_CELL)
                leaks += [
                    f"{path.name}:{i + 2} {col} = {values[i]:g}" for i in np.flatnonzero(small)
                ]
            elif col in NON_PERSON_COUNT_COLUMNS:
                continue
            elif _COUNT_LIKE.search(col):
                unknown.append(f"{path.name}: {col}")
            elif table[col].dtype == object:
                for i, value in table[col].items():
                    if isinstance(value, str):
                        leaks += [
                            f"{path.name}:{i + 2} {col}: {hit}"
                            for hit in small_counts_in_text(value, MIN_CELL)
                        ]
    assert unknown == [], "count columns to classify as people or not (see the lists above)"
    assert leaks == []


# -- secondary suppression: a total beside its parts must not give a hidden part back ----
class _Tables(HTMLParser):
    """The cells' text of every <table> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables_of(page: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def recomputable_groups(page: str, min_cell: int, mark: str) -> list[str]:
    """Dimensions whose reliability ``n`` minus the role groups shown gives back hidden
    groups (a single one, or several adding up to fewer than ``min_cell``)."""
    tables = tables_of(page)
    scores = next((t for t in tables if len(t[0]) > 2 and re.search(r"\bT\d\b", t[0][1])), None)
    alpha = next((t for t in tables if "α" in t[0]), None)
    if scores is None or alpha is None:
        return []
    by_dimension = {row[0]: row[1:] for row in scores[1:]}
    n_col = alpha[0].index("n")
    found = []
    for row in alpha[1:]:
        cells = by_dimension.get(row[0], [])
        hidden = [c for c in cells if c == mark]
        if not hidden or not re.fullmatch(r"[\d\u202f\u00a0]+", row[n_col]):
            continue
        shown = [_number(m) for c in cells for m in re.findall(r"\(n = ([\d\u202f]+)\)", c)]
        rest = _number(row[n_col]) - sum(shown)
        if rest <= 0:  # nobody outside the groups shown (all-roles from visible groups)
            continue
        if len(hidden) == 1 or rest < min_cell:
            found.append(f"{row[0]}: n = {row[n_col]}, shown {shown}, {len(hidden)} hidden")
    return found


def test_team_reports_do_not_give_hidden_groups_back(reports):
    for team in reports.teams:
        page = reports.team_html(team).read_text(encoding="utf-8")
        assert recomputable_groups(page, MIN_CELL, f"< {MIN_CELL}") == [], team


def test_barometer_section_hides_a_total_that_would_give_a_group_back():
    # seed 1, T01: professionals 8 (T0) and 12 (T1), patient side 4 and 7; at min_cell 5
    # only the patient side at T0 is hidden, and the reliability n (all self-assessments)
    # minus the groups shown would give it back
    programme = impact.demo_programme(n_teams=3, n_comparison=5, seed=1)
    page = "\n".join(barometer_section(programme, "T01", lang="fr", min_cell=5))
    assert "&lt; 5" in page
    assert recomputable_groups(page, 5, "< 5") == []
    # the all-roles reliability leaves the hidden group out (report.privacy, rule 2):
    # its n counts the complete answers of the groups shown only, and the page says so
    alpha = next(t for t in tables_of(page) if "α" in t[0])
    n_col = alpha[0].index("n")
    responses = programme.barometer_responses
    visible = responses.loc[
        (responses["team_id"] == "T01")
        & ~((responses["role"] != "professionnel") & (responses["wave"] == "T0"))
    ]
    expected = reliability(visible, programme.barometer_items)["n"].astype(int).astype(str)
    assert [row[n_col] for row in alpha[1:]] == expected.tolist()
    assert "1 laissés de côté" in page


# -- the privacy helpers ------------------------------------------------------------------


def test_complementary_cells_keeps_hiding_until_the_hidden_sum_is_safe():
    assert complementary_cells([25, 4, 31]).tolist() == [True, True, False]
    # 3 + 2 = 5 < 10 is still a small group: a third part goes
    assert complementary_cells([3, 2, 40, 12]).tolist() == [True, True, False, True]
    assert complementary_cells([4, 6, 30]).tolist() == [True, True, False]
    assert complementary_cells([0, 30, 40]).tolist() == [False, False, False]
    assert complementary_cells([30, 40], hidden=[True, False]).tolist() == [True, True]


def test_results_tables_are_suppressed_and_their_reason_codes_kept():
    table = pd.DataFrame({
        "measure": ["mean difference", "mean difference", "level change"],
        "n_before": [4, 30, 6], "n_after": [20, 31, 40], "estimate": [1.0, 2.0, 3.0],
        "reason": ["small_sample", "", "too_few_points"],
    })  # fmt: skip
    out = suppress_results(table, min_cell=10)
    assert out["suppressed"].tolist() == [True, False, False]  # months are not people
    assert np.isnan(out.loc[0, "estimate"]) and out.loc[2, "estimate"] == 3.0
    assert out["reason"].tolist() == ["small_sample", "", "too_few_points"]  # codes, no count


def test_small_counts_in_an_error_message_are_masked():
    # a failed family's exception message is shown in the team summary
    assert (
        mask_small_counts("fewer than 2 values (n before = 4, n after = 31)")
        == "fewer than 2 values (n before = < 10, n after = 31)"
    )
    assert mask_small_counts("only 8 pairs among 45 respondents") == (
        "only < 10 pairs among 45 respondents"
    )
    assert small_counts_in_text(mask_small_counts("3 respondents (n = 2)"), 10) == []


def test_the_scan_finds_small_counts_and_ignores_thresholds():
    text = (
        "Score global 2,11 (n = 12) ; côté patients (n = 5) ; seulement 8 réponses "
        "complètes ; moins de 30 questionnaires ; fewer than 2 respondents"
    )
    assert len(small_counts_in_text(text, 10)) == 2
    assert small_counts_in_text("(n = 1\u202f234) ; 45 patients", 10) == []


def test_indicator_rows_from_small_counts_show_the_mark():
    # complaints: 10 events before and 11 after → a rate from fewer than 12 people
    effects = pd.DataFrame({
        "team_id": ["T01"] * 2, "indicator": ["plaintes", "dms"],
        "measure": ["rate ratio", "mean difference"], "estimate": [1.05, -0.49],
        "ci_low": [0.4, -0.78], "ci_high": [2.75, -0.2], "se": [0.4, 0.15],
        "scale": ["log", "identity"], "p_value": [1.0, 0.001],
        "n_before": pd.array([10, 1381], dtype="Int64"),
        "n_after": pd.array([11, 1453], dtype="Int64"), "kind": ["rate", "mean"],
        "value_before": [7.24, 8.79], "value_after": [7.57, 8.30], "q_value": [1.0, 0.005],
        "verdict": ["inconclusive", "improved"],
    })  # fmt: skip
    catalogue = impact.demo_programme(n_teams=1, n_comparison=0, seed=1).indicators
    page = indicator_table_html(
        suppress_results(effects, min_cell=12), catalogue, lang="fr", min_cell=12
    )
    rows = tables_of(page)[0][1:]
    assert rows[0][2:7] == ["< 12"] * 5 and rows[0][7] == "–"
    assert rows[1][2] == "8,8" and rows[1][7] == "amélioration"
    # without suppression upstream, min_cell alone hides the row too
    page = indicator_table_html(effects, catalogue, lang="fr", min_cell=12)
    assert tables_of(page)[0][1][2] == "< 12"
