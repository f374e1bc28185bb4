"""Plain-language parts of a team report: the summary (verdicts combine before/after and
the time series), what could not be computed, methods and limits, the table of contents.

Library tests on small demo programmes, then checks of the generated team reports on the
shared demo report set (tests/report_set.py: no extra notebook run).
"""

from __future__ import annotations

import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

import impact
from impact.indicators.periods import compare_periods
from impact.indicators.trends import its_by_team
from impact.report.headlines import indicator_headlines
from impact.report.privacy import publishable, suppress_results
from impact.report.results import TeamResults, compute_tables
from impact.report.summary import (
    limits_html,
    not_computed_html,
    team_summary_html,
)
from impact.report.team import SECTIONS, anchor, team_contents, team_section, team_tables
from report_set import MIN_CELL, visible_text

#: English phrases that must not reach a French report (as tests/test_report_language.py).
ENGLISH = re.compile(
    r"\b(fewer than|too few|not computed|no data|small sample|comparison unit|"
    r"time points|the computation|error|level change|mean change)\b",
    re.I,
)


def _text(fragment: str) -> str:
    return visible_text(fragment)


@pytest.fixture(scope="module")
def demo():
    return impact.demo_programme(n_teams=3, n_comparison=5, seed=1)


@pytest.fixture(scope="module")
def demo_tables(demo):
    return compute_tables(demo, ["T01", "T03"], min_cell=MIN_CELL, programme_did=False)


# --- summary -----------------------------------------------------------------------------


def test_disagreeing_time_series_makes_the_verdict_inconclusive():
    before_after = pd.DataFrame(
        {
            "indicator": ["a", "b", "c"],
            "verdict": ["improved", "improved", "worsened"],
            "reason": ["", "", ""],
        }
    )
    its = pd.DataFrame(
        {
            "indicator": ["a", "b", "c"],
            "measure": "level change",
            "verdict": ["inconclusive", "worsened", "worsened"],
        }
    )
    out = indicator_headlines(before_after, its).set_index("indicator")
    assert out["verdict"].to_dict() == {"a": "improved", "b": "inconclusive", "c": "worsened"}
    assert out["disagree"].tolist() == [False, True, False]
    assert out["status"].tolist() == ["improved", "disagree", "worsened"]


def test_summary_lists_indicators_by_verdict_in_french_and_english():
    programme = impact.demo_programme(n_teams=3, seed=2)
    before_after = compare_periods(programme, teams=["T01"])
    its = its_by_team(programme, teams=["T01"]).effects
    verdicts = indicator_headlines(before_after, its)
    french = _text(team_summary_html(before_after, its, programme.indicators, lang="fr"))
    labels = programme.indicators.set_index("code")
    lines = {line.split(":")[0]: line for line in french.splitlines() if line.startswith("Ce qu")}
    sentence = {"improved": "Ce qui s'est amélioré ", "worsened": "Ce qui s'est dégradé ",
                "inconclusive": "Ce qu'on ne peut pas conclure, et pourquoi "}  # fmt: skip
    for row in verdicts.itertuples(index=False):
        # each indicator is drawn once and named in the sentence of its verdict
        label = labels.loc[row.indicator, "label_fr"]
        assert label in lines[sentence[row.verdict]], (label, row.verdict)
        assert french.count(label) == 2
    english = _text(team_summary_html(before_after, its, programme.indicators, lang="en"))
    assert "What improved:" in english and "Ce qui" not in english


def test_summary_names_a_hidden_indicator_only_as_hidden():
    catalogue = pd.DataFrame(
        {"code": ["a", "b"], "label_fr": ["Alpha", "Bêta"], "label_en": ["Alpha", "Beta"]}
    )
    rows = pd.DataFrame(
        {
            "indicator": ["a", "b"],
            "measure": "mean difference",
            "estimate": [1.0, 2.0],
            "verdict": ["improved", "improved"],
            "reason": "",
            "n_before": [50, 4],
            "n_after": [60, 40],
        }
    )
    rows = suppress_results(rows, min_cell=10)
    text = _text(team_summary_html(rows, None, catalogue, lang="fr", min_cell=10))
    assert "Ce qui s'est amélioré : Alpha." in text.replace("\u00a0", " ")
    [hidden] = [line for line in text.splitlines() if "Bêta" in line]
    assert hidden.startswith("Ce qu'on ne peut pas conclure")
    assert "Bêta (moins de 10 patients, séjours ou événements dans une période : non montré)" in (
        hidden.replace("\u00a0", " ")
    )
    assert "+2,0" not in text  # the hidden estimate is nowhere


