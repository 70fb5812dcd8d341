"""Code digest: follows the imports of a script, ignores comment- and docstring-only edits."""

import shutil
from pathlib import Path

import pytest

from spinrelax.pipeline.code_digest import code_digest, dynamic_imports, imported_modules

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def package(tmp_path):
    """A small package ``spinrelax`` with a root module, a sub-package and a script."""
    pkg = tmp_path / "src" / "spinrelax"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text('"""Root."""\n__version__ = "1"\n')
    (pkg / "errors.py").write_text('"""Errors."""\n\n\nclass E(Exception):\n    """An error."""\n')
    (pkg / "unused.py").write_text("X = 1\n")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "physics.py").write_text(
        '"""Physics."""\n\nfrom ..errors import E\n\n\ndef rate(T):\n    """Rate."""\n'
        "    # Orbach\n    return 2.0 * T\n"
    )
    (pkg / "sub" / "lazy.py").write_text("def f():\n    from spinrelax import errors\n")
    script = tmp_path / "script.py"
    script.write_text("from spinrelax.sub.physics import rate\nimport spinrelax.sub.lazy\n")
    return pkg, script


def test_the_imported_modules_are_followed_transitively(package):
    pkg, script = package
    found = [p.relative_to(pkg).as_posix() for p in imported_modules(script, pkg)]
    assert found == [
        "__init__.py",
        "errors.py",
        "sub/__init__.py",
        "sub/lazy.py",
        "sub/physics.py",
    ]


def test_comment_and_docstring_edits_of_a_root_module_keep_the_digest(package):
    pkg, script = package
    before = code_digest(script, pkg)
    errors = pkg / "errors.py"
    errors.write_text(
        '"""Errors, reworded."""\n# a comment\n\n\nclass E(Exception):\n'
        '    """Another docstring."""  \n\n'
    )
    physics = pkg / "sub" / "physics.py"
    physics.write_text(physics.read_text().replace("# Orbach", "# Orbach process (K)"))
    assert code_digest(script, pkg) == before


def test_a_code_edit_of_an_imported_function_changes_the_digest(package):
    pkg, script = package
    before = code_digest(script, pkg)
    physics = pkg / "sub" / "physics.py"
    physics.write_text(physics.read_text().replace("2.0 * T", "2.0 * T + 1"))
    assert code_digest(script, pkg) != before


def test_an_edit_of_a_module_the_script_does_not_import_keeps_the_digest(package):
    pkg, script = package
    before = code_digest(script, pkg)
    (pkg / "unused.py").write_text("X = 2\n")
    assert code_digest(script, pkg) == before


def test_a_module_that_reads_its_docstring_keeps_it(package):
    pkg, script = package
    (pkg / "sub" / "physics.py").write_text('"""Help."""\nHELP = __doc__\n')
    before = code_digest(script, pkg)
    (pkg / "sub" / "physics.py").write_text('"""Other help."""\nHELP = __doc__\n')
    assert code_digest(script, pkg) != before


def test_the_workflow_scripts_import_nothing_dynamically():
    """The digest cannot follow run-time imports: no workflow script or module they import
    uses one."""
    package = REPO / "src" / "spinrelax"
    for script in sorted((REPO / "scripts").glob("*.py")):
        for module in [script, *imported_modules(script, package)]:
            assert dynamic_imports(module) == [], module


def test_the_real_package_digest_ignores_a_comment_edit(tmp_path):
    """A comment-only edit of a root module of the real package keeps every script's digest."""
    copy = tmp_path / "spinrelax"
    shutil.copytree(REPO / "src" / "spinrelax", copy)
    scripts = sorted((REPO / "scripts").glob("*.py"))
    before = [code_digest(s, copy) for s in scripts]
    errors = copy / "errors.py"
    errors.write_text("# edited comment\n" + errors.read_text())
    assert [code_digest(s, copy) for s in scripts] == before
    errors.write_text(errors.read_text().replace('where = ""', "where = ''", 1))
    assert [code_digest(s, copy) for s in scripts] == before  # same AST
    errors.write_text(errors.read_text() + "\nEXTRA = 1\n")
    changed = [code_digest(s, copy) for s in scripts]
    users = [s.stem for s, a, b in zip(scripts, before, changed, strict=True) if a != b]
    assert "ingest_sample" in users and len(users) >= 20
