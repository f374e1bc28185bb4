"""The team report's frame: its sections in order, their headings with stable anchors, the
table of contents, and the team's tables read once for every section.

``notebooks/team_report.ipynb`` calls :func:`team_tables` once, shows the tables and the
figures (:func:`change_figure`, :func:`trends_figure`) for an analyst, then builds the page:
:func:`contents_html` and each :func:`team_section` in :data:`SECTIONS` order. Every section
is always there: one without data for the team says so in one sentence, so the table of
contents is the same for every team. A family whose computation failed (see
:attr:`impact.report.results.TeamResults.errors`) leaves its section with one sentence and is
listed, in plain words, under "what could not be computed"; only a failure of the
before/after indicators (a team that is not a programme team with a start date) stops the
report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from matplotlib.figure import Figure

from impact.barometer.questionnaires import questionnaire_items, questionnaire_name, scale_range
from impact.data.loading import PREM_PUBLICATION_THRESHOLD, absent_tables
from impact.data.programme import Programme
from impact.data.warning_groups import team_warnings, warning_groups
from impact.report.activity import activity_section, activity_tables
from impact.report.barometer import barometer_section
from impact.report.comments import comments_section
from impact.report.figures import change_chart, its_grid
from impact.report.formatting import figure_html
from impact.report.indicator_tables import indicator_table_html, trend_table_html
from impact.report.labels import LANGUAGES, t
from impact.report.mde import with_mde
from impact.report.prem import prem_section
from impact.report.privacy import DEFAULT_MIN_CELL, publishable
from impact.report.questionnaires import answered_questionnaires, questionnaires_section
from impact.report.results import MONTHS, TeamResults, shape_text, team_results
from impact.report.roadmap import roadmap_section, roadmap_status_table, rule_html
from impact.report.summary import (
    limits_html,
    not_computed_html,
    not_computed_items,
    team_summary_html,
    warnings_html,
)
from impact.report.tables import anchor_html, contents_html, heading_html
from impact.report.team_html import paragraph_html
from impact.report.training import training_section, training_tables
from impact.stats.its import ItsResult

__all__ = ["SECTIONS", "TeamTables", "anchor", "change_figure", "team_contents", "team_section",
           "team_tables", "trends_figure"]  # fmt: skip

#: The report's sections after the team card, in display order (provenance last).
SECTIONS = ("summary", "indicators", "trends", "barometer", "questionnaires", "prem", "roadmap",
            "activity", "training", "comments", "not-computed", "limits", "about")  # fmt: skip
_TITLES = {"summary": "report.summary.title", "indicators": "report.indicators.title",
           "trends": "report.trends.title", "barometer": "report.barometer.title",
           "questionnaires": "report.questionnaires.title",
           "prem": "report.prem.title", "roadmap": "report.roadmap.title",
           "activity": "report.activity.title", "training": "report.training.title",
           "comments": "report.comments.title",
           "not-computed": "report.not-computed.title",
           "limits": "report.limits.title", "about": "report.about.title"}  # fmt: skip
#: Heading level of each section (the trends belong to the indicators).
_LEVELS = {"trends": 3}
#: Families whose failure leaves a section with one sentence (the indicators stop the report).
_FAMILIES = ("its", "did", "barometer", "questionnaires", "prem", "comments", "placebo")


def anchor(section: str) -> str:
    """The ``id`` of a section's heading, e.g. ``"team-summary"``."""
    if section not in SECTIONS:
        raise ValueError(f"section must be one of {SECTIONS}. Got {section!r}.")
    return f"team-{section}"


