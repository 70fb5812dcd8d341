"""Snakemake entry point: the clusters part of the scorecard (paper-2 moments and claims)."""

import logging

import pandas as pd

from spinrelax.io.csv_table import write_csv
from spinrelax.papers.clusters.scorecard_part import build_part


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    part = build_part(
        pd.read_csv(smk.input.moments),
        pd.read_csv(smk.input.paper_values),
        smk.params.baseline_condition,
        stated=pd.read_csv(smk.input.stated),
        hot_condition=smk.params.hot_condition,
    )
    write_csv(part, smk.output.part)
    logging.info("%d clusters scorecard rows", len(part))


main(snakemake)  # noqa: F821
