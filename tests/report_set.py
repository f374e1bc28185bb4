"""A small demo report set, built once per test session through the command line.

Every report test reads it through the session fixtures ``french`` and ``english`` of
conftest.py (offline HTML, privacy scan, language, report summary, and the French
programme notebook in test_programme_report.py), so the notebooks run once per language.
The CLI is called in a subprocess (``python -m impact run DATA --out OUT``), the way an
evaluation lead runs it, so these tests do not depend on the runner's Python API.
"""

from __future__ import annotations

import base64
import html
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

import impact

#: Demo programme: 3 teams, 5 comparison units. With seed 1 the barometer groups are
#: small (patient side 4–8 respondents a wave, professionals 8–12): at MIN_CELL = 12 some
#: role groups are shown and others hidden, which is what the privacy scan needs.
SEED = 1
N_TEAMS, N_COMPARISON = 3, 5
#: T01: professionals shown at T1 only; T03: no PROM data (a reason is shown).
TEAMS = ("T01", "T03")
MIN_CELL = 12

_BUILT: dict[tuple[str, int, tuple[str, ...]], ReportSet | str] = {}


@dataclass(frozen=True)
class ReportSet:
    """One run of ``impact run``: its folders and what the command printed."""

    data: Path
    out: Path
    teams: tuple[str, ...]
    lang: str
    min_cell: int
    stdout: str
    stderr: str

    def html_files(self) -> list[Path]:
        """Every HTML page the run wrote (index, team reports, programme report)."""
        return sorted(self.out.rglob("*.html"))

    def team_html(self, team_id: str) -> Path:
        return self.out / "teams" / f"{team_id}.html"

    @property
    def programme_html(self) -> Path:
        return self.out / "programme.html"

    def results_csvs(self) -> list[Path]:
        return sorted((self.out / "results").glob("*.csv"))


def report_set(
    tmp_path_factory: pytest.TempPathFactory,
    *,
    lang: str = "fr",
    min_cell: int = MIN_CELL,
    teams: tuple[str, ...] = TEAMS,
) -> ReportSet:
    """Build (once per session) the demo report set for ``lang`` and ``min_cell``."""
    key = (lang, min_cell, teams)
    if key not in _BUILT:
        root = tmp_path_factory.mktemp(f"reports-{lang}-{min_cell}")
        data = root / "data"
        impact.demo_programme(n_teams=N_TEAMS, n_comparison=N_COMPARISON, seed=SEED).to_csv(data)
        out = root / "out"
        cmd = [
            sys.executable,
            "-m",
            "impact",
            "run",
            str(data),
            "--out",
            str(out),
            "--teams",
            ",".join(teams),
            "--workers",
            "1",
            "--lang",
            lang,
            "--min-cell",
            str(min_cell),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
        if proc.returncode != 0:  # remembered: the other tests fail at once, no rerun
            _BUILT[key] = (
                f"`{' '.join(cmd[1:])}` failed (exit {proc.returncode}):\n"
                f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
            )
        else:
            _BUILT[key] = ReportSet(data, out, teams, lang, min_cell, proc.stdout, proc.stderr)
    if isinstance(_BUILT[key], str):
        pytest.fail(_BUILT[key])
    return _BUILT[key]


_BLOCK = re.compile(
    r"</?(?:td|th|tr|p|li|div|br|h[1-6]|ul|ol|table|thead|tbody|main|title|"
    r"head|figure|figcaption|caption|summary|details|nav|section)\b[^>]*>",
    re.I,
)


_SVG_NS = "http://www.w3.org/2000/svg"
_SVG = re.compile(r"\bsrc=\"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)")


def figure_text(page: str) -> str:
    """The text drawn in the page's SVG figures (labels, notes, tick labels), a line each."""
    lines = []
    for data in _SVG.findall(page):
        root = ElementTree.fromstring(base64.b64decode(data))
        lines += ["".join(node.itertext()) for node in root.iter(f"{{{_SVG_NS}}}text")]
    return "\n".join(lines)


def visible_text(page: str) -> str:
    """The text a reader sees: styles and scripts removed, block tags as line breaks,
    inline tags removed, entities decoded (no-break spaces kept), and the text drawn in
    the figures."""
    figures = figure_text(page)
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", page, flags=re.S | re.I)
    body = body[body.find("<body") :] if "<body" in body else body
    body = _BLOCK.sub("\n", body)
    text = html.unescape(re.sub(r"<[^>]+>", "", body))
    text = re.sub(r"[ \t\r\f\v]+", " ", text + "\n" + figures)
    return re.sub(r"\n\s*\n+", "\n", text)
