"""The programme report's sections as HTML fragments (tables, texts, embedded figures).

:func:`programme_results` computes every programme-level analysis once
(:mod:`impact.synthesis.pooling`, :mod:`impact.report.reaim`,
:func:`impact.indicators.did.did_by_indicator`); the section functions turn the results
into HTML for ``notebooks/programme_report.ipynb``, rendered from the Jinja2 templates
``report/templates/sections/programme_*`` (and the shared ``heading``, ``paragraph``,
``table``) with autoescape: the title and plain-language summary, the RE-AIM table, the
difference-in-differences and the methods here, the pooled effects in
:mod:`impact.report.programme_effects` and the subgroups and meta-regression in
:mod:`impact.report.programme_subgroups` (re-exported), the funnel plots in
:mod:`impact.report.programme_funnel`. Teams are named by ``team_id``
only, and no count of people under the minimum cell size is shown, nor any statistic
computed from such a group.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from impact.barometer.questionnaires import (
    questionnaire_codes,
    questionnaire_name,
    questionnaire_programme,
)
from impact.data.programme import Programme
from impact.indicators.did import did_by_indicator
from impact.indicators.did_robustness import hide_randomisation
from impact.indicators.periods import compare_periods
from impact.indicators.trends import its_by_team
from impact.report.barometer_tables import barometer_tables
from impact.report.figures.did import event_study_chart
from impact.report.formatting import MISSING
from impact.report.headlines import indicator_headlines, with_indicator_headlines
from impact.report.labels import LANGUAGES, t
from impact.report.outcomes import outcome_labels
from impact.report.overview import OVERVIEW_COLUMNS, overview_html, overview_row
from impact.report.privacy import DEFAULT_MIN_CELL, publishable, visible_team_groups
from impact.report.programme_effects import (
    KEY_OUTCOMES,
    SUBGROUPS,
    ProgrammeResults,
    effect_text,
    effectiveness_section,
    figure,
    heading,
    interval_text,
    number_text,
    outcome_label,
    p_text,
    paragraph,
    table,
    verdict_chart,
)
from impact.report.programme_sensitivity import sensitivity_section
from impact.report.programme_subgroups import moderator_section, subgroup_section
from impact.report.reaim import DIMENSIONS, reaim_summary
from impact.report.templating import Markup, render
from impact.synthesis.effects import FAMILIES, team_effects
from impact.synthesis.pooling import moderator_effects, pooled_effects, subgroup_effects

__all__ = [
    "KEY_OUTCOMES",
    "ProgrammeResults",
    "about_anchor",
    "did_section",
    "effectiveness_section",
    "methods_html",
    "moderator_section",
    "programme_aggregates",
    "programme_results",
    "reaim_html",
    "subgroup_section",
    "summary_html",
    "title_html",
    "verdict_chart",
]

#: Barometer waves whose change the programme pools: the same pair for every team, so the
#: pooled change covers the same follow-up (a team report's headline is its own first →
#: last wave, T0 → T2 when it has one).
BAROMETER_WAVES = ("T0", "T1")
_SECTIONS = ("summary", "reaim", "effectiveness", "subgroups", "moderators", "did", "funnel",
             "methods", "about")  # fmt: skip


def programme_aggregates(
    effects: pd.DataFrame, min_cell: int, *, barometer_changes: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, dict, pd.DataFrame]:
    """The teams' effects made publishable, and the aggregates of the visible ones.

    :func:`impact.report.privacy.publishable` hides the teams under ``min_cell`` (and the
    all-roles barometer effects of a team with a hidden role group, from
    ``barometer_changes``); pooled effects, subgroups and the meta-regression are then
    computed from the visible teams only, so no hidden team can be solved back from
    them (rule 2 of :mod:`impact.report.privacy`).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame, dict, pandas.DataFrame)
        Publishable team effects (column ``suppressed``), ``pooled_effects``,
        ``subgroup_effects`` (by :data:`SUBGROUPS`) and ``moderator_effects`` of the
        visible rows.
    """
    effects = publishable(
        {"team_effects": effects, "barometer_changes": barometer_changes}, min_cell
    )["team_effects"]
    visible = effects.loc[~effects["suppressed"]]
    pooled = pooled_effects(visible)
    groups = subgroup_effects(visible, SUBGROUPS) if len(visible) else {}
    moderators = moderator_effects(visible) if len(visible) else pd.DataFrame()
    return effects, pooled, groups, moderators


def programme_results(
    programme: Programme,
    *,
    lang: str = "fr",
    min_cell: int = DEFAULT_MIN_CELL,
    indicator_method: str = "its",
    n_boot: int = 499,
    seed: int = 0,
    did: dict[str, pd.DataFrame] | None = None,
) -> ProgrammeResults:
    """Run every programme-level analysis of the report once.

    Parameters
    ----------
    programme : Programme
    lang : {"fr", "en"}, default "fr"
    min_cell : int, default 10
    indicator_method : {"its", "periods"}, default "its"
        Per-team indicator effect (see :func:`impact.synthesis.effects.team_effects`).
    n_boot : int, default 499
        Multiplier-bootstrap draws of the Callaway–Sant'Anna intervals.
    seed : int, default 0
        Seed of the bootstrap.
    did : dict of str to pandas.DataFrame, optional
        :func:`impact.indicators.did.did_by_indicator` already computed for this programme
        (``impact run`` computes it once, :func:`impact.report.results.did_programme`, and
        passes it); by default computed here with ``n_boot`` and ``seed``.

    Returns
    -------
    ProgrammeResults
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    notes = []
    left_out, pooled_data = 0, programme
    if len(programme.barometer_responses):
        # a team's barometer change mixes its role groups: a hidden group is left out of it
        shown, left_out = _visible_answers(programme, lang, min_cell)
        pooled_data = replace(programme, barometer_responses=shown)
    answers, quest_notes = [], []
    for code in questionnaire_codes(programme):  # likewise for each questionnaire
        shown, k = _visible_answers(questionnaire_programme(programme, code), lang, min_cell)
        answers.append(shown.assign(questionnaire=code))
        if k:
            name = questionnaire_name(programme.questionnaire_items, code, lang)
            quest_notes.append(t("report.programme.note.questionnaire-groups", lang,
                                 questionnaire=name, k=k, min_cell=min_cell))  # fmt: skip
    if answers:
        columns = programme.questionnaire_responses.columns
        pooled_data = replace(pooled_data, questionnaire_responses=pd.concat(
            answers, ignore_index=True)[list(columns)])  # fmt: skip
    effects = team_effects(
        pooled_data, indicator_method=indicator_method, barometer_waves=BAROMETER_WAVES
    )
    before_after = compare_periods(programme, months=12)  # as in the team reports
    indicators = effects.loc[effects["family"] == "indicator"]
    if len(indicators):  # the verdicts of the teams' own reports
        # with indicator_method="its" the team effects are the ITS level changes already
        its = (indicators.rename(columns={"outcome": "indicator"}) if indicator_method == "its"
               else its_by_team(programme).effects)  # fmt: skip
        effects = with_indicator_headlines(effects, indicator_headlines(before_after, its))
    present = set(effects["family"])
    for family in FAMILIES:
        if family not in present:
            notes.append(
                t(
                    "report.programme.note.no-family",
                    lang,
                    family=t(f"report.programme.family.{family}", lang),
                )
            )
    if left_out:
        notes.append(
            t("report.programme.note.barometer-groups", lang, k=left_out, min_cell=min_cell)
        )
    notes += quest_notes
    effects, pooled, groups, moderators = programme_aggregates(effects, min_cell)
    if not programme.comparison_ids:
        notes.append(t("report.programme.note.no-comparison", lang))
    elif programme.indicator_values.empty:
        notes.append(t("report.programme.note.no-indicators", lang))
    else:
        if did is None:
            did = did_by_indicator(programme, n_boot=n_boot, seed=seed)
        # over every treated team: hidden for an indicator with a hidden team (rule 2)
        shown = publishable(
            {"indicators": before_after, "did_programme":
             did["overall"], "did_event_study": did["event_study"]},
            min_cell,
        )  # fmt: skip
        did = {**did, "overall": shown["did_programme"], "event_study": shown["did_event_study"]}
        if "randomisation" in did:  # the same rule for the randomisation checks (issue 17)
            did["randomisation"] = hide_randomisation(publishable(
                {"indicators": before_after, "did_programme": did["randomisation"]}, min_cell
            )["did_programme"])  # fmt: skip
    reaim = reaim_summary(programme, pooled, min_cell=min_cell, lang=lang)
    if (reaim["measure"] == "barometer_later").any() and reaim.loc[
        reaim["measure"] == "barometer_later", "value"
    ].isna().all():
        notes.append(reaim.loc[reaim["measure"] == "barometer_later", "detail"].iloc[0])
    return ProgrammeResults(
        programme,
        lang,
        int(min_cell),
        effects,
        pooled,
        groups,
        moderators,
        reaim,
        did,
        outcome_labels(programme, lang),
        notes,
    )


