"""Snakemake entry point: every table of the spin stage from the `spin:` config section."""

import logging

import pandas as pd

from spinrelax.io.csv_table import write_csv
from spinrelax.papers.erw10.spin.stage import stage_tables

SORT_KEYS = {
    "levels": ["variant", "level"],
    "doublets": ["variant", "doublet"],
    "tunnel_splitting": ["variant", "H_perp_Oe"],
    "hyperfine_levels": ["variant", "H_perp_Oe", "level"],
    "susceptibility": ["variant", "T_K"],
    "level_sweep": ["variant", "isotope", "Hz_Oe", "level"],
    "variant_check": ["variant"],
    "scorecard_part": ["id"],
}


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    tables = stage_tables(smk.params.spin, pd.read_csv(smk.input.paper_values))
    for key, table in tables.items():
        write_csv(table.sort_values(SORT_KEYS[key], kind="stable"), smk.output[key])
        logging.info("%s: %d rows -> %s", key, len(table), smk.output[key])
    for row in tables["variant_check"].itertuples():
        logging.info("%s", row)


main(snakemake)  # noqa: F821
