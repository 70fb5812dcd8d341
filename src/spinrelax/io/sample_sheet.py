"""The sample sheet: one validated row per measured sample, for any compound.

Required columns are what every ac measurement has: ``sample_id``, ``instrument`` and
``raw_glob`` (the ac files). Everything else is optional: ``dc_glob`` and ``waveform_glob``
(the sample's DC decay and waveform files, joined to its tau series), mass, molar mass and diamagnetic terms
(without them the sample runs in the file's unit, with a warning in the ingest log); the paper
columns ``x_Er``, ``enrichment_167Er``, ``form``, ``easy_axis_angle_deg`` (read only by paper
rules); per-sample settings (:data:`SETTING_COLUMNS`: spectrum model and weighting, rate-law
terms, window, fixed parameters and weights). Validated against
``workflow/schemas/samples.schema.yaml`` (the workflow loads the sheet with this loader) with
errors naming file, line and column. Numeric cells are parsed here so that a typo ("12,4")
gives a clear message rather than a silently text-typed column.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd

from spinrelax.errors import InputFormatError
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.safe_yaml import load_yaml
from spinrelax.io.text_lines import read_lines

#: The sheet's schema, shipped with the package (in a checkout a link to the workflow's copy,
#: workflow/schemas/samples.schema.yaml, so there is one file to edit).
SCHEMA_PATH = Path(__file__).with_name("samples.schema.yaml")

#: Per-sample settings (empty = the run's default from config.yaml).
SETTING_COLUMNS: tuple[str, ...] = (
    "model",
    "weighting",
    "rate_law",
    "field_law",
    "rate_global_law",
    "rate_T_min_K",
    "rate_T_max_K",
    "rate_H_min_Oe",
    "rate_H_max_Oe",
    "rate_fixed",
    "rate_sigma",
    "rate_fields_Oe",
)
#: Yes/no columns (``true``/``false``, ``yes``/``no``, ``1``/``0``; empty = not given, None):
#: repeats intended (:mod:`spinrelax.io.duplicates`), files of one sample although their
#: headers differ (:mod:`spinrelax.io.one_compound`).
FLAG_COLUMNS: tuple[str, ...] = ("allow_repeats", "same_sample")
#: Columns of the sample sheet, in order (a sheet may hold any subset that has the required).
SAMPLE_COLUMNS: tuple[str, ...] = (
    "sample_id",
    "compound",
    "x_Er",
    "enrichment_167Er",
    "form",
    "easy_axis_angle_deg",
    "mass_mg",
    "molar_mass_g_per_mol",
    "diamag_sample_emu_per_mol",
    "eicosane_mass_mg",
    "diamag_eicosane_emu_per_g",
    "diamag_holder_emu_per_Oe",
    "instrument",
    "raw_glob",
    "dc_glob",
    "waveform_glob",
    "notes",
    *SETTING_COLUMNS,
    *FLAG_COLUMNS,
)
TEXT_COLUMNS: frozenset[str] = frozenset(
    {"sample_id", "compound", "form", "instrument", "raw_glob", "dc_glob", "waveform_glob",
     "notes", "model", "weighting", "rate_law", "field_law", "rate_global_law", "rate_fixed",
     "rate_sigma", "rate_fields_Oe"}
)  # fmt: skip


@cache
def load_schema(path: str | Path = SCHEMA_PATH) -> dict:
    """The sample-sheet JSON schema (YAML file)."""
    return load_yaml(path)


def load_sample_sheet(path: str | Path, *, schema_path: str | Path = SCHEMA_PATH) -> pd.DataFrame:
    """Read and validate the sample sheet; one row per sample, sorted by ``sample_id``.

    Every column of :data:`SAMPLE_COLUMNS` is in the result (absent or empty cells: NaN for
    numbers, "" for text; an empty ``compound`` is the sample id), plus ``sheet_line``, the
    sample's line in the file. Raises :class:`InputFormatError` naming the file, line and column
    of the first problem (missing or empty file, no sample row, unknown or missing column, a
    value that is not a number, a schema violation, a duplicate ``sample_id``).
    """
    if not Path(path).is_file():
        raise InputFormatError("sample sheet not found (no such file)", file=path)
    lines, _ = read_lines(path)
    numbered = [
        (i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        raise InputFormatError("empty sample sheet", file=path)
    header_line, header = numbered[0]
    columns = [c.strip() for c in header.split("\t")]
    if len(columns) == 1 and "," in header:
        raise InputFormatError(
            "the header has no tab: the sample sheet must be tab separated", file=path,
            line=header_line,
        )  # fmt: skip
    for col in columns:
        if col not in SAMPLE_COLUMNS:
            raise InputFormatError("unknown column", file=path, line=header_line, column=col)
    schema = load_schema(schema_path)
    for col in schema["required"]:
        if col not in columns:
            raise InputFormatError(
                "required column missing", file=path, line=header_line, column=col
            )
    validator = jsonschema.Draft202012Validator(schema)
    records = []
    for lineno, line in numbered[1:]:
        cells = line.split("\t")
        if len(cells) > len(columns):
            raise InputFormatError(
                f"{len(cells)} cells but the header has {len(columns)}", file=path, line=lineno
            )
        cells += [""] * (len(columns) - len(cells))
        record: dict[str, object] = {}
        for col, cell in zip(columns, cells, strict=True):
            cell = cell.strip()
            if cell == "":
                continue
            if col in TEXT_COLUMNS:
                record[col] = cell
                continue
            if col in FLAG_COLUMNS:
                record[col] = _flag(cell, file=path, line=lineno, column=col)
                continue
            try:
                value = float(cell)
            except ValueError:
                hint = " (use a decimal point, not a comma)" if "," in cell else ""
                raise InputFormatError(
                    f"not a number: {cell!r}{hint}", file=path, line=lineno, column=col
                ) from None
            if not math.isfinite(value):
                raise InputFormatError(f"not finite: {cell!r}", file=path, line=lineno, column=col)
            record[col] = value
        error = jsonschema.exceptions.best_match(validator.iter_errors(record))
        if error is not None:
            column = str(error.path[0]) if error.path else None
            raise InputFormatError(error.message, file=path, line=lineno, column=column)
        records.append((lineno, record))
    if not records:
        raise InputFormatError("no sample rows below the header", file=path, line=header_line)
    seen: dict[str, int] = {}
    for lineno, record in records:
        sid = record["sample_id"]
        if sid in seen:
            raise InputFormatError(
                f"duplicate sample_id {sid!r} (first on line {seen[sid]})",
                file=path,
                line=lineno,
                column="sample_id",
            )
        seen[sid] = lineno
    table = {}
    for col in SAMPLE_COLUMNS:
        values = [r.get(col) for _, r in records]
        if col in TEXT_COLUMNS:
            table[col] = pd.Series(["" if v is None else v for v in values], dtype=object)
        elif col in FLAG_COLUMNS:
            table[col] = pd.Series(values, dtype=object)
        else:
            table[col] = np.array([np.nan if v is None else v for v in values], dtype=float)
    sheet = pd.DataFrame(table)
    sheet["compound"] = sheet["compound"].where(sheet["compound"] != "", sheet["sample_id"])
    sheet["sheet_line"] = [lineno for lineno, _ in records]
    return sheet.sort_values("sample_id", kind="stable").reset_index(drop=True)


def _flag(cell: str, *, file: str | Path, line: int, column: str) -> bool:
    """A yes/no cell as a bool (:data:`FLAG_COLUMNS`)."""
    text = cell.strip().lower()
    if text in ("true", "yes", "1"):
        return True
    if text in ("false", "no", "0"):
        return False
    raise InputFormatError(
        f"must be true or false, got {cell!r}", file=file, line=line, column=column
    )


def _optional(value: object) -> float | None:
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )


def sample_metadata(row: pd.Series | dict) -> SampleMetadata:
    """:class:`SampleMetadata` of a sample-sheet row (missing diamagnetic terms count as 0)."""

    def zero(name: str) -> float:
        v = _optional(row.get(name))
        return 0.0 if v is None else v

    return SampleMetadata(
        sample_mass_mg=_optional(row.get("mass_mg")),
        molar_mass_g_per_mol=_optional(row.get("molar_mass_g_per_mol")),
        diamag_sample_emu_per_mol=zero("diamag_sample_emu_per_mol"),
        eicosane_mass_mg=zero("eicosane_mass_mg"),
        diamag_eicosane_emu_per_g=zero("diamag_eicosane_emu_per_g"),
        diamag_holder_emu_per_Oe=zero("diamag_holder_emu_per_Oe"),
    )
