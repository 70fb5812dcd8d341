"""The fit table's curves: a row of result columns rebuilds the model's chi', chi''."""

import numpy as np
import pandas as pd

from spinrelax.acsus.fit_table import RESULT_COLUMNS, TEXT_COLUMNS, fitted_curves
from spinrelax.acsus.models import chi_real_imag


def test_text_columns_are_result_columns():
    assert set(TEXT_COLUMNS) <= set(RESULT_COLUMNS)


def test_fitted_curves_rebuild_a_cole_cole_row():
    row = {name: np.nan for name in RESULT_COLUMNS if name not in TEXT_COLUMNS}
    row.update(model="generalized_debye", chi_S=0.2, chi_T=1.5, tau_s=1e-3, alpha=0.15,
               gamma=np.nan, dchi2=np.nan, tau2_s=np.nan, alpha2=np.nan)  # fmt: skip
    f = np.geomspace(1.0, 1e4, 25)
    re, im = fitted_curves(pd.DataFrame([row]), f)
    p = np.array([[0.2, 1.3, np.log(1e-3), 0.15]])
    want_re, want_im = chi_real_imag("generalized_debye", f, p)
    np.testing.assert_allclose(re, want_re, rtol=1e-12)
    np.testing.assert_allclose(im, want_im, rtol=1e-12)
    # the Debye limit: chi'' peaks at 2 pi f tau = 1 with height (chi_T - chi_S) / 2
    row.update(alpha=0.0)
    _, im0 = fitted_curves(pd.DataFrame([row]), np.array([1 / (2 * np.pi * 1e-3)]))
    assert np.isclose(im0[0, 0], 1.3 / 2)
