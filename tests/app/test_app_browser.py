"""``spinrelax app`` driven in headless Chromium (Playwright, the system browser): on a real MPMS3
file one spectrum and two points are excluded by clicking, the rate law is switched and the
choices saved; the settings file holds exactly those choices, ``spinrelax report --settings``
rewrites the tables the app saved byte for byte and matches the tables the page showed, and the
report lists the excluded points with their reason."""

from __future__ import annotations

import math
import os
import shutil
import signal
import socket
import subprocess
import sys

import pandas as pd
import pytest
import yaml

pytest.importorskip("bokeh")
sync_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FILE = "mpms3_ErCOT_I_THF2_ACvsF.dat"
SAMPLE = "mpms3_ErCOT_I_THF2_ACvsF"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
READY = "() => window.Bokeh && Bokeh.documents.length > 0 && Bokeh.documents[0].get_model_by_name('chi_imag') !== null"
DATA = "name => Bokeh.documents[0].get_model_by_name(name).data"
TABLE = "name => Bokeh.documents[0].get_model_by_name(name).source.data"
STATUS = "() => Bokeh.documents[0].get_model_by_name('status').text"
#: Page position of a data point (x, y) of the chi'' plot.
WHERE = """([x, y]) => {
  const v = Bokeh.index.get_one(Bokeh.documents[0].get_model_by_name('chi_imag'));
  const r = v.canvas_view.el.getBoundingClientRect();
  return [r.left + v.frame.x_scale.compute(x), r.top + v.frame.y_scale.compute(y)];
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def app(realdata_dir, tmp_path, request):
    """The app on the real file (or a copy named by the test's ``param``), serving on a free
    local port; yields (url, settings, report)."""
    port = _free_port()
    settings, report = tmp_path / "s.yaml", tmp_path / "saved"
    path = realdata_dir / FILE
    if getattr(request, "param", None):
        path = tmp_path / request.param
        shutil.copyfile(realdata_dir / FILE, path)
    cmd = [sys.executable, "-m", "spinrelax", "app", str(path), "--no-browser",
           "--port", str(port), "--settings", str(settings), "--report-dir", str(report)]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, text=True,
                            start_new_session=True)  # fmt: skip
    try:
        line = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line, line
        yield f"http://127.0.0.1:{port}/", settings, report
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def _wait(page, condition: str, arg=None, timeout_ms: int = 120_000) -> None:
    page.wait_for_function(condition, arg=arg, timeout=timeout_ms)


def _status(page, text: str) -> None:
    _wait(page, f"t => ({STATUS})().includes(t)", text)


def _choose(select, prefix: str) -> None:
    """Pick the option of a Bokeh select whose label starts with ``prefix``."""
    labels = select.locator("option").all_inner_texts()
    select.select_option(label=next(label for label in labels if label.startswith(prefix)))


def _click_point(page, k: int) -> tuple[float, float, float]:
    """Tap the k-th shown point of chi''; returns its (T, H, f)."""
    d = page.evaluate(DATA, "points_used")
    x, y = page.evaluate(WHERE, [d["f_Hz"][k], d["chi_imag"][k]])
    page.mouse.click(x, y)
    return d["T_K"][k], d["H_Oe"][k], d["f_Hz"][k]


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")
def test_exclude_switch_save_and_report_reproduces(app, realdata_dir, tmp_path):
    url, settings, saved = app
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.goto(url, timeout=120_000)
        _wait(page, READY)
        _status(page, "18 spectra fitted")
        spectrum, law = page.locator("select[name=spectrum]"), page.locator("select[name=law]")
        # isolate the coldest spectrum (5 K) and exclude it with a reason
        _choose(spectrum, "17:")
        _wait(page, f"() => ({DATA})('points_used').f_Hz.length == 30")
        page.locator("input.bk-input").first.fill("peak below the window")
        page.locator("input.bk-input").first.press("Enter")
        page.get_by_role("button", name="Exclude / restore this spectrum").click()
        _status(page, "1 spectra, 0 points")
        # isolate the warmest spectrum; hover reads T, H and f; exclude two points by tapping
        _choose(spectrum, "0:")
        _wait(page, f"() => ({DATA})('points_used').f_Hz.length == 30")
        d = page.evaluate(DATA, "points_used")
        page.mouse.move(*page.evaluate(WHERE, [d["f_Hz"][3], d["chi_imag"][3]]))
        page.get_by_text("f (Hz)").first.wait_for(timeout=30_000)
        page.locator("input.bk-input").first.fill("spike")
        page.locator("input.bk-input").first.press("Enter")
        first = _click_point(page, 4)
        _status(page, "1 spectra, 1 points")
        second = _click_point(page, 10)
        _status(page, "1 spectra, 2 points")
        law.select_option("raman")
        _wait(page, f"() => ({TABLE})('parameters_table').law.every(l => l == 'raman')")
        shown = page.evaluate(TABLE, "parameters_table")
        shown_rejected = page.evaluate(TABLE, "rejected_table")
        page.get_by_role("button", name="Save settings and report").click()
        _status(page, "saved")
        browser.close()

    # (a) the settings hold exactly those choices
    block = yaml.safe_load(settings.read_text())["sample_settings"][SAMPLE]
    assert block["rates"] == {"law": "raman"}
    (spec,) = block["acsus"]["exclude_spectra"]
    assert spec["reason"] == "peak below the window" and abs(spec["T_K"] - 5.0) < 0.01
    points = block["acsus"]["exclude_points"]
    assert [(p["T_K"], p["H_Oe"], p["f_Hz"], p["reason"]) for p in points] == [
        (*first, "spike"), (*second, "spike")]  # fmt: skip
    # (b) report --settings reproduces the tables the app saved and showed
    again = tmp_path / "again"
    subprocess.run([sys.executable, "-m", "spinrelax", "report", str(realdata_dir / FILE),
                    "-o", str(again), "--settings", str(settings)], check=True)  # fmt: skip
    names = sorted(p.name for p in (saved / "tables").glob("*.csv"))
    assert "rejected_rows.csv" in names and "rate_law_parameters.csv" in names
    for name in names:
        assert (again / "tables" / name).read_bytes() == (saved / "tables" / name).read_bytes()
    params = pd.read_csv(again / "tables" / "rate_law_parameters.csv")
    assert params["parameter"].tolist() == shown["parameter"]
    for a, b in zip(params["value"], shown["value"], strict=True):
        assert (b is None and math.isnan(a)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=0)
    rejected = pd.read_csv(again / "tables" / "rejected_rows.csv")
    assert rejected["line"].tolist() == shown_rejected["line"]
    assert rejected["reason"].tolist() == shown_rejected["reason"]
    # (c) the report lists the excluded points with their reason
    user = rejected.loc[rejected["reason"].str.startswith("excluded by the user (point")]
    assert len(user) == 2 and user["reason"].str.endswith(": spike").all()
    html = (again / "report.html").read_text()
    assert "Excluded by the user" in html and html.count("): spike") == 2
    assert html.count("): peak below the window") == 1


HOSTILE = "<img src=x onerror=alert(1)>.dat"


@pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine")
@pytest.mark.parametrize("app", [HOSTILE], indirect=True)
def test_no_script_from_a_file_name_runs(app):
    url, _, _ = app
    dialogs = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url, timeout=120_000)
        _wait(page, READY)
        _status(page, "18 spectra fitted")
        page.get_by_text(HOSTILE.removesuffix(".dat"), exact=False).first.wait_for()
        assert page.locator("img[src=x]").count() == 0
        d = page.evaluate(DATA, "points_used")
        page.mouse.move(*page.evaluate(WHERE, [d["f_Hz"][3], d["chi_imag"][3]]))
        page.get_by_text("f (Hz)").first.wait_for(timeout=30_000)
        browser.close()
    assert dialogs == []
