"""Reports speak one language: French by default (decimal comma, no-break space before
%), English with ``--lang en`` (no French label left), estimator reasons translated.

Runs on the shared demo report set (tests/report_set.py) in both languages.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from impact.report.formatting import format_percent, reason_text
from impact.report.labels import LABELS
from report_set import visible_text

#: Frequent estimator reasons (English, from the library) as they reach a report.
ENGLISH_REASONS = (
    "fewer than 2 values (n before = 4, n after = 0)",
    "fewer than 2 complete pairs (n = 1)",
    "fewer than 2 respondents in a wave among those who answered only one (n before = 4, "
    "n after = 0)",
    "fewer than 2 respondents on a side (professionals n = 3, patient side n = 1)",
    "small sample: 8 questionnaires avant, 60 après (publication threshold 30)",
    "small sample: 12 complete pairs (threshold 30)",
    "only 3 comparison unit(s) with data in both periods (at least 5 needed)",
    "too few time points (before = 3, after = 20; at least 6 needed on each side)",
    "no PROM data for this team",
    "no measurement après",
    "no patient measured in both periods",
    "no informative answer in a period",
    "the team has no T1 wave: nothing to compare",
    "no self-assessment at T0",
    "no joint assessment at this wave",
    "all changes equal (sd = 0): no interval or test",
    "only 4 pairs: the widest interval covers 87.5%",
    "no variation among comparison units",
)
#: English phrases that must not reach a French report.
ENGLISH_PHRASES = (
    "fewer than",
    "small sample",
    "comparison unit",
    "too few",
    "no PROM data",
    "no measurement",
    "no patient",
    "no informative",
    "the team has no",
    "no self-assessment",
    "no joint",
    "all changes",
    "no variation",
    "not computed",
    "publication threshold",
    "widest interval",
    "missing count",
    "no events",
    "constant series",
)
#: French words that give away an untranslated label in an English report.
FRENCH_WORDS = re.compile(
    r"\b(avant|après|équipes?|données|répondants|intervalle|amélioration|dégradation|"
    r"concluant|moyenne|variation|partenaires|séjours|questionnaires d|à|et|les|des|du|"
    r"aucun|aucune|moins|pas|non|seulement|écart|vague|masqué)\b",
    re.I,
)


def _report_text(reports, team: str, about: str) -> str:
    """A team report's visible text up to its provenance section (paths, hashes)."""
    text = visible_text(reports.team_html(team).read_text(encoding="utf-8"))
    return text.split(about)[0]


def _data_values(reports, team: str) -> list[str]:
    """Free-text data of the team (names are the data's, not labels)."""
    teams = pd.read_csv(reports.data / "teams.csv", dtype=str).set_index("team_id")
    return [v for v in teams.loc[team, ["name", "hospital", "ghu"]] if isinstance(v, str)]


def test_english_reports_have_no_french_label_left(english):
    fragments = set()
    for key, texts in LABELS.items():
        if key.startswith("rule.") or texts["fr"] == texts["en"]:
            continue
        for part in re.split(r"\{[^}]*\}", texts["fr"]):
            part = part.strip(" :;,.()«»")
            if len(part) >= 15 and len(part.split()) >= 3:
                fragments.add(part)
    for team in english.teams:
        text = _report_text(english, team, "About this report")
        for value in _data_values(english, team):
            text = text.replace(value, " ")
        left = sorted(f for f in fragments if f in text)
        assert left == [], f"{team}: French labels in the English report"
        words = sorted({m.group(0) for m in FRENCH_WORDS.finditer(text)})
        assert words == [], f"{team}: French words {words}"
        assert "," not in re.sub(r"\d,\d{3}\b", "", " ".join(re.findall(r"\d[\d,]*\d", text)))


def test_french_reports_use_french_number_formats(french):
    for team in french.teams:
        text = _report_text(french, team, "À propos de ce rapport")
        decimals = re.findall(r"(?<![\w.,])\d+\.\d+(?![\w.])", text)
        assert decimals == [], f"{team}: decimal points {decimals}"
        # after a number, "%" takes a (narrow) no-break space: not glued, not a plain space
        glued = [text[max(0, m.start() - 20) : m.end()] for m in re.finditer(r"\d(?: ?)%", text)]
        assert glued == [], f"{team}: % without a no-break space before it"
        assert re.search(r"\d,\d", text), "no decimal comma at all"


def test_french_reports_show_no_english_reason(french):
    for team in french.teams:
        text = _report_text(french, team, "À propos de ce rapport")
        found = [p for p in ENGLISH_PHRASES if p.lower() in text.lower()]
        assert found == [], f"{team}: English reasons {found}"
    # the demo's T03 has no PROM data: the reason is there, in French
    assert "pas de données PROM pour cette équipe" in _report_text(
        french, "T03", "À propos de ce rapport"
    )


@pytest.mark.parametrize("reason", ENGLISH_REASONS)
def test_frequent_reasons_are_translated_without_small_counts(reason):
    french = reason_text(reason, lang="fr", min_cell=10)
    assert french and french != reason
    assert not any(p.lower() in french.lower() for p in ENGLISH_PHRASES), french
    assert french != LABELS["reason.other"]["fr"], f"no translation for {reason!r}"
    english = reason_text(reason, lang="en", min_cell=10)
    assert not re.search(
        r"\bn(?: \w+)? = [1-9]\b|(?<!than )\b[1-9] (?:questionnaires|"
        r"complete pairs|pairs|respondents)\b",
        english,
    ), english


def test_unknown_reasons_stay_short_in_french_and_masked_in_english():
    odd = "REML did not converge in 100 iterations; 3 row(s) dropped (missing estimate)"
    assert reason_text(odd, lang="fr") == (
        LABELS["reason.other"]["fr"] + " ; " + LABELS["reason.dropped"]["fr"]
    )
    assert (
        reason_text("something odd (n = 4)", lang="en", min_cell=10) == "something odd (n = < 10)"
    )
    assert reason_text(None, lang="fr") == "" and reason_text(float("nan"), lang="en") == ""


def test_percentages_follow_each_language():
    assert format_percent(56.25, lang="fr") == "56,2\u202f%"
    assert format_percent(56.25, lang="en") == "56.2%"
    assert format_percent(float("nan"), lang="fr") == "–"


def test_every_reason_label_exists_in_both_languages():
    keys = [k for k in LABELS if k.startswith(("reason.", "report.suppressed"))]
    assert len(keys) > 30
    for key in keys:
        assert set(LABELS[key]) == {"fr", "en"} and all(LABELS[key].values()), key
        assert not re.search(r"\d %| %", LABELS[key]["fr"]), key
