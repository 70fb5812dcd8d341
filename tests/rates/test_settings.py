import pytest

from spinrelax.rates.settings import law_settings, parse_fixed


def test_fixed_short_names():
    assert parse_fixed("n=9, U=60") == {"n_raman": 9.0, "U_K": 60.0}
    assert parse_fixed({"n_raman": "9"}) == {"n_raman": 9.0}
    with pytest.raises(ValueError, match="unknown parameter"):
        parse_fixed("q=1")
    with pytest.raises(ValueError, match="not a number"):
        parse_fixed("n=nine")


def test_law_settings_checked():
    s = law_settings({"law": "Orbach+plateau", "T_max_K": "12", "candidates": "orbach,raman+qtm"})
    assert s.law == "orbach+qtm" and s.T_max_K == 12.0
    assert s.candidates == ("orbach", "raman+qtm")
    with pytest.raises(ValueError, match="unknown rate-law setting"):
        law_settings({"T_window": 3})
    with pytest.raises(ValueError, match="sigma"):
        law_settings({"sigma": "weird"})


def test_fixed_parameter_must_belong_to_a_given_law():
    with pytest.raises(ValueError, match="not in law orbach"):
        law_settings({"law": "orbach+qtm", "field_law": "constant", "fixed": "n=9",
                      "global_law": "off"})  # fmt: skip
    # n_raman belongs to the global (T, H) candidates; m_pb to none of the laws
    assert law_settings({"law": "orbach+qtm", "field_law": "constant", "fixed": "n=9"}).fixed
    with pytest.raises(ValueError, match="not in law orbach"):
        law_settings({"law": "orbach+qtm", "field_law": "constant", "fixed": "m_pb=2"})
    assert law_settings({"law": "orbach+raman", "fixed": "n=9"}).fixed == {"n_raman": 9.0}
