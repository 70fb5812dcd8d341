"""Snakemake script: the raw files of every sample, checked across samples (ingest.smk)."""

import logging

import pandas as pd

from spinrelax.io.csv_table import write_csv
from spinrelax.io.duplicates import check_cross_sample_repeats


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    table = pd.concat([pd.read_csv(p, dtype=str) for p in smk.input], ignore_index=True)
    try:
        check_cross_sample_repeats(table, smk.params.allow_repeats)
    except Exception as exc:
        logging.error("%s", exc)
        raise
    write_csv(table.sort_values(["sample", "file"], kind="stable"), smk.output[0])
    logging.info("%d files of %d samples: no file or data rows in two samples", len(table),
                 table["sample"].nunique())  # fmt: skip


if __name__ == "__main__":
    main(snakemake)
