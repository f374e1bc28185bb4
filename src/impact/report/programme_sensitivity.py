"""The programme report's subsection « Sensibilité aux tendances parallèles ».

Reads the ``"sensitivity"`` table of :func:`impact.indicators.did.did_by_indicator`
(pre-trend test and relative-magnitude breakdown value per indicator) and draws
:func:`impact.report.figures.sensitivity.sensitivity_chart` for the indicators whose
event study the difference-in-differences section charts. Called by
:func:`impact.report.programme.did_section`. An indicator hidden there (its
Callaway–Sant'Anna row flagged ``suppressed`` by :func:`impact.report.privacy.publishable`)
is left out here.
"""

from __future__ import annotations

import pandas as pd

from impact.report.figures.sensitivity import sensitivity_chart
from impact.report.formatting import MISSING
from impact.report.labels import t
from impact.report.programme_effects import (
    ProgrammeResults,
    effect_text,
    figure,
    heading,
    interval_text,
    number_text,
    outcome_label,
    p_text,
    paragraph,
    table,
)

__all__ = ["sensitivity_section"]

CS = "Callaway-Sant'Anna"


def _hidden(overall: pd.DataFrame) -> set[str]:
    """Indicators whose Callaway–Sant'Anna row the privacy pass hid."""
    if "suppressed" not in overall.columns:
        return set()
    hit = (overall["estimator"] == CS) & overall["suppressed"].fillna(False).astype(bool)
    return set(overall.loc[hit, "indicator"])


def _sentence(row: pd.Series, outcome: str, lang: str) -> str:
    """The board's sentence: how far trends may diverge before the effect reaches 0."""
    if pd.isna(row["breakdown"]):
        return t("report.programme.sensitivity.none", lang, outcome=outcome)
    if row["breakdown"] <= 0:
        return t("report.programme.sensitivity.fragile", lang, outcome=outcome)
    mbar = number_text(row["breakdown"], lang, 2)
    return t("report.programme.sensitivity.robust", lang, outcome=outcome, mbar=mbar)


def sensitivity_section(res: ProgrammeResults, codes: list[str], *, charts: int = 2) -> list[str]:
    """Table of the pre-trend test and breakdown value per indicator, then the sentence
    and sensitivity figure of the first ``charts`` indicators.

    Parameters
    ----------
    res : ProgrammeResults
        With ``did`` holding a ``"sensitivity"`` table (nothing is shown without one:
        no comparison units, or results computed before it existed).
    codes : list of str
        Indicators of the difference-in-differences table, in its order.
    charts : int, default 2

    Returns
    -------
    list of str
        HTML fragments (:class:`markupsafe.Markup`), in page order.
    """
    lang = res.lang
    sens = (res.did or {}).get("sensitivity")
    if sens is None or sens.empty:
        return []
    hidden = _hidden(res.did["overall"])
    sens = sens.set_index("indicator")
    shown = [c for c in codes if c in sens.index and c not in hidden]
    if not shown:
        return []
    first = sens.iloc[0]
    post = int(first["last_event"]) + 1 if pd.notna(first["last_event"]) else 12
    pre = int(first["n_pre_changes"]) + 1 if pd.notna(first["n_pre_changes"]) else 12
    parts = [
        heading(3, "report.programme.sensitivity.title", lang, "programme-sensitivity"),
        paragraph(t("report.programme.sensitivity.intro", lang, pre=pre, post=post)),
    ]
    header = [
        (t("report.programme.col.outcome", lang), False),
        (t("report.programme.sensitivity.col.pretrend", lang), True),
        (t("report.programme.sensitivity.col.effect", lang, post=post), True),
        (t("report.col.ci", lang), True),
        (t("report.programme.sensitivity.col.breakdown", lang), True),
    ]
    rows = []
    for code in shown:
        r = sens.loc[code]
        breakdown = MISSING if pd.isna(r["breakdown"]) else number_text(r["breakdown"], lang, 2)
        rows.append([
            (outcome_label(res, "indicator", code), False),
            (p_text(r["pretrend_p"], lang), True),
            (effect_text(r["estimate"], "identity", lang), True),
            (interval_text(r["ci_low"], r["ci_high"], "identity", lang), True),
            (breakdown, True),
        ])  # fmt: skip
    parts.append(table(header, rows, note=t("report.programme.sensitivity.note", lang)))
    for code in shown[:charts]:
        r = sens.loc[code]
        outcome = outcome_label(res, "indicator", code)
        parts.append(paragraph(_sentence(r, outcome, lang)))
        if pd.isna(r["estimate"]):
            continue
        title = t("report.programme.sensitivity.chart", lang, outcome=outcome)
        parts.append(figure(sensitivity_chart(r, title=title, lang=lang), alt=title))
    return parts
