"""Any Likert questionnaire, one engine: the barometer's tables, pages, pooling and privacy
serve every questionnaire of the catalogue (impact.barometer.questionnaires)."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

import impact
from impact.barometer.questionnaires import questionnaire_programme
from impact.barometer.scores import scores
from impact.report.bundles import load_team_results, write_team_bundles
from impact.report.figures.barometer import radar_chart, slope_chart
from impact.report.privacy import PERSON_COUNTS, publishable
from impact.report.programme import programme_results
from impact.report.questionnaires import questionnaires_section
from impact.report.results import compute_tables, team_results
from impact.report.team import SECTIONS, team_section, team_tables
from impact.synthesis.effects import team_effects
from questionnaire_data import both_sides, with_questionnaires
from report_set import figure_text

NAMES = ("summary", "changes", "gaps", "joint")


def _baro_copy(programme):
    """The programme with its barometer answered again as questionnaire "baro_copy": the
    barometer's catalogue rows (with the questionnaire columns) and answers."""
    items = programme.barometer_items.assign(
        questionnaire="baro_copy", questionnaire_fr="Copie du baromètre",
        questionnaire_en="Barometer copy", source="test")  # fmt: skip
    answers = programme.barometer_responses.copy()
    answers.insert(1, "questionnaire", "baro_copy")
    return replace(programme, questionnaire_items=items, questionnaire_responses=answers)


@pytest.fixture(scope="module")
def copy():
    return _baro_copy(impact.demo_programme(n_teams=4, n_comparison=2, seed=3))


# ----------------------------------------------------------------- one engine: equality


def test_a_questionnaire_with_the_barometers_catalogue_gives_the_barometers_tables(copy):
    run = compute_tables(copy, copy.team_ids, programme_did=False)
    assert list(run.questionnaires) == ["baro_copy"]
    for name in NAMES:
        pd.testing.assert_frame_equal(run.questionnaires["baro_copy"][name], run.barometer[name])
    team = team_results(copy, "T02")
    for name in NAMES:
        pd.testing.assert_frame_equal(team.questionnaires["baro_copy"][name], team.barometer[name])
    # published by the one privacy pass with the barometer's rules
    shown = publishable({"barometer": run.barometer, "questionnaires": run.questionnaires}, 12)
    for name in NAMES:
        pd.testing.assert_frame_equal(shown["questionnaires"]["baro_copy"][name],
                                      shown["barometer"][name])  # fmt: skip


def test_a_questionnaire_with_the_barometers_catalogue_pools_as_the_barometer(copy):
    effects = team_effects(copy, families=("barometer", "questionnaire"))
    baro = effects.loc[effects["family"] == "barometer"].reset_index(drop=True)
    quest = effects.loc[effects["family"] == "questionnaire"].reset_index(drop=True)
    assert quest["outcome"].str.startswith("baro_copy.").all()
    expected = baro.assign(family="questionnaire", outcome="baro_copy." + baro["outcome"])
    pd.testing.assert_frame_equal(quest, expected)
    # the programme report: the same pooled effects, small groups left out alike
    res = programme_results(copy, min_cell=8, n_boot=19)
    pooled = res.pooled.set_index(["family", "outcome"])
    for dim in ("co_expression", "global"):
        copied = pooled.loc[("questionnaire", f"baro_copy.{dim}")]
        pd.testing.assert_series_equal(copied, pooled.loc[("barometer", dim)], check_names=False)
    assert res.labels[("questionnaire", "baro_copy.global")] == "Copie du baromètre : Score global"


# ------------------------------------------------------- a 1–5 scale with reversed items


def _qvt_answers() -> pd.DataFrame:
    """Three professionals of T01 at T0 answer the staff quality-of-working-life
    questionnaire (default catalogue, 1–5; QVT_SE3 and QVT_ES3 reversed); None = no
    answer."""
    answers = {
        "P1": [5, 4, 2, 3, 2, 4, 4, 5, 1],
        "P2": [2, 3, 5, 1, None, 2, 3, 3, 4],
        "P3": [4, None, None, 5, 5, 5, 3, None, None],
    }
    items = ["QVT_SE1", "QVT_SE2", "QVT_SE3", "QVT_RC1", "QVT_RC2", "QVT_RC3", "QVT_ES1",
             "QVT_ES2", "QVT_ES3"]  # fmt: skip
    rows = [{"team_id": "T01", "questionnaire": "qvt", "wave": "T0", "respondent": who,
             "role": "professionnel", "assessment": "auto", "item": item, "score": score}
            for who, scores_ in answers.items() for item, score in zip(items, scores_,
                                                                        strict=True)]  # fmt: skip
    out = pd.DataFrame(rows)
    out["score"] = out["score"].astype("Int64")
    return out


