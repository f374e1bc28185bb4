"""Small cells in the time-series part of a team report: months and hidden indicators."""

from __future__ import annotations

import base64
import dataclasses
import re

import numpy as np
import pandas as pd
import pytest

import impact
from impact.indicator_trends import its_by_team
from impact.privacy import hide_small_months
from impact.report_team import team_section, team_tables


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
    assert merged.loc[merged["indicator"] == "n_patients_partenaires", "n_x"].isna().all()


def test_hide_small_months_blanks_only_observed_values_of_small_months():
    fitted = pd.DataFrame({"observed": [50.0, 20.0, np.nan, 4.0, 0.0],
                           "fitted": [1.0, 2, 3, 4, 5], "n": [80, 9, 3, np.nan, 0]})
    out, hidden = hide_small_months(fitted, min_cell=10)
    assert hidden == 1  # the month already empty is not counted; zero is not a small cell
    assert np.isnan(out["observed"][1])
    assert out["observed"][0] == 50.0 and out["observed"][3] == 4.0
    assert out["observed"][4] == 0.0
    assert out["fitted"].tolist() == [1.0, 2, 3, 4, 5]  # the model is kept
    assert fitted["observed"][1] == 20.0  # input untouched


def test_trends_section_hides_small_months_and_hidden_indicators(demo):
    values = demo.indicator_values.copy()
    start = demo.teams.set_index("team_id").loc["T01", "start_date"].to_period("M")
    t01 = values["team_id"] == "T01"
    months = values["period"].dt.to_period("M")
    # two months of "informed at discharge" computed on 5 stays: their points must go
    small = t01 & (values["indicator"] == "info_sortie") & months.isin([start + 2, start + 3])
    values.loc[small, ["numerator", "denominator"]] = [3, 5]
    # 3 complaints in the 12 months before the start: the before/after row is hidden
    before = t01 & (values["indicator"] == "plaintes") & (months < start)
    values.loc[before, "numerator"] = 0
    values.loc[before & (months == start - 1), "numerator"] = 3
    programme = dataclasses.replace(demo, indicator_values=values)

    tables = team_tables(programme, "T01", lang="fr", min_cell=10)
    assert tables.hidden == ["plaintes"]
    parts = team_section(tables, "trends")
    page = "".join(parts)
    # months hidden: the two above, and the team's own small months of the other
    # indicators (staff surveys of fewer than 10 answers, counted from the raw data)
    own = values[t01 & ~values["indicator"].isin(["plaintes", "n_patients_partenaires"])]
    people = own["denominator"].fillna(own["n"].astype(float))
    expected = int(((people > 0) & (people < 10)).sum())
    assert expected >= 2
    assert f"moins de 10 personnes ou séjours ne sont pas affichées ({expected} mois)" in page
    # the hidden indicator's time-series row shows the mark, and it has no chart panel
    row = re.search(r"<tr><td>Plaintes et réclamations[^<]*</td>(.*?)</tr>", page).group(1)
    assert "&lt; 10" in row and "amélioration" not in row and "dégradation" not in row
    drawn = _svg_texts(parts)
    assert "Part des patients informés" in drawn and "Plaintes" not in drawn
