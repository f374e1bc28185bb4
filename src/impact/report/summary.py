"""Plain-language parts of a team report: the summary at the top, what could not be
computed and why, the methods and their limits.

Each function takes effect tables that are already suppressed (a row hidden for a small
cell carries ``suppressed = True``) and returns an HTML fragment in the report's language;
no hidden row is ever named with a result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.report.formatting import format_number, reason_text
from impact.report.headlines import barometer_headlines, indicator_headlines, prem_headlines
from impact.report.labels import LABELS, LANGUAGES, t
from impact.report.privacy import DEFAULT_MIN_CELL, mask_small_counts
from impact.report.team_html import paragraph_html
from impact.report.templating import Markup, render

__all__ = [
    "LIMITS",
    "limits_html",
    "not_computed_html",
    "not_computed_items",
    "team_summary_html",
]

#: Paragraphs of the methods-and-limits section, in display order (``report.limits.*``).
LIMITS = ("before-after", "its", "did", "barometer", "prem", "multiple", "privacy")
#: Columns naming a row of a survey table, in the order they are joined.
_WHAT = ("label", "dimension_label", "role_group_label", "comparison_label",
         "analysis_label", "wave")  # fmt: skip


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")


def _labels(catalogue: pd.DataFrame | None, lang: str) -> pd.Series:
    if catalogue is None or catalogue.empty:
        return pd.Series(dtype=object)
    return catalogue.set_index("code")[f"label_{lang}"]


def _hidden(table: pd.DataFrame) -> pd.Series:
    if "suppressed" not in table.columns:
        return pd.Series(False, index=table.index)
    return table["suppressed"].fillna(False).astype(bool)


def _signed(value: float, lang: str, digits: int) -> str:
    return format_number(value, lang=lang, digits=digits, sign=True)


def _direction(row: object) -> str:
    return "up" if row.ci_low > 0 else "down" if row.ci_high < 0 else "flat"


def team_summary_html(
    before_after: pd.DataFrame,
    its: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    barometer: pd.DataFrame | None = None,
    prem: pd.DataFrame | None = None,
    lang: str = "fr",
    min_cell: int = DEFAULT_MIN_CELL,
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    no_data: Iterable[str] = (),
    more: str | None = None,
) -> str:
    """The short summary at the top of a team report, in plain words.

    What improved, what worsened, what cannot be concluded yet and why (interval
    compatible with no change, before/after contradicted by the time series, not
    computed, hidden for small numbers, no data), from the family headlines of
    :mod:`impact.report.headlines` (the same rows the index and the programme report sum
    up).

    Parameters
    ----------
    before_after : pandas.DataFrame
        The team's :func:`impact.indicators.periods.compare_periods` rows, suppressed
        (:func:`impact.report.privacy.suppress_results`): a hidden indicator is only named as
        hidden, never with a verdict.
    its : pandas.DataFrame
        The team's :func:`impact.indicators.trends.its_by_team` effects.
    catalogue : pandas.DataFrame
        The indicator catalogue.
    barometer : pandas.DataFrame, optional
        The team's barometer changes (already suppressed): the "all respondents" change
        of the global score per role group is summarised; hidden groups are not.
    prem : pandas.DataFrame, optional
        The team's PREM deltas (already suppressed): the case-mix adjusted change of the
        overall score is summarised.
    lang : {"fr", "en"}
    min_cell : int, default 10
        Minimum cell size, for the sentences about hidden groups.
    threshold : int, default 30
        PREM publication threshold, for the small-sample caution.
    no_data : iterable of str
        Sections the team has no data for (``report.section.<name>`` keys' suffixes).
    more : str, optional
        Anchor of the "what could not be computed" section: a last bullet links to it.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"indicator": ["dms"], "estimate": [-0.4],
    ...                      "verdict": ["improved"], "reason": [""]})
    >>> catalogue = pd.DataFrame({"code": ["dms"], "label_en": ["Length of stay"]})
    >>> "Improved: Length of stay." in team_summary_html(rows, None, catalogue, lang="en")
    True
    """
    _check_lang(lang)
    labels = _labels(catalogue, lang)
    verdicts = indicator_headlines(before_after, its)
    items: list[str | Markup] = []

    def names(status: str) -> str:
        codes = verdicts.loc[verdicts["status"] == status, "indicator"]
        return ", ".join(str(labels.get(c, c)) for c in codes)

    for status in ("improved", "worsened", "inconclusive", "disagree", "not-computed"):
        if names(status):
            items.append(t(f"report.summary.{status}", lang, names=names(status)))
    if names("hidden"):
        items.append(
            t(
                "report.summary.hidden",
                lang,
                names=names("hidden"),
                min_cell=format_number(min_cell, lang=lang, digits=0),
            )
        )
    if barometer is not None and len(barometer):
        glob = barometer_headlines(barometer)
        hidden = _hidden(glob)
        for row in glob[~hidden].itertuples(index=False):
            if pd.isna(row.estimate) or pd.isna(row.ci_low) or pd.isna(row.ci_high):
                continue  # listed under "what could not be computed"
            items.append(
                t(
                    f"report.summary.barometer.{_direction(row)}",
                    lang,
                    group=getattr(row, "role_group_label", row.role_group),
                    value=_signed(row.estimate, lang, 2),
                )
            )
        if hidden.any():
            items.append(
                t(
                    "report.summary.barometer.hidden",
                    lang,
                    min_cell=format_number(min_cell, lang=lang, digits=0),
                )
            )
    if prem is not None and len(prem):
        adj = prem_headlines(prem)
        for row in adj[~_hidden(adj)].itertuples(index=False):
            if pd.isna(row.estimate) or pd.isna(row.ci_low) or pd.isna(row.ci_high):
                continue
            text = t(
                f"report.summary.prem.{_direction(row)}", lang, value=_signed(row.estimate, lang, 1)
            )
            if bool(getattr(row, "small_sample", False)):
                text += " " + t(
                    "report.summary.prem.small",
                    lang,
                    threshold=format_number(threshold, lang=lang, digits=0),
                )
            items.append(text)
    absent = [t(f"report.section.{name}", lang) for name in no_data]
    if absent:
        items.append(t("report.summary.no-data", lang, names=", ".join(absent)))
    if not items:
        items.append(t("report.summary.nothing", lang))
    if more:
        items.append(
            render(
                "team_link.html.j2",
                text=t("report.summary.more", lang),
                anchor=more,
                label=t("report.not-computed.title", lang),
            )
        )
    return str(
        render(
            "bullets.html.j2",
            items=items,
            lead=t("report.summary.lead", lang),
            css="impact-summary",
        )
    )


def _measure(row: pd.Series, lang: str) -> str:
    """The measure's label in ``lang``, or "" when it has none (then left out)."""
    label = row.get("measure_label")
    if isinstance(label, str) and label:
        return label
    measure = row.get("measure")
    for key in (f"report.measure.{measure}", f"measure.{measure}"):
        if key in LABELS:
            return t(key, lang)
    return ""


