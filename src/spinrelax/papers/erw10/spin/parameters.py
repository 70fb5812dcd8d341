"""Ion parameters of a single-ion spin Hamiltonian and their loading from the ``spin:`` config.

A variant is a complete parameter set (J, g_J, B_k^q/kB in K, nuclear spin I, hyperfine A_J/kB
in K). Keys of ``B_kq_K`` in config are ``"B<k><q>"`` (e.g. ``B20``, ``B44``, ``B4-4``); the
Hamiltonian convention is H = sum_kq B_k^q O_k^q + g_J muB B.J + A_J I.J (Luis et al., Phys. Rev.
B 82, 060403(R) (2010), Eq. 1).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from spinrelax.errors import SpinrelaxError
from spinrelax.papers.erw10.spin.angular_momentum import check_spin
from spinrelax.papers.erw10.spin.stevens import check_rank

_BKQ_KEY = re.compile(r"^B(\d)(-?\d)$")


@dataclass(frozen=True)
class IonParameters:
    """Spin-Hamiltonian parameters of one ion; energies in K (B/kB, A/kB).

    ``B_kq_K`` maps (k, q) to B_k^q/kB in K (Stevens normalisation, see ``stevens``).
    ``I`` is the nuclear spin (0 for isotopes without one) and ``A_J_K`` the hyperfine A_J/kB.
    """

    J: float
    g_J: float
    B_kq_K: Mapping[tuple[int, int], float]
    I: float = 0.0  # noqa: E741 - the nuclear-spin quantum number is called I everywhere
    A_J_K: float = 0.0
    name: str = ""

    def __post_init__(self) -> None:
        check_spin(self.J, "J")
        check_spin(self.I, "I")
        for k, q in self.B_kq_K:
            check_rank(k, q)
        object.__setattr__(self, "B_kq_K", dict(sorted(self.B_kq_K.items())))

    def with_B(self, k: int, q: int, value_K: float) -> IonParameters:
        """Copy with B_k^q/kB replaced by ``value_K`` (K)."""
        return IonParameters(
            J=self.J,
            g_J=self.g_J,
            B_kq_K={**self.B_kq_K, (k, q): value_K},
            I=self.I,
            A_J_K=self.A_J_K,
            name=self.name,
        )

    def without_nucleus(self) -> IonParameters:
        """Copy for an isotope without nuclear spin (I = 0, A_J = 0)."""
        return IonParameters(self.J, self.g_J, self.B_kq_K, 0.0, 0.0, self.name)


def parse_bkq_key(key: str) -> tuple[int, int]:
    """``"B44"`` -> (4, 4), ``"B4-4"`` -> (4, -4); raise :class:`SpinrelaxError` otherwise."""
    match = _BKQ_KEY.match(key)
    if match is None:
        raise SpinrelaxError(f"crystal-field key {key!r} is not of the form B<k><q> (e.g. B44)")
    k, q = int(match.group(1)), int(match.group(2))
    check_rank(k, q)
    return k, q


def parameters_from_mapping(block: Mapping[str, Any], name: str = "") -> IonParameters:
    """Build :class:`IonParameters` from one config variant block (keys as in config.yaml)."""
    required = ("J", "g_J", "B_kq_K")
    missing = [key for key in required if key not in block]
    if missing:
        raise SpinrelaxError(f"spin variant {name!r} lacks {', '.join(missing)}")
    return IonParameters(
        J=float(block["J"]),
        g_J=float(block["g_J"]),
        B_kq_K={parse_bkq_key(k): float(v) for k, v in block["B_kq_K"].items()},
        I=float(block.get("nuclear_spin_I", 0.0)),
        A_J_K=float(block.get("A_J_K", 0.0)),
        name=name,
    )


def load_variant(spin_config: Mapping[str, Any], name: str | None = None) -> IonParameters:
    """Parameters of the named variant of ``spin_config["variants"]`` (default variant if None)."""
    variants = spin_config.get("variants", {})
    chosen = spin_config.get("default_variant") if name is None else name
    if chosen not in variants:
        raise SpinrelaxError(f"spin variant {chosen!r} not in config (have {sorted(variants)})")
    return parameters_from_mapping(variants[chosen], name=str(chosen))
