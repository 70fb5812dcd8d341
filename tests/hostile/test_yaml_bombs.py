"""A "billion laughs" config (nested aliases), a recursive alias and an oversized file are
refused in well under a second with one line, before Snakemake expands them (today's loaders
expand the bomb to gigabytes)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.safe_yaml import MAX_YAML_BYTES, MAX_YAML_NODES, check_yaml_text, load_yaml


def billion_laughs(levels: int = 9) -> str:
    """Nine levels of nine aliases each: 9**9 (387 million) strings from under 500 bytes."""
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


CASES = {
    "bomb.yaml": (billion_laughs(), "YAML aliases expand to more than"),
    "recursive.yaml": ("a: &x [1, *x]\n", "YAML aliases expand to more than"),
    "huge.yaml": ("k: " + "x" * (MAX_YAML_BYTES + 10) + "\n", "larger than the"),
}


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_workflow_refuses_a_yaml_bomb_in_one_line(run_workflow, tmp_path, name):
    body, message = CASES[name]
    workdir = tmp_path / "run"
    workdir.mkdir()
    config = workdir / name
    config.write_text(body)
    before = _files(workdir)
    done = run_workflow(workdir, ["-n"], config)
    assert done.returncode == 1, done.stderr
    refusals = [line for line in done.stderr.splitlines() if "refused" in line]
    assert len(refusals) == 1 and message in refusals[0], done.stderr
    assert "Traceback" not in done.stderr
    assert _files(workdir) == before


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_package_loader_refuses_a_yaml_bomb_in_well_under_a_second(tmp_path, name):
    body, message = CASES[name]
    path = tmp_path / name
    path.write_text(body)
    start = time.perf_counter()
    with pytest.raises(InputFormatError, match=message) as err:
        load_yaml(path)
    assert time.perf_counter() - start < 0.5
    assert str(err.value).startswith(f"{path}") and "\n" not in str(err.value)


def test_shared_aliases_below_the_cap_are_data():
    """Aliases are legal YAML; only their expansion is capped."""
    levels = 4  # 9**4 = 6561 strings, well under the cap
    assert 9**levels < MAX_YAML_NODES
    check_yaml_text(billion_laughs(levels), "ok.yaml")