def _what(row: pd.Series, indicators: pd.Series, proms: pd.Series) -> str:
    """What the row estimates: the indicator or PROM label, or the survey row's labels."""
    if isinstance(row.get("indicator"), str):
        return str(indicators.get(row["indicator"], row["indicator"]))
    if isinstance(row.get("prom"), str):
        return str(proms.get(row["prom"], row["prom"]))
    parts = [str(row[c]) for c in _WHAT if c in row.index and isinstance(row[c], str) and row[c]]
    return ", ".join(dict.fromkeys(parts))


Tables = Mapping[str, "pd.DataFrame | Sequence[pd.DataFrame] | None"]


def _frames(value: object) -> list[pd.DataFrame]:
    if value is None:
        return []
    return [value] if isinstance(value, pd.DataFrame) else [f for f in value if f is not None]


def not_computed_items(
    tables: Tables,
    *,
    lang: str = "fr",
    min_cell: int = DEFAULT_MIN_CELL,
    catalogue: pd.DataFrame | None = None,
    proms: pd.DataFrame | None = None,
    errors: Mapping[str, BaseException] | None = None,
    no_data: Iterable[str] = (),
) -> list[str]:
    """The lines of :func:`not_computed_html`, as plain text in ``lang``.

    One line per section and reason (:func:`impact.report.formatting.reason_text`: in the
    report's language, no count under ``min_cell``), naming what it concerns (indicator,
    PROM, score, dimension and group…) with the measures; then the sections without data
    and the families whose computation failed, in plain words.
    """
    _check_lang(lang)
    indicators, prom_labels = _labels(catalogue, lang), _labels(proms, lang)
    colon = "\u00a0: " if lang == "fr" else ": "
    sep = " ; " if lang == "fr" else "; "
    absent = list(dict.fromkeys(no_data))
    grouped: dict[tuple[str, str], dict[str, list[str]]] = {}
    for section, value in tables.items():
        if section in absent:
            continue
        for table in _frames(value):
            if table.empty or "reason" not in table.columns:
                continue
            missing = table["estimate"].isna() & table["reason"].fillna("").astype(bool)
            for _, row in table[missing & ~_hidden(table)].iterrows():
                reason = reason_text(row["reason"], lang=lang, row=row)
                whats = grouped.setdefault((section, reason), {})
                measures = whats.setdefault(_what(row, indicators, prom_labels), [])
                measure = _measure(row, lang)
                if measure and measure not in measures:
                    measures.append(measure)
    items = []
    for (section, reason), whats in grouped.items():
        concerned = [
            f"{what} ({', '.join(measures)})" if measures and what else what or ", ".join(measures)
            for what, measures in whats.items()
        ]
        concerned = [c for c in concerned if c]
        line = f"{t(f'report.section.{section}', lang)}{colon}{reason}"
        items.append(f"{line} — {sep.join(concerned)}" if concerned else line)
    for section in absent:
        items.append(
            f"{t(f'report.section.{section}', lang)}{colon}{t('report.not-computed.no-data', lang)}"
        )
    for family, error in (errors or {}).items():
        message = mask_small_counts(f"{type(error).__name__}: {error}", min_cell=min_cell)
        items.append(
            f"{t(f'report.section.{family}', lang)}{colon}"
            f"{t('report.not-computed.error', lang, message=message)}"
        )
    return items


