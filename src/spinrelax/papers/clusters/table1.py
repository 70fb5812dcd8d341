"""Table I of paper 2: V moments predicted by theory (typed-in literature) beside this work.

Theory values are data (``data/literature/table1_theory.csv``: refs. 13-17 of Diaz-Bachs et al.
2022, one row per size and column, ranges kept as text). "This work" comes from the reproduced
moments table at the baseline condition; the paper's own column is shown beside it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Theory columns in the paper's order, with their headings.
THEORY_COLUMNS: dict[str, str] = {
    "ref13": "Ref. 13",
    "ref14FM": "Ref. 14 FM",
    "ref14AFM": "Ref. 14 AFM",
    "ref15": "Ref. 15",
    "ref16a": "Ref. 16a",
    "ref16b": "Ref. 16b",
    "ref17": "Ref. 17",
}
#: Sizes (rows) of Table I.
TABLE1_SIZES: tuple[int, ...] = (2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 15)


def build_table1(
    theory: pd.DataFrame,
    moments: pd.DataFrame,
    paper_values: pd.DataFrame,
    baseline_condition: str,
) -> pd.DataFrame:
    """One row per V size of Table I: theory columns (text), paper value, reproduced value.

    Non-magnetic clusters show the reproduced upper limit (``reproduced_is_upper_limit``).
    """
    wide = theory.pivot(index="n", columns="column", values="value_text")
    v = moments[(moments["element"] == "V") & (moments["condition"] == baseline_condition)]
    v = v.set_index("n")
    paper = paper_values.set_index("id")["paper_value"]
    rows = []
    for n in TABLE1_SIZES:
        row: dict = {"n": n}
        for col in THEORY_COLUMNS:
            val = wide.at[n, col] if (n in wide.index and col in wide.columns) else np.nan
            row[col] = "-" if pd.isna(val) else str(val)
        row["paper_this_work_muB"] = paper.get(f"clusters.V{n}_moment_muB", np.nan)
        if n in v.index:
            r = v.loc[n]
            upper = r["behaviour"] == "non_magnetic"
            row["reproduced_muB"] = r["moment_upper_limit_muB"] if upper else r["moment_muB"]
            row["reproduced_err_muB"] = np.nan if upper else r["moment_err_muB"]
            row["reproduced_is_upper_limit"] = bool(upper)
            row["behaviour"] = r["behaviour"]
        else:
            row.update(
                reproduced_muB=np.nan,
                reproduced_err_muB=np.nan,
                reproduced_is_upper_limit=False,
                behaviour="",
            )
        rows.append(row)
    return pd.DataFrame(rows)


def _reproduced_text(row: pd.Series) -> str:
    if pd.isna(row["reproduced_muB"]):
        return "-"
    if row["reproduced_is_upper_limit"]:
        return f"< {row['reproduced_muB']:.2g}"
    return f"{row['reproduced_muB']:.3f} ± {row['reproduced_err_muB']:.3f}"


def _paper_text(value: float) -> str:
    return "-" if pd.isna(value) else f"{value:g}"


def table1_markdown(table: pd.DataFrame) -> str:
    """Table I as GitHub Markdown (theory, paper "This work", reproduced)."""
    head = ["n", *THEORY_COLUMNS.values(), "This work (paper)", "Reproduced", "Behaviour"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for _, r in table.iterrows():
        cells = [str(r["n"]), *(r[c] for c in THEORY_COLUMNS)]
        cells += [_paper_text(r["paper_this_work_muB"]), _reproduced_text(r), r["behaviour"]]
        lines.append("| " + " | ".join(cells) + " |")
    return (
        "Table I (paper 2): magnetic moments of V_n (muB) predicted by refs. 13-17 and measured.\n\n"
        + "\n".join(lines)
        + "\n"
    )


def table1_latex(table: pd.DataFrame) -> str:
    """Table I as a LaTeX tabular (booktabs)."""
    head = ["$n$", *THEORY_COLUMNS.values(), "This work (paper)", "Reproduced"]
    out = [
        r"\begin{tabular}{" + "l" * len(head) + "}",
        r"\toprule",
        " & ".join(head) + r" \\",
        r"\midrule",
    ]
    for _, r in table.iterrows():
        rep = _reproduced_text(r).replace("±", r"$\pm$").replace("<", "$<$")
        cells = [
            str(r["n"]),
            *(r[c] for c in THEORY_COLUMNS),
            _paper_text(r["paper_this_work_muB"]),
            rep,
        ]
        out.append(" & ".join(cells) + r" \\")
    out += [r"\bottomrule", r"\end{tabular}"]
    return "\n".join(out) + "\n"
