"""Display labels of the programme's outcomes (family × outcome), from the catalogues."""

from __future__ import annotations

from collections import Counter

from impact.barometer.common import GLOBAL
from impact.barometer.questionnaires import (
    outcome_code,
    questionnaire_codes,
    questionnaire_items,
    questionnaire_name,
)
from impact.data.programme import Programme
from impact.report.labels import t
from impact.synthesis.effects import PREM_OVERALL


def name_families(labels: dict[tuple[str, str], str], lang: str) -> dict[tuple[str, str], str]:
    """The labels, each one that several families share followed by its family's name.

    Two "Score global" rows (the barometer's and the patient experience's) in one table
    or chart become "Score global (baromètre)" and "Score global (expérience patient)";
    a label only one family uses is unchanged.

    Examples
    --------
    >>> name_families({("barometer", "global"): "Score global",
    ...                ("prem", "all"): "Score global", ("indicator", "dms"): "DMS"}, "fr")
    ... # doctest: +NORMALIZE_WHITESPACE
    {('barometer', 'global'): 'Score global (baromètre)',
     ('prem', 'all'): 'Score global (expérience patient)', ('indicator', 'dms'): 'DMS'}
    """
    # number of families using each label
    families = Counter(label for _, label in {(f, label) for (f, _), label in labels.items()})
    return {
        (family, outcome): t(
            "label.with-family", lang, label=label, family=t(f"family.short.{family}", lang)
        )  # fmt: skip
        if families[label] > 1
        else label
        for (family, outcome), label in labels.items()
    }


def outcome_labels(programme: Programme, lang: str = "fr") -> dict[tuple[str, str], str]:
    """Display label of every family × outcome, from the catalogues, in ``lang``; a label
    two families share names its family (:func:`name_families`).

    Examples
    --------
    >>> import impact
    >>> labels = outcome_labels(impact.demo_programme(n_teams=2, seed=1), "en")
    >>> labels[("indicator", "dms")]
    'Average length of stay'
    """
    labels: dict[tuple[str, str], str] = {}
    for code, label in zip(programme.indicators["code"],
                           programme.indicators[f"label_{lang}"], strict=True):  # fmt: skip
        labels[("indicator", str(code))] = str(label)
    items = programme.barometer_items
    for dim, label in items.drop_duplicates("dimension")[["dimension", f"dimension_{lang}"]] \
            .itertuples(index=False):  # fmt: skip
        labels[("barometer", str(dim))] = str(label)
    labels[("barometer", "global")] = t("barometer.dimension.global", lang)
    catalogue = programme.questionnaire_items
    for code in questionnaire_codes(programme):  # "<questionnaire> : <dimension>"
        name = questionnaire_name(catalogue, code, lang)
        items = questionnaire_items(catalogue, code)
        names = dict(zip(items["dimension"].astype(str), items[f"dimension_{lang}"].astype(str),
                         strict=True))  # fmt: skip
        for dim in [*names, GLOBAL]:
            dimension = names.get(dim) or t("barometer.dimension.global", lang)
            labels[("questionnaire", outcome_code(code, dim))] = t(
                "label.questionnaire-dimension", lang, questionnaire=name, dimension=dimension
            )
    prem = programme.prem_items
    for dim, label in prem.drop_duplicates("dimension")[["dimension", f"dimension_{lang}"]] \
            .itertuples(index=False):  # fmt: skip
        labels[("prem", str(dim))] = str(label)
    labels[("prem", PREM_OVERALL)] = t("plot.prem.overall", lang)
    proms = programme.proms
    if len(proms) and f"label_{lang}" in proms.columns:
        for code, label in zip(proms["code"], proms[f"label_{lang}"], strict=True):
            labels[("prom", str(code))] = str(label)
    return name_families(labels, lang)
