"""The per-sample report and the sheet index from their templates: the page of a small synthetic
sample is pinned byte for byte (golden files written by the string-built pages these templates
replaced, so the conversion changed no byte), and hostile strings in every input field appear
only escaped.

Every string the page takes from files goes through :func:`sample_inputs`: the sample id, the
info and settings lines, the notes, the QC flags (cells and caption counts), the model and law
names, the rate-law flag and message, the chi unit (spectrum-table headers), and the names of
the table and figure files (links and ``alt`` text).
"""

from __future__ import annotations

import html
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spinrelax.rates.analysis import RateResults
from spinrelax.rates.tables import PARAM_COLUMNS
from spinrelax.sample_report import html as report_module
from spinrelax.sample_report import index as index_module
from spinrelax.sample_report.html import write_report
from spinrelax.sample_report.index import write_index
from spinrelax.sample_report.outputs import SampleOutputs

GOLDEN = Path(__file__).parent / "golden"
PAYLOADS = ["<script>alert(1)</script>", "\"><img src=x onerror=alert('x')>"]
GOLDEN_VERSION = "0.0.0+golden"
_KEY = {"process": 1, "series": "T", "at_T_K": np.nan, "at_H_Oe": 0.0}


def _parameters(sample: str, law: str, text: str) -> pd.DataFrame:
    rows = [  # parameter, value, err, unit, flag
        ("U_K", 140.5, 0.8, "K", ""),
        ("tau0_s", 1.2e-11, 3e-12, "s", text),
        ("chi2_red", 1.31, np.nan, "1", ""),
        ("aic", -40.0, np.nan, "1", ""),
    ]
    table = pd.DataFrame(
        [
            {
                **_KEY,
                "sample": sample,
                "law": law,
                "parameter": p,
                "value": v,
                "err": e,
                "unit": u,
                "fixed": False,
                "ci68_low": v - 1,
                "ci68_high": v + 1,
                "ci95_low": np.nan,
                "ci95_high": v + 2,
                "ci_method": "profile_likelihood",
                "flag": f,
                "message": text,
            }
            for p, v, e, u, f in rows
        ]  # fmt: skip
    )
    return table[[*PARAM_COLUMNS, *(c for c in table if c not in PARAM_COLUMNS)]]


def _results(sample: str, text: str) -> RateResults:
    law = f"orbach {text}"
    candidates = pd.DataFrame(
        [
            {
                **_KEY,
                "law": law,
                "n_params": 2,
                "n_points": 12,
                "chi2_red": 1.31,
                "aicc": -38.2,
                "delta_aicc": 0.0,
                "akaike_weight": 0.83,
                "status": "chosen",
                "selected": True,
                "U_K": 140.5,
            },
            {
                **_KEY,
                "law": "raman",
                "n_params": 2,
                "n_points": 12,
                "chi2_red": 2.9,
                "aicc": -35.0,
                "delta_aicc": 3.2,
                "akaike_weight": 0.17,
                "status": "eligible",
                "selected": False,
                "U_K": np.nan,
            },
        ]  # fmt: skip
    )
    spread = pd.DataFrame(
        [
            {**_KEY, "kind": kind, "law": law, "U_K": u, "delta_aicc": 0.0}
            for kind, u in (("law", 140.5), ("window", 138.0), ("window", 142.5))
        ]  # fmt: skip
    )
    empty = pd.DataFrame()
    return RateResults(_parameters(sample, law, text), candidates, empty, empty, empty, {}, spread)


