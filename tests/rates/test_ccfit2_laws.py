"""tau(T) and tau(H) laws against ccfit2's models on the same synthetic rates: Raman + direct,
Raman with phonon bottleneck, field-suppressed QTM + constant, FD-QTM + Raman-II and
Brons-van Vleck * constant (ccfit2 5.14; inputs and results stored in
``data/ccfit2_laws_reference.json``, made with ``ccfit2_laws.py``; live check with a ccfit2
venv). ccfit2 fits log10 rates with 10^x parameters; the maps are below."""

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

from spinrelax.rates.fit import fit_law

REFERENCE = Path(__file__).parent / "data" / "ccfit2_laws_reference.json"
SCRIPT = Path(__file__).parent / "ccfit2_laws.py"
CCFIT2_PYTHON = Path("/tmp/ccfit2-venv/bin/python")
L10 = np.log10

#: case -> (our law, [(our parameter, function of it giving ccfit2's, ccfit2 model index, name)])
CASES = {
    "raman_direct": ("raman+direct", [
        ("C_raman_s-1_K-n", L10, 0, "R"), ("n_raman", float, 0, "n"),
        ("A_direct_s-1_K-1", L10, 1, "D")]),
    "raman_bottleneck": ("raman+bottleneck", [
        ("C_raman_s-1_K-n", L10, 0, "R"), ("n_raman", float, 0, "n"),
        ("B_pb_s_K-m", L10, 0, "B"), ("m_pb", float, 0, "m")]),
    "fdqtm_constant": ("qtm_field+constant", [
        ("rate_qt_s-1", lambda v: -L10(v), 0, "Q"), ("b_qtm_Oe-p", lambda v: -L10(v), 0, "Q_H"),
        ("p_qtm", float, 0, "p"), ("rate_const_s-1", L10, 1, "Ct")]),
    "fdqtm_raman2": ("qtm_field+raman_field", [
        ("rate_qt_s-1", lambda v: -L10(v), 0, "Q"), ("p_qtm", float, 0, "p"),
        ("C_raman_H_s-1_Oe-m", L10, 1, "C"), ("m_raman_H", float, 1, "m")]),
    "bvv_constant": ("brons_van_vleck", [
        ("rate_bvv_s-1", L10, 0, "Ct"), ("e_bvv_Oe-2", L10, 0, "e"), ("f_bvv_Oe-2", L10, 0, "f")]),
}  # fmt: skip


@pytest.fixture(scope="module")
def ref() -> dict:
    return json.loads(REFERENCE.read_text())


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_rates_same_parameters(ref, case):
    c = ref[case]
    law, checks = CASES[case]
    x, rate = np.array(c["x"]), np.array(c["rate"])
    T, H = (x, 0.0) if c["var"] == "T" else (2.0, x)
    fit = fit_law(T, H, rate, c["lograte_pm"] * np.log(10), law)
    assert fit.converged, fit.message
    for ours, to_ccfit2, model, name in checks:
        want = c["ccfit2"][model]["final"][name]
        sd = c["ccfit2"][model]["sd"][name]
        assert to_ccfit2(fit.params[ours]) == pytest.approx(want, abs=1e-3 * sd), (ours, name)


@pytest.mark.skipif(not CCFIT2_PYTHON.exists(), reason="no ccfit2 venv in /tmp/ccfit2-venv")
def test_stored_reference_is_what_ccfit2_gives(ref):
    payload = {k: {f: v[f] for f in ("var", "x", "rate", "lograte_pm", "models", "start")}
               for k, v in ref.items() if k in CASES}  # fmt: skip
    out = subprocess.run(
        [str(CCFIT2_PYTHON), str(SCRIPT)], input=json.dumps(payload), capture_output=True,
        text=True, timeout=300, check=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    live = json.loads(out.stdout.strip().splitlines()[-1])
    for case in CASES:
        for got, stored in zip(live[case], ref[case]["ccfit2"], strict=True):
            for key, value in stored["final"].items():
                assert got["final"][key] == pytest.approx(value, abs=1e-4 * stored["sd"][key])
