"""The parallel-trends sensitivity in the programme's DiD results and report: the
``"sensitivity"`` table of did_by_indicator, the sup-t bands of its event study and
their privacy, the report subsection and its figure."""

from __future__ import annotations

from dataclasses import replace

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from scipy import stats  # noqa: E402

import impact  # noqa: E402
from impact.indicators.did_sensitivity import WINDOW, indicator_sensitivity  # noqa: E402
from impact.report.figures.sensitivity import default_grid, sensitivity_chart  # noqa: E402
from impact.report.labels import t  # noqa: E402
from impact.report.privacy import publishable  # noqa: E402
from impact.report.programme import did_section, programme_results  # noqa: E402
from impact.report.programme_sensitivity import sensitivity_section  # noqa: E402

MIN_CELL = 10


@pytest.fixture(scope="module")
def res():
    programme = impact.demo_programme(n_teams=16, n_comparison=6, seed=2024)
    return programme_results(programme, n_boot=49)


def test_did_by_indicator_has_one_sensitivity_row_per_indicator(res):
    sens, overall = res.did["sensitivity"], res.did["overall"]
    assert sorted(sens["indicator"]) == sorted(overall["indicator"].unique())
    for col in ("pretrend_chi2", "pretrend_df", "pretrend_p", "max_pre_change", "breakdown",
                "estimate", "ci_low", "ci_high", "method", "reason"):  # fmt: skip
        assert col in sens.columns, col
    ok = sens[sens["estimate"].notna()]
    assert len(ok) and set(ok["reason"]) <= {"", "ci_includes_zero"}
    # the window: 12 months from the start averaged, pre-periods −12 … −2 tested (the
    # demo's teams all have 12 months of data before their start)
    assert (ok["n"] == WINDOW[1] + 1).all() and (ok["last_event"] == WINDOW[1]).all()
    assert (ok["pretrend_df"] == -WINDOW[0] - 1).all()
    # a p-value is the χ² tail of its statistic (scipy)
    assert np.allclose(ok["pretrend_p"], stats.chi2.sf(ok["pretrend_chi2"], ok["pretrend_df"]))


def test_event_study_keeps_sup_t_bands_wider_than_the_pointwise_intervals(res):
    es = res.did["event_study"]
    shown = es[es["estimate"].notna() & es["band_low"].notna()]
    assert len(shown)
    # a simultaneous band uses a critical value above the pointwise z
    assert (shown["band_low"] <= shown["ci_low"] + 1e-12).all()
    assert (shown["band_high"] >= shown["ci_high"] - 1e-12).all()


def test_bands_of_a_hidden_indicator_are_blanked():
    # one team of "plaintes" under min_cell: the indicator's aggregates are hidden; its
    # band would give the estimate back as (band_low + band_high) / 2 (the attack)
    indicators = pd.DataFrame({"team_id": "T1", "indicator": ["chutes", "plaintes"],
                               "measure": "rate ratio", "estimate": [0.8, 0.5],
                               "n_before": [120, 4], "n_after": [110, 3]})  # fmt: skip
    es = pd.DataFrame({"indicator": ["chutes", "plaintes"], "event_time": 0,
                       "measure": "ATT by event time (Callaway-Sant'Anna)",
                       "estimate": [-0.1, -0.4], "ci_low": [-0.2, -0.5], "ci_high": [0.0, -0.3],
                       "band_low": [-0.3, -0.6], "band_high": [0.1, -0.2]})  # fmt: skip
    attack = (es["band_low"] + es["band_high"]) / 2
    assert np.isclose(attack[1], es["estimate"][1])
    out = publishable({"indicators": indicators, "did_event_study": es}, MIN_CELL)
    shown = out["did_event_study"]
    assert shown["suppressed"].tolist() == [False, True]
    assert shown.loc[1, ["estimate", "band_low", "band_high"]].isna().all()
    assert shown.loc[0, "band_low"] == -0.3


def test_section_has_table_sentence_and_figure(res):
    html = "\n".join(did_section(res))
    assert t("report.programme.sensitivity.title", "fr") in html
    assert "programme-sensitivity" in html and "<table" in html
    codes = list(res.did["sensitivity"]["indicator"])
    own = "\n".join(sensitivity_section(res, codes, charts=2))
    assert own in html  # the subsection closes the DiD section
    assert own.count("data:image/svg+xml") == 2  # the two charted indicators' figures


def test_hidden_indicator_is_left_out_of_the_section(res):
    codes = list(res.did["sensitivity"]["indicator"])
    overall = res.did["overall"].copy()
    hidden = codes[0]
    label = res.labels.get(("indicator", hidden), hidden)
    assert label in "\n".join(sensitivity_section(res, codes))
    overall["suppressed"] = overall["indicator"] == hidden
    masked = replace(res, did={**res.did, "overall": overall})
    html = "\n".join(sensitivity_section(masked, codes))
    assert label not in html
    # every indicator hidden: no subsection at all
    overall["suppressed"] = True
    assert sensitivity_section(replace(res, did={**res.did, "overall": overall}), codes) == []


def test_no_sensitivity_table_gives_no_section(res):
    # results computed before the table existed (a bundle of an older run)
    old = {k: v for k, v in res.did.items() if k != "sensitivity"}
    assert sensitivity_section(replace(res, did=old), ["dms"]) == []


def test_sentence_for_the_board_in_both_languages(res):
    row = pd.Series({"breakdown": 0.5})
    from impact.report.programme_sensitivity import _sentence

    fr = _sentence(row, "Durée de séjour", "fr")
    assert "resterait différent de zéro" in fr and "0,50" in fr
    assert "0.50" in _sentence(row, "Length of stay", "en")
    assert "pas de valeur de rupture" in _sentence(pd.Series({"breakdown": np.nan}), "X", "fr")


def test_figure_marks_the_breakdown_and_draws_without_data():
    row = pd.Series({"estimate": 2.5, "se": 0.0707107, "ci_low": 2.36141, "ci_high": 2.63859,
                     "z_target": 2.241403, "bias_factor": 1.5, "max_pre_change_upper": 0.573106,
                     "breakdown": 2.723765, "conf_level": 0.95, "last_event": 1})  # fmt: skip
    fig = sensitivity_chart(row, lang="fr")
    ax = fig.axes[0]
    # the smallest axis end of 0.02, 0.05 … 10 at least 1.5 × M̄*
    assert default_grid(2.723765)[-1] == 5.0 and default_grid(0.06)[-1] == 0.1
    texts = [x.get_text() for x in fig.legends[0].get_texts()]
    assert any("intervalle robuste à 95 %" in x for x in texts)
    assert any("M̄* = 2,72" in x for x in texts)
    assert any(np.allclose(line.get_xdata(), 2.723765) for line in ax.lines)  # marked
    empty = row.copy()
    empty[["estimate", "se", "ci_low", "ci_high", "max_pre_change_upper"]] = np.nan
    empty["breakdown"] = np.nan
    ax = sensitivity_chart(empty, lang="en").axes[0]
    assert any(x.get_text() == t("plot.sensitivity.empty", "en") for x in ax.texts)


def test_indicator_sensitivity_rejects_a_window_without_the_start():
    rows = pd.DataFrame(columns=["team_id", "indicator", "y", "t", "g"])
    with pytest.raises(ValueError, match="window"):
        indicator_sensitivity(rows, window=(0, 11))
    assert indicator_sensitivity(rows).empty
