"""Fit the rates of a real file with ccfit2 (run with a Python >= 3.12 that has ccfit2).

Reads JSON on stdin: {"T": [...], "tau": [...], "tau_err": [...], "sigma_lntau": [...],
"laws": {"orbach+qtm": {"models": [...], "start": [...]}, ...}}. Builds the data set exactly
as ccfit2 does from fitted ac models (``TDataset.from_raw`` with the distribution's
sigma_lntau and the fit bounds ln(tau -+ tau_err) of ``ac.GeneralisedDebyeModel``) and prints,
per law, ccfit2's lograte_pm and its final values and standard deviations.
"""

import json
import sys

import ccfit2.ac as ac
import ccfit2.relaxation as rx
import numpy as np
from ccfit2.__version__ import __version__ as ccfit2_version

d = json.load(sys.stdin)
tau, tau_err = np.array(d["tau"]), np.array(d["tau_err"])
lower, upper = ac.GeneralisedDebyeModel.calc_lntau_fit_ul(tau, tau_err)
ds = rx.TDataset.from_raw(
    np.array(d["T"]), np.log(tau), np.array(d["sigma_lntau"]), np.array(upper), np.array(lower)
)
models = {"orbach": rx.LogOrbachModel, "raman": rx.LogRamanModel, "qtm": rx.LogQTMModel}
out = {"ccfit2_version": ccfit2_version, "lograte_pm": list(map(float, ds.lograte_pm))}
for law, spec in d["laws"].items():
    m = rx.MultiLogTauTModel(
        [models[k] for k in spec["models"]], fit_vars=spec["start"],
        fix_vars=[{} for _ in spec["models"]],
    )  # fmt: skip
    m.fit_to(ds, verbose=False)
    out[law] = [{"final": lm.final_var_values, "sd": lm.fit_stdev} for lm in m.logmodels]
print(json.dumps(out))
