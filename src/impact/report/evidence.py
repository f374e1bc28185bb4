"""Certification evidence: for every certification criterion the programme's catalogues and
roadmap name, what was measured, for whom, when, with what result, and the report page
that shows it.

Criteria are the user's: the ``certification`` column of the indicators, barometer and
questionnaire catalogues and of the roadmap (codes separated by ``;``, written as the
user cites them; ``impact`` ships none). A questionnaire or barometer item's criteria
apply to the change of its dimension. Results are the programme report's team effects
(:func:`impact.synthesis.effects.team_effects`, made publishable: a hidden team's result is
written as hidden) and the roadmap statuses (:mod:`impact.report.roadmap`, published
likewise). The table goes to the programme report and, under ``impact run``, to
``results/certification.csv`` (UTF-8 with BOM, ``;``, headers in the report's language,
as French Excel opens it).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from impact.data.atomic import write_atomic
from impact.data.csv_cells import csv_text
from impact.report.formatting import MISSING, format_month
from impact.report.labels import t
from impact.report.privacy import publishable
from impact.report.programme_effects import (
    ProgrammeResults,
    effect_text,
    heading,
    interval_text,
    paragraph,
    table,
)
from impact.report.roadmap import roadmap_status_table

__all__ = ["EVIDENCE_COLUMNS", "certification_evidence", "evidence_section", "write_evidence"]

#: Columns of the evidence table, in order (headers: labels ``report.evidence.col.*``).
EVIDENCE_COLUMNS = ["criterion", "source", "unit", "what", "when", "result", "report"]
#: The team report section that shows each family's result.
_SECTION = {"indicator": "trends", "barometer": "barometer", "questionnaire": "questionnaires",
            "prem": "prem", "prom": "prem"}  # fmt: skip


def _codes(value: object) -> list[str]:
    """The criterion codes of a ``certification`` cell (``;``-separated, trimmed)."""
    if not isinstance(value, str):
        return []
    return [code.strip() for code in value.split(";") if code.strip()]


def _catalogue_criteria(programme) -> pd.DataFrame:
    """(family, outcome, criterion) for every catalogue row with criteria."""
    rows = []
    for code, cell in _column(programme.indicators, "code"):
        rows += [("indicator", code, c) for c in _codes(cell)]
    for dim, cell in _column(programme.barometer_items, "dimension"):
        rows += [("barometer", dim, c) for c in _codes(cell)]
    items = programme.questionnaire_items
    if len(items) and "certification" in items.columns:
        for q, dim, cell in items[["questionnaire", "dimension", "certification"]].itertuples(
            index=False
        ):
            rows += [("questionnaire", f"{q}.{dim}", c) for c in _codes(cell)]
    return pd.DataFrame(rows, columns=["family", "outcome", "criterion"]).drop_duplicates()


def _column(catalogue: pd.DataFrame, key: str) -> list[tuple[object, object]]:
    if not len(catalogue) or "certification" not in catalogue.columns:
        return []
    return list(catalogue[[key, "certification"]].itertuples(index=False, name=None))


def _when(row: pd.Series, starts: pd.Series, lang: str) -> str:
    if row["family"] == "indicator":
        return t("report.evidence.when.start", lang,
                 month=format_month(starts.get(row["team_id"]), lang=lang))  # fmt: skip
    if row["family"] in ("barometer", "questionnaire"):
        return t("report.evidence.when.waves", lang)
    return t("report.evidence.when.periods", lang)


def _result(row: pd.Series, lang: str, min_cell: int) -> str:
    if bool(row.get("suppressed", False)):
        return t("report.evidence.hidden", lang, min_cell=min_cell)
    if pd.isna(row["estimate"]):
        return MISSING
    value = effect_text(row["estimate"], row["scale"], lang)
    ci = interval_text(row["ci_low"], row["ci_high"], row["scale"], lang)
    return t("report.evidence.result", lang, value=value, ci=ci,
             verdict=t(f"verdict.{row['verdict']}", lang))  # fmt: skip


def certification_evidence(res: ProgrammeResults) -> pd.DataFrame:
    """The evidence table: one row per criterion × result (columns
    :data:`EVIDENCE_COLUMNS`), in the report's language, hidden values written as such."""
    programme, lang, min_cell = res.programme, res.lang, res.min_cell
    rows = []
    criteria = _catalogue_criteria(programme)
    effects = res.team_effects
    if len(criteria) and len(effects):
        starts = programme.teams.set_index("team_id")["start_date"]
        joined = effects.merge(criteria, on=["family", "outcome"], how="inner")
        for _, row in joined.iterrows():
            rows.append({
                "criterion": row["criterion"],
                "source": t(f"report.evidence.source.{row['family']}", lang),
                "unit": row["team_id"],
                "what": res.labels.get((row["family"], row["outcome"]), row["outcome"]),
                "when": _when(row, starts, lang),
                "result": _result(row, lang, min_cell),
                "report": f"teams/{row['team_id']}.html#team-{_SECTION[row['family']]}",
            })  # fmt: skip
    rows += _roadmap_rows(programme, lang, min_cell)
    out = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return out.sort_values(["criterion", "source", "unit"], kind="stable").reset_index(drop=True)


