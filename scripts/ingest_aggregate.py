"""Snakemake script: concatenate the per-sample ingest outputs (see workflow/rules/ingest.smk)."""

import logging

import pandas as pd

from spinrelax.io.csv_table import write_csv
from spinrelax.io.ingest import IngestResult, combine_results
from spinrelax.io.spectra_table import read_spectra_table, write_spectra_table


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    inputs = zip(smk.input.spectra, smk.input.rejected, smk.input.summary, strict=True)
    results = [
        IngestResult(read_spectra_table(s), pd.read_csv(r), pd.read_csv(m)) for s, r, m in inputs
    ]
    combined = combine_results(results)
    write_spectra_table(combined.spectra, smk.output.spectra)
    write_csv(combined.rejected, smk.output.rejected)
    write_csv(combined.summary, smk.output.summary)
    s = combined.summary
    logging.info(
        "%d samples, %d files: read %d, used %d, rejected %d rows; %d spectra",
        s["sample"].nunique(),
        len(s),
        s["rows_read"].sum(),
        s["rows_used"].sum(),
        s["rows_rejected"].sum(),
        s["spectra"].sum(),
    )


if __name__ == "__main__":
    main(snakemake)
