"""Bad DC decay and waveform files: fit-dc, fit-waveform and inspect stop with exit code 2 and
one stderr line naming the file and the reason, and write nothing (issue 18).

The hostile files are made from the real DC decay file (tests/data/realdata) and from the
virtual waveform instrument; each command gets a good file first, so that a partial output
would show.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from spinrelax.cli import main
from spinrelax.simulate.waveform_instrument import (
    ColeColeTruth,
    WaveformInstrument,
    generate_waveform_files,
)

REAL_DC = Path(__file__).parents[1] / "data" / "realdata" / "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat"
TRUTH = ColeColeTruth(4.0, 3.0, 0.1, 1e-5, 1e-4)
MOMENTS = ("DC Moment Free Ctr (emu)", "DC Moment Fixed Ctr (emu)")


def _dc_rows(edit: Callable[[list[str], dict[str, int]], None], keep: int | None = None):
    """Lines of the real DC file with ``edit(fields, column index)`` applied to every data row
    (the first ``keep`` rows only, when given)."""
    lines = REAL_DC.read_text(encoding="latin-1").splitlines()
    head = lines.index("[Data]") + 1
    col = {n: i for i, n in enumerate(lines[head].split(","))}
    rows = lines[head + 1 :] if keep is None else lines[head + 1 : head + 1 + keep]
    out = lines[: head + 1]
    for row in rows:
        fields = row.split(",")
        edit(fields, col)
        out.append(",".join(fields))
    return out


def _set(names: tuple[str, ...], value: str):
    def edit(fields: list[str], col: dict[str, int]) -> None:
        for n in names:
            fields[col[n]] = value

    return edit


def _write(path: Path, lines: list[str], end: str = "\n") -> Path:
    path.write_text("\n".join(lines) + end, encoding="latin-1")
    return path


def _waveform(folder: Path, inst: WaveformInstrument | None = None, freqs=(0.1,)) -> Path:
    inst = inst or WaveformInstrument()
    return generate_waveform_files([TRUTH], list(freqs), folder, inst, seed=3)[0]


def _dc_constant(tmp: Path) -> Path:
    return _write(tmp / "constant.dat", _dc_rows(_set(MOMENTS, "0.05")))


def _dc_field_on(tmp: Path) -> Path:
    return _write(tmp / "field_on.dat", _dc_rows(_set(("Magnetic Field (Oe)",), "1000")))


def _dc_truncated(tmp: Path) -> Path:
    return _write(tmp / "truncated.dat", _dc_rows(lambda f, c: None, keep=8))


def _wf_one_period(tmp: Path) -> Path:
    return _waveform(tmp / "one", WaveformInstrument(periods=1))


def _wf_cut_mid_period(tmp: Path) -> Path:
    lines = _waveform(tmp / "cut", freqs=(0.01, 0.1)).read_text().splitlines()
    return _write(tmp / "cut_mid_period.dat", lines[: lines.index("[Data]") + 2 + 1025 + 500])


def _wf_cut_last_line(tmp: Path) -> Path:
    text = _waveform(tmp / "cutline").read_text()
    last = text.rindex("\n", 0, len(text) - 1)
    (tmp / "cut_last_line.dat").write_text(text[: last + 30])
    return tmp / "cut_last_line.dat"


def _wf_cut_inside_moment(tmp: Path) -> Path:
    """The last line ends inside its moment: '1.74629e-05' read as '1.74' would be a number."""
    text = _waveform(tmp / "cutmoment").read_text()
    last = text.rindex("\n", 0, len(text) - 1) + 1
    moment_end = [i for i, c in enumerate(text[last:]) if c == ","][4]
    (tmp / "cut_moment.dat").write_text(text[: last + moment_end - 4])
    return tmp / "cut_moment.dat"


def _wf_no_drive(tmp: Path) -> Path:
    return _waveform(tmp / "flat", WaveformInstrument(drive_Oe=0.0))


def _empty(tmp: Path) -> Path:
    (tmp / "empty.dat").write_bytes(b"")
    return tmp / "empty.dat"


def _binary(tmp: Path) -> Path:
    (tmp / "binary.dat").write_bytes(bytes(range(256)) * 8)
    return tmp / "binary.dat"


def _wrong_columns(tmp: Path) -> Path:
    return _write(tmp / "columns.dat", ["[Header]", "TITLE,x", "[Data]", "Time,Foo,Bar", "1,2,3"])


# (case, file maker, command -> expected reason) ; a command left out accepts or cannot tell
CASES = [
    ("dc constant moment", _dc_constant, {"fit-dc": "no decay", "inspect": "no decay"}),
    (
        "dc field never off",
        _dc_field_on,
        {"fit-dc": "field never switched off", "inspect": "field never switched off"},
    ),
    (
        "dc truncated decay",
        _dc_truncated,
        {"fit-dc": "truncated decay block", "inspect": "truncated decay block"},
    ),
    (
        "waveform one period",
        _wf_one_period,
        {"fit-waveform": "0 whole drive period", "inspect": "0 whole drive period"},
    ),
    (
        "waveform cut mid-period",
        _wf_cut_mid_period,
        {"fit-waveform": "block truncated or too short", "inspect": "block truncated"},
    ),
    (
        "waveform cut last line",
        _wf_cut_last_line,
        {"fit-waveform": "the file ends inside this line", "inspect": "ends inside this line"},
    ),
    (
        "waveform moment cut in the last line",
        _wf_cut_inside_moment,
        {"fit-waveform": "the file ends inside this line", "inspect": "ends inside this line"},
    ),
    ("waveform without drive", _wf_no_drive, {"fit-waveform": "does not oscillate"}),
    (
        "waveform given to fit-dc",
        _waveform,
        {"fit-dc": "'Moment (emu)' holds readings (a VSM measurement: fit-waveform"},
    ),
    ("dc given to fit-waveform", _dc_constant, {"fit-waveform": "not a VSM waveform file"}),
    (
        "empty file",
        _empty,
        {c: "empty file" for c in ("fit-dc", "fit-waveform", "inspect")},
    ),
    ("binary file", _binary, {c: "binary content" for c in ("fit-dc", "fit-waveform", "inspect")}),
    (
        "wrong columns",
        _wrong_columns,
        {
            "fit-dc": "not a DC magnetisation file",
            "fit-waveform": "not a VSM waveform file",
            "inspect": "missing from the [Data] column header",
        },
    ),
]
RUNS = [
    pytest.param(make, command, reason, id=f"{case}-{command}")
    for case, make, expect in CASES
    for command, reason in expect.items()
]


@pytest.mark.parametrize(("make", "command", "reason"), RUNS)
def test_bad_file_one_line_exit_2_nothing_written(make, command, reason, tmp_path, capsys):
    bad = make(tmp_path)
    good = REAL_DC if command == "fit-dc" else _waveform(tmp_path / "good")
    out, rejected = tmp_path / "out" / "table.csv", tmp_path / "out" / "rejected.csv"
    argv = [command, str(good), str(bad)]
    if command != "inspect":
        argv += ["-o", str(out), "--rejected", str(rejected)]
    code = main(argv)
    said = capsys.readouterr()
    lines = said.err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"spinrelax {command}: error: {bad}")
    assert reason in lines[0]
    if command == "inspect":
        assert str(bad) not in said.out  # the good file is shown, the bad one is not
    else:
        assert said.out == "" and not out.exists() and not rejected.exists()


def test_a_dc_file_cut_inside_its_last_line_lists_that_row_as_rejected(tmp_path, capsys):
    """As for ac files (tests/io/test_truncated_rows.py): the cut last reading is not used and
    is listed with its reason; the decays before it are fitted."""
    text = REAL_DC.read_text(encoding="latin-1").rstrip("\n")
    cut = tmp_path / "cut.dat"
    cut.write_text(text[:-200], encoding="latin-1")
    n_lines = len(text.splitlines())
    out, rejected = tmp_path / "t.csv", tmp_path / "r.csv"
    assert main(["fit-dc", str(cut), "-o", str(out), "--rejected", str(rejected)]) == 0
    assert f"{n_lines},truncated row" in rejected.read_text()
    assert len(out.read_text().splitlines()) == 6  # header + one row per decay
