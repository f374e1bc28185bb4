"""Small cells in the time-series part of a team report: months and hidden indicators."""

from __future__ import annotations

import base64
import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

import impact
from activity_indicators import with_activity_indicators
from impact.indicators.trends import its_by_team
from impact.report.headlines import index_headlines
from impact.report.privacy import hidden_pairs, hide_small_months, suppress_pairs
from impact.report.results import compute_tables
from impact.report.team import team_section, team_tables
from impact.run.results_files import write_results_csv
from impact.synthesis.effects import team_effects


@pytest.fixture(scope="module")
def demo():
    return impact.demo_programme(n_teams=2, n_comparison=5, seed=1)


def _svg_texts(parts: list[str]) -> str:
    """The text drawn in every SVG figure of a section."""
    texts = []
    for data in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", "".join(parts)):
        texts.append(base64.b64decode(data).decode("utf-8"))
    return "\n".join(texts)


def test_its_fitted_carries_the_people_behind_each_month(demo):
    # a count indicator (none in the default catalogue since issue 14) in the own catalogue
    demo = with_activity_indicators(demo, "n_patients_partenaires")
    fitted = its_by_team(demo, teams=["T01"]).fitted
    values = demo.indicator_values[demo.indicator_values["team_id"] == "T01"]
    merged = fitted.merge(values, left_on=["indicator", "time"],
                          right_on=["indicator", "period"])  # fmt: skip
    share = merged[merged["indicator"] == "info_sortie"]
    np.testing.assert_array_equal(share["n_x"].to_numpy(float),
                                  share["denominator"].to_numpy(float))  # fmt: skip
    rate = merged[merged["indicator"] == "plaintes"]  # complaints: people with an event
    np.testing.assert_array_equal(rate["n_x"].to_numpy(float),
                                  rate["numerator"].to_numpy(float))  # fmt: skip
    mean = merged[merged["indicator"] == "dms"]
    np.testing.assert_array_equal(mean["n_x"].to_numpy(float), mean["n_y"].to_numpy(float))
    # a count of patient partners is not a statistic of a group of patients
    counts = merged.loc[merged["indicator"] == "n_patients_partenaires", "n_x"]
    assert len(counts) and counts.isna().all()


def test_hide_small_months_blanks_only_observed_values_of_small_months_zeros_included():
    fitted = pd.DataFrame(
        {
            "observed": [50.0, 20.0, np.nan, 4.0, 0.0],
            "fitted": [1.0, 2, 3, 4, 5],
            "n": [80, 9, 3, np.nan, 0],
        }
    )
    out, hidden = hide_small_months(fitted, min_cell=10)
    # the month already empty is not counted; a month of zero is hidden too (drawing the
    # zeros alone would show a small series as none); no n (a count) is kept
    assert hidden == 2
    assert np.isnan(out["observed"][1]) and np.isnan(out["observed"][4])
    assert out["observed"][0] == 50.0 and out["observed"][3] == 4.0
    assert out["fitted"].tolist() == [1.0, 2, 3, 4, 5]  # the model is kept
    assert fitted["observed"][1] == 20.0  # input untouched


def _few_complaints(demo):
    """The demo with 3 complaints in T01's 12 months before its start (a small cell)."""
    values = demo.indicator_values.copy()
    start = demo.teams.set_index("team_id").loc["T01", "start_date"].to_period("M")
    t01 = values["team_id"] == "T01"
    months = values["period"].dt.to_period("M")
    before = t01 & (values["indicator"] == "plaintes") & (months < start)
    values.loc[before, "numerator"] = 0
    values.loc[before & (months == start - 1), "numerator"] = 3
    return dataclasses.replace(demo, indicator_values=values)


def test_hidden_pairs_follow_the_before_after_rule_and_suppress_pairs_blanks_them():
    rows = pd.DataFrame(
        {
            "team_id": ["T1", "T1", "T2"],
            "indicator": ["a", "b", "a"],
            "measure": "rate ratio",
            "n_before": [3, 40, 0],
            "n_after": [50, 40, 12],
            "estimate": [1.2, 0.8, 1.0],
        }
    )
    pairs = hidden_pairs(rows, min_cell=10)
    assert pairs == {("T1", "a")}  # zero people with the event is not a small cell
    other = pd.DataFrame(
        {
            "team_id": ["T1", "T1"],
            "indicator": ["a", "b"],
            "measure": "level change",
            "estimate": [0.5, 0.7],
            "ci_low": [0.1, 0.2],
            "ci_high": [0.9, 1.1],
        }
    )
    out = suppress_pairs(other, pairs)
    assert out["suppressed"].tolist() == [True, False]
    assert out.loc[0, ["estimate", "ci_low", "ci_high"]].isna().all()
    assert out.loc[1, "estimate"] == 0.7 and other.loc[0, "estimate"] == 0.5


