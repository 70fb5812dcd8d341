"""The command dispatcher: sub-commands, version, exit code 2 with one line for bad input."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spinrelax import __version__
from spinrelax.cli import build_parser, main

REPO = Path(__file__).resolve().parents[2]


def test_version(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_every_subcommand_is_registered():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert {"inspect", "fit-ac", "fit-deflection"} <= set(sub.choices)


def test_missing_file_gives_exit_2_and_one_line(tmp_path):
    missing = tmp_path / "nope.dat"
    proc = subprocess.run(
        [sys.executable, "-m", "spinrelax", "inspect", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "nope.dat" in lines[0] and "Traceback" not in proc.stderr


def test_closed_stdout_pipe_stops_quietly(tmp_path):
    """`spinrelax fit-ac FILE | head -1`: no traceback when the reader goes away."""
    shipped = REPO / "data" / "raw" / "acsus" / "Er050_powder_ACMS.dat"
    # 40 x 18 rows (~200 kB): more than a pipe buffer holds, so the writer must hit the closed pipe
    copies = [tmp_path / f"run{i}.dat" for i in range(40)]
    for copy in copies:
        shutil.copy(shipped, copy)
    proc = subprocess.Popen(
        [sys.executable, "-m", "spinrelax", "fit-ac", "--allow-repeats", *map(str, copies)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert proc.stdout.readline().startswith(b"file,spectrum,T_K,T_span_K,H_Oe")
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in stderr
