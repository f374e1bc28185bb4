"""Randomisation inference in the domain and the programme report: did_by_indicator's
"randomisation" table, pooled effects' sign-flip p-value (visible teams only), the DiD
bundle, and the report's tables, notes and methods in French and English."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import impact
from impact.indicators.did import did_by_indicator
from impact.indicators.did_robustness import RANDOMISATION_COLUMNS
from impact.report.bundles import load_did_bundle, write_did_bundle
from impact.report.labels import LABELS
from impact.report.programme import (
    did_section,
    effectiveness_section,
    methods_html,
    programme_aggregates,
    programme_results,
)
from impact.synthesis.pooling import pooled_effects

NEW_CODES = ("too_few_units", "permutations_dropped", "few_placebo_units")


@pytest.fixture(scope="module")
def small() -> impact.Programme:
    return impact.demo_programme(n_teams=12, n_comparison=6, seed=3)


@pytest.fixture(scope="module")
def did(small):
    return did_by_indicator(small, n_boot=49)


@pytest.fixture(scope="module", params=["fr", "en"])
def results(request, small, did):
    return programme_results(small, lang=request.param, did=did, n_boot=49)


def _text(parts) -> str:
    html = "\n".join(map(str, parts)) if not isinstance(parts, str) else parts
    return re.sub(r"[ \t\n]+", " ", re.sub("<[^>]+>", " ", html)).replace("&#39;", "'")


def test_did_by_indicator_carries_one_randomisation_row_per_indicator(small, did):
    table = did["randomisation"]
    cs = did["overall"].query('estimator == "Callaway-Sant\'Anna"').set_index("indicator")
    assert list(table.columns) == RANDOMISATION_COLUMNS
    assert sorted(table["indicator"]) == sorted(cs.index)
    # the randomised statistic is the CS estimate the table shows, p_value its bootstrap p
    merged = table.merge(cs.reset_index(), on="indicator", suffixes=("", "_cs"))
    np.testing.assert_allclose(merged["estimate"], merged["estimate_cs"], rtol=1e-12)
    np.testing.assert_allclose(merged["p_value"], merged["p_value_cs"])
    ok = table["reason"] == ""
    assert ok.any()
    assert (table.loc[ok, "n_permutations"] == 499).all()
    assert table.loc[ok, "p_randomisation"].between(1 / 500, 1).all()
    # 6 comparison units: 3 placebo teams, 499 draws
    assert (table.loc[ok, "n_placebo_treated"] == 3).all()
    assert (table.loc[ok, "placebo_low"] <= table.loc[ok, "placebo_high"]).all()


def test_did_bundle_carries_the_randomisation_table(did, tmp_path):
    back = load_did_bundle(write_did_bundle(did, tmp_path / "did.pkl"))
    pd.testing.assert_frame_equal(back["randomisation"], did["randomisation"])


def _effects(hidden: float) -> pd.DataFrame:
    """Two outcomes of five teams; team E has 6 people before (hidden at min_cell 10)."""
    est = [0.5, 1.2, 2.0, -0.3, hidden]
    return pd.DataFrame({
        "family": "prem", "outcome": "all", "team_id": list("ABCDE"),
        "measure": "mean difference", "estimate": est, "se": 0.4,
        "ci_low": np.subtract(est, 0.8), "ci_high": np.add(est, 0.8), "scale": "identity",
        "p_value": 0.5, "n_before": [40, 35, 52, 28, 6], "n_after": [38, 30, 49, 33, 41],
        "n": pd.NA, "method": "", "reason": "", "better": "higher", "verdict": "inconclusive",
        "participation_level": "information", "ghu": "Nord", "domain": "médecine",
        "participation_score": 0,
    })  # fmt: skip


def test_pooled_randomisation_p_value_by_hand_and_on_visible_teams_only():
    # First principles: equal SEs give every team the same weight whatever τ², so the
    # REML pooled effect of a sign pattern is the plain mean; of the 2^4 patterns of the
    # visible teams (0.5, 1.2, 2.0, −0.3: sum 3.4), the signed sums with |sum| ≥ 3.4 are
    # ±3.4 (no flip, all flipped) and ±4.0 (−0.3 flipped, or all but it): 4 of 16, p = 0.25.
    shown = [programme_aggregates(_effects(h), 10)[1] for h in (3.0, -2.0)]
    assert shown[0]["p_randomisation"].iloc[0] == pytest.approx(0.25)
    assert shown[1]["p_randomisation"].iloc[0] == pytest.approx(0.25)  # hidden team out
    # unprotected, the hidden team's value moves the p-value (so the test can fail)
    assert pooled_effects(_effects(3.0))["p_randomisation"].iloc[0] != pytest.approx(0.25)
    one = pooled_effects(_effects(3.0).iloc[:1])
    assert np.isnan(one["p_randomisation"].iloc[0])


def test_report_shows_randomisation_beside_the_model(results):
    lang = results.lang
    did = _text(did_section(results))
    pooled = _text(effectiveness_section(results, forests={}))
    methods = _text(methods_html(results))
    labels = {k: LABELS[k][lang] for k in LABELS}
    for key in ("report.programme.did.col.p", "report.programme.col.p_ri",
                "report.programme.did.col.placebo"):  # fmt: skip
        assert labels[key] in did
    assert labels["report.programme.col.p"] in pooled
    assert labels["report.programme.col.p_ri"] in pooled
    assert ("Fisher (1935)" if lang == "fr" else "Fisher's (1935)") in methods
    assert "ri2" in methods
    share = r"\d+\u00a0% sur 499" if lang == "fr" else r"\d+% of 499"
    assert re.search(share, did)


def test_hidden_indicator_hides_its_randomisation_too(results):
    table = results.did["randomisation"]
    hidden = table["suppressed"].astype(bool)
    assert hidden.any()  # plaintes: a team under the threshold
    cols = [c for c in RANDOMISATION_COLUMNS if c not in ("indicator", "method", "reason")]
    assert table.loc[hidden, cols].isna().all().all()
    assert table.loc[~hidden, "p_randomisation"].notna().all()
    cs = results.did["overall"].query('estimator == "Callaway-Sant\'Anna"')
    assert set(table.loc[hidden, "indicator"]) == set(cs.loc[cs["suppressed"], "indicator"])


def test_reason_codes_have_sentences_in_both_languages():
    for code in NEW_CODES:
        assert set(LABELS[f"reason.{code}"]) == {"fr", "en"}
        assert all(LABELS[f"reason.{code}"].values())
