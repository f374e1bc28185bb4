"""The index page of a report run: the programme report, every team with its headline
results and a link to its report, the training reports, the results files, and the
failures.

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


def _change(value: object, status: object, lang: str, digits: int) -> dict[str, str]:
    """A survey headline's cell: its value with its sign and its status (the cell's
    colour), or – when not computed or hidden."""
    status = str(status) if isinstance(status, str) else "not-computed"
    if status in ("hidden", "not-computed") or value is None or pd.isna(value):
        return {"text": MISSING, "status": status}
    return {"text": format_number(value, lang=lang, digits=digits, sign=True), "status": status}


def _counts(row: pd.Series, prefix: str) -> tuple[int, int, int] | None:
    counts = [row.get(f"{prefix}{k}") for k in ("improved", "worsened", "inconclusive")]
    if any(c is None or pd.isna(c) for c in counts):
        return None
    return tuple(int(c) for c in counts)


def _headline_cells(row: pd.Series | None, lang: str) -> dict:
    """Indicators and PROMs (counts up, down, flat), barometer and PREM cells of one team
    (plain values for ``index.html.j2``)."""
    if row is None:
        row = pd.Series(dtype=object)
    prem = _change(row.get("prem"), row.get("prem_status"), lang, 1)
    interval = ""
    if prem["text"] != MISSING and pd.notna(row.get("prem_ci_low")):
        interval = t(
            "report.ci.range",
            lang,
            low=format_number(row["prem_ci_low"], lang=lang, digits=1),
            high=format_number(row["prem_ci_high"], lang=lang, digits=1),
        )
    return {
        "indicators": _counts(row, ""),
        "barometer_pro": _change(row.get("barometer_pro"), row.get("barometer_pro_status"),
                                 lang, 2),
        "barometer_patients": _change(row.get("barometer_patients"),
                                      row.get("barometer_patients_status"), lang, 2),
        "prem": {**prem, "interval": interval,
                 "warning": _flag(row.get("prem_small_sample")) and prem["text"] != MISSING},
        "proms": _counts(row, "proms_"),
    }  # fmt: skip


#: The orders a reader can sort the team table by (``index.sort.<name>``), each a column
#: of the teams table; the participation levels sort in their natural order.
SORTS = ("team_id", "ghu", "domain", "participation_level")
_LEVELS = ("information", "consultation", "co-construction", "co-décision")


def _orders(ok: list[str], teams: pd.DataFrame | None) -> list[dict[str, object]]:
    """The team ids in each order of :data:`SORTS` available (stable: by team within)."""
    if teams is None or teams.empty:
        return [{"name": "team_id", "ids": list(ok)}]
    attrs = teams.drop_duplicates("team_id").set_index("team_id").reindex(ok)
    orders = []
    for name in SORTS:
        if name == "team_id":
            orders.append({"name": name, "ids": list(ok)})
            continue
        if name not in attrs.columns or attrs[name].isna().all():
            continue
        values = attrs[name].astype("string")
        key = (values.map({v: i for i, v in enumerate(_LEVELS)}).fillna(len(_LEVELS))
               if name == "participation_level" else values.fillna("\uffff"))  # fmt: skip
        frame = pd.DataFrame({"key": key.to_numpy(), "pos": range(len(ok))}, index=ok)
        orders.append({"name": name, "ids": frame.sort_values(["key", "pos"]).index.tolist()})
    return orders


def _collapsed(heads: pd.DataFrame | None, lang: str, min_cell: int) -> tuple[list[str], list[str]]:
    """The survey columns to show, and one sentence for each column hidden in every team
    (small groups are said once rather than as a column of marks)."""
    columns = ["indicators", "barometer_pro", "barometer_patients", "prem", "proms"]
    if heads is None:
        return [], []
    shown, notes = [], []
    for column in columns:
        if column in ("indicators", "proms"):
            key = "improved" if column == "indicators" else "proms_improved"
            if key in heads.columns and heads[key].notna().any():
                shown.append(column)
            continue
        status = heads.get(f"{column}_status", pd.Series(dtype=object)).dropna()
        if status.empty:
            continue
        if (status == "hidden").all():
            notes.append(t(f"index.hidden.{column}", lang, min_cell=min_cell))
        else:
            shown.append(column)
    return shown, notes


def index_html(
    result: RunResult,
    names: dict[str, str],
    provenance: dict,
    *,
    lang: str = "fr",
    headlines: pd.DataFrame | None = None,
    min_cell: int = 10,
    teams: pd.DataFrame | None = None,
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
        Minimum cell size (for the note and the sentences about hidden groups).
    teams : pandas.DataFrame, optional
        The programme's teams table: its hospital group, domain and participation level
        are shown, and the table can be sorted by each (radio buttons and CSS: the page
        has no script and works printed).
    """
    heads = (headlines.set_index("team_id") if headlines is not None and len(headlines)
             else None)  # fmt: skip
    columns, hidden_notes = _collapsed(heads, lang, min_cell)
    attrs = (teams.drop_duplicates("team_id").set_index("team_id")
             if teams is not None and len(teams) else None)  # fmt: skip
    described = [
        c
        for c in ("ghu", "domain", "participation_level")
        if attrs is not None and c in attrs.columns and attrs[c].notna().any()
    ]
    header = [(t("index.col.team", lang), False), (t("index.col.name", lang), False)]
    header += [(t(f"index.col.{c}", lang), False) for c in described]
    header += [(t(f"index.col.{c}", lang), True) for c in columns]
    header.append((t("index.col.report", lang), False))

    def attribute(team: str, column: str) -> str:
        value = attrs.loc[team, column] if team in attrs.index else None
        return "" if value is None or pd.isna(value) else str(value)

    rows = {
        team: {
            "team": team,
            "name": str(names.get(team, "")),
            "attrs": [attribute(team, c) for c in described],
            "heads": None if heads is None else _headline_cells(
                heads.loc[team] if team in heads.index else None, lang
            ),
            "link": t("index.link", lang),
        }
        for team in result.ok
    }  # fmt: skip
    orders = [
        {**order, "label": t(f"index.sort.{order['name']}", lang),
         "rows": [rows[team] for team in order["ids"]]}
        for order in _orders(result.ok, attrs.reset_index() if attrs is not None else None)
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
                            else t("index.failed.training", lang, title=f.team_id)
                            if f.report == "training"
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
        trainings=None if not result.trainings else {
            "title": t("index.trainings", lang), "link": t("index.trainings.link", lang),
            "rows": [{"code": code, "title": title} for code, title in result.trainings.items()]},
        ok_title=t("index.ok.title", lang, n=len(result.ok)),
        header=header,
        columns=columns,
        orders=orders,
        sort_label=t("index.sort", lang),
        hidden_notes=hidden_notes,
        missing=MISSING,
        note=(t("index.headline.note", lang, min_cell=min_cell,
                threshold=PREM_PUBLICATION_THRESHOLD) if heads is not None else ""),
        ok_none=t("index.ok.none", lang),
        results=({"label": t("index.results", lang), "names": [p.name for p in result.results]}
                 if result.results else None),
        results_error=(t("index.results.none", lang, error=provenance["results_error"])
                       if provenance.get("results_error") else ""),
        failures=failures,
    )  # fmt: skip
    return str(page) + "\n"