def not_computed_html(
    tables: Tables,
    *,
    lang: str = "fr",
    min_cell: int = DEFAULT_MIN_CELL,
    catalogue: pd.DataFrame | None = None,
    proms: pd.DataFrame | None = None,
    errors: Mapping[str, BaseException] | None = None,
    no_data: Iterable[str] = (),
) -> str:
    """List every estimate that could not be computed, with its reason, in ``lang``.

    Parameters
    ----------
    tables : mapping of str to pandas.DataFrame or list of them
        Section name (``report.section.<name>``: ``"indicators"``, ``"its"``, ``"did"``,
        ``"barometer"``, ``"prem"``, ``"proms"``) → the rows of the effect tables that
        the report shows. Rows with a missing estimate and a reason are listed;
        suppressed rows are not (their absence is already marked in the tables).
    lang : {"fr", "en"}
    min_cell : int, default 10
        Minimum cell size (reasons never show a smaller count).
    catalogue, proms : pandas.DataFrame, optional
        Indicator and PROM catalogues, for labels instead of codes.
    errors : mapping of str to Exception, optional
        Families whose computation failed for the team
        (:attr:`impact.report.results.TeamResults.errors`), listed in plain words.
    no_data : iterable of str
        Sections the team has no data for: one line each, their rows are not listed.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"indicator": ["dms"], "measure": ["level change"],
    ...                       "estimate": [float("nan")],
    ...                       "reason": ["too_few_points"]})
    >>> not_computed_html({"its": table}, lang="en")  # doctest: +ELLIPSIS
    '<ul><li>Time series: too few time points in the series (...) — dms (level change)</li></ul>'
    """
    items = not_computed_items(
        tables,
        lang=lang,
        min_cell=min_cell,
        catalogue=catalogue,
        proms=proms,
        errors=errors,
        no_data=no_data,
    )
    if not items:
        return str(paragraph_html(t("report.not-computed.none", lang)))
    return str(render("bullets.html.j2", items=items, lead=None, css=None))


def limits_html(
    *,
    lang: str = "fr",
    min_cell: int = DEFAULT_MIN_CELL,
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    months: int = 12,
) -> str:
    """Methods and their limits, in plain words (one paragraph per point of :data:`LIMITS`).

    Parameters
    ----------
    lang : {"fr", "en"}
    min_cell : int, default 10
        The run's minimum cell size.
    threshold : int, default 30
        PREM publication threshold (:data:`impact.data.loading.PREM_PUBLICATION_THRESHOLD`).
    months : int, default 12
        Months on each side of the start in the before/after comparison.

    Examples
    --------
    >>> "moins de 5 personnes" in limits_html(lang="fr", min_cell=5)
    True
    """
    _check_lang(lang)
    values = {
        name: format_number(value, lang=lang, digits=0)
        for name, value in (("min_cell", min_cell), ("threshold", threshold), ("months", months))
    }
    return str(
        Markup("").join(paragraph_html(t(f"report.limits.{k}", lang, **values)) for k in LIMITS)
    )
