"""Named exceptions and warnings raised by impact."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is not needed to raise or catch these (the command line's start)
    import pandas as pd

__all__ = [
    "DataValidationError",
    "ImpactError",
    "RunCheckError",
    "RunTerminated",
    "SmallSampleWarning",
]

PROBLEM_COLUMNS = ["severity", "table", "file", "row", "column", "value", "rule", "message"]


class ImpactError(Exception):
    """Base class of impact's own errors."""


class DataValidationError(ImpactError):
    """Input data break the data contract.

    Attributes
    ----------
    problems : pandas.DataFrame
        One row per problem, with columns ``severity`` ("error" or "warning"), ``table``,
        ``file``, ``row`` (as a spreadsheet numbers it: header = row 1; empty for a problem
        with a whole file), ``column``, ``value``, ``rule`` (a stable code such as
        ``"enum"`` or ``"foreign-key"``) and ``message`` (plain words, in the language
        asked for).
    """

    def __init__(self, problems: pd.DataFrame):
        self.problems = problems
        errors = problems[problems["severity"] == "error"]
        first = errors.iloc[0] if len(errors) else None
        head = f"{len(errors)} problem(s) in the input data"
        if first is not None:
            head += f"; first: {first['file']} row {first['row']}: {first['message']}"
        super().__init__(head)


class SmallSampleWarning(UserWarning):
    """A statistic rests on fewer observations than the publication threshold."""


class RunCheckError(ImpactError, ValueError):
    """A report run refused before any work: its data path, output folder or team ids
    cannot be used. The message is in the run's language."""


class RunTerminated(KeyboardInterrupt):
    """A run asked to stop by SIGTERM: it unwinds as on Ctrl-C (``impact run`` exits 143)."""
