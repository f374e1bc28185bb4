"""Small-cell suppression blanks small counts and every statistic of their rows."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import impact
from impact.report.privacy import publishable, suppress_small_cells
from impact.report.results import compute_tables
from questionnaire_data import small_patients


def test_rows_with_any_small_count_are_blanked():
    table = pd.DataFrame(
        {
            "role": ["patient", "professionnel", "proche", "vide"],
            "n_before": [12, 30, 9, 0],
            "n_after": [8, 31, 15, 0],
            "estimate": [0.4, 0.2, 0.1, np.nan],
            "ci_low": [0.1, 0.0, -0.2, np.nan],
            "mean_before": [2.1, 2.5, 1.9, np.nan],
            "method": ["Welch"] * 4,
        }
    )
    out = suppress_small_cells(table, min_cell=10)
    assert out["suppressed"].tolist() == [True, False, True, False]
    assert out.loc[0, ["n_before", "n_after"]].isna().all()  # 12 hidden too: 8 beside it
    assert out.loc[[0, 2], ["estimate", "ci_low", "mean_before"]].isna().all().all()
    assert out.loc[1, "estimate"] == 0.2 and out.loc[1, "n_before"] == 30
    assert out.loc[3, "n_before"] == 0  # an empty group reveals no one
    assert out["method"].tolist() == ["Welch"] * 4  # text is kept
    assert table.loc[0, "estimate"] == 0.4  # the input is not modified


def test_threshold_is_configurable_and_checked():
    table = pd.DataFrame({"n": [5, 20], "estimate": [1.0, 2.0]})
    assert suppress_small_cells(table, min_cell=5)["suppressed"].tolist() == [False, False]
    assert suppress_small_cells(table, min_cell=21)["suppressed"].tolist() == [True, True]
    with pytest.raises(ValueError, match="min_cell"):
        suppress_small_cells(table, min_cell=0)


# ----------------------------------------------------------------- the one privacy pass

_HIDING = {
    "suppress_small_cells",
    "complementary_cells",
    "hide_small_months",
}


def test_values_are_hidden_only_by_the_privacy_pass():
    """No module but report/privacy.py calls the cell operations (report/cells.py)."""
    src = Path(impact.__file__).parent
    callers = set()
    for path in src.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in _HIDING:
                    callers.add(path.relative_to(src).as_posix())
    assert callers == {"report/privacy.py"}


def _changes() -> pd.DataFrame:
    """A team's barometer changes: 'all' rows over each wave's respondents, 'paired' rows
    over the returning ones (``n`` = pairs)."""
    return pd.DataFrame({
        "team_id": "T1", "role_group": ["professionals"] * 2 + ["patient_side"],
        "dimension": "global", "analysis": ["all", "paired", "all"],
        "measure": "mean change", "estimate": [0.3, 0.2, 0.9], "se": 0.1,
        "n": [6, 6, 2], "n_before": [14, 6, 5], "n_after": [15, 6, 7],
        "n_group_before": [14, 14, 5], "n_group_after": [15, 15, 7],
        "n_paired": [6, 6, 2], "n_only_before": [8, 8, 3], "n_only_after": [9, 9, 5],
    })  # fmt: skip


def test_barometer_changes_keep_an_all_respondents_row_and_blank_its_small_counts():
    out = publishable({"barometer": {"changes": _changes()}}, 10)["barometer"]["changes"]
    # the professionals' change over 14 and 15 respondents is shown; its 6 pairs, 8 and 9
    # one-wave respondents are small counts: blanked, not the row
    assert out["suppressed"].tolist() == [False, True, True]
    assert out.loc[0, "estimate"] == 0.3 and out.loc[0, "n_before"] == 14
    assert out.loc[0, ["n", "n_paired", "n_only_before", "n_only_after"]].isna().all()
    # the paired change of 6 pairs, and the patient side of 5 and 7: hidden
    assert out.loc[[1, 2], ["estimate", "se", "n_before"]].isna().all(axis=None)


def test_a_family_mapping_is_published_by_key_and_names_are_unique():
    summary = pd.DataFrame({"role_group": ["professionals", "patient_side"], "n": [14, 5],
                            "mean": [2.1, 2.8]})  # fmt: skip
    out = publishable({"barometer": {"summary": summary, "changes": _changes()}}, 10)
    assert list(out) == ["barometer"] and list(out["barometer"]) == ["summary", "changes"]
    assert out["barometer"]["summary"]["mean"].isna().tolist() == [False, True]
    assert publishable({"barometer": None}, 10) == {"barometer": None}
    with pytest.raises(ValueError, match="barometer_changes"):
        publishable({"barometer": {"changes": _changes()}, "barometer_changes": _changes()})


# -------------------------------------------- any Likert questionnaire: the same rules


def test_a_small_group_in_a_questionnaire_is_hidden_with_every_statistic():
    prog = small_patients(2)  # 14 professionals, 5 patients at each wave
    run = compute_tables(prog, ["T01"], programme_did=False)
    out = publishable({"questionnaires": run.questionnaires}, 10)["questionnaires"]
    assert list(out) == ["qvt"]
    shown = out["qvt"]
    for name in ("summary", "changes"):
        table = shown[name]
        patients = table["role_group"] == "patient_side"
        assert patients.any() and table.loc[patients, "suppressed"].all()
        assert table.loc[patients].select_dtypes("number").isna().all(axis=None), name
        assert not table.loc[~patients, "suppressed"].any()  # the professionals are shown
    assert shown["gaps"]["suppressed"].all()  # every gap compares with the hidden side
    # a questionnaire the team did not answer passes as None
    assert publishable({"questionnaires": {"qvt": None}}, 10) == {"questionnaires": {"qvt": None}}


def test_joint_ratings_of_a_questionnaire_follow_its_own_hidden_groups():
    summary = pd.DataFrame({"team_id": "T1", "wave": "T0", "dimension": "global",
                            "role_group": ["professionals", "patient_side"], "n": [14, 4],
                            "mean": [3.1, 3.9]})  # fmt: skip
    joint = pd.DataFrame({"team_id": "T1", "wave": "T0", "dimension": "global",
                          "measure": "joint minus mean self-rating", "estimate": [0.2],
                          "mean_self": [3.3], "joint_score": [3.5], "n": [18]})  # fmt: skip
    out = publishable({"questionnaires": {"qvt": {"summary": summary, "joint": joint},
                                          "epp": {"summary": summary.assign(n=[14, 12]),
                                                  "joint": joint}}}, 10)  # fmt: skip
    # the joint rating against the mean of every self-rating minus the professionals'
    # published mean would give qvt's hidden patients back: hidden; epp hides nobody
    assert out["questionnaires"]["qvt"]["joint"]["suppressed"].tolist() == [True]
    assert out["questionnaires"]["qvt"]["joint"][["mean_self", "estimate"]].isna().all(axis=None)
    assert out["questionnaires"]["epp"]["joint"]["suppressed"].tolist() == [False]
    changes = publishable({"questionnaires": {"qvt": {"changes": _changes()}}}, 10)
    expected = publishable({"barometer": {"changes": _changes()}}, 10)["barometer"]["changes"]
    pd.testing.assert_frame_equal(changes["questionnaires"]["qvt"]["changes"], expected)