def _visible_answers(programme: Programme, lang: str, min_cell: int) -> tuple[pd.DataFrame, int]:
    """The barometer answers of the role groups shown at both :data:`BAROMETER_WAVES`
    (:func:`impact.report.privacy.visible_team_groups`) and how many team × role groups
    were left out: a team's pooled change mixes its groups, so a hidden one stays out."""
    tables = barometer_tables(programme, programme.team_ids, lang=lang, waves=BAROMETER_WAVES)
    summary = publishable({"barometer": tables}, min_cell)["barometer"]["summary"]
    return visible_team_groups(programme.barometer_responses, summary, BAROMETER_WAVES)


# --------------------------------------------------------------------------- sections
def title_html(res: ProgrammeResults) -> str:
    """The report's title, the programme in one sentence and the table of contents."""
    lang, attrs = res.lang, res.programme.teams
    n_teams = len(res.programme.team_ids)
    n_ghu = attrs.loc[~attrs["comparison"].astype(bool), "ghu"].nunique()
    contents = render(
        "contents.html.j2",
        entries=[(f"programme-{s}", t(f"report.programme.{s}.title", lang)) for s in _SECTIONS],
        title=t("report.programme.toc", lang),
    )
    return render(
        "programme_title.html.j2",
        title=t("report.programme.title", lang),
        intro=t("report.programme.intro", lang, teams=n_teams, ghu=n_ghu),
        contents=contents,
    )


