"""Collect data problems as rows of one DataFrame, with messages in the chosen language."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from impact.data.messages import t
from impact.errors import PROBLEM_COLUMNS

__all__ = ["ProblemLog", "as_text"]


def as_text(values: pd.Series | pd.Index) -> pd.Series:
    """Values as a person would have typed them: ``60`` rather than ``60.0``, "" if missing."""
    series = pd.Series(values)
    if series.dtype.kind == "f":
        whole = series.notna() & (series == series.round())
        text = series.astype(object).astype(str)
        text[whole] = series[whole].astype("int64").astype(str)
        return text.where(series.notna(), "")
    return series.astype(object).where(series.notna(), "").astype(str)


class ProblemLog:
    """Accumulates problems found while reading and validating a programme.

    Parameters
    ----------
    lang : {"fr", "en"}
        Language of the messages.
    """

    def __init__(self, lang: str = "fr"):
        t("validate.error", lang)  # fail early on an unknown language
        self.lang = lang
        self._parts: list[pd.DataFrame] = []

    def add(
        self,
        rule: str,
        *,
        table: str,
        file: str,
        rows: Sequence[int] | np.ndarray | None = None,
        column: str | None = None,
        values: Sequence[object] | None = None,
        severity: str = "error",
        **fields: object,
    ) -> None:
        """Record one problem per row (or one for the whole file when ``rows`` is None).

        ``values`` gives the raw cell text for each row; ``fields`` fill the message's
        other placeholders: a scalar is shared by all rows, a sequence gives one per row.
        """
        n = 1 if rows is None else len(rows)
        if n == 0:
            return
        row_col = pd.array([pd.NA] * n if rows is None else np.asarray(rows), dtype="Int64")
        vals = [pd.NA] * n if values is None else ["" if pd.isna(v) else str(v) for v in values]
        per_row = {k: v for k, v in fields.items() if isinstance(v, (list, np.ndarray, pd.Series))}
        shared = {k: v for k, v in fields.items() if k not in per_row}
        shared.setdefault("column", column)
        shared.setdefault("table", table)
        template = t(f"rule.{rule}", self.lang)
        messages = [
            template.format(value=vals[i], **shared, **{k: v[i] for k, v in per_row.items()})
            for i in range(n)
        ]
        self._parts.append(
            pd.DataFrame(
                {
                    "severity": severity,
                    "table": table,
                    "file": file,
                    "row": row_col,
                    "column": column if column is not None else pd.NA,
                    "value": vals,
                    "rule": rule,
                    "message": messages,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        """All problems so far: errors first, whole-file and header problems before cell
        problems, then by table (in the order they were read) and row."""
        if not self._parts:
            return pd.DataFrame(
                {c: pd.Series(dtype="Int64" if c == "row" else object) for c in PROBLEM_COLUMNS}
            )
        out = pd.concat(self._parts, ignore_index=True)[PROBLEM_COLUMNS]
        keys = pd.DataFrame(
            {
                "severity": out["severity"].map({"error": 0, "warning": 1}),
                "level": np.where(
                    out["row"].isna(), 0, np.where(out["row"].fillna(0).to_numpy() == 1, 1, 2)
                ),
                "table": pd.factorize(out["table"])[0],
                "row": out["row"].fillna(0),
            }
        )
        order = keys.sort_values(list(keys.columns), kind="stable").index
        return out.loc[order].reset_index(drop=True)

    @property
    def has_errors(self) -> bool:
        """Whether any problem of severity "error" was recorded."""
        return any((p["severity"] == "error").any() for p in self._parts)
