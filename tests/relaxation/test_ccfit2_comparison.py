"""Rate-law fit against CC-FIT2's relaxation models (Reta & Chilton, PCCP 2019), where they
overlap: Orbach + QTM in log10 space. ccfit2 needs Python >= 3.12, so it runs in its own venv
(/tmp/ccfit2-venv) through a subprocess; skipped when that venv is absent."""

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

from spinrelax.relaxation.rate_fit import fit_rate_law

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


def _ccfit2(T, rate, sigma_ln, models, start):
    payload = {
        "T": T.tolist(), "rate": rate.tolist(), "lograte_pm": [sigma_ln / np.log(10)] * len(T),
        "models": models, "start": start,
    }  # fmt: skip
    out = subprocess.run(
        [str(CCFIT2_PYTHON), "-c", SCRIPT],
        input=json.dumps(payload), capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


needs_ccfit2 = pytest.mark.skipif(
    not CCFIT2_PYTHON.exists(), reason="no ccfit2 venv in /tmp/ccfit2-venv"
)


@needs_ccfit2
def test_orbach_plus_qtm_matches_ccfit2():
    T = np.geomspace(1.8, 10.0, 25)
    rng = np.random.default_rng(7)
    rate = (np.exp(-63.0 / T) / 2e-11 + 1.2e3) * np.exp(0.05 * rng.standard_normal(T.size))
    orbach, qtm = _ccfit2(
        T, rate, 0.05, ["orbach", "qtm"], [{"u_eff": 60.0, "A": -10.0}, {"Q": 3.0}]
    )
    fit = fit_rate_law(T, rate, 0.05 * rate, ("orbach", "plateau"))
    # ccfit2: rate = 10^-A exp(-U/T) + 10^-Q, i.e. A = log10 tau0 and Q = -log10 rate_qt
    assert fit.params["U_K"] == pytest.approx(orbach["final"]["u_eff"], rel=1e-6)
    assert np.log10(fit.params["tau0_s"]) == pytest.approx(orbach["final"]["A"], abs=1e-6)
    assert -np.log10(fit.params["rate_qt_s-1"]) == pytest.approx(qtm["final"]["Q"], abs=1e-6)
    assert fit.errors["U_K"] == pytest.approx(orbach["sd"]["u_eff"], rel=1e-3)


@needs_ccfit2
def test_raman_plus_qtm_matches_ccfit2():
    T = np.geomspace(2.0, 8.0, 20)
    rng = np.random.default_rng(3)
    rate = (1e-2 * T**9 + 10.0) * np.exp(0.03 * rng.standard_normal(T.size))
    raman, qtm = _ccfit2(T, rate, 0.03, ["raman", "qtm"], [{"R": -2.0, "n": 8.0}, {"Q": -1.0}])
    fit = fit_rate_law(T, rate, 0.03 * rate, ("raman", "plateau"))
    # ccfit2: rate = 10^R T^n + 10^-Q
    assert fit.params["n_raman"] == pytest.approx(raman["final"]["n"], rel=1e-5)
    assert np.log10(fit.params["C_raman_s-1_K-n"]) == pytest.approx(raman["final"]["R"], abs=1e-5)
    assert -np.log10(fit.params["rate_qt_s-1"]) == pytest.approx(qtm["final"]["Q"], abs=1e-5)
