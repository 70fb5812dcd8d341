"""Snakemake script: join the per-sample ac fits with the sample sheet into the fit, rate and
QC-flag tables (see workflow/rules/acsus.smk)."""

import logging

import pandas as pd

from spinrelax.acsus.tables import colecole_table, flags_table, rates_table, usable_fraction
from spinrelax.io.csv_table import write_csv


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    sheet = pd.DataFrame.from_records(smk.params.sheet)  # the columns the tables use
    fits = pd.concat(
        [pd.read_csv(f, keep_default_na=False, na_values=[""]) for f in smk.input.fits],
        ignore_index=True,
    )
    fits["flags"] = fits["flags"].astype(str).replace("nan", "")
    colecole = colecole_table(fits, sheet)
    write_csv(colecole, smk.output.colecole)
    write_csv(rates_table(colecole), smk.output.rates)
    write_csv(flags_table(colecole), smk.output.flags)
    for sample, frac in usable_fraction(colecole).items():
        logging.info("%s: %.1f %% of fits usable", sample, 100 * frac)


main(snakemake)
