"""Level 1 (reaction): satisfaction by domain and expectations met.

Inputs are the answers, items catalogue and sessions of :mod:`impact.training.common`.
Outputs are effect-table-like rows with ``n`` = participants (people), so that the
report's privacy pass can hide small groups; no test is done (``p_value`` is NaN).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from impact.stats.effect_table import effect_frame
from impact.stats.means import check_conf_level, first_reason
from impact.stats.proportions import wilson_interval
from impact.training.common import catalogue, check_columns, normalise, yes_no

__all__ = ["MEAN_SCORE", "TOP_BOX", "TOP_TWO_BOX", "expectations", "satisfaction"]

MEAN_SCORE = "mean score"
TOP_BOX = "top-box share"
TOP_TWO_BOX = "top-two-box share"
COVERED = "share of expectations covered"
MET = "share of covered expectations met"
#: The ``domain`` value of the rows over every satisfaction item.
OVERALL = "global"


def _by(by) -> list[str]:
    by = [by] if isinstance(by, str) else list(by)
    if "training" not in by or not set(by) <= {"training", "session"}:
        raise ValueError(f"by must be ('training',) or ('training', 'session'). Got {by!r}.")
    return by


def _satisfaction_scores(answers: pd.DataFrame, items: pd.DataFrame, moment: str):
    """Numeric satisfaction answers at ``moment`` with their domain and scale, checked."""
    cat = catalogue(items, answers, "satisfaction")
    check_columns(cat, ["domain", "scale_min", "scale_max"], "items")
    sat = answers[answers["moment"] == moment].astype({"training": str, "item": str})
    sat = sat.merge(cat[["training", "item", "domain", "scale_min", "scale_max"]],
                    on=["training", "item"])  # fmt: skip
    text = normalise(sat["answer"])
    score = pd.to_numeric(text.where(text != ""), errors="coerce")
    bad = (text != "") & score.isna()
    bad |= score.notna() & ((score < sat["scale_min"]) | (score > sat["scale_max"]))
    if bad.any():
        first = sat[bad].iloc[0]
        raise ValueError(
            f"{int(bad.sum())} satisfaction answer(s) not a number of the item's scale, e.g. "
            f"{first['answer']!r} for item {first['item']!r} (scale {first['scale_min']:g}"
            f"–{first['scale_max']:g})."
        )
    return sat.assign(score=score, domain=sat["domain"].astype(str)).dropna(subset=["score"])


def satisfaction(
    answers: pd.DataFrame, items: pd.DataFrame, *, by=("training",), moment: str = "à chaud",
    conf_level: float = 0.95,
) -> pd.DataFrame:  # fmt: skip
    """Satisfaction per training (or session) × domain, and over all domains.

    The unit is the participant: a participant's domain score is the mean of their
    answers to the domain's items (the overall score, ``domain = "global"``, the mean of
    all their satisfaction answers, given only when every item of the group shares one
    scale).
    Per group × domain:

    - ``"mean score"``: mean of the participants' scores with Student's t interval
      (n − 1 df), ``se`` = SD/√n;
    - ``"top-box share"``: share of participants whose score is the scale's maximum
      (with one item per domain: who answered the top box), Wilson (1927) interval;
    - ``"top-two-box share"``: share whose score is at least maximum − 1, Wilson interval.

    Parameters
    ----------
    answers, items : pandas.DataFrame
        See :mod:`impact.training.common`; satisfaction answers are numbers ("1".."5") within
        the item's ``scale_min``–``scale_max`` (else ValueError); empty answers are left out.
    by : ("training",) or ("training", "session")
    moment : str, default "à chaud"
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``domain``, the effect-table columns (``n`` = participants;
        reasons ``too_few_values``, ``no_variation``), ``count`` (participants in the
        box; NaN for means), ``n_answers``, ``scale_min``, ``scale_max``.
    """
    by, cl = _by(by), check_conf_level(conf_level)
    sat = _satisfaction_scores(answers, items, moment)
    person = [*dict.fromkeys([*by, "session", "participant"])]
    scales = sat.groupby([*by, "domain"])[["scale_min", "scale_max"]].nunique()
    if (scales > 1).any(axis=None):
        where = scales[(scales > 1).any(axis=1)].index[0]
        raise ValueError(f"The items of a domain must share one scale. Got several in {where!r}.")
    overall = sat.assign(domain=OVERALL)
    if (overall.groupby(by)[["scale_min", "scale_max"]].nunique() > 1).any(axis=None):
        overall = overall.iloc[0:0]  # several scales: no overall score
    both = pd.concat([sat, overall], ignore_index=True)
    people = both.groupby([*person, "domain"], sort=True).agg(
        score=("score", "mean"), n_answers=("score", "size"),
        scale_min=("scale_min", "first"), scale_max=("scale_max", "first"),
    ).reset_index()  # fmt: skip
    people["top"] = people["score"] >= people["scale_max"]
    people["top_two"] = people["score"] >= people["scale_max"] - 1
    g = people.groupby([*by, "domain"], sort=True).agg(
        n=("score", "size"), mean=("score", "mean"), sd=("score", "std"),
        n_answers=("n_answers", "sum"), top=("top", "sum"), top_two=("top_two", "sum"),
        scale_min=("scale_min", "first"), scale_max=("scale_max", "first"),
    ).reset_index()  # fmt: skip
    n = g["n"].to_numpy(dtype=float)
    with np.errstate(all="ignore"):
        se = g["sd"].to_numpy() / np.sqrt(n)
        q = stats.t.ppf(0.5 + cl / 2, n - 1)
    small, flat = n < 2, (n >= 2) & (g["sd"].to_numpy() == 0)
    mean_reason = first_reason(len(g), (small, "too_few_values"), (flat, "no_variation"))
    bad = small | flat
    se, q = np.where(bad, np.nan, se), np.where(bad, np.nan, q)
    ids = {k: g[k].to_numpy() for k in [*by, "domain"]}
    common = {c: g[c].to_numpy() for c in ("n_answers", "scale_min", "scale_max")}
    common["n"] = n
    mean = g["mean"].to_numpy()
    frames = [effect_frame(
        ids, measure=MEAN_SCORE, estimate=mean, ci_low=mean - q * se, ci_high=mean + q * se,
        se=se, method="mean of participants' scores, Student t interval", reason=mean_reason,
        count=np.nan, **common,
    )]  # fmt: skip
    for measure, col, what in (
        (TOP_BOX, "top", "maximum"),
        (TOP_TWO_BOX, "top_two", "maximum − 1"),
    ):
        count = g[col].to_numpy(dtype=float)
        low, high = wilson_interval(count, n, cl)
        frames.append(effect_frame(
            ids, measure=measure, estimate=count / n, ci_low=low, ci_high=high,
            method=f"share of participants with a score ≥ {what}, Wilson (1927) interval",
            count=count, **common,
        ))  # fmt: skip
    return _order(pd.concat(frames, ignore_index=True), [*by, "domain"])


def _order(table: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows grouped by ``keys`` (stable: measures keep their order within a group)."""
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def _stated(answers: pd.DataFrame, items: pd.DataFrame, moment: str) -> pd.DataFrame:
    """The expectations stated at ``moment``: one row per participant × item, ``expectation``."""
    cat = catalogue(items, answers, "expectation")
    objective = cat["objective"].fillna("").astype(str) if "objective" in cat else ""
    cat = cat.assign(objective=normalise(pd.Series(objective, index=cat.index)))
    said = answers[answers["moment"] == moment].astype({"training": str, "item": str})
    said = said.merge(cat[["training", "item", "objective"]], on=["training", "item"])
    text = normalise(said["answer"])
    refers = said["objective"] != ""
    expectation = np.where(refers, np.where(text == "oui", said["objective"], ""), text)
    said = said.assign(expectation=expectation)
    return said[said["expectation"] != ""]


