"""Shared fixtures: the two ErW10 variants of config.yaml and an independent Hamiltonian."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
import yaml

from spinrelax.papers.erw10.spin import IonParameters, angular_momentum, load_variant

REPO = Path(__file__).resolve().parents[4]
# --import-mode=importlib keeps test folders off sys.path; the reference construction lives here.
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture(scope="session")
def spin_config() -> dict:
    return yaml.safe_load((REPO / "config.yaml").read_text())["spin"]


@pytest.fixture(scope="session")
def corrected(spin_config) -> IonParameters:
    return load_variant(spin_config, "sign_corrected")


@pytest.fixture(scope="session")
def printed(spin_config) -> IonParameters:
    return load_variant(spin_config, "as_printed")


def independent_hamiltonian_K(params: IonParameters, H_Oe=(0.0, 0.0, 0.0)) -> np.ndarray:
    """Crystal field from symmetrised Cartesian polynomials + Zeeman written out by hand."""
    from stevens_reference import symmetrised_stevens

    ops = angular_momentum(params.J)
    H = sum(B * symmetrised_stevens(k, q, params.J) for (k, q), B in params.B_kq_K.items())
    muB_over_kB_K_per_T = 9.2740100783e-24 / 1.380649e-23  # CODATA 2018
    B_T = np.asarray(H_Oe, dtype=float) * 1e-4
    return H + params.g_J * muB_over_kB_K_per_T * (
        B_T[0] * ops.Jx + B_T[1] * ops.Jy + B_T[2] * ops.Jz
    )
