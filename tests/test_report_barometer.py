"""The barometer section of the team report: suppression marks, no small group's numbers."""

from __future__ import annotations

import re
from dataclasses import replace

import impact
from impact.report.barometer import barometer_section


def test_section_marks_small_groups_and_shows_large_ones():
    programme = impact.demo_programme(n_teams=4, seed=5)
    parts = barometer_section(programme, "T01", lang="fr", min_cell=10)
    page = "\n".join(parts)
    assert "&lt; 10" in page  # the demo's patient side is under 10 people
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
