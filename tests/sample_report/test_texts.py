"""Settings lines of the sample report."""

import pandas as pd

from spinrelax.sample_report.texts import spectrum_model_text


def test_auto_names_the_series_model_and_its_nested_limit_range():
    fits = pd.DataFrame(
        {
            "T_K": [5.0, 9.5, 10.5, 11.1],
            "series_model": ["havriliak_negami"] * 4,
            "model": ["havriliak_negami", "havriliak_negami", *["generalized_debye"] * 2],
        }
    )
    text = spectrum_model_text("auto", fits)
    assert text == (
        "auto: one model for the series: havriliak_negami; generalized_debye (its nested "
        "limit) at 10.5-11.1 K"
    )
    assert spectrum_model_text("debye", fits) == "debye"
