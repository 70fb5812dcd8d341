"""``inspect`` on files that are not regular files (issue case: ``/dev/null`` said "no such
file")."""

from spinrelax.cli import main


def test_inspect_dev_null_says_the_file_is_empty(capsys):
    assert main(["inspect", "/dev/null"]) == 2
    err = capsys.readouterr().err
    assert "/dev/null: empty file" in err and "no such file" not in err
