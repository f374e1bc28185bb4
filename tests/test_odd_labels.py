"""Any label works (#12, point 4): catalogue labels of any length or with mathtext and
LaTeX characters, team names in other scripts and long team ids never fail a report.

Before #12, a 100-character dimension label failed every team report (its figure's
margins left no room for the axes) and ``$\\moyenne$`` in an indicator label failed every
report (matplotlib read it as a formula).
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from xml.etree import ElementTree

import pandas as pd

import impact
from impact.report.figures.layout import text_width
from impact.run.runner import run_reports

MATH = r"$\moyenne$ 100 % _x_ {a} ^b "
INDICATOR = MATH + "durée de séjour des patients hospitalisés en médecine, chirurgie et obstétrique"
DIMENSION = ("Co-expression des savoirs expérientiels et professionnels dans toutes les "
             "instances de gouvernance de l'établissement et de ses services de soins")  # fmt: skip
NAME = "فريق الشراكة 患者伙伴关系团队"
#: A team_id as long as the schema allows (pattern [A-Za-z0-9_.-]+, maxLength 64: a
#: report's file name ``<team_id>.html`` stays well under the 255-byte limit).
LONG_ID = ("T" + "0123456789_.-" * 5)[:63] + "Z"
SVG = "{http://www.w3.org/2000/svg}"


def _odd_programme(folder: Path) -> None:
    """The demo programme with odd labels, written as CSV files."""
    impact.demo_programme(n_teams=2, n_comparison=2, seed=12).to_csv(folder)
    indicators = pd.read_csv(folder / "indicators.csv", dtype=str, keep_default_na=False)
    indicators.loc[0, "label_fr"] = INDICATOR
    indicators.to_csv(folder / "indicators.csv", index=False)
    items = pd.read_csv(folder / "barometer_items.csv", dtype=str, keep_default_na=False)
    items.loc[items["dimension"] == items["dimension"].iloc[0], "dimension_fr"] = DIMENSION
    items.to_csv(folder / "barometer_items.csv", index=False)
    for path in folder.glob("*.csv"):
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
        if "team_id" in table.columns:
            table["team_id"] = table["team_id"].replace("T02", LONG_ID)
            if path.name == "teams.csv":
                table.loc[table["team_id"] == "T01", "name"] = NAME
            table.to_csv(path, index=False)


def _svg_texts_outside(page: str) -> list[str]:
    """Texts of the page's figures whose extent (measured with the font the figure was
    laid out with) leaves the figure's viewBox; rotated texts are left out."""
    outside = []
    for data in re.findall(r'data:image/svg\+xml;base64,([^"]+)"', page):
        root = ElementTree.fromstring(base64.b64decode(data))
        width, height = (float(v) for v in root.get("viewBox").split()[2:])
        for node in root.iter(f"{SVG}text"):
            text = "".join(node.itertext())
            style = node.get("style", "")
            size = float(re.search(r"font-size: ([\d.]+)px", style).group(1))
            move = re.search(r"translate\(([-\d.]+) ([-\d.]+)\)", node.get("transform", ""))
            if "rotate(-90" in node.get("transform", "") or not text.strip():
                continue
            x, y = (
                (float(move.group(1)), float(move.group(2)))
                if move
                else (float(node.get("x")), float(node.get("y")))
            )
            w = text_width([text], size) * 72  # points: the viewBox's unit
            anchor = re.search(r"text-anchor: (\w+)", style)
            left = {"end": x - w, "middle": x - w / 2}.get(anchor and anchor.group(1), x)
            if left < -1 or left + w > width + 1 or y < 0 or y > height + 1:
                outside.append(text)
    return outside


def test_odd_labels_never_fail_a_report_and_show_escaped(tmp_path):
    data = tmp_path / "data"
    _odd_programme(data)
    result = run_reports(data, tmp_path / "out", teams=["T01", LONG_ID], workers=1,
                         progress=False)  # fmt: skip
    assert not result.failures, result.failures
    assert sorted(result.ok) == sorted(["T01", LONG_ID])
    pages = {
        team: (tmp_path / "out" / "teams" / f"{team}.html").read_text(encoding="utf-8")
        for team in ("T01", LONG_ID)
    }
    programme = (tmp_path / "out" / "programme.html").read_text(encoding="utf-8")
    for page in [*pages.values(), programme]:
        # the labels are shown as written (a table cell holds them whole)
        assert INDICATOR in html.unescape(page)
        assert not _svg_texts_outside(page), _svg_texts_outside(page)
    # the dimension is in T01's barometer tables (the long-id team's barometer is hidden
    # for small groups: one sentence, no table)
    assert DIMENSION in html.unescape(pages["T01"])
    # in the figures, long labels are wrapped and shortened with an ellipsis
    svg_texts = [
        "".join(node.itertext())
        for data in re.findall(r'data:image/svg\+xml;base64,([^"]+)"', pages["T01"])
        for node in ElementTree.fromstring(base64.b64decode(data)).iter(f"{SVG}text")
    ]
    assert any(text.startswith(MATH.strip()) for text in svg_texts), "mathtext not kept as text"
    assert any(text.endswith("…") for text in svg_texts)
    assert NAME in html.unescape(pages["T01"])
    assert LONG_ID in html.unescape((tmp_path / "out" / "index.html").read_text("utf-8"))
