# Stage: virtual ac magnetometer (SYNTHETIC raw data of paper 1; only wired when config
# virtual_instruments is true). Reads the truth model config["simulate"]["acsus"] and the
# sample sheet; writes real-format raw files into data/raw/acsus/ (committed).
_SIM_ACSUS = config["simulate"]["acsus"]
_SIM_ACSUS_FILES = [
    f"{_SIM_ACSUS['out_dir']}/{run['file']}" for run in _SIM_ACSUS["runs"]
]

SIMULATE_TARGETS += _SIM_ACSUS_FILES + ["results/simulate/acsus_imperfections.csv"]


rule simulate_acsus:
    input:
        samples=config["samples"],
    output:
        raw=_SIM_ACSUS_FILES,
        imperfections=report(
            "results/simulate/acsus_imperfections.csv",
            caption="../report/simulate_acsus_imperfections.rst",
            category="Virtual instruments",
        ),
    log:
        "results/logs/simulate_acsus.log",
    benchmark:
        "results/benchmarks/simulate_acsus.tsv"
    conda:
        ENV
    params:
        truth=_SIM_ACSUS,
        code=script_digest("simulate_acsus"),
    script:
        "../../scripts/simulate_acsus.py"
