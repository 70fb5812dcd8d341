"""Truncated rows: a row shorter than the header, or a cut last line, is rejected, never used.

The case behind it: a file copied while the instrument was still writing it ended in a row
whose ``freq_Hz`` read 4.6 instead of 4.6416; the required columns were present, so the row
was used.
"""

import numpy as np
import pandas as pd
import pytest

from spinrelax.io.readers import read_ac_file
from spinrelax.io.rows import parse_rows
from spinrelax.io.text_lines import read_text_file

COLUMNS = ["Comment", "Temperature (K)", "Frequency (Hz)", "X (emu)", "Err (emu)"]
QUANTITIES = {"T_K": "Temperature (K)", "freq_Hz": "Frequency (Hz)", "real": "X (emu)"}
REQUIRED = ["T_K", "freq_Hz", "real"]


def test_a_row_shorter_than_the_header_is_rejected_even_with_the_required_columns():
    lines = [(3, ",2.0,4.6416,1.0,0.1"), (4, ",2.0,4.6")]  # cut inside freq_Hz
    parsed = parse_rows(lines, COLUMNS, QUANTITIES, REQUIRED)
    assert parsed.points["line"].tolist() == [3]
    assert parsed.rejected == [(4, "truncated row: 3 fields but the header has 5 columns")]
    assert parsed.rows_read == 2


def test_a_short_comment_row_keeps_its_reason():
    parsed = parse_rows(
        [(3, "sample moved,,")], COLUMNS, QUANTITIES, REQUIRED, comment_column="Comment"
    )
    assert parsed.rejected == [(3, "comment row: sample moved")]


@pytest.mark.parametrize(
    ("last", "used"),
    [
        (",2.0,4.6416,1.0,0.1", False),  # last field non-empty: it may be cut
        (",2.0,4.6416,1.0,", True),  # complete: only an empty, unread field could be cut
        (",2.0,4.6416,1.0,,", True),  # extra empty field (MPMS-XL style)
    ],
)
def test_the_unterminated_last_line_is_used_only_when_nothing_read_can_be_cut(last, used):
    lines = [(3, ",2.0,1.0,1.0,0.1"), (4, last)]
    parsed = parse_rows(lines, COLUMNS, QUANTITIES, REQUIRED, unterminated_line=4)
    assert (4 in parsed.points["line"].tolist()) is used
    if not used:
        line, reason = parsed.rejected[0]
        assert line == 4 and reason.startswith(
            "last line has no line break and its last field '0.1'"
        )
    # the same line with a line break after it is a complete row
    assert parse_rows(lines, COLUMNS, QUANTITIES, REQUIRED).points["line"].tolist() == [3, 4]


def test_an_unterminated_last_line_holding_a_read_column_is_rejected():
    columns = ["Comment", "Temperature (K)", "Frequency (Hz)", "X (emu)"]
    lines = [(3, ",2.0,1.0,1.0"), (4, ",2.0,1.0,")]  # empty X: a cut may have removed it
    parsed = parse_rows(lines, columns, QUANTITIES, ["T_K", "freq_Hz"], unterminated_line=4)
    assert parsed.points["line"].tolist() == [3]
    assert parsed.rejected[0][0] == 4


@pytest.mark.parametrize(
    ("raw", "final"),
    [(b"", True), (b"a", False), (b"a\n", True), (b"a\r", True), (b"a\r\nb", False)],
)
def test_final_line_break_is_detected(tmp_path, raw, final):
    path = tmp_path / "f.csv"
    path.write_bytes(raw)
    text = read_text_file(path)
    assert text.final_line_break is final
    assert text.unterminated_line == (None if final else len(text.lines))


def test_the_reported_case_a_file_copied_mid_write(tmp_path, points, raw_writer):
    path = tmp_path / "run.dat"
    raw_writer("MPMS3", path, points)
    raw = path.read_bytes()
    last = raw.rstrip(b"\r\n").rfind(b"\r\n") + 2  # start of the last row
    freq_cell = raw.index(b",1000,", last) + 3  # "1000" -> "10": the frequency is cut
    path.write_bytes(raw[:freq_cell])
    data = read_ac_file(path)
    assert len(data.points) == len(points) - 1
    assert data.rows_read == data.rows_used + data.rows_rejected
    assert data.rejected["reason"].iloc[-1].startswith("truncated row: ")
    assert data.rejected["line"].iloc[-1] not in set(data.points["line"])
    assert data.points["freq_Hz"].iloc[-1] == 100.0  # the row before the cut one


@pytest.mark.parametrize("fmt", ["MPMS3", "PPMS_ACMS", "MPMS_XL", "tidy"])
def test_a_file_cut_anywhere_in_its_last_rows_never_yields_a_changed_value(
    tmp_path, fmt, points, raw_writer
):
    """Cut the file at every byte of its last two rows: each used row equals the intact row."""
    path = tmp_path / "run.dat"
    raw_writer(fmt, path, points)
    raw = path.read_bytes()
    intact = read_ac_file(path).points.set_index("line")
    body = raw.rstrip(b"\r\n")
    start = body[: body.rfind(b"\n")].rfind(b"\n") + 1
    cut_file = tmp_path / "cut.dat"
    n_rejected_cut = 0
    for end in range(start, len(raw) + 1):
        cut_file.write_bytes(raw[:end])
        data = read_ac_file(cut_file)
        assert data.rows_read == data.rows_used + data.rows_rejected
        used = data.points.set_index("line")
        pd.testing.assert_frame_equal(used, intact.loc[used.index], check_exact=True)
        n_rejected_cut += int(data.rejected["reason"].str.contains("truncated|no line break").any())
    assert n_rejected_cut > (len(raw) - start) // 2
    assert np.isfinite(intact.to_numpy(dtype=float)[:, :3]).all()
