"""Level 3 of a training's evaluation on the team's own survey: the change of the team's
partnership barometer from before its first training to after it.

The barometer's waves (T0, T1…) carry no date; their answers may (``date`` of
``barometer_responses``). :func:`training_waves` places each team's waves against its
first training (:func:`impact.training.exposure.team_exposure`) and
:func:`barometer_after_training` compares the two waves that bracket it with the
barometer's own change machinery (:func:`impact.barometer.scores.changes`). A
before–after comparison without a comparison group: the change is not the training's
effect alone (the project, the team and time move too).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.scores import changes, scores
from impact.stats.effect_table import effect_frame
from impact.stats.reasons import join_reasons

__all__ = ["barometer_after_training", "training_waves"]

#: Wave labels of the bracketing waves inside :func:`barometer_after_training`.
_BEFORE, _AFTER = "before_training", "after_training"


def training_waves(responses: pd.DataFrame, exposure: pd.DataFrame) -> pd.DataFrame:
    """The barometer waves that bracket each team's first training.

    A wave of a team is *before* its training when every answer of the team at that wave
    (self and joint assessments) is dated before the first day of its first training,
    *after* when every answer is dated after the last day of that session; a wave with
    an undated answer, or with answers on both sides (or during the session), is
    neither. The wave compared is the last wave before (the latest answers) and the
    first wave after (the earliest answers).

    Parameters
    ----------
    responses : pandas.DataFrame
        ``barometer_responses`` (``team_id``, ``wave``, ``date``; without ``date`` no
        answer is dated).
    exposure : pandas.DataFrame
        :func:`impact.training.exposure.team_exposure` (``team_id``, ``trained``,
        ``first_training``, ``first_training_end``).

    Returns
    -------
    pandas.DataFrame
        One row per team of ``exposure``: ``team_id``, ``first_training``,
        ``wave_before``, ``wave_after`` (missing when there is none), ``reason`` (""
        when both exist; else codes of :mod:`impact.stats.reasons`: ``not_trained``,
        ``no_barometer_data``, ``undated_answers`` alone when no wave is fully dated,
        ``no_wave_before_training`` / ``no_wave_after_training``, with
        ``undated_answers`` when a wave could not be placed for want of dates).

    Examples
    --------
    >>> answers = pd.DataFrame({"team_id": "T01", "wave": ["T0", "T1", "T2"],
    ...                         "date": ["2024-01-10", "2024-06-03", "2025-01-15"]})
    >>> exposure = pd.DataFrame({"team_id": ["T01"], "trained": [True],
    ...     "first_training": [pd.Timestamp("2024-06-03")],
    ...     "first_training_end": [pd.Timestamp("2024-06-04")]})
    >>> training_waves(answers, exposure)[["wave_before", "wave_after"]].values.tolist()
    [['T0', 'T2']]
    """
    for name, frame, cols in (
        ("responses", responses, ("team_id", "wave")),
        ("exposure", exposure, ("team_id", "trained", "first_training", "first_training_end")),
    ):
        missing = [c for c in cols if c not in frame.columns]
        if missing:
            raise ValueError(f"{name} lacks the column(s) {missing}. Got {list(frame.columns)}.")
    teams = exposure[["team_id", "trained", "first_training", "first_training_end"]].astype(
        {"team_id": str}
    )
    dates = (
        pd.to_datetime(responses["date"]).dt.normalize()
        if "date" in responses.columns
        else pd.Series(pd.NaT, index=responses.index, dtype="datetime64[ns]")
    )
    answers = pd.DataFrame(
        {"team_id": responses["team_id"].astype(str), "wave": responses["wave"].astype(str),
         "date": dates.to_numpy()}
    )  # fmt: skip
    waves = (
        answers.groupby(["team_id", "wave"], sort=False)
        .agg(rows=("date", "size"), dated=("date", "count"), first=("date", "min"),
             last=("date", "max"))
        .reset_index()
        .merge(teams, on="team_id", how="inner")
    )  # fmt: skip
    whole = waves["rows"] == waves["dated"]
    waves["side"] = np.select(
        [whole & (waves["last"] < waves["first_training"]),
         whole & (waves["first"] > waves["first_training_end"])],
        ["before", "after"], "",
    )  # fmt: skip
    before = (
        waves.loc[waves["side"] == "before"].sort_values(["last", "wave"])
        .groupby("team_id")["wave"].last()
    )  # fmt: skip
    after = (
        waves.loc[waves["side"] == "after"].sort_values(["first", "wave"])
        .groupby("team_id")["wave"].first()
    )  # fmt: skip
    undated = waves.loc[~whole].groupby("team_id").size()
    placed = waves.loc[whole].groupby("team_id").size()
    has_answers = set(waves["team_id"])
    reasons = []
    for team, trained in zip(teams["team_id"], teams["trained"].astype(bool), strict=True):
        if not trained:
            reasons.append("not_trained")
        elif team not in has_answers:
            reasons.append("no_barometer_data")
        elif team not in placed.index:
            reasons.append("undated_answers")
        else:
            reasons.append(join_reasons(
                "" if team in before.index else "no_wave_before_training",
                "" if team in after.index else "no_wave_after_training",
                "undated_answers" if team in undated.index and not (
                    team in before.index and team in after.index) else "",
            ))  # fmt: skip
    return pd.DataFrame({
        "team_id": teams["team_id"].to_numpy(dtype=object),
        "first_training": pd.to_datetime(teams["first_training"]).astype("datetime64[ns]"),
        "wave_before": teams["team_id"].map(before).to_numpy(dtype=object),
        "wave_after": teams["team_id"].map(after).to_numpy(dtype=object),
        "reason": reasons,
    })  # fmt: skip


def barometer_after_training(
    responses: pd.DataFrame,
    items: pd.DataFrame,
    exposure: pd.DataFrame,
    *,
    by: tuple[str, ...] = ("team_id", "role_group", "dimension"),
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Change of each trained team's barometer self-assessment scores after its training.

    For each team, the self-assessment scores (:func:`impact.barometer.scores.scores`) of
    the last wave whose answers all precede its first training against the first wave
    whose answers all follow it (:func:`training_waves`), by
    :func:`impact.barometer.scores.changes` unchanged: per group (default team × role
    group × dimension), the paired change of the respondents present at both waves
    (paired t, Wilcoxon p; d_z), the respondents present at one wave only
    (Brunner–Munzel) and every respondent (partially overlapping samples t, Derrick et
    al. 2017), the method named in ``method``. Groups are never pooled across role
    groups by default, as in the team report's barometer section.

    Parameters
    ----------
    responses : pandas.DataFrame
        ``barometer_responses`` with ``date``.
    items : pandas.DataFrame
        The ``barometer_items`` catalogue.
    exposure : pandas.DataFrame
        :func:`impact.training.exposure.team_exposure` of the teams to report.
    by : tuple of str
        Groups of :func:`impact.barometer.scores.changes`; must hold ``team_id``.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        The rows of :func:`impact.barometer.scores.changes` for the teams with both
        waves (``wave_before``, ``wave_after``: the team's waves compared), then one row
        per other team of ``exposure`` with NaN estimates and the ``reason`` of
        :func:`training_waves`; ``first_training`` on every row. Teams in the order of
        ``exposure``.

    Examples
    --------
    >>> import impact
    >>> from impact.training import team_exposure
    >>> prog = impact.demo_programme(n_teams=2, seed=1)
    >>> exposure = team_exposure(pd.DataFrame(), pd.DataFrame(), prog.team_ids)
    >>> barometer_after_training(prog.barometer_responses, prog.barometer_items,
    ...                          exposure)["reason"].tolist()
    ['not_trained', 'not_trained']
    """
    if "team_id" not in by:
        raise ValueError(f"by must hold 'team_id'. Got {by!r}.")
    waves = training_waves(responses, exposure)
    ok = waves.loc[waves["reason"] == ""]
    label = pd.concat([
        pd.DataFrame({"team_id": ok["team_id"], "wave": ok["wave_before"], "_w": _BEFORE}),
        pd.DataFrame({"team_id": ok["team_id"], "wave": ok["wave_after"], "_w": _AFTER}),
    ])  # fmt: skip
    chosen = responses.astype({"team_id": str, "wave": str}).merge(
        label, on=["team_id", "wave"], how="inner"
    )
    parts = []
    if len(chosen):
        chosen = chosen.assign(wave=chosen["_w"]).drop(columns="_w")
        table = changes(scores(chosen, items), by=by, waves=(_BEFORE, _AFTER),
                        conf_level=conf_level)  # fmt: skip
        known = ok.set_index("team_id")
        for col in ("wave_before", "wave_after", "first_training"):
            table[col] = table["team_id"].map(known[col]).to_numpy()
        parts.append(table)
    rest = waves.loc[waves["reason"] != ""]
    if len(rest):
        parts.append(effect_frame(
            {"team_id": rest["team_id"].to_numpy()}, reason=rest["reason"].to_numpy(),
            wave_before=rest["wave_before"].to_numpy(), wave_after=rest["wave_after"].to_numpy(),
            first_training=rest["first_training"].to_numpy(),
        ))  # fmt: skip
    if not parts:
        return effect_frame({"team_id": []}, wave_before=[], wave_after=[], first_training=[])
    out = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    order = {team: k for k, team in enumerate(waves["team_id"])}
    out = out.assign(_t=out["team_id"].map(order)).sort_values("_t", kind="stable")
    return out.drop(columns="_t").reset_index(drop=True)
