"""The per-sample report of each real file of the corpus, opened in headless Chromium (offline):
every figure is there and decoded, the per-temperature table lists every spectrum with its QC
state, the captions state the usable and flagged counts of tables/spectra_fits.csv, and every
table fits a narrow page.

The test renders a copy with a small measuring script appended (image widths and table overflow
are written into the DOM that ``--dump-dom`` prints), whose hash it adds to the copy's
Content-Security-Policy (the page's own policy runs only the page's own script).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from spinrelax.cli import main
from spinrelax.sample_report.page_policy import POLICY

REAL_FILES = [
    "mpms3_ErCOT_I_THF2_ACvsF.dat",
    "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat",
    "acms_molmag_0Oe.dat",
]
FIGURES = ["spectra", "cole_cole", "residuals", "spectrum_parameters", "tau_vs_inverse_T",
           "tau_vs_T"]  # fmt: skip
SPECTRUM_FIGURES = FIGURES[:4]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: Narrower than the page's 60em so that tables must fit a small window (or a printed page).
WINDOW_PX = 860
MEASURE = """<script>window.addEventListener("load", () => {
  for (const img of document.images) img.setAttribute("data-width", img.naturalWidth);
  const right = document.body.getBoundingClientRect().right + 1;
  const wide = [...document.querySelectorAll("table")].filter(
    t => t.getBoundingClientRect().right > right).length;
  document.body.setAttribute("data-wide-tables", wide);
  document.body.setAttribute("data-page-overflow",
    document.documentElement.scrollWidth > window.innerWidth ? 1 : 0);
});</script>"""


class _Page(HTMLParser):
    """Figures (id, image width, caption text) and tables (section id, header, rows)."""

    def __init__(self) -> None:
        super().__init__()
        self.figures: dict[str, dict] = {}
        self.tables: list[dict] = []
        self.body: dict[str, str] = {}
        self._figure = self._section = None
        self._in_caption = False
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        elif tag == "h3":
            self._section = a.get("id")
        elif tag == "figure":
            self._figure = a.get("id", "")
            self.figures[self._figure] = {"width": 0, "caption": ""}
        elif tag == "img" and self._figure is not None:
            self.figures[self._figure]["width"] = int(a.get("data-width", 0))
        elif tag == "figcaption":
            self._in_caption = True
        elif tag == "table":
            self.tables.append({"section": self._section, "rows": []})
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "figure":
            self._figure = None
        elif tag == "figcaption":
            self._in_caption = False
        elif tag in ("td", "th") and self._row is not None:
            self._row.append("".join(self._cell or []).strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1]["rows"].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_caption:
            self.figures[self._figure]["caption"] += data
        if self._cell is not None:
            self._cell.append(data)


def _render(page: Path, profile: Path) -> _Page:
    measured = page.with_name("measured.html")
    code = MEASURE.removeprefix("<script>").removesuffix("</script>").encode()
    allowed = f"script-src 'sha256-{base64.b64encode(hashlib.sha256(code).digest()).decode()}' "
    text = page.read_text().replace(POLICY, POLICY.replace("script-src ", allowed))
    measured.write_text(text.replace("</body>", MEASURE + "</body>"))
    done = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
         "--host-resolver-rules=MAP * ~NOTFOUND", "--virtual-time-budget=10000",
         f"--window-size={WINDOW_PX},2000", "--dump-dom", measured.as_uri()],
        capture_output=True, text=True, timeout=180, check=True,
    )  # fmt: skip
    parsed = _Page()
    parsed.feed(done.stdout)
    return parsed


def _expected_counts(fits: pd.DataFrame) -> list[str]:
    """The count phrases a caption must hold, straight from the spectra_fits table."""
    usable = fits["usable"].astype(bool)
    flags = Counter(f for fl in fits["flags"].fillna("") for f in str(fl).split(";") if f)
    phrases = [f"{int(usable.sum())} of {len(fits)} fits usable"]
    phrases += [f"{n} flagged {flag}" for flag, n in flags.items()] or ["none flagged"]
    return phrases


@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium to run this)"
)
@pytest.mark.parametrize("name", REAL_FILES)
def test_report_in_a_browser(realdata_dir, tmp_path, name):
    assert main(["report", str(realdata_dir / name), "-o", str(tmp_path / "out")]) == 0
    page = _render(tmp_path / "out" / "report.html", tmp_path / "profile")
    fits = pd.read_csv(tmp_path / "out" / "tables" / "spectra_fits.csv")

    # every figure is embedded and decoded
    for fig in FIGURES:
        assert page.figures[f"fig-{fig}"]["width"] > 300, fig
    # captions of the figures drawn from every fit agree with the flags of the fit table
    phrases = _expected_counts(fits)
    for fig in SPECTRUM_FIGURES:
        caption = " ".join(page.figures[f"fig-{fig}"]["caption"].split())
        for phrase in phrases:
            assert phrase in caption, (fig, phrase, caption)
        assert "all fits usable" not in caption
    # the per-temperature table: one row per spectrum, T ascending, QC where flagged
    (table,) = [t for t in page.tables if t["section"] == "spectrum-parameters"]
    header, *rows = table["rows"]
    assert header[:3] == ["T (K)", "H (Oe)", header[2]] and header[2].startswith("τ")
    assert header[-1] == "QC" and header[3].startswith("α")
    assert any(h.startswith("χS") for h in header) and any(h.startswith("χT") for h in header)
    assert len(rows) == len(fits)
    shown_T = sorted(float(r[0]) for r in rows)
    assert shown_T == pytest.approx(sorted(fits["T_K"].round(2)), abs=0.006)
    value = re.compile(r"^-?\d+\.?\d*\(\d+\)(×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?$")
    tau = [r[header.index(header[2])] for r in rows]
    assert sum(bool(value.match(t)) for t in tau) == int(fits["tau_s"].notna().sum())
    qc = header.index("QC")
    flagged = fits["flags"].fillna("").ne("") | ~fits["usable"].astype(bool)
    assert sum(r[qc] != "" for r in rows) == int(flagged.sum())
    # nothing is wider than the page
    assert page.body["data-wide-tables"] == "0"
    assert page.body["data-page-overflow"] == "0"
