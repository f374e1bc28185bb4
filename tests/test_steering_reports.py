"""The steering sections of the reports: partnership activity, roadmap, dose–response and
the certification evidence — what they show, what the privacy pass hides, and the files.

The programmes are small and built here (a demo skeleton with hand-made activity and
roadmap tables), so each expected value is written out from the rows.
"""

from __future__ import annotations

import dataclasses
import html

import numpy as np
import pandas as pd
import pytest

from impact.demo.programme import demo_programme
from impact.report.activity import activity_section, programme_activity_section
from impact.report.evidence import EVIDENCE_COLUMNS, certification_evidence, write_evidence
from impact.report.privacy import publishable
from impact.report.programme import programme_results
from impact.report.programme_steering import dose_response, team_doses
from impact.report.roadmap import roadmap_section, roadmap_status_table


@pytest.fixture(scope="module")
def skeleton():
    return demo_programme(n_teams=4, n_comparison=2, seed=1)


def _activity(programme, partners: dict[str, int], months: int = 14) -> pd.DataFrame:
    """``partners[team]`` partners active every month from the team's start, 2 meetings
    a month; partner k attends (k mod 3) of them (0, 1 or 2), 3 hours a month."""
    rows = []
    starts = programme.teams.set_index("team_id")["start_date"]
    for team, n in partners.items():
        first = pd.Timestamp(starts[team]).to_period("M")
        for m in range(months):
            month = (first + m).to_timestamp()
            for k in range(n):
                rows.append({"team_id": team, "month": month, "partner": f"{team}-P{k}",
                             "role": "patient" if k % 2 else "proche-aidant", "mode": "parcours",
                             "paid": k % 2 == 0, "meetings_held": 2, "meetings_attended": k % 3,
                             "hours": 3.0})  # fmt: skip
    return pd.DataFrame(rows)


def _with(programme, **tables):
    sources = {**programme.sources, **{name: None for name in tables}}
    return dataclasses.replace(programme, sources=sources, **tables)


# --- the privacy pass ------------------------------------------------------------------


def test_a_small_team_hides_its_partners_and_what_they_did_but_not_its_months():
    summary = pd.DataFrame({"team_id": ["A", "B"], "partners": [3, 12], "months": [14, 14],
                            "participation_rate": [0.5, 0.6], "attendances": [42, 200],
                            "meetings_offered": [84, 336], "hours": [126.0, 504.0],
                            "retention_12": [1.0, 0.9]})  # fmt: skip
    out = publishable({"activity_summary": summary}, 10)["activity_summary"]
    assert out["suppressed"].tolist() == [True, False]
    for col in ("partners", "participation_rate", "attendances", "meetings_offered", "hours",
                "retention_12"):  # fmt: skip
        assert np.isnan(out.loc[0, col]) and not np.isnan(out.loc[1, col]), col
    assert out["months"].tolist() == [14, 14]


def test_roles_follow_the_complementary_cell_rule_and_small_months_are_hidden():
    summary = pd.DataFrame({"team_id": ["A"], "partners": [30], "partners_patient": [25],
                            "partners_proche_aidant": [4], "partners_representant_usagers": [1],
                            "partners_association": [0]})  # fmt: skip
    out = publishable({"activity_summary": summary}, 10)["activity_summary"]
    # 4 and 1 are small; hidden together they add up to 5 < 10, so 25 goes too (25 + 4 + 1
    # = 30 would give them back otherwise); the zero stays
    assert out.loc[0, ["partners_patient", "partners_proche_aidant",
                       "partners_representant_usagers"]].isna().all()  # fmt: skip
    assert out.loc[0, "partners_association"] == 0 and out.loc[0, "partners"] == 30
    monthly = pd.DataFrame({"team_id": "A", "month": pd.to_datetime(["2024-01-01", "2024-02-01"]),
                            "partners": [4, 12], "meetings_held": [2, 3],
                            "participation_rate": [0.5, 0.75], "hours": [10.0, 40.0]})  # fmt: skip
    out = publishable({"activity_monthly": monthly}, 10)["activity_monthly"]
    assert out["suppressed"].tolist() == [True, False]
    assert out.loc[0, ["partners", "participation_rate", "hours"]].isna().all()
    assert out["meetings_held"].tolist() == [2, 3] and out.loc[1, "partners"] == 12


def test_a_roadmap_line_measured_on_few_people_loses_its_value_and_status():
    status = pd.DataFrame({"line": ["R1", "R2", "R3"], "n": [4.0, 40.0, np.nan],
                           "estimate": [2.5, 60.0, np.nan], "ci_low": [1.0, 55.0, np.nan],
                           "ci_high": [4.0, 65.0, np.nan], "probability": [0.7, np.nan, np.nan],
                           "status": ["on_track", "achieved", "no_indicator"],
                           "rule": ["latest_vs_target", "interval", ""]})  # fmt: skip
    out = publishable({"roadmap_status": status}, 10)["roadmap_status"]
    assert out["suppressed"].tolist() == [True, False, False]
    assert out.loc[0, ["estimate", "ci_low", "ci_high", "probability"]].isna().all()
    assert out["status"].tolist() == ["", "achieved", "no_indicator"]


