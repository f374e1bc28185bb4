"""The training reports of a run: one page per training, ``DIR/trainings/<training>.html``.

After the team reports, :func:`training_jobs` gives the run's workers one job per training
of the programme (``notebooks/training_report.ipynb``, parameter ``results_path``: the
training's part of the programme, saved once by
:func:`impact.report.training_report.write_training_bundles`). A training whose report
fails is listed with the failures like a team's (its executed notebook kept as
``failed/training-<training>.ipynb``); a programme without training gets no ``trainings/``
folder.
"""

from __future__ import annotations

from pathlib import Path

from impact.data.programme import Programme
from impact.report.labels import t
from impact.report.training_report import training_codes, training_title, write_training_bundles
from impact.run.workers import Job

__all__ = ["KEY_PREFIX", "TRAINING_NOTEBOOK", "training_jobs", "training_key",
           "training_parameters"]  # fmt: skip

TRAINING_NOTEBOOK = "training_report.ipynb"
#: Prefix of a training's key among a run's outcomes (a team may have the same code).
KEY_PREFIX = "training:"


def training_key(training: str) -> str:
    """A training's job key: ``training:<code>``."""
    return KEY_PREFIX + training


def training_parameters(data_path: str, training: str, lang: str, min_cell: int,
                        results_path: str = "") -> dict:  # fmt: skip
    """The parameters the runner passes to ``training_report.ipynb``."""
    return {"data_path": data_path, "training": training, "lang": lang, "min_cell": min_cell,
            "results_path": results_path}  # fmt: skip


def training_jobs(programme: Programme, notebook: str, data: Path, work: Path, staging: Path,
                  lang: str, min_cell: int) -> dict[str, Job]:  # fmt: skip
    """One job per training of ``programme`` (by code), its bundle saved in ``work``.

    When the bundles cannot be written, each notebook reads the data itself (slower, same
    page).
    """
    codes = training_codes(programme)
    if not codes:
        return {}
    try:
        bundles = write_training_bundles(programme, codes, work / "trainings")
    except Exception:  # noqa: BLE001 - degrade to notebooks that read the data
        bundles = {}
    sessions = programme.training_sessions
    return {
        code: Job(
            training_key(code), notebook,
            training_parameters(str(data), code, lang, min_cell, str(bundles.get(code, ""))),
            t("training_report.title", lang, title=training_title(sessions, code)),
            staging / "trainings" / f"{code}.html",
            staging / "failed" / f"training-{code}.ipynb",
        )
        for code in codes
    }  # fmt: skip
