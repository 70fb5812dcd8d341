"""Files as read (issue 21, item 5): non-regular files are refused with one line at once (a FIFO
without writer used to block ``spinrelax inspect`` forever), dangling links are named with
their target, and the sha256 in the ingest summary is that of exactly the bytes parsed."""

import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spinrelax.cli import main
from spinrelax.errors import InputFormatError
from spinrelax.io import text_lines
from spinrelax.io.ingest import ingest_sample
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.raw_files import glob_files
from spinrelax.io.segmentation import SegmentationSettings


@pytest.mark.parametrize("command", ["inspect", "fit-ac", "report", "fit-dc", "fit-waveform"])
def test_a_fifo_is_refused_at_once(tmp_path, command):
    fifo = tmp_path / "run.dat"
    os.mkfifo(fifo)
    out = ["-o", str(tmp_path / "out")] if command in ("report", "fit-dc", "fit-waveform") else []
    args = [str(fifo), *out]
    proc = subprocess.run(
        [sys.executable, "-m", "spinrelax", command, *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        f"spinrelax {command}: error: {fifo}: is a FIFO (named pipe), not a regular file: "
        "only files on disk are read (copy the data to a file first)"
    ]
    assert not (tmp_path / "out").exists()


def test_a_device_is_refused(capsys):
    assert main(["fit-ac", "/dev/zero"]) == 2
    assert "/dev/zero: is a character device, not a regular file" in capsys.readouterr().err


def test_a_dangling_link_is_named_with_its_target(tmp_path, capsys):
    link = tmp_path / "run.dat"
    link.symlink_to(tmp_path / "gone.dat")
    assert main(["inspect", str(link)]) == 2
    err = capsys.readouterr().err
    assert f"{link}: dangling symbolic link: its target '{tmp_path / 'gone.dat'}'" in err


def test_a_glob_matching_a_dangling_link_or_a_fifo_says_so(tmp_path):
    (tmp_path / "a.dat").symlink_to("gone.dat")
    with pytest.raises(InputFormatError, match="dangling symbolic link matched by .*'gone.dat'"):
        glob_files(str(tmp_path / "*.dat"))
    (tmp_path / "a.dat").unlink()
    os.mkfifo(tmp_path / "b.dat")
    with pytest.raises(InputFormatError, match="b.dat: matched by .* not a regular file"):
        glob_files(str(tmp_path / "*.dat"))


def test_the_hash_is_of_the_bytes_parsed_even_when_the_file_grows(
    tmp_path, realdata_dir, monkeypatch
):
    """The instrument appends a row every time the file is opened: the summary's sha256 must
    be that of the bytes the reader decoded, not of an earlier or later state."""
    path = tmp_path / "run.dat"
    shutil.copy(realdata_dir / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat", path)
    original = path.read_bytes()
    last = original.splitlines(keepends=True)[-1]
    real_os_open, real_io_open = os.open, io.open

    def grow(target):
        if Path(target) == path:
            with real_io_open(path, "ab") as fh:
                fh.write(last.replace(b",", b", ", 1))

    def os_open(target, *args, **kwargs):
        fd = real_os_open(target, *args, **kwargs)
        grow(target)
        return fd

    def io_open(target, *args, **kwargs):
        fh = real_io_open(target, *args, **kwargs)
        if not isinstance(target, int):
            grow(target)
        return fh

    decoded = []
    real_decode = text_lines.decode_text

    def spy(raw, *, file):
        decoded.append(raw)
        return real_decode(raw, file=file)

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(io, "open", io_open)
    monkeypatch.setattr("builtins.open", io_open)
    monkeypatch.setattr(text_lines, "decode_text", spy)
    meta = SampleMetadata(sample_mass_mg=10.0, molar_mass_g_per_mol=3000.0)
    result = ingest_sample("S", [(path, "run.dat")], meta, SegmentationSettings(), "molar_cgs")
    monkeypatch.undo()
    assert len(decoded) == 1
    assert result.summary["sha256"].iloc[0] == hashlib.sha256(decoded[0]).hexdigest()
    assert len(decoded[0]) > len(original)  # the file grew while it was read
