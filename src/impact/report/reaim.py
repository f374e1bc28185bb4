"""The programme in the RE-AIM frame: reach, adoption, implementation, effectiveness,
maintenance (Glasgow, Vogt & Boles 1999, *Am J Public Health* 89:1322–1327).

:func:`reaim_summary` returns one tidy row per measure, every count of people under the
minimum cell size suppressed (the parts of a total through
:func:`impact.report.privacy.publishable`, which hides their complementary cells).
Counts of teams, hospitals, hospital groups or domains are not counts of people and are
shown whatever their size.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from impact.barometer.common import GLOBAL, PATIENT_SIDE, PROFESSIONALS, ROLE_GROUPS, SELF
from impact.barometer.scores import scores as barometer_scores
from impact.barometer.scores import team_change
from impact.data.programme import Programme
from impact.report.formatting import format_number
from impact.report.labels import LABELS, t
from impact.report.outcomes import outcome_labels
from impact.report.privacy import DEFAULT_MIN_CELL, is_small, pooled_activity_teams, publishable
from impact.stats.meta import pool
from impact.steering import activity_summary
from impact.synthesis.effects import FAMILIES, PARTICIPATION_LEVELS, team_attributes

__all__ = ["DIMENSIONS", "reaim_summary"]

#: RE-AIM dimensions, in order.
DIMENSIONS = ("reach", "adoption", "implementation", "effectiveness", "maintenance")
_CODECISION = "co_decision"


class _Rows:
    """Collects the summary rows with the small-cell rule applied to counts of people."""

    def __init__(self, lang: str, min_cell: int) -> None:
        self.lang, self.min_cell, self.rows = lang, min_cell, []
        self.mark = t("report.suppressed.mark", lang, min_cell=min_cell)

    def num(self, value: float, digits: int = 0) -> str:
        return format_number(value, lang=self.lang, digits=digits)

    def hidden_parts(self, parts: list[int]) -> np.ndarray:
        """Which parts of a shown total to hide (``"reaim_parts"`` of
        :func:`impact.report.privacy.publishable`: small parts and their complements)."""
        table = pd.DataFrame({"total": 0, "n": parts})
        shown = publishable({"reaim_parts": table}, self.min_cell)["reaim_parts"]
        return shown["suppressed"].to_numpy(dtype=bool)

    def people(self, n: float, hidden: bool = False) -> str:
        """A count of people as shown (the mark when under the minimum)."""
        small = hidden or is_small(n, self.min_cell)
        return self.mark if small else self.num(n)

    def add(
        self,
        dimension: str,
        measure: str,
        value: float,
        detail: str = "",
        *,
        people: bool = False,
        label: str | None = None,
    ) -> None:
        small = people and is_small(value, self.min_cell)
        key = f"report.programme.reaim.{measure.split(':')[0]}"
        if label is None:
            label = t(key, self.lang) if key in LABELS else measure
        self.rows.append({
            "dimension": dimension, "measure": measure, "label": label,
            "value": np.nan if small else float(value) if pd.notna(value) else np.nan,
            "detail": detail, "people": people, "suppressed": bool(small),
        })  # fmt: skip


def _reach(r: _Rows, programme: Programme, attrs: pd.DataFrame) -> None:
    lang = r.lang
    partners = attrs["n_patient_partners"]
    known = partners.dropna()
    total = float(known.sum()) if len(known) else np.nan
    # per-team counts are people but are never shown one by one: only their mean and
    # median over all teams, and the number of teams (not people) with a partner
    detail = t("report.programme.reaim.partners.detail", lang, teams=int((known > 0).sum()),
               n_teams=len(attrs), mean=r.num(known.mean(), 1),
               median=r.num(known.median(), 1)) if len(known) else ""  # fmt: skip
    if is_small(total, r.min_cell):  # mean × teams would give the hidden total away
        detail = r.mark
    r.add("reach", "patient_partners", total, detail, people=True)
    activity = programme.partnership_activity
    if "team_id" in activity.columns and len(activity):
        # the partners' attendance at their project's meetings (partnership_activity, from
        # each team's start by the contract's rule): Σ attended / Σ held
        summary = activity_summary(activity.loc[activity["team_id"].isin(attrs["team_id"])])
        # the teams the programme's activity section pools (no small team given back)
        pooled, _ = pooled_activity_teams(summary, r.min_cell)
        summary = summary.loc[summary["team_id"].isin(pooled)]
        offered = float(summary["meetings_offered"].sum())
        rate = 100 * float(summary["attendances"].sum()) / offered if offered > 0 else np.nan
        # a team of fewer than min_cell partners does not enter the median (its rate is
        # hidden in its own report: report.privacy, "activity_summary")
        shown = summary.loc[(summary["partners"] >= r.min_cell) & (summary["meetings_offered"] > 0)]
        team_rates = 100 * shown["participation_rate"]
        detail = (
            t(
                "report.programme.reaim.participation.detail",
                lang,
                median=r.num(team_rates.median(), 1),
                teams=len(team_rates),
                q1=r.num(team_rates.quantile(0.25), 1),
                q3=r.num(team_rates.quantile(0.75), 1),
            )
            if len(team_rates)
            else ""
        )
        small = is_small(float(summary["partners"].sum()), r.min_cell)
        if offered > 0:
            r.add(
                "reach",
                "participation_rate",
                np.nan if small else rate,
                r.mark if small else detail,
            )
    baro = programme.barometer_responses
    baro = baro.loc[baro["team_id"].isin(attrs["team_id"]) & (baro["assessment"] == SELF)]
    if len(baro):
        people = baro.drop_duplicates(["team_id", "respondent"])
        group = people["role"].map(ROLE_GROUPS)
        parts = [int((group == PROFESSIONALS).sum()), int((group == PATIENT_SIDE).sum())]
        hide = r.hidden_parts(parts)
        detail = t("report.programme.reaim.barometer.detail", lang,
                   professionals=r.people(parts[0], hide[0]),
                   patients=r.people(parts[1], hide[1]))  # fmt: skip
        r.add("reach", "barometer_respondents", len(people), detail, people=True)
    prem = programme.prem_responses
    prem = prem.loc[prem["team_id"].isin(attrs["team_id"])]
    if len(prem):
        quest = prem.drop_duplicates(["team_id", "period", "respondent"])
        periods = list(dict.fromkeys(quest["period"]))
        parts = [int((quest["period"] == p).sum()) for p in periods]
        hide = r.hidden_parts(parts)
        names = {"avant": t("plot.prem.before", lang), "après": t("plot.prem.after", lang)}
        colon = "\u00a0:" if lang == "fr" else ":"
        detail = " ; ".join(
            f"{names.get(p, p).lower()}{colon} {r.people(n, h)}"
            for p, n, h in zip(periods, parts, hide, strict=True)
        )
        if lang == "en":
            detail = detail.replace(" ; ", "; ")
        r.add("reach", "prem_questionnaires", len(quest), detail, people=True)
    proms = programme.prom_responses
    if len(proms) and "patient" in proms.columns:
        proms = proms.loc[proms["team_id"].isin(attrs["team_id"])]
        patients = proms.drop_duplicates(["team_id", "patient"])
        r.add(
            "reach",
            "prom_patients",
            len(patients),
            t("report.programme.reaim.prom.detail", lang, teams=int(patients["team_id"].nunique())),
            people=True,
        )


def _value_text(field: str, value: object, lang: str) -> str:
    key = f"report.value.{field}.{value}"
    return t(key, lang) if key in LABELS else str(value)


def _adoption(r: _Rows, programme: Programme, attrs: pd.DataFrame) -> None:
    # counts of teams, hospitals, hospital groups, domains and modes are not counts of
    # people: the small-cell rule does not apply to them (people=False)
    lang = r.lang
    n_comp = len(programme.comparison_ids)
    r.add(
        "adoption",
        "teams",
        len(attrs),
        t("report.programme.reaim.teams.detail", lang, comparison=n_comp),
    )
    r.add("adoption", "hospitals", attrs["hospital"].nunique())
    all_ghu = programme.teams["ghu"].dropna().astype(str)
    known = all_ghu[all_ghu != ""].nunique()
    covered = attrs["ghu"].nunique()
    share = 100 * covered / known if known else np.nan
    r.add(
        "adoption",
        "ghu",
        covered,
        t("report.programme.reaim.ghu.detail", lang, known=known, share=r.num(share, 0)),
    )
    r.add("adoption", "ghu_share", share)
    for field, measure in (("domain", "domains"), ("intervention_mode", "modes")):
        counts = attrs[field].dropna().value_counts()
        detail = ", ".join(f"{_value_text(field, k, lang)} ({v})" for k, v in counts.items())
        r.add("adoption", measure, len(counts), detail)


def _implementation(r: _Rows, programme: Programme, attrs: pd.DataFrame) -> None:
    lang = r.lang
    levels = attrs["participation_level"]
    n = int(levels.notna().sum())
    for level in PARTICIPATION_LEVELS:
        count = int((levels == level).sum())
        r.add(
            "implementation",
            f"level:{level}",
            count,
            t(
                "report.programme.reaim.level.detail",
                lang,
                share=r.num(100 * count / n if n else np.nan, 0),
            ),
            label=t(
                "report.programme.reaim.level",
                lang,
                level=_value_text("participation_level", level, lang),
            ),
        )
    baro = programme.barometer_responses
    baro = baro.loc[baro["team_id"].isin(attrs["team_id"])]
    items = programme.barometer_items
    if baro.empty or _CODECISION not in set(items["dimension"]):
        r.add("implementation", "codecision", np.nan, t("report.programme.not-measured", lang))
        return
    s = barometer_scores(baro, items)
    s = s.loc[(s["dimension"] == _CODECISION) & (s["assessment"] == SELF) & s["score"].notna()]
    order = {w: i for i, w in enumerate(sorted(s["wave"].unique()))}
    rank = s["wave"].map(order)
    last = s.loc[rank == rank.groupby(s["team_id"]).transform("max")]
    if last.empty:
        r.add("implementation", "codecision", np.nan, t("report.programme.not-measured", lang))
        return
    groups = [last.loc[last["role_group"] == g] for g in (PROFESSIONALS, PATIENT_SIDE)]
    parts = [len(g) for g in groups]
    hide = r.hidden_parts(parts)
    means = [
        r.mark if h else r.num(g["score"].mean(), 2) for g, h in zip(groups, hide, strict=True)
    ]
    detail = t(
        "report.programme.reaim.codecision.detail",
        lang,
        n=r.people(len(last)),
        professionals=means[0],
        patients=means[1],
        n_pro=r.people(parts[0], hide[0]),
        n_pat=r.people(parts[1], hide[1]),
    )
    small = is_small(len(last), r.min_cell)
    r.add(
        "implementation",
        "codecision",
        np.nan if small else last["score"].mean(),
        r.mark if small else detail,
    )


def _effectiveness(r: _Rows, pooled: pd.DataFrame, labels: dict) -> None:
    lang = r.lang
    if pooled is None or pooled.empty:
        r.add("effectiveness", "family", np.nan, t("report.programme.not-measured", lang))
        return
    for family in FAMILIES:
        part = pooled.loc[(pooled["family"] == family) & (pooled["k"] > 0)]
        if part.empty:
            continue
        groups = {}
        for verdict in ("improved", "worsened", "inconclusive"):
            names = [
                labels.get((family, o), o) for o in part.loc[part["verdict"] == verdict, "outcome"]
            ]
            groups[verdict] = names
        detail = "; ".join(
            f"{t(f'verdict.{v}', lang)} ({len(n)}) : {', '.join(n)}"
            if lang == "fr"
            else f"{t(f'verdict.{v}', lang)} ({len(n)}): {', '.join(n)}"
            for v, n in groups.items()
            if n
        )
        r.add(
            "effectiveness",
            f"family:{family}",
            len(groups["improved"]),
            detail,
            label=t(f"report.programme.family.{family}", lang)
            + " — "
            + t("report.programme.reaim.improved", lang, k=len(part)),
        )


def _maintenance(
    r: _Rows, programme: Programme, attrs: pd.DataFrame, waves: tuple[str, str], conf_level: float
) -> None:
    lang = r.lang
    baro = programme.barometer_responses
    baro = baro.loc[baro["team_id"].isin(attrs["team_id"])]
    have = (
        baro.groupby("team_id")["wave"].agg(lambda w: set(waves) <= set(w))
        if len(baro)
        else pd.Series(dtype=bool)
    )
    teams = have[have].index
    if not len(teams):
        r.add(
            "maintenance",
            "barometer_later",
            np.nan,
            t("report.programme.reaim.maintenance.none", lang, wave=waves[1]),
        )
        return
    s = barometer_scores(baro.loc[baro["team_id"].isin(teams)], programme.barometer_items)
    change = team_change(s, waves=waves, conf_level=conf_level)
    change = change.loc[change["dimension"] == GLOBAL]
    res = pool(change, hartung_knapp=True, conf_level=conf_level).iloc[0]
    n_b, n_a = (int(change[c].fillna(0).sum()) for c in ("n_before", "n_after"))
    small = is_small(n_b, r.min_cell) or is_small(n_a, r.min_cell)
    detail = t(
        "report.programme.reaim.maintenance.detail",
        lang,
        before=waves[0],
        after=waves[1],
        low=format_number(res["ci_low"], lang=lang, digits=2, sign=True),
        high=format_number(res["ci_high"], lang=lang, digits=2, sign=True),
        k=int(res["k"]),
        n_before=r.num(n_b),
        n_after=r.num(n_a),
    )
    r.add(
        "maintenance",
        "barometer_later",
        np.nan if small else res["estimate"],
        r.mark if small else detail,
    )


def reaim_summary(
    programme: Programme,
    pooled: pd.DataFrame | None = None,
    *,
    min_cell: int = DEFAULT_MIN_CELL,
    lang: str = "fr",
    maintenance_waves: tuple[str, str] = ("T1", "T2"),
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Summarise the programme in the RE-AIM frame, one tidy row per measure.

    - **reach**: patient partners engaged (total; mean and median per team), their
      attendance rate at project meetings (table ``partnership_activity``, when
      supplied; the contract records partners from each team's start), barometer
      respondents (professionals, patient side), PREM questionnaires per period, PROM
      patients;
    - **adoption**: programme teams (and comparison units), hospitals, hospital groups
      (GHU) covered and their share of the groups in the data, domains and intervention
      modes with their numbers of teams;
    - **implementation**: teams at each participation level, and the mean co-décision
      score of the barometer (0–4, self-assessments) at each team's last wave;
    - **effectiveness**: per family, the pooled outcomes whose interval shows an
      improvement, a worsening, or neither (from :func:`impact.synthesis.pooling.pooled_effects`);
    - **maintenance**: the pooled change of the global barometer score between
      ``maintenance_waves`` (T1 → T2) over the teams measured at both, or "not measured".

    Parameters
    ----------
    programme : Programme
    pooled : pandas.DataFrame, optional
        Output of :func:`impact.synthesis.pooling.pooled_effects` (effectiveness rows).
    min_cell : int, default 10
        Counts of people under it are suppressed (``value`` NaN, the mark in ``detail``).
    lang : {"fr", "en"}
        Language of ``label`` and ``detail``.
    maintenance_waves : (str, str), default ("T1", "T2")
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        ``dimension`` (:data:`DIMENSIONS`), ``measure`` (a code, e.g.
        ``"patient_partners"``, ``"level:co-décision"``, ``"family:prem"``), ``label``,
        ``value`` (float; NaN when suppressed or not measured), ``detail`` (text),
        ``people`` (the value counts people), ``suppressed``.

    Examples
    --------
    >>> import impact
    >>> summary = reaim_summary(impact.demo_programme(n_teams=12, seed=1), lang="en")
    >>> summary.loc[summary["measure"] == "teams", "value"].item()
    12.0
    """
    if not isinstance(min_cell, (int, np.integer)) or min_cell < 1:
        raise ValueError(f"min_cell must be a positive whole number. Got {min_cell!r}.")
    rows = _Rows(lang, int(min_cell))
    attrs = team_attributes(programme)
    _reach(rows, programme, attrs)
    _adoption(rows, programme, attrs)
    _implementation(rows, programme, attrs)
    _effectiveness(rows, pooled, outcome_labels(programme, lang))
    _maintenance(rows, programme, attrs, tuple(maintenance_waves), conf_level)
    return pd.DataFrame(
        rows.rows,
        columns=["dimension", "measure", "label", "value", "detail", "people", "suppressed"],
    )
