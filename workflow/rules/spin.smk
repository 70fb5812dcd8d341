# Stage: spin. Crystal-field Hamiltonian of ErW10 (paper 1, Eq. 1): levels, g values, tunnel
# splitting, electronuclear levels, equilibrium chi (tables), Figs. 1(b-d) and 2.
SPIN_TABLES = {
    "levels": "results/tables/erw10_levels.csv",
    "doublets": "results/tables/erw10_doublets.csv",
    "tunnel_splitting": "results/tables/erw10_tunnel_splitting.csv",
    "hyperfine_levels": "results/tables/erw10_hyperfine_levels.csv",
    "susceptibility": "results/tables/erw10_susceptibility.csv",
    "level_sweep": "results/tables/erw10_level_sweep.csv",
    "variant_check": "results/tables/erw10_variant_check.csv",
}
SPIN_FIGURES = {
    name: [f"results/figures/paper1_{name}.{ext}" for ext in ("png", "pdf")]
    for name in ("fig1b", "fig1c", "fig1d", "fig2")
}
PAPER1_TARGETS += list(SPIN_TABLES.values()) + [
    f for files in SPIN_FIGURES.values() for f in files
]
SCORECARD_PARTS += ["results/tables/scorecard_parts/spin.csv"]


rule spin_tables:
    input:
        paper_values="data/literature/paper1_values.csv",
    output:
        **{
            key: report(
                path,
                caption=f"../report/{Path(path).stem}.rst",
                category="Paper 1 spin Hamiltonian",
            )
            for key, path in SPIN_TABLES.items()
        },
        scorecard_part="results/tables/scorecard_parts/spin.csv",
    log:
        "results/logs/spin_tables.log",
    benchmark:
        "results/benchmarks/spin_tables.tsv"
    conda:
        ENV
    params:
        spin=config["spin"],
        code=script_digest("spin_tables"),
    script:
        "../../scripts/spin_tables.py"


rule spin_fig1:
    input:
        levels=SPIN_TABLES["levels"],
        sweep=SPIN_TABLES["level_sweep"],
    output:
        **{
            f"{name}_{ext}": report(
                f"results/figures/paper1_{name}.{ext}",
                caption=f"../report/paper1_{name}.rst",
                category="Paper 1 figures",
            )
            for name in ("fig1b", "fig1c", "fig1d")
            for ext in ("png", "pdf")
        },
    log:
        "results/logs/spin_fig1.log",
    conda:
        ENV
    params:
        spin=spin_variants(config["spin"]["default_variant"]),
        code=script_digest("spin_fig1"),
    script:
        "../../scripts/spin_fig1.py"


rule spin_fig2:
    input:
        susceptibility=SPIN_TABLES["susceptibility"],
        points="results/tables/equilibrium_chi_points.csv",
    output:
        png=report(
            "results/figures/paper1_fig2.png",
            caption="../report/paper1_fig2.rst",
            category="Paper 1 figures",
        ),
        pdf=report(
            "results/figures/paper1_fig2.pdf",
            caption="../report/paper1_fig2.rst",
            category="Paper 1 figures",
        ),
    log:
        "results/logs/spin_fig2.log",
    conda:
        ENV
    params:
        default_variant=config["spin"]["default_variant"],
        code=script_digest("spin_fig2"),
    script:
        "../../scripts/spin_fig2.py"
