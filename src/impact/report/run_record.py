"""What a report run produced (reports done, failures, files), as the index page shows it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["RunResult", "TeamFailure"]


@dataclass(frozen=True)
class TeamFailure:
    """A report that could not be produced.

    Attributes
    ----------
    team_id : str
        The team (``"programme"`` for the programme report).
    error : str
        What went wrong, in plain words (the exception's name and message).
    notebook : pathlib.Path or None
        The executed notebook kept for inspection (``out/failed/<team_id>.ipynb``, or
        ``out/failed/programme_report.ipynb``), if execution got that far.
    report : {"team", "programme", "training"}
        Which kind of report failed (for a training, ``team_id`` holds its code).
    """

    team_id: str
    error: str
    notebook: Path | None = None
    report: str = "team"


@dataclass(frozen=True)
class RunResult:
    """What :func:`impact.run.runner.run_reports` produced.

    Attributes
    ----------
    out : pathlib.Path
        Output folder (``index.html``, ``run.json``, ``programme.html``, ``teams/``,
        ``trainings/``, ``results/``, ``failed/``).
    ok : list of str
        Teams whose report was written, in the order asked.
    failures : list of TeamFailure
        Reports not written, with the reason (the programme report first, if it failed).
    elapsed : float
        Wall-clock seconds of the whole run.
    programme : pathlib.Path or None
        ``programme.html`` when it was written.
    results : list of pathlib.Path
        Results CSV files written.
    timings : dict
        Seconds per report (``"programme"``, team ids, ``"training:<code>"``) and per phase.
    trainings : dict of str to str
        Training reports written (``trainings/<code>.html``): code → the training's title.
    """

    out: Path
    ok: list[str] = field(default_factory=list)
    failures: list[TeamFailure] = field(default_factory=list)
    elapsed: float = 0.0
    programme: Path | None = None
    results: list[Path] = field(default_factory=list)
    timings: dict = field(default_factory=dict)
    trainings: dict[str, str] = field(default_factory=dict)
