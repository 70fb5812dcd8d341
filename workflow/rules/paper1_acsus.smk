# Paper 1, ac susceptibility: equilibrium response of the ErW10 samples (Curie-Weiss, T_N, 1/N
# limit), the Fig. 2 points table, Fig. 3 (top) and the acsus scorecard part. Needs the papers'
# settings (config acsus.equilibrium, fig3_sample, scorecard_sample).
PAPER1_TARGETS += [
    "results/tables/equilibrium.csv",
    "results/tables/equilibrium_chi_points.csv",
    "results/figures/paper1_fig3_top.png",
    "results/figures/paper1_fig3_top.pdf",
]
SCORECARD_PARTS += ["results/tables/scorecard_parts/acsus.csv"]


rule acsus_equilibrium:
    input:
        spectra=expand(
            "results/interim/spectra/{sample}.parquet", sample=_ACSUS_SAMPLES
        ),
        fits="results/tables/colecole_fits.csv",
    output:
        equilibrium=report(
            "results/tables/equilibrium.csv",
            caption="../report/equilibrium.rst",
            category="AC susceptibility",
        ),
        points=report(
            "results/tables/equilibrium_chi_points.csv",
            caption="../report/equilibrium_chi_points.rst",
            category="AC susceptibility",
        ),
        scorecard="results/tables/scorecard_parts/acsus.csv",
    log:
        "results/logs/acsus/equilibrium.log",
    conda:
        ENV
    params:
        acsus=_ACSUS,
        sheet=sheet_records(*_CONTEXT_COLUMNS, "molar_mass_g_per_mol"),
        code=script_digest("acsus_equilibrium"),
    script:
        "../../scripts/acsus_equilibrium.py"


rule acsus_fig3_top:
    input:
        spectra=f"results/interim/spectra/{_ACSUS['fig3_sample']}.parquet",
        fits=f"results/fits/colecole/{_ACSUS['fig3_sample']}.csv",
    output:
        png=report(
            "results/figures/paper1_fig3_top.png",
            caption="../report/paper1_fig3_top.rst",
            category="Paper 1 figures",
        ),
        pdf=report(
            "results/figures/paper1_fig3_top.pdf",
            caption="../report/paper1_fig3_top.rst",
            category="Paper 1 figures",
        ),
    log:
        "results/logs/acsus/fig3_top.log",
    conda:
        ENV
    params:
        code=script_digest("acsus_fig3_top"),
    script:
        "../../scripts/acsus_fig3_top.py"
