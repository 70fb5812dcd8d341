"""A-priori one-phonon coupling prefactor C (s^-1 K^-3) of the master equation.

One-phonon (direct) rate between crystal-field states a, b of energy difference dE in an
isotropic Debye solid of density rho and sound velocity v, three acoustic branches of the same
velocity, coupling V per unit strain (Orbach, Proc. R. Soc. A 264, 458 (1961), Eq. 4;
Abragam & Bleaney 1970, section 10.2):

    W(a -> b) = 3 |<b|V|a>|^2 dE^3 / (2 pi rho v^5 hbar^4) (n + 1).

Derivation (golden rule): a phonon of frequency omega carries a strain amplitude
|eps|^2 = hbar omega (n + 1) / (2 rho Vol v^2), the density of modes per branch is
Vol omega^2 / (2 pi^2 v^3), so W = (2 pi / hbar) |V|^2 |eps|^2 g(omega) / hbar summed over three
branches. With V = A O (O a spin-phonon operator normalised to unit root-mean-square eigenvalue,
``spin_phonon``, and A the coupling per unit strain in K), the master equation's prefactor is

    C = 3 A^2 kB^5 / (2 pi rho v^5 hbar^4)        [s^-1 K^-3, energies in K].

A is not measured for ErW10. Orbach's a-priori estimate takes the strain derivative of the
crystal field to be of the order of the crystal field itself (point-charge scaling
dB_k^q / d ln R ~ (k + 1) B_k^q, strains ~ d ln R); we take A = the root-mean-square eigenvalue of
the crystal-field Hamiltonian of the variant (172 K for ErW10, both B40 signs), and report how
the results move for A / 3 and 3 A. See docs/physics.md.
"""

from __future__ import annotations

import numpy as np

from spinrelax.constants import hbar_J_s, k_B_J_per_K
from spinrelax.papers.erw10.spin.hamiltonian import crystal_field_hamiltonian_K
from spinrelax.papers.erw10.spin.parameters import IonParameters


def crystal_field_rms_K(params: IonParameters) -> float:
    """Root-mean-square eigenvalue (K) of the traceless crystal-field Hamiltonian."""
    H = crystal_field_hamiltonian_K(params)
    d = H.shape[0]
    H0 = H - np.trace(H).real / d * np.eye(d)
    return float(np.sqrt(np.real(np.trace(H0 @ H0)) / d))


def debye_prefactor_s_K3(coupling_K: float, rho_g_per_cm3: float, c_s_cm_per_s: float) -> float:
    """C = 3 A^2 kB^5 / (2 pi rho v^5 hbar^4) in s^-1 K^-3 (module docstring); A in K."""
    rho = rho_g_per_cm3 * 1e3  # kg/m^3
    v = c_s_cm_per_s * 1e-2  # m/s
    return float(3.0 * coupling_K**2 * k_B_J_per_K**5 / (2.0 * np.pi * rho * v**5 * hbar_J_s**4))
