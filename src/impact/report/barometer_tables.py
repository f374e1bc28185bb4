"""The barometer tables of a team report: the family's tables, labelled (made publishable
by :func:`impact.report.privacy.publishable`, as ``{"barometer": tables}``)."""

from __future__ import annotations

import pandas as pd

from impact.barometer.common import check_waves
from impact.barometer.programme import summary_sizes
from impact.barometer.scores import (
    GLOBAL,
    PATIENT_SIDE,
    PROFESSIONALS,
    changes,
    joint_vs_self,
    perception_gap,
    score_summary,
    scores,
)
from impact.data.programme import Programme
from impact.report.labels import t


def _labels(table: pd.DataFrame, programme: Programme, lang: str) -> pd.DataFrame:
    """Add ``dimension_label`` and ``role_group_label`` (and ``analysis_label``,
    ``measure_label``) in ``lang``."""
    out = table.copy()
    cat = programme.barometer_items.drop_duplicates("dimension").set_index("dimension")
    if "dimension" in out:
        names = cat[f"dimension_{lang}"].to_dict() | {GLOBAL: t("barometer.dimension.global",
                                                                  lang)}  # fmt: skip
        out["dimension_label"] = out["dimension"].map(names).fillna(out["dimension"])
    for col, prefix in (("role_group", "barometer.role_group."), ("analysis",
                        "barometer.analysis."), ("measure", "barometer.measure."),
                        ("comparison", "barometer.comparison.")):  # fmt: skip
        if col in out:
            out[f"{col}_label"] = [_label(prefix + str(v), str(v), lang) for v in out[col]]
    return out


def _label(key: str, default: str, lang: str) -> str:
    try:
        return t(key, lang)
    except KeyError:
        return default


def team_barometer_tables(
    programme: Programme,
    team_id: str,
    *,
    lang: str = "fr",
    waves: tuple[str, str] = ("T0", "T1"),
    conf_level: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """The barometer tables of one team's report, every value computed (none hidden).

    A page or a results file shows them through :func:`impact.report.privacy.publishable`
    (``{"barometer": tables}``): no role group under ``min_cell`` respondents is shown
    (shared/DESIGN.md), nor any row whose own counts are under the minimum (e.g. the
    paired analysis of 6 returning respondents; the "all respondents" change is kept
    when both waves reach the minimum, its count of pairs blanked if small).

    Parameters
    ----------
    programme : Programme
    team_id : str
    lang : {"fr", "en"}
        Language of the ``*_label`` columns.
    waves : (str, str)
    conf_level : float, default 0.95

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"summary"`` (:func:`impact.barometer.scores.score_summary` per role group × wave ×
        dimension), ``"changes"`` (:func:`impact.barometer.scores.changes` per role group ×
        dimension, with ``n_group_before``/``n_group_after``), ``"gaps"``
        (:func:`impact.barometer.scores.perception_gap`), ``"joint"``
        (:func:`impact.barometer.scores.joint_vs_self`); each with label columns.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> tables = team_barometer_tables(prog, "T01")
    >>> sorted(tables)
    ['changes', 'gaps', 'joint', 'summary']
    """
    programme.team(team_id)  # KeyError for an unknown team
    return barometer_tables(programme, [team_id], lang=lang, waves=waves, conf_level=conf_level)


def barometer_tables(
    programme: Programme,
    teams: list[str],
    *,
    lang: str = "fr",
    waves: tuple[str, str] = ("T0", "T1"),
    conf_level: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """:func:`team_barometer_tables` for several teams at once (every step groups by
    ``team_id``, so one call serves a whole run)."""
    waves = check_waves(waves, 2)
    responses = programme.barometer_responses
    s = scores(responses.loc[responses["team_id"].isin(teams)], programme.barometer_items)
    summary = score_summary(s, by=("team_id", "role_group", "wave", "dimension"))
    summary = summary.loc[summary["role_group"].isin([PROFESSIONALS, PATIENT_SIDE])]
    ch = changes(s, by=("team_id", "role_group", "dimension"), waves=waves, conf_level=conf_level)
    ch = ch.merge(summary_sizes(s, waves), on=["team_id", "role_group", "dimension"], how="left")
    gaps = perception_gap(s, by=("team_id",), waves=waves, conf_level=conf_level)
    joint = joint_vs_self(s, by=("team_id",), waves=waves, conf_level=conf_level)
    return {
        name: _labels(table, programme, lang)
        for name, table in (("summary", summary), ("changes", ch), ("gaps", gaps), ("joint", joint))
    }
