"""Snakemake entry point: rate-law fits, master equation and tunnelling numbers of paper 1."""

import logging

import numpy as np
import pandas as pd

from spinrelax.io.csv_table import write_csv
from spinrelax.papers.erw10.relaxation.paper1 import analyse, curie_weiss_input
from spinrelax.papers.erw10.relaxation.rates_table import read_rates, read_T_N_K
from spinrelax.papers.erw10.spin.parameters import load_variant


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    log = logging.getLogger("relaxation_models")
    usable, excluded = read_rates(smk.input.rates)
    sheet = pd.DataFrame(smk.params.sheet)
    usable["enrichment_167Er"] = usable["sample"].map(
        sheet.set_index("sample_id")["enrichment_167Er"]
    )
    log.info("%d usable rates; %d excluded rows", len(usable), int(excluded["n_excluded"].sum()))
    T_N_K = read_T_N_K(smk.input.equilibrium)
    cfg = smk.params.cfg
    ion = load_variant(smk.params.spin, cfg["spin_variant"])
    others = [load_variant(smk.params.spin, name) for name in cfg["compare_spin_variants"]]
    cw = curie_weiss_input(pd.read_csv(smk.input.equilibrium), sheet, smk.params.theta_sample)
    res = analyse(
        usable, T_N_K, ion, cfg, others, cw, float(smk.params.spin.get("H_perp_dip_Oe", 80.0))
    )
    for key in (
        "parameters",
        "tunnelling",
        "line",
        "paths",
        "x_points",
        "field_points",
        "channels",
    ):
        write_csv(getattr(res, key), smk.output[key])
    write_csv(excluded, smk.output.excluded)
    write_csv(res.scorecard, smk.output.scorecard)
    log.info("scorecard part:\n%s", res.scorecard.to_string())
    log.info("finite scorecard values: %d", int(np.isfinite(res.scorecard["reproduced"]).sum()))


main(snakemake)  # noqa: F821