def test_summary_never_shows_a_hidden_group_and_agrees_with_the_tables(demo, demo_tables):
    published = publishable({"barometer": demo_tables.team("T01").barometer}, MIN_CELL)
    changes = published["barometer"]["changes"]  # as the team report shows it
    glob = changes[
        (changes["dimension"] == "global")
        & (changes["analysis"] == "all")
        & (changes["measure"] == "mean change")
    ]
    assert glob["suppressed"].any()  # the demo hides some groups at MIN_CELL
    text = _text(
        team_summary_html(
            demo_tables.team("T01").indicators.iloc[:0],
            None,
            demo.indicators,
            barometer=changes,
            lang="fr",
            min_cell=MIN_CELL,
        )
    )
    for row in glob.itertuples(index=False):
        assert (f"Score global, {row.role_group_label}" in text) == (not row.suppressed)
        assert row.role_group_label in text  # a hidden group is named as hidden
    assert f"moins de {MIN_CELL} répondants : résultats non affichés" in text
    # the PREM bullet states the adjusted change shown in the patient-experience table
    deltas = demo_tables.team("T03").prem["deltas"]
    adjusted = deltas[
        (deltas["level"] == "overall") & (deltas["measure"] == "adjusted mean difference")
    ].iloc[0]
    no_indicator = pd.DataFrame(columns=["indicator", "verdict", "reason"])
    text = _text(
        team_summary_html(no_indicator, None, demo.indicators, prem=deltas, lang="fr", threshold=25)
    )
    value = impact.report.formatting.format_number(adjusted["estimate"], lang="fr", sign=True)
    assert f"{value}\u00a0points (" in text
    if adjusted["small_sample"]:
        assert "moins de 25 questionnaires" in text


# --- what could not be computed ------------------------------------------------------------


@pytest.fixture(scope="module")
def short_series(demo):
    """T01 with only 2 months of one indicator before its start: no time series for it."""
    values = demo.indicator_values
    start = demo.teams.set_index("team_id").loc["T01", "start_date"]
    period = pd.to_datetime(values["period"])
    drop = (
        (values["team_id"] == "T01")
        & (values["indicator"] == "dms")
        & (period < pd.Timestamp(start) - pd.DateOffset(months=2))
    )
    return dataclasses.replace(demo, indicator_values=values[~drop].reset_index(drop=True))


def test_not_computed_is_in_the_report_language_with_labels(short_series):
    for lang in ("fr", "en"):
        tables = team_tables(short_series, "T01", lang=lang, min_cell=MIN_CELL)
        part = "".join(team_section(tables, "not-computed"))
        text = _text(part)
        label = short_series.indicators.set_index("code").loc["dms", f"label_{lang}"]
        line = next(x for x in text.splitlines() if label in x)
        if lang == "fr":
            assert line.startswith("Série temporelle\u00a0: trop peu de points")
            assert "(saut de niveau)" in line
            assert not ENGLISH.search(text), text
        else:
            assert line.startswith("Time series: too few time points") and "dms" not in line


