"""The picture that opens a report (impact.report.overview): every mark against "no
change" at the centre of its row, inside its drawing, coloured and worded by its verdict;
hidden rows are never drawn (first principles: the geometry is checked on the SVG)."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from impact.report.overview import COLOURS, MARK_WIDTH, overview_html, overview_row

SVG = re.compile(r"<svg .*?</svg>", re.S)


def _marks(html: str) -> list[dict[str, float]]:
    """Per drawn row: the no-change line's x, the interval's ends and the dot's x."""
    out = []
    for svg in SVG.findall(html):
        lines = re.findall(r'<line x1="([-\d.]+)" y1="[-\d.]+" x2="([-\d.]+)"', svg)
        dot = float(re.search(r'<circle cx="([-\d.]+)"', svg).group(1))
        middle = float(lines[0][0])
        low, high = (float(v) for v in lines[1]) if len(lines) > 1 else (math.nan, math.nan)
        out.append({"middle": middle, "low": low, "high": high, "dot": dot})
    return out


def test_marks_sit_against_no_change_inside_their_drawing():
    rows = pd.DataFrame([
        overview_row("F", "up", 2.0, 1.0, 3.0, "improved", lang="fr"),
        overview_row("F", "across", -0.5, -2.0, 1.5, "inconclusive", lang="fr"),
        overview_row("F", "down", -40.0, -50.0, -30.0, "worsened", lang="fr"),
        overview_row("G", "ratio", 0.5, 0.25, 1.0, "improved", lang="fr", log=True),
    ])  # fmt: skip
    marks = _marks(overview_html(rows, lang="fr"))
    assert len(marks) == 4
    for mark in marks:
        assert mark["middle"] == MARK_WIDTH / 2
        for x in (mark["low"], mark["high"], mark["dot"]):
            assert 0 < x < MARK_WIDTH
        assert mark["low"] <= mark["dot"] <= mark["high"]
    up, across, down, ratio = marks
    assert up["low"] > up["middle"]  # interval wholly above no change
    assert across["low"] < across["middle"] < across["high"]
    assert down["high"] < down["middle"]
    # a ratio is drawn on a log scale: 1 at the centre, 0.25 as far as 4 would be, and
    # 0.5 halfway between them
    assert ratio["high"] == pytest.approx(MARK_WIDTH / 2)
    assert (ratio["middle"] - ratio["dot"]) == pytest.approx(
        (ratio["middle"] - ratio["low"]) / 2, abs=0.1
    )


def test_each_mark_has_the_colour_and_the_words_of_its_verdict():
    rows = pd.DataFrame([
        overview_row("Indicateurs", "Durée de séjour", -0.7, -1.0, -0.4, "improved",
                     lang="fr", unit="jours"),
        overview_row("Indicateurs", "Plaintes", 1.2, 0.9, 1.6, "inconclusive", lang="fr",
                     log=True, digits=2),
    ])  # fmt: skip
    html = overview_html(rows, lang="fr")
    drawn = r"<tr class=\"impact-(improved|worsened|inconclusive)\">(.*?)</tr>"
    first, second = re.findall(drawn, html, re.S)
    assert first[0] == "improved" and COLOURS["improved"] in first[1]
    assert "amélioration" in first[1] and "−0,7\u00a0jours (−1,0 à −0,4)" in first[1]
    assert second[0] == "inconclusive" and "non concluant" in second[1]
    assert "×1,20 (0,90 à 1,60)" in second[1]
    assert html.count("Indicateurs") == 1  # one heading per family


def test_labels_are_escaped_and_an_estimate_without_interval_is_a_lone_dot():
    rows = pd.DataFrame([overview_row("F", "<b>x</b> & $y$", 1.0, math.nan, math.nan,
                                      "inconclusive", lang="en")])  # fmt: skip
    html = overview_html(rows, lang="en")
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt; &amp; $y$" in html
    [mark] = _marks(html)
    assert math.isnan(mark["low"]) and 0 < mark["dot"] < MARK_WIDTH


def test_no_rows_no_picture():
    assert overview_html(pd.DataFrame(), lang="fr") == ""
