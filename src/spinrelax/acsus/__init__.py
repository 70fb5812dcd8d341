"""AC susceptibility analysis: Cole-Cole model family, batched fitting engine, QC flags,
model selection, ln tau distribution widths and the equilibrium response (Curie-Weiss, T_N,
demagnetising limit)."""

from spinrelax.acsus.fit_table import RESULT_COLUMNS
from spinrelax.acsus.fitting import FitSettings, fit_packed, fit_spectra
from spinrelax.acsus.models import MODEL_NAMES, MODELS, chi_complex, chi_real_imag

__all__ = [
    "MODELS",
    "MODEL_NAMES",
    "RESULT_COLUMNS",
    "FitSettings",
    "chi_complex",
    "chi_real_imag",
    "fit_packed",
    "fit_spectra",
]
