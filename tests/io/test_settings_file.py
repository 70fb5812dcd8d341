"""Settings files of ``report --settings`` and ``app``: read, written back, refused when bad."""

import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.settings_file import Exclusion, SampleChoices, parse_settings, settings_text

GOOD = """\
sample_settings:
  s1:
    acsus:
      model: debye
      weighting: none
      exclude_spectra:
        - {T_K: 2.2, H_Oe: 0, reason: peak below the window}
      exclude_points:
        - {T_K: 4.0, H_Oe: 0.0, f_Hz: 0.1}
    rates:
      law: orbach+raman
      T_min_K: 3
      fixed: {n_raman: 9}
"""


def test_reads_every_choice():
    c = parse_settings(GOOD, "s.yaml", "s1")
    assert c.model == "debye" and c.weighting == "none"
    assert c.exclude_spectra == [Exclusion(2.2, 0.0, None, "peak below the window")]
    assert c.exclude_points == [Exclusion(4.0, 0.0, 0.1, "")]
    assert c.rates == {"law": "orbach+raman", "T_min_K": 3, "fixed": {"n_raman": 9}}


def test_written_choices_read_back_equal():
    c = SampleChoices(model="auto", exclude_spectra=[Exclusion(5.000036923090616, -0.2322, None, "x")],
                      exclude_points=[Exclusion(10.79994916, -0.23, 621.025451660156, "")],
                      rates={"law": "raman", "T_max_K": 9.5})  # fmt: skip
    assert parse_settings(settings_text("s<1>", c), "s.yaml", "s<1>") == c


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        (GOOD.replace("weighting: none", "weigting: none"), 5, "acsus.weigting"),
        (GOOD.replace("model: debye", "model: lorentz"), 4, "acsus.model"),
        (GOOD.replace("f_Hz: 0.1", "f_Hz: fast"), 9, "exclude_points[0].f_Hz"),
        (GOOD.replace("T_K: 2.2, ", ""), 7, "exclude_spectra[0].T_K"),
        (GOOD.replace("T_min_K: 3", "T_min_K: cold"), 12, "rates.T_min_K"),
        (GOOD.replace("law: orbach+raman", "law: orbach+warp"), 11, "rates.law"),
        (GOOD.replace("    rates:", "    ratez:"), 10, "s1.ratez"),
        (GOOD.replace("  s1:", "  s2:"), 1, "sample_settings.s1"),
        ("sample_settings: [1, 2]\n", 1, "sample_settings"),
    ],
)
def test_bad_key_is_refused_with_file_line_and_key(text, line, key):
    with pytest.raises(InputFormatError) as err:
        parse_settings(text, "s.yaml", "s1")
    assert err.value.file == "s.yaml" and err.value.line == line
    assert key in str(err.value)


def test_broken_yaml_names_its_line():
    with pytest.raises(InputFormatError) as err:
        parse_settings("sample_settings:\n  s1: {acsus: [\n", "s.yaml", "s1")
    assert err.value.file == "s.yaml" and err.value.line == 3


def test_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [" + ", ".join(['"lol"'] * 9) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    with pytest.raises(InputFormatError, match="aliases expand"):
        parse_settings("\n".join(lines) + "\n", "s.yaml", "s1")


def test_saving_one_sample_keeps_the_other_samples_blocks():
    from spinrelax.io.settings_file import SampleChoices, parse_settings, settings_text, with_sample

    other = settings_text("B", SampleChoices(model="debye"))
    text = with_sample(other, "A", SampleChoices(rates={"law": "orbach"}))
    assert parse_settings(text, "s.yaml", "B").model == "debye"
    assert parse_settings(text, "s.yaml", "A").rates == {"law": "orbach"}
    alone = with_sample(settings_text("A", SampleChoices()), "A", SampleChoices(model="debye"))
    assert alone == settings_text("A", SampleChoices(model="debye"))
    assert with_sample(None, "A", SampleChoices()) == settings_text("A", SampleChoices())
