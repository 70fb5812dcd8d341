"""Snakemake entry point: gradient product K from the Al atom-beam calibration run."""

import logging

from spinrelax.io.csv_table import write_csv
from spinrelax.papers.clusters.batch import calibration_table


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    _, table = calibration_table(smk.input.run)
    write_csv(table, smk.output.table)
    logging.info("K = %.6g +- %.2g T m", table.at[0, "K_T_m"], table.at[0, "K_err_T_m"])


main(snakemake)  # noqa: F821
