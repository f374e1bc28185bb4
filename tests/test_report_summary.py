"""Plain-language summary: verdicts combine before/after and the time series."""

from __future__ import annotations

import pandas as pd

import impact
from impact.indicator_trends import its_by_team
from impact.indicators import compare_periods
from impact.report_summary import (
    indicator_verdicts,
    limits_html,
    not_computed_html,
    team_summary_html,
)


def test_disagreeing_time_series_makes_the_verdict_inconclusive():
    before_after = pd.DataFrame({"indicator": ["a", "b", "c"],
                                 "verdict": ["improved", "improved", "worsened"],
                                 "reason": ["", "", ""]})
    its = pd.DataFrame({"indicator": ["a", "b", "c"], "measure": "level change",
                        "verdict": ["inconclusive", "worsened", "worsened"]})
    out = indicator_verdicts(before_after, its).set_index("indicator")
    assert out["verdict"].to_dict() == {"a": "improved", "b": "inconclusive", "c": "worsened"}
    assert out["disagree"].tolist() == [False, True, False]


def test_summary_lists_indicators_by_verdict_in_french_and_english():
    programme = impact.demo_programme(n_teams=3, seed=2)
    before_after = compare_periods(programme, teams=["T01"])
    its = its_by_team(programme, teams=["T01"]).effects
    verdicts = indicator_verdicts(before_after, its)
    french = team_summary_html(before_after, its, programme.indicators, lang="fr")
    labels = programme.indicators.set_index("code")
    for row in verdicts.itertuples(index=False):
        label = labels.loc[row.indicator, "label_fr"].replace("'", "&#x27;")
        assert label in french
    english = team_summary_html(before_after, its, programme.indicators, lang="en")
    assert "What the team" in english and "Ce que" not in english


def test_not_computed_lists_reasons_and_skips_suppressed_rows():
    table = pd.DataFrame({"indicator": ["a", "b", "c"], "measure": "x",
                          "estimate": [float("nan"), 1.0, float("nan")],
                          "reason": ["too few time points", "", "tiny"],
                          "suppressed": [False, False, True]})
    page = not_computed_html({"its": table}, lang="en")
    assert "too few time points" in page and "tiny" not in page
    assert "Everything planned" in not_computed_html({"its": table.iloc[1:2]}, lang="en")
    assert limits_html(lang="fr").count("<p>") == 7
