"""``spinrelax inspect FILE... [--json]``: what the readers see in raw ac files.

Per file: detected format, encoding, title, sample mass and molar mass from the header (and from
a sample sheet, which wins, when ``--sample-sheet`` and ``--sample`` are given), rows read / used /
rejected with reasons, number of (T, H) spectra, their temperatures and fields, and the frequency
range. Exit code 0 when every file was read, 2 otherwise (one line per bad file on stderr naming
file, line and column).
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from spinrelax.errors import SpinrelaxError
from spinrelax.io.grouping import GroupingTolerances, group_spectra
from spinrelax.io.molar import resolve_value
from spinrelax.io.readers import read_ac_file
from spinrelax.io.sample_sheet import load_sample_sheet, sample_metadata


def _rounded(values: np.ndarray, digits: int = 4) -> list[float]:
    return [float(f"{v:.{digits}g}") for v in values]


def inspect_file(path: str, tolerances: GroupingTolerances, sheet_row=None) -> dict:
    """Summary of one file as a JSON-serialisable dict (raises SpinrelaxError on bad input)."""
    data = read_ac_file(path)
    pts = data.points
    ids = group_spectra(pts["T_K"], pts["H_Oe"], pts["freq_Hz"], tolerances)
    T = pts.groupby(ids)["T_K"].mean().to_numpy()
    H = pts.groupby(ids)["H_Oe"].mean().to_numpy()
    f = pts["freq_Hz"].to_numpy()
    info = {
        "file": path,
        "format": data.format,
        "byapp": data.byapp,
        "encoding": data.encoding,
        "title": data.title,
        "chi_unit_in_file": data.chi_unit,
        "header_sample_mass_mg": data.sample_mass_mg,
        "header_molar_mass_g_per_mol": data.molar_mass_g_per_mol,
        "header_warnings": list(data.warnings),
        "rows_read": data.rows_read,
        "rows_used": data.rows_used,
        "rows_rejected": data.rows_rejected,
        "rejected": [
            {"line": int(r.line), "reason": str(r.reason)} for r in data.rejected.itertuples()
        ],
        "spectra": int(len(T)),
        "temperatures_K": _rounded(T),
        "fields_Oe": _rounded(H),
        "frequency_min_Hz": float(f.min()) if len(f) else None,
        "frequency_max_Hz": float(f.max()) if len(f) else None,
    }
    if sheet_row is not None:
        meta = sample_metadata(sheet_row)
        mass, mass_src = resolve_value(meta.sample_mass_mg, data.sample_mass_mg)
        molar, molar_src = resolve_value(meta.molar_mass_g_per_mol, data.molar_mass_g_per_mol)
        info |= {
            "sheet_sample_mass_mg": meta.sample_mass_mg,
            "sheet_molar_mass_g_per_mol": meta.molar_mass_g_per_mol,
            "used_sample_mass_mg": mass,
            "used_sample_mass_source": mass_src,
            "used_molar_mass_g_per_mol": molar,
            "used_molar_mass_source": molar_src,
        }
    return info


def _span(values: list[float], unit: str) -> str:
    uniq = sorted(set(values))
    if not uniq:
        return "none"
    shown = ", ".join(f"{v:g}" for v in uniq[:12]) + (", ..." if len(uniq) > 12 else "")
    return f"{len(uniq)} distinct ({shown}) {unit}"


def format_text(info: dict) -> str:
    """Human-readable block for one file."""
    fmt_mass = lambda v, unit: "not given" if v is None else f"{v:g} {unit}"  # noqa: E731
    lines = [
        info["file"],
        f"  format: {info['format']}"
        + (f" (BYAPP {info['byapp']})" if info["byapp"] else "")
        + f", encoding {info['encoding']}, chi in file: {info['chi_unit_in_file']}",
        f"  title: {info['title']!r}",
        f"  header: sample mass {fmt_mass(info['header_sample_mass_mg'], 'mg')}, "
        f"molar mass {fmt_mass(info['header_molar_mass_g_per_mol'], 'g/mol')}",
    ]
    lines += [f"  warning: {w}" for w in info["header_warnings"]]
    if "used_sample_mass_source" in info:
        lines.append(
            f"  sample sheet: sample mass {fmt_mass(info['sheet_sample_mass_mg'], 'mg')}, "
            f"molar mass {fmt_mass(info['sheet_molar_mass_g_per_mol'], 'g/mol')}; used: "
            f"{fmt_mass(info['used_sample_mass_mg'], 'mg')} ({info['used_sample_mass_source']}), "
            f"{fmt_mass(info['used_molar_mass_g_per_mol'], 'g/mol')} "
            f"({info['used_molar_mass_source']})"
        )
    lines.append(
        f"  rows: read {info['rows_read']}, used {info['rows_used']}, "
        f"rejected {info['rows_rejected']}"
    )
    lines += [f"    line {r['line']}: {r['reason']}" for r in info["rejected"]]
    lines.append(f"  spectra: {info['spectra']}")
    lines.append(f"  temperatures: {_span(info['temperatures_K'], 'K')}")
    lines.append(f"  fields: {_span(info['fields_Oe'], 'Oe')}")
    if info["frequency_min_Hz"] is not None:
        lines.append(
            f"  frequencies: {info['frequency_min_Hz']:g} - {info['frequency_max_Hz']:g} Hz"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Inspect every file; print text or JSON; exit code 0 or 2."""
    tolerances = GroupingTolerances(
        temperature_tolerance_K=args.temperature_tolerance_K,
        temperature_rel_tolerance=args.temperature_rel_tolerance,
        field_tolerance_Oe=args.field_tolerance_Oe,
    )
    sheet_row = None
    if (args.sample_sheet is None) != (args.sample is None):
        raise SpinrelaxError("--sample-sheet and --sample must be given together")
    if args.sample_sheet is not None:
        sheet = load_sample_sheet(args.sample_sheet)
        match = sheet[sheet["sample_id"] == args.sample]
        if match.empty:
            raise SpinrelaxError(f"sample {args.sample!r} not in the sheet", file=args.sample_sheet)
        sheet_row = match.iloc[0]
    results = []
    failed = False
    for path in args.files:
        try:
            results.append(inspect_file(path, tolerances, sheet_row))
        except SpinrelaxError as exc:
            print(f"spinrelax inspect: error: {exc}", file=sys.stderr)
            failed = True
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            print(f"spinrelax inspect: error: {path}: {exc.strerror}", file=sys.stderr)
            failed = True
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print("\n\n".join(format_text(r) for r in results))
    return 2 if failed else 0


def register(subparsers) -> None:
    """Add the ``inspect`` sub-command."""
    defaults = GroupingTolerances()
    p = subparsers.add_parser(
        "inspect",
        help="show format, metadata, rows and spectra of raw ac files",
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="raw ac file(s)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--sample-sheet", help="sample sheet (TSV) whose values override the header")
    p.add_argument("--sample", help="sample_id of the files in --sample-sheet")
    p.add_argument(
        "--temperature-tolerance-K", type=float, default=defaults.temperature_tolerance_K
    )
    p.add_argument(
        "--temperature-rel-tolerance", type=float, default=defaults.temperature_rel_tolerance
    )
    p.add_argument("--field-tolerance-Oe", type=float, default=defaults.field_tolerance_Oe)
    p.set_defaults(func=run)
