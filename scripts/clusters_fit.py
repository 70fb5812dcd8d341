"""Snakemake entry point: analyse one shard of deflection profile files (moments + QC fits)."""

import logging

import pandas as pd

from spinrelax.io.csv_table import write_csv
from spinrelax.papers.clusters.analysis import Calibration
from spinrelax.papers.clusters.batch import analyse_files


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    calibration = None
    if smk.input.calibration:
        cal = pd.read_csv(smk.input.calibration[0]).iloc[0]
        calibration = Calibration(float(cal["K_T_m"]), float(cal["K_err_T_m"]), "calibration_run")
    p = smk.params.clusters
    moments, fits = analyse_files(
        list(smk.input.profiles),
        calibration=calibration,
        T_sigma_K=p["T_cluster_sigma_K"],
        detection_sigma=p["detection_sigma"],
        upper_limit_sigma=p["upper_limit_sigma"],
        relaxed_flag_fraction=p["relaxed_flag_fraction"],
    )
    write_csv(moments, smk.output.moments)
    write_csv(fits, smk.output.fits)
    logging.info("analysed %d files, %d fits", len(moments), len(fits))


main(snakemake)  # noqa: F821
