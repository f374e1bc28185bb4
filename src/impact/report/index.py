"""The index page of a report run: the programme report, every team with its headline
results and a link to its report, the results files, and the failures."""

from __future__ import annotations

import html
from datetime import datetime

import pandas as pd

from impact.data.loading import PREM_PUBLICATION_THRESHOLD
from impact.report.formatting import MISSING, format_date, format_number
from impact.report.labels import t
from impact.report.run_record import RunResult

__all__ = ["index_html"]

INDEX_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  max-width: 72em; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #ddd;
  vertical-align: top; }
th { border-bottom: 2px solid #888; }
td.num, th.num { text-align: right; } td.num, td.link { white-space: nowrap; }
th.num { max-width: 12em; }
.failed td { color: #8a1c1c; }
.meta, .note { color: #555; font-size: 0.9em; }
.up { color: #1b7837; } .down { color: #b2182b; }
"""
_NUM = ' class="num"'


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
        return html.escape(mark)
    if value is None or pd.isna(value):
        return MISSING
    return html.escape(format_number(value, lang=lang, digits=digits, sign=True))


def _headline_cells(row: pd.Series | None, mark: str, lang: str) -> list[str]:
    """Indicators, barometer and PREM cells of one team (escaped HTML)."""
    if row is None:
        return [MISSING, MISSING, MISSING]
    counts = [row.get(k) for k in ("improved", "worsened", "inconclusive")]
    if any(c is None or pd.isna(c) for c in counts):
        indicators = MISSING
    else:
        up, down, flat = (int(c) for c in counts)
        indicators = (
            f'<span class="up">{up}&nbsp;↑</span> · <span class="down">{down}&nbsp;↓'
            f"</span> · {flat}&nbsp;="
        )
    barometer = " / ".join(
        _change(row.get(k), row.get(f"{k}_suppressed"), mark, lang, 2)
        for k in ("barometer_pro", "barometer_patients")
    )
    prem = _change(row.get("prem"), row.get("prem_suppressed"), mark, lang, 1)
    if prem not in (MISSING, html.escape(mark)) and pd.notna(row.get("prem_ci_low")):
        interval = t(
            "report.ci.range",
            lang,
            low=format_number(row["prem_ci_low"], lang=lang, digits=1),
            high=format_number(row["prem_ci_high"], lang=lang, digits=1),
        )
        prem += f" <small>{html.escape(interval)}</small>"
    if _flag(row.get("prem_small_sample")) and prem != html.escape(mark):
        prem += " ⚠"
    return [indicators, barometer, prem]


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
    esc = html.escape
    mark = t("report.suppressed.mark", lang, min_cell=min_cell)
    heads = (headlines.set_index("team_id") if headlines is not None and len(headlines)
             else None)  # fmt: skip
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(t('index.title', lang))}</title>",
        f"<style>{INDEX_STYLE}</style></head>",
        "<body>",
        f"<h1>{esc(t('index.title', lang))}</h1>",
        '<p class="meta">' + esc(t("index.generated", lang,
                                   date=_when(provenance["created"], lang),
                                   version=provenance["version"], data=provenance["data"]))
        + "</p>",
    ]  # fmt: skip
    if result.programme is not None:
        parts.append(
            f"<h2>{esc(t('index.programme', lang))}</h2>"
            f'<p><a href="programme.html">{esc(t("index.programme.link", lang))}</a></p>'
        )
    parts.append(f"<h2>{esc(t('index.ok.title', lang, n=len(result.ok)))}</h2>")
    if result.ok:
        header = [(t("index.col.team", lang), False), (t("index.col.name", lang), False)]
        if heads is not None:
            header += [
                (t("index.col.indicators", lang), True),
                (t("index.col.barometer", lang), True),
                (t("index.col.prem", lang), True),
            ]
        header.append((t("index.col.report", lang), False))
        rows = []
        for team in result.ok:
            cells = [esc(team), esc(str(names.get(team, "")))]
            if heads is not None:
                row = heads.loc[team] if team in heads.index else None
                cells += _headline_cells(row, mark, lang)
            link = f'<a href="teams/{esc(team)}.html">{esc(t("index.link", lang))}</a>'
            nums = [num for _, num in header]
            rows.append(
                "<tr>"
                + "".join(
                    f"<td{_NUM if num else ''}>{c}</td>"
                    for c, num in zip(cells, nums[:-1], strict=True)
                )
                + f'<td class="link">{link}</td></tr>'
            )
        head = "".join(f"<th{_NUM if num else ''}>{esc(text)}</th>" for text, num in header)
        parts.append(
            f"<table><thead><tr>{head}</tr></thead><tbody>\n"
            + "\n".join(rows)
            + "\n</tbody></table>"
        )
        if heads is not None:
            parts.append('<p class="note">' + esc(t(
                "index.headline.note", lang, mark=mark, min_cell=min_cell,
                threshold=PREM_PUBLICATION_THRESHOLD)) + "</p>")  # fmt: skip
    else:
        parts.append(f"<p>{esc(t('index.ok.none', lang))}</p>")
    if result.results:
        links = ", ".join(
            f'<a href="results/{esc(p.name)}">{esc(p.name)}</a>' for p in result.results
        )
        parts.append(f"<p>{esc(t('index.results', lang))} {links}</p>")
    elif provenance.get("results_error"):
        parts.append(
            '<p class="note">'
            + esc(t("index.results.none", lang, error=provenance["results_error"]))
            + "</p>"
        )
    if result.failures:
        failed_rows = []
        for f in result.failures:
            who = (t("index.failed.programme", lang) if f.report == "programme"
                   else str(names.get(f.team_id, "")))  # fmt: skip
            link = ""
            if f.notebook is not None:
                link = (
                    f'<a href="failed/{esc(f.notebook.name)}">{esc(t("index.notebook", lang))}</a>'
                )
            failed_rows.append(
                f"<tr><td>{esc(f.team_id)}</td><td>{esc(who)}</td>"
                f"<td>{esc(f.error)}</td><td>{link}</td></tr>"
            )
        parts += [
            f"<h2>{esc(t('index.failed.title', lang, n=len(result.failures)))}</h2>",
            f'<table class="failed"><thead><tr><th>{esc(t("index.col.team", lang))}</th>'
            f"<th>{esc(t('index.col.name', lang))}</th>"
            f"<th>{esc(t('index.col.error', lang))}</th>"
            f"<th>{esc(t('index.col.notebook', lang))}</th></tr></thead>"
            f"<tbody>\n" + "\n".join(failed_rows) + "\n</tbody></table>",
        ]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
