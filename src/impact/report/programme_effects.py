"""The programme report's results and effect sections: :class:`ProgrammeResults`, the
texts of its numbers, and the pooled tables with their forest and funnel plots, as HTML
fragments rendered from the ``templates/sections/programme_*`` templates.

Used through :mod:`impact.report.programme` (which re-exports the section functions).
Teams are named by ``team_id`` only. ``ProgrammeResults.team_effects`` is publishable
(:func:`impact.report.privacy.publishable`): a hidden team is left out of the forest and
funnel plots *and* of every pooled effect, subgroup, meta-regression and count of teams
(they are computed from the visible teams only), and the page says how many were left
out; a pooled or subgroup effect of visible teams never rests on a small group.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from impact.barometer.questionnaires import questionnaire_items, scale_range
from impact.data.programme import Programme
from impact.report.figures.meta import forest_plot, funnel_plot
from impact.report.figures.programme import verdict_chart
from impact.report.formatting import MISSING, TABLE_STYLE, figure_html, format_number
from impact.report.labels import t
from impact.report.tables import small_cell_mark
from impact.report.templating import Markup, render
from impact.stats.meta_subgroups import SubgroupAnalysis
from impact.synthesis.effects import FAMILIES, PREM_OVERALL

__all__ = [
    "KEY_OUTCOMES",
    "SUBGROUPS",
    "ProgrammeResults",
    "effectiveness_section",
    "verdict_chart",
]

#: Outcomes whose forest plots are open, with a funnel plot (the overall scores); every
#: indicator and PROM is drawn too, folded.
KEY_OUTCOMES = {"barometer": ("global",), "prem": (PREM_OVERALL,)}
#: Team attributes of the subgroup analyses, in report order.
SUBGROUPS = ("participation_level", "ghu", "domain")
#: Colour class (``verdict-…``) of each meta-regression reading.
MODERATOR_CLASS = {"favourable": "improved", "unfavourable": "worsened",
                    "inconclusive": "inconclusive"}  # fmt: skip


@dataclass
class ProgrammeResults:
    """Everything the programme report shows, computed once (see :func:`programme_results`).

    Attributes
    ----------
    programme : Programme
    lang : str
    min_cell : int
    team_effects, pooled, moderators, reaim : pandas.DataFrame
        Outputs of :func:`impact.synthesis.effects.team_effects` (made publishable: column
        ``suppressed``), ``pooled_effects`` and ``moderator_effects`` of its visible rows,
        and :func:`impact.report.reaim.reaim_summary`.
    subgroups : dict of str to SubgroupAnalysis
        :func:`impact.synthesis.pooling.subgroup_effects` of the visible rows per team
        attribute.
    did : dict of str to pandas.DataFrame or None
        :func:`impact.indicators.did.did_by_indicator` (None without comparison units).
    labels : dict
        Display label of each (family, outcome).
    notes : list of str
        What could not be computed, and why (shown in the report).
    """

    programme: Programme
    lang: str
    min_cell: int
    team_effects: pd.DataFrame
    pooled: pd.DataFrame
    subgroups: dict[str, SubgroupAnalysis]
    moderators: pd.DataFrame
    reaim: pd.DataFrame
    did: dict[str, pd.DataFrame] | None
    labels: dict[tuple[str, str], str]
    notes: list[str] = field(default_factory=list)

    @property
    def mark(self) -> str:
        """The small-cell mark, e.g. ``< 10``."""
        return small_cell_mark(self.min_cell, self.lang)

    def _contents(self) -> list[tuple[str, str]]:
        """(attribute, what it holds) of each result, for the short representations."""
        hidden = (
            int(self.team_effects["suppressed"].sum()) if "suppressed" in self.team_effects else 0
        )
        return [
            ("team_effects", f"{len(self.team_effects)} rows ({hidden} hidden)"),
            ("pooled", f"{len(self.pooled)} outcomes"),
            ("subgroups", ", ".join(self.subgroups) or "none"),
            ("moderators", f"{len(self.moderators)} outcomes"),
            ("reaim", f"{len(self.reaim)} measures"),
            ("did", "none" if self.did is None else ", ".join(self.did)),
            ("notes", str(len(self.notes))),
        ]

    def __repr__(self) -> str:
        """A short summary (the tables themselves are the attributes)."""
        teams = len(self.programme.team_ids)
        inside = "; ".join(f"{name}: {what}" for name, what in self._contents())
        return (
            f"<ProgrammeResults: {teams} teams, lang={self.lang!r}, "
            f"min_cell={self.min_cell}; {inside}>"
        )

    def _repr_html_(self) -> str:
        """The short summary as a small table (for notebooks)."""
        return str(
            table(
                [("ProgrammeResults", False), (f"{len(self.programme.team_ids)} teams", False)],
                [[(name, False), (what, False)] for name, what in self._contents()],
            )
        )


# --------------------------------------------------------------------------- texts
def number_text(value: float, lang: str, digits: int = 2, sign: bool = False) -> str:
    """A number as written in ``lang``."""
    return format_number(value, lang=lang, digits=digits, sign=sign)


def effect_text(value: float, scale: str, lang: str, digits: int = 2) -> str:
    """An effect as shown: ``×0,88`` for ratios, ``+1,25`` for differences."""
    if pd.isna(value):
        return MISSING
    if scale == "log":
        return t("report.ratio", lang, value=number_text(value, lang, digits))
    return number_text(value, lang, digits, sign=True)


def interval_text(low: float, high: float, scale: str, lang: str, digits: int = 2) -> str:
    """An interval as shown, e.g. ``+0,12 à +1,30``."""
    if pd.isna(low) or pd.isna(high):
        return MISSING
    sign = scale != "log"
    return t(
        "report.ci.range",
        lang,
        low=number_text(low, lang, digits, sign),
        high=number_text(high, lang, digits, sign),
    )


def p_text(p: float, lang: str) -> str:
    """A p-value to three decimals, ``< 0,001`` below."""
    if pd.isna(p):
        return MISSING
    return "< " + number_text(0.001, lang, 3) if p < 0.001 else number_text(p, lang, 3)


def unit_text(res: ProgrammeResults, family: str, outcome: str, scale: str) -> str:
    """What an outcome's effect measures (ratio, points, the indicator's unit)."""
    lang = res.lang
    if scale == "log":
        return t("report.programme.unit.ratio", lang)
    if family == "indicator":
        cat = res.programme.indicators.set_index("code")
        if outcome in cat.index:
            if cat.loc[outcome, "kind"] == "proportion":
                return t("report.programme.unit.points", lang)
            unit = cat.loc[outcome, f"unit_{lang}"]
            return "" if pd.isna(unit) else str(unit)
        return ""
    if family == "prom":
        cat = res.programme.proms.set_index("code")
        if outcome in cat.index:
            return t(
                "report.programme.unit.scale",
                lang,
                low=number_text(cat.loc[outcome, "scale_min"], lang, 0),
                high=number_text(cat.loc[outcome, "scale_max"], lang, 0),
            )
        return ""
    if family == "questionnaire":  # outcome "<code>.<dimension>": the questionnaire's scale
        items = questionnaire_items(res.programme.questionnaire_items, outcome.split(".")[0])
        if items.empty:
            return ""
        low, high = scale_range(items)
        return t("report.programme.unit.scale", lang, low=number_text(low, lang, 0),
                 high=number_text(high, lang, 0))  # fmt: skip
    return t(f"report.programme.unit.{family}", lang)


def outcome_label(res: ProgrammeResults, family: str, outcome: str) -> str:
    """The display label of an outcome (its code when it has none)."""
    return res.labels.get((family, outcome), outcome)


# --------------------------------------------------------------------------- blocks
def heading(level: int, key: str, lang: str, anchor: str | None = None) -> Markup:
    """The heading of label ``key``, with ``id=anchor`` when given."""
    return render("heading.html.j2", level=level, text=t(key, lang), anchor=anchor)


def paragraph(text: str) -> Markup:
    """A paragraph of plain text."""
    return render("paragraph.html.j2", text=text)


def table(
    header: list[tuple[str, bool]], rows: list[list[tuple[str, bool]]], *, note: str = ""
) -> Markup:
    """A styled report table; each cell is ``(text or Markup, is_numeric)``."""
    return render("table.html.j2", header=header, rows=rows, note=note, style=Markup(TABLE_STYLE))


def verdict_span(css: str, text: str) -> Markup:
    """``text`` in the colour of verdict ``css`` (improved, worsened, inconclusive)."""
    return render("programme_verdict.html.j2", css=css, text=text)


def figure(fig: object, *, alt: str) -> Markup:
    """A figure embedded in the page (see :func:`impact.report.formatting.figure_html`)."""
    return Markup(figure_html(fig, alt=alt))


# --------------------------------------------------------------------------- sections
def _pooled_table(res: ProgrammeResults, part: pd.DataFrame) -> Markup:
    lang = res.lang
    cols = ("outcome", "unit", "k", "effect", "ci", "p", "p_ri", "pi", "i2", "tau2", "q_p",
            "improved", "verdict")  # fmt: skip
    numeric = {"k", "effect", "ci", "p", "p_ri", "pi", "i2", "tau2", "q_p", "improved"}
    header = [(t(f"report.programme.col.{c}", lang), c in numeric) for c in cols]
    rows = []
    for r in part.itertuples(index=False):
        improved = (
            t(
                "report.programme.share",
                lang,
                n=r.n_improved,
                k=r.n_teams,
                share=number_text(100 * r.share_improved, lang, 0),
            )
            if r.n_teams
            else MISSING
        )
        verdict = verdict_span(r.verdict, t(f"verdict.{r.verdict}", lang)) if r.verdict else MISSING
        rows.append([
            (outcome_label(res, r.family, r.outcome), False),
            (unit_text(res, r.family, r.outcome, r.scale), False),
            (str(int(r.k)), True),
            (effect_text(r.estimate, r.scale, lang), True),
            (interval_text(r.ci_low, r.ci_high, r.scale, lang), True),
            (p_text(r.p_value, lang), True),
            (p_text(getattr(r, "p_randomisation", np.nan), lang), True),
            (interval_text(r.pi_low, r.pi_high, r.scale, lang), True),
            (number_text(r.I2, lang, 0), True),
            (number_text(r.tau2, lang, 3), True),
            (p_text(r.Q_p, lang), True),
            (improved, True),
            (verdict, False),
        ])  # fmt: skip
    note = f"{t('report.programme.pooled.note', lang)} {t('report.programme.pooled.ri-note', lang)}"
    return table(header, rows, note=note)


def _forest(
    res: ProgrammeResults, family: str, outcome: str, *, funnel: bool, is_open: bool
) -> Markup | None:
    """Forest plot (and funnel plot) of one outcome, hidden teams left out (and counted)."""
    lang = res.lang
    rows = res.team_effects.loc[(res.team_effects["family"] == family)
                                & (res.team_effects["outcome"] == outcome)]  # fmt: skip
    pooled = res.pooled.loc[(res.pooled["family"] == family) & (res.pooled["outcome"] == outcome)]
    if rows.empty or pooled.empty or not np.isfinite(pooled["estimate"].iloc[0]):
        return None
    ok = ~rows["suppressed"].to_numpy(dtype=bool)
    label = outcome_label(res, family, outcome)
    unit = unit_text(res, family, outcome, pooled["scale"].iloc[0])
    fig = forest_plot(
        rows.loc[ok],
        pooled,
        lang=lang,
        title=label,
        xlabel=f"{t('plot.meta.effect', lang)} ({unit})" if unit else None,
    )
    forest = figure(fig, alt=t("report.programme.forest.alt", lang, outcome=label))
    hidden = int((~ok).sum())
    funnel_fig = ""
    if funnel:
        fig = funnel_plot(rows.loc[ok], pooled, lang=lang, title=label)
        funnel_fig = figure(fig, alt=t("report.programme.funnel.alt", lang, outcome=label))
    return render(
        "programme_forest.html.j2",
        open=is_open,
        summary=t("report.programme.forest.summary", lang, outcome=label),
        forest=forest,
        hidden=(
            t("report.programme.forest.hidden", lang, n=hidden, min_cell=res.min_cell)
            if hidden
            else ""
        ),
        funnel=funnel_fig,
    )


def effectiveness_section(
    res: ProgrammeResults, *, funnel: bool = True, forests: dict[str, tuple[str, ...]] | None = None
) -> list[str]:
    """Per family: the pooled table with heterogeneity, then forest plots of key outcomes.

    Forest plots show each team (``team_id``) sorted by effect, the pooled diamond and
    the prediction interval; the overall scores' plots are open, the others folded
    (``<details>``). With ``funnel``, a funnel plot (effect against its standard error,
    for small-study effects) follows the forest plot of each overall score.

    Parameters
    ----------
    res : ProgrammeResults
    funnel : bool, default True
    forests : dict of str to tuple of str, optional
        Outcomes to draw per family; default :data:`KEY_OUTCOMES` (the overall barometer
        and PREM scores) and every outcome of the other families.

    Returns
    -------
    list of str
        HTML fragments (:class:`markupsafe.Markup`), in page order.
    """
    lang = res.lang
    parts = [
        heading(2, "report.programme.effectiveness.title", lang, "programme-effectiveness"),
        paragraph(t("report.programme.effectiveness.intro", lang)),
    ]
    if res.pooled.empty:
        parts.append(paragraph(t("report.programme.summary.none", lang)))
        return parts
    title = t("report.programme.chart.title", lang)
    parts.append(paragraph(render("programme_strong.html.j2", text=title)))
    parts.append(figure(verdict_chart(res.pooled, res.labels, lang=lang), alt=title))
    for family in FAMILIES:
        part = res.pooled.loc[res.pooled["family"] == family]
        if part.empty:
            continue
        parts.append(heading(3, f"report.programme.family.{family}", lang))
        parts.append(_pooled_table(res, part))
        keys = (forests if forests is not None else KEY_OUTCOMES).get(
            family, () if forests is not None else tuple(part["outcome"])
        )
        for outcome in part["outcome"]:
            if outcome not in keys:
                continue
            headline = outcome in KEY_OUTCOMES.get(family, ())
            body = _forest(res, family, outcome, funnel=funnel and headline, is_open=headline)
            if body is not None:
                parts.append(body)
    return parts
