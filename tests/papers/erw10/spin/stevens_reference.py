"""Independent Stevens operators: Stevens' symmetrised Cartesian polynomials in Jx, Jy, Jz.

Built without the tabulated P_kq of ``spinrelax.papers.erw10.spin.stevens``: the classical tesseral harmonic
p_kq(z, r) Re/Im (x + iy)^q (p_kq from the q-th derivative of the Legendre polynomial P_k, scaled
to primitive integers) is expanded into monomials x^a y^b z^c; each monomial becomes the average
of all orderings of a Jx's, b Jy's and c Jz's (Stevens 1952 operator-equivalent prescription).
"""

from __future__ import annotations

from functools import cache
from math import comb, factorial, gcd

import numpy as np

from spinrelax.papers.erw10.spin.angular_momentum import angular_momentum


def _legendre_integer_coeffs(k: int) -> dict[int, int]:
    """2^k P_k(u) as {power: integer coefficient}."""
    out: dict[int, int] = {}
    for j in range(k // 2 + 1):
        out[k - 2 * j] = (-1) ** j * comb(k, j) * comb(2 * k - 2 * j, k)
    return out


def classical_p(k: int, q: int) -> dict[int, int]:
    """Primitive integer coefficients of d^q/du^q P_k(u), keyed by the power of u."""
    coeffs = _legendre_integer_coeffs(k)
    for _ in range(q):
        coeffs = {p - 1: c * p for p, c in coeffs.items() if p > 0}
    div = 0
    for c in coeffs.values():
        div = gcd(div, c)
    return {p: c // div for p, c in coeffs.items()}


def harmonic_monomials(k: int, q: int) -> dict[tuple[int, int, int], complex]:
    """Cartesian monomials {(a, b, c): coefficient} of the Stevens-normalised harmonic."""
    n = abs(q)
    radial: dict[tuple[int, int, int], complex] = {}
    for power, coeff in classical_p(k, n).items():
        j = (k - n - power) // 2  # factor r^(2j)
        for i1 in range(j + 1):
            for i2 in range(j - i1 + 1):
                i3 = j - i1 - i2
                mult = factorial(j) // (factorial(i1) * factorial(i2) * factorial(i3))
                key = (2 * i1, 2 * i2, 2 * i3 + power)
                radial[key] = radial.get(key, 0) + coeff * mult
    ladder: dict[tuple[int, int, int], complex] = {}
    for b in range(n + 1):  # (x + i y)^n
        ladder[(n - b, b, 0)] = comb(n, b) * (1j**b)
    out: dict[tuple[int, int, int], complex] = {}
    for (a1, b1, c1), r in radial.items():
        for (a2, b2, _), lad in ladder.items():
            part = lad.real if q >= 0 else lad.imag
            if part == 0:
                continue
            key = (a1 + a2, b1 + b2, c1)
            out[key] = out.get(key, 0) + r * part
    return out


def symmetrised_stevens(k: int, q: int, J: float) -> np.ndarray:
    """O_k^q from symmetrised monomials of (Jx, Jy, Jz)."""
    ops = angular_momentum(J)
    dim = ops.Jz.shape[0]

    @cache
    def sym(a: int, b: int, c: int) -> np.ndarray:
        n = a + b + c
        if n == 0:
            return np.eye(dim, dtype=complex)
        out = np.zeros((dim, dim), dtype=complex)
        if a:
            out += a / n * (ops.Jx @ sym(a - 1, b, c))
        if b:
            out += b / n * (ops.Jy @ sym(a, b - 1, c))
        if c:
            out += c / n * (ops.Jz @ sym(a, b, c - 1))
        return out

    total = np.zeros((dim, dim), dtype=complex)
    for (a, b, c), coeff in harmonic_monomials(k, q).items():
        total += coeff * sym(a, b, c)
    return total
