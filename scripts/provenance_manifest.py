"""Snakemake entry point: sha256 manifest (with table signatures) of every workflow output."""

import logging
from pathlib import Path

from spinrelax.pipeline.manifest import build_manifest, write_manifest


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    manifest = build_manifest(list(smk.input.outputs), root=Path.cwd())
    write_manifest(manifest, smk.output.manifest)
    counts = manifest["kind"].value_counts().sort_index()
    logging.info("manifest of %d outputs: %s", len(manifest), dict(counts))


main(snakemake)  # noqa: F821
