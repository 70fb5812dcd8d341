"""Bad input in a workflow job shows one clear line, not a traceback: the ingest of a file that
is not an ac file used to print ~20 lines of package internals before the line naming the file
(spinrelax.pipeline.job_errors). The traceback is kept in the job's log; nothing is written for the
sample."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.workflow

NOT_AC = "[Header]\nTITLE,x\n[Data]\nTime,Temperature (K)\n1,abc\n"


def test_an_ingest_error_is_one_line_with_the_traceback_in_the_log(
    tmp_path, run_workflow, sheet_config
):
    raw = tmp_path / "bad.dat"
    raw.write_text(NOT_AC)
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(f"sample_id\tinstrument\traw_glob\nbad\tMPMS3\t{raw}\n")
    configfile = sheet_config(sheet)
    done = run_workflow(tmp_path, ["results/interim/spectra/bad.parquet"], configfile)
    assert done.returncode == 1
    line = (
        # the file as named in the run: relative to the working folder, where the workflow runs
        f"ingest of sample bad failed: {raw.name}:4: column 'Magnetic Field (Oe)': missing from the "
        "[Data] column header of this MPMS3 file"
    )
    out = done.stdout + done.stderr
    assert out.count(line) == 1, out[-3000:]
    assert "Traceback" not in out and "raise InputFormatError" not in out
    log = (tmp_path / "results/logs/ingest/bad.log").read_text()
    assert log.startswith(line) and "Traceback (most recent call last)" in log
    for output in ("interim/spectra/bad.parquet", "qc/rejected_rows/bad.csv",
                   "qc/ingest_summary/bad.csv"):  # fmt: skip
        assert not (tmp_path / "results" / output).exists()
