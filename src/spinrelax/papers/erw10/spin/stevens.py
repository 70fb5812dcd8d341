"""Stevens operator equivalents O_k^q for k = 2, 4, 6 and every q = -k ... k.

Standard Stevens normalisation (Stevens, Proc. Phys. Soc. A 65, 209 (1952); Hutchings, Solid
State Phys. 16, 227 (1964), Table VI; Abragam & Bleaney, *EPR of Transition Ions* (1970),
Table 16; sine operators q < 0 as in Rudowicz & Chung, J. Phys.: Condens. Matter 16, 5825
(2004), Table 3). With X = J(J+1) and a polynomial P_kq(Jz, X) of degree k - |q|:

    O_k^0  = P_k0(Jz)
    O_k^q  = (1/4) {P_kq(Jz), J+^q + J-^q}            (q > 0, "cosine" operators)
    O_k^-q = (-i/4) {P_kq(Jz), J+^q - J-^q}           (q > 0, "sine" operators)

({A, B} = AB + BA). Hence O_4^4 = (J+^4 + J-^4)/2 and O_2^2 = (J+^2 + J-^2)/2. The classical
limits are the tesseral harmonics p_kq(z, r) Re/Im (x + iy)^q with p_kq proportional to the
q-th derivative of the Legendre polynomial P_k (primitive integer coefficients); the tests check
every operator against Stevens' symmetrised Cartesian polynomials in Jx, Jy, Jz.
"""

from __future__ import annotations

import numpy as np

from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.spin.angular_momentum import angular_momentum

#: P_kq as {power of Jz: coefficients of 1, X, X^2, X^3}, keyed by (k, |q|). Hutchings Table VI.
STEVENS_POLYNOMIALS: dict[tuple[int, int], dict[int, tuple[int, ...]]] = {
    (2, 0): {2: (3,), 0: (0, -1)},
    (2, 1): {1: (1,)},
    (2, 2): {0: (1,)},
    (4, 0): {4: (35,), 2: (25, -30), 0: (0, -6, 3)},
    (4, 1): {3: (7,), 1: (-1, -3)},
    (4, 2): {2: (7,), 0: (-5, -1)},
    (4, 3): {1: (1,)},
    (4, 4): {0: (1,)},
    (6, 0): {6: (231,), 4: (735, -315), 2: (294, -525, 105), 0: (0, -60, 40, -5)},
    (6, 1): {5: (33,), 3: (15, -30), 1: (12, -10, 5)},
    (6, 2): {4: (33,), 2: (-123, -18), 0: (102, 10, 1)},
    (6, 3): {3: (11,), 1: (-59, -3)},
    (6, 4): {2: (11,), 0: (-38, -1)},
    (6, 5): {1: (1,)},
    (6, 6): {0: (1,)},
}

#: Ranks supported (crystal-field operators of f electrons: k = 2, 4, 6).
RANKS: tuple[int, ...] = (2, 4, 6)


def check_rank(k: int, q: int) -> None:
    """Raise :class:`SpinrelaxError` unless k in (2, 4, 6) and |q| <= k."""
    if k not in RANKS or abs(q) > k:
        raise SpinrelaxError(f"no Stevens operator O_{k}^{q}: need k in {RANKS} and |q| <= k")


def _diagonal_polynomial(k: int, q: int, J: float) -> np.ndarray:
    """Diagonal of P_k|q|(Jz, X) in the descending |J, m> basis."""
    m = J - np.arange(int(round(2 * J)) + 1, dtype=float)
    X = J * (J + 1.0)
    diag = np.zeros_like(m)
    for power, x_coeffs in STEVENS_POLYNOMIALS[(k, abs(q))].items():
        diag += sum(c * X**n for n, c in enumerate(x_coeffs)) * m**power
    return diag


def stevens_operator(k: int, q: int, J: float) -> np.ndarray:
    """Matrix of O_k^q in the descending |J, m> basis (complex128, Hermitian, dimensionless)."""
    check_rank(k, q)
    ops = angular_momentum(J)
    P = np.diag(_diagonal_polynomial(k, q, J)).astype(complex)
    if q == 0:
        return P
    n = abs(q)
    Jp_n = np.linalg.matrix_power(ops.Jp, n)
    Jm_n = np.linalg.matrix_power(ops.Jm, n)
    if q > 0:
        ladder = Jp_n + Jm_n
        return 0.25 * (P @ ladder + ladder @ P)
    ladder = Jp_n - Jm_n
    return -0.25j * (P @ ladder + ladder @ P)
