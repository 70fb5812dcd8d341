"""U_eff and tau_QTM of a real file against ccfit2's fit of the same rates.

ccfit2 5.14 (needs Python >= 3.12 and Qt bindings) fitted the zero-field rates that
``spinrelax fit-ac`` gave for ../shared/realdata/mpms3_ErCOT_I_THF2_ACvsF.dat, weighting them
itself (``TDataset.from_raw``); inputs and results are stored in
``data/ccfit2_real_ErCOT_reference.json``. Checks: (1) on the stored rates our weights (sigma
``ccfit2``) and fits equal ccfit2's; (2) ``spinrelax report`` on the raw file gives U_eff and
tau_QTM within the combined uncertainties of ccfit2's; (3) live check with a ccfit2 venv.
"""

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from spinrelax.cli import main
from spinrelax.rates.fit import fit_law
from spinrelax.rates.uncertainty import sigma_ln_tau

REFERENCE = Path(__file__).parent / "data" / "ccfit2_real_ErCOT_reference.json"
SCRIPT = Path(__file__).parent / "ccfit2_real_rates.py"
CCFIT2_PYTHON = Path("/tmp/ccfit2-venv/bin/python")


@pytest.fixture(scope="module")
def ref() -> dict:
    return json.loads(REFERENCE.read_text())


def _ours(ref: dict, law: str):
    tau, tau_err = np.array(ref["tau"]), np.array(ref["tau_err"])
    sigma = sigma_ln_tau(1 / tau, tau_err / tau**2, ref["sigma_lntau"], "ccfit2")
    return sigma, fit_law(ref["T"], 0.0, 1 / tau, sigma, law)


def test_weights_are_ccfit2s(ref):
    sigma, _ = _ours(ref, "orbach+qtm")
    np.testing.assert_allclose(sigma, np.array(ref["ccfit2_lograte_pm"]) * np.log(10), rtol=1e-9)


@pytest.mark.parametrize("law", ["orbach+qtm", "orbach+raman+qtm"])
def test_same_rates_same_fit(ref, law):
    _, fit = _ours(ref, law)
    orbach, qtm = ref["ccfit2"][law][0], ref["ccfit2"][law][-1]
    assert fit.params["U_K"] == pytest.approx(orbach["final"]["u_eff"], rel=1e-5)
    assert fit.errors["U_K"] == pytest.approx(orbach["sd"]["u_eff"], rel=1e-3)
    assert np.log10(fit.params["tau0_s"]) == pytest.approx(orbach["final"]["A"], abs=1e-4)
    assert -np.log10(fit.params["rate_qt_s-1"]) == pytest.approx(qtm["final"]["Q"], abs=1e-5)


def test_report_on_the_raw_file_agrees_with_ccfit2(ref, realdata_dir, tmp_path):
    code = main(["report", str(realdata_dir / ref["file"]), "-o", str(tmp_path), "--law",
                 "orbach+raman+qtm"])  # fmt: skip
    assert code == 0
    p = pd.read_csv(tmp_path / "tables" / "rate_law_parameters.csv").set_index("parameter")
    orbach, qtm = ref["ccfit2"]["orbach+raman+qtm"][0], ref["ccfit2"]["orbach+raman+qtm"][-1]
    U, U_err = p.loc["U_K", "value"], p.loc["U_K", "err"]
    assert abs(U - orbach["final"]["u_eff"]) < 2 * np.hypot(U_err, orbach["sd"]["u_eff"])
    tau_qtm, tau_qtm_err = p.loc["tau_QTM_s", "value"], p.loc["tau_QTM_s", "err"]
    ref_tau = 10 ** qtm["final"]["Q"]
    ref_err = ref_tau * np.log(10) * qtm["sd"]["Q"]
    assert abs(tau_qtm - ref_tau) < 2 * np.hypot(tau_qtm_err, ref_err)
    assert p.loc["U_eff_cm-1", "value"] == pytest.approx(U * 0.695034800, rel=1e-6)


@pytest.mark.skipif(not CCFIT2_PYTHON.exists(), reason="no ccfit2 venv in /tmp/ccfit2-venv")
def test_stored_reference_is_what_ccfit2_gives(ref):
    payload = {k: ref[k] for k in ("T", "tau", "tau_err", "sigma_lntau", "laws")}
    out = subprocess.run(
        [str(CCFIT2_PYTHON), str(SCRIPT)], input=json.dumps(payload), capture_output=True,
        text=True, timeout=300, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    live = json.loads(out.stdout.strip().splitlines()[-1])
    for law, models in ref["ccfit2"].items():
        for got, stored in zip(live[law], models, strict=True):
            for key, value in stored["final"].items():  # reruns agree to a tiny fraction of sd
                assert got["final"][key] == pytest.approx(value, abs=1e-4 * stored["sd"][key])
