"""The Snakemake HTML report: every figure and table embedded, captions present, works offline.

A tiny workflow in a temporary folder makes one figure (with the project's deterministic saver)
and one table, then ``snakemake --report``; the report is checked with
``spinrelax.pipeline.report_check`` and, when Debian's chromium is installed, rendered headless with the
network disabled.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import textwrap

import pandas as pd
import pytest

from spinrelax.errors import InputFormatError
from spinrelax.pipeline.manifest import build_manifest
from spinrelax.pipeline.report_check import (
    check_report,
    embedded_bytes,
    remote_references,
    report_categories,
    report_results,
)

OUTPUTS = ["results/figures/fig.png", "results/tables/fit.csv"]

SNAKEFILE = textwrap.dedent(
    """
    report: "report/workflow.rst"

    rule all:
        input: {outputs}

    rule figure:
        output: report("results/figures/fig.png", caption="report/fig.rst", category="Paper 1")
        log: "results/logs/figure.log"
        shell:
            "{python} -c 'import matplotlib.pyplot as plt; "
            "from spinrelax.figures.style import save_figure; "
            "fig, ax = plt.subplots(); ax.plot([1, 2], [3, 1]); save_figure(fig, \\"{{output}}\\")'"

    rule table:
        output: report("results/tables/fit.csv", caption="report/fit.rst", category="Tables")
        log: "results/logs/table.log"
        shell: "printf 'sample_id,tau_s\\\\ns1,1e-3\\\\n' > {{output}}"
    """
)


@pytest.fixture(scope="module")
def small_report(tmp_path_factory):
    """(workdir, report path, manifest) of a two-output workflow and its report."""
    root = tmp_path_factory.mktemp("reportwf")
    (root / "report").mkdir()
    (root / "report/workflow.rst").write_text("Test workflow.\n")
    (root / "report/fig.rst").write_text("Relaxation time versus temperature (paper 1, Fig. 2).\n")
    (root / "report/fit.rst").write_text("Fitted relaxation times.\n")
    (root / "Snakefile").write_text(
        SNAKEFILE.format(outputs=", ".join(repr(o) for o in OUTPUTS), python=sys.executable)
    )
    smk = [sys.executable, "-m", "snakemake", "--cores", "1", "--nolock"]
    subprocess.run(smk, cwd=root, check=True, capture_output=True)
    subprocess.run([*smk, "--report", "report.html"], cwd=root, check=True, capture_output=True)
    return root, root / "report.html", build_manifest(OUTPUTS, root=root)


def test_every_output_is_embedded_with_its_bytes_and_caption(small_report):
    root, report, manifest = small_report
    assert check_report(report, manifest) == []
    results = report_results(report)
    assert sorted(results) == OUTPUTS
    for path in OUTPUTS:
        assert embedded_bytes(results[path]) == (root / path).read_bytes()
    assert "Fig. 2" in results["results/figures/fig.png"]["caption"]
    assert results["results/figures/fig.png"]["mime_type"] == "image/png"


def test_categories_are_listed(small_report):
    _, report, _ = small_report
    categories = report_categories(report)
    assert set(categories) == {"Paper 1", "Tables"}
    assert [p for sub in categories["Paper 1"].values() for p in sub] == [OUTPUTS[0]]


def test_the_report_loads_nothing_from_the_network(small_report):
    _, report, _ = small_report
    assert remote_references(report) == []


def test_an_output_missing_from_the_report_is_reported(small_report, tmp_path):
    root, report, manifest = small_report
    extra = tmp_path / "results/figures/extra.pdf"
    extra.parent.mkdir(parents=True)
    extra.write_bytes(b"%PDF-1.4\n")
    more = pd.concat([manifest, build_manifest(["results/figures/extra.pdf"], root=tmp_path)])
    assert check_report(report, more) == ["results/figures/extra.pdf: not in the report"]


def test_a_stale_report_is_detected(small_report):
    _, report, manifest = small_report
    changed = manifest.copy()
    changed.loc[changed["path"] == OUTPUTS[1], "sha256"] = "0" * 64
    assert check_report(report, changed) == [
        f"{OUTPUTS[1]}: embedded bytes differ from the file (stale report?)"
    ]


def test_remote_resources_are_flagged(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<img src="https://example.org/x.png"><link href="//cdn.x/y.css">')
    assert len(remote_references(page)) == 2


def test_a_page_that_is_not_a_snakemake_report_raises(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><body>hello</body></html>")
    with pytest.raises(InputFormatError, match="not a Snakemake report"):
        report_results(page)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.required_in_ci(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium to run this)"
)
def test_the_report_renders_offline_in_a_headless_browser(small_report, tmp_path):
    _, report, _ = small_report
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--host-resolver-rules=MAP * ~NOTFOUND",  # no network: the page must be offline
            "--virtual-time-budget=10000",
            "--dump-dom",
            report.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    body = done.stdout[done.stdout.find("<body") :]
    text = " ".join(
        re.sub(r"<[^>]+>", " ", re.sub(r"<script.*?</script>", "", body, flags=re.S)).split()
    )
    # the React app has rendered the navigation, listing every report category
    for word in ("Results", "Paper 1", "Tables", "Workflow"):
        assert word in text


def test_a_report_item_missing_from_the_manifest_is_reported_unless_exempt(small_report):
    _, report, manifest = small_report
    only_table = manifest[manifest["path"] == OUTPUTS[1]]
    assert check_report(report, only_table) == [
        f"{OUTPUTS[0]}: in the report but not in the manifest"
    ]
    assert check_report(report, only_table, exempt=[OUTPUTS[0]]) == []


def test_intermediate_data_need_not_be_in_the_report(small_report, tmp_path):
    _, report, manifest = small_report
    interim = tmp_path / "results/interim/spectra.csv"
    interim.parent.mkdir(parents=True)
    interim.write_text("a\n1\n")
    more = pd.concat([manifest, build_manifest(["results/interim/spectra.csv"], root=tmp_path)])
    assert check_report(report, more) == []