@dataclass
class TeamTables:
    """One team's tables, as every section of its report reads them.

    Attributes
    ----------
    programme : Programme
    team_id, lang, min_cell
    indicators : pandas.DataFrame
        Before/after rows, publishable (:func:`impact.report.privacy.publishable`, as the
        barometer and prem tables).
    its : ItsResult or None
    did, placebo : pandas.DataFrame or None
        None without comparison units, not computed (placebo checks) or when it failed.
    barometer, prem : dict of str to pandas.DataFrame, or None
        None when the team has no barometer answer (barometer) or when it failed.
    questionnaires : dict or None
        Questionnaire code → its tables, publishable (None for a questionnaire the team
        has no answer to), for every questionnaire the programme has answers to; None
        when the family failed.
    errors : dict of str to Exception
        Families that failed for this team.
    steering : dict
        The team's roadmap statuses (``"roadmap"``,
        :func:`impact.report.roadmap.roadmap_status_table`), activity tables
        (``"activity"``, :func:`impact.report.activity.activity_tables`) and training
        evaluation of its members (``"training"``,
        :func:`impact.report.training.training_tables`), computed whole (their sections
        publish them), and the team's comment tables (``"comments"``,
        :class:`impact.report.comment_tables.CommentTables`, masked text only); a family
        that failed is absent and in ``errors``.
    """

    programme: Programme
    team_id: str
    lang: str
    min_cell: int
    indicators: pd.DataFrame
    its: ItsResult | None
    did: pd.DataFrame | None
    barometer: dict[str, pd.DataFrame] | None
    prem: dict[str, pd.DataFrame] | None
    errors: dict[str, BaseException] = field(default_factory=dict)
    questionnaires: dict[str, dict[str, pd.DataFrame] | None] | None = None
    steering: dict[str, object] = field(default_factory=dict)
    placebo: pd.DataFrame | None = None

    def __repr__(self) -> str:
        families = ("indicators", "its", "did", "barometer", "questionnaires", "prem")
        shapes = ", ".join(f"{f}={shape_text(getattr(self, f))}" for f in families)
        errors = ", ".join(sorted(self.errors)) or "none"
        return (f"TeamTables(team_id={self.team_id!r}, lang={self.lang!r}, "
                f"min_cell={self.min_cell}; {shapes}; errors: {errors})")  # fmt: skip

    @property
    def hidden(self) -> list[str]:
        """Indicators hidden for a small cell in the before/after table."""
        hidden = self.indicators["suppressed"].fillna(False).astype(bool)
        return self.indicators.loc[hidden, "indicator"].tolist()

    @property
    def no_data(self) -> list[str]:
        """Survey sections the team has no answer in (``"barometer"``, ``"questionnaires"``,
        ``"prem"``, ``"proms"``); a table not supplied for the programme is not one (its
        section says so, see :func:`impact.data.loading.absent_tables`), nor are the
        questionnaires of a programme without answers to any."""
        out = []
        absent = absent_tables(self.programme)  # said in its section: not "for this team"
        for section, family, table in (
            ("barometer", "barometer", "barometer_responses"),
            ("questionnaires", "questionnaires", "questionnaire_responses"),
            ("prem", "prem", "prem_responses"),
            ("proms", "prem", "prom_responses"),
        ):  # PROMs: prem family
            responses = getattr(self.programme, table)
            if family in self.errors or table in absent:
                continue
            if section == "questionnaires" and not self.questionnaires:
                continue
            if (
                "team_id" not in responses.columns
                or not (responses["team_id"].astype(str) == self.team_id).any()
            ):
                out.append(section)
        return out


