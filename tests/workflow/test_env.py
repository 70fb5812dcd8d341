"""workflow/envs/spinrelax.yaml installs the released package at this version (never the checkout),
with the dependencies of pyproject.toml."""

import re
import tomllib
from pathlib import Path

import yaml

import spinrelax

REPO = Path(__file__).resolve().parents[2]
ENV = REPO / "workflow" / "envs" / "spinrelax.yaml"


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_env_installs_the_release_of_this_version():
    env = yaml.safe_load(ENV.read_text())
    pips = [d for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert len(pips) == 1
    assert not [p for p in pips[0]["pip"] if p.startswith("-e") or "/" in p]  # no checkout path
    assert f"spinrelax[workflow]=={spinrelax.__version__}" in pips[0]["pip"]


def test_env_dependencies_agree_with_pyproject():
    """Conda or pip packages the env lists besides the package itself must be pyproject deps
    (the package's own install brings the rest), and Python must satisfy requires-python."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    allowed = {_name(r) for r in project["dependencies"]}
    for extra in project.get("optional-dependencies", {}).values():
        allowed |= {_name(r) for r in extra}
    env = yaml.safe_load(ENV.read_text())
    listed = []
    for d in env["dependencies"]:
        if isinstance(d, str):
            listed.append(d)
        else:
            listed += [p for p in d["pip"] if _name(p) != "spinrelax"]
    names = {_name(d) for d in listed} - {"python", "pip"}
    assert names <= allowed, names - allowed
    python = next(d for d in listed if _name(d) == "python")
    required = project["requires-python"].replace(" ", "")
    assert required in python.replace(" ", "")
