"""Snakemake script: Fig. 3 (top) of paper 1 (see workflow/rules/acsus.smk)."""

import logging

import pandas as pd

from spinrelax.papers.erw10.figures.spectra import plot_fig3_top


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w", format="%(message)s")
    points = pd.read_parquet(smk.input.spectra)
    fits = pd.read_csv(smk.input.fits, keep_default_na=False, na_values=[""])
    fits["flags"] = fits["flags"].astype(str).replace("nan", "")
    unit = str(points["chi_unit"].iloc[0]) if len(points) else ""
    stem = smk.output.png.removesuffix(".png")
    shown = plot_fig3_top(points, fits, unit, stem)
    logging.info(
        "Fig. 3 top: %d spectra at T = %s K",
        len(shown),
        ", ".join(f"{t:.3g}" for t in shown["T_K"]),
    )


main(snakemake)
