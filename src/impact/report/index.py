"""The index page of a report run: the programme report, every team with its headline
results and a link to its report, the results files, and the failures.

The page is the template ``templates/sections/index.html.j2`` (with its style), fed by
plain values; escaping is the template engine's.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.report.formatting import MISSING, format_date, format_number
from impact.report.labels import t
from impact.report.run_record import RunResult
from impact.report.team_card import data_name
from impact.report.templating import render

__all__ = ["index_html"]


def _when(iso: str, lang: str) -> str:
    """``2024-03-15T14:05:00+01:00`` as ``15/03/2024 14:05`` (fr) or ``2024-03-15 14:05``."""
    stamp = datetime.fromisoformat(iso)
    return f"{format_date(stamp, lang=lang)} {stamp:%H:%M}"


def _flag(value: object) -> bool:
    """True for a set flag (bool or numpy bool); False for False, None or NaN."""
    return value is not None and not (isinstance(value, float) and value != value) and bool(value)


def _change(value: object, suppressed: object, mark: str, lang: str, digits: int) -> str:
    """A change with its sign, the small-cell mark, or – when not computed."""
    if _flag(suppressed):
        return mark
    if value is None or pd.isna(value):
        return MISSING
    return format_number(value, lang=lang, digits=digits, sign=True)


def _headline_cells(row: pd.Series | None, mark: str, lang: str) -> dict:
    """Indicators (counts up, down, flat), barometer and PREM cells of one team (plain
    values for ``index.html.j2``)."""
    if row is None:
        return {"indicators": None, "barometer": MISSING, "prem": MISSING,
                "prem_interval": "", "prem_warning": False}  # fmt: skip
    counts = [row.get(k) for k in ("improved", "worsened", "inconclusive")]
    indicators = (
        None if any(c is None or pd.isna(c) for c in counts) else tuple(int(c) for c in counts)
    )
    barometer = " / ".join(
        _change(row.get(k), row.get(f"{k}_suppressed"), mark, lang, 2)
        for k in ("barometer_pro", "barometer_patients")
    )
    prem = _change(row.get("prem"), row.get("prem_suppressed"), mark, lang, 1)
    interval = ""
    if prem not in (MISSING, mark) and pd.notna(row.get("prem_ci_low")):
        interval = t(
            "report.ci.range",
            lang,
            low=format_number(row["prem_ci_low"], lang=lang, digits=1),
            high=format_number(row["prem_ci_high"], lang=lang, digits=1),
        )
    return {
        "indicators": indicators,
        "barometer": barometer,
        "prem": prem,
        "prem_interval": interval,
        "prem_warning": _flag(row.get("prem_small_sample")) and prem != mark,
    }


def index_html(
    result: RunResult,
    names: dict[str, str],
    provenance: dict,
    *,
    lang: str = "fr",
    headlines: pd.DataFrame | None = None,
    min_cell: int = 10,
) -> str:
    """Return the self-contained index page of a run.

    Parameters
    ----------
    result : RunResult
        Reports done and failed, programme page and results files.
    names : dict of str to str
        Team names by team_id.
    provenance : dict
        The content of ``run.json`` (date, version, data).
    lang : {"fr", "en"}
        Language of the page.
    headlines : pandas.DataFrame, optional
        :func:`impact.report.headlines.index_headlines` (already small-cell suppressed);
        without it the team table has no result columns.
    min_cell : int, default 10
        Minimum cell size (for the mark and the note).
    """
    mark = t("report.suppressed.mark", lang, min_cell=min_cell)
    heads = (headlines.set_index("team_id") if headlines is not None and len(headlines)
             else None)  # fmt: skip
    header = [(t("index.col.team", lang), False), (t("index.col.name", lang), False)]
    if heads is not None:
        header += [(t(f"index.col.{c}", lang), True) for c in ("indicators", "barometer", "prem")]
    header.append((t("index.col.report", lang), False))
    teams = [
        {
            "team": team,
            "name": str(names.get(team, "")),
            "heads": None if heads is None else _headline_cells(
                heads.loc[team] if team in heads.index else None, mark, lang
            ),
            "link": t("index.link", lang),
        }
        for team in result.ok
    ]  # fmt: skip
    failures = None
    if result.failures:
        failures = {
            "title": t("index.failed.title", lang, n=len(result.failures)),
            "header": [t(f"index.col.{c}", lang) for c in ("team", "name", "error", "notebook")],
            "rows": [
                {
                    "team": f.team_id,
                    "who": (t("index.failed.programme", lang) if f.report == "programme"
                            else str(names.get(f.team_id, ""))),
                    "error": f.error,
                    "notebook": None if f.notebook is None else f.notebook.name,
                }
                for f in result.failures
            ],
            "link": t("index.notebook", lang),
        }  # fmt: skip
    page = render(
        "index.html.j2",
        lang=lang,
        title=t("index.title", lang),
        generated=t("index.generated", lang, date=_when(provenance["created"], lang),
                    version=provenance["version"], data=data_name(provenance["data"])),
        programme=None if result.programme is None else {
            "title": t("index.programme", lang), "link": t("index.programme.link", lang)},
        ok_title=t("index.ok.title", lang, n=len(result.ok)),
        header=header,
        teams=teams,
        missing=MISSING,
        note=(t("index.headline.note", lang, mark=mark, min_cell=min_cell,
                threshold=PREM_PUBLICATION_THRESHOLD) if heads is not None else ""),
        ok_none=t("index.ok.none", lang),
        results=({"label": t("index.results", lang), "names": [p.name for p in result.results]}
                 if result.results else None),
        results_error=(t("index.results.none", lang, error=provenance["results_error"])
                       if provenance.get("results_error") else ""),
        failures=failures,
    )  # fmt: skip
    return str(page) + "\n"
