"""``spinrelax app`` without a browser: the missing extra is one line naming the install."""

import importlib.util

import pytest

from spinrelax.cli import main

FILE = "mpms3_ErCOT_I_THF2_ACvsF.dat"


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


def _workflow(root, realdata_dir):
    (root / "sheet.tsv").write_text(
        f"sample_id\tinstrument\traw_glob\nErCOT\tMPMS3\t{realdata_dir / FILE}\n"
    )
    (root / "config.yaml").write_text("samples: sheet.tsv\nacsus: {model: debye}\n")


def test_sample_of_the_workflow_opens_with_its_settings(realdata_dir, capsys, tmp_path,
                                                       monkeypatch):  # fmt: skip
    import spinrelax.app.server as server

    _workflow(tmp_path, realdata_dir)
    served = []
    monkeypatch.setattr(server, "serve", lambda *a: served.append(a))
    monkeypatch.chdir(tmp_path)
    assert main(["app", "--sample", "ErCOT", "--no-browser"]) == 0
    session, paths, _port, browser = served[0]
    assert session.sample == "ErCOT" and session.choices.model == "debye" and not browser
    assert str(paths.settings) == "ErCOT.settings.yaml"
    out = capsys.readouterr().out
    assert (
        "add to the config: sample_settings: {ErCOT: {settings_file: ErCOT.settings.yaml}}" in out
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--sample", "Dy1"], "sample 'Dy1' is not in sheet.tsv (samples: ErCOT)"),
        (["--sample", "ErCOT", "--configfile", "none.yaml"], "none.yaml: no workflow config here"),
        ([], "give the sample's files, or --sample ID of the workflow's sheet"),
    ],
)
def test_workflow_sample_errors_are_one_line(realdata_dir, capsys, tmp_path, monkeypatch, argv,
                                             message):  # fmt: skip
    _workflow(tmp_path, realdata_dir)
    monkeypatch.chdir(tmp_path)
    assert main(["app", *argv, "--no-browser"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
