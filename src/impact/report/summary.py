"""Plain-language parts of a team report: the summary at the top, what could not be
computed and why, the methods and their limits.

Each function takes effect tables that are already suppressed (a row hidden for a small
cell carries ``suppressed = True``) and returns an HTML fragment in the report's language;
no hidden row is ever named with a result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.data.warning_groups import warning_groups
from impact.report.formatting import format_number, reason_text
from impact.report.headlines import (
    barometer_headlines,
    change_status,
    indicator_headlines,
    prem_headlines,
)
from impact.report.labels import LABELS, LANGUAGES, t
from impact.report.overview import OVERVIEW_COLUMNS, overview_html, overview_row, sentences_html
from impact.report.privacy import DEFAULT_MIN_CELL, mask_small_counts
from impact.report.team_html import paragraph_html
from impact.report.templating import Markup, render

__all__ = [
    "LIMITS",
    "limits_html",
    "warnings_html",
    "not_computed_html",
    "not_computed_items",
    "team_summary_html",
]

#: Paragraphs of the methods-and-limits section, in display order (``report.limits.*``).
LIMITS = ("before-after", "its", "did", "barometer", "questionnaires", "prem", "multiple",
          "privacy")  # fmt: skip
#: Columns naming a row of a survey table, in the order they are joined.
_WHAT = ("label", "questionnaire_label", "dimension_label", "role_group_label",
         "comparison_label", "analysis_label", "wave")  # fmt: skip


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


def _column(catalogue: pd.DataFrame | None, column: str) -> pd.Series:
    if catalogue is None or catalogue.empty or column not in catalogue.columns:
        return pd.Series(dtype=object)
    return catalogue.set_index("code")[column]


def _missing(row: object) -> bool:
    """No estimate, or (for the survey rows) no interval to judge it by."""
    return any(pd.isna(getattr(row, c, np.nan)) for c in ("estimate", "ci_low", "ci_high"))


class _Picture:
    """The rows of the opening picture and the three sentences' lists, filled family by
    family."""

    def __init__(self, lang: str, min_cell: int) -> None:
        self.lang, self.min_cell = lang, min_cell
        self.rows: list[dict[str, object]] = []
        self.lists: dict[str, list] = {"improved": [], "worsened": [], "unclear": []}

    def why(self, reason: str, **fields: object) -> str:
        return t(f"report.overview.why.{reason}", self.lang, **fields)

    def unclear(self, what: str, reason: str, **fields: object) -> None:
        """File ``what`` under "cannot be concluded", with why
        (``report.overview.why.<reason>``)."""
        self.lists["unclear"].append((what, self.why(reason, **fields)))

    def hidden(self, what: str, group: bool = True) -> None:
        self.unclear(what, "hidden-group" if group else "hidden", min_cell=self.min_cell)

    def add(self, family: str, what: str, named: str, row: object, status: str, *,
            disagree: bool = False, **options: object) -> None:  # fmt: skip
        """Draw ``row`` under ``family`` and file it (as ``named``) by its verdict."""
        low, high = getattr(row, "ci_low", np.nan), getattr(row, "ci_high", np.nan)
        self.rows.append(overview_row(family, what, row.estimate, low, high, status,
                                      lang=self.lang, **options))  # fmt: skip
        if disagree:
            self.unclear(named, "disagree")
        elif status in ("improved", "worsened"):
            self.lists[status].append(named)
        else:
            self.unclear(named, "inconclusive")


def _indicators(picture: _Picture, before_after: pd.DataFrame, its: pd.DataFrame | None,
                catalogue: pd.DataFrame) -> None:  # fmt: skip
    lang = picture.lang
    if before_after is None or before_after.empty or "estimate" not in before_after.columns:
        return
    labels, units = _labels(catalogue, lang), _column(catalogue, f"unit_{lang}")
    family = t("report.section.indicators", lang)
    verdicts = indicator_headlines(before_after, its)
    for row, head in zip(before_after.itertuples(index=False), verdicts.itertuples(index=False),
                         strict=True):  # fmt: skip
        label = str(labels.get(row.indicator, row.indicator))
        if head.status == "hidden":
            picture.hidden(label, group=False)
        elif head.status == "not-computed":
            picture.unclear(label, "not-computed")
        else:
            log = getattr(row, "scale", "") == "log"
            unit = "" if log else str(units.get(row.indicator, "") or "")
            picture.add(family, label, label, row, head.verdict, disagree=bool(head.disagree),
                        log=log, digits=2 if log else 1, unit=unit)  # fmt: skip


def _likert(picture: _Picture, changes: pd.DataFrame | None, family: str, unit: str) -> None:
    """The global score's change per role group of a Likert instrument (the barometer or
    a questionnaire: :func:`impact.report.headlines.barometer_headlines`), under
    ``family``, its value in ``unit``."""
    lang = picture.lang
    if changes is None or not len(changes):
        return
    glob = barometer_headlines(changes)
    hidden = _hidden(glob)
    for row, small in zip(glob.itertuples(index=False), hidden, strict=True):
        group = str(getattr(row, "role_group_label", row.role_group))
        waves = f"{getattr(row, 'wave_before', '')} → {getattr(row, 'wave_after', '')}"
        what = t("report.overview.barometer", lang, group=group, waves=waves)
        named = f"{family} : {group}" if lang == "fr" else f"{family}: {group}"
        if small:
            picture.hidden(named)
        elif _missing(row):
            picture.unclear(named, "not-computed")
        else:
            picture.add(family, what, named, row, change_status(row), digits=2, unit=unit)


def _prem(picture: _Picture, prem: pd.DataFrame | None, threshold: int) -> None:
    lang = picture.lang
    if prem is None or not len(prem):
        return
    family = t("report.section.prem", lang)
    adj = prem_headlines(prem)
    for row, small in zip(adj.itertuples(index=False), _hidden(adj), strict=True):
        what = t("report.overview.prem", lang)
        if small:
            picture.hidden(family)
        elif _missing(row):
            picture.unclear(family, "not-computed")
        else:
            if bool(getattr(row, "small_sample", False)):
                fragile = picture.why("small-sample", threshold=format_number(
                    threshold, lang=lang, digits=0))  # fmt: skip
                what = f"{what} — {fragile}"
            picture.add(family, what, family, row, change_status(row),
                        unit=t("report.overview.unit.prem", lang))  # fmt: skip


def _proms(picture: _Picture, proms: pd.DataFrame | None, catalogue: pd.DataFrame | None
           ) -> None:  # fmt: skip
    lang = picture.lang
    if proms is None or not len(proms) or "measure" not in proms.columns:
        return
    family = t("report.section.proms", lang)
    labels = _labels(catalogue, lang)
    change = proms.loc[proms["measure"] == "mean change"]
    for row, small in zip(change.itertuples(index=False), _hidden(change), strict=True):
        label = str(labels.get(row.prom, row.prom))
        if small:
            picture.hidden(label)
        elif _missing(row):
            picture.unclear(label, "not-computed")
        else:
            status = row.verdict if row.verdict in ("improved", "worsened") else "inconclusive"
            picture.add(family, label, label, row, status)


def team_summary_html(
    before_after: pd.DataFrame,
    its: pd.DataFrame,
    catalogue: pd.DataFrame,
    *,
    barometer: pd.DataFrame | None = None,
    questionnaires: Sequence[tuple[str, pd.DataFrame, tuple[float, float]]] = (),
    prem: pd.DataFrame | None = None,
    proms: pd.DataFrame | None = None,
    prom_catalogue: pd.DataFrame | None = None,
    lang: str = "fr",
    min_cell: int = DEFAULT_MIN_CELL,
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    no_data: Iterable[str] = (),
    failed: Iterable[str] = (),
    more: str | None = None,
) -> str:
    """The one-screen summary that opens a team report: a picture, then three sentences.

    The picture (:func:`impact.report.overview.overview_html`) draws every headline result
    of :mod:`impact.report.headlines` — each indicator (before/after checked against the
    time series), the barometer's global score per role group (first to last wave), each
    questionnaire's likewise, the case-mix adjusted patient-experience score, each PROM's
    mean change — as an
    estimate-and-interval mark against "no change" with its verdict in words. The
    sentences say what improved, what worsened, and what cannot be concluded and why
    (interval compatible with no change, before/after contradicted by the time series,
    not computed, hidden for small numbers, no data, computation failed). A hidden row is
    only named as hidden, never with a value.

    Parameters
    ----------
    before_after : pandas.DataFrame
        The team's :func:`impact.indicators.periods.compare_periods` rows, publishable
        (:func:`impact.report.privacy.publishable`).
    its : pandas.DataFrame
        The team's :func:`impact.indicators.trends.its_by_team` effects.
    catalogue : pandas.DataFrame
        The indicator catalogue.
    barometer : pandas.DataFrame, optional
        The team's barometer changes (publishable).
    questionnaires : sequence of (str, pandas.DataFrame, (float, float))
        Per questionnaire the team answered: its name, its changes (publishable) and its
        answer range (for the unit).
    prem : pandas.DataFrame, optional
        The team's PREM deltas (publishable).
    proms : pandas.DataFrame, optional
        The team's PROM changes (publishable), with ``prom_catalogue`` for their labels.
    prom_catalogue : pandas.DataFrame, optional
    lang : {"fr", "en"}
    min_cell : int, default 10
        Minimum cell size, for the sentences about hidden groups.
    threshold : int, default 30
        PREM publication threshold, for the small-sample caution.
    no_data : iterable of str
        Sections the team has no data for (``report.section.<name>`` keys' suffixes).
    failed : iterable of str
        Sections whose computation failed for the team.
    more : str, optional
        Anchor of the "what could not be computed" section, linked from the third sentence.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"indicator": ["dms"], "estimate": [-0.4], "ci_low": [-0.6],
    ...                      "ci_high": [-0.2], "verdict": ["improved"], "reason": [""]})
    >>> catalogue = pd.DataFrame({"code": ["dms"], "label_en": ["Length of stay"]})
    >>> "What improved:</strong> Length of stay" in team_summary_html(
    ...     rows, None, catalogue, lang="en")
    True
    """
    _check_lang(lang)
    picture = _Picture(lang, min_cell)
    _indicators(picture, before_after, its, catalogue)
    _likert(picture, barometer, t("report.section.barometer", lang),
            t("report.overview.unit.barometer", lang))  # fmt: skip
    for name, changes, (low, high) in questionnaires:
        unit = t("report.overview.unit.questionnaire", lang,
                 low=format_number(low, lang=lang, digits=0),
                 high=format_number(high, lang=lang, digits=0))  # fmt: skip
        _likert(picture, changes, name, unit)
    _prem(picture, prem, threshold)
    _proms(picture, proms, prom_catalogue)
    for names, reason in ((no_data, "no-data"), (failed, "failed")):
        for name in names:
            picture.unclear(t(f"report.section.{name}", lang), reason)
    link = None
    if more:
        link = render("team_link.html.j2", text=t("report.overview.details", lang), anchor=more,
                      label=t("report.not-computed.title", lang))  # fmt: skip
    rows = pd.DataFrame(picture.rows, columns=OVERVIEW_COLUMNS)
    return overview_html(rows, lang=lang) + sentences_html(
        picture.lists["improved"], picture.lists["worsened"], picture.lists["unclear"],
        lang=lang, more=link,
    )  # fmt: skip


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


def warnings_html(
    warnings: pd.DataFrame | None,
    *,
    lang: str = "fr",
    threshold: int = PREM_PUBLICATION_THRESHOLD,
) -> str:
    """The data validation's warnings (:attr:`impact.Programme.warnings`) as bullets: one
    per rule, its first message and how many more of the same kind.

    A small PREM period is said without its count (a count of people under the minimum
    cell size is never shown). ``warnings`` come in the language the data were loaded in.

    Examples
    --------
    >>> problems = pd.DataFrame({"severity": ["warning"] * 3, "rule": ["x", "x", "x"],
    ...                          "message": ["fichier « notes.csv » ignoré", "b", "c"]})
    >>> warnings_html(problems)  # doctest: +ELLIPSIS
    '...<li>fichier « notes.csv » ignoré ; et 2 autre(s) du même type</li></ul>'
    """
    _check_lang(lang)
    items = []
    for group in warning_groups(warnings, most=1):
        if group.rule == "small-prem-period":
            text = t("report.limits.warnings.small-prem", lang, threshold=threshold)
        else:
            text = str(group.shown["message"].iloc[0])
        if group.more:
            text += " ; " if lang == "fr" else "; "
            text += t("report.limits.warnings.more", lang, n=group.more)
        items.append(text)
    lead = t("report.limits.warnings", lang)
    return str(render("bullets.html.j2", items=items, lead=lead, css=None))
