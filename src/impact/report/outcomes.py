"""Display labels of the programme's outcomes (family × outcome), from the catalogues."""

from __future__ import annotations

from impact.data.programme import Programme
from impact.report.labels import t
from impact.synthesis.effects import PREM_OVERALL


def outcome_labels(programme: Programme, lang: str = "fr") -> dict[tuple[str, str], str]:
    """Display label of every family × outcome, from the catalogues, in ``lang``.

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
    prem = programme.prem_items
    for dim, label in prem.drop_duplicates("dimension")[["dimension", f"dimension_{lang}"]] \
            .itertuples(index=False):  # fmt: skip
        labels[("prem", str(dim))] = str(label)
    labels[("prem", PREM_OVERALL)] = t("plot.prem.overall", lang)
    proms = programme.proms
    if len(proms) and f"label_{lang}" in proms.columns:
        for code, label in zip(proms["code"], proms[f"label_{lang}"], strict=True):
            labels[("prom", str(code))] = str(label)
    return labels
