"""Snakemake reads config files as data: every one passes :func:`spinrelax.io.safe_yaml.check_yaml_text`.

Snakemake loads the files given with ``--configfile`` while it parses its command line, before
the Snakefile runs, and loads them with YTE (``snakemake.common.configfile._load_configfile``),
which evaluates ``?expression`` values as Python in a document with ``__use_yte__: true``. A check
in the Snakefile therefore comes too late for those files. :func:`install` wraps that loader as
soon as Snakemake imports it, so a config file with a template, a YAML tag or an alias bomb stops
the run with one line before anything evaluates it. The repository's environment
(``make .venv/.install-stamp``) runs :func:`install` at interpreter start-up through a ``.pth``
file in its site-packages; :func:`refuse_unsafe_configs`, called at the top of the Snakefile, checks
the same files again where the environment lacks that file (code in a ``--configfile`` has then
already run, but the run still stops before any rule).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

#: The Snakemake module whose ``_load_configfile`` reads every config file.
CONFIG_MODULE = "snakemake.common.configfile"


def refuse_unsafe_configs(paths: Iterable[str | Path]) -> None:
    """Stop the process with one line on stderr (exit status 1) at the first existing file of
    ``paths`` that is not plain YAML data (:func:`spinrelax.io.safe_yaml.read_yaml_text`)."""
    from spinrelax.errors import SpinrelaxError
    from spinrelax.io.safe_yaml import read_yaml_text

    for path in paths:
        if Path(path).exists():
            try:
                read_yaml_text(path)
            except SpinrelaxError as exc:
                raise SystemExit(f"config file refused: {exc}") from None


def _guard(module: ModuleType) -> None:
    load: Callable = module._load_configfile
    if getattr(load, "spinrelax_guarded", False):
        return

    def load_checked(configpath_or_obj, filetype="Config"):
        if filetype == "Config" and isinstance(configpath_or_obj, str | Path):
            refuse_unsafe_configs([configpath_or_obj])
        return load(configpath_or_obj, filetype)

    load_checked.spinrelax_guarded = True  # type: ignore[attr-defined]
    module._load_configfile = load_checked


class _GuardLoader(Loader):
    """Runs the real loader of the config module, then wraps its config loader."""

    def __init__(self, loader: Loader) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self.loader.exec_module(module)
        _guard(module)


class _GuardFinder(MetaPathFinder):
    """Finds the config module with the other finders and hands it to :class:`_GuardLoader`."""

    def find_spec(self, name, path, target=None):
        if name != CONFIG_MODULE:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(name, path, target)
            if spec is not None and spec.loader is not None:
                spec.loader = _GuardLoader(spec.loader)
                return spec
        return None


def install() -> None:
    """Check every config file Snakemake loads in this interpreter (idempotent)."""
    if CONFIG_MODULE in sys.modules:
        _guard(sys.modules[CONFIG_MODULE])
    elif not any(isinstance(f, _GuardFinder) for f in sys.meta_path):
        sys.meta_path.insert(0, _GuardFinder())


#: File in the environment's site-packages that runs :func:`install` at interpreter start-up.
STARTUP_FILE = "spinrelax_config_guard.pth"
STARTUP_LINE = "import spinrelax.pipeline.snakemake_guard as g; g.install()\n"


def write_startup_file() -> Path:
    """Write :data:`STARTUP_FILE` into this interpreter's site-packages; return its path."""
    import sysconfig

    path = Path(sysconfig.get_paths()["purelib"]) / STARTUP_FILE
    path.write_text(STARTUP_LINE, encoding="utf-8")
    return path
