"""Report safety and reproducibility: hostile strings cannot run script; two reports compare equal.

A tiny workflow whose config string, input file name and sample id (a wildcard) hold
``</script><img src=x onerror=...>`` payloads makes one report item; ``snakemake --report``
writes the page, :func:`spinrelax.pipeline.report_html.canonical` (what ``make report`` applies) rewrites
it. In headless Chromium (Debian's ``chromium``, offline) the raw page runs the payloads (the
attack is real, so the test can fail) and the canonical page does not, yet still renders.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from spinrelax.pipeline.manifest import build_manifest, write_manifest
from spinrelax.pipeline.report_check import check_report, compare_reports, report_results
from spinrelax.pipeline.report_html import canonical, harden, script_breakouts

#: The payloads build the marker at run time, so the word never appears in the page's source.
MARK = "PWN" + "ED"
CODES = ",".join(str(ord(c)) for c in MARK)


def _payload(k: int) -> str:
    return f"</script><img src=x onerror='document.title=String.fromCharCode({CODES})+{k}'>"


SNAKEFILE = textwrap.dedent(
    """
    report: "report/workflow.rst"
    SAMPLE = config["sample"]

    rule all:
        input: f"results/{{SAMPLE}}/table.csv"

    rule table:
        input: config["raw"]
        output: report("results/{{sample}}/table.csv", caption="report/table.rst", category="T")
        params: label=config["label"]
        log: "results/logs/{{sample}}.log"
        shell: "{python} -c 'import shutil, sys; shutil.copy(sys.argv[1], sys.argv[2])' {{input:q}} {{output:q}}"
    """
)


def _make_report(root: Path) -> Path:
    """Run the hostile workflow in ``root`` and write its (raw) report."""
    (root / "report").mkdir(parents=True)
    (root / "report/workflow.rst").write_text("Hostile strings test.\n")
    (root / "report/table.rst").write_text("A table.\n")
    raw = root / "data" / _payload(2) / "raw.csv"
    raw.parent.mkdir(parents=True)
    raw.write_text("a,b\n1,2\n")
    (root / "Snakefile").write_text(SNAKEFILE.format(python=sys.executable))
    config = [f"label={_payload(1)}", f"raw={raw}", f"sample={_payload(3)}"]
    smk = [sys.executable, "-m", "snakemake", "--cores", "1", "--nolock", "--config", *config]
    subprocess.run(smk, cwd=root, check=True, capture_output=True)
    subprocess.run([*smk, "--report", "report.html"], cwd=root, check=True, capture_output=True)
    return root / "report.html"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(root, raw report) of the hostile workflow."""
    root = tmp_path_factory.mktemp("hostile")
    return root, _make_report(root)


def test_the_raw_snakemake_report_holds_script_breakouts(hostile):
    _, report = hostile
    assert len(script_breakouts(report.read_text())) >= 3  # config, file name, sample id


def test_canonical_report_has_no_breakout_and_the_same_data(hostile, tmp_path):
    root, report = hostile
    raw = report.read_text()
    safe = tmp_path / "report.html"
    safe.write_text(canonical(raw, root))
    assert script_breakouts(safe.read_text()) == []
    items = report_results(safe)
    assert items == {
        k.replace(f"{root.resolve()}/", ""): v for k, v in report_results(report).items()
    }
    params = [item["job_properties"]["params"] for item in items.values()]
    assert any(_payload(1) in p for p in params)  # shown as text
    manifest = build_manifest(list(report_results(report)), root=root)
    assert check_report(safe, manifest, root=root) == []
    assert any("script injection" in p for p in check_report(report, manifest))


def test_harden_keeps_every_data_block_value():
    page = '<script id="results">\n    var results = {"a": "</script><!-- & >"};\n    </script>'
    hardened = harden(page)
    assert "</script><!--" not in hardened.split("var results = ", 1)[1].split(";")[0]
    assert report_value(hardened) == report_value(page) == {"a": "</script><!-- & >"}


def report_value(page: str) -> dict:
    import json

    text = page.split("var results = ", 1)[1]
    return json.JSONDecoder().raw_decode(text)[0]


def test_two_reports_of_the_same_inputs_are_equal_when_canonical(hostile, tmp_path):
    """A second run in another folder (other absolute paths, other times) gives the same page."""
    root, report = hostile
    other_root = tmp_path / "elsewhere"
    other = _make_report(other_root)
    assert report.read_text() != other.read_text()  # runtimes, time stamps, paths differ
    assert compare_reports(report, other, first_root=root, second_root=other_root) == []
    assert canonical(report.read_text(), root) == canonical(other.read_text(), other_root)
    # a changed input is still a difference
    changed = tmp_path / "changed.html"
    changed.write_text(other.read_text().replace("A table.", "A tablE."))
    assert compare_reports(report, changed, first_root=root, second_root=other_root) != []


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def _render(page: Path, profile: Path) -> str:
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--virtual-time-budget=10000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


@pytest.mark.required_in_ci(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium to run this)"
)
def test_no_script_runs_in_a_headless_browser(hostile, tmp_path):
    root, report = hostile
    raw_dom = _render(report, tmp_path / "p1")
    assert MARK in raw_dom  # control: the attack works on the page as Snakemake writes it
    safe = tmp_path / "safe.html"
    safe.write_text(canonical(report.read_text(), root))
    dom = _render(safe, tmp_path / "p2")
    assert MARK not in dom
    body = dom[dom.find("<body") :]
    text = " ".join(
        re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", body, flags=re.S)).split()
    )
    assert "Results" in text and "Workflow" in text  # the page still renders


REPO = Path(__file__).resolve().parents[2]


def test_the_scripts_finalise_and_check_a_report(hostile, tmp_path):
    """scripts/finalise_report.py (what `make report` runs) writes the canonical page;
    scripts/check_report.py fails on the raw page (script injection) and passes the final one."""
    root, report = hostile
    page = tmp_path / "report.html"
    shutil.copy(report, page)
    manifest = tmp_path / "manifest.tsv"
    write_manifest(build_manifest(list(report_results(report)), root=root), manifest)
    check = [sys.executable, str(REPO / "scripts" / "check_report.py"), str(page), str(manifest)]
    raw = subprocess.run([*check, "--root", str(root)], capture_output=True, text=True)
    assert raw.returncode == 1 and "PROBLEM script injection" in raw.stdout
    finalise = [sys.executable, str(REPO / "scripts" / "finalise_report.py"), str(page)]
    subprocess.run([*finalise, "--root", str(root)], check=True)
    assert page.read_text() == canonical(report.read_text(), root)
    done = subprocess.run([*check, "--root", str(root)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout
