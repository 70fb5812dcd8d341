"""Snakemake entry point: Fig. 1(b, c, d) of paper 1 from the spin-stage tables."""

import logging

import pandas as pd

from spinrelax.figures.style import save_figure
from spinrelax.papers.erw10.figures.levels import (
    classical_curve,
    draw_fig1b,
    draw_fig1c,
    draw_fig1d,
)
from spinrelax.papers.erw10.spin import load_variant


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    params = load_variant(smk.params.spin)
    levels = pd.read_csv(smk.input.levels)
    sweep = pd.read_csv(smk.input.sweep)
    nuclear = f"I={params.I:g}"
    figures = {
        "fig1b": lambda: draw_fig1b(
            levels[levels["variant"] == params.name], *classical_curve(params)
        ),
        "fig1c": lambda: draw_fig1c(sweep[sweep["variant"] == params.name]),
        "fig1d": lambda: draw_fig1d(sweep[sweep["variant"] == params.name], nuclear),
    }
    for name, draw in figures.items():
        for ext in ("png", "pdf"):
            save_figure(draw(), smk.output[f"{name}_{ext}"])
        logging.info("%s drawn for variant %s", name, params.name)


main(snakemake)  # noqa: F821