def team_tables(
    programme: Programme,
    team_id: str,
    results: TeamResults | None = None,
    *,
    lang: str = "fr",
    min_cell: int = DEFAULT_MIN_CELL,
) -> TeamTables:
    """Read (or compute) a team's tables once for its report.

    Parameters
    ----------
    programme : Programme
        The programme (or the team's part of it, from the bundle).
    team_id : str
    results : TeamResults, optional
        The team's precomputed tables (:func:`impact.report.bundles.load_team_results`); by
        default :func:`impact.report.results.team_results` computes them here.
    lang : {"fr", "en"}
    min_cell : int, default 10

    Raises
    ------
    Exception
        The before/after indicators' error, if they could not be computed (e.g.
        ``ValueError`` for a comparison unit): without them the report has no subject.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    if results is None:
        results = team_results(programme, team_id, lang=lang, min_cell=min_cell)
    errors = dict(results.errors)
    if "indicators" in errors:
        raise errors["indicators"]
    got = {f: None if f in errors else getattr(results, f) for f in _FAMILIES}
    shown = publishable({"indicators": results.indicators, "barometer": got["barometer"],
                         "questionnaires": got["questionnaires"],
                         "prem": got["prem"] or None}, min_cell)  # fmt: skip
    shown = with_mde(shown, None if "mde" in errors else results.mde)  # beside inconclusive
    errors = {f: e for f, e in errors.items() if f in _FAMILIES}
    steering = _steering_tables(programme, team_id, errors)
    if "comments" not in errors:  # the run's masked tables (team's slice), published there
        steering["comments"] = got["comments"]
    return TeamTables(programme, team_id, lang, int(min_cell), shown["indicators"],
                      got["its"], got["did"], shown["barometer"], shown["prem"], errors,
                      shown["questionnaires"], steering, got["placebo"])  # fmt: skip


def _steering_tables(programme: Programme, team_id: str, errors: dict) -> dict[str, object]:
    """The team's roadmap statuses, activity and training tables from its few rows; a
    family that fails goes to ``errors`` (its section says so, "not computed" lists it)."""
    out: dict[str, object] = {}
    for family, compute in (
        ("roadmap", lambda: roadmap_status_table(programme.team(team_id))),
        ("activity", lambda: activity_tables(programme, [team_id])),
        ("training", lambda: training_tables(programme.team(team_id))),
    ):
        try:
            out[family] = compute()
        except Exception as exc:  # noqa: BLE001  one family's failure never stops the report
            errors[family] = exc
    return out


def _heading(section: str, lang: str) -> str:
    return heading_html(_LEVELS.get(section, 2), t(_TITLES[section], lang), anchor=anchor(section))


def _failed(lang: str) -> str:
    text = t("report.section.failed", lang, title=t("report.not-computed.title", lang))
    return str(paragraph_html(text))


def team_contents(lang: str = "fr") -> str:
    """The table of contents: one link per section of :data:`SECTIONS`."""
    # the provenance link says what is there rather than repeat its heading
    titles = {**_TITLES, "about": "report.contents.about"}
    return contents_html(
        [(anchor(s), t(titles[s], lang)) for s in SECTIONS], title=t("report.contents", lang)
    )


# ------------------------------------------------------------------------- sections


def _changes_shown(changes: pd.DataFrame) -> pd.DataFrame:
    """The rows of a Likert instrument's changes its section shows (mean changes, all
    respondents and paired)."""
    return changes[(changes["measure"] == "mean change")
                   & changes["analysis"].isin(["all", "paired"])]  # fmt: skip


def _questionnaire_headlines(tables: TeamTables) -> list[tuple[str, pd.DataFrame, tuple]]:
    """(name, changes, answer range) of each questionnaire the team answered, for the
    summary's picture."""
    catalogue = tables.programme.questionnaire_items
    return [(questionnaire_name(catalogue, code, tables.lang), family["changes"],
             scale_range(questionnaire_items(catalogue, code)))
            for code, family in answered_questionnaires(
                tables.programme, tables.team_id, tables.questionnaires).items()]  # fmt: skip


def _shown(tables: TeamTables) -> dict[str, object]:
    """The rows of each family that the report's tables show (for "not computed")."""
    shown: dict[str, object] = {"indicators": tables.indicators}
    if tables.its is not None and len(tables.its.effects):
        effects = tables.its.effects
        shown["its"] = effects[
            (effects["measure"] == "level change") & ~effects["indicator"].isin(tables.hidden)
        ]
    if tables.did is not None and len(tables.did):
        shown["did"] = tables.did[~tables.did["indicator"].isin(tables.hidden)]
    if tables.barometer:
        shown["barometer"] = [_changes_shown(tables.barometer["changes"]),
                              tables.barometer["gaps"], tables.barometer["joint"]]  # fmt: skip
    quest = answered_questionnaires(tables.programme, tables.team_id, tables.questionnaires)
    if quest:  # each row named by its questionnaire: two may share a dimension's name
        shown["questionnaires"] = [
            table.assign(questionnaire_label=questionnaire_name(
                tables.programme.questionnaire_items, code, tables.lang))
            for code, family in quest.items()
            for table in (_changes_shown(family["changes"]), family["gaps"], family["joint"])
        ]  # fmt: skip
    if tables.prem:
        deltas = tables.prem["deltas"]
        shown["prem"] = deltas[deltas["level"] != "item"]
        proms = tables.prem["proms"]
        if len(proms):
            shown["proms"] = proms[
                (proms["measure"] == "mean change")
                | proms["measure"].str.startswith("share improved")
            ]
    return shown


