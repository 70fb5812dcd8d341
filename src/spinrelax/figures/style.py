"""Shared figure style and a saver whose PNG/PDF output carries no timestamp or version."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

RC = {
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 9,
    "axes.labelsize": 9,
    "legend.fontsize": 7,
    "axes.grid": False,
    "svg.hashsalt": "spinrelax",
    "pdf.compression": 6,
}

#: Metadata that would otherwise embed the matplotlib version or the creation time.
_METADATA = {
    ".png": {"Software": None},
    ".pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    ".svg": {"Date": None, "Creator": None},
}


def apply_style() -> None:
    """Set the shared rcParams (call once before drawing)."""
    plt.rcParams.update(RC)


def save_figure(fig: plt.Figure, path: str | Path) -> None:
    """Save ``fig`` to ``path`` (suffix .png, .pdf or .svg) without timestamps, then close it."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, metadata=_METADATA[out.suffix.lower()], bbox_inches="tight")
    plt.close(fig)
