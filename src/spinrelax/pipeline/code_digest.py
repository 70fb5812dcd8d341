"""Digest of the package code a workflow script runs, for Snakemake ``params:`` (minimal reruns).

Snakemake reruns a job when its script changes, not when a module the script imports changes.
Each rule therefore passes ``code_digest(script)`` as a parameter: the sha256 over the
*normalised source* of every ``spinrelax`` module the script imports, followed transitively
(``import spinrelax.x``, ``from spinrelax.x import y`` where ``y`` may be a module, relative
imports, imports inside functions; importing ``spinrelax.a.b`` also runs ``spinrelax/__init__.py``
and ``spinrelax/a/__init__.py``, so those count too). A module no script reaches never reruns
anything.

Normalised source: ``ast.dump`` of the parsed module (no line numbers or columns) with the
docstrings of the module, classes and functions removed. So a comment, blank-line, formatting
or docstring-only edit leaves the digest unchanged; any change of code (a constant, an
argument, an expression) changes it. Docstrings are kept for a module that reads ``__doc__``
(e.g. a command-line help text), where they are behaviour. The dump format belongs to the
running Python version: a new Python minor version may change every digest once (a full
rerun, which is the safe direction).

Not followed: imports computed at run time (``importlib.import_module`` with a variable
name). The workflow scripts use none; :func:`dynamic_imports` finds them, and a test keeps it so.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

#: Name of the package whose modules are followed.
PACKAGE = "spinrelax"


def _strip_docstrings(tree: ast.AST) -> ast.AST:
    """``tree`` with the leading string statement of every module, class and function removed."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                node.body = body[1:] or [ast.Pass()]
    return tree


def _reads_doc(tree: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "__doc__" for n in ast.walk(tree))


@lru_cache(maxsize=4096)
def _parsed(path: str, mtime_ns: int, size: int) -> tuple[str, tuple[tuple[int, str, str], ...]]:
    """(normalised source, imports) of one file; cached per (path, mtime, size)."""
    source = Path(path).read_text(encoding="utf-8")
    tree = ast.parse(source, filename=path)
    imports: list[tuple[int, str, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports += [(0, alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            imports += [(node.level, node.module or "", alias.name) for alias in node.names]
    normalised = ast.dump(tree if _reads_doc(tree) else _strip_docstrings(tree))
    return normalised, tuple(imports)


def _parse(path: Path) -> tuple[str, tuple[tuple[int, str, str], ...]]:
    st = path.stat()
    return _parsed(str(path), st.st_mtime_ns, st.st_size)


def normalised_source(path: str | Path) -> str:
    """The module at ``path`` as ``ast.dump`` without docstrings (see module docstring)."""
    return _parse(Path(path))[0]


def _module_file(name: str, package_dir: Path) -> Path | None:
    """File of the dotted module ``name`` (``spinrelax.a.b``) under ``package_dir``, or None."""
    parts = name.split(".")
    if parts[0] != PACKAGE:
        return None
    base = package_dir.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _module_name(path: Path, package_dir: Path) -> str:
    rel = path.relative_to(package_dir).with_suffix("")
    parts = [PACKAGE, *rel.parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _with_parents(name: str) -> list[str]:
    """``spinrelax.a.b`` -> [``spinrelax``, ``spinrelax.a``, ``spinrelax.a.b``]."""
    parts = name.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


def _targets(
    imports: tuple[tuple[int, str, str], ...], current: str | None, is_package: bool
) -> list[str]:
    """Dotted names (maybe not modules) that the import statements of one file can load."""
    names = []
    for level, module, alias in imports:
        if level:
            if current is None:
                continue
            base = current.split(".")
            base = base if is_package else base[:-1]
            base = base[: len(base) - (level - 1)]
            module = ".".join(base + ([module] if module else []))
        if not module.split(".")[0] == PACKAGE:
            continue
        names += _with_parents(module)
        if alias and alias != "*":
            names.append(f"{module}.{alias}")
    return names


def imported_modules(script: str | Path, package_dir: str | Path) -> list[Path]:
    """Sorted files of every package module ``script`` imports, directly or transitively.

    ``package_dir`` is the folder of the ``spinrelax`` package (``src/spinrelax``).
    """
    package_dir = Path(package_dir).resolve()
    found: dict[str, Path] = {}
    todo: list[tuple[Path, str | None]] = [(Path(script).resolve(), None)]
    while todo:
        path, current = todo.pop()
        is_package = path.name == "__init__.py"
        for name in _targets(_parse(path)[1], current, is_package):
            file = _module_file(name, package_dir)
            if file is None or str(file) in found:
                continue
            found[str(file)] = file
            todo.append((file, _module_name(file, package_dir)))
    return sorted(found.values())


def code_digest(script: str | Path, package_dir: str | Path) -> str:
    """16 hex digits of sha256 over the normalised source of every module ``script`` imports
    (:func:`imported_modules`), each preceded by its path relative to ``package_dir``."""
    package_dir = Path(package_dir).resolve()
    h = hashlib.sha256()
    for file in imported_modules(script, package_dir):
        h.update(file.relative_to(package_dir).as_posix().encode() + b"\0")
        h.update(normalised_source(file).encode() + b"\0")
    return h.hexdigest()[:16]


def dynamic_imports(path: str | Path) -> list[int]:
    """Line numbers of ``importlib.import_module(...)`` / ``__import__(...)`` calls in ``path``."""
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    lines = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
            if name in ("import_module", "__import__"):
                lines.append(node.lineno)
    return sorted(lines)
