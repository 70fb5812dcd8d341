"""``spinrelax app`` without a browser: the missing extra is one line naming the install."""

import importlib.util

from spinrelax.cli import main


def test_without_bokeh_the_error_names_the_extra(monkeypatch, capsys, tmp_path):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "bokeh" else real(name, *a))  # fmt: skip
    assert main(["app", str(tmp_path / "x.dat"), "--no-browser"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ['spinrelax app: error: spinrelax app needs Bokeh: pip install "spinrelax[app]"']


def test_malformed_settings_stop_before_serving(realdata_dir, capsys, tmp_path):
    bad = tmp_path / "s.yaml"
    sample = "mpms3_ErCOT_I_THF2_ACvsF"
    bad.write_text(f"sample_settings:\n  {sample}:\n    rates:\n      T_min: 3\n")
    f = str(realdata_dir / f"{sample}.dat")
    assert main(["app", f, "--settings", str(bad), "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:4:" in err and "rates.T_min" in err
