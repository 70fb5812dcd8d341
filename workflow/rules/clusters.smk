# Stage: clusters (paper 2). Raw deflection profiles -> Al gradient calibration -> sharded
# profile fits -> moments table + QC fits -> Table I, Figs. 1-5, relaxation-law figure and the
# clusters scorecard part. Reads only the raw files, never the simulate: truth.
_CLUSTERS = config["clusters"]
_CLUSTERS_CAL = _CLUSTERS["calibration_file"] if _CLUSTERS["calibration_file"] else None
_CLUSTERS_FILES = sorted(
    str(p) for p in Path(_CLUSTERS["raw_dir"]).glob("*.csv") if str(p) != _CLUSTERS_CAL
)
_CLUSTERS_SHARDS = [
    f"{k:02d}"
    for k in range(min(_CLUSTERS["fit_shards"], max(len(_CLUSTERS_FILES), 1)))
]
_PAPER2_FIGURES = [f"paper2_fig{k}" for k in range(1, 6)] + ["paper2_relaxation_laws"]

PAPER2_TARGETS += [
    "results/tables/cluster_moments.csv",
    "results/qc/deflection_fits.csv",
    "results/tables/table1_vanadium.csv",
    "results/tables/table1_vanadium.md",
    "results/tables/table1_vanadium.tex",
] + expand("results/figures/{fig}.{ext}", fig=_PAPER2_FIGURES, ext=["png", "pdf"])
if _CLUSTERS_CAL:
    PAPER2_TARGETS += ["results/tables/cluster_calibration.csv"]
SCORECARD_PARTS += ["results/tables/scorecard_parts/clusters.csv"]


rule clusters_calibrate:
    input:
        run=_CLUSTERS_CAL or [],
    output:
        table=report(
            "results/tables/cluster_calibration.csv",
            caption="../report/cluster_calibration.rst",
            category="Clusters (paper 2)",
        ),
    log:
        "results/logs/clusters/calibrate.log",
    conda:
        ENV
    params:
        code=script_digest("clusters_calibrate"),
    script:
        "../../scripts/clusters_calibrate.py"


rule clusters_fit_shard:
    input:
        profiles=lambda wc: _CLUSTERS_FILES[int(wc.shard) :: len(_CLUSTERS_SHARDS)],
        calibration=(
            ["results/tables/cluster_calibration.csv"] if _CLUSTERS_CAL else []
        ),
    output:
        moments="results/clusters/shards/moments_{shard}.csv",
        fits="results/clusters/shards/fits_{shard}.csv",
    log:
        "results/logs/clusters/fit_{shard}.log",
    benchmark:
        "results/benchmarks/clusters/fit_{shard}.tsv"
    wildcard_constraints:
        shard="[0-9]+",
    conda:
        ENV
    params:
        clusters={
            k: _CLUSTERS[k]
            for k in (
                "T_cluster_sigma_K",
                "detection_sigma",
                "upper_limit_sigma",
                "relaxed_flag_fraction",
            )
        },
        code=script_digest("clusters_fit"),
    script:
        "../../scripts/clusters_fit.py"


rule clusters_merge:
    input:
        moments=expand(
            "results/clusters/shards/moments_{shard}.csv", shard=_CLUSTERS_SHARDS
        ),
        fits=expand("results/clusters/shards/fits_{shard}.csv", shard=_CLUSTERS_SHARDS),
    output:
        moments=report(
            "results/tables/cluster_moments.csv",
            caption="../report/cluster_moments.rst",
            category="Clusters (paper 2)",
        ),
        fits=report(
            "results/qc/deflection_fits.csv",
            caption="../report/deflection_fits.rst",
            category="Quality control",
        ),
    log:
        "results/logs/clusters/merge.log",
    conda:
        ENV
    params:
        code=script_digest("clusters_merge"),
    script:
        "../../scripts/clusters_merge.py"


rule clusters_table1:
    input:
        moments="results/tables/cluster_moments.csv",
        theory="data/literature/table1_theory.csv",
        paper_values="data/literature/paper2_values.csv",
    output:
        csv=report(
            "results/tables/table1_vanadium.csv",
            caption="../report/table1_vanadium.rst",
            category="Clusters (paper 2)",
        ),
        md=report(
            "results/tables/table1_vanadium.md",
            caption="../report/table1_vanadium.rst",
            category="Clusters (paper 2)",
        ),
        tex=report(
            "results/tables/table1_vanadium.tex",
            caption="../report/table1_vanadium.rst",
            category="Clusters (paper 2)",
        ),
    log:
        "results/logs/clusters/table1.log",
    conda:
        ENV
    params:
        baseline_condition=_CLUSTERS["baseline_condition"],
        code=script_digest("clusters_table1"),
    script:
        "../../scripts/clusters_table1.py"


rule clusters_scorecard_part:
    input:
        moments="results/tables/cluster_moments.csv",
        paper_values="data/literature/paper2_values.csv",
        stated="data/literature/paper2_behaviour.csv",
    output:
        part="results/tables/scorecard_parts/clusters.csv",
    log:
        "results/logs/clusters/scorecard_part.log",
    conda:
        ENV
    params:
        baseline_condition=_CLUSTERS["baseline_condition"],
        hot_condition=_CLUSTERS["hot_condition"],
        code=script_digest("clusters_scorecard"),
    script:
        "../../scripts/clusters_scorecard.py"


rule clusters_figures:
    input:
        moments="results/tables/cluster_moments.csv",
        profiles=lambda wildcards: _CLUSTERS_FILES,
    output:
        **{
            f"{fig}_{ext}": report(
                f"results/figures/{fig}.{ext}",
                caption=f"../report/{fig}.rst",
                category="Clusters (paper 2)",
            )
            for fig in _PAPER2_FIGURES
            for ext in ("png", "pdf")
        },
    log:
        "results/logs/clusters/figures.log",
    benchmark:
        "results/benchmarks/clusters/figures.tsv"
    conda:
        ENV
    params:
        clusters={
            k: _CLUSTERS[k]
            for k in (
                "baseline_condition",
                "fig2_sizes",
                "fig2_source_T_K",
                "fig3_conditions",
                "relaxation_figure",
            )
        },
        code=script_digest("clusters_figures"),
    script:
        "../../scripts/clusters_figures.py"