def overview_programme_html(res: ProgrammeResults) -> str:
    """The picture that opens the programme report: each pooled effect (random effects)
    against "no change", with its verdict and the share of teams that improved
    (:func:`impact.report.overview.overview_html`)."""
    lang, pooled = res.lang, res.pooled
    pooled = pooled.loc[pooled["k"] > 0] if len(pooled) else pooled
    rows = [
        overview_row(
            t(f"report.programme.family.{r.family}", lang),
            f"{outcome_label(res, r.family, r.outcome)} — "
            + t("report.programme.summary.teams-improved", lang, n=r.n_improved, k=r.n_teams),
            r.estimate, r.ci_low, r.ci_high, r.verdict, lang=lang, log=r.scale == "log",
            digits=2 if r.scale == "log" or r.family in ("barometer", "questionnaire") else 1,
        )
        for r in pooled.itertuples(index=False)
    ]  # fmt: skip
    return overview_html(pd.DataFrame(rows, columns=OVERVIEW_COLUMNS), lang=lang,
                         caption=t("report.programme.overview.caption", lang))  # fmt: skip


def summary_html(res: ProgrammeResults) -> str:
    """Plain-language summary: what improved, what did not, what cannot be concluded;
    opened by :func:`overview_programme_html`."""
    lang, pooled = res.lang, res.pooled
    values = {
        "heading": heading(2, "report.programme.summary.title", lang, "programme-summary"),
        "picture": Markup(overview_programme_html(res)),
    }
    if pooled.empty:
        none = t("report.programme.summary.none", lang)
        return render("programme_summary.html.j2", none=none, verdicts=[], paragraphs=[], **values)
    pooled = pooled.loc[pooled["k"] > 0]
    verdicts = []
    for verdict in ("improved", "worsened"):
        chosen = pooled.loc[pooled["verdict"] == verdict]
        key = f"report.programme.summary.{verdict}"
        verdicts.append(
            {"lead": t(key, lang, n=len(chosen), k=len(pooled)),
             "names": ", ".join(outcome_label(res, r.family, r.outcome)
                                for r in chosen.itertuples(index=False))}
            if len(chosen)
            else {"lead": t(key + ".none", lang), "names": ""}
        )  # fmt: skip
    paragraphs = []
    unclear = pooled.loc[pooled["verdict"] == "inconclusive"]
    if len(unclear):
        names = ", ".join(
            f"{outcome_label(res, r.family, r.outcome)} "
            f"({t(f'report.programme.family.{r.family}', lang)})"
            for r in unclear.itertuples()
        )
        paragraphs.append(t("report.programme.summary.inconclusive", lang, names=names))
    few = pooled.loc[pooled["k"] < 3]
    if len(few):
        names = ", ".join(outcome_label(res, r.family, r.outcome) for r in few.itertuples())
        paragraphs.append(t("report.programme.summary.few", lang, names=names))
    null = np.where(pooled["scale"] == "log", 1.0, 0.0)
    varies = pooled.loc[
        (pooled["verdict"] != "inconclusive")
        & (pooled["pi_low"] < null)
        & (pooled["pi_high"] > null)
    ]
    if len(varies):
        paragraphs.append(t("report.programme.summary.varies", lang, n=len(varies)))
    mods = res.moderators
    if len(mods):
        grows = int((mods["verdict"] == "favourable").sum())
        paragraphs.append(t("report.programme.summary.participation", lang, n=grows, k=len(mods)))
    paragraphs.append(t("report.programme.summary.caveat", lang))
    return render(
        "programme_summary.html.j2", none="", verdicts=verdicts, paragraphs=paragraphs, **values
    )


