"""The patient-experience section of the team report."""

from __future__ import annotations

import html
from dataclasses import replace

import impact
from impact.report.prem import prem_section


def test_section_flags_small_periods_and_names_covariates():
    programme = impact.demo_programme(n_teams=5, seed=5)
    page = "\n".join(prem_section(programme, "T01", lang="fr", min_cell=10))
    assert "⚠" in page and "estimation bayésienne" in page  # T01 has 25 answers after
    assert "classe d'âge" in html.unescape(page) and "age_group" not in page
    assert page.count("data:image/svg+xml;base64,") == 1  # the top-box chart
    assert "EQ-5D" in page


def test_team_without_prem_data_says_so():
    programme = impact.demo_programme(n_teams=2, seed=5)
    empty = replace(
        programme,
        prem_responses=programme.prem_responses.iloc[:0],
        prom_responses=programme.prom_responses.iloc[:0],
    )
    page = "\n".join(prem_section(empty, "T01", lang="en"))
    assert "No patient-experience questionnaire" in page
