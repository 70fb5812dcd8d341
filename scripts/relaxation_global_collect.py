"""Snakemake entry point: collect the per-sample global-vs-two-step tables."""

import logging

import pandas as pd

from spinrelax.io.csv_table import write_csv


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    tables = [pd.read_csv(path) for path in sorted(smk.input)]
    table = pd.concat(tables, ignore_index=True).sort_values(["sample", "parameter"])
    write_csv(table, smk.output[0])
    logging.info("%d samples, %d rows", len(tables), len(table))


main(snakemake)