def sample_inputs(root: Path, text: str) -> tuple[SampleOutputs, dict[str, str], dict[str, str]]:
    """A sample whose every string field holds ``text`` (file names: ``/`` replaced), written
    under ``root``: (outputs, info lines, settings lines)."""
    name = text.replace("/", "_")
    tables, figures = root / "tables", root / "figures"
    tables.mkdir(parents=True)
    figures.mkdir()
    fits = pd.DataFrame({"spectrum": [0, 1, 2], "T_K": [2.0, 3.0, 4.0], "H_Oe": 0.0,
                         "model": ["generalized_debye", text, "generalized_debye"],
                         "usable": [True, True, False], "flags": ["", text, "flat"]})  # fmt: skip
    spectra = fits[["T_K", "H_Oe", "model"]].assign(
        tau_s=[1e-3, 2e-4, np.nan], tau_err_s=[2e-5, 1e-5, np.nan], alpha=[0.1, 0.2, np.nan],
        alpha_err=[0.01, 0.02, np.nan], chi_S=[0.5, 0.4, np.nan], chi_S_err=[0.01, 0.01, np.nan],
        qc=["", text, "not usable; flat"],
    )  # fmt: skip
    qc = pd.DataFrame({"spectrum": range(202), "flags": text})  # 200 shown, 2 more
    paths = {
        "spectrum_parameters": tables / "spectrum_parameters.csv",
        "qc_spectra": tables / f"qc_spectra {name}.csv",
        "rejected_rows": tables / "rejected_rows.csv",
    }
    spectra.to_csv(paths["spectrum_parameters"], index=False)
    qc.to_csv(paths["qc_spectra"], index=False)
    pd.DataFrame({"line": [3, 9], "reason": text}).to_csv(paths["rejected_rows"], index=False)
    pictures = {"spectra": figures / f"spectra {name}.png", "tau_vs_T": figures / "tau_vs_T.png"}
    for path in pictures.values():
        path.write_bytes(b"\x89PNG fixed bytes")
    out = SampleOutputs(text, f"emu/Oe {text}", paths, pictures, _results(text, text), fits,
                        [f"note: {text}"])  # fmt: skip
    return out, {"files": f"{text}.dat", text: text}, {"spectrum model": text, text: "auto"}


def _report(tmp_path: Path, text: str) -> tuple[str, str]:
    """The report and the index page of :func:`sample_inputs` with ``text``."""
    out, info, settings = sample_inputs(tmp_path / "S", text)
    page = write_report(tmp_path / "S" / "report.html", [(out, info)], settings)
    index_tables = tmp_path / "index_tables"
    index_tables.mkdir()
    _parameters(text, f"orbach {text}", text).to_csv(
        index_tables / "rate_law_parameters.csv", index=False
    )
    write_index(tmp_path / "index.html", tmp_path / "all.csv", [text], [str(index_tables)])
    return page.read_text(encoding="utf-8"), (tmp_path / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["report", "index"])
def test_page_matches_golden_file(tmp_path, monkeypatch, name):
    for module in (report_module, index_module):  # the golden files do not follow the version
        monkeypatch.setattr(module, "__version__", GOLDEN_VERSION)
    report, index = _report(tmp_path, "S&'1'")
    page = report if name == "report" else index
    assert page == (GOLDEN / f"{name}.html").read_text(encoding="utf-8")


class _Tags(HTMLParser):
    """Every start tag and its attributes, and the text outside tags."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_strings_appear_only_escaped(tmp_path, payload):
    for page in _report(tmp_path, payload):
        assert payload not in page
        assert payload.replace("/", "_") not in page
        parsed = _Tags()
        parsed.feed(page)
        assert not [t for t, _ in parsed.tags if t == "script"]
        assert not [a for _, attrs in parsed.tags for a in attrs if a.startswith("on")]
        assert not [a for t, a in parsed.tags if t == "img" and a.get("src") == "x"]
        assert payload in "".join(parsed.text)  # shown as text
    report, _ = _report(tmp_path / "again", payload)
    # Every field of the sample reaches the page (escaped): id, info, settings, note, flags,
    # model, law, rate-law flag and message, chi unit, table and figure file names.
    assert report.count(html.escape(payload)) >= 12
    assert html.escape(f"qc_spectra {payload.replace('/', '_')}.csv") in report
    assert f'alt="{html.escape("spectra " + payload.replace("/", "_"))}"' in report
    assert f"emu/Oe {html.escape(payload)}" in report
