"""Multi-channel relaxation modes, the sample response and its Cole-Cole tau."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.papers.erw10.relaxation.multichannel import (
    RelaxationModes,
    channel_rates_s,
    cole_cole_tau_s,
    electronuclear_modes,
    sample_response,
)

F = np.geomspace(0.1, 1e4, 41)


def _channels(pairs):
    return pd.DataFrame(
        {
            "m_plus": [p[0] for p in pairs],
            "m_minus": [p[1] for p in pairs],
            "xi_cross_K": [0.0] * len(pairs),
            "gap2_mean_K2": [1e-8] * len(pairs),
        }
    )


def test_electronic_channels_alone_give_single_rates():
    # I = 1/2 with two electronic channels of rates g1, g2: modes g1 and g2, weight 1/2 each
    ch = _channels([(-0.5, -0.5), (0.5, 0.5)])
    modes = electronuclear_modes(ch, [100.0, 400.0], 0.5, "frozen")
    order = np.argsort(modes.rates_s)
    np.testing.assert_allclose(modes.rates_s[order], [100.0, 400.0])
    np.testing.assert_allclose(modes.weights[order], [0.5, 0.5])
    assert modes.mean_rate_s == pytest.approx(250.0)
    fast = electronuclear_modes(ch, [100.0, 400.0], 0.5, "fast")
    assert fast.rates_s[0] == pytest.approx(250.0)


def test_channel_rate_is_eq2_at_the_detuning():
    ch = _channels([(0.5, 0.5)])
    ch["xi_cross_K"] = [0.05]
    r0 = channel_rates_s(ch.assign(xi_cross_K=[0.0]), 0.08)[0]
    r = channel_rates_s(ch, 0.08)[0]
    assert r / r0 == pytest.approx(np.exp(-0.5 * (0.05 / 0.08) ** 2))


def test_cole_cole_recovers_a_debye_and_a_broad_response():
    chi = sample_response(F, 0.0, 300.0, RelaxationModes(np.array([1.0]), np.array([1.0])))
    tau, alpha = cole_cole_tau_s(F, chi)
    assert tau == pytest.approx(1 / 300.0, rel=1e-5)
    assert alpha == pytest.approx(0.0, abs=1e-5)
    assert (-chi.imag >= 0).all()
    # a symmetric log-spread of rates: tau near the log centre, alpha > 0
    modes = RelaxationModes(np.array([30.0, 300.0, 3000.0]), np.array([0.25, 0.5, 0.25]))
    tau, alpha = cole_cole_tau_s(F, sample_response(F, 1.0, 1.0, modes))
    assert 1 / tau == pytest.approx(300.0, rel=0.05)
    assert alpha > 0.2