def _reaim_value(res: ProgrammeResults, r: object) -> str:
    """A RE-AIM measure's value as shown: the mark, – or the number (with %)."""
    lang = res.lang
    if r.suppressed:
        return res.mark
    if pd.isna(r.value):
        return MISSING
    whole = float(r.value).is_integer() and (
        r.people or r.measure not in ("codecision", "barometer_later", "participation_rate")
    )
    digits = 0 if whole else 2 if r.measure in ("codecision", "barometer_later") else 1
    value = number_text(r.value, lang, digits, sign=r.measure == "barometer_later")
    if r.measure in ("participation_rate", "ghu_share"):
        value += "\u00a0%" if lang == "fr" else "%"
    return value


def reaim_html(res: ProgrammeResults) -> str:
    """The RE-AIM summary table (suppressed counts show the mark)."""
    lang = res.lang
    header = [
        (t(f"report.programme.reaim.col.{c}", lang), c == "value")
        for c in ("dimension", "measure", "value", "detail")
    ]
    rows: list[list[tuple[str, bool]]] = []
    for dim in DIMENSIONS:
        part = res.reaim.loc[res.reaim["dimension"] == dim]
        for i, r in enumerate(part.itertuples(index=False)):
            name = t(f"report.programme.reaim.{dim}", lang) if i == 0 else ""
            rows.append([
                (render("programme_strong.html.j2", text=name), False),
                (r.label, False),
                (_reaim_value(res, r), True),
                (r.detail, False),
            ])  # fmt: skip
    return Markup("\n").join(
        [
            heading(2, "report.programme.reaim.title", lang, "programme-reaim"),
            table(header, rows, note=t("report.programme.reaim.note", lang, min_cell=res.min_cell)),
        ]
    )


