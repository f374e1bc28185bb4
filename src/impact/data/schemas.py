"""The data contract: the Table Schemas and default catalogues in ``data_schemas/``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from impact.data.programme import INPUT_TABLES

__all__ = [
    "OPTIONAL_TABLES",
    "STEERING_TABLES",
    "TABLE_ALIASES",
    "TRAINING_TABLES",
    "COMMENT_TABLES",
    "TableSpec",
    "catalogue_dir",
    "schema_dir",
    "table_specs",
]

#: Other names people give a table's sheet or file, matched like its name and French title
#: when a sheet or file is not recognised (e-Satis: the national PREM survey of the HAS).
TABLE_ALIASES: dict[str, tuple[str, ...]] = {"prem_responses": ("e-Satis",)}

#: Observation tables a programme may leave out (said in the validation summary and in
#: the reports: "aucune réponse au baromètre fournie"; see :data:`STEERING_TABLES`).
OPTIONAL_TABLES = tuple(name for name in INPUT_TABLES if name not in ("teams", "indicator_values"))
#: The optional tables that steer the programme: the validation summary names one of them
#: as not supplied only when another was (a programme without any is not being steered
#: with impact); their report sections say so in every case.
STEERING_TABLES = ("roadmap", "partnership_activity", "programme_support")
#: The tables of training evaluation, named as not supplied on the same rule (a programme
#: that evaluates no training with impact leaves all three out).
TRAINING_TABLES = ("training_sessions", "training_participants", "training_answers")
#: Free-text comments and their reviews, named as not supplied on the same rule.
COMMENT_TABLES = ("comments", "comment_reviews")


def schema_dir() -> Path:
    """Return the folder holding ``datapackage.json`` and the Table Schemas.

    In a source checkout (editable install) this is the repository's ``data_schemas/``;
    in an installed wheel, the copy bundled inside the package.
    """
    package = Path(__file__).resolve().parents[1]
    for candidate in (package.parents[1] / "data_schemas", package / "_bundled" / "data_schemas"):
        if (candidate / "datapackage.json").is_file():
            return candidate
    raise FileNotFoundError("impact's data_schemas/ folder is missing from the installation.")


def catalogue_dir() -> Path:
    """Return the folder of the default catalogues (CSV, UTF-8)."""
    return schema_dir() / "catalogues"


@dataclass(frozen=True)
class TableSpec:
    """One table of the data package and its Table Schema.

    Attributes
    ----------
    name : str
        Resource name, also the expected file (``name.csv``) or sheet name.
    schema : dict
        The Table Schema (fields, primaryKey, foreignKeys, missingValues).
    required : bool
        Whether the table must be supplied.
    default : pathlib.Path or None
        Default CSV used when a catalogue is not supplied.
    """

    name: str
    schema: dict
    required: bool
    default: Path | None

    @property
    def fields(self) -> list[dict]:
        """The schema's field descriptors, in order."""
        return self.schema["fields"]

    @property
    def field_names(self) -> list[str]:
        """The schema's column names, in order."""
        return [f["name"] for f in self.fields]

    @property
    def primary_key(self) -> list[str]:
        """Columns of the primary key (possibly empty)."""
        key = self.schema.get("primaryKey", [])
        return [key] if isinstance(key, str) else list(key)

    @property
    def foreign_keys(self) -> list[tuple[str, str, str]]:
        """``(column, referenced table, referenced column)`` for each single-column key."""
        out = []
        for fk in self.schema.get("foreignKeys", []):
            ref = fk["reference"]
            out.append((fk["fields"], ref["resource"], ref["fields"]))
        return out

    @property
    def missing_values(self) -> list[str]:
        """Strings that mean 'no value'."""
        return self.schema.get("missingValues", [""])

    def field(self, name: str) -> dict:
        """Return the descriptor of field ``name``."""
        return next(f for f in self.fields if f["name"] == name)


@cache
def table_specs() -> dict[str, TableSpec]:
    """Read ``datapackage.json`` and return every table's :class:`TableSpec`, by name."""
    root = schema_dir()
    package = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    specs = {}
    for res in package["resources"]:
        schema = res["schema"]
        if isinstance(schema, str):
            schema = json.loads((root / schema).read_text(encoding="utf-8"))
        default = res.get("x-impact-default")
        specs[res["name"]] = TableSpec(
            name=res["name"],
            schema=schema,
            required=bool(res.get("x-impact-required", False)),
            default=root / default if default else None,
        )
    return specs
