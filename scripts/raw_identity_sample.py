"""Snakemake script: one sample's raw files identified by real path and data-row hash
(spinrelax.io.ingest.file_identities), for the check across samples (ingest.smk)."""

import logging
from pathlib import Path

from spinrelax.io.csv_table import write_csv
from spinrelax.io.ingest import file_identities
from spinrelax.io.raw_files import display_name
from spinrelax.pipeline.job_errors import one_line_errors


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    files = list(zip(list(smk.input), list(smk.params.names), strict=True))
    with one_line_errors(f"identity of the files of sample {smk.params.sample}"):
        table = file_identities(smk.params.sample, files)
    # real paths inside the working folder are stored relative to it, as the file names are
    real = [display_name(p, Path.cwd()) for p in table["real_path"]]
    write_csv(table.assign(real_path=real), smk.output.identities)


if __name__ == "__main__":
    main(snakemake)
