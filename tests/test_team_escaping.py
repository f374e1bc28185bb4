"""The team report's HTML is built by templates with autoescape: a label taken from the data
(indicator, barometer dimension, PREM dimension) that holds markup or an ampersand reaches
the page as text, never as markup."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest

import impact
from impact.indicators.periods import compare_periods
from impact.indicators.trends import its_by_team
from impact.report.indicator_tables import indicator_table_html, trend_table_html
from impact.report.team import SECTIONS, team_section, team_tables
from impact.report.team_card import team_card_html

#: A label that would run a script if it reached the page as markup.
HOSTILE = '<script>alert("x")</script> Soins & suites'
ESCAPED = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Soins &amp; suites"


def _with_hostile_labels(programme: impact.Programme) -> impact.Programme:
    """The programme with the first indicator's, the first barometer dimension's and the
    first PREM dimension's labels (both languages) replaced by :data:`HOSTILE`."""
    indicators = programme.indicators.copy()
    indicators.loc[0, ["label_fr", "label_en"]] = HOSTILE
    items = {}
    for name in ("barometer_items", "prem_items"):
        table = getattr(programme, name).copy()
        first = table["dimension"] == table["dimension"].iloc[0]
        table.loc[first, ["dimension_fr", "dimension_en"]] = HOSTILE
        items[name] = table
    return dataclasses.replace(programme, indicators=indicators, **items)


@pytest.fixture(scope="module")
def page():
    programme = _with_hostile_labels(impact.demo_programme(n_teams=3, n_comparison=5, seed=1))
    tables = team_tables(programme, "T01", lang="fr", min_cell=10)
    return {section: "\n".join(team_section(tables, section)) for section in SECTIONS}


def test_no_label_reaches_the_page_as_markup(page):
    whole = "\n".join(page.values())
    assert "<script" not in whole.lower()
    assert "Soins & suites" not in whole  # the bare ampersand is always escaped
    # every label is shown, as text: the indicator in its tables and the summary, the
    # dimensions in the barometer and patient-experience tables
    for section in ("summary", "indicators", "trends", "barometer", "prem"):
        assert ESCAPED in page[section], section
        assert HOSTILE in html.unescape(re.sub(r"<[^>]+>", "", page[section])), section


def test_indicator_tables_escape_labels_and_units():
    programme = _with_hostile_labels(impact.demo_programme(n_teams=2, seed=1))
    catalogue = programme.indicators.copy()
    catalogue.loc[0, "unit_fr"] = "jours <b>&</b>"
    code = catalogue.loc[0, "code"]
    effects = compare_periods(programme, teams=["T01"])
    table = indicator_table_html(effects[effects["indicator"] == code], catalogue, lang="fr")
    assert f"<td>{ESCAPED}</td><td>jours &lt;b&gt;&amp;&lt;/b&gt;</td>" in table
    its = its_by_team(programme, teams=["T01"]).effects
    trends = trend_table_html(its[its["indicator"] == code], its.iloc[:0], catalogue, lang="fr")
    assert f"<td>{ESCAPED}</td>" in trends and "<script" not in trends


def test_team_card_shows_any_name_as_text():
    """The card is HTML from a template: a name holding a backtick and markup (which broke
    out of Markdown) shows as text, and so do the other fields."""
    programme = impact.demo_programme(n_teams=2, seed=1)
    teams = programme.teams.copy()
    teams.loc[0, ["name", "hospital"]] = ["d`<img src=x onerror=alert(1)>` & co", "H <b>"]
    card = team_card_html(dataclasses.replace(programme, teams=teams), "T01", lang="fr")
    assert "<img" not in card and "<b>" not in card
    assert card.startswith("<h1>Rapport d&#39;équipe — d`&lt;img src=x onerror=alert(1)&gt;` "
                           "&amp; co</h1>\n<h2>L&#39;équipe en bref</h2>")  # fmt: skip
    assert "<li><strong>Hôpital</strong>\u00a0: H &lt;b&gt;</li>" in card
