"""Plain-language parts of a team report: the summary at the top, what could not be
computed and why, the methods and their limits."""

from __future__ import annotations

import html

import pandas as pd

from impact.i18n import t

__all__ = ["limits_html", "not_computed_html", "team_summary_html"]


def _labels(catalogue: pd.DataFrame, lang: str) -> pd.Series:
    return catalogue.set_index("code")[f"label_{lang}"]


def indicator_verdicts(before_after: pd.DataFrame, its: pd.DataFrame) -> pd.DataFrame:
    """One verdict per indicator, combining the before/after comparison and the time series.

    An indicator improved (worsened) when the before/after interval says so and the
    interrupted time series, which accounts for the trend, does not say the opposite;
    when the two disagree the result is inconclusive.
    """
    level = its[its["measure"] == "level change"].set_index("indicator")["verdict"]
    rows = []
    for row in before_after.itertuples(index=False):
        trend = level.get(row.indicator, "inconclusive")
        opposite = {"improved": "worsened", "worsened": "improved"}.get(row.verdict)
        verdict = row.verdict if trend != opposite else "inconclusive"
        rows.append({"indicator": row.indicator, "verdict": verdict,
                     "disagree": trend == opposite, "reason": row.reason})
    return pd.DataFrame(rows, columns=["indicator", "verdict", "disagree", "reason"])


def team_summary_html(before_after: pd.DataFrame, its: pd.DataFrame, catalogue: pd.DataFrame,
                      *, barometer: pd.DataFrame | None = None,
                      prem: pd.DataFrame | None = None, lang: str = "fr") -> str:
    """The short summary at the top of a team report, in plain words.

    Parameters
    ----------
    before_after : pandas.DataFrame
        The team's :func:`impact.indicators.compare_periods` rows.
    its : pandas.DataFrame
        The team's :func:`impact.indicator_trends.its_by_team` effects.
    catalogue : pandas.DataFrame
        The indicator catalogue.
    barometer : pandas.DataFrame, optional
        The team's barometer changes (already suppressed): the "all respondents" change
        of the global score per role group is summarised.
    prem : pandas.DataFrame, optional
        The team's PREM deltas (already suppressed): the case-mix adjusted change of the
        overall score is summarised.
    lang : {"fr", "en"}
    """
    labels = _labels(catalogue, lang)
    verdicts = indicator_verdicts(before_after, its)
    items = []
    for verdict in ("improved", "worsened"):
        names = [str(labels.get(c, c)) for c in verdicts.loc[verdicts["verdict"] == verdict,
                                                             "indicator"]]
        if names:
            items.append(t(f"report.summary.{verdict}", lang, names=", ".join(names)))
    open_ = verdicts[verdicts["verdict"] == "inconclusive"]
    if len(open_):
        names = [str(labels.get(c, c)) for c in open_["indicator"]]
        items.append(t("report.summary.inconclusive", lang, names=", ".join(names)))
    if verdicts["disagree"].any():
        names = [str(labels.get(c, c)) for c in verdicts.loc[verdicts["disagree"], "indicator"]]
        items.append(t("report.summary.disagree", lang, names=", ".join(names)))
    if barometer is not None and len(barometer):
        glob = barometer[(barometer["dimension"] == "global") & (barometer["analysis"] == "all")
                         & (barometer["measure"] == "mean change")]
        for row in glob.itertuples(index=False):
            if row.suppressed or pd.isna(row.estimate):
                continue
            key = ("up" if row.ci_low > 0 else "down" if row.ci_high < 0 else "flat")
            items.append(t(f"report.summary.barometer.{key}", lang,
                           group=getattr(row, "role_group_label", row.role_group),
                           value=f"{row.estimate:+.2f}".replace(".", "," if lang == "fr" else ".")))
    if prem is not None and len(prem):
        adj = prem[(prem["level"] == "overall") & (prem["measure"] == "adjusted mean difference")]
        for row in adj.itertuples(index=False):
            if row.suppressed or pd.isna(row.estimate):
                continue
            key = ("up" if row.ci_low > 0 else "down" if row.ci_high < 0 else "flat")
            text = t(f"report.summary.prem.{key}", lang,
                     value=f"{row.estimate:+.1f}".replace(".", "," if lang == "fr" else "."))
            if row.small_sample:
                text += " " + t("report.summary.prem.small", lang)
            items.append(text)
    if not items:
        items.append(t("report.summary.nothing", lang))
    body = "".join(f"<li>{html.escape(i)}</li>" for i in items)
    return (f'<div class="impact-summary"><p><strong>{html.escape(t("report.summary.lead", lang))}'
            f"</strong></p><ul>{body}</ul></div>")


def not_computed_html(tables: dict[str, pd.DataFrame], *, lang: str = "fr",
                      catalogue: pd.DataFrame | None = None) -> str:
    """List every estimate that could not be computed, with its reason.

    ``tables`` maps a section name (an i18n key suffix such as ``"indicators"``) to an
    effect table; rows with a missing estimate and a reason are listed, suppressed rows
    are not (their absence is already marked in the tables).
    """
    labels = _labels(catalogue, lang) if catalogue is not None else pd.Series(dtype=str)
    items = []
    for section, table in tables.items():
        if table is None or table.empty or "reason" not in table:
            continue
        missing = table["estimate"].isna() & table["reason"].fillna("").astype(bool)
        if "suppressed" in table:
            missing &= ~table["suppressed"].fillna(False).astype(bool)
        for _, row in table[missing].iterrows():
            what = row.get("indicator", row.get("code", row.get("dimension", row.get("prom", ""))))
            what = labels.get(what, what)
            items.append(f"{t(f'report.section.{section}', lang)} — {what} "
                         f"({row.get('measure', '')}) : {row['reason']}")
    if not items:
        return f"<p>{html.escape(t('report.not-computed.none', lang))}</p>"
    return "<ul>" + "".join(f"<li>{html.escape(i)}</li>" for i in dict.fromkeys(items)) + "</ul>"


def limits_html(*, lang: str = "fr") -> str:
    """Methods and their limits, in plain words (one paragraph per point)."""
    keys = ("before-after", "its", "did", "barometer", "prem", "multiple", "privacy")
    return "".join(f"<p>{html.escape(t(f'report.limits.{k}', lang))}</p>" for k in keys)