def _not_computed_args(tables: TeamTables) -> dict[str, object]:
    """The arguments of :func:`not_computed_html` (and its items) for the team."""
    return {"tables": _shown(tables), "lang": tables.lang, "min_cell": tables.min_cell,
            "catalogue": tables.programme.indicators, "proms": tables.programme.proms,
            "errors": tables.errors, "no_data": tables.no_data}  # fmt: skip


def _summary(tables: TeamTables) -> list[str]:
    lang = tables.lang
    effects = tables.its.effects if tables.its is not None else None
    listed = bool(not_computed_items(**_not_computed_args(tables)))
    return [
        _heading("summary", lang),
        team_summary_html(
            tables.indicators,
            effects,
            tables.programme.indicators,
            barometer=tables.barometer["changes"] if tables.barometer else None,
            questionnaires=_questionnaire_headlines(tables),
            prem=tables.prem["deltas"] if tables.prem else None,
            proms=tables.prem["proms"] if tables.prem else None,
            prom_catalogue=tables.programme.proms,
            lang=lang,
            min_cell=tables.min_cell,
            threshold=PREM_PUBLICATION_THRESHOLD,
            no_data=tables.no_data,
            failed=list(tables.errors),
            more=anchor("not-computed") if listed else None,
        ),
    ]


def change_figure(tables: TeamTables) -> Figure | None:
    """The before/after chart of the indicators, for an analyst in the notebook (None
    without rows); the page shows the same marks in its opening picture."""
    if not len(tables.indicators):
        return None
    return change_chart(tables.indicators, tables.programme.indicators, lang=tables.lang)


def _its_shown(tables: TeamTables) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The fitted months and effects the trend charts show, and the months hidden: no
    chart for an indicator whose table row is hidden, no point for a small month."""
    shown = ~tables.its.fitted["indicator"].isin(tables.hidden)
    fitted = publishable({"its_fitted": tables.its.fitted[shown]}, tables.min_cell)["its_fitted"]
    n_hidden = int(fitted["suppressed"].sum())
    effects = tables.its.effects[~tables.its.effects["indicator"].isin(tables.hidden)]
    return fitted, effects, n_hidden


def trends_figure(tables: TeamTables) -> Figure | None:
    """The interrupted-time-series grid of the report's trend section (None without a
    month to show)."""
    if tables.its is None or not len(tables.its.fitted):
        return None
    fitted, effects, _ = _its_shown(tables)
    if not len(fitted):
        return None
    return its_grid(fitted, effects, tables.programme.indicators, lang=tables.lang)


def _indicators(tables: TeamTables) -> list[str]:
    lang, effects, programme = tables.lang, tables.indicators, tables.programme
    start = programme.teams.set_index("team_id").loc[tables.team_id, "start_date"]
    # the chart of these changes opens the report (the summary's picture): not twice
    return [_heading("indicators", lang),
            indicator_table_html(effects, programme.indicators, lang=lang, months=MONTHS,
                                 start=start, min_cell=tables.min_cell)]  # fmt: skip


def _trends(tables: TeamTables) -> list[str]:
    lang, programme = tables.lang, tables.programme
    parts = [_heading("trends", lang)]
    if "its" in tables.errors or "did" in tables.errors:
        parts.append(_failed(lang))
    if tables.did is None and "did" not in tables.errors:  # the run has no comparison unit
        parts.append(str(paragraph_html(t("report.trends.no-comparison", lang))))
    if tables.its is None and tables.did is None:
        return parts
    its = tables.its.effects if tables.its is not None else pd.DataFrame()
    if not len(its.columns):
        its = pd.DataFrame(columns=["indicator", "measure", "estimate", "ci_low", "ci_high",
                                    "scale", "verdict"])  # fmt: skip
    did = tables.did if tables.did is not None else its.iloc[:0]
    parts.append(
        trend_table_html(
            its,
            did,
            programme.indicators,
            lang=lang,
            hidden=tables.hidden,
            min_cell=tables.min_cell,
            placebo=tables.placebo,
        )
    )
    figure = trends_figure(tables)
    if figure is not None:
        parts.append(heading_html(4, t("report.trends.charts", lang)))
        n_hidden = _its_shown(tables)[2]
        if n_hidden:
            parts.append(str(paragraph_html(t("report.trends.small-months", lang,
                                              min_cell=tables.min_cell, n=n_hidden))))  # fmt: skip
        parts.append(figure_html(figure, alt=t("report.trends.charts", lang)))
    return parts


def _survey(family: str, section: Callable[..., list[str]]) -> Callable[[TeamTables], list]:
    """The builder of a survey section (barometer, patient experience): its heading,
    then the section of :mod:`impact.report.barometer` or :mod:`impact.report.prem`
    from the team's tables, or a sentence when the family failed."""

    def build(tables: TeamTables) -> list[str]:
        parts = [_heading(family, tables.lang)]
        if family in tables.errors:
            return parts + [_failed(tables.lang)]
        return parts + section(
            tables.programme,
            tables.team_id,
            lang=tables.lang,
            min_cell=tables.min_cell,
            tables=getattr(tables, family),
        )

    return build


