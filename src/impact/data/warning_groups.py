"""Validation warnings grouped by rule, for ``impact run`` and the team report.

``impact validate`` prints every problem; a run prints the warnings of the data it read
before the reports, and each team report lists the ones that concern it, a few per rule
(:func:`warning_groups`) so that a warning repeated on many rows does not flood the screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from impact.data.messages import t

__all__ = ["TEAM_RULES", "WarningGroup", "team_warnings", "warning_groups", "warning_lines"]

#: Warnings about one team or comparison unit (its id is the problem's value, except for
#: ``comparison-start`` whose value is the date): a team report keeps its own only.
TEAM_RULES = ("no-post-period", "small-prem-period", "comparison-answers", "comparison-start")


@dataclass(frozen=True)
class WarningGroup:
    """The warnings of one rule: the first ``shown`` of them and how many more there are.

    Attributes
    ----------
    rule : str
    shown : pandas.DataFrame
        Rows of the problems table (``file``, ``row``, ``column``, ``message``…).
    more : int
        Warnings of this rule not in ``shown``.
    """

    rule: str
    shown: pd.DataFrame
    more: int


def warning_groups(problems: pd.DataFrame | None, most: int = 3) -> list[WarningGroup]:
    """The warnings of ``problems`` by rule, in their order, at most ``most`` shown per rule.

    Examples
    --------
    >>> problems = pd.DataFrame({"severity": ["warning"] * 4, "rule": ["a", "a", "b", "a"],
    ...                          "message": ["a1", "a2", "b1", "a3"]})
    >>> [(g.rule, g.shown["message"].tolist(), g.more) for g in warning_groups(problems, 2)]
    [('a', ['a1', 'a2'], 1), ('b', ['b1'], 0)]
    """
    if problems is None or problems.empty:
        return []
    warnings = problems[problems["severity"] == "warning"]
    groups = []
    for rule in dict.fromkeys(warnings["rule"]):
        rows = warnings[warnings["rule"] == rule]
        groups.append(WarningGroup(rule, rows.head(most), max(len(rows) - most, 0)))
    return groups


def team_warnings(problems: pd.DataFrame | None, team_id: str) -> pd.DataFrame | None:
    """The warnings that concern ``team_id`` or no team in particular (tables, headers,
    cells): another team's or a comparison unit's warnings are left out."""
    if problems is None or problems.empty:
        return problems
    about_team = problems["rule"].isin(TEAM_RULES)
    mine = problems["rule"].isin(TEAM_RULES[:2]) & (problems["value"] == team_id)
    return problems[~about_team | mine]


def warning_lines(problems: pd.DataFrame | None, lang: str = "fr", most: int = 3) -> list[str]:
    """What ``impact run`` prints about the data's warnings: a count, then at most ``most``
    warnings per rule (table, file, row, message) and how many more of the same kind.

    Examples
    --------
    >>> problems = pd.DataFrame({"severity": ["warning"], "table": ["teams"],
    ...     "file": ["teams.csv"], "row": [4], "rule": ["x"], "message": ["à voir"]})
    >>> warning_lines(problems)  # doctest: +NORMALIZE_WHITESPACE
    ['1 avertissement(s) sur les données (ils ne bloquent pas les rapports) :',
     '  [teams] teams.csv · ligne 4 : à voir']
    """
    groups = warning_groups(problems, most)
    if not groups:
        return []
    n = sum(len(g.shown) + g.more for g in groups)
    lines = [t("run.warnings", lang, n=n)]
    row = t("validate.row", lang)
    for group in groups:
        for p in group.shown.itertuples(index=False):
            where = [str(p.file)] + ([] if pd.isna(p.row) else [f"{row} {p.row}"])
            lines.append(f"  [{p.table}] {' · '.join(where)} : {p.message}")
        if group.more:
            lines.append(t("run.warnings.more", lang, n=group.more))
    return lines
