"""``spinrelax inspect FILE... [--json] [--segmentation MODE] [tolerances]``: what the readers see.

Per file: the kind of file (ac susceptibility, DC magnetisation decay or VSM waveform, told
apart by which columns hold numbers: :func:`file_kind`). For an ac file: detected format,
encoding, title, sample mass and molar mass from the header (and from a sample sheet, which
wins, when ``--sample-sheet`` and ``--sample`` are given), rows read / used / rejected with
reasons (the reader's and the segmentation's, e.g. a field-ramp row), the segmentation used and
why (:mod:`spinrelax.io.segmentation`), and one line per spectrum: points, mean T, T span,
field, frequency range, sweep direction and lines; temperature-drift warnings. DC decay and
waveform files: :mod:`spinrelax.cli.inspect_dc`, :mod:`spinrelax.cli.inspect_waveform`.
Exit code 0 when every file was read, 2 otherwise (one line per bad file on stderr naming file,
line and column).
"""

from __future__ import annotations

import argparse
import json
import sys

import numpy as np
import pandas as pd

from spinrelax.cli import COMMANDS, inspect_dc, inspect_waveform
from spinrelax.cli.segmentation_options import add_segmentation_options, segmentation_settings
from spinrelax.errors import SpinrelaxError
from spinrelax.io.dc_decay_reader import is_dc_text
from spinrelax.io.file_identity import read_regular_file
from spinrelax.io.file_spectra import segment_points, spectrum_summary
from spinrelax.io.molar import resolve_value
from spinrelax.io.readers import read_ac_file
from spinrelax.io.sample_sheet import load_sample_sheet, sample_metadata
from spinrelax.io.scans import scan_layout
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.io.text_lines import TextFile, text_file
from spinrelax.io.waveform_file import is_waveform_text


def _rounded(values: np.ndarray, digits: int = 4) -> list[float]:
    return [float(f"{v:.{digits}g}") for v in values]


def _spectrum_rows(summary: pd.DataFrame) -> list[dict]:
    """Per-spectrum dicts with plain Python values."""
    return [
        {
            "spectrum": int(r.spectrum),
            "n_points": int(r.n_points),
            "T_K": float(r.T_K),
            "T_span_K": float(r.T_span_K),
            "H_Oe": float(r.H_Oe),
            "freq_min_Hz": float(r.freq_min_Hz),
            "freq_max_Hz": float(r.freq_max_Hz),
            "direction": str(r.direction),
            "first_line": int(r.first_line),
            "last_line": int(r.last_line),
        }
        for r in summary.itertuples()
    ]


def file_kind(text: TextFile) -> str:
    """``waveform``, ``dc`` or ``ac`` (anything else is read as an ac file, whose reader says
    what is missing): waveform when the VSM moment holds numbers in a driven field and no ac or
    DC-scan signal does (:func:`~spinrelax.io.waveform_file.is_waveform_text`), DC when a DC
    moment holds numbers (:func:`~spinrelax.io.dc_decay_reader.is_dc_file`)."""
    if is_waveform_text(text.lines):
        return "waveform"
    return "dc" if is_dc_text(text.lines) else "ac"


