"""The sample sheet (``data/samples.tsv``): one validated row per measured sample.

Validated against ``workflow/schemas/samples.schema.yaml`` (the same schema ``common.smk`` uses)
with errors naming file, line and column. Numeric cells are parsed here so that a typo gives a
clear message rather than a silently text-typed column.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import jsonschema
import numpy as np
import pandas as pd
import yaml

from spinrelax.errors import InputFormatError
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.text_lines import read_lines

SCHEMA_PATH = Path(__file__).resolve().parents[3] / "workflow" / "schemas" / "samples.schema.yaml"

#: Columns of the sample sheet, in order.
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
    "notes",
)
TEXT_COLUMNS: frozenset[str] = frozenset(
    {"sample_id", "compound", "form", "instrument", "raw_glob", "notes"}
)


@cache
def load_schema(path: str | Path = SCHEMA_PATH) -> dict:
    """The sample-sheet JSON schema (YAML file)."""
    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def load_sample_sheet(path: str | Path, *, schema_path: str | Path = SCHEMA_PATH) -> pd.DataFrame:
    """Read and validate the sample sheet; one row per sample, sorted by ``sample_id``.

    Empty cells become NaN (numbers) or "" (text). Raises :class:`InputFormatError` naming the
    file, line and column of the first problem (unknown or missing column, a value that is not a
    number, a schema violation, a duplicate ``sample_id``).
    """
    lines, _ = read_lines(path)
    numbered = [
        (i + 1, line) for i, line in enumerate(lines) if line.strip() and not line.startswith("#")
    ]
    if not numbered:
        raise InputFormatError("empty sample sheet", file=path)
    header_line, header = numbered[0]
    columns = [c.strip() for c in header.split("\t")]
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
            try:
                value = float(cell)
            except ValueError:
                raise InputFormatError(
                    f"not a number: {cell!r}", file=path, line=lineno, column=col
                ) from None
            if not math.isfinite(value):
                raise InputFormatError(f"not finite: {cell!r}", file=path, line=lineno, column=col)
            record[col] = value
        error = jsonschema.exceptions.best_match(validator.iter_errors(record))
        if error is not None:
            column = str(error.path[0]) if error.path else None
            raise InputFormatError(error.message, file=path, line=lineno, column=column)
        records.append((lineno, record))
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
        else:
            table[col] = np.array([np.nan if v is None else v for v in values], dtype=float)
    sheet = pd.DataFrame(table)
    return sheet.sort_values("sample_id", kind="stable").reset_index(drop=True)


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
