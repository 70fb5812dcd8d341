"""Snakemake entry point: provenance sidecar (versions, git commit, config and input hashes)."""

import logging

from spinrelax.provenance import provenance_record, write_json


def main(smk) -> None:
    logging.basicConfig(filename=smk.log[0], level=logging.INFO, filemode="w")
    record = provenance_record(
        config=smk.params.analysis_config,
        input_files=dict(zip(smk.params.input_names, smk.input.data, strict=True)),
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
