"""The command dispatcher: sub-commands, version, exit code 2 with one line for bad input."""

import subprocess
import sys

import pytest

from spinrelax import __version__
from spinrelax.cli import build_parser, main


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