def test_scores_of_a_questionnaire_with_reversed_items_by_hand():
    prog = impact.demo_programme(n_teams=2, seed=1)
    prog = replace(prog, questionnaire_responses=_qvt_answers())
    view = questionnaire_programme(prog, "qvt")
    s = scores(view.barometer_responses, view.barometer_items)
    s = s.set_index(["respondent", "dimension"])
    # by hand: a reversed answer x counts 1 + 5 − x; a dimension needs half of its items
    # answered; "global" is the mean of every answered item; favourable = 4 or 5
    # P1: sens (5, 4, 1+5−2=4) = 13/3; reconnaissance (3, 2, 4) = 3; estime (4, 5, 1+5−1=5)
    #     = 14/3; global 36/9 = 4; favourable 3/3, 1/3, 3/3, 7/9
    # P2: sens (2, 3, 6−5=1) = 2; reconnaissance (1, 2) = 1.5; estime (3, 3, 6−4=2) = 8/3;
    #     global 17/8; favourable 0 everywhere
    # P3: sens (4) and estime (3): one item of three, missing; reconnaissance (5, 5, 5) = 5;
    #     global (4 + 15 + 3)/5 = 22/5 (5 items of 9 ≥ half); favourable 4/5
    expected = {
        ("P1", "sens"): (13 / 3, 1), ("P1", "reconnaissance"): (3, 1 / 3),
        ("P1", "estime"): (14 / 3, 1), ("P1", "global"): (4, 7 / 9),
        ("P2", "sens"): (2, 0), ("P2", "reconnaissance"): (1.5, 0),
        ("P2", "estime"): (8 / 3, 0), ("P2", "global"): (17 / 8, 0),
        ("P3", "sens"): (np.nan, np.nan), ("P3", "reconnaissance"): (5, 1),
        ("P3", "estime"): (np.nan, np.nan), ("P3", "global"): (22 / 5, 4 / 5),
    }  # fmt: skip
    got = s.loc[list(expected), ["score", "favourable_share"]].to_numpy()
    np.testing.assert_allclose(got, np.array(list(expected.values()), dtype=float))
    assert (s["score_min"] == 1).all() and (s["score_max"] == 5).all()


def test_figures_of_a_1_to_5_questionnaire_are_drawn_on_1_to_5():
    prog = both_sides()
    tables = compute_tables(prog, ["T01"], programme_did=False).questionnaires["qvt"]
    radar = radar_chart(tables["summary"])
    assert all(ax.get_ylim() == (1.0, 5.0) for ax in radar.axes)
    slope = slope_chart(tables["gaps"], scale=(1, 5))
    assert all(ax.get_ylim() == (1.0, 5.0) for ax in slope.axes if ax.lines)
    # the section draws them so: titles, ticks and the answer scale's labels
    page = "\n".join(questionnaires_section(prog, "T01", lang="fr", min_cell=10))
    drawn = figure_text(page).splitlines()
    assert "Score moyen par dimension (1–5)" in drawn
    assert "note 1 (pas du tout d'accord)" in drawn and "note 5 (tout à fait d'accord)" in drawn
    assert not [t for t in drawn if t.startswith("note 0") or "ensemble" in t]
    assert "0,0" not in drawn  # no axis starts at 0: the slope chart spans 1–5 too
    assert {"1,0", "5,0"} <= set(drawn)
    assert "Réponses aux items (auto-évaluations)" in drawn
    # the scores' note gives the questionnaire's scale, not the barometer's
    assert "Score moyen (1 = pas du tout d'accord, 5 = tout à fait d'accord" in _text([page])


# ------------------------------------------------------------------------ team report


@pytest.fixture(scope="module")
def answered():
    """Demo programme whose T01 and T02 answered both questionnaires, T03 none."""
    prog = impact.demo_programme(n_teams=3, n_comparison=2, seed=1)
    return with_questionnaires(prog, teams=["T01", "T02"])


def _text(parts: list[str]) -> str:
    page = "\n".join(parts)
    page = re.sub(r'src="data:[^"]+"', "", page)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def test_team_report_shows_a_section_per_questionnaire(answered):
    assert SECTIONS.index("questionnaires") == SECTIONS.index("barometer") + 1
    tables = team_tables(answered, "T01", min_cell=5)
    parts = team_section(tables, "questionnaires")
    assert parts[0] == '<h2 id="team-questionnaires">Questionnaires</h2>'
    page = "\n".join(parts)
    for code, name in (("experience_pp", "Expérience des patients partenaires"),
                       ("qvt", "Qualité de vie au travail des professionnels")):  # fmt: skip
        assert f'<h3 id="team-questionnaires-{code}">{name}</h3>' in page
    text = _text(parts)
    assert "Réponses par item" in text and "Fiabilité des dimensions" in text
    assert "Sens du travail" in text and "Impact perçu sur les pratiques" in text
    # each is answered by one side, never jointly: no gap nor joint rating to show
    assert "Écart de perception" not in text and "Évaluation conjointe" not in text
    summary = _text(team_section(tables, "summary"))
    assert "Qualité de vie au travail des professionnels Score global, Professionnels" in summary
    assert "point (échelle 1–5)" in summary


