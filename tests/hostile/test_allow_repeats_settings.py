"""``allow_repeats`` works where the docs say (issue 21, item 2): the sample-sheet column (the
loader used to reject it as unknown), the per-sample settings and the CLI flag; allowed repeats
are kept as repeats (each file its own spectra) and said in the log. ``same_sample`` and the
sheet's ``instrument`` are checked per sample (items 3 and 7)."""

import logging
import shutil

import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.duplicates import RepeatedDataError
from spinrelax.io.ingest import ingest_sample
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.one_compound import MixedSamplesError
from spinrelax.io.sample_settings import sample_flag
from spinrelax.io.sample_sheet import load_sample_sheet
from spinrelax.io.segmentation import SegmentationSettings

K18C6 = "mpms3_K18c6_Er_hdcCOT2_ACvsF.dat"
ERCOT = "mpms3_ErCOT_I_THF2_ACvsF.dat"
HEADER = "sample_id\tinstrument\traw_glob\tallow_repeats\tsame_sample\n"


def _sheet(tmp_path, rows: str):
    path = tmp_path / "samples.tsv"
    path.write_text(HEADER + rows)
    return path


def test_the_sheet_takes_the_flag_columns(tmp_path):
    sheet = load_sample_sheet(
        _sheet(tmp_path, "A\tMPMS3\ta/*.dat\ttrue\t\nB\tMPMS3\tb/*.dat\tno\tyes\n")
    )
    rows = sheet.set_index("sample_id")
    assert rows.loc["A", "allow_repeats"] is True and rows.loc["A", "same_sample"] is None
    assert rows.loc["B", "allow_repeats"] is False and rows.loc["B", "same_sample"] is True


def test_a_bad_flag_cell_is_named(tmp_path):
    with pytest.raises(InputFormatError, match=r"samples.tsv:2: column 'allow_repeats': must be"):
        load_sample_sheet(_sheet(tmp_path, "A\tMPMS3\ta/*.dat\tmaybe\t\n"))


def test_sheet_cell_wins_over_per_sample_settings():
    config = {"sample_settings": {"A": {"ingest": {"allow_repeats": True}}}}
    assert sample_flag(config, "A", {"allow_repeats": None}, "allow_repeats") is True
    assert sample_flag(config, "A", {"allow_repeats": False}, "allow_repeats") is False
    assert sample_flag(config, "B", {}, "allow_repeats") is False
    with pytest.raises(InputFormatError, match="sample_settings.A.ingest.same_sample"):
        sample_flag(
            {"sample_settings": {"A": {"ingest": {"same_sample": "yes"}}}}, "A", {}, "same_sample"
        )


def _ingest(files, **kwargs):
    meta = SampleMetadata(None, None)
    return ingest_sample("S", files, meta, SegmentationSettings(), "molar_cgs", **kwargs)


def test_allowed_copies_keep_their_own_spectra_and_are_logged(tmp_path, realdata_dir, caplog):
    a, b = tmp_path / "a.dat", tmp_path / "b.dat"
    shutil.copy(realdata_dir / K18C6, a)
    shutil.copy(a, b)
    files = [(a, "a.dat"), (b, "b.dat")]
    with pytest.raises(RepeatedDataError, match="2 files hold the same data rows: a.dat, b.dat"):
        _ingest(files)
    single = _ingest(files[:1])
    with caplog.at_level(logging.WARNING):
        both = _ingest(files, allow_repeats=True)
    assert both.spectra["spectrum"].nunique() == 2 * single.spectra["spectrum"].nunique()
    assert set(both.spectra["file"]) == {"a.dat", "b.dat"}
    assert both.notes and "a.dat, b.dat hold the same data rows" in caplog.text


def test_one_sample_one_compound_and_the_sheets_instrument(tmp_path, realdata_dir):
    files = [(realdata_dir / ERCOT, "ErCOT.dat"), (realdata_dir / K18C6, "K18c6.dat")]
    with pytest.raises(MixedSamplesError, match="ErCOT.dat and K18c6.dat name different samples"):
        _ingest(files)
    assert len(_ingest(files, same_sample=True).summary) == 2
    with pytest.raises(InputFormatError, match="instrument 'PPMS_ACMS' .* this file is a MPMS3"):
        _ingest(files[:1], instrument="PPMS_ACMS")
    assert len(_ingest(files[:1], instrument="MPMS3").summary) == 1
