"""The barometer tables of a team report: the family's tables, small cells suppressed,
labelled."""

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
from impact.report.privacy import DEFAULT_MIN_CELL, suppress_small_cells


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
    min_cell: int = DEFAULT_MIN_CELL,
    lang: str = "fr",
    waves: tuple[str, str] = ("T0", "T1"),
    conf_level: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """The barometer tables of one team's report, with small cells suppressed.

    No role group under ``min_cell`` respondents is shown (shared/DESIGN.md): every
    row of a role group with fewer than ``min_cell`` respondents with a score at either
    wave has its counts and statistics blanked (:func:`impact.report.privacy.
    suppress_small_cells`), and so has any row whose own counts are under the minimum
    (e.g. the paired analysis of 6 returning respondents; the "all respondents" change
    is kept when both waves reach the minimum, its count of pairs blanked if small).
    The other small counts (``n_paired``, ``n_only_before``, ``n_only_after``) are
    blanked too. Rows keep a ``suppressed`` flag so the report can show the mark.

    Parameters
    ----------
    programme : Programme
    team_id : str
    min_cell : int, default 10
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
        (:func:`impact.barometer.scores.joint_vs_self`); each with label columns and
        ``suppressed``.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> tables = team_barometer_tables(prog, "T01")
    >>> sorted(tables)
    ['changes', 'gaps', 'joint', 'summary']
    """
    programme.team(team_id)  # KeyError for an unknown team
    return barometer_tables(
        programme, [team_id], min_cell=min_cell, lang=lang, waves=waves, conf_level=conf_level
    )


def barometer_tables(
    programme: Programme,
    teams: list[str],
    *,
    min_cell: int = 10,
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
    summary = suppress_small_cells(summary, min_cell=min_cell, counts=("n",))

    ch = changes(s, by=("team_id", "role_group", "dimension"), waves=waves, conf_level=conf_level)
    sizes = summary_sizes(s, waves)
    ch = ch.merge(sizes, on=["team_id", "role_group", "dimension"], how="left")
    group_counts = ("n_before", "n_after", "n_group_before", "n_group_after")
    # the "all" rows use every respondent: their ``n`` (the pairs among them) is a
    # by-product, blanked when small, not a cell their statistics are computed from
    is_all = (ch["analysis"] == "all").to_numpy()
    ch = pd.concat([
        suppress_small_cells(ch.loc[~is_all], min_cell=min_cell, counts=("n", *group_counts)),
        suppress_small_cells(ch.loc[is_all], min_cell=min_cell, counts=group_counts),
    ]).sort_index()  # fmt: skip
    for col in ("n", "n_paired", "n_only_before", "n_only_after"):
        values = ch[col].astype("Int64")
        small = (values > 0) & (values < min_cell)
        ch[col] = values.mask(small.fillna(False) | ch["suppressed"])
    gaps = perception_gap(s, by=("team_id",), waves=waves, conf_level=conf_level)
    gaps = suppress_small_cells(gaps, min_cell=min_cell, counts=(
        "n", "n_professionals", "n_patients"))  # fmt: skip
    joint = joint_vs_self(s, by=("team_id",), waves=waves, conf_level=conf_level)
    joint = suppress_small_cells(joint, min_cell=min_cell, counts=("n",))
    return {
        name: _labels(table, programme, lang)
        for name, table in (("summary", summary), ("changes", ch), ("gaps", gaps), ("joint", joint))
    }
