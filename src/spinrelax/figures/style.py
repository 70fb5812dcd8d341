"""Shared figure style and a saver whose PNG/PDF output carries no timestamp or version.

:func:`apply_style` is the look of the paper figures; :func:`apply_own_style` that of the
figures of any sample (``own_data_*``, the sheet index): seaborn's "ticks" style and "paper"
context with the same sizes and saver, the font kept to matplotlib's bundled DejaVu Sans (a
system font could make the PNG bytes differ between machines), and markers and line styles as
well as colours (:data:`MARKERS`, :data:`CMAP_RANGE`) so that figures read in greyscale print.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import seaborn as sns  # noqa: E402

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


#: seaborn's theme for the figures of any sample, without its font choice (see module doc).
_THEME = {
    k: v
    for k, v in {**sns.axes_style("ticks"), **sns.plotting_context("paper")}.items()
    if not k.startswith("font.")
}
#: Marker cycle for curves told apart by colour too (greyscale print).
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "<", ">")
#: Part of a sequential colour map used for temperatures: its lightest end is too pale in print.
CMAP_RANGE = (0.0, 0.85)


def apply_style() -> None:
    """Set the shared rcParams of the paper figures (call once before drawing)."""
    own = [*_THEME, "axes.formatter.use_mathtext"]
    plt.rcParams.update({k: matplotlib.rcParamsDefault[k] for k in own})
    plt.rcParams.update(RC)


def apply_own_style() -> None:
    """Set the rcParams of the figures of any sample (module docstring); axis offsets are
    written ×10⁻⁵, not 1e-5."""
    plt.rcParams.update(_THEME)
    plt.rcParams.update({**RC, "axes.formatter.use_mathtext": True})


def save_figure(fig: plt.Figure, path: str | Path) -> None:
    """Save ``fig`` to ``path`` (suffix .png, .pdf or .svg) without timestamps, then close it."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, metadata=_METADATA[out.suffix.lower()], bbox_inches="tight")
    plt.close(fig)


def png_bytes(fig: plt.Figure) -> bytes:
    """The PNG of ``fig`` as :func:`save_figure` writes it (for embedding), then close it."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata=_METADATA[".png"], bbox_inches="tight")
    plt.close(fig)
    return buffer.getvalue()