def _roadmap_rows(programme, lang: str, min_cell: int) -> list[dict[str, str]]:
    roadmap = programme.roadmap
    if not len(roadmap) or "certification" not in roadmap.columns:
        return []
    if not roadmap["certification"].map(_codes).map(len).any():
        return []
    status = publishable({"roadmap_status": roadmap_status_table(programme)}, min_cell)[
        "roadmap_status"
    ]
    rows = []
    for _, row in status.iterrows():
        team = row["team_id"] if isinstance(row["team_id"], str) and row["team_id"] else None
        shown = "suppressed" if row["suppressed"] else row["status"]
        for code in _codes(row["certification"]):
            rows.append({
                "criterion": code,
                "source": t("report.evidence.source.roadmap", lang),
                "unit": team or row["hospital"],
                "what": row["action"],
                "when": format_month(row["as_of"], lang=lang),
                "result": t(f"report.roadmap.status.{shown}", lang),
                "report": f"teams/{team}.html#team-roadmap" if team
                else "programme.html#programme-roadmap",
            })  # fmt: skip
    return rows


def evidence_section(res: ProgrammeResults, evidence: pd.DataFrame | None = None) -> list[str]:
    """HTML fragments: per criterion, how many results document it, by source; the full
    table is ``results/certification.csv``."""
    lang = res.lang
    evidence = certification_evidence(res) if evidence is None else evidence
    parts = [heading(2, "report.evidence.title", lang, "programme-certification")]
    if evidence.empty:
        parts.append(paragraph(t("report.evidence.none", lang)))
        return parts
    parts.append(paragraph(t("report.evidence.intro", lang)))
    counts = evidence.groupby(["criterion", "source"]).size().unstack(fill_value=0)
    header = [(t("report.evidence.col.criterion", lang), False)] + [
        (str(source), True) for source in counts.columns
    ]
    body = [
        [(str(criterion), False)] + [(str(int(n)), True) for n in values]
        for criterion, values in zip(counts.index, counts.to_numpy(), strict=True)
    ]
    parts.append(table(header, body))
    return parts


def write_evidence(evidence: pd.DataFrame, path: str | Path, *, lang: str) -> Path:
    """Write the evidence table as French Excel opens it (UTF-8 with BOM, ``;``, headers
    in ``lang``; cells that would run as formulas neutralised), atomically."""
    out = evidence[EVIDENCE_COLUMNS].copy()
    out.columns = [t(f"report.evidence.col.{c}", lang) for c in EVIDENCE_COLUMNS]
    path = Path(path)
    write_atomic(path, "\ufeff" + csv_text(out, sep=";"))
    return path
