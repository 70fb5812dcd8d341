# spinrelax in a clone: this repository's runs (both papers, the demo) with config.yaml.
# The workflow itself is workflow/Snakefile, which deployments use as a Snakemake module.
from spinrelax.pipeline.snakemake_guard import refuse_unsafe_configs

# Config files are data: no YTE template, YAML tag or alias bomb, before Snakemake reads them
# (spinrelax.pipeline.snakemake_guard; the environment also checks --configfile files before
# parsing).
refuse_unsafe_configs(["config.yaml", *workflow.config_settings.configfiles])


configfile: "config.yaml"


include: "workflow/Snakefile"


# Snakemake takes the default target from the top-level Snakefile only: the workflow's `all`.
rule default:
    default_target: True
    input:
        rules.all.input,
