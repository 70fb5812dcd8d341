"""Rate-law fits against CC-FIT2's relaxation models (Reta & Chilton, PCCP 2019) where they
overlap: Orbach + QTM and Raman + QTM, fitted in log10 space.

ccfit2 needs Python >= 3.12, so its results on the two synthetic rate sets are stored in
``data/ccfit2_rate_reference.json`` (inputs and outputs) and every run compares with them; when
a ccfit2 venv is present at /tmp/ccfit2-venv, a live check also confirms the stored results.
"""

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from spinrelax.rates.fit import fit_law

REFERENCE = Path(__file__).parent / "data" / "ccfit2_rate_reference.json"
CCFIT2_PYTHON = Path("/tmp/ccfit2-venv/bin/python")

SCRIPT = """
import json, sys
import numpy as np
import ccfit2.relaxation as rx
d = json.load(sys.stdin)
ds = rx.TDataset(np.array(d["rate"]), np.array(d["T"]), lograte_pm=d["lograte_pm"])
models = {"orbach": rx.LogOrbachModel, "raman": rx.LogRamanModel, "qtm": rx.LogQTMModel}
m = rx.MultiLogTauTModel([models[k] for k in d["models"]], fit_vars=d["start"],
                         fix_vars=[{} for _ in d["models"]])
m.fit_to(ds, verbose=False)
print(json.dumps([{"final": lm.final_var_values, "sd": lm.fit_stdev} for lm in m.logmodels]))
"""


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(REFERENCE.read_text())


def _ours(case: dict, terms: tuple[str, ...]):
    T, rate = np.array(case["T_K"]), np.array(case["rate_s-1"])
    return fit_law(T, 0.0, rate, case["sigma_ln"], terms)


def test_orbach_plus_qtm_matches_ccfit2(reference):
    case = reference["orbach_qtm"]
    orbach, qtm = case["ccfit2"]
    fit = _ours(case, ("orbach", "qtm"))
    # ccfit2: rate = 10^-A exp(-U/T) + 10^-Q, i.e. A = log10 tau0 and Q = -log10 rate_qt
    assert fit.params["U_K"] == pytest.approx(orbach["final"]["u_eff"], rel=1e-6)
    assert np.log10(fit.params["tau0_s"]) == pytest.approx(orbach["final"]["A"], abs=1e-6)
    assert -np.log10(fit.params["rate_qt_s-1"]) == pytest.approx(qtm["final"]["Q"], abs=1e-6)
    assert fit.errors["U_K"] == pytest.approx(orbach["sd"]["u_eff"], rel=1e-3)


def test_raman_plus_qtm_matches_ccfit2(reference):
    case = reference["raman_qtm"]
    raman, qtm = case["ccfit2"]
    fit = _ours(case, ("raman", "qtm"))
    # ccfit2: rate = 10^R T^n + 10^-Q
    assert fit.params["n_raman"] == pytest.approx(raman["final"]["n"], rel=1e-5)
    assert np.log10(fit.params["C_raman_s-1_K-n"]) == pytest.approx(raman["final"]["R"], abs=1e-5)
    assert -np.log10(fit.params["rate_qt_s-1"]) == pytest.approx(qtm["final"]["Q"], abs=1e-5)


@pytest.mark.skipif(not CCFIT2_PYTHON.exists(), reason="no ccfit2 venv in /tmp/ccfit2-venv")
@pytest.mark.parametrize("name", ["orbach_qtm", "raman_qtm"])
def test_stored_reference_is_what_ccfit2_gives(reference, name):
    case = reference[name]
    payload = {
        "T": case["T_K"], "rate": case["rate_s-1"],
        "lograte_pm": [case["sigma_ln"] / np.log(10)] * len(case["T_K"]),
        "models": case["models"], "start": case["start"],
    }  # fmt: skip
    out = subprocess.run(
        [str(CCFIT2_PYTHON), "-c", SCRIPT],
        input=json.dumps(payload), capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    live = json.loads(out.stdout.strip().splitlines()[-1])
    for got, stored in zip(live, case["ccfit2"], strict=True):
        for key, value in stored["final"].items():
            assert got["final"][key] == pytest.approx(value, rel=1e-9, abs=1e-12)
