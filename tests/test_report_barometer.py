"""The barometer section of the team report: suppression marks, no small group's numbers."""

from __future__ import annotations

import re
from dataclasses import replace

import impact
from impact.report.barometer import barometer_section


def test_section_says_small_groups_once_and_shows_large_ones():
    programme = impact.demo_programme(n_teams=4, seed=5)
    parts = barometer_section(programme, "T01", lang="fr", min_cell=10)
    page = "\n".join(parts)
    # the demo's patient side is under 10 people: said once, not marked row after row
    assert page.count("Patients, proches et représentants des usagers : moins de 10") == 1
    assert "&lt; 10" not in page
    # radar and answer bars; no perception-gap chart, every patient-side group being hidden
    assert page.count("data:image/svg+xml;base64,") == 2
    # every "n = k" shown is at least the minimum cell size
    shown = [int(n) for n in re.findall(r"n = (\d+)", page)]
    assert shown and min(shown) >= 10


def test_team_without_barometer_says_so():
    programme = impact.demo_programme(n_teams=2, seed=5)
    empty = programme.barometer_responses.iloc[:0]
    parts = barometer_section(replace(programme, barometer_responses=empty), "T01", lang="en")
    assert parts == ["<p>No barometer answer for this team.</p>"]