# --- the activity sections ---------------------------------------------------------------


def test_activity_section_shows_rates_only_for_a_team_of_enough_partners(skeleton):
    programme = _with(skeleton, partnership_activity=_activity(skeleton, {"T01": 12, "T02": 3}))
    big = "".join(activity_section(programme, team_id="T01", min_cell=10))
    small = "".join(activity_section(programme, team_id="T02", min_cell=10))
    # T01: partners 0..11 attend k mod 3 of 2 meetings: (0+1+2)×4 = 12 of 24 a month → 50 %
    assert "12 patients partenaires" in big and "50\u202f%" in big
    assert "Moins de 10 patients partenaires impliqués" in small and "&lt; 10" in small
    assert "50\u202f%" not in small and "3 patients" not in small and "3 (" not in small
    assert "aucune activité" in "".join(activity_section(programme, team_id="T03")).lower()


def test_programme_activity_pools_every_partner_once(skeleton):
    activity = _activity(skeleton, {"T01": 12, "T02": 3, "T03": 4, "T04": 6})
    page = "".join(programme_activity_section(_with(skeleton, partnership_activity=activity)))
    # 25 partners in 4 teams; each team's partner k attends k mod 3 of 2 meetings: T01
    # 12 of 24, T02 3 of 6, T03 3 of 8 (0+1+2+0), T04 6 of 12 → 24 of 50 = 48 %
    assert "25 patients partenaires impliqués dans 4 équipe(s)" in page and "48\u202f%" in page


def test_programme_activity_leaves_out_a_lone_small_team(skeleton):
    activity = _activity(skeleton, {"T01": 12, "T02": 3})
    page = "".join(programme_activity_section(_with(skeleton, partnership_activity=activity)))
    # with T02 pooled, the programme minus T01's published figures would give T02's back
    assert "12 patients partenaires impliqués dans 1 équipe(s)" in page
    assert "1 équipe(s) de moins de 10 partenaires laissée(s) de côté" in page


def test_the_section_says_when_the_table_was_not_supplied(skeleton):
    sources = {k: v for k, v in skeleton.sources.items() if k != "partnership_activity"}
    programme = dataclasses.replace(skeleton, sources=sources, partnership_activity=pd.DataFrame())
    assert "Aucune activité de partenariat fournie" in activity_section(programme, team_id="T01")[0]


# --- the roadmap sections ------------------------------------------------------------------


def _roadmap(hospital: str) -> pd.DataFrame:
    base = {"owner_role": None, "governance": None, "baseline": None, "target_year1": None,
            "target_year2": None, "deadline": None, "certification": None,
            "start_date": pd.Timestamp("2024-01-01")}  # fmt: skip
    return pd.DataFrame([
        {**base, "line": "R1", "team_id": "T01", "hospital": None, "axis": "Parcours",
         "objective": "Informer", "action": "Lettre de liaison", "indicator": "info_sortie",
         "target_year3": 1.0, "certification": "EX-1; EX-2"},
        {**base, "line": "R2", "team_id": "T01", "hospital": None, "axis": "Former",
         "objective": "Former", "action": "Former les équipes", "indicator": None,
         "target_year3": None},
        {**base, "line": "R3", "team_id": None, "hospital": hospital, "axis": "Établissement",
         "objective": "Séjours", "action": "Réduire la DMS", "indicator": "dms",
         "target_year3": 1000.0},
    ])  # fmt: skip


def test_roadmap_section_writes_each_status_and_its_reason(skeleton):
    programme = _with(skeleton, roadmap=_roadmap(skeleton.teams["hospital"].iloc[0]))
    page = "".join(roadmap_section(programme, team_id="T01"))
    # R1: a 1 % target for a share near 50 % is met beyond doubt; R2 has no indicator
    assert "Actions suivies : 2 (sans indicateur 1, atteint 1)." in page
    assert "action sans indicateur de suivi" in page
    assert "entièrement du bon côté de la cible" in page
    establishments = "".join(roadmap_section(programme, team_id=None, lang="en"))
    assert "Actions followed: 1 (achieved 1)." in establishments  # a mean stay under 1,000 days
    assert "Lettre de liaison" not in establishments


