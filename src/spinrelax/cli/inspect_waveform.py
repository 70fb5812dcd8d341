"""What ``spinrelax inspect`` shows for an MPMS3 VSM waveform file: format, columns, rows read /
used / rejected (with reasons) and one line per drive block: periods found and used, drive
frequency, temperature and dc field, the readings ``fit-waveform`` would use (docs/waveform.md).
"""

from __future__ import annotations

from spinrelax.io.text_lines import TextFile
from spinrelax.io.waveform_file import read_waveform_file
from spinrelax.timedomain.waveform import WaveformSettings, analyse_waveform

KIND = "VSM waveform"
#: Per-block values shown (columns of :func:`spinrelax.timedomain.waveform.analyse_waveform`).
_BLOCK_KEYS = (
    "block",
    "line",
    "line_last",
    "n_periods",
    "n_periods_used",
    "n_rows_used",
    "freq_Hz",
    "T_K",
    "H_Oe",
    "drive_Oe",
    "snr",
)


def inspect_waveform_file(path: str, text: TextFile | None = None) -> dict:
    """Summary of one waveform file as a JSON-serialisable dict, with the default
    :class:`WaveformSettings` of ``fit-waveform`` (raises SpinrelaxError on bad input)."""
    data = read_waveform_file(path, text=text)
    settings = WaveformSettings()
    points, rejected = analyse_waveform(data, settings)
    return {
        "file": path,
        "kind": KIND,
        "format": "MPMS3",
        "columns": data.columns,
        "transient_periods": settings.transient_periods,
        "rows_read": data.rows_read,
        "rows_used": int(points["n_rows_used"].sum()),
        "rows_rejected": len(rejected),
        "rejected": [{"line": int(r.line), "reason": str(r.reason)} for r in rejected.itertuples()],
        "blocks": [
            {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
            for row in points.loc[:, list(_BLOCK_KEYS)].to_dict("records")
        ],
    }


def _rejected_lines(rejected: list[dict]) -> list[str]:
    """One line per run of consecutive lines with the same reason (a waveform file has
    thousands of readings outside the used periods)."""
    out: list[str] = []
    start = prev = None
    reason = ""
    for r in [*rejected, {"line": None, "reason": None}]:
        if start is not None and (r["reason"] != reason or r["line"] != prev + 1):
            where = f"line {start}" if start == prev else f"lines {start}-{prev}"
            out.append(f"    {where}: {reason}")
            start = None
        if r["line"] is not None:
            if start is None:
                start, reason = r["line"], r["reason"]
            prev = r["line"]
    return out


def format_waveform_text(info: dict) -> str:
    """Human-readable block for one waveform file."""
    cols = info["columns"]
    lines = [
        info["file"],
        f"  kind: {info['kind']} file; format: {info['format']}",
        f"  columns: time {cols['time_s']!r}, temperature {cols['T_K']!r}, field "
        f"{cols['H_Oe']!r}, moment {cols['moment_emu']!r}",
        f"  rows: read {info['rows_read']}, used {info['rows_used']}, "
        f"rejected {info['rows_rejected']}",
        *_rejected_lines(info["rejected"]),
        f"  blocks: {len(info['blocks'])} (one drive frequency each; fit-waveform drops "
        f"{info['transient_periods']} start-up period(s) per block)",
        "    block  periods  used  readings     f (Hz)     T (K)      H (Oe)  drive (Oe)"
        "       snr  lines",
    ]
    lines += [
        f"    {b['block']:5d}  {b['n_periods']:7d}  {b['n_periods_used']:4d}  "
        f"{b['n_rows_used']:8d}  {b['freq_Hz']:9.4g}  {b['T_K']:8.4f}  {b['H_Oe']:10.4g}  "
        f"{b['drive_Oe']:10.4g}  {b['snr']:8.3g}  {b['line']}-{b['line_last']}"
        for b in info["blocks"]
    ]
    return "\n".join(lines)
