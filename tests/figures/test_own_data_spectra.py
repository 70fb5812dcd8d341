"""The QC counts under the spectrum figures and in the report's captions come from the fits'
usable and flags columns: usable out of all, then how many fits carry each flag."""

import pandas as pd

from spinrelax.figures.own_data_spectra import fit_counts, flagged_note


def _fits(usable, flags, T=None) -> pd.DataFrame:
    n = len(usable)
    return pd.DataFrame({"T_K": T or [float(5 + i) for i in range(n)], "H_Oe": 0.0,
                         "usable": usable, "flags": flags})  # fmt: skip


def test_counts_name_every_flag():
    fits = _fits([True] * 16 + [False] * 2, [""] * 6 + ["model_inadequate"] * 10 + ["flat"] * 2)
    assert fit_counts(fits) == "16 of 18 fits usable; 2 flagged flat; 10 flagged model_inadequate"
    assert fit_counts(_fits([True, True], ["", None])) == "2 of 2 fits usable; none flagged"
    both = _fits([True, False], ["model_inadequate;poor_fit", "poor_fit"])
    assert fit_counts(both) == (
        "1 of 2 fits usable; 1 flagged model_inadequate; 2 flagged poor_fit"
    )


def test_note_says_where_the_flagged_and_unusable_fits_are():
    fits = _fits([True, True, False], ["", "model_inadequate", "flat"], T=[9.5, 5.0, 2.0])
    note = flagged_note(fits)
    assert note.startswith("2 of 3 fits usable; 1 flagged flat; 1 flagged model_inadequate.")
    assert "Dash-dot lines, usable but model_inadequate: 5 K" in note
    assert "Grey, dashed, not usable (flat): 2 K" in note
    assert "all fits usable" not in note
