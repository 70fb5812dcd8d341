"""One version everywhere a release names it, and the release files a citation needs."""

import re
import tomllib
from pathlib import Path

import yaml

import spinrelax

REPO = Path(__file__).resolve().parents[1]
VERSION = spinrelax.__version__


def test_pyproject_takes_the_package_version():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "spinrelax.__version__"}


def test_citation_names_this_version_and_licence():
    cff = yaml.safe_load((REPO / "CITATION.cff").read_text())
    assert cff["version"] == VERSION
    assert cff["license"] == "MIT"
    assert cff["cff-version"] == "1.2.0"
    assert "MIT License" in (REPO / "LICENSE").read_text()


def test_changelog_has_this_release_in_keep_a_changelog_form():
    text = (REPO / "CHANGELOG.md").read_text()
    assert "keepachangelog.com" in text and "semver.org" in text.lower()
    releases = re.findall(r"^## \[([^\]]+)\]", text, re.MULTILINE)
    assert releases[:2] == ["Unreleased", VERSION]
    section = text.split(f"## [{VERSION}]")[1].split("\n## [")[0]
    assert re.search(r"### (Added|Changed|Fixed)", section)


def test_readme_install_and_deploy_blocks_name_this_version():
    readme = (REPO / "README.md").read_text()
    named = set(re.findall(r"spinrelax-(\d+\.\d+\.\d+)", readme)) | set(
        re.findall(r"--branch v(\d+\.\d+\.\d+)", readme)
    )
    assert named == {VERSION}
    for block in ("install", "deploy", "run", "cite"):
        assert f"<!-- ci: {block} -->" in readme
