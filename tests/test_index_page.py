"""The index page as a heat-table: verdict colours, small groups said once, sortable by
hospital group, domain and participation level without any script."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from impact.report.index import index_html
from impact.report.run_record import RunResult

PROVENANCE = {"created": "2024-03-15T14:05:00+01:00", "version": "0.1", "data": "d"}


def _page(**changes: object) -> str:
    teams = pd.DataFrame({
        "team_id": ["T1", "T2", "T3"], "name": ["Un", "Deux", "Trois"],
        "ghu": ["GHU Sud", "GHU Est", "GHU Nord"], "domain": ["soins", "formation", "soins"],
        "participation_level": ["co-décision", "information", "consultation"],
    })  # fmt: skip
    heads = pd.DataFrame({
        "team_id": ["T1", "T2", "T3"], "improved": [2, 0, 1], "worsened": [0, 1, 0],
        "inconclusive": [1, 2, 2],
        "barometer_pro": [0.4, None, -0.1],
        "barometer_pro_status": ["improved", "hidden", "inconclusive"],
        "barometer_patients": [None, None, None],
        "barometer_patients_status": ["hidden", "hidden", "hidden"],
        "prem": [3.0, -4.0, None], "prem_ci_low": [1.0, -7.0, None],
        "prem_ci_high": [5.0, -1.0, None],
        "prem_status": ["improved", "worsened", "not-computed"],
    })  # fmt: skip
    for key, value in changes.items():
        heads[key] = value
    result = RunResult(Path("out"), ok=["T1", "T2", "T3"], failures=[])
    names = dict(zip(teams["team_id"], teams["name"], strict=True))
    return index_html(result, names, PROVENANCE, lang="fr", headlines=heads, min_cell=10,
                      teams=teams)  # fmt: skip


def _order(page: str, name: str) -> list[str]:
    body = re.search(rf'<tbody class="order order-{name}">(.*?)</tbody>', page, re.S).group(1)
    return re.findall(r"<tr><td>(T\d)</td>", body)


def test_the_table_sorts_by_group_domain_and_participation_without_script():
    page = _page()
    assert "<script" not in page.lower() and not re.search(r"<[^>]+\son\w+\s*=", page)
    assert _order(page, "team_id") == ["T1", "T2", "T3"]
    assert _order(page, "ghu") == ["T2", "T3", "T1"]  # Est, Nord, Sud
    assert _order(page, "domain") == ["T2", "T1", "T3"]  # formation, then soins by team
    # participation levels in their natural order, not alphabetical
    assert _order(page, "participation_level") == ["T2", "T3", "T1"]
    # one radio button per order, the team order checked; CSS shows the checked one
    assert re.findall(r'id="sort-(\w+)"', page) == ["team_id", "ghu", "domain",
                                                     "participation_level"]  # fmt: skip
    assert "#sort-ghu:checked ~ table tbody.order-ghu { display: table-row-group; }" in page


def test_cells_carry_their_verdict_and_a_column_hidden_everywhere_is_one_sentence():
    page = _page()
    rows = dict(re.findall(r"<tr><td>(T\d)</td>(.*?)</tr>", page, re.S))
    assert '<td class="num improved">+0,40</td>' in rows["T1"]
    assert '<td class="num hidden">–</td>' in rows["T2"]
    assert '<td class="num worsened">−4,0 <small>−7,0 à −1,0</small></td>' in rows["T2"]
    # the patient side is hidden in every team: no column of marks, one sentence
    assert "Baromètre, côté patients</th>" not in page
    assert ("Baromètre, côté patients : moins de 10 répondants dans chaque équipe ; "
            "résultats non affichés.") in page.replace("\u00a0", " ")  # fmt: skip
    assert "&lt; 10" not in page


def test_a_column_shown_in_one_team_stays():
    page = _page(barometer_patients=[0.2, None, None],
                 barometer_patients_status=["inconclusive", "hidden", "hidden"])  # fmt: skip
    assert "Baromètre, côté patients</th>" in page
    assert "dans chaque équipe" not in page