def did_section(res: ProgrammeResults, *, charts: int = 2) -> list[str]:
    """Callaway–Sant'Anna against two-way fixed effects for each indicator, the
    event-study chart (with sup-t bands) of the first ``charts`` indicators, and the
    parallel-trends sensitivity (:mod:`impact.report.programme_sensitivity`).

    Returns
    -------
    list of str
        HTML fragments (:class:`markupsafe.Markup`), in page order.
    """
    lang = res.lang
    parts = [
        heading(2, "report.programme.did.title", lang, "programme-did"),
        paragraph(t("report.programme.did.intro", lang)),
    ]
    if res.did is None:
        parts.append(paragraph(t("report.programme.note.no-comparison", lang)))
        return parts
    overall, events = res.did["overall"], res.did["event_study"]
    cat = res.programme.indicators.set_index("code")
    codes = [
        c for c in cat.index if c in set(overall["indicator"]) and cat.loc[c, "kind"] != "count"
    ]
    header = [
        (t("report.programme.col.outcome", lang), False),
        (t("report.programme.col.unit", lang), False),
    ]
    for est in ("cs", "twfe"):
        header += [
            (t(f"report.programme.did.col.{est}", lang), True),
            (t("report.col.ci", lang), True),
        ]
    ri = res.did.get("randomisation")
    if ri is not None:  # issue 17: beside the CS estimate's bootstrap p-value
        header += [(t(f"report.programme.{k}", lang), True)
                   for k in ("did.col.p", "col.p_ri", "did.col.placebo")]  # fmt: skip
        ri = ri.set_index("indicator")
    rows = []
    for code in codes:
        part = overall.loc[overall["indicator"] == code].set_index("estimator")
        unit = cat.loc[code, f"unit_{lang}"]
        cells = [
            (outcome_label(res, "indicator", code), False),
            ("" if pd.isna(unit) else unit, False),
        ]
        for name in ("Callaway-Sant'Anna", "TWFE"):
            if name in part.index and bool(part.loc[name].get("suppressed", False)):
                cells += [(res.mark, True), (res.mark, True)]
            elif name in part.index:
                r = part.loc[name]
                cells += [
                    (effect_text(r["estimate"], "identity", lang), True),
                    (interval_text(r["ci_low"], r["ci_high"], "identity", lang), True),
                ]
            else:
                cells += [(MISSING, True), (MISSING, True)]
        if ri is not None:
            cells += _randomisation_cells(res, ri, code, part)
        rows.append(cells)
    note = t("report.programme.did.note", lang)
    if ri is not None and len(ri):
        n = int(ri["n_permutations"].max())
        note = f"{note} {t('report.programme.did.ri-note', lang, n=n)}"
    parts.append(table(header, rows, note=note))
    for code in codes[:charts]:
        ev = events.loc[events["indicator"] == code]
        if ev.empty or ev["estimate"].isna().all():
            continue
        title = t("report.programme.did.chart", lang, outcome=outcome_label(res, "indicator", code))
        parts.append(figure(event_study_chart(ev, title=title, lang=lang), alt=title))
    parts += sensitivity_section(res, codes, charts=charts)
    return parts


def _randomisation_cells(
    res: ProgrammeResults, ri: pd.DataFrame, code: str, cs: pd.DataFrame
) -> list[tuple[str, bool]]:
    """Bootstrap and randomisation p-values and the placebo-in-space share of one indicator."""
    name = "Callaway-Sant'Anna"
    hidden = name in cs.index and bool(cs.loc[name].get("suppressed", False))
    if code not in ri.index or hidden or bool(ri.loc[code].get("suppressed", False)):
        return [(res.mark if hidden else MISSING, True)] * 3
    r, lang = ri.loc[code], res.lang
    share = MISSING if pd.isna(r["placebo_space_share_larger"]) else t(
        "report.programme.did.placebo-share", lang, n=int(r["placebo_space_n"]),
        share=number_text(100 * r["placebo_space_share_larger"], lang, 0),
    )  # fmt: skip
    return [(p_text(r["p_value"], lang), True), (p_text(r["p_randomisation"], lang), True),
            (share, True)]  # fmt: skip


def methods_html(res: ProgrammeResults) -> str:
    """Methods and limits, and what could not be computed and why."""
    lang = res.lang
    return render(
        "programme_methods.html.j2",
        anchor="programme-methods",
        title=t("report.programme.methods.title", lang),
        paragraphs=[
            *(
                t(f"report.programme.methods.{k}", lang, min_cell=res.min_cell)
                for k in (
                    "pooling",
                    "indicators",
                    "surveys",
                    "subgroups",
                    "did",
                    "randomisation",
                    "privacy",
                )
            ),
            t("report.roadmap.rule", lang),
            t("report.programme.methods.limits", lang, min_cell=res.min_cell),
        ],  # fmt: skip
        notes_title=t("report.programme.notes.title", lang),
        notes=res.notes,
        no_notes=t("report.programme.notes.none", lang),
    )


def about_anchor() -> str:
    """An anchor for the table of contents' link to the provenance note (whose heading
    comes from :func:`impact.report.team_card.provenance_html`)."""
    return render("anchor.html.j2", anchor="programme-about")
