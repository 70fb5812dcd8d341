# Stage: acsus. Tidy spectra of each sample -> batched Cole-Cole fits (one job per sample) ->
# fit, rate and QC-flag tables (each fit job's params hold only its sample's fit settings:
# config acsus, the sample's sample_settings block, the sheet's model/weighting). The papers'
# equilibrium analysis and Fig. 3 (top) are in paper1_acsus.smk.
from spinrelax.io.sample_settings import acsus_fit_settings

_ACSUS = config["acsus"]
_ACSUS_SAMPLES = list(SAMPLES.index)
# Sheet columns the fit and equilibrium tables carry (spinrelax.acsus.tables.sample_context).
_CONTEXT_COLUMNS = (
    "compound",
    "x_Er",
    "enrichment_167Er",
    "form",
    "easy_axis_angle_deg",
    "instrument",
)

PAPER1_TARGETS += [
    "results/tables/colecole_fits.csv",
    "results/tables/relaxation_rates.csv",
    "results/qc/fit_flags.csv",
]


rule acsus_fit_sample:
    input:
        spectra="results/interim/spectra/{sample}.parquet",
    output:
        fits="results/fits/colecole/{sample}.csv",
    log:
        "results/logs/acsus/fit_{sample}.log",
    benchmark:
        "results/benchmarks/acsus/fit_{sample}.tsv"
    wildcard_constraints:
        sample="[A-Za-z0-9][A-Za-z0-9_.-]*",
    conda:
        ENV
    params:
        acsus=lambda wc: acsus_fit_settings(config, wc.sample, SAMPLES.loc[wc.sample]),
        code=script_digest("acsus_fit_sample"),
    script:
        "../../scripts/acsus_fit_sample.py"


rule acsus_aggregate:
    input:
        fits=expand("results/fits/colecole/{sample}.csv", sample=_ACSUS_SAMPLES),
    output:
        colecole=report(
            "results/tables/colecole_fits.csv",
            caption="../report/colecole_fits.rst",
            category="AC susceptibility",
        ),
        rates=report(
            "results/tables/relaxation_rates.csv",
            caption="../report/relaxation_rates.rst",
            category="AC susceptibility",
        ),
        flags=report(
            "results/qc/fit_flags.csv",
            caption="../report/fit_flags.rst",
            category="Quality control",
        ),
    log:
        "results/logs/acsus/aggregate.log",
    conda:
        ENV
    params:
        sheet=sheet_records(*_CONTEXT_COLUMNS),
        code=script_digest("acsus_aggregate"),
    script:
        "../../scripts/acsus_aggregate.py"
