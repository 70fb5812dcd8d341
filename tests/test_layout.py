"""The generic stages never import paper-specific code (ARCHITECTURE: papers are clients)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "spinrelax"
GENERIC = ("io", "acsus", "rates", "figures", "sample_report", "pipeline")


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


#: Top-level modules of the package: cross-cutting helpers every stage uses (constants, errors,
#: progress lines, the version, the published-value convention of every table). Anything else
#: lives in the package of the stage it serves (io, acsus, rates, figures, sample_report,
#: pipeline, papers, simulate, cli).
TOP_LEVEL = {
    "__init__.py",
    "__main__.py",
    "constants.py",
    "errors.py",
    "progress.py",
    "published.py",
    "version.py",
}

#: Modules allowed above MAX_LINES, each with the reason it stays one file.
MAX_LINES = 400
LONG_MODULES: dict[str, str] = {}


def test_top_level_holds_only_cross_cutting_modules():
    found = {p.name for p in PACKAGE.glob("*.py")}
    assert found <= TOP_LEVEL, f"move into a stage package: {sorted(found - TOP_LEVEL)}"


def test_no_module_is_long_without_a_stated_reason():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in sorted(PACKAGE.rglob("*.py"))
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    unexplained = {name: n for name, n in long.items() if name not in LONG_MODULES}
    assert not unexplained, f"split these (or state why not in LONG_MODULES): {unexplained}"
