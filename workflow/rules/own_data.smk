# Generic stage for any compound: per sample, rate laws of the spectrum fits (spinrelax.rates),
# figures, tables and a neutral report, under the sheet's own root results/own/<sheet name>/;
# an index page and one parameter table collect the samples. Settings per sample: config
# `rates`, the sample's `sample_settings` block, the sheet's setting columns. A sample's DC decay
# and waveform files (sheet columns dc_glob, waveform_glob) are fitted in own_sample and joined
# to its tau series by the library function of `spinrelax report`.
from spinrelax.io.raw_files import sample_extra_files
from spinrelax.io.sample_settings import (
    checked_law_settings,
    rate_settings,
    settings_file,
    user_exclusions,
)

# Each sample's rate-law settings are checked at start-up (sheet line named on a bad value).
for _sample, _row in SAMPLES.iterrows():
    try:
        checked_law_settings(
            rate_settings(config, _sample, _row),
            file=config["samples"],
            line=int(_row["sheet_line"]),
            sample=_sample,
        )
    except SpinrelaxError as exc:
        raise WorkflowError(f"sample sheet: {exc}") from None

OWN_TARGETS += [f"{OWN_ROOT}/index.html", f"{OWN_ROOT}/rate_law_parameters.csv"] + [
    f"{OWN_ROOT}/{sample}/report.html" for sample in SAMPLES.index
]


rule own_sample:
    input:
        spectra="results/interim/spectra/{sample}.parquet",
        fits="results/fits/colecole/{sample}.csv",
        rejected="results/qc/rejected_rows/{sample}.csv",
        summary="results/qc/ingest_summary/{sample}.csv",
        identities="results/qc/raw_identity.csv",
        dc=lambda wc: sample_extra_files(
            wc.sample, "dc_glob", SAMPLES.loc[wc.sample].get("dc_glob"), WORKDIR
        ),
        waveform=lambda wc: sample_extra_files(
            wc.sample,
            "waveform_glob",
            SAMPLES.loc[wc.sample].get("waveform_glob"),
            WORKDIR,
        ),
        # the sample's settings file (its sha256 goes into the report)
        settings=lambda wc: list(filter(None, [settings_file(config, wc.sample)])),
    output:
        report=f"{OWN_ROOT}/{{sample}}/report.html",
        tables=directory(f"{OWN_ROOT}/{{sample}}/tables"),
        figures=directory(f"{OWN_ROOT}/{{sample}}/figures"),
    log:
        f"results/logs/own/{Path(OWN_ROOT).name}/{{sample}}.log",
    benchmark:
        f"results/benchmarks/own/{Path(OWN_ROOT).name}/{{sample}}.tsv"
    wildcard_constraints:
        sample="[A-Za-z0-9][A-Za-z0-9_.-]*",
    conda:
        ENV
    params:
        sample="{sample}",
        compound=lambda wc: SAMPLES.loc[wc.sample, "compound"],
        sheet=config["samples"],
        sheet_line=lambda wc: int(SAMPLES.loc[wc.sample, "sheet_line"]),
        rates=lambda wc: rate_settings(config, wc.sample, SAMPLES.loc[wc.sample]),
        fit=lambda wc: acsus_fit_settings(config, wc.sample, SAMPLES.loc[wc.sample]),
        exclusions=lambda wc: user_exclusions(config, wc.sample),
        code=script_digest("own_sample"),
    script:
        "../../scripts/own_sample.py"


rule own_index:
    input:
        reports=expand(f"{OWN_ROOT}/{{sample}}/report.html", sample=SAMPLES.index),
        tables=expand(f"{OWN_ROOT}/{{sample}}/tables", sample=SAMPLES.index),
    output:
        index=report(
            f"{OWN_ROOT}/index.html",
            caption="../report/own_index.rst",
            category="Own data",
        ),
        parameters=report(
            f"{OWN_ROOT}/rate_law_parameters.csv",
            caption="../report/own_rate_law_parameters.rst",
            category="Own data",
        ),
    log:
        f"results/logs/own/{Path(OWN_ROOT).name}/index.log",
    conda:
        ENV
    params:
        samples=list(SAMPLES.index),
        code=script_digest("own_index"),
    script:
        "../../scripts/own_index.py"
