"""Natural user mistakes give one line on stderr, exit 2 and never a traceback; every command
says where its outputs went."""

import subprocess
import sys
from pathlib import Path

import pytest

from spinrelax.cli import COMMANDS, build_parser, main

SCANS = Path(__file__).resolve().parents[1] / "data" / "scans"


def _one_line_error(capsys, argv: list[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    return lines[0]


def test_fit_rates_on_a_raw_dat_says_what_to_run(realdata_dir, capsys):
    raw = str(realdata_dir / "acms_molmag_0Oe.dat")
    line = _one_line_error(capsys, ["fit-rates", raw])
    assert line == (
        f"spinrelax fit-rates: error: {raw}: a raw ac file, not a fit table: fit its spectra "
        f"first (spinrelax fit-ac {raw} -o fits.csv, then spinrelax fit-rates fits.csv), or "
        f"run spinrelax report {raw} for both"
    )


def test_fit_rates_on_a_raw_tidy_csv_or_a_binary_file(tmp_path, capsys):
    tidy = tmp_path / "raw.csv"
    tidy.write_text("T_K,H_Oe,freq_Hz,chi_real,chi_imag\n2,0,10,1,0.5\n")
    assert "a raw ac file, not a fit table" in _one_line_error(capsys, ["fit-rates", str(tidy)])
    binary = tmp_path / "fits.csv"
    binary.write_bytes(b"\xff\xfeT_K,tau_s\n\xff\n")
    assert "not a CSV fit table" in _one_line_error(capsys, ["fit-rates", str(binary)])


def test_fit_ac_on_a_fit_table_names_fit_rates(tmp_path, capsys):
    table = tmp_path / "fits.csv"
    table.write_text("file,spectrum,T_K,H_Oe,tau_s\nx,0,2,0,0.001\n")
    line = _one_line_error(capsys, ["fit-ac", str(table)])
    assert f"not raw ac data: fit its relaxation laws with spinrelax fit-rates {table}" in line


def test_an_output_path_under_a_file_is_one_line(realdata_dir, tmp_path, capsys):
    blocker = tmp_path / "a_file"
    blocker.write_text("")
    raw = str(realdata_dir / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat")
    line = _one_line_error(capsys, ["report", raw, "-o", str(blocker)])
    assert "Not a directory" in line or "File exists" in line


def test_each_command_says_where_it_wrote(realdata_dir, tmp_path, capsys):
    raw = str(realdata_dir / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat")
    fits = tmp_path / "fits.csv"
    assert main(["fit-ac", raw, "-o", str(fits)]) == 0
    assert (
        capsys.readouterr().out
        == f"spinrelax fit-ac: 7 spectra fitted, 6 usable; outputs: {fits}\n"
    )
    params = tmp_path / "params.csv"
    assert main(["fit-rates", str(fits), "-o", str(params)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("spinrelax fit-rates: ") and out.endswith(f"outputs: {params}\n")
    assert main(["fit-ac", raw]) == 0  # table on stdout: the line goes to stderr
    captured = capsys.readouterr()
    assert captured.out.startswith("file,spectrum") and "outputs: stdout" in captured.err


def test_help_texts_match_the_modules():
    """The lazy parser lists each command with the help its module registers."""
    full = next(a for a in build_parser()._actions if a.dest == "command")
    helps = {c.dest: c.help for c in full._choices_actions}
    assert helps == {name: text for name, (_, text) in COMMANDS.items()}


@pytest.mark.parametrize("argv", [["--help"], ["fit-peaks", "--help"]])
def test_start_up_imports_only_what_the_command_needs(argv):
    code = (
        "import sys\nfrom spinrelax.cli import main\n"
        f"try:\n    main({argv!r})\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('matplotlib', 'scipy', 'spinrelax.rates.fit', "
        "'spinrelax.sample_report.html', 'pandas') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = out.stdout.strip().splitlines()[-1]
    if argv == ["--help"]:
        assert loaded == "[]"
    else:
        assert "matplotlib" not in loaded and "spinrelax.rates.fit" not in loaded
