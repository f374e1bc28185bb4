"""The index page of a report run: a link to every team report, and the failures."""

from __future__ import annotations

import html
from datetime import datetime
from typing import TYPE_CHECKING

from impact.formatting import format_date
from impact.i18n import t

if TYPE_CHECKING:
    from impact.reporting import RunResult

__all__ = ["index_html"]

INDEX_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  max-width: 60em; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 1.6em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 0.35em 0.6em; border-bottom: 1px solid #ddd; }
th { border-bottom: 2px solid #888; }
.failed td { color: #8a1c1c; }
.meta { color: #555; font-size: 0.9em; }
"""


def _when(iso: str, lang: str) -> str:
    """``2024-03-15T14:05:00+01:00`` as ``15/03/2024 14:05`` (fr) or ``2024-03-15 14:05``."""
    stamp = datetime.fromisoformat(iso)
    return f"{format_date(stamp, lang=lang)} {stamp:%H:%M}"


def index_html(
    result: RunResult, names: dict[str, str], provenance: dict, *, lang: str = "fr"
) -> str:
    """Return the self-contained index page: links to every report and the failures.

    Parameters
    ----------
    result : RunResult
        Teams done and failed.
    names : dict of str to str
        Team names by team_id.
    provenance : dict
        The content of ``run.json`` (date, version, data).
    lang : {"fr", "en"}
        Language of the page.
    """
    esc = html.escape
    rows = "\n".join(
        f"<tr><td>{esc(team)}</td><td>{esc(str(names.get(team, '')))}</td>"
        f'<td><a href="teams/{esc(team)}.html">{esc(t("index.link", lang))}</a></td></tr>'
        for team in result.ok
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(t('index.title', lang))}</title>",
        f"<style>{INDEX_STYLE}</style></head>",
        "<body>",
        f"<h1>{esc(t('index.title', lang))}</h1>",
        '<p class="meta">'
        + esc(
            t(
                "index.generated",
                lang,
                date=_when(provenance["created"], lang),
                version=provenance["version"],
                data=provenance["data"],
            )
        )
        + "</p>",
        f"<h2>{esc(t('index.ok.title', lang, n=len(result.ok)))}</h2>",
    ]
    if result.ok:
        parts.append(
            f"<table><thead><tr><th>{esc(t('index.col.team', lang))}</th>"
            f"<th>{esc(t('index.col.name', lang))}</th>"
            f"<th>{esc(t('index.col.report', lang))}</th></tr></thead>"
            f"<tbody>\n{rows}\n</tbody></table>"
        )
    else:
        parts.append(f"<p>{esc(t('index.ok.none', lang))}</p>")
    if result.failures:
        failed_rows = "\n".join(
            f"<tr><td>{esc(f.team_id)}</td><td>{esc(str(names.get(f.team_id, '')))}</td>"
            f"<td>{esc(f.error)}</td><td>"
            + (
                f'<a href="failed/{esc(f.team_id)}.ipynb">{esc(t("index.notebook", lang))}</a>'
                if f.notebook
                else ""
            )
            + "</td></tr>"
            for f in result.failures
        )
        parts += [
            f"<h2>{esc(t('index.failed.title', lang, n=len(result.failures)))}</h2>",
            f'<table class="failed"><thead><tr><th>{esc(t("index.col.team", lang))}</th>'
            f"<th>{esc(t('index.col.name', lang))}</th>"
            f"<th>{esc(t('index.col.error', lang))}</th>"
            f"<th>{esc(t('index.col.notebook', lang))}</th></tr></thead>"
            f"<tbody>\n{failed_rows}\n</tbody></table>",
        ]
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
