"""Snakemake entry point: provenance sidecar (versions, git commit, config and input hashes).

Input names are the paths relative to the checkout (the folder above this script), computed
here so that no file name travels through the rule's parameters into the HTML report.
"""

import logging
from pathlib import Path

from spinrelax.pipeline.provenance import provenance_record, relative_name, write_json


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    repo = Path(smk.scriptdir).parent
    record = provenance_record(
        config_digest=smk.params.config_sha256,
        input_files={relative_name(f, repo): f for f in smk.input.data},
        commit=smk.params.git_commit,
        dirty=smk.params.git_dirty,
    )
    write_json(record, smk.output.sidecar)
    logging.info(
        "commit %s (dirty: %s), config %s, %d input files",
        record["git_commit"],
        record["git_dirty"],
        record["config_sha256"][:12],
        len(record["input_files_sha256"]),
    )


main(snakemake)  # noqa: F821
