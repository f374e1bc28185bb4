"""The patient-experience tables of a team report: the family's tables, labelled (made
publishable by :func:`impact.report.privacy.publishable`, as ``{"prem": tables}``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import proportion_confint

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.data.programme import Programme
from impact.prem.bayes import prem_bayes_deltas, prem_bayes_levels
from impact.prem.deltas import prem_deltas
from impact.prem.proms import prom_changes
from impact.prem.scoring import (
    score_prem,
)
from impact.report.labels import t


def _label(table: pd.DataFrame, catalogue: pd.DataFrame, lang: str) -> pd.Series:
    """Display label of each row's level: overall score, dimension or question."""
    dims = (
        dict(zip(catalogue["dimension"], catalogue[f"dimension_{lang}"], strict=True))
        if f"dimension_{lang}" in catalogue
        else {}
    )
    items = (
        dict(zip(catalogue["item"], catalogue[f"label_{lang}"], strict=True))
        if f"label_{lang}" in catalogue
        else {}
    )
    overall = t("plot.prem.overall", lang)
    return pd.Series(
        [
            overall if lv == "overall" else (dims if lv == "dimension" else items).get(code, code)
            for lv, code in zip(table["level"], table["code"], strict=True)
        ],
        index=table.index,
        dtype=object,
    )


def team_prem_tables(
    programme: Programme,
    team_id: str,
    *,
    lang: str = "fr",
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    adjust: str | None = "common",
    bayes_method: str = "effective",
    conf_level: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """The patient-experience tables of one team, every value computed (none hidden).

    Every table carries ``small_sample`` (a period under ``threshold`` questionnaires)
    and a ``label`` in ``lang``. A page or a results file shows them through
    :func:`impact.report.privacy.publishable` (``{"prem": tables}``: counts of people
    under ``min_cell`` and the statistics of their rows blanked; column ``suppressed``).

    Parameters
    ----------
    programme : Programme
    team_id : str
    lang : {"fr", "en"}, default "fr"
    threshold : int, default 30
        Publication threshold (questionnaires per team-period).
    adjust : {"common", "standardised", None}, default "common"
        Case-mix adjustment of :func:`prem_deltas`.
    bayes_method : {"effective", "iqtig"}, default "effective"
        See :mod:`impact.prem.bayes`.
    conf_level : float, default 0.95

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"levels"``: overall and dimension scores per period (``mean`` with t interval,
        ``bayes_estimate`` with credible interval) — input of
        :func:`impact.report.figures.prem_dumbbell_chart`; ``"deltas"``: their after − before
        changes (raw, case-mix adjusted, Bayesian); ``"items"``: item mean and top-box
        differences with Benjamini–Hochberg ``q_value``; ``"topbox"``: item top-box shares
        per period with Wilson intervals (``top_low``, ``top_high``) — input of
        :func:`impact.report.figures.prem_topbox_chart`; ``"proms"``: :func:`prom_changes`.

    Raises
    ------
    KeyError
        If ``team_id`` is not a team of the programme.

    Examples
    --------
    >>> import impact
    >>> prog = impact.demo_programme(n_teams=3, seed=1)
    >>> sorted(team_prem_tables(prog, "T01"))
    ['deltas', 'items', 'levels', 'proms', 'topbox']
    """
    programme.team(team_id)  # KeyError for an unknown team
    return prem_tables(
        programme,
        [team_id],
        lang=lang,
        threshold=threshold,
        adjust=adjust,
        bayes_method=bayes_method,
        conf_level=conf_level,
    )


def prem_tables(
    programme: Programme,
    teams: list[str],
    *,
    lang: str = "fr",
    threshold: int = PREM_PUBLICATION_THRESHOLD,
    adjust: str | None = "common",
    bayes_method: str = "effective",
    conf_level: float = 0.95,
) -> dict[str, pd.DataFrame]:
    """:func:`team_prem_tables` for several teams at once.

    One scoring of their answers serves them all; the case-mix adjustment uses the
    covariates present in these teams' answers, so group teams that share them.
    """
    items = programme.prem_items
    responses = programme.prem_responses
    sc = score_prem(
        responses.loc[responses["team_id"].isin(teams)],
        items,
        programme.prem_scales,
        threshold=threshold,
        conf_level=conf_level,
    )
    summary = sc.summary
    keys = ["team_id", "period", "level", "code"]
    bayes = prem_bayes_levels(sc, method=bayes_method, conf_level=conf_level)
    levels = summary.loc[
        summary["level"] != "item",
        [*keys, "n_respondents", "n", "mean", "ci_low", "ci_high", "small_sample"],
    ]
    levels = levels.merge(
        bayes[[*keys, "estimate", "ci_low", "ci_high"]].rename(
            columns={
                "estimate": "bayes_estimate",
                "ci_low": "bayes_ci_low",
                "ci_high": "bayes_ci_high",
            }
        ),
        on=keys,
        how="left",
    )
    deltas = prem_deltas(sc, adjust=adjust, teams=teams, conf_level=conf_level)
    bayes_d = prem_bayes_deltas(sc, method=bayes_method, teams=teams, conf_level=conf_level)
    is_item = deltas["level"] == "item"
    changes = pd.concat([deltas[~is_item], bayes_d[bayes_d["level"] != "item"]], ignore_index=True)
    top = summary.loc[
        summary["level"] == "item",
        [*keys, "dimension", "n_respondents", "n", "n_top", "top_share", "small_sample"],
    ].copy()
    n, k = top["n"].to_numpy(float), top["n_top"].to_numpy(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        low, high = proportion_confint(k, n, alpha=1 - conf_level, method="wilson")
    top["top_low"] = np.where(n > 0, np.where(k == 0, 0.0, low), np.nan)
    top["top_high"] = np.where(n > 0, np.where(k == n, 1.0, high), np.nan)
    proms = pd.DataFrame()
    if len(programme.proms):
        prom_rows = programme.prom_responses
        if "team_id" in prom_rows.columns:
            prom_rows = prom_rows.loc[prom_rows["team_id"].isin(teams)]
        proms = prom_changes(
            prom_rows, programme.proms, teams=teams, threshold=threshold, conf_level=conf_level
        )
    tables = {"levels": levels, "deltas": changes, "items": deltas[is_item], "topbox": top}
    out = {}
    for name, table in tables.items():
        table = table.reset_index(drop=True)
        table.insert(table.columns.get_loc("code") + 1, "label", _label(table, items, lang))
        out[name] = table
    out["proms"] = proms.reset_index(drop=True)
    return out
