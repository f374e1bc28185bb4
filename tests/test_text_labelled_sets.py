"""The hand-written labelled French comment sets (issue 16) are well formed.

A loader test, not a measurement: each file reads as UTF-8 CSV, ids are unique, every
masking span lies inside its text, carries a known label, does not overlap another span
and neither starts nor ends on a space; every theme code and tone is known and the tones
are aligned with the themes. The sets themselves are described in
``data_schemas/labelled_comments/README.md`` (the dev sets may be read by implementers,
the test sets not).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

TEXT_DIR = Path(__file__).resolve().parents[1] / "data_schemas" / "labelled_comments"
MASKING_FILES = ["masking_dev.csv", "masking_test.csv"]
THEME_FILES = ["themes_dev.csv", "themes_test.csv"]
MASK_LABELS = {"NOM", "TELEPHONE", "COURRIEL", "DATE", "ADRESSE", "LIEU", "CHAMBRE"}
THEMES = {
    "accueil", "prise_en_charge_medicale", "prise_en_charge_paramedicale",
    "information_communication", "douleur", "attente_delais", "chambre_confort", "repas",
    "sortie", "respect_intimite", "participation_partenariat",
}  # fmt: skip
TONES = {"positif", "negatif", "mixte"}


def read_rows(name: str) -> list[dict[str, str]]:
    """Rows of one labelled file, as strings."""
    with open(TEXT_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split_codes(cell: str) -> list[str]:
    """The ';'-separated codes of one cell (an empty cell is no code)."""
    return cell.split(";") if cell else []


@pytest.mark.parametrize("name", MASKING_FILES + THEME_FILES)
def test_ids_unique_and_texts_present(name: str) -> None:
    rows = read_rows(name)
    ids = [row["id"] for row in rows]
    assert len(rows) > 0
    assert len(set(ids)) == len(ids)
    assert all(row["text"].strip() for row in rows)


@pytest.mark.parametrize("name", MASKING_FILES)
def test_masking_spans(name: str) -> None:
    rows = read_rows(name)
    assert list(rows[0]) == ["id", "text", "spans"]
    for row in rows:
        text, spans = row["text"], json.loads(row["spans"])
        ends = []
        for start, end, label in sorted(spans):
            assert label in MASK_LABELS, (row["id"], label)
            assert 0 <= start < end <= len(text), (row["id"], start, end)
            value = text[start:end]
            assert value == value.strip(), (row["id"], value)
            assert all(start >= previous for previous in ends), (row["id"], "overlap")
            ends.append(end)


@pytest.mark.parametrize("name", THEME_FILES)
def test_themes_and_tones(name: str) -> None:
    rows = read_rows(name)
    assert list(rows[0]) == ["id", "text", "themes", "tones"]
    for row in rows:
        themes, tones = split_codes(row["themes"]), split_codes(row["tones"])
        assert len(themes) == len(tones), row["id"]
        assert set(themes) <= THEMES, row["id"]
        assert len(set(themes)) == len(themes), row["id"]
        assert set(tones) <= TONES, row["id"]


@pytest.mark.parametrize("kind", ["masking", "themes"])
def test_held_out_set_shares_no_text_with_dev_set(kind: str) -> None:
    dev = {row["text"] for row in read_rows(f"{kind}_dev.csv")}
    test = {row["text"] for row in read_rows(f"{kind}_test.csv")}
    assert not dev & test


def test_held_out_themes_cover_every_theme_and_both_tones() -> None:
    # The brief of the held-out set: every theme at least 12 times, praised and criticised.
    pairs = [
        (theme, tone)
        for row in read_rows("themes_test.csv")
        for theme, tone in zip(split_codes(row["themes"]), split_codes(row["tones"]), strict=True)
    ]
    for theme in THEMES:
        tones = [tone for code, tone in pairs if code == theme]
        assert len(tones) >= 12, theme
        assert {"positif", "negatif"} <= set(tones), theme
