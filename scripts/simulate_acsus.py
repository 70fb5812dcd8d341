"""Snakemake entry point: the virtual ac magnetometer writes the SYNTHETIC raw files of paper 1."""

import logging
from pathlib import Path

from spinrelax.io.csv_table import write_csv
from spinrelax.simulate import generate_acsus


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    out_dir = Path(smk.output.raw[0]).parent  # every raw output lives in simulate.acsus.out_dir
    events = generate_acsus(smk.params.truth, smk.input.samples, out_dir)
    write_csv(events.sort_values(["file", "row"], ignore_index=True), smk.output.imperfections)
    for path in smk.output.raw:
        logging.info("wrote %s (%d bytes)", path, Path(path).stat().st_size)
    for (file, kind), n in events.groupby(["file", "kind"]).size().items():
        logging.info("%s: %d x %s", file, n, kind)


main(snakemake)  # noqa: F821
