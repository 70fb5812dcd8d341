"""The measurement campaign of the virtual ac instrument: config parsing and run schedules.

``AcsusCampaign.from_config(cfg)`` turns the ``simulate: acsus:`` section of config.yaml (already
validated by the workflow schema) into typed parameters; :func:`run_schedule` lists the set
points of one raw file in measurement order (fields outermost, then temperatures, then a
frequency sweep), with the time each point takes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from spinrelax.simulate.acsus_truth import HyperfineMix, RateLaw, StaticLaw

#: Instruments and the chi unit their files carry.
CHI_UNITS: dict[str, str] = {
    "MPMS3": "emu/Oe",
    "PPMS_ACMS": "emu/Oe",
    "MPMS_XL": "emu/Oe",
    "microSQUID": "emu/mol",
}
SWEEPS: tuple[str, ...] = ("up", "down", "alternate")


@dataclass(frozen=True)
class InstrumentSpec:
    """Frequency range, drive, noise and thermometry of one instrument (units in names).

    ``noise_floor`` is in the instrument's chi unit (:data:`CHI_UNITS`).
    """

    name: str
    freq_min_Hz: float
    freq_max_Hz: float
    n_freq: int
    drive_Oe: float
    noise_rel: float
    noise_floor: float
    T_jitter_K: float
    T_jitter_rel: float
    T_drift_K: float
    H_jitter_Oe: float
    min_seconds_per_point: float
    cycles_per_point: float
    settle_s: float

    @property
    def chi_unit(self) -> str:
        return CHI_UNITS[self.name]


@dataclass(frozen=True)
class SampleTruth:
    """Per-sample truth knobs: Cole-Cole alpha, Curie-constant scale, 167Er mixture, header mass."""

    alpha: float
    curie_scale: float = 1.0
    hyperfine_167Er: bool = False
    header_mass_mg: float | None = None


@dataclass(frozen=True)
class Run:
    """One raw file: which sample, instrument, set points and sweep direction."""

    file: str
    sample_id: str
    instrument: str
    temperatures_K: tuple[float, ...]
    fields_Oe: tuple[float, ...]
    sweep: str = "up"
    bad_rows: int = 0


@dataclass(frozen=True)
class AcsusCampaign:
    """Everything the virtual ac instrument needs besides the sample sheet."""

    seed: int
    start_time: dt.datetime
    days_between_runs: float
    static: StaticLaw
    rates: RateLaw
    hyperfine: HyperfineMix
    outliers_per_file: int
    outlier_sigma_range: tuple[float, float]
    stderr_dof: int
    instruments: Mapping[str, InstrumentSpec]
    samples: Mapping[str, SampleTruth]
    runs: tuple[Run, ...]

    @classmethod
    def from_config(cls, cfg: Mapping[str, Any]) -> AcsusCampaign:
        """Build from the ``simulate: acsus:`` config mapping (schema-validated upstream)."""
        order = cfg["order"]
        st = cfg["static"]
        rt = cfg["rates"]
        static = StaticLaw(
            g_z=st["g_z"],
            g_perp=st["g_perp"],
            chi_vv_perp_emu_per_mol=st["chi_vv_perp_emu_per_mol"],
            theta_x1_K=st["theta_x1_K"],
            chi_S_fraction=st["chi_S_fraction"],
            T_N_x1_K=order["T_N_x1_K"],
            af_chi_ratio_at_0K=order["af_chi_ratio_at_0K"],
        )
        rates = RateLaw(
            U_K=rt["U_K"],
            tau0_s=rt["tau0_s"],
            qt_rate_x1_per_s=rt["qt_rate_x1_per_s"],
            qt_x_exponent=rt["qt_x_exponent"],
            sigma_H_x1_Oe=rt["sigma_H_x1_Oe"],
            T_N_x1_K=order["T_N_x1_K"],
            order_slowdown_K=order["slowdown_K"],
            order_width_per_K=order["width_per_K"],
        )
        hf = cfg["hyperfine_167Er"]
        mix = HyperfineMix(
            rate_ratio=hf["rate_ratio"],
            log10_rate_offsets=tuple(hf["log10_rate_offsets"]),
            weights=tuple(hf["weights"]),
        )
        imp = cfg["imperfections"]
        instruments = {
            name: InstrumentSpec(
                name=name,
                noise_floor=spec.get("noise_floor_emu_per_Oe", spec.get("noise_floor_emu_per_mol")),
                **{k: v for k, v in spec.items() if not k.startswith("noise_floor")},
            )
            for name, spec in cfg["instruments"].items()
        }
        samples = {sid: SampleTruth(**spec) for sid, spec in cfg["samples"].items()}
        runs = tuple(
            Run(
                file=r["file"],
                sample_id=r["sample_id"],
                instrument=r["instrument"],
                temperatures_K=tuple(float(t) for t in r["temperatures_K"]),
                fields_Oe=tuple(float(h) for h in r.get("fields_Oe", [0.0])),
                sweep=r.get("sweep", "up"),
                bad_rows=int(r.get("bad_rows", 0)),
            )
            for r in cfg["runs"]
        )
        campaign = cls(
            seed=int(cfg["seed"]),
            start_time=dt.datetime.fromisoformat(str(cfg["start_time"])),
            days_between_runs=float(cfg["days_between_runs"]),
            static=static,
            rates=rates,
            hyperfine=mix,
            outliers_per_file=int(imp["outliers_per_file"]),
            outlier_sigma_range=(imp["outlier_sigma_range"][0], imp["outlier_sigma_range"][1]),
            stderr_dof=int(imp["stderr_dof"]),
            instruments=instruments,
            samples=samples,
            runs=runs,
        )
        campaign.check()
        return campaign

    def check(self) -> None:
        """Cross-references the schema cannot express (unknown sample or instrument names)."""
        files = [r.file for r in self.runs]
        if len(set(files)) != len(files):
            raise ValueError("simulate.acsus.runs: file names must be unique")
        for r in self.runs:
            if r.instrument not in self.instruments:
                raise ValueError(f"run {r.file}: unknown instrument {r.instrument!r}")
            if r.sample_id not in self.samples:
                raise ValueError(f"run {r.file}: no truth entry for sample {r.sample_id!r}")
            if r.sweep not in SWEEPS:
                raise ValueError(f"run {r.file}: sweep must be one of {SWEEPS}")


def frequency_grid_Hz(spec: InstrumentSpec) -> np.ndarray:
    """``n_freq`` log-spaced frequencies from ``freq_min_Hz`` to ``freq_max_Hz`` (ascending)."""
    return np.geomspace(spec.freq_min_Hz, spec.freq_max_Hz, spec.n_freq)


def run_schedule(run: Run, spec: InstrumentSpec) -> pd.DataFrame:
    """Set points in measurement order: ``H_set_Oe, T_set_K, freq_Hz, sweep_id, elapsed_s``.

    Fields are outermost (each field's sweeps start at the same temperature), then
    temperatures, then one frequency sweep per (H, T). ``sweep`` "down" runs high -> low
    frequency, "alternate" flips direction on every other sweep. A point lasts
    ``max(min_seconds_per_point, cycles_per_point / f)``; each new set point adds ``settle_s``.
    """
    freqs = frequency_grid_Hz(spec)
    blocks = []
    sweep_id = 0
    for H in run.fields_Oe:
        for T in run.temperatures_K:
            descending = run.sweep == "down" or (run.sweep == "alternate" and sweep_id % 2 == 1)
            f = freqs[::-1] if descending else freqs
            blocks.append(
                pd.DataFrame(
                    {
                        "H_set_Oe": H,
                        "T_set_K": T,
                        "freq_Hz": f,
                        "sweep_id": sweep_id,
                        "duration_s": np.maximum(
                            spec.min_seconds_per_point, spec.cycles_per_point / f
                        )
                        + np.where(np.arange(f.size) == 0, spec.settle_s, 0.0),
                    }
                )
            )
            sweep_id += 1
    table = pd.concat(blocks, ignore_index=True)
    table["elapsed_s"] = np.cumsum(table.pop("duration_s").to_numpy())
    return table
