"""Fit synthetic rate sets with ccfit2's tau(T) and tau(H) models (run with a Python >= 3.12
that has ccfit2). JSON on stdin: {case: {"var": "T"|"H", "x": [...], "rate": [...],
"lograte_pm": float, "models": [...], "start": [...]}}; prints per case the final values and
standard deviations of every model."""

import json
import sys

import ccfit2.relaxation as rx
import numpy as np
from ccfit2.__version__ import __version__ as ccfit2_version

MODELS = {"raman": rx.LogRamanModel, "direct": rx.LogDirectModel, "raman_pb": rx.LogRamanPBModel,
          "fdqtm": rx.LogFDQTMModel, "constant": rx.LogConstantModel,
          "raman2": rx.LogRamanIIModel, "bvv_constant": rx.LogBVVConstantModel}  # fmt: skip

out = {"ccfit2_version": ccfit2_version}
for name, c in json.load(sys.stdin).items():
    pm = [c["lograte_pm"]] * len(c["x"])
    if c["var"] == "T":
        ds, multi = rx.TDataset(np.array(c["rate"]), np.array(c["x"]), pm), rx.MultiLogTauTModel
    else:
        ds, multi = rx.HDataset(np.array(c["rate"]), np.array(c["x"]), pm), rx.MultiLogTauHModel
    m = multi(
        [MODELS[k] for k in c["models"]], fit_vars=c["start"], fix_vars=[{} for _ in c["models"]]
    )
    m.fit_to(ds, verbose=False)
    out[name] = [{"final": lm.final_var_values, "sd": lm.fit_stdev} for lm in m.logmodels]
print(json.dumps(out))
