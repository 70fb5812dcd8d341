# spinrelax in a clone: this repository's runs (both papers, the demo) with config.yaml.
# The workflow itself is workflow/Snakefile, which deployments use as a Snakemake module.


configfile: "config.yaml"


include: "workflow/Snakefile"


# Snakemake takes the default target from the top-level Snakefile only: the workflow's `all`.
rule default:
    default_target: True
    input:
        rules.all.input,