def test_results_files_and_index_hide_what_the_team_report_hides(demo, tmp_path):
    programme = _few_complaints(demo)
    tables = compute_tables(programme, ["T01", "T02"], lang="fr", min_cell=10)
    files = write_results_csv(tables, tmp_path, min_cell=10)
    for family in ("its", "did"):
        table = pd.read_csv(files[family])
        hidden = (table["team_id"] == "T01") & (table["indicator"] == "plaintes")
        assert hidden.any() and table.loc[hidden, "estimate"].isna().all()
        assert table.loc[hidden, "suppressed"].all()
        assert table.loc[~hidden, "estimate"].notna().any()
    heads = index_headlines(tables).set_index("team_id")
    its = tables.its.effects
    level = its[
        (its["team_id"] == "T01")
        & (its["measure"] == "level change")
        & its["estimate"].notna()
        & (its["indicator"] != "plaintes")
    ]
    assert heads.loc["T01", ["improved", "worsened", "inconclusive"]].sum() == len(level)
    # the programme's per-team indicator rows carry the same people: hidden the same way
    effects = team_effects(programme, families=("indicator",))
    row = effects[(effects["team_id"] == "T01") & (effects["outcome"] == "plaintes")]
    assert int(row["n_before"].iloc[0]) == 3


def test_trends_section_hides_small_months_and_hidden_indicators(demo):
    programme = _few_complaints(demo)
    values = programme.indicator_values.copy()
    start = demo.teams.set_index("team_id").loc["T01", "start_date"].to_period("M")
    t01 = values["team_id"] == "T01"
    months = values["period"].dt.to_period("M")
    # two months of "informed at discharge" computed on 5 stays: their points must go
    small = t01 & (values["indicator"] == "info_sortie") & months.isin([start + 2, start + 3])
    values.loc[small, ["numerator", "denominator"]] = [3, 5]
    programme = dataclasses.replace(programme, indicator_values=values)

    tables = team_tables(programme, "T01", lang="fr", min_cell=10)
    assert tables.hidden == ["plaintes"]
    parts = team_section(tables, "trends")
    page = "".join(parts)
    # months hidden: the two above, and the team's own months of fewer than 10 people,
    # zero included, of the other indicators, counted from the raw data: the events of a
    # rate, the stays of a proportion, the answers of a mean (with a value to draw)
    own = values[t01 & (values["indicator"] != "plaintes")]
    kind = own["indicator"].map(programme.indicators.set_index("code")["kind"]).to_numpy()
    num, den, n = (own[c].astype(float).to_numpy() for c in ("numerator", "denominator", "n"))
    people = np.where(kind == "rate", num, np.where(kind == "proportion", den, n))
    drawn_at_all = np.where(kind == "mean", own["value"].notna().to_numpy(), den > 0)
    expected = int(((people < 10) & drawn_at_all).sum())
    assert expected >= 2
    assert (
        f"moins de 10 personnes ou séjours, zéro compris, ne sont pas affichées ({expected} mois)"
        in page
    )
    # the hidden indicator's time-series row shows the mark, and it has no chart panel
    row = re.search(r"<tr><td>Plaintes et réclamations[^<]*</td>(.*?)</tr>", page).group(1)
    assert "&lt; 10" in row and "amélioration" not in row and "dégradation" not in row
    drawn = _svg_texts(parts)
    assert "Part des patients informés" in drawn and "Plaintes" not in drawn


def test_the_chart_marks_which_months_are_hidden():
    # twelve months, the 3rd, 4th and 9th hidden (observed blanked by the privacy pass)
    time = pd.date_range("2024-01-01", periods=12, freq="MS")
    hidden = np.isin(np.arange(12), [2, 3, 8])
    fitted = pd.DataFrame({"time": time, "observed": np.where(hidden, np.nan, 5.0),
                           "fitted": 5.0, "counterfactual": 5.0, "post": np.arange(12) >= 6,
                           "suppressed": hidden})  # fmt: skip
    fig = impact.report.figures.its_chart(fitted, lang="fr")
    [marks] = [line for line in fig.axes[0].get_lines()
               if line.get_label().startswith("Mois non affiché")]  # fmt: skip
    assert list(pd.to_datetime(marks.get_xdata())) == list(time[hidden])
    # at the foot of the chart, whatever the data's scale (axes fraction, not data units)
    assert marks.get_transform() == fig.axes[0].get_xaxis_transform()
    assert max(marks.get_ydata()) < 0.1
    # nothing hidden: no mark, no legend entry
    shown = impact.report.figures.its_chart(fitted.assign(suppressed=False), lang="fr")
    labels = [line.get_label() for line in shown.axes[0].get_lines()]
    assert not any(label.startswith("Mois non affiché") for label in labels)