def test_roadmap_status_table_carries_start_dates(skeleton):
    programme = _with(skeleton, roadmap=_roadmap(skeleton.teams["hospital"].iloc[0]))
    status = roadmap_status_table(programme)
    assert (status["start_date"] == pd.Timestamp("2024-01-01")).all()
    assert status.set_index("line").loc["R2", "status"] == "no_indicator"


# --- dose–response and evidence ------------------------------------------------------------


def test_team_doses_are_support_hours_per_ten_and_zero_without_support(skeleton):
    support = pd.DataFrame({"team_id": ["T01", "T01", "T02"],
                            "month": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-01"]),
                            "kind": ["formation-action", "accompagnement", "accompagnement"],
                            "sessions": [2, 1, 1], "hours": [14.0, 1.0, 2.5]})  # fmt: skip
    doses = team_doses(_with(skeleton, programme_support=support)).set_index("team_id")
    assert doses["support_dose"].to_dict() == {"T01": 1.5, "T02": 0.25, "T03": 0.0, "T04": 0.0}


@pytest.fixture(scope="module")
def certified(skeleton):
    indicators = skeleton.indicators.assign(
        certification=np.where(skeleton.indicators["code"] == "info_sortie", "=1+1; EX-3", None)
    )
    programme = _with(skeleton, indicators=indicators,
                      roadmap=_roadmap(skeleton.teams["hospital"].iloc[0]))  # fmt: skip
    return programme_results(programme, min_cell=10)


def test_evidence_lists_each_criterion_with_its_results_and_pages(certified):
    evidence = certification_evidence(certified)
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    # info_sortie's two criteria × the 4 teams' effects, and R1's two criteria
    assert evidence["criterion"].value_counts().to_dict() == {"=1+1": 4, "EX-3": 4, "EX-1": 1,
                                                              "EX-2": 1}  # fmt: skip
    roadmap = evidence.loc[evidence["criterion"] == "EX-1"].iloc[0]
    assert roadmap["report"] == "teams/T01.html#team-roadmap" and roadmap["result"] == "atteint"
    rows = evidence.loc[evidence["criterion"] == "EX-3"]
    assert set(rows["report"]) == {f"teams/T0{k}.html#team-trends" for k in range(1, 5)}


def test_evidence_file_opens_in_french_excel_without_running_a_formula(certified, tmp_path):
    path = write_evidence(certification_evidence(certified), tmp_path / "c.csv", lang="fr")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == (
        "critère;source;équipe ou établissement;mesure;quand;résultat;rapport"
    )
    assert "\n'=1+1;" in text.replace("\r\n", "\n") and "\n=1+1" not in text


def test_dose_response_needs_a_dose_that_varies(certified):
    programme = dataclasses.replace(certified.programme, programme_support=pd.DataFrame(),
                                    partnership_activity=pd.DataFrame())  # fmt: skip
    assert dose_response(dataclasses.replace(certified, programme=programme)) == {}


def test_dose_response_regresses_the_visible_teams_on_each_dose(certified):
    tables = dose_response(certified)  # the demo's teams received varied support
    assert set(tables) == {"support_dose", "partner_intensity"}
    visible = certified.team_effects.loc[~certified.team_effects["suppressed"]]
    k = visible.groupby(["family", "outcome"]).size()
    slopes = tables["support_dose"].set_index(["family", "outcome"])
    assert (slopes["k"] == k.reindex(slopes.index)).all()


def test_a_failing_steering_family_is_said_listed_and_the_report_goes_on(skeleton, monkeypatch):
    from impact.report import team as team_module
    from impact.report.team import team_section, team_tables

    def broken(programme):
        raise RuntimeError("feuille de route illisible")

    monkeypatch.setattr(team_module, "roadmap_status_table", broken)
    programme = _with(skeleton, roadmap=_roadmap(skeleton.teams["hospital"].iloc[0]))
    tables = team_tables(programme, "T01", min_cell=10)
    assert set(tables.errors) == {"roadmap"} and "activity" in tables.steering
    assert "n&#39;a pas pu être calculée" in "".join(team_section(tables, "roadmap"))
    listed = html.unescape("".join(team_section(tables, "not-computed")))
    assert "Feuille de route\u00a0: le calcul a échoué" in listed
    assert "Activité de partenariat" in "".join(team_section(tables, "activity"))


def test_reaim_attendance_leaves_out_a_lone_small_team_as_the_activity_section(skeleton):
    from impact.report.reaim import reaim_summary

    # T01: 12 partners, 12 of 24 meetings a month (50 %); T02: 4 partners, 3 of 8 (37.5 %):
    # pooled, 15 of 32 = 46.9 % would give T02's back beside T01's published figures
    activity = _activity(skeleton, {"T01": 12, "T02": 4})
    out = reaim_summary(_with(skeleton, partnership_activity=activity), min_cell=10)
    assert out.set_index("measure").loc["participation_rate", "value"] == pytest.approx(50.0)