def test_not_computed_lists_reasons_and_skips_suppressed_rows():
    table = pd.DataFrame(
        {
            "indicator": ["a", "b", "c", "d"],
            "measure": "level change",
            "estimate": [np.nan, 1.0, np.nan, np.nan],
            "reason": ["too_few_points", "", "constant_series", "near_unit_root;values_dropped"],
            "suppressed": [False, False, True, False],
        }
    )
    page = _text(not_computed_html({"its": table}, lang="en", min_cell=10))
    assert "too few time points in the series (at least 3 on each side)" in page
    assert "constant series" not in page  # the suppressed row says nothing
    assert "series too persistent (step-like)" in page and "missing values left out" in page
    french = _text(not_computed_html({"its": table}, lang="fr"))
    assert "trop peu de points dans la série temporelle (au moins 3 de chaque côté)" in french
    assert "série constante" not in french and not ENGLISH.search(french)
    assert "Everything planned" in not_computed_html({"its": table.iloc[1:2]}, lang="en")


def test_a_failed_family_is_listed_in_plain_words(demo, demo_tables):
    good = demo_tables.team("T01")
    failed = TeamResults(
        "T01",
        "fr",
        MIN_CELL,
        dict(good.tables),
        {"barometer": RuntimeError("boom with n = 3 respondents")},
    )
    for lang in ("fr", "en"):
        tables = team_tables(
            demo, "T01", dataclasses.replace(failed, lang=lang), lang=lang, min_cell=MIN_CELL
        )
        section = _text("".join(team_section(tables, "barometer")))
        assert ("n'a pas pu être calculée" if lang == "fr" else "could not be computed") in section
        listed = _text("".join(team_section(tables, "not-computed")))
        line = next(x for x in listed.splitlines() if x.startswith(("Baromètre", "Barometer")))
        if lang == "fr":
            assert "erreur inattendue" in line and "boom" not in line
        else:
            assert "unexpected error" in line and "boom" in line and "n = 3" not in line
    # without the before/after indicators the report has no subject: it stops
    comparison = demo.comparison_ids[0]
    with pytest.raises(ValueError, match="Not programme teams"):
        team_tables(demo, comparison, lang="fr", min_cell=MIN_CELL)


# --- sections without data -----------------------------------------------------------------


def test_a_team_without_barometer_answers_keeps_the_section_with_one_sentence(demo):
    responses, others = demo.barometer_responses, demo.questionnaire_responses
    programme = dataclasses.replace(  # the questionnaires' global scores left out too
        demo,
        barometer_responses=responses[responses["team_id"] != "T03"].reset_index(drop=True),
        questionnaire_responses=others[others["team_id"] != "T03"].reset_index(drop=True),
    )
    tables = team_tables(programme, "T03", lang="fr", min_cell=MIN_CELL)
    section = team_section(tables, "barometer")
    assert section[0] == '<h2 id="team-barometer">Baromètre du partenariat</h2>'
    assert _text("".join(section[1:])).strip() == "Pas de réponse au baromètre pour cette équipe."
    assert 'href="#team-barometer"' in team_contents("fr")  # same contents for every team
    summary = _text("".join(team_section(tables, "summary")))
    assert re.search(r"Baromètre(, [^(;]+)? \(pas de données pour cette équipe\)", summary)
    assert "Score global," not in summary
    listed = _text("".join(team_section(tables, "not-computed")))
    assert "Baromètre\u00a0: aucune donnée pour cette équipe" in listed


def test_without_comparison_units_the_trends_say_so(demo):
    teams = demo.teams[~demo.teams["comparison"].astype(bool)].reset_index(drop=True)
    tables = team_tables(
        dataclasses.replace(demo, teams=teams), "T01", lang="en", min_cell=MIN_CELL
    )
    text = _text("".join(team_section(tables, "trends")))
    assert "No control unit in the data" in text


def test_every_section_has_the_anchor_the_contents_link_to(demo, demo_tables):
    tables = team_tables(demo, "T01", demo_tables.team("T01"), lang="fr", min_cell=MIN_CELL)
    page = team_contents("fr") + "".join(p for s in SECTIONS for p in team_section(tables, s))
    links = re.findall(r'href="#([^"]+)"', page)
    ids = re.findall(r'id="([^"]+)"', page)
    assert [anchor(s) for s in SECTIONS] == links[: len(SECTIONS)]
    assert set(links) <= set(ids) and len(ids) == len(set(ids))


# --- methods and limits --------------------------------------------------------------------