def test_team_without_answers_or_programme_without_questionnaires_says_so(answered):
    parts = team_section(team_tables(answered, "T03", min_cell=5), "questionnaires")
    text = _text(parts)
    assert text.count("Pas de réponse à ce questionnaire pour cette équipe.") == 2
    tables = team_tables(answered, "T03", min_cell=5)
    assert "questionnaires" in tables.no_data
    empty = replace(answered, questionnaire_responses=answered.questionnaire_responses.iloc[:0])
    parts = team_section(team_tables(empty, "T01", lang="en", min_cell=5), "questionnaires")
    assert parts[1:] == ["<p>No questionnaire answer supplied for the programme.</p>"]
    assert "questionnaires" not in team_tables(empty, "T01", min_cell=5).no_data


def test_bundles_carry_the_questionnaires(answered, tmp_path):
    run = compute_tables(answered, ["T01", "T03"], programme_did=False)
    paths = write_team_bundles(answered, run, tmp_path)
    _, loaded = load_team_results(paths["T01"], team_id="T01", lang="fr", min_cell=10)
    alone = team_results(answered, "T01")
    assert list(loaded.questionnaires) == ["experience_pp", "qvt"]
    for code in loaded.questionnaires:
        for name in NAMES:
            pd.testing.assert_frame_equal(loaded.questionnaires[code][name],
                                          alone.questionnaires[code][name])  # fmt: skip
    _, none = load_team_results(paths["T03"], team_id="T03", lang="fr", min_cell=10)
    assert none.questionnaires == {"experience_pp": None, "qvt": None}


def test_a_failing_questionnaire_fails_its_section_only(answered):
    broken = answered.questionnaire_responses.copy()
    broken.loc[(broken["team_id"] == "T02") & (broken.index % 7 == 0), "item"] = "CE1"
    prog = replace(answered, questionnaire_responses=broken)  # an item of no questionnaire
    run = compute_tables(prog, ["T01", "T02"], programme_did=False)
    assert list(run.errors["questionnaires"]) == ["T02"]
    results = run.team("T02")
    tables = team_tables(prog, "T02", results, min_cell=5)
    assert "questionnaires" in tables.errors and tables.barometer is not None
    assert "n'a pas pu être calculée" in _text(team_section(tables, "questionnaires"))
    assert run.team("T01").questionnaires["qvt"] is not None


# ------------------------------------------------------------------ through `impact run`


@pytest.fixture(scope="module")
def run_folder(tmp_path_factory):
    """`impact run` on a demo programme with questionnaire answers, written as CSV files
    (so read back and validated), teams T01 (answers) and T03 (none)."""
    root = tmp_path_factory.mktemp("questionnaires")
    prog = impact.demo_programme(n_teams=3, n_comparison=3, seed=1)
    with_questionnaires(prog, teams=["T01", "T02"]).to_csv(root / "data")
    cmd = [sys.executable, "-m", "impact", "run", str(root / "data"), "--out",
           str(root / "out"), "--teams", "T01,T03", "--workers", "1",
           "--min-cell", "5"]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return root / "out"


def test_impact_run_shows_the_questionnaires_in_team_and_programme_reports(run_folder):
    page = html.unescape((run_folder / "teams" / "T01.html").read_text(encoding="utf-8"))
    assert 'href="#team-questionnaires"' in page
    assert '<h3 id="team-questionnaires-qvt">Qualité de vie au travail des professionnels' in page
    assert "Réponses par item" in page
    other = html.unescape((run_folder / "teams" / "T03.html").read_text(encoding="utf-8"))
    assert other.count("Pas de réponse à ce questionnaire pour cette équipe.") == 2
    programme = html.unescape((run_folder / "programme.html").read_text(encoding="utf-8"))
    assert "Questionnaires (échelles de Likert)" in programme
    assert "Qualité de vie au travail des professionnels : Score global" in programme


def test_impact_run_writes_the_questionnaires_results_with_no_small_count(run_folder):
    for key in ("scores", "changes", "gaps", "joint"):
        table = pd.read_csv(run_folder / "results" / f"questionnaire_{key}.csv")
        assert table.columns[0] == "questionnaire" and set(table["team_id"]) == {"T01"}
        assert set(table["questionnaire"]) == {"experience_pp", "qvt"}
        for col in (c for c in PERSON_COUNTS if c in table):
            values = pd.to_numeric(table[col], errors="coerce")
            assert not ((values > 0) & (values < 5)).any(), f"{key}: {col}"
    changes = pd.read_csv(run_folder / "results" / "questionnaire_changes.csv")
    assert changes["suppressed"].any() and not changes["suppressed"].all()
