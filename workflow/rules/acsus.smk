# Stage: acsus. Tidy spectra of each sample -> batched Cole-Cole fits (one job per sample) ->
# fit, rate and QC-flag tables (each fit job's params hold only its sample's fit settings:
# config acsus, the sample's sample_settings block or settings file, the sheet's model/weighting;
# the spectra and points the user excluded leave the fit). The papers' equilibrium analysis
# and Fig. 3 (top) are in paper1_acsus.smk.
from spinrelax.io.sample_settings import acsus_fit_settings, user_exclusions

# Each sample's settings file and excluded spectra and points are checked at start-up (a
# malformed settings file is named with its line and key).
for _sample in SAMPLES.index:
    try:
        user_exclusions(config, _sample)
    except SpinrelaxError as exc:
        raise WorkflowError(f"settings of sample {_sample}: {exc}") from None

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
        exclusions=lambda wc: user_exclusions(config, wc.sample),
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
