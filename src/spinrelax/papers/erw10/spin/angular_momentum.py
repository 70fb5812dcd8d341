"""Angular-momentum matrices in the |J, m> basis, m = J, J-1, ..., -J (descending).

Convention (Sakurai, *Modern Quantum Mechanics*, Eq. 3.5.41; PHYSICS.md):
<m+1|J+|m> = sqrt(J(J+1) - m(m+1)), J- = J+^dagger, Jx = (J+ + J-)/2, Jy = (J+ - J-)/(2i).
Matrices are dimensionless (units of hbar), complex128, dimension 2J+1.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from spinrelax.errors import SpinrelaxError


class AngularMomentum(NamedTuple):
    """The five angular-momentum matrices of one multiplet (units of hbar)."""

    Jx: np.ndarray
    Jy: np.ndarray
    Jz: np.ndarray
    Jp: np.ndarray
    Jm: np.ndarray


def check_spin(J: float, name: str = "J") -> int:
    """Return the dimension 2J+1 of a valid spin quantum number ``J`` (integer or half-integer)."""
    twice = 2.0 * float(J)
    if not np.isfinite(twice) or twice < 0 or abs(twice - round(twice)) > 1e-12:
        raise SpinrelaxError(f"{name} = {J!r} is not a non-negative integer or half-integer")
    return int(round(twice)) + 1


def m_values(J: float) -> np.ndarray:
    """Projections m = J, J-1, ..., -J (the basis order of every matrix in this package)."""
    dim = check_spin(J)
    return float(J) - np.arange(dim, dtype=float)


def angular_momentum(J: float) -> AngularMomentum:
    """(Jx, Jy, Jz, J+, J-) for spin ``J`` in the descending |J, m> basis."""
    m = m_values(J)
    X = float(J) * (float(J) + 1.0)
    # Row i holds m_i = m_(i+1) + 1, so J+ sits on the first super-diagonal.
    Jp = np.diag(np.sqrt(X - m[1:] * (m[1:] + 1.0)), 1).astype(complex)
    Jm = Jp.conj().T
    Jz = np.diag(m).astype(complex)
    Jx = 0.5 * (Jp + Jm)
    Jy = -0.5j * (Jp - Jm)
    return AngularMomentum(Jx, Jy, Jz, Jp, Jm)
