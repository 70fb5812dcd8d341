"""No module outside ``spinrelax.simulate`` imports it: the analysis never sees the truth."""

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DYNAMIC = re.compile(r"""(import_module|__import__)\(\s*['"]spinrelax\.simulate""")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names |= {f"{node.module}.{a.name}" for a in node.names}
    return names


def analysis_sources() -> list[Path]:
    src = [p for p in (REPO / "src" / "spinrelax").rglob("*.py") if "simulate" not in p.parts]
    scripts = [p for p in (REPO / "scripts").glob("*.py") if not p.name.startswith("simulate")]
    return src + scripts


def test_analysis_code_does_not_import_the_virtual_instruments():
    offenders = []
    for path in analysis_sources():
        mods = imported_modules(path)
        if any(m == "spinrelax.simulate" or m.startswith("spinrelax.simulate.") for m in mods):
            offenders.append(str(path.relative_to(REPO)))
        elif DYNAMIC.search(path.read_text(encoding="utf-8")):
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []


def test_the_scan_sees_the_package():
    assert len(analysis_sources()) > 5
    inside = REPO / "src" / "spinrelax" / "simulate" / "acsus_generate.py"
    assert any(m.startswith("spinrelax.simulate") for m in imported_modules(inside))
    assert DYNAMIC.search("importlib.import_module('spinrelax.simulate.acsus_truth')")
