"""Snakemake script: index page and parameter table of every sample of a sheet (own_data.smk)."""

import logging

from spinrelax.sample_report.index import write_index


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    write_index(smk.output.index, smk.output.parameters, smk.params.samples, smk.input.tables)
    logging.info("%d samples indexed", len(smk.params.samples))


main(snakemake)
