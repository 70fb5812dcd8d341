"""`spinrelax fit-dc` and `spinrelax inspect` on the real MPMS3 DC decay file."""

import json
from pathlib import Path

import pandas as pd

from spinrelax.cli import main
from spinrelax.timedomain.table import DC_TABLE_COLUMNS

REAL = Path(__file__).parents[1] / "data" / "realdata" / "mpms3_K18c6_Er_hdcCOT2_DCdecay.dat"


def test_fit_dc_writes_the_documented_table_and_says_where(tmp_path, capsys):
    out = tmp_path / "dc.csv"
    rejected = tmp_path / "rejected.csv"
    code = main(
        ["fit-dc", str(REAL), "-o", str(out), "--model", "both", "--rejected", str(rejected)]
    )
    err = capsys.readouterr().err
    assert code == 0
    assert f"wrote 15 rows to {out}" in err and "rows read 1962, used 1962, rejected 0" in err
    table = pd.read_csv(out)
    assert tuple(table.columns) == DC_TABLE_COLUMNS
    single = table[table.model == "single"].sort_values("T_K")
    assert single["converged"].all() and (single["meq_mode"] == "fit").all()
    assert (single["m0_mode"] == "fit").all()
    flags = dict(zip(single["T_K"].round().astype(int), single["flags"].fillna(""), strict=True))
    assert "no_equilibrium" in flags[2] and "no_equilibrium" not in flags[6]
    assert all("negative_tail" in flags[T] for T in (6, 8, 10))
    assert "negative_tail" not in flags[2]
    assert (table[table.model == "double"].groupby("decay").size() == 2).all()
    docs = (Path(__file__).parents[2] / "docs" / "dc_decays.md").read_text()
    assert all(f"`{c}`" in docs for c in DC_TABLE_COLUMNS)


def test_fit_dc_fixed_meq_is_on_every_row(tmp_path, capsys):
    out = tmp_path / "dc.csv"
    main(["fit-dc", str(REAL), "-o", str(out), "--meq", "fixed", "--meq-value-emu", "0"])
    table = pd.read_csv(out)
    assert (table["meq_mode"] == "fixed").all() and (table["meq_value_emu"] == 0).all()
    assert (table["Meq_emu"] == 0).all() and table["Meq_err_emu"].isna().all()


def test_fit_dc_plots(tmp_path, capsys):
    code = main(["fit-dc", str(REAL), "-o", str(tmp_path / "t.csv"), "--plots", str(tmp_path)])
    png = tmp_path / f"{REAL.stem}_dc_fits.png"
    assert code == 0 and png.stat().st_size > 10_000
    assert str(png) in capsys.readouterr().err


def test_inspect_names_a_dc_decay_file(capsys):
    assert main(["inspect", str(REAL)]) == 0
    text = capsys.readouterr().out
    assert "kind: DC magnetisation decay file" in text and "decays: 5" in text
    assert main(["inspect", "--json", str(REAL)]) == 0
    info = json.loads(capsys.readouterr().out)[0]
    assert info["kind"] == "DC magnetisation decay"
    assert [round(d["T_K"]) for d in info["decays"]] == [2, 4, 10, 8, 6]
    assert info["rows_read"] == info["rows_used"] + info["rows_rejected"]
