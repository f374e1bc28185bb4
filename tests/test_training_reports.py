"""Training reports (issue 15): one page per training, ``DIR/trainings/<training>.html``.

The fixture: the small demo programme plus two trainings written by hand. Training
``fpp`` (a quiz before and after, expectations, satisfaction, practice at a distance) has
three sessions of 14, 12 and 4 participants: the session of 4 is hidden, and so is the
session of 12, else the training's total minus the session of 14 would give it back.
Training ``atelier`` (no quiz) has two sessions of 12 participants.
"""

from __future__ import annotations

import base64
import html
import json
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import papermill
import pytest

import impact
from impact.data.schemas import TRAINING_TABLES
from impact.report.privacy import publishable, training_report_rules
from impact.run import trainings as run_trainings
from impact.run.runner import notebook_path, run_reports

MIN_CELL = 10
#: Session → (training, professionals, patient partners, start date).
SESSIONS = {
    "FPP-01": ("fpp", 11, 3, "2025-01-13"),
    "FPP-02": ("fpp", 10, 2, "2025-03-10"),
    "FPP-03": ("fpp", 3, 1, "2025-05-12"),
    "ATL-01": ("atelier", 10, 2, "2025-02-03"),
    "ATL-02": ("atelier", 9, 3, "2025-04-07"),
}
TITLES = {"fpp": "Formation au partenariat patient", "atelier": "Atelier de co-construction"}
QUIZ = {"Q1": "A", "Q2": "B", "Q3": "vrai", "Q4": "C", "Q5": "faux"}
WRONG = {"Q1": "B", "Q2": "C", "Q3": "faux", "Q4": "A", "Q5": "vrai"}
#: Satisfaction answers (1–5) of each session's participants, cycled: FPP-03's are low.
SATISFACTION = {"FPP-01": "45545", "FPP-02": "4434", "FPP-03": "1211", "ATL-01": "5554",
                "ATL-02": "3445"}  # fmt: skip


def training_frames(seed: int = 0) -> dict[str, pd.DataFrame]:
    """The four training tables of the fixture (sessions, participants, answers, items)."""
    rng = np.random.default_rng(seed)
    sessions, people, answers = [], [], []
    teams = ["T01", "T02", "T03"]
    for s, (code, n_pro, n_pat, date) in SESSIONS.items():
        sessions.append({
            "session": s, "training": code, "title": TITLES[code], "date": date,
            "end_date": str((pd.Timestamp(date) + pd.Timedelta(days=1)).date()),
            "place": "Hôpital A", "team_id": "", "trainer": "Organisme de formation",
            "hours": 14.0 if code == "fpp" else 7.0, "objectives": "OBJ1;OBJ2",
        })  # fmt: skip
        roles = ["professionnel"] * n_pro + ["patient partenaire"] * n_pat
        for k, role in enumerate(roles):
            who = f"{s}-P{k + 1:02d}"
            people.append({"session": s, "participant": who, "role": role,
                           "team_id": teams[k % 3]})  # fmt: skip

            def say(moment: str, item: str, answer: str, who=who, s=s) -> None:
                answers.append({"session": s, "participant": who, "moment": moment,
                                "item": item, "answer": answer})  # fmt: skip

            sat = SATISFACTION[s][k % len(SATISFACTION[s])]
            for item in ("SAT_OBJ", "SAT_PROG", "SAT_METH", "SAT_QUAL"):
                say("à chaud", item, sat)
            for item in ("EXP_OBJ1", "EXP_OBJ3"):
                said = "oui" if rng.random() < 0.7 else "non"
                say("attentes", item, said)
                if said == "oui":
                    say("à chaud", item, "oui" if rng.random() < 0.8 else "non")
            say("à distance", "PRAT_IND", "oui" if rng.random() < 0.6 else "non")
            say("à distance", "PLAN_1", ["fait", "en cours", "pas commencé"][k % 3])
            if code != "fpp":
                continue
            ability = rng.uniform(0.1, 0.7)  # chance of a right answer before, +0.3 after
            for item, right in QUIZ.items():
                if k != 1:  # the second participant of each session skips the quiz before
                    say("avant", item, right if rng.random() < ability else WRONG[item])
                if k != 2:  # the third skips it after
                    say("après", item, right if rng.random() < ability + 0.3 else WRONG[item])
    quiz = pd.DataFrame({
        "training": "fpp", "item": list(QUIZ), "kind": "quiz",
        "label_fr": [f"Question {k}" for k in range(1, 6)],
        "label_en": [f"Question {k}" for k in range(1, 6)],
        "correct": list(QUIZ.values()), "objective": ["OBJ1", "OBJ1", "OBJ2", "OBJ2", "OBJ2"],
    })  # fmt: skip
    expect = pd.DataFrame({
        "training": "", "item": ["EXP_OBJ1", "EXP_OBJ3"], "kind": "expectation",
        "label_fr": ["Attente : objectif 1", "Attente : objectif 3"],
        "label_en": ["Expectation: objective 1", "Expectation: objective 3"],
        "objective": ["OBJ1", "OBJ3"],
    })  # fmt: skip
    defaults = impact.demo_programme(n_teams=3, n_comparison=2, seed=11).training_items
    return {
        "training_sessions": pd.DataFrame(sessions),
        "training_participants": pd.DataFrame(people),
        "training_answers": pd.DataFrame(answers),
        "training_items": pd.concat([defaults, quiz, expect], ignore_index=True),
    }


