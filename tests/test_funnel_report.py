"""The programme report's section « Comparaisons équitables entre équipes » (issue 17):
the funnel plots, the table of the teams outside the 99.8 % limits, and privacy — a team
under the minimum cell size is in no plot and no programme value (the attacker changes
its hidden data and sees nothing move)."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest

import impact
from impact.report.figures.funnel import drawable_outcomes, funnel_chart
from impact.report.labels import LABELS
from impact.report.programme import programme_results, title_html
from impact.report.programme_funnel import funnel_results, funnel_section
from impact.synthesis.funnel import funnel_frame, funnel_points

HIDDEN = "T05"


def _planted(programme: impact.Programme) -> impact.Programme:
    """T03 informs 99 % of its patients at discharge after its start (others ≈ 50 %);
    T05 keeps 6 patients measured twice on the EQ-VAS (a group under min_cell = 10)."""
    values = programme.indicator_values.copy()
    start = programme.teams.set_index("team_id")["start_date"]
    rows = (
        (values["team_id"] == "T03")
        & (values["indicator"] == "info_sortie")
        & (values["period"] >= start["T03"])
    )
    values.loc[rows, "numerator"] = np.floor(0.99 * values.loc[rows, "denominator"])
    values.loc[rows, "value"] = values.loc[rows, "numerator"] / values.loc[rows, "denominator"]
    prom = programme.prom_responses
    mine = (prom["team_id"] == HIDDEN) & (prom["prom"] == "eq_vas")
    twice = prom.loc[mine].groupby("patient")["period"].nunique().loc[lambda s: s == 2].index
    keep = ~mine | prom["patient"].isin(twice[:6])
    return replace(programme, indicator_values=values, prom_responses=prom.loc[keep])


def _html(parts) -> str:
    return "\n".join(str(p) for p in parts)


@pytest.fixture(scope="module")
def demo() -> impact.Programme:
    return _planted(impact.demo_programme(n_teams=12, n_comparison=2, seed=3))


@pytest.fixture(scope="module")
def results(demo):
    return programme_results(demo, lang="fr", n_boot=49)


@pytest.fixture(scope="module")
def section(results) -> str:
    return _html(funnel_section(results))


def test_the_section_shows_the_funnels_the_outlier_and_the_board_sentence(results, section):
    html = section
    assert 'id="programme-funnel"' in html and 'href="#programme-funnel"' in title_html(results)
    assert LABELS["report.programme.funnel.board"]["fr"].replace("'", "&#39;") in html
    assert html.count("<img") == 1 and "<table" in html
    rows = re.findall(r"<tr><td>(.*?)</tr>", html)
    planted = [r for r in rows if "<td>T03</td>" in r and "informés" in r]
    assert planted and "au-dessus (favorable)" in planted[0]


def test_english_section(results):
    html = _html(funnel_section(replace(results, lang="en")))
    assert "Fair comparisons between teams" in html and "above (favourable)" in html


def test_a_hidden_team_is_in_no_plot_and_no_target(demo, results, section):
    """The attacker: T05's 6 EQ-VAS pairs are hidden; changing them (here by +40 points
    after) changes nothing on the page, and the programme value is the one computed from
    the other teams' points alone."""
    funnel = funnel_results(results)
    hidden = funnel.left_out
    assert ((hidden["team_id"] == HIDDEN) & (hidden["outcome"] == "eq_vas")).any()
    teams = funnel.tables.teams
    assert not ((teams["team_id"] == HIDDEN) & (teams["outcome"] == "eq_vas")).any()
    points = funnel_points(demo)
    others = points.loc[(points["outcome"] == "eq_vas") & (points["team_id"] != HIDDEN)]
    assert (others["n"] >= 10).all()
    alone = funnel_frame(others).outcomes.iloc[0]
    row = funnel.tables.outcomes.set_index("outcome").loc["eq_vas"]
    assert row["target"] == pytest.approx(alone["target"])
    assert row["tau2"] == pytest.approx(alone["tau2"])
    # the figure's EQ-VAS panel has the shown teams' points only
    fig = funnel_chart(funnel.tables, results.labels)
    panels = list(drawable_outcomes(funnel.tables)["outcome"])
    ax = fig.axes[panels.index("eq_vas")]
    offsets = np.asarray(ax.collections[0].get_offsets())
    assert len(offsets) == len(others)
    # the attacker changes the hidden data: the section does not move
    prom = demo.prom_responses.copy()
    mine = (prom["team_id"] == HIDDEN) & (prom["prom"] == "eq_vas") & (prom["period"] == "après")
    prom.loc[mine, "value"] = (prom.loc[mine, "value"] + 40).clip(upper=100)
    moved = replace(results, programme=replace(demo, prom_responses=prom))
    assert _html(funnel_section(moved)) == section


def test_the_page_says_how_many_were_left_out(results, section):
    k = len(funnel_results(results).left_out)
    assert k >= 1
    assert f"{k} couple(s) équipe × résultat de moins de 10 personnes" in section


def test_a_programme_without_data_gets_a_sentence(results, demo):
    empty = replace(demo, indicator_values=demo.indicator_values.iloc[0:0],
                    prem_responses=demo.prem_responses.iloc[0:0],
                    prom_responses=demo.prom_responses.iloc[0:0])  # fmt: skip
    html = _html(funnel_section(replace(results, programme=empty)))
    assert LABELS["report.programme.funnel.none"]["fr"].replace("'", "&#39;") in html
    assert "<img" not in html


def test_too_few_teams_are_said_with_their_reason(results, demo):
    """Four teams only: no chart for any outcome, and no crash."""
    four = demo.team_ids[:4]
    small = replace(
        demo,
        indicator_values=demo.indicator_values.loc[demo.indicator_values["team_id"].isin(four)],
        prem_responses=demo.prem_responses.loc[demo.prem_responses["team_id"].isin(four)],
        prom_responses=demo.prom_responses.loc[demo.prom_responses["team_id"].isin(four)],
    )
    html = _html(funnel_section(replace(results, programme=small)))
    assert LABELS["report.programme.funnel.none"]["fr"].replace("'", "&#39;") in html
    reason = LABELS["reason.funnel_too_few_teams"]["fr"].replace("'", "&#39;")
    assert html.count(reason) == len(funnel_points(small).groupby(["family", "outcome"]))


def test_the_figure_is_compact_and_laid_out_cleanly(results):
    """A4 width (7 inches) and, for the demo's 10 outcomes in 3 columns, 4 rows of 2.05
    inches with 1.7 inches of title and legend: under 10 inches; no text outside the
    figure or over another (the report figures' checks, tests/test_plots_layout.py)."""
    from test_plots_layout import layout_problems

    funnel = funnel_results(results)
    fig = funnel_chart(funnel.tables, results.labels)
    assert len(drawable_outcomes(funnel.tables)) == 10
    width, height = fig.get_size_inches()
    assert width <= 7.0 and height <= 10.0
    assert not layout_problems(fig)
    english = funnel_chart(funnel.tables, results.labels, lang="en", columns=2)
    assert not layout_problems(english)
