"""The per-temperature table of the spectrum-fit parameters (the table of every SI): for each
spectrum T, H, tau, alpha, chi_S, chi_T (and gamma or the second process where the model has
them) with their standard errors, and its QC state.

Forms: :func:`parameter_table` (CSV: value, error and concise ``value(err)`` columns),
:func:`display_table` (HTML and Markdown: typeset headers, ``140.5(8)`` cells),
:func:`markdown_table` and :func:`latex_table`. Rows are sorted by field, then temperature.
"""

from __future__ import annotations

import html
from typing import NamedTuple

import pandas as pd

from spinrelax.io.concise import column_power, concise, power_text
from spinrelax.io.unit_text import unit_tex, unit_unicode


class Parameter(NamedTuple):
    """A fit column, its error column, its symbol (HTML, LaTeX) and unit ('chi': the chi unit)."""

    column: str
    err: str
    html: str
    tex: str
    unit: str


PARAMETERS = (
    Parameter("tau_s", "tau_err_s", "τ", r"$\tau$", "s"),
    Parameter("alpha", "alpha_err", "α", r"$\alpha$", ""),
    Parameter("gamma", "gamma_err", "γ", r"$\gamma$", ""),
    Parameter("chi_S", "chi_S_err", "χ<sub>S</sub>", r"$\chi_S$", "chi"),
    Parameter("chi_T", "chi_T_err", "χ<sub>T</sub>", r"$\chi_T$", "chi"),
    Parameter("tau2_s", "tau2_err_s", "τ<sub>2</sub>", r"$\tau_2$", "s"),
    Parameter("alpha2", "alpha2_err", "α<sub>2</sub>", r"$\alpha_2$", ""),
    Parameter("dchi2", "dchi2_err", "Δχ<sub>2</sub>", r"$\Delta\chi_2$", "chi"),
)


def qc_text(usable: bool, flags: str) -> str:
    """``""`` for a usable, unflagged fit; else its flags, led by "not usable" where so."""
    items = [f for f in str(flags).split(";") if f and f != "nan"]
    return ", ".join((["not usable"] if not usable else []) + items)


def present(fits: pd.DataFrame) -> list[Parameter]:
    """The parameters with at least one finite value in ``fits``."""
    return [p for p in PARAMETERS if p.column in fits and fits[p.column].notna().any()]


def _sorted(fits: pd.DataFrame) -> pd.DataFrame:
    return fits.assign(_H=fits["H_Oe"].round(0)).sort_values(["_H", "T_K"], kind="stable")


def parameter_table(fits: pd.DataFrame) -> pd.DataFrame:
    """CSV form: spectrum, T_K, H_Oe, model, then per parameter value, error and ``value(err)``
    (``<name>_concise``), then usable and qc."""
    rows = _sorted(fits)
    out = rows.loc[:, ["spectrum", "T_K", "H_Oe", "model"]].copy()
    for p in present(fits):
        out[p.column] = rows[p.column]
        out[p.err] = rows[p.err] if p.err in rows else float("nan")
        out[f"{p.column}_concise"] = [
            concise(v, e) for v, e in zip(out[p.column], out[p.err], strict=True)
        ]
    out["usable"] = rows["usable"].astype(bool)
    out["qc"] = [qc_text(u, f) for u, f in zip(out["usable"], rows["flags"], strict=True)]
    return out.reset_index(drop=True)


def _header(p: Parameter, chi_unit: str, power: int, style: str) -> str:
    """Symbol and unit of a column, with its shared power of ten: ``τ (10⁻³ s)``."""
    unit = chi_unit if p.unit == "chi" else p.unit
    typeset = html.escape(unit_unicode(unit)) if style == "unicode" else unit_tex(unit)
    scale = power_text(power, style) if power else ""
    inside = " ".join(x for x in (scale, typeset) if x)
    return (p.html if style == "unicode" else p.tex) + (f" ({inside})" if inside else "")


def _cells(table: pd.DataFrame, p: Parameter, style: str) -> tuple[int, list[str]]:
    power = column_power(table[p.column])
    values = zip(table[p.column], table[p.err], strict=True)
    return power, [concise(v, e, style, power) for v, e in values]


def _show_model(table: pd.DataFrame) -> bool:
    return table["model"].nunique() > 1


def display_table(table: pd.DataFrame, chi_unit: str) -> pd.DataFrame:
    """HTML/Markdown form of :func:`parameter_table`: concise cells (plain text) under headers
    that are safe HTML (symbols with ``<sub>``, the escaped unit)."""
    out = pd.DataFrame(
        {
            "T (K)": [f"{t:.2f}" for t in table["T_K"]],
            "H (Oe)": [f"{round(h) + 0:d}" for h in table["H_Oe"]],
        }  # fmt: skip
    )
    if _show_model(table):
        out["model"] = table["model"].to_numpy()
    for p in PARAMETERS:
        if p.column in table:
            power, cells = _cells(table, p, "unicode")
            out[_header(p, chi_unit, power, "unicode")] = cells
    out["QC"] = table["qc"].to_numpy()
    return out


def markdown_table(table: pd.DataFrame, chi_unit: str) -> str:
    """Markdown table of :func:`display_table`."""
    shown = display_table(table, chi_unit)
    lines = ["| " + " | ".join(shown.columns) + " |", "|" + " --- |" * len(shown.columns)]
    lines += ["| " + " | ".join(map(str, row)) + " |" for row in shown.itertuples(index=False)]
    return "\n".join(lines) + "\n"


def latex_table(table: pd.DataFrame, chi_unit: str) -> str:
    """A booktabs ``tabular`` of the same rows, symbols and powers of ten in math mode; the QC
    column is left out and its rows marked by footnote letters (a: flagged, b: not usable)."""
    params = [p for p in PARAMETERS if p.column in table]
    model = _show_model(table)
    head = ["$T$ (K)", "$H$ (Oe)"] + (["model"] if model else [])
    columns = [_cells(table, p, "latex") for p in params]
    head += [
        _header(p, chi_unit, power, "latex") for p, (power, _) in zip(params, columns, strict=True)
    ]
    out = [rf"\begin{{tabular}}{{{'r' * len(head)}}}", r"\toprule", " & ".join(head) + r" \\"]
    out.append(r"\midrule")
    for i, r in enumerate(table.itertuples(index=False)):
        mark = "" if not r.qc else ("$^b$" if not r.usable else "$^a$")
        cells = [f"{r.T_K:.2f}{mark}", f"{round(r.H_Oe) + 0:d}"]
        cells += [str(r.model).replace("_", r"\_")] if model else []
        cells += [column[i] for _, column in columns]
        out.append(" & ".join(cells) + r" \\")
    out.append(r"\bottomrule")
    notes = []
    if (table["qc"].ne("") & table["usable"]).any():
        notes.append("$^a$ fit flagged (QC column of the CSV table)")
    if (~table["usable"]).any():
        notes.append("$^b$ fit not usable for the rate laws")
    if notes:
        out.append(rf"\multicolumn{{{len(head)}}}{{l}}{{\footnotesize {'; '.join(notes)}.}} \\")
    return "\n".join([*out, r"\end{tabular}"]) + "\n"
