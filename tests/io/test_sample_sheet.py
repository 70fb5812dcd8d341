"""Sample sheet: schema validation with file/line/column errors; agreement with common.smk."""

import numpy as np
import pandas as pd
import pytest
from snakemake.utils import validate

from spinrelax.errors import InputFormatError
from spinrelax.io.sample_sheet import (
    SAMPLE_COLUMNS,
    SCHEMA_PATH,
    load_sample_sheet,
    sample_metadata,
)

HEADER = "\t".join(SAMPLE_COLUMNS)
ROW_A = "ErW10_x1\tErW10\t1\t0.2287\tcrystal\t42\t\t3098.5\t-1.1e-3\t0\t\t\tMPMS3\tdata/raw/acsus/x1_*.dat\tcrystal"
ROW_B = "ErW10_x0.25\tEr0.25Y0.75W10\t0.25\t0.2287\tpowder\t\t26.3\t3000\t-1e-3\t5.2\t-8.6e-7\t-2e-9\tMPMS3\tdata/raw/acsus/x025*.dat\t"


def _write(tmp_path, *rows, header=HEADER):
    p = tmp_path / "samples.tsv"
    p.write_text("# sample sheet\n" + "\n".join([header, *rows]) + "\n")
    return p


def test_valid_sheet_sorted_and_typed(tmp_path):
    sheet = load_sample_sheet(_write(tmp_path, ROW_A, ROW_B))
    assert list(sheet["sample_id"]) == ["ErW10_x0.25", "ErW10_x1"]
    assert list(sheet.columns) == [*SAMPLE_COLUMNS, "sheet_line"]
    assert list(sheet["sheet_line"]) == [4, 3]
    assert np.isnan(sheet.loc[1, "mass_mg"])
    meta = sample_metadata(sheet.loc[0])
    assert meta.sample_mass_mg == 26.3 and meta.eicosane_mass_mg == 5.2
    assert sample_metadata(sheet.loc[1]).sample_mass_mg is None
    assert sample_metadata(sheet.loc[1]).diamag_holder_emu_per_Oe == 0.0


def test_same_schema_accepts_sheet_via_snakemake_validate(tmp_path):
    """snakemake.utils.validate accepts a valid sheet under the schema the package loader uses
    (the workflow loads the sheet with that loader; the schema stays usable on its own)."""
    p = _write(tmp_path, ROW_A, ROW_B)
    sheet = pd.read_csv(p, sep="\t", comment="#", dtype={"sample_id": str})
    validate(sheet, str(SCHEMA_PATH))


@pytest.mark.parametrize(
    ("row", "line", "column", "match"),
    [
        (ROW_B.replace("\t0.25\t", "\tquarter\t", 1), 3, "x_Er", "not a number"),
        (ROW_B.replace("powder", "pellet"), 3, "form", "pellet"),
        (ROW_B.replace("\t26.3\t", "\t-1\t"), 3, "mass_mg", "-1"),
        (ROW_B.replace("MPMS3", "VSM"), 3, "instrument", "VSM"),
        (ROW_B.replace("ErW10_x0.25", "bad id"), 3, "sample_id", "does not match"),
    ],
)
def test_bad_cells_name_file_line_column(tmp_path, row, line, column, match):
    p = _write(tmp_path, row)
    with pytest.raises(InputFormatError, match=match) as err:
        load_sample_sheet(p)
    assert (err.value.line, err.value.column) == (line, column)
    assert str(p) in str(err.value)


def test_duplicate_and_unknown_columns(tmp_path):
    with pytest.raises(InputFormatError, match="duplicate sample_id"):
        load_sample_sheet(_write(tmp_path, ROW_A, ROW_A))
    with pytest.raises(InputFormatError, match="unknown column") as err:
        load_sample_sheet(_write(tmp_path, ROW_A, header=HEADER.replace("notes", "remarks")))
    assert err.value.column == "remarks"
    with pytest.raises(InputFormatError, match="required column missing"):
        load_sample_sheet(_write(tmp_path, header=HEADER.replace("raw_glob\t", "")))


def test_any_compound_needs_only_id_instrument_and_files(tmp_path):
    p = tmp_path / "mine.tsv"
    p.write_text("sample_id\tinstrument\traw_glob\tmass_mg\trate_law\trate_fixed\n"
                 "Dy1\tMPMS3\tdata/dy1_*.dat\t\torbach+raman\tn=9\n")  # fmt: skip
    sheet = load_sample_sheet(p)
    row = sheet.loc[0]
    assert row["compound"] == "Dy1"  # labels default to the id
    assert np.isnan(row["x_Er"]) and row["form"] == "" and np.isnan(row["mass_mg"])
    assert row["rate_law"] == "orbach+raman" and row["rate_fixed"] == "n=9"
    assert sample_metadata(row).sample_mass_mg is None


@pytest.mark.parametrize(
    ("text", "match", "line"),
    [
        ("", "empty sample sheet", None),
        ("sample_id\tinstrument\traw_glob\n", "no sample rows below the header", 1),
        ("sample_id,instrument,raw_glob\nA,MPMS3,x\n", "must be tab separated", 1),
        ("sample_id\tinstrument\traw_glob\tmass_mg\nA\tMPMS3\tx\t12,4\n", "use a decimal point", 2),
        ("sample_id\tinstrument\traw_glob\tweighting\nA\tMPMS3\tx\tsome\n", "some", 2),
    ],
)  # fmt: skip
def test_clear_messages_for_bad_sheets(tmp_path, text, match, line):
    p = tmp_path / "s.tsv"
    p.write_text(text)
    with pytest.raises(InputFormatError, match=match) as err:
        load_sample_sheet(p)
    assert err.value.line == line


def test_missing_sheet(tmp_path):
    with pytest.raises(InputFormatError, match="sample sheet not found"):
        load_sample_sheet(tmp_path / "nope.tsv")
