"""Smoke tests of the indicator change chart (figures close after each test)."""

from __future__ import annotations

import base64
from xml.etree import ElementTree

import numpy as np

import impact
from impact.indicators.periods import compare_periods
from impact.report.figures import change_chart


def test_change_chart_one_row_per_indicator_with_its_own_scale_and_values():
    programme = impact.demo_programme(n_teams=2, seed=4)
    effects = compare_periods(programme)
    team = effects[effects["team_id"] == "T01"]
    fig = change_chart(team, programme.indicators, lang="fr")
    axes = fig.get_axes()
    assert len(axes) == len(team)
    assert axes[1].get_xscale() == "log"  # plaintes: a rate ratio
    names = [ax.get_yticklabels()[0].get_text() for ax in axes]
    assert names[0] == "Durée moyenne de séjour (jours)"
    for ax, row in zip(axes, team.itertuples(), strict=True):
        null = 1.0 if row.scale == "log" else 0.0
        low, high = ax.get_xlim()
        # each row's scale holds its interval and the line of no change, centred on it
        assert low < min(row.ci_low, null) and max(row.ci_high, null) < high
        assert np.isclose(np.log(low) + np.log(high), 0) if null else np.isclose(low + high, 0)
    # the values are written on the right in the French number format
    values = [ax.texts[0].get_text() for ax in axes]
    est, low, high = team.iloc[0][["estimate", "ci_low", "ci_high"]]
    assert values[0] == (f"{est:+.2f} [{low:+.2f} ; {high:+.2f}]".replace(".", ",")
                         .replace("-", "\u2212"))  # fmt: skip
    assert values[1].startswith("×")


def test_change_chart_survives_missing_estimates():
    programme = impact.demo_programme(n_teams=1, seed=4)
    effects = compare_periods(programme).head(2).copy()
    effects.loc[:, ["estimate", "ci_low", "ci_high"]] = np.nan
    fig = change_chart(effects, programme.indicators, lang="en")
    assert len(fig.get_axes()) == 2


def test_its_grid_and_figure_html_embed_an_svg():
    from impact.indicators.trends import its_by_team
    from impact.report.figures import its_grid
    from impact.report.formatting import figure_html

    programme = impact.demo_programme(n_teams=2, seed=4)
    result = its_by_team(programme, teams=["T01"])
    fig = its_grid(result.fitted, result.effects, programme.indicators, lang="fr")
    visible = [ax for ax in fig.get_axes() if ax.get_visible()]
    assert len(visible) == result.effects["indicator"].nunique()
    page = figure_html(fig, alt="séries")
    assert page.startswith('<img src="data:image/svg+xml;base64,') and 'alt="séries"' in page
    data = page.split("base64,", 1)[1].split('"', 1)[0]
    svg = base64.b64decode(data).decode("utf-8")
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    # text stays text (searchable, drawn by the browser), in the report's language
    texts = {"".join(node.itertext()) for node in root.iter("{http://www.w3.org/2000/svg}text")}
    assert "Début de l'intervention" in texts and "Observé" in texts, texts
    # no date or software stamp: the same figure gives the same bytes (reproducible runs)
    assert "dc:date" not in svg and "Matplotlib" not in svg
    assert figure_html(fig, alt="séries") == page


def test_tick_labels_use_the_fewest_decimals_per_axis_in_the_report_format():
    from impact.report.figures.layout import TickFormatter

    linear = TickFormatter("fr")
    assert linear.format_ticks([5.0, 5.5, 6.0]) == ["5,0", "5,5", "6,0"]
    assert linear.format_ticks([0.0, 10.0, 20.0]) == ["0", "10", "20"]
    assert linear.format_ticks([-0.2, 0.0, 0.25]) == ["\u22120,20", "0,00", "0,25"]
    ratio = TickFormatter("en", per_axis=False)  # uneven ticks of a log axis
    assert ratio.format_ticks([0.5, 0.75, 1.0, 1.5, 2.0]) == ["0.5", "0.75", "1", "1.5", "2"]
