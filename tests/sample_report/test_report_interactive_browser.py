"""The per-sample report's interactive plots in headless Chromium (Playwright, the system
browser), offline: the report of a real MPMS3 file, copied to a hostile file name and given a
hostile sample id, is written twice byte for byte; opened with the network off, it requests
nothing but itself, no script from the name or id runs (they show as text), hovering a point
shows its temperature, frequency and values and the spectrum's fit, hovering a tau point its
tau, error and use, and a spectrum isolated from its key entry, by a click on a point or from
the keyboard fades the others until it is restored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from spinrelax.cli import main
from spinrelax.rates.si_table import format_value
from spinrelax.sample_report.page_policy import page_problems

try:
    from playwright import sync_api
except ImportError:  # pragma: no cover - the marker below skips (or fails in CI)
    sync_api = None

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FILE = "mpms3_ErCOT_I_THF2_ACvsF.dat"
NAME = "<img src=x onerror=window.__pwned=1>.dat"
SAMPLE = "<script>window.__pwned=2</script>"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: Centre of the first point of a plot that is on top where it is drawn (so the mouse hits it).
TOPMOST = """(plot, group = "g[data-k]") => {
  for (const u of document.querySelectorAll(`figure[data-plot="${plot}"] ${group} use`)) {
    const r = u.getBoundingClientRect();
    const [x, y] = [r.left + r.width / 2, r.top + r.height / 2];
    if (document.elementFromPoint(x, y) === u) {
      const g = u.closest("g[data-k]");
      return [x, y, g.dataset.k, [...g.querySelectorAll("use")].indexOf(u)];
    }
  }
  return null;
}"""
#: Keys of the spectrum groups that are faded (opacity below 1) in every plot.
FADED = """() => [...document.querySelectorAll("g[data-k]")]
  .filter(g => getComputedStyle(g).opacity < 1).map(g => g.dataset.k)"""


@pytest.fixture
def report(realdata_dir, tmp_path) -> Path:
    """The report of the real file under the hostile name and sample id (written twice: the
    two pages must be the same bytes)."""
    path = tmp_path / NAME
    shutil.copyfile(realdata_dir / FILE, path)
    pages = []
    for out in ("a", "b"):
        assert main(["report", str(path), "--sample", SAMPLE, "-o", str(tmp_path / out)]) == 0
        pages.append((tmp_path / out / "report.html").read_bytes())
    assert pages[0] == pages[1]
    return tmp_path / "a" / "report.html"


def _tip(page) -> str:
    page.locator("section.ia .tip").wait_for(state="visible")
    return page.locator("section.ia .tip").inner_text()


@pytest.mark.required_in_ci(
    sync_api is None or CHROMIUM is None,
    reason="playwright or chromium is not installed (pip install playwright; apt-get install "
    "chromium)",
)
def test_hover_isolate_offline_and_no_script_from_names(report):
    html = report.read_text(encoding="utf-8")
    assert page_problems(html) == []
    fits = pd.read_csv(report.parent / "tables" / "spectra_fits.csv")
    rates = pd.read_csv(report.parent / "tables" / "rate_points.csv")
    requests: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(offline=True, viewport={"width": 1100, "height": 900})
        context.on("request", lambda r: requests.append(r.url))
        context.route("**/*", lambda r: r.continue_() if r.request.url == report.as_uri()
                      else r.abort())  # fmt: skip
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(report.as_uri())
        page.locator("section.ia").scroll_into_view_if_needed()

        # the hostile name and id are text on the page, and none of their code ran
        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        assert page.locator("img[src=x]").count() == 0
        assert SAMPLE in page.locator("h2").first.inner_text()
        assert NAME in page.locator("body").inner_text()

        # hover a point of chi'': the spectrum's T, H and fit, the point's f, chi', chi''
        section = page.locator("section.ia")
        section.scroll_into_view_if_needed()
        x, y, key, i = page.evaluate(TOPMOST, "chi_imag")
        page.mouse.move(x, y)
        text = _tip(page)
        fit = fits.loc[fits["spectrum"] == int(key)].iloc[0]
        values = page.locator(f'figure[data-plot="chi_real"] g[data-k="{key}"] use').nth(i)
        f, re, im = values.get_attribute("data-v").split(" ")
        assert f"T = {fit['T_K']:.2f} K, H = 0 Oe" in text
        assert f"τ = {format_value(float(fit['tau_s']), float(fit['tau_err_s']))} s" in text
        assert f"f = {f} Hz, χ′ = {re}, χ″ = {im} emu mol⁻¹" in text
        assert fit["f_min_Hz"] * 0.999 <= float(f) <= fit["f_max_Hz"] * 1.001
        # hover a tau point: T, tau with its error, used or not
        x, y, tau_key, _ = page.evaluate(TOPMOST, "tau_vs_inverse_T")
        page.mouse.move(x, y)
        text = _tip(page)
        row = rates.loc[rates["spectrum"] == int(tau_key)].iloc[0]
        assert f"T = {row['T_K']:.2f} K" in text and "τ = " in text and "1σ" in text
        assert ("used in the rate-law fit" if row["used"] else "not used") in text

        # isolate from the key, restore by a second press
        n_spectra = len(fits)
        button = page.locator(f'.key button[data-k="{key}"]')
        button.click()
        faded = page.evaluate(FADED)
        assert key not in faded and len(set(faded)) == n_spectra - 1
        assert button.get_attribute("aria-pressed") == "true"
        button.click()
        assert page.evaluate(FADED) == []
        # isolate by clicking a point, restore with Esc and with "show all"
        x, y, key, _ = page.evaluate(TOPMOST, "cole_cole")
        page.mouse.click(x, y)
        assert len(set(page.evaluate(FADED))) == n_spectra - 1
        page.keyboard.press("Escape")
        assert page.evaluate(FADED) == []
        page.mouse.click(x, y)
        page.locator(".key button.all").click()
        assert page.evaluate(FADED) == []
        # from the keyboard: focus a key entry (its fit shows), Enter isolates it
        first = page.locator(".key button[data-k]").first
        first.focus()
        assert "T = " in _tip(page)
        page.keyboard.press("Enter")
        assert first.get_attribute("aria-pressed") == "true"
        assert len(set(page.evaluate(FADED))) == n_spectra - 1

        assert page.evaluate("() => typeof window.__pwned") == "undefined"
        browser.close()
    assert requests == [report.as_uri()]
    assert errors == []


@pytest.mark.required_in_ci(
    sync_api is None or CHROMIUM is None,
    reason="playwright or chromium is not installed (pip install playwright; apt-get install "
    "chromium)",
)
def test_open_markers_of_unusable_fits_hover_too(realdata_dir, tmp_path):
    """K18c6: the 12 K fit is not usable (grey open markers); the centre of an open marker
    still shows its values."""
    path = realdata_dir / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"
    assert main(["report", str(path), "-o", str(tmp_path / "out")]) == 0
    report = tmp_path / "out" / "report.html"
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_context(offline=True, viewport={"width": 1100, "height": 900}).new_page()
        page.goto(report.as_uri())
        page.locator("section.ia").scroll_into_view_if_needed()
        x, y, _, _ = page.evaluate(f"([p, g]) => ({TOPMOST})(p, g)", ["chi_imag", 'g[fill="none"]'])
        page.mouse.move(x, y)
        text = _tip(page)
        browser.close()
    assert "T = 12.00 K" in text and "not usable" in text and "f = " in text
