"""Truth table of the virtual cluster-beam instrument (config ``simulate.clusters``).

Built from Diaz-Bachs, Katsnelson & Kirilyuk (2022) (see ``/work/shared/papers/README.md``):
even sizes non-magnetic; odd sizes atomic-like (S = 1/2) at ``odd_moment_muB`` unless listed;
``moments_muB`` overrides the moment of a size (Table I values for V3-V11); sizes listed in
``superparamagnetic_muB`` are superparamagnetic with that moment (V13, V15, V22, V26, V28, V33;
Nb7, Nb15, Nb22, Nb28; every odd Ta when ``all_odd_superparamagnetic``). Odd sizes above
``kramers_blocking_max_n`` (V: 21, "as large as V21", Sec. V) that are not superparamagnetic are
``relaxing``: their spin relaxes within the flight, so they do not deflect. Only this package's
virtual instrument reads it; the analysis never does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: Atomic masses (u), PHYSICS.md.
MASS_U: dict[str, float] = {"V": 50.9415, "Nb": 92.90637, "Ta": 180.94788, "Al": 26.9815384}


@dataclass(frozen=True)
class ProfileTruth:
    """Everything the virtual instrument needs to write one file (and the ground truth)."""

    element: str
    n: int
    behaviour: str  # atomic_like | superparamagnetic | non_magnetic | relaxing
    moment_muB: float
    source_T_K: float
    pressure_bar: float
    nozzle: str
    v_m_per_s: float
    T_cluster_K: float
    T_vib_K: float
    hot_fraction: float
    T_vib_hot_K: float

    @property
    def mass_u(self) -> float:
        return self.n * MASS_U[self.element]

    @property
    def file_name(self) -> str:
        return (
            f"{self.element}{self.n:02d}_T{self.source_T_K:g}K_{self.pressure_bar:g}bar_"
            f"{self.nozzle}.csv"
        )


def _behaviour(element_cfg: Mapping, n: int) -> tuple[str, float]:
    sp = {int(k): float(v) for k, v in element_cfg.get("superparamagnetic_muB", {}).items()}
    moments = {int(k): float(v) for k, v in element_cfg.get("moments_muB", {}).items()}
    if n in sp:
        return "superparamagnetic", sp[n]
    if n % 2 == 0:
        return "non_magnetic", 0.0
    moment = moments.get(n, float(element_cfg["odd_moment_muB"]))
    if element_cfg.get("all_odd_superparamagnetic", False):
        return "superparamagnetic", moment
    if n > int(element_cfg.get("kramers_blocking_max_n", n)):
        return "relaxing", moment
    return "atomic_like", moment


def truth_table(cfg: Mapping) -> list[ProfileTruth]:
    """Every (element, size, condition) profile of the campaign, in a fixed order."""
    velocity = {float(k): float(v) for k, v in cfg["velocity_m_per_s"].items()}
    excess = float(cfg["beam"]["T_cluster_excess_K"])
    rows = []
    n_min, n_max = cfg["sizes"]
    for element, ecfg in cfg["elements"].items():
        for T_src in ecfg["source_T_K"]:
            T_cl = float(T_src) + excess
            for n in range(int(n_min), int(n_max) + 1):
                behaviour, moment = _behaviour(ecfg, n)
                rows.append(
                    ProfileTruth(
                        element,
                        n,
                        behaviour,
                        moment,
                        float(T_src),
                        float(ecfg["pressure_bar"]),
                        str(ecfg["nozzle"]),
                        velocity[float(T_src)],
                        T_cl,
                        T_cl,
                        0.0,
                        T_cl,
                    )
                )
    for extra in cfg.get("extra_conditions", []):
        ecfg = cfg["elements"][extra["element"]]
        n = int(extra["n"])
        behaviour, moment = _behaviour(ecfg, n)
        T_src = float(extra["source_T_K"])
        T_cl = T_src + excess
        rows.append(
            ProfileTruth(
                extra["element"],
                n,
                behaviour,
                moment,
                T_src,
                float(extra["pressure_bar"]),
                str(extra["nozzle"]),
                velocity[T_src],
                T_cl,
                T_cl,
                float(extra["hot_fraction"]),
                float(extra["T_vib_hot_K"]),
            )
        )
    return rows


def calibration_truth(cfg: Mapping) -> ProfileTruth:
    """The Al atom-beam calibration run (2P1/2 ground state, +-1/3 muB, never relaxes)."""
    c = cfg["calibration"]
    return ProfileTruth(
        "Al",
        1,
        "atomic_like",
        1.0 / 3.0,
        float(c["source_T_K"]),
        float(c["pressure_bar"]),
        "calibration",
        float(c["v_m_per_s"]),
        float(c["source_T_K"]),
        0.0,
        0.0,
        0.0,
    )
