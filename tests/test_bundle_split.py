"""Team bundles split the programme and the run's tables for all teams at once (issue 18:
in time linear in the number of teams) and hold exactly what each team alone gets:
:meth:`Programme.team` (comment texts emptied, the warnings its report shows) and
``CommentTables.team``."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import impact
from impact.report.bundles import load_team_results, write_team_bundles
from impact.report.comment_tables import CommentTables
from impact.report.results import RunTables, split_by_team

#: A team left without training participants, answers and comments (the empty paths).
BARE = "T02"
#: Warnings about T01, T02, a comparison unit and none in particular: a team's bundle
#: keeps its own and the last one (:func:`impact.data.warning_groups.team_warnings`).
WARNINGS = pd.DataFrame({
    "severity": "warning", "table": ["prem_responses", "teams", "indicator_values", "teams"],
    "rule": ["small-prem-period", "no-post-period", "comparison-answers", "some-rule"],
    "value": ["T01", "T02", "C01", "x"], "message": "…",
})  # fmt: skip


@pytest.fixture(scope="module")
def programme() -> impact.Programme:
    demo = impact.demo_programme(n_teams=8, n_comparison=3, seed=7)
    kept = {name: getattr(demo, name).loc[lambda d: d["team_id"] != BARE]
            for name in ("training_participants", "comments")}  # fmt: skip
    return dataclasses.replace(demo, **kept, warnings=WARNINGS)


def _assert_same(got: object, expected: object, where: str) -> None:
    if isinstance(expected, pd.DataFrame):
        assert_frame_equal(got, expected, obj=where)
    else:
        assert got == expected, where


def test_each_bundle_holds_the_teams_own_part_of_the_programme(programme, tmp_path):
    teams = programme.team_ids
    reviewed = programme.comments.loc[
        programme.comments["comment"].isin(programme.comment_reviews["comment"]), "team_id"
    ]
    trained = set(programme.training_participants["team_id"].dropna())
    assert reviewed.nunique() >= 1 and BARE not in trained and len(trained) >= 4  # the cases
    paths = write_team_bundles(programme, RunTables(teams=teams, lang="fr", min_cell=10),
                               tmp_path)  # fmt: skip
    for team in teams:
        got, _ = load_team_results(paths[team], team_id=team, lang="fr", min_cell=10)
        expected = programme.team(team)
        mine = WARNINGS.iloc[{"T01": [0, 3], "T02": [1, 3]}.get(team, [3])]
        expected = dataclasses.replace(expected, comments=expected.comments.assign(text=""),
                                       warnings=mine)  # fmt: skip
        for fld in dataclasses.fields(expected):
            _assert_same(getattr(got, fld.name), getattr(expected, fld.name),
                         f"{team}: {fld.name}")  # fmt: skip


def test_each_team_gets_its_own_comment_tables():
    def table(teams: list[str], extra: str) -> pd.DataFrame:
        return pd.DataFrame({"team_id": teams, "theme": [f"{extra}{k}" for k in range(len(teams))]})

    comments = CommentTables(
        shares=table(["T01", "T02", "T01", "C01"], "s"),
        changes=table(["T02", "T02", "T01"], "c"),
        quotes=table(["T01"], "q"),
        pooled=table(["*"], "p"),
        accuracy=pd.DataFrame(),
        themes=pd.DataFrame({"code": ["accueil"]}),
        method="règles",
        n_reviewed=0,
    )
    teams = ["T01", "T02", "T03"]
    split = split_by_team(RunTables(teams=teams, lang="fr", min_cell=10, comments=comments),
                          teams)  # fmt: skip
    for team in teams:
        got, expected = split[team].comments, comments.team(team)
        for fld in dataclasses.fields(expected):
            _assert_same(getattr(got, fld.name), getattr(expected, fld.name),
                         f"{team}: {fld.name}")  # fmt: skip
    assert split["T01"].comments.shares["theme"].tolist() == ["s0", "s2"]
    assert split["T03"].comments.quotes.empty
