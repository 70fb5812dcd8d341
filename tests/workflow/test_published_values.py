"""No table the workflow writes holds a number from a fit that did not converge
(``spinrelax.published``; docs/published_values.md).

Two runs: the generic route on the real files (run here, every table it writes), and the paper
route of the last ``make reproduce`` in ``results/`` (``.ci/run`` runs
``scripts/check_published.py results`` right after it; here the test is skipped without it).
"""

from pathlib import Path

import pytest

from spinrelax.published import check_tree, has_status, read_table

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.workflow

SHEET = """sample_id\tinstrument\traw_glob\tcompound\tmass_mg\tmolar_mass_g_per_mol
ErCOT\tMPMS3\t{d}/mpms3_ErCOT_I_THF2_ACvsF.dat\tEr(COT)I(THF)2\t\t
acms\tPPMS_ACMS\t{d}/acms_molmag_0Oe.dat\t\t\t
"""


def _tables(root: Path) -> list[Path]:
    return sorted(
        p for p in [*root.rglob("*.csv"), *root.rglob("*.parquet")] if "logs" not in p.parts
    )


def test_generic_route_publishes_no_number_from_a_failed_fit(
    tmp_path, run_workflow, realdata_dir, sheet_config
):
    sheet = tmp_path / "sheet.tsv"
    sheet.write_text(SHEET.format(d=realdata_dir))
    cfg = sheet_config(sheet)
    proc = run_workflow(tmp_path, [], cfg)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = tmp_path / "results"
    tables = _tables(results)
    # the check sees the spectrum fits and the rate-law tables of both samples
    assert sum(has_status(read_table(p)) for p in tables) >= 6
    assert check_tree(results) == []


def test_last_paper_run_publishes_no_number_from_a_failed_fit():
    results = REPO / "results"
    if not (results / "manifest.tsv").is_file():
        pytest.skip("no finished run in results/ (make reproduce)")
    assert check_tree(results) == []
