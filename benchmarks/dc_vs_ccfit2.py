"""DC decay fits of the real K(18-c-6)[Er(hdcCOT)2] file: spinrelax against ccfit2 5.14 ``dc``.

ccfit2 (Python >= 3.12, not a dependency) runs in a separate venv through a small driver (the
string DRIVER below, our code) that uses ccfit2's own reader, grouping and ExponentialModel:

    /root/.pyenv/versions/3.12.1/bin/python -m venv /tmp/ccfit2-venv
    /tmp/ccfit2-venv/bin/pip install "ccfit2==5.14.*"
    .venv/bin/python benchmarks/dc_vs_ccfit2.py --ccfit2-python /tmp/ccfit2-venv/bin/python \
        [--write tests/timedomain/data/ccfit2_dc_reference.csv]

Workaround: ccfit2's ``dc`` command keeps only the rows after the last field step (the last
forward difference of the field above 0.5 Oe); this file holds no field step (the field sits
near 0 Oe throughout), so the command keeps one row and crashes. The driver skips that cut and
keeps every row. ccfit2's settings as its command line sets them by default: moment column
found first ("DC Moment Fixed Ctr" in this file), M_0 held at the first reading, t_offset 0,
start tau* 100 s and beta 0.95, M_eq fixed at 0 (``fix``) or fitted (``fit``). ``cut`` is its
cut_moment: readings below cut * first reading are dropped (default 0.01, which drops the
negative tails at 6-10 K); ``none`` keeps every reading (the same readings as ours).
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax.timedomain.files import DcFitSettings, fit_dc_files

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "tests" / "data" / "realdata" / "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat"

DRIVER = r"""
import json, sys, warnings
from ccfit2 import dc
warnings.simplefilter("ignore")
path = sys.argv[1]
out = []
for cut_name, cut in (("0.01", 0.01), ("none", -1e300)):
    meas = dc.Measurement.from_magfile(path, verbose=False)
    groups = dc.Experiment.from_measurements(
        meas, temp_thresh=0.1, field_thresh=1, x_var="T", cut_moment=cut)
    for e in [e for g in groups for e in g]:
        for meq in ("fixed", "fit"):
            fit, fix = {"tau*": 100.0, "beta": 0.95}, {"m_0": "guess", "t_offset": 0.0}
            if meq == "fit":
                fit["m_eq"] = "guess"
            else:
                fix["m_eq"] = 0.0
            m = dc.ExponentialModel(fit, fix, e)
            m.fit_to(e, verbose=False)
            v = m.final_var_values
            out.append({"cut_moment": cut_name, "meq_mode": meq,
                        "T_K": float(e.rep_temperature), "n_readings": int(len(e.times)),
                        "tau_star_s": float(v["tau*"]), "beta": float(v["beta"]),
                        "Meq_emu": float(v["m_eq"]), "M0_emu": float(v["m_0"]),
                        "ln_tau_mean": float(m.lntau_expect), "fit_ok": bool(m.fit_status)})
print(json.dumps(out))
"""


def run_ccfit2(python: str, path: Path = REAL) -> pd.DataFrame:
    """ccfit2's fits of every decay of ``path`` (rows of the driver's output)."""
    done = subprocess.run(
        [python, "-c", DRIVER, str(path)], capture_output=True, text=True, check=True, timeout=600
    )
    return pd.DataFrame(json.loads(done.stdout.strip().splitlines()[-1]))


def ours(moment: str | None, m0_mode: str, meq_mode: str) -> pd.DataFrame:
    """Our single stretched-exponential fits of the real file with the given settings."""
    settings = DcFitSettings(moment=moment, meq_mode=meq_mode, m0_mode=m0_mode)
    return fit_dc_files([str(REAL)], settings)[0].fits


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ccfit2-python", default="/tmp/ccfit2-venv/bin/python")
    ap.add_argument("--write", help="store ccfit2's table here (CSV)")
    args = ap.parse_args()
    cc = run_ccfit2(args.ccfit2_python).sort_values(["cut_moment", "meq_mode", "T_K"])
    if args.write:
        cc.to_csv(args.write, index=False, float_format="%.10g", lineterminator="\n")
    buf = io.StringIO()
    for meq in ("fixed", "fit"):
        same = ours("fixed", "first", meq).sort_values("T_K")
        dflt = ours(None, "fit", meq).sort_values("T_K")
        c = cc[(cc.cut_moment == "none") & (cc.meq_mode == meq)].sort_values("T_K")
        c1 = cc[(cc.cut_moment == "0.01") & (cc.meq_mode == meq)].sort_values("T_K")
        table = pd.DataFrame(
            {
                "T_K": np.round(dflt["T_K"].to_numpy(), 2),
                "ours_default_tau*": dflt["tau_star_s"].to_numpy(),
                "ours_default_beta": dflt["beta"].to_numpy(),
                "ours_default_lntau": dflt["ln_tau_mean"].to_numpy(),
                "ours_other_meq_lntau": dflt["ln_tau_mean_other_meq"].to_numpy(),
                "ours_as_ccfit2_lntau": same["ln_tau_mean"].to_numpy(),
                "ccfit2_all_rows_tau*": c["tau_star_s"].to_numpy(),
                "ccfit2_all_rows_beta": c["beta"].to_numpy(),
                "ccfit2_all_rows_lntau": c["ln_tau_mean"].to_numpy(),
                "ccfit2_cut1%_lntau": c1["ln_tau_mean"].to_numpy(),
            }
        )
        buf.write(f"\nM_eq {meq}\n" + table.to_string(index=False, float_format="%.4g") + "\n")
    print(buf.getvalue())


if __name__ == "__main__":
    main()
