"""The generic stages never import paper-specific code (ARCHITECTURE: papers are clients)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "spinrelax"
GENERIC = ("io", "acsus", "rates", "figures", "sample_report", "sample_settings.py")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _generic_modules() -> list[Path]:
    files: list[Path] = []
    for name in GENERIC:
        target = PACKAGE / name
        files += [target] if target.suffix == ".py" else sorted(target.rglob("*.py"))
    return files


@pytest.mark.parametrize("module", _generic_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_generic_module_imports_no_paper_code(module):
    paper = sorted(m for m in _imports(module) if m.startswith("spinrelax.papers"))
    assert paper == [], f"{module.relative_to(PACKAGE)} imports paper code: {paper}"


def test_the_guard_sees_a_paper_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from spinrelax.papers.erw10.relaxation import paper1\n")
    assert "spinrelax.papers.erw10.relaxation" in _imports(bad)
