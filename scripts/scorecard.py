"""Snakemake entry point: join paper values with the reproduced parts into the scorecard."""

import logging
from pathlib import Path

from spinrelax.io.csv_table import write_csv
from spinrelax.papers.scorecard import (
    build_scorecard,
    read_paper_values,
    read_parts,
    scorecard_html,
)


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    card = build_scorecard(
        read_paper_values(smk.input.paper_values), read_parts(list(smk.input.parts))
    )
    write_csv(card, smk.output.table)
    Path(smk.output.html).write_text(scorecard_html(card), encoding="utf-8")
    logging.info("%d of %d paper values agree", int(card["agrees"].sum()), len(card))


main(snakemake)  # noqa: F821
