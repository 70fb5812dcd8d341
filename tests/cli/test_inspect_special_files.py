"""``inspect`` on files that are not regular files: refused with one line, never read (a FIFO
without writer would block forever, a device has no end)."""

import os

from spinrelax.cli import main


def test_inspect_dev_null_is_refused_as_a_device(capsys):
    assert main(["inspect", "/dev/null"]) == 2
    err = capsys.readouterr().err
    assert "/dev/null: is a character device, not a regular file" in err
    assert "no such file" not in err and err.count("\n") == 1


def test_inspect_fifo_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "run.dat"
    os.mkfifo(fifo)
    assert main(["inspect", str(fifo)]) == 2
    assert f"{fifo}: is a FIFO (named pipe), not a regular file" in capsys.readouterr().err
