# spinrelax: raw magnetometer and cluster-beam files -> fits -> models -> every figure and
# table of both papers, plus a scorecard. Wiring only: rules live in workflow/rules/.
import os
import sys

from snakemake.utils import min_version, validate

from spinrelax.portable_numerics import portable_numerics_env
from spinrelax.snakemake_guard import refuse_unsafe_configs
from spinrelax.workflow_checks import check_startup

# Jobs inherit this environment: the same BLAS kernels and numpy loops on every x86-64 host,
# so a rerun elsewhere gives the same numbers (spinrelax.portable_numerics).
os.environ.update(portable_numerics_env(os.environ))

min_version("9.0")

# Config files are data: no YTE template, YAML tag or alias bomb, before Snakemake reads them
# (spinrelax.snakemake_guard; the environment also checks --configfile files before parsing).
refuse_unsafe_configs(["config.yaml", *workflow.config_settings.configfiles])


configfile: "config.yaml"


validate(config, "workflow/schemas/config.schema.yaml")


report: "workflow/report/workflow.rst"


include: "workflow/rules/common.smk"


# Cross-field config checks, sample names, paths Snakemake cannot take: one line per problem
# (in the main process only; cluster jobs parse this file again).
if workflow.is_main_process:
    check_startup(
        config,
        SAMPLES[["form", "raw_glob"]].to_dict("index"),
        REPO,
        sys.executable,
        targets=requested_targets(),
        paper_sheet=PAPER_SHEET_RUN,
    )


include: "workflow/rules/ingest.smk"
include: "workflow/rules/acsus.smk"
include: "workflow/rules/spin.smk"
include: "workflow/rules/relaxation.smk"
include: "workflow/rules/clusters.smk"
include: "workflow/rules/scorecard.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/own_data.smk"


if config["virtual_instruments"]:

    include: "workflow/rules/simulate_acsus.smk"
    include: "workflow/rules/simulate_clusters.smk"

    rule simulate:
        input:
            SIMULATE_TARGETS,


# The default target: the papers on the papers' sheet, the generic outputs on any other.
rule all:
    default_target: True
    input:
        (
            PAPER1_TARGETS + PAPER2_TARGETS + SCORECARD_TARGETS + PROVENANCE_TARGETS
            if PAPER_SHEET_RUN
            else OWN_TARGETS
        ),


# Generic per-sample outputs (rate laws, figures, neutral report) of the sheet's samples.
rule own:
    input:
        OWN_TARGETS,


rule paper1:
    input:
        PAPER1_TARGETS,


rule paper2:
    input:
        PAPER2_TARGETS,
