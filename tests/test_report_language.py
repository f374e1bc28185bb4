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
from impact.stats.reasons import REASONS, join_reasons, reason_codes
from report_set import visible_text

#: The values a reason label may take from its effect-table row.
ROW = {"coverage": 0.875, "wave_before": "T0", "wave_after": "T1", "wave": "T1 − T0"}
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
    """A team report's visible text up to its provenance section (paths, hashes), without
    the comments quoted (``<q lang="fr">``: the patients' words, in French)."""
    page = reports.team_html(team).read_text(encoding="utf-8")
    page = re.sub(r'<q lang="fr">.*?</q>', " ", page, flags=re.S)
    return visible_text(page).split(about)[0]


def _data_values(reports, team: str) -> list[str]:
    """Free-text data of the team (names, its roadmap's texts and the trainings' titles are
    the data's, not labels), longest first so that no shorter text cuts a longer one."""
    teams = pd.read_csv(reports.data / "teams.csv", dtype=str).set_index("team_id")
    values = [v for v in teams.loc[team, ["name", "hospital", "ghu"]] if isinstance(v, str)]
    roadmap_file = reports.data / "roadmap.csv"
    if roadmap_file.is_file():
        roadmap = pd.read_csv(roadmap_file, dtype=str)
        columns = ["axis", "objective", "action", "owner_role", "governance"]
        texts = roadmap.loc[roadmap["team_id"] == team, columns]
        values += [v for v in texts.to_numpy().ravel() if isinstance(v, str)]
    sessions_file = reports.data / "training_sessions.csv"
    if sessions_file.is_file():  # the trainings' titles, as the data names them
        values += pd.read_csv(sessions_file, dtype=str)["title"].dropna().tolist()
    return sorted(set(values), key=len, reverse=True)


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


@pytest.mark.parametrize("code", list(REASONS))
def test_every_reason_code_is_said_in_french_and_in_english(code):
    french = reason_text(code, lang="fr", row=ROW)
    english = reason_text(code, lang="en", row=ROW)
    assert french and english and french != english
    assert not any(p.lower() in french.lower() for p in ENGLISH_PHRASES), french


def test_reason_labels_and_the_catalogue_match():
    labelled = {k.removeprefix("reason.") for k in LABELS if k.startswith("reason.")}
    assert labelled == set(REASONS)


def test_reasons_join_codes_and_take_numbers_from_the_row_or_the_configuration():
    assert reason_text("widest_interval;pairs_dropped", lang="fr", row={"coverage": 0.875}) == (
        "peu de paires : l'intervalle le plus large possible ne couvre que 87,5\u202f% ; "
        "valeurs manquantes écartées"
    )
    # the PREM publication threshold (impact.data.loading: 30) unless the caller says
    assert "moins de 30 questionnaires" in reason_text("small_sample", lang="fr")
    assert "fewer than 20 questionnaires" in reason_text("small_sample", lang="en", threshold=20)
    assert reason_text("no_wave_after", lang="en", row=ROW) == (
        "the team has no T1 wave: nothing to compare"
    )
    assert reason_text(None, lang="fr") == "" and reason_text(float("nan"), lang="en") == ""


def test_unknown_codes_and_missing_values_raise():
    with pytest.raises(ValueError, match="Unknown reason"):
        reason_text("fewer than 2 values (n before = 4, n after = 0)", lang="fr")
    with pytest.raises(ValueError, match="coverage"):
        reason_text("widest_interval", lang="en")
    with pytest.raises(ValueError, match="Unknown reason"):
        join_reasons("too_few_values", "no such code")


def test_the_demo_writes_only_catalogue_codes(french):
    found = set()
    for path in french.results_csvs():
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "reason" in table.columns:
            found |= {c for r in table["reason"] for c in reason_codes(r)}
    assert found, "no reason at all in the demo's results"
    assert found <= set(REASONS), found - set(REASONS)


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
