"""Snakemake entry point: merge the shards into the moments table and the QC table of fits."""

import logging

import pandas as pd

from spinrelax.io.csv_table import write_csv

KEYS = ["element", "n", "condition"]


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    moments = pd.concat([pd.read_csv(p) for p in smk.input.moments], ignore_index=True)
    fits = pd.concat([pd.read_csv(p) for p in smk.input.fits], ignore_index=True)
    moments = moments.sort_values(KEYS, kind="stable")
    fits = fits.sort_values(KEYS + ["shape", "model"], kind="stable")
    write_csv(moments, smk.output.moments)
    write_csv(fits, smk.output.fits)
    flagged = int((moments["flag"].fillna("") != "").sum())
    logging.info("%d profiles, %d fits, %d flagged", len(moments), len(fits), flagged)


main(snakemake)  # noqa: F821
