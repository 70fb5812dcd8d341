# Provenance and report: a sha256 manifest of every output and a provenance sidecar, both
# depending on all paper and scorecard targets (this file is included after every stage, so
# those lists are complete here). The HTML report itself is `snakemake --report
# results/report.html` (see `make report`); `scripts/check_report.py` checks it.
from spinrelax.io.sample_settings import settings_file
from spinrelax.pipeline.provenance import (
    config_sha256,
    expand_input_globs,
    git_commit,
    git_dirty,
)

PROVENANCE_TARGETS += [
    "results/manifest.tsv",
    "results/provenance.json",
]

MANIFESTED_OUTPUTS = sorted(set(PAPER1_TARGETS + PAPER2_TARGETS + SCORECARD_TARGETS))


# Inputs whose sha256 the sidecar records: the sample sheet, the raw files it names
# (raw_glob), the samples' settings files and config report.provenance_input_globs; name
# (repo-relative) -> absolute path.
PROVENANCE_INPUTS = expand_input_globs(
    [config["samples"], *config["report"]["provenance_input_globs"]]
    + (list(SAMPLES["raw_glob"]) if Path(config["samples"]).is_file() else [])
    + [f for f in (settings_file(config, s) for s in SAMPLES.index) if f],
    WORKDIR,
)


rule manifest:
    input:
        outputs=MANIFESTED_OUTPUTS,
    output:
        manifest=report(
            "results/manifest.tsv",
            caption="../report/manifest.rst",
            category="Provenance",
        ),
    log:
        "results/logs/manifest.log",
    benchmark:
        "results/benchmarks/manifest.tsv"
    conda:
        ENV
    params:
        code=script_digest("provenance_manifest"),
    script:
        "../../scripts/provenance_manifest.py"


# The raw-file list is an input function and the parameters hold digests only: no file name,
# absolute path or configuration string reaches the HTML report through this rule.
rule provenance:
    input:
        outputs=MANIFESTED_OUTPUTS,
        data=lambda wildcards: list(PROVENANCE_INPUTS.values()),
    output:
        sidecar=report(
            "results/provenance.json",
            caption="../report/provenance.rst",
            category="Provenance",
        ),
    log:
        "results/logs/provenance.log",
    conda:
        ENV
    params:
        config_sha256=config_sha256(
            {k: v for k, v in config.items() if k != "simulate"}
        ),
        git_commit=git_commit(REPO),
        git_dirty=git_dirty(REPO),
        code=script_digest("provenance_sidecar"),
    script:
        "../../scripts/provenance_sidecar.py"
