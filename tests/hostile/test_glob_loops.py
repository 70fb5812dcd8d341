"""Globs never follow a folder link into a loop and finish quickly on any tree (issue 21,
item 1): ``glob.glob`` followed ``loop -> .`` under ``**`` (one file read 41 times) and took
exponential time with two such links (the workflow's startup check hung)."""

import time

import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.raw_files import glob_files
from spinrelax.pipeline.startup_checks import startup_problems


def _tree(root):
    raw = root / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "A.dat").write_text("a\n")
    (raw / "sub" / "B.dat").write_text("b\n")
    return raw


def test_a_plain_tree_matches_like_glob(tmp_path):
    raw = _tree(tmp_path)
    assert glob_files(str(raw / "**" / "*.dat")) == [str(raw / "A.dat"), str(raw / "sub" / "B.dat")]
    assert glob_files(str(raw / "*.dat")) == [str(raw / "A.dat")]
    assert glob_files(str(raw / "**")) == [str(raw / "A.dat"), str(raw / "sub" / "B.dat")]


def test_a_linked_folder_reached_once_is_searched(tmp_path):
    raw = _tree(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "C.dat").write_text("c\n")
    (raw / "ext").symlink_to(elsewhere)
    assert str(raw / "ext" / "C.dat") in glob_files(str(raw / "**" / "*.dat"))


def test_two_loops_stop_at_once_naming_the_link(tmp_path):
    raw = _tree(tmp_path)
    (raw / "loop").symlink_to(".")
    (raw / "sub" / "up").symlink_to("..")
    start = time.perf_counter()
    problems = startup_problems(
        {"samples": "s.tsv"},
        {"S": {"form": "", "raw_glob": str(raw / "**" / "*.dat")}},
        tmp_path,
        "/usr/bin/python3",
        paper_sheet=False,
    )
    assert time.perf_counter() - start < 1.0
    assert len(problems) == 1, problems
    assert f"sample 'S': raw_glob: {raw / 'loop'}: " in problems[0]
    assert f"reaches the folder '{raw}' a second time through the link" in problems[0]
    assert f"{raw / 'A.dat'} as {raw / 'loop' / 'A.dat'}" in problems[0]


def test_a_wide_tree_of_links_finishes_quickly(tmp_path):
    raw = _tree(tmp_path)
    for i in range(12):  # each folder links to every other: glob.glob would never finish
        (raw / "sub" / f"l{i}").symlink_to("..")
        (raw / f"m{i}").symlink_to("sub")
    start = time.perf_counter()
    with pytest.raises(InputFormatError, match="a second time through the link"):
        glob_files(str(raw / "**" / "*.dat"))
    assert time.perf_counter() - start < 1.0