def _steering(section: str, build: Callable[..., list[str]], given: str
              ) -> Callable[[TeamTables], list]:  # fmt: skip
    """The builder of a steering section (roadmap, partnership activity, training): its
    heading, then ``build`` given the team's table computed in :func:`team_tables` (as
    keyword ``given``), or a sentence when it failed."""

    def builder(tables: TeamTables) -> list[str]:
        parts = [_heading(section, tables.lang)]
        if section in tables.errors:
            return parts + [_failed(tables.lang)]
        return parts + build(tables.programme, team_id=tables.team_id, lang=tables.lang,
                             min_cell=tables.min_cell,
                             **{given: tables.steering[section]})  # fmt: skip

    return builder


def _not_computed(tables: TeamTables) -> list[str]:
    return [_heading("not-computed", tables.lang), not_computed_html(**_not_computed_args(tables))]


def _limits(tables: TeamTables) -> list[str]:
    warnings = team_warnings(tables.programme.warnings, tables.team_id)
    return [
        _heading("limits", tables.lang),
        limits_html(
            lang=tables.lang,
            min_cell=tables.min_cell,
            threshold=PREM_PUBLICATION_THRESHOLD,
            months=MONTHS,
        ),
        *([rule_html(tables.lang)] if _has_roadmap(tables) else []),
        *([warnings_html(warnings, lang=tables.lang)] if warning_groups(warnings) else []),
    ]


def _has_roadmap(tables: TeamTables) -> bool:
    """Whether the team's report shows roadmap statuses (then its methods state the rule)."""
    roadmap = tables.programme.roadmap
    return "team_id" in roadmap.columns and bool((roadmap["team_id"] == tables.team_id).any())


def _about(tables: TeamTables) -> list[str]:
    # the heading is :func:`impact.report.team_card.provenance_html`'s, shown just after
    return [anchor_html(anchor("about"))]


_BUILDERS = {"summary": _summary, "indicators": _indicators, "trends": _trends,
             "barometer": _survey("barometer", barometer_section),
             "questionnaires": _survey("questionnaires", questionnaires_section),
             "prem": _survey("prem", prem_section),
             "roadmap": _steering("roadmap", roadmap_section, "status"),
             "activity": _steering("activity", activity_section, "tables"),
             "training": _steering("training", training_section, "tables"),
             "comments": _steering("comments", comments_section, "tables"),
             "not-computed": _not_computed,
             "limits": _limits, "about": _about}  # fmt: skip


def team_section(tables: TeamTables, section: str) -> list[str]:
    """HTML fragments of one section of the team report, its heading first.

    Parameters
    ----------
    tables : TeamTables
        From :func:`team_tables`.
    section : str
        One of :data:`SECTIONS`. ``"about"`` gives only the anchor: the provenance note
        itself is :func:`impact.report.team_card.provenance_html`.

    Returns
    -------
    list of str
        To display in order (``IPython.display.HTML``).
    """
    anchor(section)  # checks the name
    return _BUILDERS[section](tables)
