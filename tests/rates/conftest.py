"""Fixtures of the rate-law tests: the Er(COT)I(THF)2 rates stored for the ccfit2 comparison."""

import json
from pathlib import Path

import numpy as np
import pytest

from spinrelax.rates.uncertainty import sigma_ln_tau

REFERENCE = Path(__file__).parent / "data" / "ccfit2_real_ErCOT_reference.json"


@pytest.fixture(scope="session")
def ercot_rates() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(T_K, rate_s-1, sigma of ln tau with the ccfit2 rule) of the 18 zero-field spectra."""
    ref = json.loads(REFERENCE.read_text())
    tau, tau_err = np.array(ref["tau"]), np.array(ref["tau_err"])
    return np.array(ref["T"]), 1 / tau, sigma_ln_tau(1 / tau, tau_err / tau**2, ref["sigma_lntau"])
