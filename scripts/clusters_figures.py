"""Snakemake entry point: Figs. 1-5 of paper 2 and the V/Nb/Ta relaxation-law figure."""

import logging
from pathlib import Path

import pandas as pd

from spinrelax.figures.style import save_figure
from spinrelax.io.deflection_profile import read_deflection_profile
from spinrelax.papers.clusters.figures.overview import OVERVIEW_SIZES, overview_figure
from spinrelax.papers.clusters.figures.pressure import pressure_figure
from spinrelax.papers.clusters.figures.relaxation import relaxation_figure
from spinrelax.papers.clusters.figures.temperature import temperature_figure


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    moments = pd.read_csv(smk.input.moments)
    profiles = {Path(p).name: read_deflection_profile(p) for p in smk.input.profiles}
    p = smk.params.clusters
    figures = {
        f"paper2_fig{k}": overview_figure(moments, profiles, el, sizes, p["baseline_condition"])
        for k, (el, sizes) in OVERVIEW_SIZES.items()
    }
    figures["paper2_fig2"] = temperature_figure(
        moments, profiles, p["fig2_sizes"], p["fig2_source_T_K"]
    )
    figures["paper2_fig3"] = pressure_figure(moments, profiles, p["fig3_conditions"])
    figures["paper2_relaxation_laws"] = relaxation_figure(moments, p["relaxation_figure"])
    for path in smk.output:
        save_figure(figures[Path(path).stem], path)
        logging.info("wrote %s", path)


main(snakemake)  # noqa: F821
