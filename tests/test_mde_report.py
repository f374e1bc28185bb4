"""The minimum detectable effect beside inconclusive verdicts in team reports (issue 17):
computed once per run (RunTables.mde, sliced per team), shown beside every inconclusive
before/after indicator, barometer change and PREM change, never beside a conclusive one
and never on a row hidden for a small cell. The MDE values themselves are checked in
test_power*.py and test_planning.py; this file checks where they appear."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from impact.demo.programme import demo_programme
from impact.report.indicator_tables import indicator_table_html
from impact.report.mde import mde_text
from impact.report.results import compute_tables
from impact.report.team import team_section, team_tables

TEAMS = ["T01", "T02", "T03"]


@pytest.fixture(scope="module")
def run():
    programme = demo_programme(n_teams=8, seed=5)
    return programme, compute_tables(programme, TEAMS, comments=False, programme_did=False)


def _rows(fragment: str) -> list[list[str]]:
    out = []
    for tr in re.findall(r"<tr>(.*?)</tr>", fragment, flags=re.S):
        cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", tr, flags=re.S)
        out.append([html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in cells])
    return out


def test_the_run_computes_the_mde_once_and_slices_it_by_team(run):
    programme, tables = run
    assert set(tables.mde["team_id"]) == set(TEAMS)
    assert {"indicators", "barometer", "prem"} <= set(tables.mde["family"])
    one = tables.team("T02").mde
    assert set(one["team_id"]) == {"T02"}
    assert len(one) == (tables.mde["team_id"] == "T02").sum()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_indicator_rows_show_the_mde_beside_inconclusive_verdicts_only(run, lang):
    programme, tables = run
    inconclusive = conclusive = 0
    for team in TEAMS:
        shown = team_tables(programme, team, tables.team(team), lang=lang)
        rows = _rows("\n".join(team_section(shown, "indicators")))
        header, body = rows[0], rows[1:]
        title = {"fr": "Plus petit effet détectable (80\u202f%, 5\u202f%)",
                 "en": "Minimum detectable effect (80%, 5%)"}  # fmt: skip
        assert header[-1] == title[lang]
        verdict = header.index("Conclusion" if lang == "fr" else "Verdict")
        words = ("non concluant", "inconclusive")
        for row in body:
            if "< 10" in row:  # hidden for a small cell: no MDE (it would reveal n)
                assert row[-1] == "–"
            elif row[verdict] in words:
                inconclusive += 1
                assert re.fullmatch(r"±[\d,.]+|\+[\d,.]+ / −[\d,.]+", row[-1]), row
            else:
                conclusive += 1
                assert row[-1] == "", row
    assert inconclusive and conclusive  # both cases met on this demo


def test_barometer_and_prem_changes_show_the_mde_when_inconclusive(run):
    programme, tables = run
    found = {"barometer": 0, "prem": 0}
    for team in TEAMS:
        shown = team_tables(programme, team, tables.team(team))
        for row in _rows("\n".join(team_section(shown, "barometer"))):
            if len(row) == 10 and re.search(r"\d à", row[4]):  # a change of all respondents
                low, high = (float(x.replace(",", ".").replace("−", "-").replace("+", ""))
                             for x in row[4].split(" à "))  # fmt: skip
                has = "Plus petit effet détectable" in row[-1]
                assert has == (low <= 0 <= high), row
                found["barometer"] += has
        rows = _rows("\n".join(team_section(shown, "prem")))
        prem = [r for r in rows if len(r) == 8 and r[0] != "Score"]
        for row in prem:
            if re.search(r"\d à", row[6]):
                low, high = (float(x.replace(",", ".").replace("−", "-").replace("+", ""))
                             for x in row[6].split(" à "))  # fmt: skip
                assert (row[7] != "") == (low <= 0 <= high), row
                found["prem"] += row[7] != ""
    assert found["barometer"] and found["prem"]


def test_the_mde_text_is_empty_for_hidden_conclusive_or_missing_rows():
    base = {"scale": "identity", "ci_low": -1.0, "ci_high": 2.0, "mde_up": 3.0,
            "mde_down": -2.5, "suppressed": False}  # fmt: skip
    row = pd.Series(base)
    assert mde_text(row, "fr") == "+3,0 / −2,5"
    assert mde_text(row.copy().replace({-2.5: -3.0}), "en") == "±3.0"
    assert mde_text(pd.Series({**base, "suppressed": True}), "fr") == ""
    assert mde_text(pd.Series({**base, "ci_low": 0.5}), "fr") == ""
    assert mde_text(pd.Series({**base, "mde_up": float("nan"), "mde_down": float("nan")}),
                    "fr") == ""  # fmt: skip
    ratio = pd.Series({**base, "scale": "log", "ci_low": 0.8, "ci_high": 1.3})
    assert mde_text(ratio, "fr") == "+3,0 / −2,5"  # a ratio's interval around 1


def test_a_table_without_mde_columns_is_unchanged():
    effects = pd.DataFrame({"team_id": ["T1"], "indicator": ["x"], "kind": ["mean"],
                            "scale": ["identity"], "estimate": [1.0], "ci_low": [-1.0],
                            "ci_high": [3.0], "value_before": [5.0], "value_after": [6.0],
                            "q_value": [0.5], "verdict": ["inconclusive"]})  # fmt: skip
    catalogue = pd.DataFrame({"code": ["x"], "label_fr": ["X"], "unit_fr": ["u"]})
    header = _rows(indicator_table_html(effects, catalogue))[0]
    assert header[-1] == "Conclusion" and len(header) == 8
