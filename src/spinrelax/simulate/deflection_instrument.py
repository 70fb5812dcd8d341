"""Virtual Stern-Gerlach cluster-beam instrument: truth -> raw profile files (synthetic data).

Independent of :mod:`spinrelax.papers.clusters` (documented physics, own code path). Each cluster is
drawn one by one (Monte Carlo) and histogrammed; the file is what a position-sensitive TOF mass
spectrometer would export (format of :mod:`spinrelax.io.deflection_profile`).

Physics (Diaz-Bachs et al. 2022, Sec. II; PHYSICS.md):
- beam image: uniform over the slit (half-width a) plus a Gaussian (divergence + detector);
- velocity: Gaussian of relative width s around the chopper-selected v (deflection ~ 1/v^2);
- magnet: force mu_z dB/dz over L1, then drift L2. A moment held for the time t_f inside the
  magnet (t1 = L1/v, t2 = L2/v) lands at z = (mu_z dB/dz / m) t_f (t1 - t_f/2 + t2); t_f = t1
  gives the full mu_z K / (m v^2), K = dB/dz L1 (L1/2 + L2);
- atomic-like (S = 1/2): m = +-1/2 equally populated (zero-field source), mu_z = +-mu. Each
  cluster's first spin flip comes after an exponential time of rate 1/tau (Raman, Kramers T^9,
  mass^5 and a size power, see :func:`raman_rate_per_s`); after it the moment averages to
  zero. A fraction ``hot_fraction`` of clusters is vibrationally hot (T_vib_hot_K), e.g. at low
  backing pressure. The Raman rate grows steeply with the vibrational temperature (T^9), so at
  the 100 K source (T_vib ~ 120 K) the heavier atomic-like clusters relax inside the magnet;
- relaxing (odd sizes above the Kramers-blocking limit, paper 2 Sec. V: blocking seen "as large
  as V21"): as atomic-like, but the first flip comes at ``unblocked_rate_per_s``, so the cluster
  lands at the undeflected position;
- superparamagnetic: the moment relaxes quickly among its Zeeman levels, each cluster deflects
  by the thermal <mu_z> at the cluster temperature (numerical derivative of ln Z over the
  2J+1 levels, J = mu/2, g = 2) times a Gamma(k, 1/k) factor (spread over rotational states,
  mean 1), giving a single-sided, skewed profile;
- counts: Poisson cluster number (mean ``clusters_per_profile``, or the per-source-temperature
  value of ``clusters_per_profile_by_source_T_K``: the hot source gives a weak beam, so at
  100 K no small deflection is resolvable, paper 2 Sec. III A), Poisson flat background; true gradient = nominal x
  ``gradient_true_over_nominal`` (the file records the nominal value: the Al run calibrates it).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import scipy.constants as sc

from spinrelax.io.deflection_profile import write_deflection_profile
from spinrelax.simulate.deflection_truth import MASS_U, ProfileTruth

MU_B = sc.physical_constants["Bohr magneton"][0]
AMU = sc.physical_constants["atomic mass constant"][0]
NS_PER_MM_NB20 = 19.2
SYNTHETIC_NOTE = "SYNTHETIC data written by the spinrelax virtual cluster-beam instrument"


def thermal_mu_z_muB(moment_muB: float, B_T: float, T_K: float) -> float:
    """<mu_z> (muB) over the Zeeman levels, d ln Z / d(B/kT) by central difference.

    Z(y) = sinh((2J+1) y / 2) / sinh(y / 2), y = g muB B / kB T, J = mu / g, g = 2; analytic
    in J, so non-half-integer J (paper moments like 2.4 muB) are allowed.
    """
    g = 2.0
    J = moment_muB / g
    y = g * MU_B * B_T / (sc.k * T_K)

    def ln_z(yy: float) -> float:
        return float(np.log(np.sinh((2 * J + 1) * yy / 2) / np.sinh(yy / 2)))

    h = 1e-5 * y
    return g * (ln_z(y + h) - ln_z(y - h)) / (2 * h)


def raman_rate_per_s(truth: ProfileTruth, T_vib_K: float, raman: Mapping) -> float:
    """Kramers Raman rate: r_ref (T/T_ref)^9 (n/n_ref)^p (M_atom/M_V)^5 (paper 2, Eq. 2)."""
    return (
        float(raman["rate_ref_per_s"])
        * (T_vib_K / float(raman["T_ref_K"])) ** 9
        * (truth.n / float(raman["n_ref"])) ** float(raman["n_exponent"])
        * (MASS_U[truth.element] / MASS_U["V"]) ** 5
    )


def _held_fraction_of_kick(rng, k: int, t1: float, t2: float, rate: float) -> np.ndarray:
    """Displacement of each cluster relative to a full kick, from its first-flip time."""
    if rate <= 0:
        return np.ones(k)
    t_f = rng.exponential(1.0 / rate, k)
    t_f = np.minimum(t_f, t1)
    return t_f * (t1 - 0.5 * t_f + t2) / (t1 * (0.5 * t1 + t2))


def simulate_counts(
    truth: ProfileTruth, cfg: Mapping, rng: np.random.Generator
) -> dict[str, np.ndarray | float]:
    """Magnet-off and magnet-on histograms of one profile, with its time axis and metadata."""
    beam, magnet = cfg["beam"], cfg["magnet"]
    mass_kg = truth.mass_u * AMU
    L1, L2 = float(magnet["L1_m"]), float(magnet["L2_m"])
    dBdz_true = float(magnet["dBdz_T_per_m"]) * float(magnet["gradient_true_over_nominal"])
    v0, s = truth.v_m_per_s, float(beam["v_rel_sigma"])
    full_kick_mm_per_muB = 1e3 * MU_B * dBdz_true * L1 * (L1 / 2 + L2) / (mass_kg * v0**2)
    moment_scale = truth.moment_muB if truth.element == "Al" else 1.0
    half = (
        float(beam["window_base_mm"])
        + float(beam["window_muB"]) * full_kick_mm_per_muB * moment_scale
    )
    edges = np.linspace(-half, half, int(beam["n_bins"]) + 1)
    a, blur = float(beam["slit_halfwidth_mm"]), float(beam["resolution_sigma_mm"])
    by_T = {
        float(k): float(v) for k, v in beam.get("clusters_per_profile_by_source_T_K", {}).items()
    }
    per_profile = by_T.get(truth.source_T_K, float(beam["clusters_per_profile"]))
    mean_clusters = per_profile * rng.uniform(0.7, 1.3)

    def histogram(mu_z_muB_of) -> np.ndarray:
        k = rng.poisson(mean_clusters)
        z = rng.uniform(-a, a, k) + rng.normal(0.0, blur, k)
        v = v0 * (1.0 + s * rng.normal(size=k))
        z += mu_z_muB_of(k, v) * full_kick_mm_per_muB * (v0 / v) ** 2
        counts, _ = np.histogram(z, edges)
        return counts + rng.poisson(float(beam["background_per_bin"]), counts.size)

    def off(k, v):
        return np.zeros(k)

    if truth.behaviour == "atomic_like":
        raman = cfg["raman"]

        def on(k, v):
            spin = np.where(rng.uniform(size=k) < 0.5, -1.0, 1.0) * truth.moment_muB
            hot = rng.uniform(size=k) < truth.hot_fraction
            held = np.empty(k)
            for mask, T_vib in ((hot, truth.T_vib_hot_K), (~hot, truth.T_vib_K)):
                rate = raman_rate_per_s(truth, T_vib, raman) if truth.element != "Al" else 0.0
                held[mask] = _held_fraction_of_kick(rng, int(mask.sum()), L1 / v0, L2 / v0, rate)
            return spin * held

    elif truth.behaviour == "relaxing":
        unblocked = float(cfg["unblocked_rate_per_s"])

        def on(k, v):
            spin = np.where(rng.uniform(size=k) < 0.5, -1.0, 1.0) * truth.moment_muB
            return spin * _held_fraction_of_kick(rng, k, L1 / v0, L2 / v0, unblocked)

    elif truth.behaviour == "superparamagnetic":
        mu_z = thermal_mu_z_muB(truth.moment_muB, float(magnet["B_T"]), truth.T_cluster_K)
        shape = float(cfg["superparamagnetic_spread_gamma_shape"])

        def on(k, v):
            return mu_z * rng.gamma(shape, 1.0 / shape, k)

    else:
        on = off
    counts_off, counts_on = histogram(off), histogram(on)
    ns_per_mm = NS_PER_MM_NB20 * np.sqrt(truth.mass_u / (20 * MASS_U["Nb"]))
    tof_sign = int(beam["tof_sign"])
    centres = 0.5 * (edges[1:] + edges[:-1])
    t_ns = float(beam["tof_ns_per_sqrt_u"]) * np.sqrt(truth.mass_u) + tof_sign * centres * ns_per_mm
    order = np.argsort(t_ns)
    return {
        "t_ns": np.round(t_ns[order], 3),
        "counts_off": counts_off[order],
        "counts_on": counts_on[order],
        "ns_per_mm": ns_per_mm,
    }


def profile_metadata(truth: ProfileTruth, cfg: Mapping, ns_per_mm: float) -> dict:
    """Metadata block of a file: what the instrument records (nominal gradient, no truth)."""
    magnet, beam = cfg["magnet"], cfg["beam"]
    return {
        "element": truth.element,
        "n": truth.n,
        "mass_u": round(truth.mass_u, 6),
        "ns_per_mm": round(ns_per_mm, 6),
        "tof_sign": int(beam["tof_sign"]),
        "B_T": float(magnet["B_T"]),
        "dBdz_T_per_m": float(magnet["dBdz_T_per_m"]),
        "L1_m": float(magnet["L1_m"]),
        "L2_m": float(magnet["L2_m"]),
        "v_m_per_s": truth.v_m_per_s,
        "v_rel_sigma": float(beam["v_rel_sigma"]),
        "T_cluster_K_nominal": truth.T_cluster_K,
        "source_T_K": truth.source_T_K,
        "pressure_bar": truth.pressure_bar,
        "nozzle": truth.nozzle,
    }


def write_campaign(truths: list[ProfileTruth], cfg: Mapping, out_dir: str | Path) -> list[Path]:
    """Write every profile of ``truths`` into ``out_dir``; seeds derive from ``cfg['seed']``.

    Each file gets its own generator seeded by (seed, index), so one file is reproducible alone.
    """
    paths = []
    for i, truth in enumerate(truths):
        rng = np.random.default_rng([int(cfg["seed"]), i])
        sim = simulate_counts(truth, cfg, rng)
        path = Path(out_dir) / truth.file_name
        write_deflection_profile(
            path,
            profile_metadata(truth, cfg, float(sim["ns_per_mm"])),
            sim["t_ns"],
            sim["counts_off"],
            sim["counts_on"],
            comments=(SYNTHETIC_NOTE,),
        )
        paths.append(path)
    return paths


def truth_rows(truths: list[ProfileTruth]) -> list[dict]:
    """The truth of every file as table rows (for the README and the recovery check)."""
    return [
        {
            "file": t.file_name,
            "element": t.element,
            "n": t.n,
            "behaviour": t.behaviour,
            "moment_muB": t.moment_muB,
            "source_T_K": t.source_T_K,
            "pressure_bar": t.pressure_bar,
            "nozzle": t.nozzle,
            "v_m_per_s": t.v_m_per_s,
            "T_cluster_K": t.T_cluster_K,
            "hot_fraction": t.hot_fraction,
            "T_vib_hot_K": t.T_vib_hot_K,
        }
        for t in truths
    ]
