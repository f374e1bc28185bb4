"""The barometer section of a team report: tables and figures as HTML fragments.

The same section serves any Likert questionnaire (:mod:`impact.report.questionnaires`):
an :class:`Instrument` gives the few texts that name the instrument.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from impact.barometer.common import PATIENT_SIDE, PROFESSIONALS, SELF, pair_label
from impact.barometer.questionnaires import scale_range
from impact.barometer.reliability import WARNING_CODES, reliability
from impact.data.loading import absent_tables
from impact.data.programme import Programme
from impact.report.barometer_tables import team_barometer_tables
from impact.report.figures.barometer import diverging_bars, radar_chart, slope_chart
from impact.report.formatting import MISSING, figure_html, format_number, reason_text
from impact.report.labels import t
from impact.report.mde import mde_label, mde_text
from impact.report.privacy import is_small, publishable, visible_role_groups
from impact.report.tables import heading_html, small_cell_mark, value_with_ci
from impact.report.team_html import Cell, paragraph_html, section_table_html
from impact.report.templating import render

__all__ = ["BAROMETER", "Instrument", "barometer_section"]

#: Reliability warnings: fewer complete answers than this, or an alpha below this.
_MIN_N, _MIN_ALPHA = 30, 0.7


@dataclass(frozen=True)
class Instrument:
    """The texts of a Likert section that name its instrument (the barometer's by default).

    Attributes
    ----------
    labels : str
        Prefix of the label keys of the texts that name the instrument or its scale:
        ``report.<labels>.scores.note`` (formatted with ``min_cell``, ``low``, ``high``),
        ``report.<labels>.changes.note``, ``report.<labels>.answers``,
        ``plot.<labels>.bars.title`` and ``<labels>.reliability.few-items`` /
        ``low-alpha``.
    name : str or None
        The instrument's name in the report's language, for the sentence of a section
        with nothing to show; None: ``report.barometer.title``.
    anchors : (str, str) or None
        What the lowest and the highest answers mean, for the legend of the answer bars
        (:func:`impact.report.figures.barometer.diverging_bars`); None: the barometer's.
    groups : tuple of str or None
        The role groups the radar draws a panel for; None: those with a score shown
        (a questionnaire may be meant for one side only).
    """

    labels: str = "barometer"
    name: str | None = None
    anchors: tuple[str, str] | None = None
    groups: tuple[str, ...] | None = (PROFESSIONALS, PATIENT_SIDE)


#: The partnership barometer's texts.
BAROMETER = Instrument()


def _hidden(table: pd.DataFrame) -> pd.Series:
    """The rows the privacy pass hid (column ``suppressed``)."""
    if "suppressed" not in table.columns:
        return pd.Series(False, index=table.index)
    return table["suppressed"].fillna(False).astype(bool)


def _small_groups(summary: pd.DataFrame, lang: str, min_cell: int) -> tuple[list[str], set]:
    """Say once which role groups are hidden at every wave: one sentence each. Returns the
    sentences and those role groups (their columns and rows are left out; a group hidden
    at some waves only keeps its columns, the marks showing which waves)."""
    sentences, everywhere = [], set()
    for group, part in summary.groupby("role_group", sort=False):
        if not _hidden(part).all():
            continue
        everywhere.add(group)
        label = str(part["role_group_label"].iloc[0])
        sentences.append(t("report.small.group-all-waves", lang, group=label, min_cell=min_cell))
    return sentences, everywhere


def _scores_table(summary: pd.DataFrame, dropped: set, mark: str, lang: str,
                  note: str) -> str | None:  # fmt: skip
    """Mean score (n) per dimension, role group and wave; the role groups ``dropped``
    (hidden at every wave, said once above the table) are left out, and so is a dimension
    with nothing left to show. None when nothing is left."""
    columns = summary[["role_group", "role_group_label", "wave"]].drop_duplicates()
    columns = columns.loc[~columns["role_group"].isin(dropped)]
    header: list[Cell] = [(t("report.barometer.dimension", lang), False)] + [
        (f"{r.role_group_label} {r.wave}", True) for r in columns.itertuples(index=False)
    ]
    rows = []
    for _dim, part in summary.groupby("dimension", sort=False):
        cells: list[Cell] = [(str(part["dimension_label"].iloc[0]), False)]
        for r in columns.itertuples(index=False):
            hit = part[(part["role_group"] == r.role_group) & (part["wave"] == r.wave)]
            if hit.empty:
                cells.append((MISSING, True))
            elif bool(hit["suppressed"].iloc[0]):
                cells.append((mark, True))
            else:
                mean = format_number(hit["mean"].iloc[0], lang=lang, digits=2)
                n = format_number(hit["n"].iloc[0], lang=lang, digits=0)
                cells.append((render("team_mean_n.html.j2", mean=mean, n=n, bayes=None), True))
        if any(text not in (mark, MISSING) for text, _ in cells[1:]):
            rows.append(cells)
    if not rows:
        return None
    return str(section_table_html(header, rows, note=note))


def _effects_table(
    table: pd.DataFrame, label_cols: list[str], mark: str, lang: str, note: str, min_cell: int
) -> str:
    """Generic rows: labels, estimate, interval, p-value, and the reason if any; only the
    rows the privacy pass left visible, with a sentence when some were left out."""
    hidden = _hidden(table)
    if hidden.any():
        note = f"{note} {t('report.small.rows-omitted', lang, min_cell=min_cell)}"
    table = table.loc[~hidden]
    header: list[Cell] = [(t(f"report.barometer.col.{c}", lang), False) for c in label_cols]
    header += [
        (t("report.col.change", lang), True),
        (t("report.col.ci", lang), True),
        ("p", True),
        (t("report.barometer.col.note", lang), False),
    ]
    rows = []
    for _, row in table.iterrows():
        value, ci = value_with_ci(row, lang=lang, mark=mark)
        p = (
            MISSING
            if bool(row.get("suppressed", False))
            else format_number(row["p_value"], lang=lang, digits=3)
        )
        reason = (
            ""
            if bool(row.get("suppressed", False))
            else reason_text(row.get("reason"), lang=lang, row=row)
        )
        rows.append(
            [(str(row.get(f"{c}_label", row[c])), False) for c in label_cols]
            + [(value, True), (ci, True), (p, True), (reason, False)]
        )
    return str(section_table_html(header, rows, note=note))


def _changes_table(changes: pd.DataFrame, lang: str, note: str, min_cell: int) -> str:
    """One row per dimension × role group × pair of waves: the change of all respondents
    beside the paired change (respondents present at both waves), each with its interval
    and p-value. An analysis hidden for a small group leaves its cells empty and a row
    whose two analyses are hidden is left out: the note says so once."""
    keys = ["dimension", "role_group", "waves"]
    hidden = _hidden(changes)
    if hidden.any():
        note = f"{note} {t('report.barometer.changes.small', lang, min_cell=min_cell)}"
    header: list[Cell] = [(t(f"report.barometer.col.{c}", lang), False) for c in keys]
    for analysis in ("all", "paired"):
        header += [(t(f"report.barometer.col.change-{analysis}", lang), True),
                   (t("report.col.ci", lang), True), ("p", True)]  # fmt: skip
    header.append((t("report.barometer.col.note", lang), False))
    rows = []
    for _, group in changes.groupby(keys, sort=False):
        if _hidden(group).all():
            continue
        first = group.iloc[0]
        cells = [(str(first.get(f"{c}_label", first[c])), False) for c in keys]
        reasons = []
        for analysis in ("all", "paired"):
            part = group.loc[group["analysis"] == analysis]
            if part.empty:
                cells += [(MISSING, True)] * 3
                continue
            row = part.iloc[0]
            if bool(row.get("suppressed", False)):  # said once, in the note
                cells += [("", True)] * 3
                continue
            value, ci = value_with_ci(row, lang=lang)
            p = format_number(row["p_value"], lang=lang, digits=3)
            cells += [(value, True), (ci, True), (p, True)]
            reason = reason_text(row.get("reason"), lang=lang, row=row)
            if reason and reason not in reasons:
                reasons.append(reason)
            mde = mde_text(row, lang, digits=2) if analysis == "all" else ""
            if mde:  # beside an inconclusive change of all respondents
                reasons.append(t("report.mde.line", lang, title=mde_label(lang), value=mde))
        rows.append(cells + [(" ; ".join(reasons) if lang == "fr" else "; ".join(reasons),
                              False)])  # fmt: skip
    return str(section_table_html(header, rows, note=note))


def barometer_section(
    programme: Programme,
    team_id: str,
    *,
    lang: str = "fr",
    min_cell: int = 10,
    tables: dict[str, pd.DataFrame] | None = None,
    instrument: Instrument = BAROMETER,
) -> list[str]:
    """HTML fragments of the barometer section for one team, in display order.

    Mean scores by dimension, role group and wave; change between each wave and the next,
    and between the first and the last when the team has three waves or more (all
    respondents, and paired when enough answered both); perception gap between
    professionals and the patient side; joint versus self ratings; reliability
    (Cronbach's alpha with Feldt interval); radar, diverging bars and slope chart.

    Small groups are said once, not marked row after row: a role group under ``min_cell``
    respondents at every wave gets one sentence and its columns and rows are left out (a
    group hidden at some waves keeps its columns, marked at those waves); the tables keep
    the rows the privacy pass left visible (:func:`impact.report.privacy.publishable`,
    column ``suppressed``) and say when some were left out; a table with every row hidden
    becomes a sentence (for the gaps and joint ratings, unless a role group hidden at
    every wave already explains it); a section with nothing to show is one sentence.
    ``tables``: the team's :func:`impact.report.barometer_tables.team_barometer_tables`,
    published, if already computed (e.g. by :func:`impact.report.results.compute_tables`);
    default computed here. ``instrument``: the texts that name the instrument and its
    scale (default the barometer's; :func:`impact.report.questionnaires.questionnaires_section`
    gives a questionnaire's, whose programme view holds its answers and catalogue as
    ``barometer_responses`` and ``barometer_items``). Figures are drawn on the
    catalogue's answer range.
    """
    responses = programme.barometer_responses
    responses = responses[responses["team_id"] == team_id]
    if responses.empty:
        absent = "barometer_responses" in absent_tables(programme)
        return [str(paragraph_html(t(f"report.barometer.{'absent' if absent else 'none'}", lang)))]
    mark = small_cell_mark(min_cell, lang)
    if tables is None:
        tables = team_barometer_tables(programme, team_id, lang=lang)
        tables = publishable({"barometer": tables}, min_cell)["barometer"]
    summary = tables["summary"]
    said, everywhere = _small_groups(summary, lang, min_cell)
    low, high = scale_range(programme.barometer_items)
    values = {"min_cell": min_cell, "low": format_number(low, lang=lang, digits=0),
              "high": format_number(high, lang=lang, digits=0)}  # fmt: skip
    note = t(f"report.{instrument.labels}.scores.note", lang, **values)
    table = None if summary.empty else _scores_table(summary, everywhere, mark, lang, note)
    shown: list[str] = []  # the parts with something to show
    if table is not None:
        # a role group hidden at every wave is said once: no empty panel for it
        drawn = summary.loc[~summary["role_group"].isin(everywhere)]
        groups = instrument.groups or tuple(
            g for g in (PROFESSIONALS, PATIENT_SIDE) if (drawn["role_group"] == g).any()
        )
        radar = radar_chart(drawn, lang=lang, min_cell=min_cell, groups=groups)
        shown += [table, figure_html(radar, alt=t("report.barometer.radar", lang))]
    changes = tables["changes"]
    changes = changes[
        (changes["measure"] == "mean change") & changes["analysis"].isin(["all", "paired"])
    ]
    gaps = _gap_labels(tables["gaps"])
    for name, table, label_cols in (
        ("changes", changes, []),
        ("gaps", gaps, ["dimension", "comparison", "wave"]),
        ("joint", tables["joint"], ["dimension", "wave", "measure"]),
    ):
        if not len(table):
            continue
        title = t(f"report.barometer.{name}", lang)
        if _hidden(table).all():  # said once: by the role group's sentence, or here
            if name == "changes" or not everywhere:
                text = t("report.small.table-hidden", lang, what=title, min_cell=min_cell)
                said.append(text)
            continue
        prefix = instrument.labels if name == "changes" else "barometer"
        note = t(f"report.{prefix}.{name}.note", lang)
        rendered = (_changes_table(table, lang, note, min_cell) if name == "changes"
                    else _effects_table(table, label_cols, mark, lang, note, min_cell))  # fmt: skip
        shown += [heading_html(4, title), rendered]
        if name == "gaps":
            slope = slope_chart(gaps, lang=lang, min_cell=min_cell, scale=(low, high))
            shown.append(figure_html(slope, alt=title))
    # all-roles aggregates: the visible role groups' answers only (report.privacy, rule 2)
    responses, left_out = visible_role_groups(responses, summary)
    if (responses["assessment"] == SELF).any():
        answers = t(f"report.{instrument.labels}.answers", lang)
        shown.append(heading_html(4, answers))
        if left_out:
            text = t("report.barometer.left-out", lang, n=left_out, min_cell=min_cell)
            shown.append(str(render("team_small_note.html.j2", text=text)))
        bars = diverging_bars(responses, programme.barometer_items, lang=lang, min_cell=min_cell,
                              title=t(f"plot.{instrument.labels}.bars.title", lang),
                              anchors=instrument.anchors)  # fmt: skip
        shown.append(figure_html(bars, alt=answers))
        alpha = _reliability_table(responses, programme, mark, min_cell, lang, instrument.labels)
        if alpha is not None:
            shown += [heading_html(4, t("report.barometer.reliability", lang)), alpha]
    if not shown:  # nothing to show: one sentence
        what = instrument.name or t("report.barometer.title", lang)
        said = [t("report.small.section-hidden", lang, what=what, min_cell=min_cell)]
    return [str(paragraph_html(text)) for text in said] + shown


def _gap_labels(gaps: pd.DataFrame) -> pd.DataFrame:
    """The gaps with ``wave_label``: the wave of a gap, the pair (``T0 → T1``) of a gap
    change."""
    out = gaps.copy()
    out["wave_label"] = out["wave"].astype(object) if "wave" in out else pd.Series(dtype=object)
    if "wave_before" in out:
        change = out["wave_before"].notna().to_numpy()
        out.loc[change, "wave_label"] = [
            pair_label(b, a)
            for b, a in zip(out.loc[change, "wave_before"], out.loc[change, "wave_after"],
                            strict=True)
        ]  # fmt: skip
    return out


def _reliability_warning(
    row: pd.Series,
    lang: str,
    *,
    min_n: int = _MIN_N,
    min_alpha: float = _MIN_ALPHA,
    prefix: str = "barometer",
) -> str:
    """The reliability warning: the row's ``warning`` codes (:data:`WARNING_CODES`) in
    words, with numbers in the report's format (``prefix``: the instrument's label
    prefix, :attr:`Instrument.labels`)."""
    parts = []
    for code in str(row["warning"] or "").split(";"):
        if code == "few_items":
            parts.append(t(f"{prefix}.reliability.few-items", lang, k=int(row["k"])))
        elif code == "low_alpha":
            alpha = format_number(row["estimate"], lang=lang, digits=2)
            threshold = format_number(min_alpha, lang=lang, digits=1)
            parts.append(t(f"{prefix}.reliability.low-alpha", lang, alpha=alpha,
                           threshold=threshold))  # fmt: skip
        elif code == "small_n":
            parts.append(t("barometer.reliability.small-n", lang, n=int(row["n"]), min_n=min_n))
        elif code:
            raise ValueError(f"Unknown reliability warning {code!r}; expected {WARNING_CODES}.")
    return (" ; " if lang == "fr" else "; ").join(parts)


def _reliability_table(
    responses: pd.DataFrame,
    programme: Programme,
    mark: str,
    min_cell: int,
    lang: str,
    prefix: str = "barometer",
) -> str | None:
    """Cronbach's alpha per dimension of the visible answers; a dimension with fewer than
    ``min_cell`` complete answers is left out (a sentence says so); None when none is left."""
    rel = reliability(responses, programme.barometer_items, min_n=_MIN_N, min_alpha=_MIN_ALPHA)
    labels = programme.barometer_items.drop_duplicates("dimension").set_index("dimension")[
        f"dimension_{lang}"
    ]
    header: list[Cell] = [
        (t("report.barometer.dimension", lang), False),
        ("α", True),
        (t("report.col.ci", lang), True),
        ("n", True),
        (t("report.barometer.col.note", lang), False),
    ]
    rows = []
    small = is_small(rel["n"].to_numpy(), min_cell) | (rel["n"].fillna(0) == 0).to_numpy()
    for (_, row), hidden in zip(rel.iterrows(), small, strict=True):
        if hidden:
            continue
        value, ci = value_with_ci(row, lang=lang, sign=False, mark=mark)
        n = format_number(row["n"], lang=lang, digits=0)
        note = _reliability_warning(row, lang, prefix=prefix)
        rows.append(
            [
                (str(labels.get(row["dimension"], row["dimension"])), False),
                (value, True),
                (ci, True),
                (n, True),
                (note, False),
            ]
        )
    if not rows:
        return None
    note = t("report.barometer.reliability.note", lang)
    if small.any():
        note = f"{note} {t('report.small.rows-omitted', lang, min_cell=min_cell)}"
    return str(section_table_html(header, rows, note=note))
