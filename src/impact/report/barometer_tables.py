"""The barometer tables of a team report: the family's tables, labelled (made publishable
by :func:`impact.report.privacy.publishable`, as ``{"barometer": tables}``)."""

from __future__ import annotations

import pandas as pd

from impact.barometer.common import check_waves, sort_table, team_waves, wave_pairs
from impact.barometer.programme import summary_sizes
from impact.barometer.scores import (
    GLOBAL,
    PATIENT_SIDE,
    PROFESSIONALS,
    changes_by_pair,
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
    waves: tuple[str, ...] | None = None,
    conf_level: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """The barometer tables of one team's report, every value computed (none hidden).

    Changes compare every wave the team has: each wave with the next, and the first
    with the last when there are three or more (T0 → T1, T1 → T2, T0 → T2), each
    comparison computed as the two-wave :func:`impact.barometer.scores.changes`.

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
    waves : tuple of str, optional
        The waves compared (at least two, in time order); default: each team's own
        waves (:func:`impact.barometer.common.team_waves`).
    conf_level : float, default 0.95

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"summary"`` (:func:`impact.barometer.scores.score_summary` per role group × wave ×
        dimension), ``"changes"`` (:func:`impact.barometer.scores.changes_by_pair` per role
        group × dimension, ``waves`` naming each comparison, with
        ``n_group_before``/``n_group_after`` the group's respondents at its two waves),
        ``"gaps"`` (:func:`impact.barometer.scores.perception_gap`), ``"joint"``
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
    waves: tuple[str, ...] | None = None,
    conf_level: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """:func:`team_barometer_tables` for several teams at once (every step groups by
    ``team_id``, so one call per set of waves serves a whole run)."""
    if waves is not None:
        waves = check_waves(waves)
    responses = programme.barometer_responses
    s = scores(responses.loc[responses["team_id"].isin(teams)], programme.barometer_items)
    summary = score_summary(s, by=("team_id", "role_group", "wave", "dimension"))
    summary = summary.loc[summary["role_group"].isin([PROFESSIONALS, PATIENT_SIDE])]
    parts: dict[str, list[pd.DataFrame]] = {"changes": [], "gaps": [], "joint": []}
    for own, group in team_waves(s, waves).items():
        sub = s.loc[s["team_id"].isin(group)]
        ch = changes_by_pair(sub, by=("team_id", "role_group", "dimension"), waves=own,
                             conf_level=conf_level)  # fmt: skip
        sizes = pd.concat([summary_sizes(sub, pair).assign(wave_before=pair[0],
                                                           wave_after=pair[1])
                           for pair in wave_pairs(own)])  # fmt: skip
        keys = ["team_id", "role_group", "dimension", "wave_before", "wave_after"]
        parts["changes"].append(ch.merge(sizes, on=keys, how="left"))
        parts["gaps"].append(perception_gap(sub, by=("team_id",), waves=own,
                                            conf_level=conf_level))  # fmt: skip
        parts["joint"].append(joint_vs_self(sub, by=("team_id",), waves=own,
                                            conf_level=conf_level))  # fmt: skip
    tables = {"summary": summary}
    for name, frames in parts.items():
        tables[name] = sort_table(pd.concat(frames, ignore_index=True), ["team_id"], s)
    return {name: _labels(table, programme, lang) for name, table in tables.items()}
