"""Snakemake script: fit every ac spectrum of one sample (see workflow/rules/acsus.smk)."""

import logging
import time

import pandas as pd

from spinrelax.acsus.fitting import fit_spectra
from spinrelax.acsus.settings import fit_settings
from spinrelax.acsus.tables import sample_fit_table
from spinrelax.io.csv_table import write_csv
from spinrelax.io.user_exclusions import exclude_from_sample
from spinrelax.pipeline.job_errors import one_line_errors


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    points = pd.read_parquet(smk.input.spectra)
    with one_line_errors(f"spectrum fits of sample {smk.wildcards.sample}"):
        points, _ = exclude_from_sample(points, pd.DataFrame(columns=["file", "line", "reason"]),
                                        smk.params.exclusions)  # fmt: skip
    settings = fit_settings(smk.params.acsus)
    start = time.perf_counter()
    fits = fit_spectra(points, ["sample", "spectrum"], settings)
    elapsed = time.perf_counter() - start
    table = sample_fit_table(points, fits)
    write_csv(table, smk.output.fits)
    n = len(table)
    logging.info(
        "%s: %d spectra, model %s, %d usable, %d converged, %.3f ms per spectrum",
        smk.wildcards.sample,
        n,
        settings.model,
        int(table["usable"].sum()),
        int(table["converged"].sum()),
        1e3 * elapsed / max(n, 1),
    )
    for row in table[table["flags"].fillna("") != ""].itertuples():
        logging.info(
            "spectrum %d (T = %.4g K, H = %.4g Oe): %s", row.spectrum, row.T_K, row.H_Oe, row.flags
        )


main(snakemake)
