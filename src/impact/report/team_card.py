"""The "team at a glance" card and the "about this report" note of a team report.

Both return Markdown (user data escaped) for ``IPython.display.Markdown``; every fixed
text comes from :mod:`impact.report.labels`.
"""

from __future__ import annotations

import re
from datetime import datetime
from importlib import metadata

import pandas as pd

from impact.data.programme import Programme
from impact.report.formatting import MISSING, format_date, format_number
from impact.report.labels import LABELS, LANGUAGES, t

__all__ = ["package_version", "provenance_markdown", "team_card", "team_card_markdown"]

#: Fields of the card, in display order.
CARD_FIELDS = (
    "team_id",
    "hospital",
    "ghu",
    "domain",
    "intervention_mode",
    "participation_level",
    "start_date",
    "end_date",
    "n_patient_partners",
)
#: Fields whose values are codes from the schema's enum, translated for display.
_CODED = ("domain", "intervention_mode", "participation_level")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>&$~])")


def escape_markdown(text: str) -> str:
    """Backslash-escape Markdown's special characters so data show literally."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def package_version() -> str:
    """Return the installed version of impact (``"unknown"`` if not installed)."""
    try:
        return metadata.version("impact")
    except metadata.PackageNotFoundError:
        return "unknown"


def _team_row(programme: Programme, team_id: str) -> pd.Series:
    teams = programme.teams
    row = teams.loc[teams["team_id"] == team_id]
    if row.empty:
        raise KeyError(f"Unknown team_id {team_id!r}.")
    return row.iloc[0]


def _coded(field: str, value: object, lang: str) -> str:
    key = f"report.value.{field}.{value}"
    return t(key, lang) if key in LABELS else str(value)


def team_card(programme: Programme, team_id: str, *, lang: str = "fr") -> pd.DataFrame:
    """Describe one team in a small two-column table, ready to display.

    Parameters
    ----------
    programme : Programme
        Validated programme data.
    team_id : str
        The team.
    lang : {"fr", "en"}
        Language of field names, coded values and formats.

    Returns
    -------
    pandas.DataFrame
        Columns ``field`` (code), ``label`` (field name in ``lang``) and ``value``
        (formatted text, "–" when missing), one row per field of :data:`CARD_FIELDS`.

    Raises
    ------
    KeyError
        If ``team_id`` is not in the teams table.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    row = _team_row(programme, team_id)
    values = []
    for field in CARD_FIELDS:
        value = row[field]
        if pd.isna(value):
            text = MISSING
        elif field in ("start_date", "end_date"):
            text = format_date(value, lang=lang)
        elif field == "n_patient_partners":
            text = format_number(value, lang=lang, digits=0)
        elif field in _CODED:
            text = _coded(field, value, lang)
        else:
            text = str(value)
        values.append(text)
    return pd.DataFrame(
        {
            "field": list(CARD_FIELDS),
            "label": [t(f"report.field.{f}", lang) for f in CARD_FIELDS],
            "value": values,
        }
    )


def team_card_markdown(programme: Programme, team_id: str, *, lang: str = "fr") -> str:
    """Return the report's title and "team at a glance" card as Markdown.

    Examples
    --------
    >>> from impact.demo.programme import demo_programme
    >>> programme = demo_programme(n_teams=2)
    >>> team_card_markdown(programme, programme.team_ids[0], lang="en").startswith("# ")
    True
    """
    card = team_card(programme, team_id, lang=lang)
    name = escape_markdown(str(_team_row(programme, team_id)["name"]))
    colon = "\u00a0:" if lang == "fr" else ":"
    lines = [
        f"# {t('report.title', lang, name=name)}",
        "",
        f"## {t('report.card.title', lang)}",
        "",
    ]
    lines += [
        f"- **{escape_markdown(label)}**{colon} {escape_markdown(value)}"
        for label, value in zip(card["label"], card["value"], strict=True)
    ]
    return "\n".join(lines)


def provenance_markdown(
    programme: Programme, *, parameters: dict[str, object], lang: str = "fr"
) -> str:
    """Return the "about this report" note: version, date, parameters, input files.

    Parameters
    ----------
    programme : Programme
        The programme the report used (its ``sources`` give files and SHA-256).
    parameters : dict
        The report's parameters, shown as ``name = value``.
    lang : {"fr", "en"}
        Language.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {LANGUAGES}. Got {lang!r}.")
    colon = "\u00a0:" if lang == "fr" else ":"
    now = datetime.now().astimezone()
    when = f"{format_date(now, lang=lang)} {now:%H:%M}"
    params = ", ".join(f"{k} = {v!r}" for k, v in parameters.items())
    lines = [
        f"## {t('report.about.title', lang)}",
        "",
        escape_markdown(t("report.about.made", lang, version=package_version(), date=when)),
        "",
        f"{escape_markdown(t('report.about.parameters', lang))} `{params}`",
        "",
        escape_markdown(t("report.about.sources", lang)),
        "",
    ]
    for table, source in programme.sources.items():
        if source.path.startswith("<"):
            where = escape_markdown(t("report.about.default-catalogue", lang))
        else:
            where = f"`{source.path}`"
        digest = f" (SHA-256 {source.sha256[:16]}…)" if source.sha256 else ""
        lines.append(f"- {escape_markdown(table)}{colon} {where}{digest}")
    return "\n".join(lines)
