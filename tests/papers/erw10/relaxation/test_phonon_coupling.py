"""A-priori one-phonon prefactor against an independent evaluation of Orbach's formula."""

import numpy as np
import pytest

from spinrelax.papers.erw10.relaxation.phonon_coupling import (
    crystal_field_rms_K,
    debye_prefactor_s_K3,
)
from spinrelax.papers.erw10.spin.parameters import IonParameters


def test_prefactor_by_hand_and_scalings():
    # 3 A^2 kB^5 / (2 pi rho v^5 hbar^4) in cgs: erg, g/cm3, cm/s
    kB, hbar = 1.380649e-16, 1.054571817e-27
    A, rho, v = 172.0, 3.411, 2.3e5
    by_hand = 3 * A**2 * kB**5 / (2 * np.pi * rho * v**5 * hbar**4)
    assert debye_prefactor_s_K3(A, rho, v) == pytest.approx(by_hand, rel=1e-8)
    assert debye_prefactor_s_K3(2 * A, rho, v) == pytest.approx(4 * by_hand)
    assert debye_prefactor_s_K3(A, rho, 2 * v) == pytest.approx(by_hand / 32)


def test_crystal_field_rms_of_a_single_operator():
    # B20 O20 alone: rms eigenvalue of 3 m^2 - J(J+1) over m = -J..J, times B20
    J = 7.5
    m = np.arange(-J, J + 1)
    ref = 1.35 * np.sqrt(np.mean((3 * m**2 - J * (J + 1)) ** 2))
    p = IonParameters(J=J, g_J=1.2, B_kq_K={(2, 0): -1.35})
    assert crystal_field_rms_K(p) == pytest.approx(ref, rel=1e-12)
    # the sign of B40 does not change the rms of the ErW10 crystal field
    b = {(2, 0): -1.35, (4, 0): 1.07e-2, (6, 0): 1.07e-4, (4, 4): 1.8e-2}
    q = IonParameters(J=J, g_J=1.2, B_kq_K={**b, (4, 0): -1.07e-2})
    assert crystal_field_rms_K(IonParameters(J=J, g_J=1.2, B_kq_K=b)) == pytest.approx(
        crystal_field_rms_K(q), rel=1e-3
    )
