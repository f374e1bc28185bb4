"""The planning table ``impact plan`` prints: minimum detectable effects in words.

:func:`mde_rows_shown` applies the minimum cell size (an MDE reveals the sizes behind
it: a row under ``min_cell`` shows the small-cell mark and stays out of the pooled
effect); :func:`plan_table_text` writes the per team × outcome table and the programme's
pooled MDE; :func:`pre_plan_text` the answers of a plan made before a programme starts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.report.formatting import MISSING, format_number, reason_text
from impact.report.labels import t
from impact.report.privacy import is_small

__all__ = ["mde_rows_shown", "plan_table_text", "pre_plan_text"]

#: The rows printed (the CSV keeps every row): barometer changes of all respondents,
#: case-mix adjusted patient-experience changes.
_PRINTED = {"barometer": ("analysis", "all"), "prem": ("measure", "adjusted mean difference")}


def mde_rows_shown(mde: pd.DataFrame, min_cell: int) -> pd.DataFrame:
    """``mde`` with ``suppressed`` (a size under ``min_cell`` in a period, or a time
    series of an indicator hidden so) and, on those rows, no size, MDE or standard error
    left."""
    sizes = mde[["n_before", "n_after"]].apply(pd.to_numeric, errors="coerce")
    small = is_small(sizes["n_before"].to_numpy(dtype=float), min_cell) | is_small(
        sizes["n_after"].to_numpy(dtype=float), min_cell
    )
    hidden = set(zip(mde.loc[small, "team_id"], mde.loc[small, "outcome"], strict=True))
    keys = zip(mde["team_id"], mde["outcome"], strict=True)
    its = (mde["family"] == "its").to_numpy() & np.array([k in hidden for k in keys], dtype=bool)
    small = small | its  # a series whose before/after counts are hidden is hidden too
    out = mde.assign(suppressed=small)
    out.loc[small, ["n_before", "n_after", "baseline", "mde_up", "mde_down", "se_null"]] = np.nan
    out.loc[small, "reason"] = ""  # a reason (no events...) would say something of the counts
    return out


def _outcome(row: object) -> str:
    extra = [str(v) for v in (row.role_group, row.level) if isinstance(v, str) and v]
    return f"{row.outcome} ({', '.join(extra)})" if extra else str(row.outcome)


def _table(frame: pd.DataFrame) -> str:
    widths = [max(len(str(v)) for v in [c, *frame[c]]) for c in frame.columns]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(frame.columns, widths, strict=True))]
    for values in frame.itertuples(index=False):
        lines.append("  ".join(str(v).ljust(w) for v, w in zip(values, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)


def plan_table_text(
    shown: pd.DataFrame, pooled: pd.DataFrame, lang: str, *, min_cell: int,
    power: float, alpha: float,
) -> str:  # fmt: skip
    """The table ``impact plan DATA`` prints, from :func:`mde_rows_shown` rows and
    :func:`impact.synthesis.planning.pooled_mde` of the rows shown."""
    keep = np.ones(len(shown), dtype=bool)
    for family, (col, value) in _PRINTED.items():
        keep &= ~((shown["family"] == family) & (shown[col] != value))
    mark = t("report.suppressed.mark", lang, min_cell=min_cell)
    rows = []
    for r in shown.loc[keep].itertuples(index=False):
        if r.suppressed:
            numbers = [mark] * 4 + [""]
        else:
            ratio = r.family == "its" and r.scale == "log"  # ITS of a rate: rate ratios
            up, down = (t("report.ratio", lang, value=format_number(v, lang=lang, digits=2))
                        if ratio else format_number(v, lang=lang, digits=2, sign=True)
                        for v in (r.mde_up, r.mde_down))  # fmt: skip
            numbers = [format_number(r.n_before, lang=lang, digits=0),
                       format_number(r.n_after, lang=lang, digits=0), up, down,
                       reason_text(r.reason, lang=lang)]  # fmt: skip
        rows.append([r.team_id, t(f"plan.family.{r.family}", lang), _outcome(r), *numbers])
    names = ("team", "family", "outcome", "n_before", "n_after", "up", "down", "note")
    columns = [t(f"plan.col.{c}", lang) for c in names]
    title = t("plan.title", lang, power=format_number(100 * power, lang=lang, digits=0),
              alpha=format_number(100 * alpha, lang=lang, digits=0))  # fmt: skip
    body = _table(pd.DataFrame(rows, columns=columns)) if rows else t("plan.empty", lang)
    parts = [title, body]
    if len(pooled):
        printed = pooled.loc[
            ~pooled["family"].isin(list(_PRINTED))
            | ((pooled["family"] == "barometer") & (pooled["analysis"] == "all"))
            | ((pooled["family"] == "prem") & (pooled["measure"] == "adjusted mean difference"))
        ]
        table = pd.DataFrame([[t(f"plan.family.{r.family}", lang), _outcome(r), r.k,
                               _pooled_text(r, lang)] for r in printed.itertuples(index=False)],
                             columns=[t(f"plan.col.{c}", lang)
                                      for c in ("family", "outcome", "k", "pooled")])  # fmt: skip
        parts += ["", t("plan.pooled", lang), _table(table)]
    if shown["suppressed"].any():
        parts.append(t("plan.hidden", lang, min_cell=min_cell))
    return "\n".join(parts)


def _pooled_text(row: object, lang: str) -> str:
    if row.scale == "log":  # rate ratios: the smallest ratios up and down
        up, down = np.exp(row.mde), np.exp(-row.mde)
        return t("plan.ratios", lang, up=format_number(up, lang=lang, digits=2),
                 down=format_number(down, lang=lang, digits=2))  # fmt: skip
    return f"±{format_number(row.mde, lang=lang, digits=2)}"


def pre_plan_text(plan: pd.DataFrame, lang: str, *, unit: str) -> str:
    """The answers of :func:`impact.synthesis.planning.plan_programme` in sentences;
    ``unit`` is "points" (a proportion) or "sd" (a mean in the outcome's unit)."""
    team, programme = plan.iloc[0], plan.iloc[1]

    def num(value: float, digits: int = 1, sign: bool = False) -> str:
        return MISSING if pd.isna(value) else format_number(value, lang=lang, digits=digits,
                                                            sign=sign)  # fmt: skip

    lines = [
        t(f"plan.pre.team.{unit}", lang, answers=num(team["answers"], 0),
          up=num(team["mde_up"], sign=True), down=num(team["mde_down"], sign=True)),
        t(f"plan.pre.pooled.{unit}", lang, teams=num(programme["teams"], 0),
          mde=num(programme["mde_up"])),
    ]  # fmt: skip
    if pd.notna(team["target"]):
        lines.append(t(f"plan.pre.target.{unit}", lang, target=num(team["target"]),
                       team=num(team["answers_needed"], 0),
                       teams=num(programme["teams_needed"], 0),
                       answers=num(programme["answers"], 0),
                       per_team=num(programme["answers_needed"], 0),
                       n_teams=num(programme["teams"], 0)))  # fmt: skip
        needed = [team["answers_needed"], programme["teams_needed"], programme["answers_needed"]]
        if any(pd.isna(v) for v in needed):
            lines.append(t("plan.pre.unreachable", lang))
    return "\n".join(lines)