def inspect_file(path: str, settings: SegmentationSettings, sheet_row=None) -> dict:
    """Summary of one file as a JSON-serialisable dict (raises SpinrelaxError on bad input).
    The file's bytes are read once and the reader of its kind parses them."""
    raw = read_regular_file(path)
    text = text_file(raw, file=path)
    kind = file_kind(text)
    if kind == "waveform":
        return inspect_waveform.inspect_waveform_file(path, text)
    if kind == "dc":
        return inspect_dc.inspect_dc_file(path, text)
    data = read_ac_file(path, raw=raw)
    segmented = segment_points(data.points, settings)
    summary = spectrum_summary(segmented.points)
    layout = scan_layout(segmented.points, settings)
    T = summary["T_K"].to_numpy()
    H = summary["H_Oe"].to_numpy()
    f = segmented.points["freq_Hz"].to_numpy()
    rejected = pd.concat([data.rejected, segmented.rejected], ignore_index=True)
    rejected = rejected.sort_values("line", kind="stable")
    info = {
        "file": path,
        "kind": "ac susceptibility",
        "format": data.format,
        "byapp": data.byapp,
        "encoding": data.encoding,
        "title": data.title,
        "chi_unit_in_file": data.chi_unit,
        "header_sample_mass_mg": data.sample_mass_mg,
        "header_molar_mass_g_per_mol": data.molar_mass_g_per_mol,
        "header_warnings": list(data.warnings),
        "rows_read": data.rows_read,
        "rows_used": len(segmented.points),
        "rows_rejected": len(rejected),
        "rejected": [{"line": int(r.line), "reason": str(r.reason)} for r in rejected.itertuples()],
        "segmentation": segmented.segmentation,
        "segmentation_decision": segmented.decision,
        "segmentation_warnings": list(segmented.warnings),
        "measurement": layout.kind,
        "measurement_description": layout.description,
        "scans": [
            {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in layout.scans.to_dict("records")
        ],
        "spectra": int(len(T)),
        "spectra_table": _spectrum_rows(summary),
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


_SPECTRUM_HEADER = (
    "    spectrum  points     T (K)  T span (K)      H (Oe)  f min (Hz)  f max (Hz)  direction"
    "  lines"
)
_SPECTRUM_ROW = (
    "    {spectrum:8d}  {n_points:6d}  {T_K:8.4f}  {T_span_K:10.4f}  {H_Oe:10.4g}  "
    "{freq_min_Hz:10.4g}  {freq_max_Hz:10.4g}  {direction:>9}  {first_line}-{last_line}"
)


_SCAN_HEADER = (
    "    scan  variable  f (Hz)      H (Oe)  points  T min (K)  T max (K)  H min (Oe)  H max (Oe)"
    "  lines"
)
_SCAN_ROW = (
    "    {scan:4d}  {variable:>8}  {freq_Hz:6.4g}  {H_Oe:10.4g}  {n_points:6d}  {T_min_K:9.4f}  "
    "{T_max_K:9.4f}  {H_min_Oe:10.4g}  {H_max_Oe:10.4g}  {first_line}-{last_line}"
)


def format_text(info: dict) -> str:
    """Human-readable block for one file."""
    if info["kind"] == inspect_dc.KIND:
        return inspect_dc.format_dc_text(info)
    if info["kind"] == inspect_waveform.KIND:
        return inspect_waveform.format_waveform_text(info)
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
    lines.append(f"  segmentation: {info['segmentation_decision']}")
    lines.append(f"  measurement: {info['measurement_description']}")
    if info["scans"]:
        lines.append(_SCAN_HEADER)
        lines += [_SCAN_ROW.format(**r) for r in info["scans"]]
        if any(r["variable"] == "T" for r in info["scans"]):
            lines.append(
                f"    chi vs T scans: spinrelax fit-peaks {info['file']} (chi''(T) peaks, "
                "Arrhenius law); fit-ac fits only the frequency sweeps"
            )
        else:
            lines.append("    chi vs H scans are listed here; fit-ac fits only frequency sweeps")
    lines.append(f"  spectra: {info['spectra']}")
    if info["spectra_table"] and info["measurement"] != "scans":
        lines.append(_SPECTRUM_HEADER)
        lines += [_SPECTRUM_ROW.format(**r) for r in info["spectra_table"]]
    lines += [f"  warning: {w}" for w in info["segmentation_warnings"]]
    lines.append(f"  temperatures: {_span(info['temperatures_K'], 'K')}")
    lines.append(f"  fields: {_span(info['fields_Oe'], 'Oe')}")
    if info["frequency_min_Hz"] is not None:
        lines.append(
            f"  frequencies: {info['frequency_min_Hz']:g} - {info['frequency_max_Hz']:g} Hz"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Inspect every file; print text or JSON; exit code 0 or 2."""
    settings = segmentation_settings(args)
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
            results.append(inspect_file(path, settings, sheet_row))
        except SpinrelaxError as exc:
            print(f"spinrelax inspect: error: {exc}", file=sys.stderr)
            failed = True
        except (FileNotFoundError, IsADirectoryError, PermissionError) as exc:
            print(f"spinrelax inspect: error: {path}: {exc.strerror}", file=sys.stderr)
            failed = True
    if args.json:
        print(json.dumps(results, indent=2))
    elif results:
        print("\n\n".join(format_text(r) for r in results))
    return 2 if failed else 0


def register(subparsers) -> None:
    """Add the ``inspect`` sub-command."""
    p = subparsers.add_parser(
        "inspect",
        help=COMMANDS["inspect"][1],
        description=__doc__.split("\n\n")[0],
    )
    p.add_argument(
        "files", nargs="+", metavar="FILE", help="raw ac, DC decay or VSM waveform file(s)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--sample-sheet", help="sample sheet (TSV) whose values override the header")
    p.add_argument("--sample", help="sample_id of the files in --sample-sheet")
    add_segmentation_options(p)
    p.set_defaults(func=run)
