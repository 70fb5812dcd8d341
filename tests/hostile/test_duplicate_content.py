"""The same content reached twice through ``spinrelax report``/``fit-ac`` stops the command
naming every path (issue 21, item 1): a symbolic link, the same path twice, a path through a
``loop -> .`` link, a byte copy, a copy whose TITLE line differs, the same block twice inside one
file. Each case: exit 2, one line naming the paths, no output written or changed."""

import os
import shutil
from pathlib import Path

import pytest

from spinrelax.cli import main

K18C6 = "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"


@pytest.fixture
def raw(tmp_path, realdata_dir) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(realdata_dir / K18C6, folder / "A.dat")
    return folder


def _retitled(src: Path, dst: Path) -> Path:
    text = src.read_bytes().replace(b"TITLE,\r\n", b"TITLE,second look\r\n", 1)
    text = text.replace(b"TITLE,\n", b"TITLE,second look\n", 1)
    assert text != src.read_bytes()
    dst.write_bytes(text)
    return dst


def _repeated_block(src: Path, dst: Path, n_rows: int = 30) -> Path:
    lines = src.read_bytes().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.strip() == b"[Data]") + 2
    dst.write_bytes(b"".join(lines + lines[start : start + n_rows]))
    return dst


def _cases(raw: Path) -> dict[str, tuple[list[Path], list[str]]]:
    """case -> (files given, strings the error must name)."""
    a = raw / "A.dat"
    (raw / "latest.dat").symlink_to("A.dat")
    (raw / "loop").symlink_to(".")
    shutil.copy(a, raw / "A (1).dat")
    _retitled(a, raw / "A_retitled.dat")
    _repeated_block(a, raw / "R.dat")
    return {
        "symlink": ([a, raw / "latest.dat"], ["one file is given 2 times", "A.dat", "latest.dat"]),
        "same path twice": ([a, a], ["one file is given 2 times"]),
        "loop": ([a, raw / "loop" / "A.dat"], ["one file is given 2 times", "loop/A.dat"]),
        "copy": ([a, raw / "A (1).dat"], ["2 files hold the same data rows", "A (1).dat"]),
        "title only": ([a, raw / "A_retitled.dat"], ["same data rows", "A_retitled.dat"]),
        "block in one file": ([raw / "R.dat"], ["30 data row(s) repeat earlier rows", "R.dat:"]),
    }


@pytest.mark.parametrize(
    "case", ["symlink", "same path twice", "loop", "copy", "title only", "block in one file"]
)
@pytest.mark.parametrize("command", ["report", "fit-ac"])
def test_repeated_content_stops_the_command(raw, tmp_path, capsys, case, command):
    files, names = _cases(raw)[case]
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("earlier report")
    target = ["-o", str(out)] if command == "report" else ["-o", str(out / "fits.csv")]
    assert main([command, *map(str, files), *target]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    for name in names:
        assert name in err, err
    assert sorted(os.listdir(out)) == ["report.html"]  # nothing written
    assert (out / "report.html").read_text() == "earlier report"  # nothing changed


def test_a_link_is_never_a_repeat_even_with_allow_repeats(raw, tmp_path, capsys):
    (raw / "latest.dat").symlink_to("A.dat")
    args = ["report", str(raw / "A.dat"), str(raw / "latest.dat"), "--allow-repeats"]
    assert main([*args, "-o", str(tmp_path / "out")]) == 2
    assert "one file is given 2 times" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_allowed_copy_is_kept_as_a_repeat_and_said_in_the_report(raw, tmp_path):
    a = raw / "A.dat"
    copy = _retitled(a, raw / "A_repeat.dat")
    assert main(["fit-ac", str(a), "-o", str(tmp_path / "one.csv")]) == 0
    out = tmp_path / "out"
    assert main(["report", str(a), str(copy), "--allow-repeats", "-o", str(out)]) == 0
    one = (tmp_path / "one.csv").read_text().count("\n")
    fits = (out / "tables" / "spectra_fits.csv").read_text()
    assert fits.count("\n") == 2 * one - 1  # each file keeps its own spectra
    assert fits.count("A_repeat.dat") == one - 1
    assert (
        "--allow-repeats: repeated files, rows or points were kept"
        in (out / "report.html").read_text()
    )
