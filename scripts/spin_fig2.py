"""Snakemake entry point: Fig. 2 of paper 1 (measured chi points over equilibrium lines)."""

import logging

import pandas as pd

from spinrelax.figures.style import save_figure
from spinrelax.papers.erw10.figures.fig2 import draw_fig2, points_in_emu_per_mol


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    lines = pd.read_csv(smk.input.susceptibility)
    lines = lines[lines["variant"] == smk.params.default_variant]
    points = points_in_emu_per_mol(pd.read_csv(smk.input.points), smk.input.points)
    for path in (smk.output.png, smk.output.pdf):
        save_figure(draw_fig2(lines, points), path)
    logging.info("Fig. 2: %d measured points, %d line temperatures", len(points), len(lines))


main(snakemake)  # noqa: F821
