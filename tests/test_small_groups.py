"""Small groups collapse (issue 12, point 2): a group under the minimum count is said once, in
one sentence that names no count, instead of table rows of small-cell marks; the rows that
remain are exactly those the privacy pass left visible."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import impact
from impact.report.barometer import barometer_section
from impact.report.barometer_tables import team_barometer_tables
from impact.report.prem import prem_section
from impact.report.privacy import publishable

MISSING = "–"


class _Rows(HTMLParser):
    """The body rows of every ``<table>`` of a page: each cell as (text, is_numeric)."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[tuple[str, bool]]]] = []
        self._cell: list[str] | None = None
        self._num = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag == "td":
            self._cell, self._num = [], "num" in (dict(attrs).get("class") or "").split()

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None and self.tables:
            self.tables[-1][-1].append((" ".join("".join(self._cell).split()), self._num))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _tables(page: str) -> list[list[list[tuple[str, bool]]]]:
    parser = _Rows()
    parser.feed(page)
    return [[row for row in table if row] for table in parser.tables]


def marks_only(row: list[tuple[str, bool]], mark: str) -> bool:
    """A row made only of small-cell marks: its leading label cells, then nothing but the
    mark, ``–`` or empty cells (numbers and remarks alike)."""
    first = next((i for i, (_, num) in enumerate(row) if num), None)
    if first is None:
        return False
    return all(text in (mark, MISSING, "") for text, _ in row[first:])


def longest_mark_run(page: str, mark: str) -> int:
    """The longest run of consecutive table rows made only of small-cell marks."""
    longest = 0
    for table in _tables(page):
        run = 0
        for row in table:
            run = run + 1 if marks_only(row, mark) else 0
            longest = max(longest, run)
    return longest


def test_the_run_detector_finds_runs_of_marks():
    row = "<tr><td>{}</td><td class='num'>{}</td><td class='num'>{}</td><td>{}</td></tr>"
    marks = row.format("Co-décision", "&lt; 10", "&lt; 10", "")
    shown = row.format("Score global", "1,25", "&lt; 10", "")
    reason = row.format("Score global", MISSING, MISSING, "trop peu de réponses")
    page = f"<table>{marks * 2}{shown}{marks * 4}{reason}{marks}</table>"
    assert longest_mark_run(page, "< 10") == 4
    assert longest_mark_run(f"<table>{reason * 5}</table>", "< 10") == 0


def test_no_team_report_has_a_run_of_more_than_three_rows_of_marks(french):
    mark = f"< {french.min_cell}"
    for team in french.teams:
        page = french.team_html(team).read_text(encoding="utf-8")
        assert longest_mark_run(page, mark) <= 3, team


def test_sentences_about_small_groups_name_no_count(french, english):
    # "<what>: fewer than N …": after the label, no number but N and wave names
    for reports, words in ((french, " : moins de"), (english, ": fewer than")):
        said = 0
        for team in reports.teams:
            page = html.unescape(reports.team_html(team).read_text(encoding="utf-8"))
            for sentence in re.sub(r"<[^>]+>", "\n", page).split("\n"):
                if f"{words} {reports.min_cell} " not in sentence:
                    continue
                said += 1
                rest = sentence.split(words, 1)[1]
                rest = re.sub(rf"^ {reports.min_cell}\b|\bT\d+\b", "", rest)
                assert not re.search(r"\d", rest), sentence
        assert said  # the demo's patient side is hidden in every team report


def _section(programme, team, min_cell, lang="fr"):
    tables = publishable({"barometer": team_barometer_tables(programme, team, lang=lang)},
                         min_cell)["barometer"]  # fmt: skip
    page = "\n".join(barometer_section(programme, team, lang=lang, min_cell=min_cell))
    return tables, page


def test_a_hidden_role_group_is_said_once_and_the_rows_left_are_the_visible_ones():
    # seed 5, T01: the patient side has 3 to 8 respondents a wave, professionals 10 or more
    programme = impact.demo_programme(n_teams=4, seed=5)
    tables, page = _section(programme, "T01", 10)
    patients = tables["summary"]["role_group"] == "patient_side"
    assert tables["summary"].loc[patients, "suppressed"].all()
    sentence = (
        "Patients, proches et représentants des usagers : moins de 10 répondants à chaque "
        "vague ; résultats non affichés."
    )
    assert page.count(sentence) == 1
    assert "&lt; 10" not in page  # no mark left: the sentence says it
    # the change table holds exactly the rows the privacy pass left visible
    changes = tables["changes"]
    changes = changes.loc[(changes["measure"] == "mean change")
                          & changes["analysis"].isin(["all", "paired"])]  # fmt: skip
    visible = changes.loc[~changes["suppressed"]]
    # the change table: dimension, group, waves, then all respondents and paired (change,
    # interval, p) and the remark
    table = next(t for t in _tables(page) if len(t[0]) == 10 and "→" in t[0][2][0])
    # one row per dimension × group × pair with a visible analysis, all respondents beside
    # the paired change; a hidden analysis leaves its cells empty
    keys = visible.drop_duplicates(["dimension", "role_group", "waves"])
    assert len(table) == len(keys) > 0
    labels = {"professionals": "Professionnels"}
    expected = [(labels[r.role_group], r.waves) for r in keys.itertuples()]
    assert [(row[1][0], row[2][0]) for row in table] == expected
    shown = changes.set_index(["dimension", "role_group", "waves"]).index.isin(
        keys.set_index(["dimension", "role_group", "waves"]).index
    )
    hidden_paired = changes.loc[shown & changes["suppressed"] & (changes["analysis"] == "paired")]
    assert len(hidden_paired) == sum(row[6][0] == "" for row in table)
    # in English too
    _, page_en = _section(programme, "T01", 10, lang="en")
    assert (
        page_en.count(
            "Patients, carers and user representatives: fewer than 10 respondents at each wave; "
            "results not shown."
        )
        == 1
    )


def test_a_section_with_nothing_to_show_is_one_sentence():
    programme = impact.demo_programme(n_teams=2, seed=5)
    parts = barometer_section(programme, "T01", lang="fr", min_cell=1000)
    assert parts == [
        "<p>Baromètre du partenariat : moins de 1000 personnes dans chaque groupe ; "
        "résultats non affichés.</p>"
    ]
    prem = "\n".join(prem_section(programme, "T01", lang="en", min_cell=1000))
    # no chart of marks, no row of marks (T01 has no PROM answer: its rows give the reason)
    assert "data:image/svg+xml" not in prem and "&lt; 1000" not in prem
    assert (
        "Patient experience (PREM questionnaires): fewer than 1000 people in every group; " in prem
    )


def test_a_table_hidden_whole_becomes_its_sentence():
    # T03 (seed 5) at min_cell 11: professionals 7, 12 and 10 at T0, T1, T2 are shown at
    # T1 only, so every change is hidden: one sentence instead of a table of marks
    programme = impact.demo_programme(n_teams=4, seed=5)
    tables, page = _section(programme, "T03", 11)
    changes = tables["changes"]
    pros = tables["summary"].loc[tables["summary"]["role_group"] == "professionals"]
    assert pros["suppressed"].any() and not pros["suppressed"].all()
    assert changes["suppressed"].all()
    assert page.count("Évolution entre les vagues : moins de 11 personnes") == 1
    # their score columns stay, marked at T0 and T2 (one mark per dimension and wave)
    assert page.count("&lt; 11") == 2 * 5
    assert longest_mark_run(page, "< 11") == 0
