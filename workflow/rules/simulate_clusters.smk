# Stage: virtual cluster-beam instrument (SYNTHETIC raw data of paper 2; only wired when
# config virtual_instruments is true). It reads the truth table config["simulate"]["clusters"].
from spinrelax.simulate.deflection_truth import calibration_truth, truth_table

_SIM_CLUSTERS = config["simulate"]["clusters"]
_SIM_CLUSTERS_FILES = [
    f"{_SIM_CLUSTERS['out_dir']}/{t.file_name}"
    for t in [calibration_truth(_SIM_CLUSTERS)] + truth_table(_SIM_CLUSTERS)
]

SIMULATE_TARGETS += _SIM_CLUSTERS_FILES + ["results/simulate/deflection_truth.csv"]


rule simulate_clusters:
    output:
        profiles=_SIM_CLUSTERS_FILES,
        truth="results/simulate/deflection_truth.csv",
    log:
        "results/logs/simulate_clusters.log",
    benchmark:
        "results/benchmarks/simulate_clusters.tsv"
    conda:
        ENV
    params:
        truth=_SIM_CLUSTERS,
        out_dir=lambda w, output: str(Path(output.profiles[0]).parent),
        code=script_digest("simulate_clusters"),
    script:
        "../../scripts/simulate_clusters.py"
