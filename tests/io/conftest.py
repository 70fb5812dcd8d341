"""Shared fixtures for the io tests: small synthetic point tables."""

import numpy as np
import pandas as pd
import pytest

from spinrelax.io.writers import (
    POINT_COLUMNS,
    write_acms_dat,
    write_mpms3_dat,
    write_mpmsxl_dat,
    write_tidy_csv,
)


def make_points(
    temps_K=(2.0, 3.0), fields_Oe=(0.0,), freqs_Hz=(1.0, 10.0, 100.0, 1000.0), descending=False
):
    """Points of a sweep: for each field, for each temperature, all frequencies."""
    rows = []
    t = 3.7e9
    f = np.array(freqs_Hz)[::-1] if descending else np.array(freqs_Hz)
    for H in fields_Oe:
        for T in temps_K:
            for fi in f:
                tau = 1e-3
                wt = 2 * np.pi * fi * tau
                chi_r = 1e-6 + 4e-6 / (1 + wt**2)
                chi_i = 4e-6 * wt / (1 + wt**2)
                rows.append((T, H, fi, 4.0, chi_r, chi_i, 1e-9 + 0.01 * chi_r, 2e-9, t))
                t += 37.25
    return pd.DataFrame(
        rows,
        columns=list(POINT_COLUMNS),
    )


@pytest.fixture
def points():
    return make_points()


@pytest.fixture
def points_factory():
    """The :func:`make_points` function (tests run with --import-mode=importlib)."""
    return make_points


@pytest.fixture(scope="module")
def points_module():
    return make_points()


def write_format(fmt: str, path, points: pd.DataFrame) -> None:
    """Write ``points`` as one raw file of format ``fmt`` (MPMS3, PPMS_ACMS, MPMS_XL or a tidy
    CSV for anything else) with a header mass and molar mass."""
    kw = dict(sample_mass_mg=26.3, molar_mass_g_per_mol=542.53, title="t")
    if fmt == "MPMS3":
        write_mpms3_dat(path, points, **kw)
    elif fmt == "PPMS_ACMS":
        write_acms_dat(path, points, **kw)
    elif fmt == "MPMS_XL":
        write_mpmsxl_dat(path, points, **kw)
    else:
        tidy = points.rename(
            columns={"chi_real_emu_per_Oe": "chi_real", "chi_imag_emu_per_Oe": "chi_imag"}
        )
        write_tidy_csv(path, tidy, chi_unit="emu/Oe")


@pytest.fixture(scope="session")
def raw_writer():
    """:func:`write_format`, for tests that write a file of each format."""
    return write_format
