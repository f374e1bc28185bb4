"""Text from the data reaches the index and programme pages escaped by the templates'
autoescape: a team's name, a hospital group or an indicator's label holding ``<script>``
or ``&`` shows as text and never becomes markup."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

import impact
from impact.report.index import index_html
from impact.report.programme import (
    programme_results,
    subgroup_section,
    summary_html,
    title_html,
)
from impact.report.run_record import RunResult, TeamFailure

SCRIPT = "<script>alert(1)</script>"
GHU = f"GHU {SCRIPT} & Nord"
LABEL = "Chutes & <b>escarres</b>"


def test_index_escapes_names_errors_and_paths():
    names = {"T01": f"Soins {SCRIPT} & co", "C01": "Témoin <i>"}
    result = RunResult(
        Path("out"),
        ok=["T01"],
        failures=[TeamFailure("C01", "ValueError: <bad> & worse", Path("failed/C01.ipynb"))],
        programme=Path("out/programme.html"),
        results=[Path("results/a&b.csv")],
    )
    provenance = {"created": "2024-03-15T14:05:00+01:00", "version": "0.1", "data": "/d/<x>&y"}
    headlines = pd.DataFrame({"team_id": ["T01"], "improved": [2], "worsened": [0],
                              "inconclusive": [1], "prem": [2.5], "prem_ci_low": [-1.0],
                              "prem_ci_high": [6.0], "prem_status": ["inconclusive"]})  # fmt: skip
    page = index_html(result, names, provenance, lang="fr", headlines=headlines)
    assert "<script" not in page and "<i>" not in page and "<bad>" not in page
    assert "<td>Soins &lt;script&gt;alert(1)&lt;/script&gt; &amp; co</td>" in page
    assert "<td>ValueError: &lt;bad&gt; &amp; worse</td>" in page
    assert "&lt;x&gt;&amp;y" in page and "/d/" not in page  # the data folder's name only
    assert '<a href="results/a&amp;b.csv">a&amp;b.csv</a>' in page
    # the markup the page means to write is kept
    assert '<span class="up">2&nbsp;↑</span>' in page
    assert "+2,5 <small>−1,0 à 6,0</small>" in page


@pytest.fixture(scope="module")
def hostile() -> impact.Programme:
    """A small programme whose names, hospital groups and an indicator label hold markup."""
    prog = impact.demo_programme(n_teams=8, n_comparison=0, seed=4)
    teams = prog.teams.assign(name=f"Équipe {SCRIPT} & co", ghu=GHU)
    teams.loc[teams.index[::2], "ghu"] = "GHU Sud"
    indicators = prog.indicators.copy()
    indicators.loc[indicators.index[0], ["label_fr", "label_en"]] = LABEL
    return replace(prog, teams=teams, indicators=indicators)


def test_programme_page_escapes_text_from_the_data(hostile):
    res = programme_results(hostile, lang="fr")
    page = "\n".join([title_html(res), summary_html(res), *subgroup_section(res)])
    assert "<script" not in page and "<b>" not in page
    assert "Équipe" not in page  # teams are named by identifier only
    assert "GHU &lt;script&gt;alert(1)&lt;/script&gt; &amp; Nord" in page  # subgroup column
    assert "Chutes &amp; &lt;b&gt;escarres&lt;/b&gt;" in page  # the indicator's label
