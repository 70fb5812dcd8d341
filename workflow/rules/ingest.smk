# Stage: ingest. Raw ac files of each sample (sample sheet `raw_glob`) -> tidy spectra table
# (Parquet, one row per point), rejected rows and a per-file summary (rows read = used + rejected).
from spinrelax.io.raw_files import (
    display_name,
    sample_extra_files,
    sample_metadata_params,
    sample_raw_files,
)
from spinrelax.io.segmentation import SETTING_KEYS
from spinrelax.io.sample_settings import ingest_settings, sample_flag

PAPER1_TARGETS += [
    "results/interim/spectra.parquet",
    "results/qc/rejected_rows.csv",
    "results/qc/ingest_summary.csv",
]

_INGEST = config["ingest"]


rule ingest_sample:
    input:
        lambda wc: sample_raw_files(
            wc.sample, SAMPLES.loc[wc.sample, "raw_glob"], WORKDIR
        ),
    output:
        spectra="results/interim/spectra/{sample}.parquet",
        rejected="results/qc/rejected_rows/{sample}.csv",
        summary="results/qc/ingest_summary/{sample}.csv",
    log:
        "results/logs/ingest/{sample}.log",
    benchmark:
        "results/benchmarks/ingest/{sample}.tsv"
    wildcard_constraints:
        sample="[A-Za-z0-9][A-Za-z0-9_.-]*",
    conda:
        ENV
    params:
        sample="{sample}",
        names=lambda wc, input: [display_name(f, WORKDIR) for f in input],
        meta=lambda wc: sample_metadata_params(SAMPLES.loc[wc.sample]),
        # segmentation mode and tolerances (the ingest keys named like the CLI options), with
        # the sample's own block of config sample_settings
        segmentation=lambda wc: ingest_settings(config, wc.sample, SETTING_KEYS),
        chi_output=_INGEST["chi_output"],
        allow_repeats=lambda wc: sample_flag(
            config, wc.sample, SAMPLES.loc[wc.sample], "allow_repeats"
        ),
        same_sample=lambda wc: sample_flag(
            config, wc.sample, SAMPLES.loc[wc.sample], "same_sample"
        ),
        instrument=lambda wc: SAMPLES.loc[wc.sample, "instrument"],
        code=script_digest("ingest_sample"),
    script:
        "../../scripts/ingest_sample.py"


# One sample's files (ac, DC decay and waveform) by real path and data-row hash, without parsing
# their rows: the check across samples (below) then runs even when a sample's rows cannot be used.
rule raw_identity_sample:
    input:
        lambda wc: sample_raw_files(
            wc.sample, SAMPLES.loc[wc.sample, "raw_glob"], WORKDIR
        )
        + [
            f
            for col in ("dc_glob", "waveform_glob")
            for f in sample_extra_files(
                wc.sample, col, SAMPLES.loc[wc.sample].get(col), WORKDIR
            )
        ],
    output:
        identities="results/qc/raw_identity/{sample}.csv",
    log:
        "results/logs/ingest/raw_identity_{sample}.log",
    wildcard_constraints:
        sample="[A-Za-z0-9][A-Za-z0-9_.-]*",
    conda:
        ENV
    params:
        sample="{sample}",
        names=lambda wc, input: [display_name(f, WORKDIR) for f in input],
        code=script_digest("raw_identity_sample"),
    script:
        "../../scripts/raw_identity_sample.py"


# Across samples: no file (real path) or data rows in two samples (own-data runs included:
# every per-sample output waits for this check).
rule raw_identity:
    input:
        expand("results/qc/raw_identity/{sample}.csv", sample=SAMPLES.index),
    output:
        "results/qc/raw_identity.csv",
    log:
        "results/logs/ingest/raw_identity.log",
    conda:
        ENV
    params:
        allow_repeats={
            s: sample_flag(config, s, SAMPLES.loc[s], "allow_repeats")
            for s in SAMPLES.index
        },
        code=script_digest("raw_identity"),
    script:
        "../../scripts/raw_identity.py"


rule ingest_aggregate:
    input:
        identities="results/qc/raw_identity.csv",
        spectra=expand("results/interim/spectra/{sample}.parquet", sample=SAMPLES.index),
        rejected=expand("results/qc/rejected_rows/{sample}.csv", sample=SAMPLES.index),
        summary=expand("results/qc/ingest_summary/{sample}.csv", sample=SAMPLES.index),
    output:
        spectra="results/interim/spectra.parquet",
        rejected=report(
            "results/qc/rejected_rows.csv",
            caption="../report/rejected_rows.rst",
            category="Quality control",
        ),
        summary=report(
            "results/qc/ingest_summary.csv",
            caption="../report/ingest_summary.rst",
            category="Quality control",
        ),
    log:
        "results/logs/ingest/aggregate.log",
    conda:
        ENV
    params:
        code=script_digest("ingest_aggregate"),
    script:
        "../../scripts/ingest_aggregate.py"
