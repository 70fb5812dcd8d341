"""What ``spinrelax inspect`` shows for a DC magnetisation-decay file: format, moment column,
rows read / used / rejected (with reasons) and one line per decay (docs/dc_decays.md)."""

from __future__ import annotations

from spinrelax.io.dc_decay_reader import AXIS_COLUMNS, dc_moment_choice, read_dc_file
from spinrelax.io.dc_segmentation import DcSegmentationSettings, segment_decays
from spinrelax.io.text_lines import TextFile

KIND = "DC magnetisation decay"


def inspect_dc_file(path: str, text: TextFile | None = None) -> dict:
    """Summary of one DC decay file as a JSON-serialisable dict (raises SpinrelaxError);
    ``text``: its lines when already read. The moment column is the first of the DC-scan and
    VSM moments that holds numbers (the VSM one for a VSM-mode decay)."""
    moment = None if text is None else dc_moment_choice(text.lines)
    data = read_dc_file(path, text=text, moment=moment)
    field = AXIS_COLUMNS[data.format]["H_Oe"]
    decays = segment_decays(data.readings, DcSegmentationSettings(), file=path, field_column=field)
    rejected = [(int(r.line), str(r.reason)) for r in data.rejected.itertuples()]
    rejected += [(int(r.line), str(r.reason)) for r in decays.rejected.itertuples()]
    return {
        "file": path,
        "kind": KIND,
        "format": data.format,
        "byapp": data.byapp,
        "title": data.title,
        "moment_column": data.moment_column,
        "header_sample_mass_mg": data.sample_mass_mg,
        "header_molar_mass_g_per_mol": data.molar_mass_g_per_mol,
        "rows_read": data.rows_read,
        "rows_used": len(decays.readings),
        "rows_rejected": len(rejected),
        "rejected": [{"line": a, "reason": b} for a, b in sorted(rejected)],
        "decays": [
            {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in decays.summary.to_dict("records")
        ],
    }


def format_dc_text(info: dict) -> str:
    """Human-readable block for one DC decay file."""
    lines = [
        info["file"],
        f"  kind: {info['kind']} file; format: {info['format']}"
        + (f" (BYAPP {info['byapp']})" if info["byapp"] else ""),
        f"  moment column: {info['moment_column']}",
        f"  rows: read {info['rows_read']}, used {info['rows_used']}, "
        f"rejected {info['rows_rejected']}",
    ]
    lines += [f"    line {r['line']}: {r['reason']}" for r in info["rejected"]]
    lines.append(f"  decays: {len(info['decays'])}")
    lines.append("    decay  readings     T (K)      H (Oe)  duration (s)  lines")
    lines += [
        f"    {d['decay']:5d}  {d['n_readings']:8d}  {d['T_K']:8.4f}  {d['H_Oe']:10.4g}  "
        f"{d['duration_s']:12.1f}  {d['first_line']}-{d['last_line']}"
        for d in info["decays"]
    ]
    return "\n".join(lines)
