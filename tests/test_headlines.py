"""One headline per family: the index, the team summary and the programme report agree."""

from __future__ import annotations

import html
import re

import numpy as np
import pandas as pd
import pytest

import impact
from impact.report.headlines import (
    barometer_headlines,
    index_headlines,
    indicator_headlines,
    prem_headlines,
)
from impact.report.privacy import publishable
from impact.report.programme import programme_results
from impact.report.results import compute_tables
from impact.report.summary import team_summary_html
from impact.report.team import team_tables

STATUS_KEYS = {"improved": "What improved", "worsened": "What worsened"}


@pytest.fixture(scope="module")
def small_run():
    programme = impact.demo_programme(n_teams=12, n_comparison=3, seed=11)
    teams = programme.team_ids
    tables = compute_tables(programme, teams, lang="en", min_cell=10, programme_did=False)
    return programme, teams, tables


def _bullet(summary: str, lead: str) -> str:
    """The text of the summary sentence that starts with ``lead`` ("" when absent)."""
    for lead_text, rest in re.findall(r"<p><strong>(.*?)</strong>(.*?)</p>", summary, flags=re.S):
        text = html.unescape(lead_text + rest)
        if text.startswith(f"{lead}:"):
            return text
    return ""


def test_indicator_headline_rule_from_hand_made_rows():
    """Before/after improved + ITS worsened → inconclusive (disagree); hidden stays hidden;
    no estimate → not computed; no ITS row → the before/after verdict stands."""
    ba = pd.DataFrame({
        "team_id": ["T1"] * 4,
        "indicator": ["a", "b", "c", "d"],
        "estimate": [1.0, 2.0, np.nan, 3.0],
        "verdict": ["improved", "worsened", "inconclusive", "improved"],
        "reason": ["", "", "too_few_values", ""],
        "suppressed": [False, False, False, True],
    })  # fmt: skip
    its = pd.DataFrame({
        "team_id": ["T1", "T1", "T1"],
        "indicator": ["a", "b", "d"],
        "measure": ["level change"] * 3,
        "estimate": [-1.0, -2.0, 1.0],
        "verdict": ["worsened", "worsened", "improved"],
    })  # fmt: skip
    out = indicator_headlines(ba, its).set_index("indicator")
    assert out["status"].to_dict() == {
        "a": "disagree", "b": "worsened", "c": "not-computed", "d": "hidden"}  # fmt: skip
    assert out.loc["a", "verdict"] == "inconclusive" and bool(out.loc["a", "disagree"])


def test_index_team_summary_and_programme_agree_on_every_verdict(small_run):
    programme, teams, tables = small_run
    index = index_headlines(tables).set_index("team_id")
    res = programme_results(programme, lang="en", min_cell=10, n_boot=19)
    prog = res.team_effects.loc[res.team_effects["family"] == "indicator"]
    labels = programme.indicators.set_index("code")["label_en"]
    compared = 0
    for team in teams:
        tt = team_tables(programme, team, tables.team(team), lang="en", min_cell=10)
        summary = team_summary_html(tt.indicators, tt.its.effects, programme.indicators,
                                    lang="en")  # fmt: skip
        bullets = {k: _bullet(summary, lead) for k, lead in STATUS_KEYS.items()}
        heads = indicator_headlines(tt.indicators, tt.its.effects)
        for verdict in ("improved", "worsened"):
            named = [c for c in labels.index if f" {labels[c]}" in bullets[verdict]]
            # the index counts what the team summary names
            assert int(index.loc[team, verdict]) == len(named), (team, verdict)
            # and the programme report's team verdicts say the same, indicator by indicator
            rows = prog.loc[prog["team_id"] == team].set_index("outcome")["verdict"]
            shown = heads.loc[heads["status"] != "hidden", "indicator"]
            for code in rows.index.intersection(shown):
                assert (rows[code] == verdict) == (code in named), (team, code, verdict)
                compared += 1
    assert compared > 0
    assert index[["improved", "worsened"]].to_numpy().sum() > 0  # something to compare


def test_barometer_and_prem_headlines_are_the_summary_rows(small_run):
    _, teams, tables = small_run
    index = index_headlines(tables).set_index("team_id")
    # the index publishes the survey tables as the team report does
    shown = publishable({"barometer": tables.barometer, "prem": tables.prem}, tables.min_cell)
    baro = barometer_headlines(shown["barometer"]["changes"])
    for r in baro.itertuples(index=False):
        value = index.loc[r.team_id, r.headline_key]
        assert (pd.isna(value) and r.suppressed) or value == r.estimate
    prem = prem_headlines(shown["prem"]["deltas"])
    for r in prem.itertuples(index=False):
        value = index.loc[r.team_id, "prem"]
        assert (pd.isna(value) and r.suppressed) or value == r.estimate
    assert len(baro) and len(prem)
