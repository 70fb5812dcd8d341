"""Snakemake entry point: paper 1 Fig. 3 bottom and Fig. 4."""

import logging

import pandas as pd

from spinrelax.figures.style import save_figure
from spinrelax.papers.erw10.figures.relaxation import fig3_bottom, fig4


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    rates = pd.read_csv(smk.input.rates)
    rates["usable"] = rates["usable"].astype(str).str.strip().str.lower().isin(["true", "1"])
    parameters = pd.read_csv(smk.input.parameters)
    tunnelling = pd.read_csv(smk.input.tunnelling)
    line = pd.read_csv(smk.input.line)
    x_points = pd.read_csv(smk.input.x_points)
    field_points = pd.read_csv(smk.input.field_points)
    h0 = smk.params.zero_field_max_Oe
    for path in smk.output.fig3:
        save_figure(fig3_bottom(rates, line, tunnelling, h0), path)
    for path in smk.output.fig4:
        save_figure(fig4(x_points, field_points, parameters, h0), path)
    logging.info("%d rates (%d usable) drawn", len(rates), int(rates["usable"].sum()))


main(snakemake)
