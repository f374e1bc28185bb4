"""The package's layers, read from the code's AST: imports go one way only.

cli → run → report → domain (synthesis and steering above indicators, barometer, prem;
demo beside them) → stats → data → config. A module may import its own subpackage and any lower
layer, never a higher one nor a sibling family; no module imports another module's
private (``_x``) name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "impact"

#: Layer of each top-level part of the package (higher imports lower).
LAYERS = {
    "errors": 0, "config": 0, "languages": 0,
    "data": 1,
    "stats": 2,
    "indicators": 3, "barometer": 3, "prem": 3, "demo": 3, "training": 3, "text": 3,
    "synthesis": 4, "steering": 4,
    "report": 5,
    "run": 6,
    "cli": 7, "__init__": 7, "__main__": 8,
}  # fmt: skip


def _modules() -> dict[str, Path]:
    return {
        ".".join(("impact", *p.relative_to(PACKAGE).with_suffix("").parts)): p
        for p in sorted(PACKAGE.rglob("*.py"))
    }


def _part(module: str) -> str:
    """The top-level part of ``impact.x.y`` ("x"), "__init__" for the package itself."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(module: str, path: Path) -> list[tuple[str, list[str], int]]:
    """(imported module, imported names, line) for every import of an impact module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "impact" or target.startswith("impact."):
                found.append((target, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "impact" or alias.name.startswith("impact."):
                    found.append((alias.name, [], node.lineno))
    return found


def _violations() -> tuple[list[str], list[str]]:
    modules = _modules()
    against, private = [], []
    for module, path in modules.items():
        part = _part(module)
        for target, names, line in _imports(module, path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            target_part = _part(target)
            if target_part != part and LAYERS[target_part] >= LAYERS[part]:
                against.append(f"{where} {module} imports {target}")
            for name in names:
                if name.startswith("_") and target != module:
                    private.append(f"{where} {module} imports {target}.{name}")
    return against, private


def test_every_part_has_a_layer():
    parts = {_part(m) for m in _modules()}
    assert parts <= set(LAYERS), sorted(parts - set(LAYERS))


def test_imports_go_one_way():
    against, _ = _violations()
    assert not against, "\n".join(against)


def test_no_private_imports():
    _, private = _violations()
    assert not private, "\n".join(private)


@pytest.mark.parametrize("source, expected", [
    ("from impact.report.labels import t\n", "imports impact.report.labels"),
    ("from impact.stats.means import _fmt\n", "imports impact.stats.means._fmt"),
])  # fmt: skip
def test_the_checks_can_fail(tmp_path, monkeypatch, source, expected):
    """A stats module importing the report layer, or a private name, is caught."""
    fake = tmp_path / "impact"
    (fake / "stats").mkdir(parents=True)
    (fake / "stats" / "bad.py").write_text(source)
    monkeypatch.setattr(__import__(__name__), "PACKAGE", fake)
    against, private = _violations()
    assert any(expected in v for v in against + private)
