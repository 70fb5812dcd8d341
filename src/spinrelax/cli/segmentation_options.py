"""Options of every command that reads ac files: how points are split into spectra.

Each option's destination is the ``ingest`` key of ``config.yaml`` with the same name
(``--field-tolerance-Oe`` sets ``field_tolerance_Oe``), with the same defaults
(:class:`~spinrelax.io.segmentation.SegmentationSettings`) and meaning, so a command-line run
and the workflow split a file the same way. Add them with :func:`add_segmentation_options`
and read them back with :func:`segmentation_settings`.
"""

from __future__ import annotations

import argparse
from dataclasses import fields

from spinrelax.errors import SpinrelaxError
from spinrelax.io.segmentation import SEGMENTATION_MODES, SegmentationSettings

_METAVAR: dict[str, str] = {
    "temperature_tolerance_K": "K",
    "temperature_rel_tolerance": "FRACTION",
    "field_tolerance_Oe": "Oe",
    "frequency_rel_tolerance": "FRACTION",
}
_HELP: dict[str, str] = {
    "segmentation": "sweep: a new spectrum where the frequency repeats or steps against the "
    "sweep; tolerance: (T, H) tolerance grouping; auto: sweep when the file has sweep "
    "structure, else tolerance (default: %(default)s)",
    "temperature_tolerance_K": "temperature tolerance of the (T, H) grouping and of the "
    "drift warning, K (default: %(default)s)",
    "temperature_rel_tolerance": "relative temperature tolerance, fraction of T; the larger "
    "of the two applies (default: %(default)s)",
    "field_tolerance_Oe": "largest distance of a point's field from its sweep's median "
    "(farther: rejected) or from the spectrum's mean (tolerance grouping), Oe "
    "(default: %(default)s)",
    "frequency_rel_tolerance": "two frequencies closer than this, relative, are a repeat "
    "(default: %(default)s)",
}


def add_segmentation_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--segmentation`` and the tolerance options (one group) to ``parser``."""
    group = parser.add_argument_group("segmentation into spectra (config.yaml: ingest)")
    for f in fields(SegmentationSettings):
        option = "--" + f.name.replace("_", "-")
        if f.name == "segmentation":
            group.add_argument(
                option,
                dest=f.name,
                default=f.default,
                choices=SEGMENTATION_MODES,
                help=_HELP[f.name],
            )
        else:
            group.add_argument(
                option,
                dest=f.name,
                type=float,
                default=f.default,
                metavar=_METAVAR[f.name],
                help=_HELP[f.name],
            )


def segmentation_settings(args: argparse.Namespace) -> SegmentationSettings:
    """The settings given by the options (a bad value: :class:`SpinrelaxError`)."""
    try:
        return SegmentationSettings(
            **{f.name: getattr(args, f.name) for f in fields(SegmentationSettings)}
        )
    except ValueError as exc:
        raise SpinrelaxError(f"bad segmentation option: {exc}") from exc
