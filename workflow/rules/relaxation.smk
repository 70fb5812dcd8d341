# Stage: relaxation. Rate laws, phonon master equation over the crystal-field levels and the
# tunnelling picture of ErW10 (paper 1, Figs. 3 bottom and 4; Eq. 2), plus their scorecard part.
RELAXATION_TABLES = {
    "parameters": "results/tables/relaxation_parameters.csv",
    "tunnelling": "results/tables/tunnelling.csv",
    "line": "results/tables/relaxation_standard_theory.csv",
    "paths": "results/tables/relaxation_dominant_paths.csv",
    "x_points": "results/tables/relaxation_rates_2K_vs_x.csv",
    "field_points": "results/tables/relaxation_rates_2K_vs_H.csv",
    "excluded": "results/qc/relaxation_excluded.csv",
    "channels": "results/tables/erw10_167Er_channels.csv",
}
RELAXATION_FIGURES = {
    name: [f"results/figures/paper1_{name}.{ext}" for ext in ("png", "pdf")]
    for name in ("fig3_bottom", "fig4")
}
PAPER1_TARGETS += (
    list(RELAXATION_TABLES.values())
    + ["results/tables/global_vs_twostep.csv"]
    + [f for files in RELAXATION_FIGURES.values() for f in files]
)
SCORECARD_PARTS += ["results/tables/scorecard_parts/relaxation.csv"]


rule relaxation_models:
    input:
        rates="results/tables/relaxation_rates.csv",
        equilibrium="results/tables/equilibrium.csv",
    output:
        **{
            key: report(
                path,
                caption=f"../report/{Path(path).stem}.rst",
                category="Paper 1 relaxation",
            )
            for key, path in RELAXATION_TABLES.items()
        },
        scorecard="results/tables/scorecard_parts/relaxation.csv",
    log:
        "results/logs/relaxation_models.log",
    benchmark:
        "results/benchmarks/relaxation_models.tsv"
    conda:
        ENV
    params:
        cfg=config["relaxation"],
        spin=spin_variants(
            config["relaxation"]["spin_variant"],
            *config["relaxation"]["compare_spin_variants"],
            keys=["H_perp_dip_Oe"],
        ),
        theta_sample=config["acsus"]["scorecard_sample"],
        sheet=SAMPLES[
            [
                "sample_id",
                "enrichment_167Er",
                "molar_mass_g_per_mol",
                "easy_axis_angle_deg",
            ]
        ].to_dict("records"),
        code=script_digest("relaxation_models"),
    script:
        "../../scripts/relaxation_models.py"


rule relaxation_figures:
    input:
        rates="results/tables/relaxation_rates.csv",
        parameters=RELAXATION_TABLES["parameters"],
        tunnelling=RELAXATION_TABLES["tunnelling"],
        line=RELAXATION_TABLES["line"],
        x_points=RELAXATION_TABLES["x_points"],
        field_points=RELAXATION_TABLES["field_points"],
    output:
        fig3=[
            report(
                f,
                caption="../report/paper1_fig3_bottom.rst",
                category="Paper 1 relaxation",
            )
            for f in RELAXATION_FIGURES["fig3_bottom"]
        ],
        fig4=[
            report(
                f,
                caption="../report/paper1_fig4.rst",
                category="Paper 1 relaxation",
            )
            for f in RELAXATION_FIGURES["fig4"]
        ],
    log:
        "results/logs/relaxation_figures.log",
    conda:
        ENV
    params:
        zero_field_max_Oe=config["relaxation"]["plateau"]["zero_field_max_Oe"],
        code=script_digest("relaxation_figures"),
    script:
        "../../scripts/relaxation_figures.py"


rule relaxation_global_fit:
    input:
        spectra="results/interim/spectra/{sample}.parquet",
        parameters=RELAXATION_TABLES["parameters"],
    output:
        "results/interim/global_fit/{sample}.csv",
    log:
        "results/logs/relaxation_global_fit/{sample}.log",
    benchmark:
        "results/benchmarks/relaxation_global_fit/{sample}.tsv"
    conda:
        ENV
    params:
        window_K=config["relaxation"]["fit"]["full_law_window_K"],
        zero_field_max_Oe=config["relaxation"]["plateau"]["zero_field_max_Oe"],
        code=script_digest("relaxation_global_fit"),
    script:
        "../../scripts/relaxation_global_fit.py"


rule relaxation_global_collect:
    input:
        lambda wildcards: expand(
            "results/interim/global_fit/{sample}.csv",
            sample=SAMPLES.index,
        ),
    output:
        report(
            "results/tables/global_vs_twostep.csv",
            caption="../report/global_vs_twostep.rst",
            category="Paper 1 relaxation",
        ),
    log:
        "results/logs/relaxation_global_collect.log",
    conda:
        ENV
    params:
        code=script_digest("relaxation_global_collect"),
    script:
        "../../scripts/relaxation_global_collect.py"
