# Scorecard: every quantitative statement of both papers beside the reproduced value.
SCORECARD_TARGETS += [
    "results/tables/scorecard.csv",
    "results/tables/scorecard.html",
]


rule scorecard:
    input:
        paper_values=[
            "data/literature/paper1_values.csv",
            "data/literature/paper2_values.csv",
        ],
        parts=SCORECARD_PARTS,
    output:
        table=report(
            "results/tables/scorecard.csv",
            caption="../report/scorecard.rst",
            category="Scorecard",
        ),
        html=report(
            "results/tables/scorecard.html",
            caption="../report/scorecard.rst",
            category="Scorecard",
        ),
    log:
        "results/logs/scorecard.log",
    conda:
        ENV
    params:
        code=script_digest("scorecard"),
    script:
        "../../scripts/scorecard.py"
