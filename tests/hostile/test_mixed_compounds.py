"""Files of different samples given together are refused (issue 21, item 3): one line naming
both files and the header field that differs; ``--same-sample`` says they belong together."""

import shutil
from types import SimpleNamespace

import pytest

from spinrelax.cli import main
from spinrelax.io.one_compound import MixedSamplesError, check_one_compound

ERCOT = "mpms3_ErCOT_I_THF2_ACvsF.dat"
K18C6 = "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"


def test_report_refuses_two_compounds(realdata_dir, tmp_path, capsys):
    out = tmp_path / "out"
    args = ["report", str(realdata_dir / ERCOT), str(realdata_dir / K18C6), "-o", str(out)]
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{ERCOT} and " in err and f"{K18C6} name different samples" in err
    assert "SAMPLE_MATERIAL 'Er(COT)I(THF)2' vs 'K(18-c-6)_Er(hdcCOT)2'" in err
    assert "--same-sample" in err
    assert not out.exists()


def test_same_sample_flag_lets_them_through(realdata_dir, tmp_path):
    out = tmp_path / "out"
    args = ["report", str(realdata_dir / ERCOT), str(realdata_dir / K18C6), "--same-sample"]
    assert main([*args, "-o", str(out)]) == 0
    assert (out / "report.html").is_file()


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (b"INFO,7.2,SAMPLE_MASS", b"INFO,7.9,SAMPLE_MASS", "sample mass (mg) 7.2 vs 7.9"),
        (
            b"INFO,839.24,SAMPLE_MOLECULAR_WEIGHT",
            b"INFO,542.53,SAMPLE_MOLECULAR_WEIGHT",
            "molar mass (g/mol) 839.24 vs 542.53",
        ),
    ],
)
def test_a_different_mass_or_molar_mass_is_named(realdata_dir, tmp_path, capsys, old, new, field):
    a = tmp_path / "a.dat"
    shutil.copy(realdata_dir / K18C6, a)
    b = tmp_path / "b.dat"
    raw = a.read_bytes()
    assert old in raw
    data_at = raw.index(b"[Data]")
    # another measurement of another sample: the header field and a data row differ
    b.write_bytes(raw[:data_at].replace(old, new) + raw[data_at:].replace(b",1,", b",2,", 1))
    assert main(["report", str(a), str(b), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{a} and {b} name different samples: header {field}" in err
    assert not (tmp_path / "out").exists()


def test_a_field_only_one_file_gives_is_not_compared():
    files = [
        ("a", SimpleNamespace(material="X", sample_mass_mg=None, molar_mass_g_per_mol=500.0)),
        ("b", SimpleNamespace(material="", sample_mass_mg=7.0, molar_mass_g_per_mol=500.0)),
    ]
    check_one_compound(files, allow=False)
    files.append(
        ("c", SimpleNamespace(material=" x ", sample_mass_mg=7.5, molar_mass_g_per_mol=500))
    )
    with pytest.raises(
        MixedSamplesError, match="b and c name different samples: header sample mass"
    ):
        check_one_compound(files, allow=False)
