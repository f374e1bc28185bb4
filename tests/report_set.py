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
import os
import pickle
import re
import subprocess
import sys
import time
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
    """Build (once per session) the demo report set for ``lang`` and ``min_cell``.

    Under pytest-xdist the test processes share it: the first to ask builds it in the
    session's common temporary folder, the others wait for it (:func:`_build_once`).
    """
    key = (lang, min_cell, teams)
    if key not in _BUILT:
        base = tmp_path_factory.getbasetemp()
        shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
        name = f"reports-{lang}-{min_cell}-{'-'.join(teams)}"
        _BUILT[key] = _build_once(shared / name, lang=lang, min_cell=min_cell, teams=teams)
    if isinstance(_BUILT[key], str):
        pytest.fail(_BUILT[key])
    return _BUILT[key]


def _build_once(root: Path, *, lang: str, min_cell: int, teams: tuple[str, ...]
                ) -> ReportSet | str:  # fmt: skip
    """The report set in ``root``, built by the first process to create ``root`` (an atomic
    ``mkdir``), read back by the others once its ``built.pkl`` is there."""
    done = root / "built.pkl"
    try:
        root.mkdir()
    except FileExistsError:
        deadline = time.monotonic() + 900
        while not done.exists():
            if time.monotonic() > deadline:
                return f"waited 900 s for another test process to build {root}"
            time.sleep(0.5)
        return pickle.loads(done.read_bytes())
    data = root / "data"
    impact.demo_programme(n_teams=N_TEAMS, n_comparison=N_COMPARISON, seed=SEED).to_csv(data)
    out = root / "out"
    cmd = [sys.executable, "-m", "impact", "run", str(data), "--out", str(out),
           "--teams", ",".join(teams), "--workers", "1", "--lang", lang,
           "--min-cell", str(min_cell)]  # fmt: skip
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:  # remembered: the other tests fail at once, no rerun
        result: ReportSet | str = (
            f"`{' '.join(cmd[1:])}` failed (exit {proc.returncode}):\n"
            f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
        )
    else:
        result = ReportSet(data, out, teams, lang, min_cell, proc.stdout, proc.stderr)
    tmp = root / "built.tmp"
    tmp.write_bytes(pickle.dumps(result))
    os.replace(tmp, done)
    return result


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
