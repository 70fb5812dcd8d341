"""Snakemake entry point: rate-law fits, master equation and tunnelling numbers of paper 1."""

import logging

from spinrelax.io.csv_table import write_csv
from spinrelax.relaxation.paper1 import analyse
from spinrelax.relaxation.rates_table import read_rates, read_T_N_K
from spinrelax.spin.parameters import load_variant


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    log = logging.getLogger("relaxation_models")
    usable, excluded = read_rates(smk.input.rates)
    usable["enrichment_167Er"] = usable["sample"].map(smk.params.enrichment_167Er)
    log.info("%d usable rates; %d excluded rows", len(usable), int(excluded["n_excluded"].sum()))
    T_N_K = read_T_N_K(smk.input.equilibrium)
    ion = load_variant(smk.params.spin, smk.params.cfg["spin_variant"])
    res = analyse(usable, T_N_K, ion, smk.params.cfg)
    write_csv(res.parameters, smk.output.parameters)
    write_csv(res.tunnelling, smk.output.tunnelling)
    write_csv(res.line, smk.output.line)
    write_csv(res.paths, smk.output.paths)
    write_csv(res.x_points, smk.output.x_points)
    write_csv(res.field_points, smk.output.field_points)
    write_csv(excluded, smk.output.excluded)
    write_csv(res.scorecard, smk.output.scorecard)
    log.info("scorecard part:\n%s", res.scorecard.to_string())


main(snakemake)
