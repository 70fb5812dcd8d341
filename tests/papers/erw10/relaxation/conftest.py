"""Fixtures: a small synthetic rates table in the ac stage's format."""

import numpy as np
import pandas as pd
import pytest


def make_synthetic_rates(seed: int = 0, rel_err: float = 0.05) -> pd.DataFrame:
    """Orbach (U = 63 K, tau0 = 1e-11 s) + plateau 1.2e3 x^2 s^-1; 167Er plateau / 4.5; a field
    series at 2 K on the x = 1 powder with Gaussian detuning of width 70 Oe."""
    rng = np.random.default_rng(seed)
    rows = []
    T = np.array([1.8, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0, 5.7, 6.5, 7.5, 9.0])
    samples = [
        ("x001", 0.01, "natEr", 1.0),
        ("x005", 0.05, "natEr", 1.0),
        ("x025", 0.25, "natEr", 1.0),
        ("x1", 1.0, "natEr", 1.0),
        ("x1_167", 1.0, "167Er", 1 / 4.5),
    ]
    for name, x, iso, factor in samples:
        form, angle = "powder", np.nan
        fields = [0.0] if name != "x1" else [0.0, 50.0, 100.0, 200.0, 400.0]
        for H in fields:
            temps = T if H == 0 else np.array([2.0])
            for t in temps:
                cos_t = np.linspace(0.0, 1.0, 2001)  # powder: average over orientations
                det = np.mean(np.exp(-0.5 * (H * cos_t / 70.0) ** 2))
                true = np.exp(-63.0 / t) / 1e-11 + 1.2e3 * x**2 * factor * det
                rate = true * np.exp(rel_err * rng.standard_normal())
                rows.append(
                    dict(
                        sample=name,
                        x_Er=x,
                        isotope=iso,
                        form=form,
                        easy_axis_angle_deg=angle,
                        T_K=t,
                        H_Oe=H,
                        **{
                            "rate_s-1": rate,
                            "rate_err_s-1": rel_err * rate,
                            "rate_lo_s-1": rate * (1 - rel_err),
                            "rate_hi_s-1": rate * (1 + rel_err),
                        },
                        model="generalized_debye",
                        converged=True,
                        flags="",
                        usable=True,
                    )
                )
    rows.append(
        dict(
            sample="x1",
            x_Er=1.0,
            isotope="natEr",
            form="powder",
            easy_axis_angle_deg=np.nan,
            T_K=12.0,
            H_Oe=0.0,
            **{
                "rate_s-1": np.nan,
                "rate_err_s-1": np.nan,
                "rate_lo_s-1": np.nan,
                "rate_hi_s-1": np.nan,
            },
            model="generalized_debye",
            converged=False,
            flags="peak_outside_window",
            usable=False,
        )
    )
    return pd.DataFrame(rows)


@pytest.fixture(scope="session")
def synthetic_rates():
    """The table builder :func:`make_synthetic_rates` (call it with a seed)."""
    return make_synthetic_rates
