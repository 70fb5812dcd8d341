"""Repeated raw data stop the ingest naming both files, unless the sheet allows repeats."""

import shutil

import pandas as pd
import pytest

from spinrelax.io.duplicates import (
    RepeatedDataError,
    check_cross_sample_repeats,
    check_file_identities,
    repeated_points,
)
from spinrelax.io.file_identity import FileIdentity
from spinrelax.io.ingest import ingest_sample
from spinrelax.io.molar import SampleMetadata
from spinrelax.io.segmentation import SegmentationSettings
from spinrelax.io.writers import write_mpms3_dat

META = SampleMetadata(sample_mass_mg=10.0, molar_mass_g_per_mol=3000.0)


def _run(tmp_path, points, name="run.dat"):
    path = tmp_path / name
    write_mpms3_dat(path, points, sample_mass_mg=10.0, molar_mass_g_per_mol=3000.0, title="t")
    return path


def _ingest(files, allow=False):
    pairs = [(p, f"data/raw/{p.name}") for p in files]
    return ingest_sample(
        "S1", pairs, META, SegmentationSettings(), "molar_cgs", allow_repeats=allow
    )


def test_a_copied_file_stops_the_ingest_naming_both_files(tmp_path, points):
    first = _run(tmp_path, points)
    copy = tmp_path / "run (1).dat"
    shutil.copy(first, copy)
    with pytest.raises(RepeatedDataError) as err:
        _ingest([first, copy])
    message = str(err.value)
    assert "data/raw/run (1).dat" in message and "data/raw/run.dat" in message
    assert "same data rows" in message and "allow_repeats" in message


def test_the_same_points_in_another_file_stop_the_ingest(tmp_path, points_factory):
    first = _run(tmp_path, points_factory(temps_K=(2.0, 3.0)))
    # a different file (one more temperature) holding the same 2 K and 3 K rows
    other = tmp_path / "other.dat"
    write_mpms3_dat(
        other,
        points_factory(temps_K=(2.0, 3.0, 4.0)),
        sample_mass_mg=10.0,
        molar_mass_g_per_mol=3000.0,
        title="t",
    )
    with pytest.raises(RepeatedDataError, match=r"data/raw/run.dat:\d+: .*data/raw/other.dat:\d+"):
        _ingest([first, other])


def test_intended_repeats_are_used_and_the_summary_lists_hashes(tmp_path, points):
    first = _run(tmp_path, points)
    copy = tmp_path / "repeat.dat"
    shutil.copy(first, copy)
    single = _ingest([first])
    both = _ingest([first, copy], allow=True)
    assert len(both.spectra) == 2 * len(single.spectra)
    assert both.summary["sha256"].nunique() == 1 and len(both.summary["sha256"].iloc[0]) == 64


def test_distinct_measurements_pass(tmp_path, points_factory):
    a = _run(tmp_path, points_factory(temps_K=(2.0,)), "a.dat")
    b = _run(tmp_path, points_factory(temps_K=(2.5,)), "b.dat")
    assert _ingest([a, b]).summary["sha256"].nunique() == 2


def test_identities_name_every_path_of_a_copy_or_a_link():
    ids = [FileIdentity(n, f"/r/{n}", "s", d) for n, d in (("b", "h1"), ("a", "h1"), ("c", "h2"))]
    with pytest.raises(RepeatedDataError, match=r"2 files hold the same data rows: a, b \("):
        check_file_identities(ids, allow=False)
    check_file_identities(ids, allow=True)
    link = [FileIdentity("x", "/r/x", "s", "h"), FileIdentity("y", "/r/x", "s", "h")]
    with pytest.raises(
        RepeatedDataError, match=r"one file is given 2 times: x, y \(all are /r/x\)"
    ):
        check_file_identities(link, allow=True)  # one file is never a repeat


def test_repeated_points_tables():
    pts = pd.DataFrame(
        {
            "file": ["x", "x", "y", "y", "y"],
            "line": [3, 4, 5, 6, 7],
            "T_K": [2.0, 2.0, 2.0, 2.0, 3.0],
            "H_Oe": [0.0, 0.0, 0.0, 0.0, 0.0],
            "freq_Hz": [1.0, 10.0, 10.0, 1.0, 1.0],
        }
    )
    pairs = repeated_points(pts)
    assert pairs[["file_a", "line_a", "file_b", "line_b"]].values.tolist() == [
        ["x", 3, "y", 6],
        ["x", 4, "y", 5],
    ]


def test_identical_files_in_two_samples_are_caught_across_samples():
    ids = pd.DataFrame(
        {
            "sample": ["A", "B"],
            "file": ["a.dat", "b.dat"],
            "real_path": ["/a.dat", "/b.dat"],
            "data_sha256": ["h", "h"],
        }
    )
    with pytest.raises(
        RepeatedDataError, match=r"samples 'A', 'B' read the same data rows \(A: a.dat, B: b.dat"
    ):
        check_cross_sample_repeats(ids, {})
    check_cross_sample_repeats(ids, {"A": True, "B": True})
    one = ids.assign(real_path="/a.dat")
    with pytest.raises(RepeatedDataError, match="read the same file"):
        check_cross_sample_repeats(one, {"A": True, "B": True})
