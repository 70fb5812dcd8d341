"""Snakemake entry point: the virtual cluster-beam instrument writes the raw deflection files."""

import logging
from pathlib import Path

import pandas as pd

from spinrelax.io.csv_table import write_csv
from spinrelax.simulate.deflection_instrument import truth_rows, write_campaign
from spinrelax.simulate.deflection_truth import calibration_truth, truth_table


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    cfg = smk.params.truth
    truths = [calibration_truth(cfg)] + truth_table(cfg)
    paths = write_campaign(truths, cfg, Path(smk.params.out_dir))
    write_csv(pd.DataFrame(truth_rows(truths)), smk.output.truth)
    logging.info("wrote %d synthetic deflection profiles", len(paths))


main(snakemake)  # noqa: F821
