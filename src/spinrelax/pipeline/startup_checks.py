"""Checks the workflow runs at startup, after the JSON-schema validation of the configuration.

The schema checks each value on its own; :func:`config_problems` checks what it cannot:

- names that must exist: ``acsus.fig3_sample`` and ``acsus.scorecard_sample`` in the sample
  sheet, ``spin.default_variant`` and ``relaxation.spin_variant`` among ``spin.variants``,
  ``clusters.baseline_condition``, ``clusters.hot_condition`` and each
  ``clusters.fig3_conditions`` among the condition
  labels of the deflection files, ``clusters.calibration_file`` (when given) a file;
- ranges that must be ordered (lower < upper): ``acsus.equilibrium.cw_T_min_K/cw_T_max_K``,
  ``relaxation.fit.arrhenius_window_K``, ``relaxation.fit.full_law_window_K``,
  ``relaxation.master_equation.b44_window_K``, ``T_line_min_K/T_line_max_K``,
  ``clusters.relaxation_figure.T_min_K/T_max_K`` and the ``min``/``max`` grids of ``spin:``;
- selections that must not be empty: the sample sheet, samples of
  ``relaxation.plateau.series_form``, the deflection files of ``clusters.raw_dir``.

The paper names (the two samples, the series form, the cluster conditions and files) are
checked for a *paper run* only: the default target, ``all``, ``paper1`` or ``paper2``. A run of
the generic stages on one's own sample sheet (README, "Your own data") names other samples and
needs none of them.

:func:`path_problems` checks the paths Snakemake will see: ``<name>`` in a path is a Snakemake
*path variable* (``<results>`` is silently replaced, an unknown one stops the run with
``UndefinedPathvarException``), so no raw file, config path or checkout folder may hold one;
and Snakemake starts each script job as ``<python> script`` without quoting the interpreter,
so an interpreter path with a space (or another shell character) makes every job exit 127.

:func:`startup_problems` returns every problem as one line naming the config key or file;
:func:`check_startup` raises :class:`~spinrelax.errors.SpinrelaxError` with all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from spinrelax.errors import SpinrelaxError
from spinrelax.io.raw_files import matching_raw_files

#: Snakemake's path-variable syntax (snakemake.pathvars.PATHVAR_REGEX).
PATHVAR = re.compile(r"<[a-z][a-z0-9_]*>")
#: Characters that split or change an unquoted shell word (the interpreter path).
_SHELL_SPECIAL = frozenset(" \t\n'\"\\$`;&|<>()*?[]{}!")
#: ``<element><size>_<condition>.csv`` -> condition (e.g. ``T25K_6bar_optimized``).
_CONDITION = re.compile(r"^[A-Z][a-z]?\d+_(?P<condition>.+)\.csv$")


def _get(config: Mapping, key: str) -> Any:
    value: Any = config
    for part in key.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _ordered(config: Mapping, low_key: str, high_key: str | None = None) -> list[str]:
    """Problem when the range is not increasing: a [low, high] pair at ``low_key``, or two
    keys, or a {min, max} mapping."""
    value = _get(config, low_key)
    if high_key is not None:
        low, high = value, _get(config, high_key)
        message = f"config {low_key} ({low!r}) must be below {high_key} ({high!r})"
    elif isinstance(value, Mapping):
        low, high = value.get("min"), value.get("max")
        message = f"config {low_key}: min ({low!r}) must be below max ({high!r})"
    elif isinstance(value, Sequence) and len(value) == 2:
        low, high = value
        message = f"config {low_key} must be [lower, upper] with lower < upper, got {list(value)}"
    else:
        return []
    return [] if low is None or high is None or low < high else [message]


def _sample_named(config: Mapping, key: str, sample_ids: Sequence[str], sheet: str) -> list[str]:
    name = _get(config, key)
    if name is None or name in sample_ids:
        return []
    have = ", ".join(sorted(sample_ids)[:12]) + (", ..." if len(sample_ids) > 12 else "")
    return [f"config {key}: {name!r} is not a sample_id of {sheet} (have: {have})"]


def deflection_conditions(files: Iterable[str | Path]) -> set[str]:
    """Condition labels of deflection file names ``<element><size>_<condition>.csv``."""
    found = set()
    for f in files:
        if m := _CONDITION.match(Path(f).name):
            found.add(m.group("condition"))
    return found


def config_problems(
    config: Mapping,
    sample_ids: Sequence[str],
    sample_forms: Sequence[str],
    deflection_files: Sequence[str | Path],
    repo: str | Path,
    *,
    paper_run: bool = True,
) -> list[str]:
    """Cross-field problems of a schema-valid ``config`` (module docstring), one line each;
    the paper names only when ``paper_run``."""
    sheet = str(config.get("samples", "the sample sheet"))
    problems: list[str] = []
    if not sample_ids:
        problems.append(f"config samples: {sheet} lists no sample")
    if paper_run:
        for key in ("acsus.fig3_sample", "acsus.scorecard_sample"):
            problems += _sample_named(config, key, sample_ids, sheet)
    variants = _get(config, "spin.variants") or {}
    for key in ("spin.default_variant", "relaxation.spin_variant"):
        name = _get(config, key)
        if name is not None and name not in variants:
            problems.append(
                f"config {key}: {name!r} is not a variant of spin.variants "
                f"(have: {', '.join(sorted(variants))})"
            )
    problems += _ordered(config, "acsus.equilibrium.cw_T_min_K", "acsus.equilibrium.cw_T_max_K")
    for key in (
        "relaxation.fit.arrhenius_window_K",
        "relaxation.fit.full_law_window_K",
        "relaxation.master_equation.b44_window_K",
        "spin.Hz_sweep_Oe",
        "spin.tunnel_H_perp_Oe",
        "spin.temperature_K",
    ):
        problems += _ordered(config, key)
    problems += _ordered(
        config, "relaxation.master_equation.T_line_min_K", "relaxation.master_equation.T_line_max_K"
    )
    problems += _ordered(
        config, "clusters.relaxation_figure.T_min_K", "clusters.relaxation_figure.T_max_K"
    )
    form = _get(config, "relaxation.plateau.series_form")
    if paper_run and form is not None and sample_ids and form not in sample_forms:
        problems.append(
            f"config relaxation.plateau.series_form: no sample of {sheet} has form {form!r}"
        )
    if paper_run:
        problems += _cluster_problems(config, deflection_files, repo)
    return problems


def _cluster_problems(config: Mapping, files: Sequence[str | Path], repo: str | Path) -> list[str]:
    clusters = config.get("clusters")
    if not isinstance(clusters, Mapping):
        return []
    problems = []
    calibration = clusters.get("calibration_file")
    if calibration and not (Path(repo) / calibration).is_file():
        problems.append(f"config clusters.calibration_file: {calibration!r} is not a file")
    if not files:
        problems.append(f"config clusters.raw_dir: no *.csv file in {clusters.get('raw_dir')!r}")
        return problems
    conditions = deflection_conditions(files)
    have = ", ".join(sorted(conditions))
    wanted = [
        (f"clusters.{key}", clusters.get(key)) for key in ("baseline_condition", "hot_condition")
    ]
    wanted += [("clusters.fig3_conditions", c) for c in clusters.get("fig3_conditions") or []]
    for key, name in wanted:
        if name is not None and name not in conditions:
            problems.append(
                f"config {key}: {name!r} is not the condition of any file in "
                f"{clusters.get('raw_dir')!r} (have: {have})"
            )
    return problems


def path_problems(
    paths: Mapping[str, Iterable[str | Path]], interpreter: str, checkout: str | Path
) -> list[str]:
    """Problems of the paths Snakemake will see (module docstring): ``paths`` maps what they
    are (e.g. ``"raw file of sample X"``) to the paths."""
    problems = []
    if any(c in _SHELL_SPECIAL for c in interpreter):
        problems.append(
            f"the Python interpreter path {interpreter!r} holds a space or shell character: "
            "Snakemake starts script jobs with it unquoted, so every job would fail (exit "
            "127). Move the checkout (and its .venv) to a path without spaces, or create the "
            "environment there: python3 -m venv /path/without/spaces/venv"
        )
    if m := PATHVAR.search(str(Path(checkout).resolve())):
        problems.append(
            f"the checkout folder {str(checkout)!r} holds {m.group()!r}, which Snakemake reads "
            "as a path variable: move the checkout to a folder without '<name>' in its path"
        )
    for what, items in paths.items():
        for p in items:
            if m := PATHVAR.search(str(p)):
                problems.append(
                    f"{what} {str(p)!r} holds {m.group()!r}, which Snakemake reads as a path "
                    "variable (<results> is replaced, an unknown one stops the run): rename it "
                    "without '<' and '>'"
                )
    return problems


def raw_files(
    raw_globs: Mapping[str, str], repo: str | Path, problems: list[str] | None = None
) -> dict[str, list[str]]:
    """Files matched by each sample's ``raw_glob`` (relative to ``repo`` unless absolute); a
    glob that cannot be expanded safely (a folder reached twice through a link, a dangling
    link, a FIFO: :func:`~spinrelax.io.raw_files.glob_files`) adds its line to ``problems``
    and matches nothing."""
    found = {}
    for sample, pattern in raw_globs.items():
        try:
            found[sample] = matching_raw_files(pattern, repo)
        except SpinrelaxError as exc:
            found[sample] = []
            if problems is not None:
                problems.append(f"sample {sample!r}: raw_glob: {exc}")
    return found


def startup_problems(
    config: Mapping,
    samples: Mapping[str, Mapping[str, str]],
    repo: str | Path,
    interpreter: str,
    *,
    targets: Iterable[str] = (),
    paper_sheet: bool = True,
) -> list[str]:
    """Every startup problem: ``samples`` maps sample_id -> {"form", "raw_glob"} (the sheet);
    ``targets`` are the requested targets (empty: the default target); ``paper_sheet`` says
    whether the sheet is the papers' sheet (see :func:`is_paper_run`)."""
    repo = Path(repo)
    clusters = config.get("clusters") or {}
    raw_dir = repo / clusters["raw_dir"] if clusters.get("raw_dir") else None
    deflection = sorted(str(p) for p in raw_dir.glob("*.csv")) if raw_dir is not None else []
    glob_problems: list[str] = []
    by_sample = raw_files({s: row["raw_glob"] for s, row in samples.items()}, repo, glob_problems)
    paths: dict[str, Iterable[str | Path]] = {
        f"raw file of sample {s!r}": files for s, files in by_sample.items()
    }
    paths["config samples"] = [str(config.get("samples", ""))]
    paths["deflection file"] = deflection
    problems = glob_problems + path_problems(paths, interpreter, repo)
    forms = [str(row.get("form")) for row in samples.values()]
    return problems + config_problems(
        config,
        list(samples),
        forms,
        deflection,
        repo,
        paper_run=is_paper_run(targets, paper_sheet=paper_sheet),
    )


def is_paper_run(targets: Iterable[str], *, paper_sheet: bool = True) -> bool:
    """True when ``paper1`` or ``paper2`` is requested, or for the default target / ``all`` on
    the papers' sheet (on any other sheet those make the generic per-sample outputs)."""
    requested = set(targets)
    if requested & {"paper1", "paper2"}:
        return True
    return paper_sheet and (not requested or "all" in requested)


def check_startup(
    config: Mapping,
    samples: Mapping[str, Mapping[str, str]],
    repo: str | Path,
    interpreter: str,
    *,
    targets: Iterable[str] = (),
    paper_sheet: bool = True,
) -> None:
    """Raise :class:`SpinrelaxError` listing every :func:`startup_problems` line."""
    problems = startup_problems(
        config, samples, repo, interpreter, targets=targets, paper_sheet=paper_sheet
    )
    if problems:
        raise SpinrelaxError(
            f"{len(problems)} problem(s) found at startup:\n" + "\n".join(problems)
        )
