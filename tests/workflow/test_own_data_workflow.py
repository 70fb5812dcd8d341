"""The generic route of the workflow on a sample sheet of real files (no paper columns, one
sample without mass): per-sample rate-law tables, figures and a neutral report under the
sheet's own root; bad sheets stop with file:line: column messages."""

from pathlib import Path

import pandas as pd
import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.workflow

SHEET = """# own samples: no x_Er, no form; acms has no mass
sample_id\tinstrument\traw_glob\tcompound\tmass_mg\tmolar_mass_g_per_mol\trate_law\trate_fixed
ErCOT\tMPMS3\t{d}/mpms3_ErCOT_I_THF2_ACvsF.dat\tEr(COT)I(THF)2\t\t\t\t
K18c6\tMPMS3\t{d}/mpms3_K18c6_Er_hdcCOT2_ACvsF.dat\t\t7.2\t839.24\torbach\t
acms\tPPMS_ACMS\t{d}/acms_molmag_0Oe.dat\t\t\t\traman+qtm\tn=4
"""


def _config(root: Path, sheet_text: str, name: str = "my_sheet.tsv") -> Path:
    root.mkdir(parents=True, exist_ok=True)
    sheet = root / name
    sheet.write_text(sheet_text)
    config = yaml.safe_load((REPO / "config.yaml").read_text())
    config["samples"] = str(sheet)
    cfg = root / "config.yaml"
    cfg.write_text(yaml.safe_dump(config))
    return cfg


def test_sheet_of_real_files_runs_end_to_end(tmp_path, run_workflow, realdata_dir):
    cfg = _config(tmp_path, SHEET.format(d=realdata_dir))
    proc = run_workflow(tmp_path, [], cfg)  # the default target of a non-paper sheet
    assert proc.returncode == 0, proc.stderr[-3000:]
    root = tmp_path / "results" / "own" / "my_sheet"
    for sample in ("ErCOT", "K18c6", "acms"):
        for fig in ("spectra", "cole_cole", "residuals", "tau_vs_inverse_T", "tau_vs_T"):
            assert (root / sample / "figures" / f"{fig}.png").is_file()
        params = pd.read_csv(root / sample / "tables" / "rate_law_parameters.csv")
        assert (params.loc[params["parameter"] == "converged", "value"] == 1).all()
        html = (root / sample / "report.html").read_text()
        for word in ("ErW10", "paper", "synthetic", "Fig. 3", "natEr"):
            assert word not in html
    params = pd.read_csv(root / "rate_law_parameters.csv")
    laws = params.loc[params["parameter"] == "chi2_red"].set_index("sample")["law"]
    assert laws["K18c6"] == "orbach" and laws["acms"] == "raman+qtm"  # per-sample settings
    fixed = params.loc[(params["sample"] == "acms") & (params["parameter"] == "n_raman")]
    assert fixed["value"].iloc[0] == 4 and bool(fixed["fixed"].iloc[0])
    fits = pd.read_csv(root / "acms" / "tables" / "spectra_fits.csv")
    assert (fits["chi_unit"] == "emu/Oe").all()  # no mass: file units, and the run went on
    assert (
        "no mass_mg and molar_mass_g_per_mol"
        in (tmp_path / "results/logs/ingest/acms.log").read_text()
    )
    assert (
        pd.read_csv(root / "K18c6" / "tables" / "spectra_fits.csv")["chi_unit"] == "emu/mol"
    ).all()
    assert not (tmp_path / "results" / "tables").exists()  # no paper table in an own-data run
    assert "ErCOT/report.html" in (root / "index.html").read_text()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t.replace("\t7.2\t", "\t12,4\t"), "my_sheet.tsv:4: column 'mass_mg': not a number: '12,4' (use a decimal point"),
        (lambda t: t.replace("K18c6\tMPMS3", "ErCOT\tMPMS3"), "my_sheet.tsv:4: column 'sample_id': duplicate sample_id 'ErCOT'"),
        (lambda t: t.split("\n")[0] + "\n", "empty sample sheet"),
        (lambda t: t.replace("\torbach\t", "\torbach+magic\t"), "my_sheet.tsv:4: sample 'K18c6': unknown rate term"),
    ],
)  # fmt: skip
def test_bad_sheets_are_named(tmp_path, run_workflow, realdata_dir, edit, message):
    cfg = _config(tmp_path, edit(SHEET.format(d=realdata_dir)))
    proc = run_workflow(tmp_path, [], cfg, "-n")
    if "unknown rate term" in message:  # found when the job's settings are checked
        proc = run_workflow(tmp_path, [], cfg)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr + _logs(tmp_path)
    assert message in out, out[-2000:]


def _logs(root: Path) -> str:
    return (
        "".join(p.read_text() for p in (root / "results" / "logs").rglob("*.log"))
        if (root / "results").exists()
        else ""
    )


def test_missing_sheet_is_named(tmp_path, run_workflow):
    cfg = _config(tmp_path, "")
    (tmp_path / "my_sheet.tsv").unlink()
    proc = run_workflow(tmp_path, [], cfg, "-n")
    assert proc.returncode != 0
    assert "my_sheet.tsv: sample sheet not found" in proc.stdout + proc.stderr


def test_a_bad_sample_names_itself_and_the_others_still_run(tmp_path, run_workflow, realdata_dir):
    """A sample whose only file has no usable row (its one data row cut while being written)
    fails with one line naming the sample, file and reason; with --keep-going (the default
    profile's setting) the other sample's report is still written."""
    src = (realdata_dir / "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat").read_text(encoding="latin-1")
    head, _, rows = src.partition("[Data]\n")
    columns, first, *_ = rows.splitlines()
    bad = tmp_path / "cut.dat"
    bad.write_text(head + "[Data]\n" + columns + "\n" + first[:300], encoding="latin-1")
    sheet = SHEET.format(d=realdata_dir).splitlines()
    sheet = [*sheet[:2], sheet[3], f"cut\tMPMS3\t{bad}\t\t7.2\t839.24\t\t"]
    cfg = _config(tmp_path, "\n".join(sheet) + "\n")
    proc = run_workflow(tmp_path, [], cfg, "--keep-going")
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "ingest of sample cut failed: " in out and "cut.dat" in out, out[-3000:]
    assert "no usable data row" in out and "may be cut" in out
    assert "Traceback" not in out
    assert (tmp_path / "results" / "own" / "my_sheet" / "K18c6" / "report.html").is_file()
