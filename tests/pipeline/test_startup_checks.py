"""Startup checks: cross-field config problems and paths Snakemake cannot take, key named."""

from pathlib import Path

import pytest
import yaml

from spinrelax.errors import SpinrelaxError
from spinrelax.pipeline.startup_checks import (
    check_startup,
    config_problems,
    deflection_conditions,
    is_paper_run,
    path_problems,
    startup_problems,
)

REPO = Path(__file__).resolve().parents[2]
CONFIG = yaml.safe_load((REPO / "config.yaml").read_text())
SAMPLE_IDS = ["Er025_powder", "ErW10_xtal_mK", "ErW10_powder"]
FORMS = ["powder", "crystal", "powder"]
FILES = [
    "V11_T25K_6bar_optimized.csv",
    "V11_T25K_2bar_optimized.csv",
    "V11_T25K_2bar_conical.csv",
    "V11_T100K_6bar_optimized.csv",
]


def _config(**changes):
    config = yaml.safe_load(yaml.safe_dump(CONFIG))
    for key, value in changes.items():
        node = config
        *parents, last = key.split("__")
        for part in parents:
            node = node[part]
        node[last] = value
    return config


def _problems(config, **kw):
    return config_problems(config, SAMPLE_IDS, FORMS, FILES, REPO, **kw)


def test_the_shipped_config_passes():
    assert _problems(CONFIG) == []
    samples = {"ErW10_xtal_mK": {"form": "powder", "raw_glob": "data/raw/acsus/ErW10_xtal_mK_*"}}
    assert (
        startup_problems(
            _config(acsus__fig3_sample="ErW10_xtal_mK"), samples, REPO, "/usr/bin/python3"
        )
        == []
    )


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"acsus__fig3_sample": "Er999"}, "acsus.fig3_sample: 'Er999' is not a sample_id"),
        ({"acsus__scorecard_sample": "nope"}, "acsus.scorecard_sample: 'nope'"),
        ({"spin__default_variant": "other"}, "spin.default_variant: 'other'"),
        ({"relaxation__spin_variant": "x"}, "relaxation.spin_variant: 'x'"),
        (
            {"acsus__equilibrium__cw_T_min_K": 5.0},
            "acsus.equilibrium.cw_T_min_K (5.0) must be below acsus.equilibrium.cw_T_max_K (4.0)",
        ),
        (
            {"relaxation__fit__full_law_window_K": [12.0, 1.5]},
            "relaxation.fit.full_law_window_K must be [lower, upper]",
        ),
        ({"relaxation__fit__arrhenius_window_K": [4.0, 4.0]}, "relaxation.fit.arrhenius_window_K"),
        ({"relaxation__master_equation__T_line_max_K": 0.01}, "T_line_min_K (0.05) must be below"),
        (
            {"spin__Hz_sweep_Oe": {"min": 400.0, "max": -400.0, "n": 3}},
            "spin.Hz_sweep_Oe: min (400.0) must be below max (-400.0)",
        ),
        (
            {"clusters__baseline_condition": "T99K_1bar_x"},
            "clusters.baseline_condition: 'T99K_1bar_x' is not the condition",
        ),
        (
            {"clusters__hot_condition": "T101K_6bar_optimized"},
            "clusters.hot_condition: 'T101K_6bar_optimized' is not the condition",
        ),
        (
            {"clusters__fig3_conditions": ["T25K_6bar_optimized", "T1K"]},
            "clusters.fig3_conditions: 'T1K'",
        ),
        (
            {"clusters__calibration_file": "data/raw/none.csv"},
            "clusters.calibration_file: 'data/raw/none.csv' is not a file",
        ),
        (
            {"clusters__relaxation_figure__T_min_K": 400.0},
            "clusters.relaxation_figure.T_min_K (400.0) must be below",
        ),
    ],
)
def test_each_cross_field_problem_names_its_key(changes, key):
    problems = _problems(_config(**changes))
    assert len(problems) == 1 and key in problems[0], problems


def test_empty_selections_are_problems():
    assert "lists no sample" in config_problems(CONFIG, [], [], FILES, REPO)[0]
    only_crystals = config_problems(CONFIG, SAMPLE_IDS, ["crystal"] * 3, FILES, REPO)
    assert only_crystals == [
        "config relaxation.plateau.series_form: no sample of data/samples.tsv has form 'powder'"
    ]
    assert "no *.csv file" in config_problems(CONFIG, SAMPLE_IDS, FORMS, [], REPO)[0]


def test_paper_names_are_not_checked_for_a_run_of_the_generic_stages():
    assert _problems(_config(acsus__fig3_sample="Er999"), paper_run=False) == []
    assert is_paper_run([]) and is_paper_run(["all"]) and is_paper_run({"paper2"})
    assert not is_paper_run(["results/tables/colecole_fits.csv"])
    # On a user's own sheet the default target and `all` make the generic outputs.
    assert not is_paper_run([], paper_sheet=False) and not is_paper_run(["all"], paper_sheet=False)
    assert is_paper_run(["paper1"], paper_sheet=False)


def test_condition_labels_come_from_deflection_file_names():
    assert deflection_conditions(
        ["x/Nb15_T25K_6bar_optimized.csv", "README.md", "Al01_T25K_6bar_calibration.csv"]
    ) == {
        "T25K_6bar_optimized",
        "T25K_6bar_calibration",
    }


def test_a_path_variable_in_a_file_name_is_refused_with_the_file_named():
    problems = path_problems(
        {"raw file of sample 'A'": ["data/raw/run<word>.dat", "ok.dat"]}, "/usr/bin/python3", REPO
    )
    assert problems == [
        "raw file of sample 'A' 'data/raw/run<word>.dat' holds '<word>', which Snakemake reads as a "
        "path variable (<results> is replaced, an unknown one stops the run): rename it without "
        "'<' and '>'"
    ]
    assert (
        path_problems({"f": ["a<Word>.dat", "a<1>.dat", "a<>.dat"]}, "/usr/bin/python3", REPO) == []
    )


def test_an_interpreter_path_with_a_space_is_refused_with_what_to_do():
    (problem,) = path_problems({}, "/home/me/my data/.venv/bin/python", REPO)
    assert "holds a space" in problem and "exit 127" in problem and "python3 -m venv" in problem


def test_check_startup_raises_with_every_problem(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "r<x>.dat").write_text("")
    samples = {"A": {"form": "powder", "raw_glob": "data/*.dat"}}
    config = _config(relaxation__fit__full_law_window_K=[3.0, 2.0], clusters__raw_dir="data")
    with pytest.raises(SpinrelaxError) as err:
        check_startup(config, samples, tmp_path, "/usr/bin/python3", targets=["x.csv"])
    text = str(err.value)
    assert text.startswith("2 problem(s) found at startup:")
    assert "r<x>.dat" in text and "full_law_window_K" in text


def test_an_interpreter_path_with_harmless_characters_passes():
    assert path_problems({}, "/home/me/env~2/py-3.11+x/bin/python", REPO) == []
