"""Snakemake script: equilibrium chi(T) points, Curie-Weiss, T_N, demagnetising limit and the
acsus scorecard part (see workflow/rules/acsus.smk)."""

import logging

import pandas as pd

from spinrelax.acsus.equilibrium_tables import chi_points_table, equilibrium_table, scorecard_part
from spinrelax.acsus.settings import equilibrium_settings
from spinrelax.io.csv_table import write_csv


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    sheet = pd.DataFrame.from_records(smk.params.sheet)  # the columns the tables use
    points = pd.concat([pd.read_parquet(f) for f in smk.input.spectra], ignore_index=True)
    fits = pd.read_csv(smk.input.fits, keep_default_na=False, na_values=[""])
    settings = equilibrium_settings(smk.params.acsus)
    eq = equilibrium_table(points, fits, sheet, settings)
    write_csv(eq, smk.output.equilibrium)
    write_csv(chi_points_table(points, fits, sheet, settings), smk.output.points)
    part = scorecard_part(eq, smk.params.acsus["scorecard_sample"])
    write_csv(part, smk.output.scorecard)
    for row in part.itertuples():
        logging.info("%s = %.6g +- %.3g (%s)", row.id, row.reproduced, row.reproduced_err, row.note)


main(snakemake)