def _programme(with_trainings: bool = True):
    """The small demo programme (no comparison unit) with the fixture's trainings, or
    without any training table."""
    demo = impact.demo_programme(n_teams=3, n_comparison=0, seed=11)
    if with_trainings:
        return replace(demo, **training_frames())
    return replace(demo, **{name: pd.DataFrame() for name in TRAINING_TABLES})


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("training") / "data"
    _programme().to_csv(folder)
    return folder


@pytest.fixture(scope="module")
def french(data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """A run in French (the default): one team report, then the training reports."""
    out = tmp_path_factory.mktemp("run-fr") / "out"
    return run_reports(data_dir, out, teams=["T01"], workers=2, min_cell=MIN_CELL,
                       progress=False, programme_report=False)  # fmt: skip


@pytest.fixture(scope="module")
def english_one_failing(data_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    """A run in English where the report of training ``atelier`` fails (its notebook is
    given a bundle that does not exist)."""
    out = tmp_path_factory.mktemp("run-en") / "out"
    patch = pytest.MonkeyPatch()
    plain = run_trainings.training_parameters

    def broken(data_path, training, lang, min_cell, results_path=""):
        if training == "atelier":
            results_path = str(out.parent / "no-such-bundle.pkl")
        return plain(data_path, training, lang, min_cell, results_path)

    patch.setattr(run_trainings, "training_parameters", broken)
    try:
        return run_reports(data_dir, out, teams=[], lang="en", workers=2, min_cell=MIN_CELL,
                           progress=False, programme_report=False)  # fmt: skip
    finally:
        patch.undo()


def _page(result, training: str) -> str:
    return (result.out / "trainings" / f"{training}.html").read_text(encoding="utf-8")


def _svg_texts(page: str) -> list[str]:
    """The SVG figures embedded in a page, decoded."""
    found = re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", page)
    return [base64.b64decode(data).decode("utf-8") for data in found]


def _row(page: str, first_cell: str) -> str:
    """The table row whose first cell is ``first_cell`` (the first such row)."""
    match = re.search(rf"<tr><td>{re.escape(first_cell)}</td>.*?</tr>", page, flags=re.S)
    assert match, first_cell
    return match.group(0)


# --- a run writes the training reports ------------------------------------------------


def test_a_run_writes_one_french_page_per_training_after_the_team_reports(french):
    assert french.ok == ["T01"] and french.failures == []
    assert french.trainings == {"fpp": TITLES["fpp"], "atelier": TITLES["atelier"]}
    for training in ("fpp", "atelier"):
        page = _page(french, training)
        assert '<html lang="fr"' in page
        assert f"Rapport de formation : {TITLES[training]}" in page
        assert "Niveau 1 — réaction" in page and "Level 1" not in page
    record = json.loads((french.out / "run.json").read_text(encoding="utf-8"))
    assert record["trainings"] == {"ok": ["fpp", "atelier"], "failed": []}
    assert record["parameters"]["lang"] == "fr"
    index = (french.out / "index.html").read_text(encoding="utf-8")
    assert 'href="trainings/fpp.html"' in index and 'href="trainings/atelier.html"' in index
    assert 'href="teams/T01.html"' in index


def test_a_training_page_has_the_three_levels_and_the_methods(french):
    page = html.unescape(_page(french, "fpp"))
    for text in ("Les sessions", "Satisfaction à chaud", "Attentes des participants",
                 "Niveau 2 — apprentissage", "Gain normalisé", "p (McNemar)", "KR-20",
                 "Niveau 3 — comportement", "Plans d'action", "Hake 1998", "McNemar (1947",
                 "Kuder et Richardson (1937", "Wilson (1927)", "Welch 1947"):  # fmt: skip
        assert text in page, text
    assert len(_svg_texts(page)) == 2  # satisfaction by domain, quiz before and after
    # a training without quiz says so, and still has its other levels
    atelier = html.unescape(_page(french, "atelier"))
    assert "Pas de quiz passé avant et après pour cette formation." in atelier
    assert "Satisfaction à chaud" in atelier and "Changement de pratique" in atelier


def test_small_sessions_and_their_complement_are_hidden_everywhere(french):
    """FPP-03 (4 participants) is hidden, and FPP-02 (12) with it, else the training's
    total minus FPP-01 would give FPP-03 back. Satisfaction means worked out from the
    fixture by hand (every item of a participant has the same answer): FPP-01's 14
    participants answer 4,5,5,4,5 cycled, mean 64/14 = 4.57; FPP-02's 12 answer 4,4,3,4
    cycled, mean 3.75; FPP-03's 4 answer 1,2,1,1, mean 1.25; the training's 30, 114/30 =
    3.80."""
    page = _page(french, "fpp")
    mark = f"&lt; {MIN_CELL}"
    assert "4,57" in page and "3,80" in page
    assert "3,75" not in page and "1,25" not in page
    for session in ("FPP-02", "FPP-03"):
        row = _row(page, session)  # the sessions table: participants and roles hidden
        assert row.count(mark) == 3 and ">12<" not in row and ">4<" not in row
        figures = _svg_texts(page)
        assert not any(session in svg for svg in figures)
    assert any("FPP-01" in svg for svg in _svg_texts(page))
    # FPP-01 is shown (14) but its 3 patient partners are not, nor its 11 professionals
    row = _row(page, "FPP-01")
    assert ">14<" in row and row.count(mark) == 2 and ">11<" not in row and ">3<" not in row


def test_english_reports_and_a_failing_training_does_not_stop_the_others(english_one_failing):
    result = english_one_failing
    assert result.trainings == {"fpp": TITLES["fpp"]}
    page = _page(result, "fpp")
    assert '<html lang="en"' in page and "Level 1 — reaction" in page
    assert "Niveau 1" not in page and "Training report: " in page
    assert not (result.out / "trainings" / "atelier.html").exists()
    [failure] = result.failures
    assert (failure.team_id, failure.report) == ("atelier", "training")
    assert "FileNotFoundError" in failure.error
    record = json.loads((result.out / "run.json").read_text(encoding="utf-8"))
    assert record["trainings"]["ok"] == ["fpp"]
    [failed] = record["trainings"]["failed"]
    assert failed["team_id"] == "atelier" and failed["notebook"] == "failed/training-atelier.ipynb"
    assert (result.out / failed["notebook"]).is_file()
    index = (result.out / "index.html").read_text(encoding="utf-8")
    assert "training: atelier" in index and 'href="failed/training-atelier.ipynb"' in index


def test_no_training_tables_no_trainings_folder(tmp_path: Path):
    data = tmp_path / "data"
    _programme(with_trainings=False).to_csv(data)
    result = run_reports(data, tmp_path / "out", teams=[], workers=1, progress=False,
                         programme_report=False)  # fmt: skip
    assert result.trainings == {} and result.failures == []
    assert not (result.out / "trainings").exists()
    record = json.loads((result.out / "run.json").read_text(encoding="utf-8"))
    assert record["trainings"] == {"ok": [], "failed": []}
    assert "trainings/" not in (result.out / "index.html").read_text(encoding="utf-8")


def test_the_notebook_declares_the_parameters_the_runner_passes():
    declared = papermill.inspect_notebook(str(notebook_path(run_trainings.TRAINING_NOTEBOOK)))
    assert list(declared) == list(run_trainings.training_parameters("d", "fpp", "fr", 10, "b"))
    assert declared["lang"]["default"] == '"fr"'  # French by default
    assert declared["results_path"]["default"] == '""'  # reads the data when alone


# --- the privacy rules, on hand-made tables -------------------------------------------


def _sessions(counts: dict[str, tuple[int, int]], training: str = "t") -> pd.DataFrame:
    """Sessions with (professionals, patient partners)."""
    return pd.DataFrame({
        "training": training, "session": list(counts), "hours": 7.0,
        "n": [a + b for a, b in counts.values()],
        "role_professionnel": [a for a, _ in counts.values()],
        "role_patient_partenaire": [b for _, b in counts.values()],
    })  # fmt: skip


def _total(sessions: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"training": ["t"], "n_sessions": [len(sessions)], "hours": [7.0],
                         **{c: [int(sessions[c].sum())] for c in
                            ("n", "role_professionnel", "role_patient_partenaire")}})  # fmt: skip


def test_a_small_session_hides_the_next_smallest_too():
    """Sessions of 30, 25, 4 and 20: 4 is hidden, then 20 (the smallest other one), since
    4 alone would be the total minus the sessions shown; two hidden sessions of 24 people
    in all give nothing back (the complementary-cell rule)."""
    sessions = _sessions({"A": (20, 10), "B": (15, 10), "C": (3, 1), "D": (10, 10)})
    shown = training_report_rules({"sessions": sessions, "participants": _total(sessions)},
                                  MIN_CELL)["sessions"]  # fmt: skip
    assert shown["suppressed"].tolist() == [False, False, True, True]
    assert shown["n"].isna().tolist() == [False, False, True, True]
    assert shown["hours"].tolist() == [7.0] * 4  # a session's hours are not about people


def test_roles_are_hidden_so_that_no_row_or_column_gives_them_back():
    """A (11 professionals, 3 patient partners), B (10, 10), C (12, 8); totals 33 and 21.
    A's 3 and C's 8 are small: hidden with A's 11 and C's 12 (their rows' totals are
    shown); each column then has two hidden cells adding up to 23 and 11 people, so B
    stays, and so do the training's 33 and 21."""
    sessions = _sessions({"A": (11, 3), "B": (10, 10), "C": (12, 8)})
    out = training_report_rules({"sessions": sessions, "participants": _total(sessions)},
                                MIN_CELL)  # fmt: skip
    roles = out["sessions"][["role_professionnel", "role_patient_partenaire"]]
    assert roles.isna().to_numpy().tolist() == [[True, True], [False, False], [True, True]]
    assert out["sessions"]["n"].tolist() == [14, 20, 20]
    total = out["participants"].iloc[0]
    assert (total["role_professionnel"], total["role_patient_partenaire"]) == (33, 21)


def test_a_small_row_per_session_hides_a_complementary_session_row():
    """Sessions of 15, 12 and 20 participants (none hidden), but 15, 3 and 20 answered the
    satisfaction questionnaire: the row of 3 is hidden, and the next smallest (15), else
    the training's row minus the two others would give it back."""
    sessions = _sessions({"A": (10, 5), "B": (10, 2), "C": (15, 5)})
    by_session = pd.DataFrame({"training": "t", "session": ["A", "B", "C"], "domain": "global",
                               "measure": "mean score", "estimate": [4.1, 2.0, 3.9],
                               "n": [15, 3, 20], "reason": ""})  # fmt: skip
    out = training_report_rules({"sessions": sessions, "satisfaction_sessions": by_session},
                                MIN_CELL)["satisfaction_sessions"]  # fmt: skip
    assert out["suppressed"].tolist() == [True, True, False]
    assert out["estimate"].isna().tolist() == [True, True, False]


def test_per_question_cells_under_min_cell_are_blanked_the_row_kept():
    items = pd.DataFrame({"training": "t", "item": ["Q1", "Q2"], "measure": "paired difference",
                          "estimate": [0.2, 0.1], "p_value": [0.03, 0.5], "n": [24, 24],
                          "share_before": [0.3, 0.5], "n_wrong_to_right": [12, 4],
                          "n_right_to_wrong": [0, 2], "reason": ""})  # fmt: skip
    out = publishable({"training_report": {"item_change": items}}, MIN_CELL)
    shown = out["training_report"]["item_change"]
    assert shown["suppressed"].tolist() == [False, False]
    assert shown["n_wrong_to_right"].tolist()[0] == 12 and pd.isna(shown["n_wrong_to_right"][1])
    assert shown["n_right_to_wrong"].tolist()[0] == 0 and pd.isna(shown["n_right_to_wrong"][1])
    assert shown["p_value"].tolist() == [0.03, 0.5]


def test_the_notebook_runs_alone_on_a_data_folder(data_dir: Path, tmp_path: Path):
    """As in JupyterLab: the data folder only; the first training (fpp, by date) is shown,
    its tables in the explore cells, then the page."""
    from impact.run.kernel_pool import LocalKernelManager

    nb = papermill.execute_notebook(
        str(notebook_path(run_trainings.TRAINING_NOTEBOOK)), str(tmp_path / "out.ipynb"),
        parameters={"data_path": str(data_dir)}, kernel_name="python3", progress_bar=False,
        cwd=str(tmp_path), kernel_manager_class=LocalKernelManager,
    )  # fmt: skip
    outputs = {c.id: c.outputs for c in nb.cells if c.cell_type == "code"}
    assert not any(o.output_type == "error" for out in outputs.values() for o in out)
    assert len(outputs["explore-tables"]) > 10  # every table, then the errors (none)
    title = "".join(o["data"].get("text/html", "") for o in outputs["title"])
    assert f"Rapport de formation : {TITLES['fpp']}" in title
