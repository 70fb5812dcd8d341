"""A small, independent Monte-Carlo generator of deflection profile files for the tests.

It shares no code with ``spinrelax.papers.clusters`` or the virtual instrument: clusters are drawn one
by one (uniform slit position, Gaussian blur, Gaussian velocity), deflected by
mu_z K / (m v^2) with the thermal moment from an explicit Boltzmann sum over m_J, histogrammed
onto arrival-time bins, and a Poisson background is added.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.constants as sc

MU_B = sc.physical_constants["Bohr magneton"][0]
U = sc.physical_constants["atomic mass constant"][0]


def thermal_mu_z_muB(moment_muB: float, B_T: float, T_K: float) -> float:
    """<mu_z> from an explicit Boltzmann sum over m = -J..J, J = mu/2 (g = 2); 2J integer."""
    two_j = round(moment_muB)
    m = -two_j / 2 + np.arange(two_j + 1)
    e = 2.0 * m * MU_B * B_T / (sc.k * T_K)
    w = np.exp(e - e.max())
    return float(2.0 * np.sum(m * w) / np.sum(w))


def write_profile(
    path,
    *,
    behaviour: str,
    moment_muB: float = 1.0,
    element: str = "V",
    n: int = 11,
    mass_u: float | None = None,
    v_m_per_s: float = 500.0,
    v_rel_sigma: float = 0.03,
    T_K: float = 45.0,
    relaxed: float = 0.0,
    K_T_m: float = 40.0,
    B_T: float = 2.4,
    slit_half_mm: float = 0.25,
    blur_mm: float = 0.08,
    clusters: int = 200_000,
    bg_per_bin: float = 2.0,
    half_window_mm: float | None = None,
    n_bins: int = 300,
    seed: int = 1,
    extra_meta: dict | None = None,
    drop_key: str | None = None,
):
    """Write one profile file in the issue-6 format; return the true deflection per muB (mm)."""
    rng = np.random.default_rng(seed)
    mass_u = 50.9415 * n if mass_u is None else mass_u
    L1, L2 = 0.06, 1.0
    dBdz = K_T_m / (L1 * (L1 / 2 + L2))
    d1_mm = 1e3 * MU_B * K_T_m / (mass_u * U * v_m_per_s**2)
    if half_window_mm is None:
        half_window_mm = 1.5 + 3.0 * d1_mm * max(moment_muB, 1.0)
    ns_per_mm = 19.2 * np.sqrt(mass_u / (20 * 92.90637))
    edges_mm = np.linspace(-half_window_mm, half_window_mm, n_bins + 1)
    centres_mm = 0.5 * (edges_mm[1:] + edges_mm[:-1])

    def beam(mu_of_cluster):
        k = rng.poisson(clusters)
        z = rng.uniform(-slit_half_mm, slit_half_mm, k) + rng.normal(0, blur_mm, k)
        v = v_m_per_s * (1 + v_rel_sigma * rng.normal(size=k))
        z += mu_of_cluster(k) * d1_mm * (v_m_per_s / v) ** 2
        hist, _ = np.histogram(z, edges_mm)
        return hist + rng.poisson(bg_per_bin, n_bins)

    if behaviour == "atomic_like":

        def mu(k):
            spin = rng.choice([-1.0, 1.0], k)
            return np.where(rng.uniform(size=k) < relaxed, 0.0, spin * moment_muB)
    elif behaviour == "superparamagnetic":
        mu_z = thermal_mu_z_muB(moment_muB, B_T, T_K)

        def mu(k):
            return np.full(k, mu_z)
    else:

        def mu(k):
            return np.zeros(k)

    off = beam(lambda k: np.zeros(k))
    on = beam(mu)
    tof_sign = -1
    t_ns = 20000.0 + tof_sign * centres_mm * ns_per_mm
    order = np.argsort(t_ns)
    meta = {
        "element": element,
        "n": n,
        "mass_u": mass_u,
        "ns_per_mm": ns_per_mm,
        "tof_sign": tof_sign,
        "B_T": B_T,
        "dBdz_T_per_m": dBdz,
        "L1_m": L1,
        "L2_m": L2,
        "v_m_per_s": v_m_per_s,
        "v_rel_sigma": v_rel_sigma,
        "T_cluster_K_nominal": T_K,
        "source_T_K": T_K - 20.0,
    }
    meta.update(extra_meta or {})
    if drop_key:
        meta.pop(drop_key)
    lines = [f"# {k} = {v}" for k, v in meta.items()]
    lines.append("t_ns,counts_off,counts_on")
    lines += [f"{t_ns[i]:.4f},{off[i]},{on[i]}" for i in order]
    path.write_text("\n".join(lines) + "\n")
    return d1_mm


@pytest.fixture
def profile_file(tmp_path):
    """Factory: ``profile_file(name, **kw)`` writes a profile and returns (path, d1_mm)."""

    def make(name: str = "p.csv", **kw):
        p = tmp_path / name
        d1 = write_profile(p, **kw)
        return p, d1

    return make


@pytest.fixture
def profile_writer():
    """The generator function itself: ``profile_writer(path, **kw)`` (see :func:`write_profile`)."""
    return write_profile