def test_limits_use_the_run_thresholds():
    french = _text(limits_html(lang="fr", min_cell=5, threshold=25))
    assert "moins de 5 personnes" in french and "« < 5 »" in french
    assert "moins de 5 répondants" in french and "Sous 25 questionnaires" in french
    assert not re.search(r"\b(10|30)\b", french)
    english = _text(limits_html(lang="en", min_cell=5))
    assert "fewer than 5 people" in english and "'< 5'" in english
    assert "Under 30 questionnaires" in english
    assert limits_html(lang="fr").count("<p>") == 8


#: A word of the effect tables' ``method`` column → how the French limits name it.
METHOD_NAMES = {
    "Newcombe": "Newcombe", "Clopper-Pearson": "Clopper-Pearson", "Welch": "Welch",
    "Conley & Taber": "Conley et Taber", "AR(1)": "AR(1)", "quasi-Poisson": "quasi-Poisson",
    "Brunner-Munzel": "Brunner-Munzel", "HC3": "HC3", "Wilson": "Wilson",
    "Wilcoxon": "Wilcoxon", "Benjamini-Hochberg": "Benjamini-Hochberg",
    "partially overlapping": "partiellement appariés", "paired t": "test t apparié",
}  # fmt: skip


def test_limits_name_the_methods_the_tables_used(demo):
    tables = compute_tables(demo, ["T01", "T02"], min_cell=MIN_CELL, programme_did=False)
    frames = [
        tables.indicators,
        tables.its.effects,
        tables.did,
        *tables.barometer.values(),
        *tables.prem.values(),
    ]
    methods = " ".join(
        " ".join(f["method"].dropna().astype(str).unique())
        for f in frames
        if f is not None and "method" in f.columns
    )
    text = _text(limits_html(lang="fr"))
    used = [word for word in METHOD_NAMES if word in methods]
    assert len(used) >= 10
    assert [w for w in used if METHOD_NAMES[w] not in text] == []


# --- the generated team reports (shared report set) ----------------------------------------


def _section(page: str, section: str) -> str:
    """The HTML from a section's anchor to the next section's."""
    start = page.index(f'id="{anchor(section)}"')
    following = SECTIONS[SECTIONS.index(section) + 1 :]
    ends = [page.index(f'id="{anchor(s)}"') for s in following if f'id="{anchor(s)}"' in page]
    return page[start : min(ends) if ends else len(page)]


def test_reports_have_contents_then_summary_before_the_indicators(french, english):
    for reports in (french, english):
        for team in reports.teams:
            page = reports.team_html(team).read_text(encoding="utf-8")
            nav = re.search(r"<nav>.*?</nav>", page, re.S).group(0)
            links = re.findall(r'href="#([^"]+)"', nav)
            assert links == [anchor(s) for s in SECTIONS]
            for link in set(re.findall(r'href="#([^"]+)"', page)):
                assert page.count(f'id="{link}"') == 1, f"{team}: #{link} goes nowhere"
            order = [page.index(f'id="{anchor(s)}"') for s in SECTIONS]
            assert order == sorted(order) and page.index("<nav>") < order[0]
            card = "L'équipe en bref" if reports.lang == "fr" else "The team at a glance"
            assert page.index(card) < page.index("<nav>")


def test_report_summary_and_not_computed_speak_french(french):
    for team in french.teams:
        page = french.team_html(team).read_text(encoding="utf-8")
        summary = visible_text(_section(page, "summary"))
        assert "Ce qui s'est amélioré" in summary and "Ce qu'on ne peut pas conclure" in summary
        listed = visible_text(_section(page, "not-computed"))
        assert not ENGLISH.search(listed), f"{team}: {listed}"
        limits = visible_text(_section(page, "limits"))
        assert f"moins de {MIN_CELL} personnes" in limits
    # T03 has no PROM data: the summary and the list say so, in French
    page = french.team_html("T03").read_text(encoding="utf-8")
    assert "PROM\u00a0: aucune donnée pour cette équipe" in visible_text(
        _section(page, "not-computed")
    )
