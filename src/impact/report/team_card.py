"""The "team at a glance" card of a team report and the "about this report" note of every
report.

Both are HTML from the section templates (``team_card.html.j2``, ``provenance.html.j2``),
for ``IPython.display.HTML``: text from the data (names, file names) is escaped by the
template engine, and pages name the data by their folder or workbook, never by the
analyst's full path. Every fixed text comes from :mod:`impact.report.labels`.
"""

from __future__ import annotations

import os
from datetime import datetime
from importlib import metadata
from pathlib import Path, PurePath

import pandas as pd

from impact.data.programme import Programme, SourceInfo
from impact.report.formatting import MISSING, format_date, format_number
from impact.report.labels import LABELS, LANGUAGES, t
from impact.report.templating import Markup, render

__all__ = [
    "data_name",
    "package_version",
    "provenance_html",
    "source_name",
    "team_card",
    "team_card_html",
]

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


def _colon(lang: str) -> str:
    """The colon after a field name: French puts a no-break space before it."""
    return "\u00a0:" if lang == "fr" else ":"


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


def team_card_html(programme: Programme, team_id: str, *, lang: str = "fr") -> Markup:
    """Return the report's title and "team at a glance" card as HTML.

    Built by the template ``team_card.html.j2``: the team's name and every value are
    escaped by the template engine, whatever characters they hold.

    Examples
    --------
    >>> from impact.demo.programme import demo_programme
    >>> programme = demo_programme(n_teams=2)
    >>> team_card_html(programme, programme.team_ids[0], lang="en").startswith("<h1>")
    True
    """
    card = team_card(programme, team_id, lang=lang)
    name = str(_team_row(programme, team_id)["name"])
    return render(
        "team_card.html.j2",
        title=t("report.title", lang, name=name),
        heading=t("report.card.title", lang),
        colon=_colon(lang),
        rows=list(zip(card["label"], card["value"], strict=True)),
    )


def data_name(path: str | Path) -> str:
    """The name of a data folder or workbook, as pages show it (never the full path).

    A relative path is made absolute first, so ``"."`` gives the folder's own name; the
    empty path (the demo programme) stays empty.

    Examples
    --------
    >>> data_name("/home/analyst/études/demo_data")
    'demo_data'
    >>> data_name("/home/analyst/mon_programme.xlsx")
    'mon_programme.xlsx'
    """
    text = str(path)
    return Path(os.path.abspath(text)).name if text else ""


def source_name(source: SourceInfo, lang: str = "fr") -> tuple[str, bool]:
    """Where a table came from, as a page shows it, and whether that is a file name.

    A CSV file shows as ``folder/file.csv`` and a workbook's sheet as ``book.xlsx#sheet``
    (the analyst's folders are not shown); generated tables show as a phrase.

    Examples
    --------
    >>> source_name(SourceInfo("/home/analyst/demo_data/teams.csv", sha256="ab"))
    ('demo_data/teams.csv', True)
    >>> source_name(SourceInfo("/home/analyst/prog.xlsx#teams", encoding="xlsx"))
    ('prog.xlsx#teams', True)
    >>> source_name(SourceInfo("<default catalogue>"), "en")
    ('default catalogue', False)
    """
    if source.path == "<demo>":
        return t("report.about.demo", lang), False
    if source.path.startswith("<"):
        return t("report.about.default-catalogue", lang), False
    file = PurePath(source.path)
    if source.encoding == "xlsx":
        return file.name, True
    return f"{file.parent.name}/{file.name}", True


def provenance_html(
    programme: Programme, *, parameters: dict[str, object], lang: str = "fr"
) -> Markup:
    """Return the "about this report" note: version, date, parameters, input files.

    Built by the template ``provenance.html.j2`` (every value escaped). The page names the
    data by their folder or workbook only: the parameter ``data_path`` shows as
    :func:`data_name`, each input file as :func:`source_name`.

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
    now = datetime.now().astimezone()
    when = f"{format_date(now, lang=lang)} {now:%H:%M}"
    shown = {k: data_name(v) if k == "data_path" else v for k, v in parameters.items()}
    sources = []
    for table, source in programme.sources.items():
        where, is_file = source_name(source, lang)
        digest = f" (SHA-256 {source.sha256[:16]}…)" if source.sha256 else ""
        sources.append({"table": table, "where": where, "file": is_file, "digest": digest})
    return render(
        "provenance.html.j2",
        title=t("report.about.title", lang),
        made=t("report.about.made", lang, version=package_version(), date=when),
        parameters_label=t("report.about.parameters", lang),
        parameters=", ".join(f"{k} = {v!r}" for k, v in shown.items()),
        sources_label=t("report.about.sources", lang),
        colon=_colon(lang),
        sources=sources,
    )