def expectations(
    answers: pd.DataFrame, items: pd.DataFrame, sessions: pd.DataFrame, *, by=("training",),
    stated: str = "attentes", assessed: str = "à chaud", conf_level: float = 0.95,
) -> pd.DataFrame:  # fmt: skip
    """Participants' expectations: covered by the training's objectives, and met.

    What is counted:

    - a **stated expectation** is a non-empty answer at ``stated`` to an item of kind
      ``expectation``: for an item whose catalogue ``objective`` is set, the answer "oui"
      states that objective ("non" states nothing); for an item without objective, the
      answer itself (an objective code or free text) is the expectation;
    - it is **covered** when it equals (case- and accent-insensitively) one of the
      objective codes of the participant's session (``sessions.objectives``, ";"-separated);
      free text is never covered;
    - a covered expectation is **met** when the participant answered "oui" to the same item
      at ``assessed``, not met for "non"; without such an answer it is not assessed
      (``n_not_assessed``) and left out of the met share.

    Rows per group: ``"share of expectations covered"`` (covered / stated) and ``"share of
    covered expectations met"`` (met / covered and assessed), with Wilson (1927)
    intervals. The unit is the expectation (a participant may state several; the interval
    treats them as independent); ``n`` counts the participants who stated one.

    Parameters
    ----------
    answers, items, sessions : pandas.DataFrame
        See :mod:`impact.training.common`.
    by : ("training",) or ("training", "session")
    stated, assessed : str
        Moments of the expectations and of their assessment.
    conf_level : float, default 0.95

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, the effect-table columns (``n`` = participants, reason
        ``no_observations`` when nothing is counted), ``count`` (covered or met),
        ``n_expectations`` (the denominator), ``n_not_assessed`` (covered, no answer at
        ``assessed``).
    """
    by, cl = _by(by), check_conf_level(conf_level)
    check_columns(sessions, ["session", "objectives"], "sessions")
    said = _stated(answers, items, stated)
    objectives = sessions.assign(
        objective=sessions["objectives"].fillna("").astype(str).str.split(";")
    ).explode("objective")[["session", "objective"]]
    objectives = objectives.assign(objective=normalise(objectives["objective"]))
    objectives = objectives[objectives["objective"] != ""].drop_duplicates()
    said = said.merge(objectives.rename(columns={"objective": "expectation"}).assign(
        covered=True), on=["session", "expectation"], how="left")  # fmt: skip
    said["covered"] = said["covered"].fillna(False).astype(bool)
    later = answers[answers["moment"] == assessed].astype({"training": str, "item": str})
    later = later.assign(met=yes_no(later["answer"]))
    keys = ["training", "session", "participant", "item"]
    said = said.merge(later[[*keys, "met"]].dropna().drop_duplicates(keys), on=keys, how="left")
    said["assessed"] = said["covered"] & said["met"].notna()
    said["met_yes"] = said["assessed"] & (said["met"] == 1)
    person = [*dict.fromkeys([*by, "session", "participant"])]
    people = said.drop_duplicates(person).groupby(by, sort=True).size().rename("n")
    g = said.groupby(by, sort=True).agg(
        n_expectations=("expectation", "size"), covered=("covered", "sum"),
        assessed=("assessed", "sum"), met=("met_yes", "sum"),
    ).join(people).reset_index()  # fmt: skip
    ids = {k: g[k].to_numpy() for k in by}
    frames = []
    for measure, count, total in ((COVERED, "covered", "n_expectations"), (MET, "met", "assessed")):
        x, m = g[count].to_numpy(dtype=float), g[total].to_numpy(dtype=float)
        low, high = wilson_interval(x, m, cl)
        with np.errstate(all="ignore"):
            share = np.where(m > 0, x / m, np.nan)
        frames.append(effect_frame(
            ids, measure=measure, estimate=share, ci_low=low, ci_high=high, n=g["n"].to_numpy(),
            method="share of expectations, Wilson (1927) interval",
            reason=np.where(m > 0, "", "no_observations"), count=x, n_expectations=m,
            n_not_assessed=(g["covered"] - g["assessed"]).to_numpy(),
        ))  # fmt: skip
    return _order(pd.concat(frames, ignore_index=True), by)
