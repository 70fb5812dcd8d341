"""Tests of spinrelax.pipeline.provenance: hashes, manifest, tolerant comparison, sidecar."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spinrelax.errors import InputFormatError, SpinrelaxError
from spinrelax.io.csv_table import write_csv
from spinrelax.pipeline.manifest import (
    MANIFEST_COLUMNS,
    build_manifest,
    compare_manifests,
    file_kind,
    numeric_signature,
    read_manifest,
    sha256_file,
    signatures_agree,
    table_signature,
    write_manifest,
)
from spinrelax.pipeline.provenance import (
    config_sha256,
    expand_input_globs,
    git_commit,
    git_dirty,
    provenance_record,
    write_json,
)


def test_sha256_file_matches_the_fips_180_test_vector(tmp_path):
    # FIPS 180-2, appendix B.1: sha256("abc")
    path = tmp_path / "abc.txt"
    path.write_bytes(b"abc")
    assert sha256_file(path) == ("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")


def test_sha256_file_reads_large_files_in_chunks(tmp_path):
    data = np.random.default_rng(1).bytes(3 * (1 << 20) + 17)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("a.csv", "table"),
        ("b.TSV", "table"),
        ("c.parquet", "table"),
        ("d.png", "figure"),
        ("e.pdf", "figure"),
        ("f.html", "document"),
        ("t.tex", "document"),
        ("g.json", "other"),
    ],
)
def test_file_kind_from_suffix(name, kind):
    assert file_kind(name) == kind


def test_numeric_signature_counts_non_finite_and_sums_finite_values():
    sig = numeric_signature(np.array([1.0, -2.0, np.nan, np.inf, -np.inf, 4.0]))
    n = 6
    w = np.arange(1, n + 1) / n
    assert sig[:3] == [1, 1, 1]
    assert sig[3:6] == [3.0, 3.0, 7.0]
    assert sig[6] == pytest.approx(w[[0, 1, 5]].sum())
    assert sig[7] == pytest.approx(w[0] * 1 - w[1] * 2 + w[5] * 4)
    assert sig[8] == pytest.approx(w[0] * 1 + w[1] * 2 + w[5] * 4)


def test_signatures_detect_a_permutation_of_rows():
    x = np.array([1.0, 2.0, 3.0, 4.0])
    assert not signatures_agree(numeric_signature(x), numeric_signature(x[::-1]))


def test_signatures_detect_a_changed_non_finite_count():
    x = np.array([1.0, 2.0, 3.0])
    y = np.array([1.0, np.nan, 3.0])
    assert not signatures_agree(numeric_signature(x), numeric_signature(y))


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(
        st.floats(min_value=-1e6, max_value=1e6, allow_nan=False), min_size=1, max_size=40
    ),
    seed=st.integers(0, 2**32 - 1),
)
def test_elementwise_agreement_within_tolerance_always_agrees(values, seed):
    x = np.array(values)
    rng = np.random.default_rng(seed)
    rtol, atol = 1e-6, 1e-12
    # a perturbation of at most 0.9 (rtol |x| + atol) per value
    y = x + 0.9 * rng.uniform(-1, 1, x.size) * (rtol * np.abs(x) + atol)
    assert signatures_agree(numeric_signature(y), numeric_signature(x), rtol=rtol, atol=atol)


def test_a_change_far_beyond_tolerance_is_detected():
    x = np.linspace(1.0, 2.0, 50)
    y = x.copy()
    y[17] *= 1 + 1e-4
    assert not signatures_agree(numeric_signature(y), numeric_signature(x), rtol=1e-6)
    assert signatures_agree(numeric_signature(y), numeric_signature(x), rtol=1e-3)


def test_table_signature_strips_the_root_from_absolute_paths(tmp_path):
    a = pd.DataFrame({"file": [f"{tmp_path.resolve()}/data/x.dat"], "v": [1.0]})
    b = pd.DataFrame({"file": ["data/x.dat"], "v": [1.0]})
    assert table_signature(a, root=tmp_path) == table_signature(b, root=tmp_path)


def test_table_signature_hashes_text_columns_and_header():
    base = pd.DataFrame({"sample_id": ["a", "b"], "tau_s": [1e-3, 2e-3]})
    renamed = base.rename(columns={"tau_s": "tau_ms"})
    edited = base.assign(sample_id=["a", "c"])
    sig = table_signature(base)
    assert table_signature(renamed)["columns_sha256"] != sig["columns_sha256"]
    assert table_signature(edited)["text_sha256"] != sig["text_sha256"]
    assert table_signature(edited)["numeric_signature"] == sig["numeric_signature"]


def _outputs(root, scale=1.0, png_bytes=1000, extra_row=False):
    rows = {"sample_id": ["s1", "s2", "s3"], "tau_s": np.array([1e-4, 2e-4, 3e-4]) * scale}
    table = pd.DataFrame(rows)
    if extra_row:
        table = pd.concat([table, pd.DataFrame({"sample_id": ["s4"], "tau_s": [4e-4]})])
    write_csv(table, root / "results/tables/fits.csv")
    (root / "results/figures").mkdir(parents=True, exist_ok=True)
    (root / "results/figures/fig1.png").write_bytes(bytes(png_bytes))
    (root / "results/meta.json").write_text('{"a": 1}\n')
    return ["results/tables/fits.csv", "results/figures/fig1.png", "results/meta.json"]


def test_manifest_round_trip_is_sorted_and_byte_stable(tmp_path):
    paths = _outputs(tmp_path)
    manifest = build_manifest(paths + paths[:1], root=tmp_path)
    assert list(manifest.columns) == list(MANIFEST_COLUMNS)
    assert list(manifest["path"]) == sorted(paths)
    write_manifest(manifest, tmp_path / "m1.tsv")
    write_manifest(build_manifest(reversed(paths), root=tmp_path), tmp_path / "m2.tsv")
    assert (tmp_path / "m1.tsv").read_bytes() == (tmp_path / "m2.tsv").read_bytes()
    back = read_manifest(tmp_path / "m1.tsv")
    assert compare_manifests(back, manifest) == []
    assert back.loc[back["path"] == "results/figures/fig1.png", "bytes"].item() == 1000


def test_manifest_of_a_missing_output_raises_naming_the_file(tmp_path):
    with pytest.raises(InputFormatError, match="nothing.csv"):
        build_manifest(["nothing.csv"], root=tmp_path)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("path\tkind\n", 1, "header"),
        ("\t".join(MANIFEST_COLUMNS) + "\na\ttable\n", 2, "expected 8 fields"),
        ("\t".join(MANIFEST_COLUMNS) + "\na\tother\tx\th\t\t\t\t\n", 2, "byte count"),
        ("\t".join(MANIFEST_COLUMNS) + "\n" + "a\tother\t1\th\t\t\t\t\n" * 2, 3, "duplicate"),
    ],
)
def test_read_manifest_names_file_and_line_of_bad_input(tmp_path, text, line, message):
    path = tmp_path / "bad.tsv"
    path.write_text(text)
    with pytest.raises(SpinrelaxError, match=message) as err:
        read_manifest(path)
    assert err.value.file == str(path)
    assert err.value.line == line


def _compare(tmp_path, **changed):
    ref, new = tmp_path / "ref", tmp_path / "new"
    expected = build_manifest(_outputs(ref), root=ref)
    actual = build_manifest(_outputs(new, **changed), root=new)
    return compare_manifests(actual, expected)


def test_identical_outputs_agree(tmp_path):
    assert _compare(tmp_path) == []


def test_table_values_within_tolerance_agree_despite_different_bytes(tmp_path):
    diffs = _compare(tmp_path, scale=1 + 3e-8)
    assert diffs == []


def test_table_values_beyond_tolerance_are_named(tmp_path):
    diffs = _compare(tmp_path, scale=1 + 1e-4)
    assert [(d.path, "tau_s" in d.reason) for d in diffs] == [("results/tables/fits.csv", True)]


def test_an_added_row_is_reported(tmp_path):
    diffs = _compare(tmp_path, extra_row=True)
    assert len(diffs) == 1
    assert "4 rows, expected 3" in diffs[0].reason


@pytest.mark.parametrize(("png_bytes", "n_diffs"), [(1500, 0), (600, 0), (3000, 1), (400, 1)])
def test_figures_agree_within_a_size_class(tmp_path, png_bytes, n_diffs):
    diffs = _compare(tmp_path, png_bytes=png_bytes)
    assert len(diffs) == n_diffs
    assert all(d.path == "results/figures/fig1.png" for d in diffs)


def test_other_files_must_be_identical_and_sets_must_match(tmp_path):
    ref, new = tmp_path / "ref", tmp_path / "new"
    expected = build_manifest(_outputs(ref), root=ref)
    paths = _outputs(new)
    (new / "results/meta.json").write_text('{"a": 2}\n')
    (new / "results/extra.csv").write_text("x\n1\n")
    actual = build_manifest([*paths[:2], "results/meta.json", "results/extra.csv"], root=new)
    reasons = {d.path: d.reason for d in compare_manifests(actual, expected)}
    assert reasons == {
        "results/meta.json": "content differs (sha256)",
        "results/extra.csv": "unexpected: not in the expected manifest",
    }
    missing = compare_manifests(actual.iloc[:0], expected)
    assert {d.reason for d in missing} == {"missing: expected output was not produced"}


def test_config_hash_ignores_key_order_but_not_values():
    a = {"acsus": {"f_min_Hz": 1.0, "model": "cole-cole"}, "samples": "s.tsv"}
    b = {"samples": "s.tsv", "acsus": {"model": "cole-cole", "f_min_Hz": 1.0}}
    c = {"samples": "s.tsv", "acsus": {"model": "cole-cole", "f_min_Hz": 2.0}}
    assert config_sha256(a) == config_sha256(b)
    assert config_sha256(a) != config_sha256(c)


def test_git_state_outside_a_checkout_is_unknown(tmp_path):
    assert git_commit(tmp_path) == "unknown"
    assert git_dirty(tmp_path) is None


@pytest.mark.required_in_ci(shutil.which("git") is None, reason="git is not installed")
def test_git_state_of_a_checkout(tmp_path):
    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    (tmp_path / "f.txt").write_text("1\n")
    git("add", "f.txt")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "c")
    commit = git_commit(tmp_path)
    assert len(commit) == 40 and int(commit, 16) >= 0
    assert git_dirty(tmp_path) is False
    (tmp_path / "f.txt").write_text("2\n")
    assert git_dirty(tmp_path) is True


def test_expand_input_globs_names_files_relative_to_the_repo(tmp_path):
    (tmp_path / "data/raw/a").mkdir(parents=True)
    (tmp_path / "data/raw/a/x.dat").write_text("1")
    (tmp_path / "data/raw/y.dat").write_text("2")
    (tmp_path / "data/s.tsv").write_text("3")
    outside = tmp_path.parent / f"{tmp_path.name}_outside.dat"
    outside.write_text("4")
    found = expand_input_globs(["data/s.tsv", "data/raw/**/*", str(outside), "nope/*"], tmp_path)
    assert list(found) == sorted(["data/raw/a/x.dat", "data/raw/y.dat", "data/s.tsv", str(outside)])
    assert found["data/raw/a/x.dat"] == str((tmp_path / "data/raw/a/x.dat").resolve())


def test_provenance_record_is_reproducible(tmp_path):
    (tmp_path / "a.dat").write_bytes(b"abc")
    kwargs = dict(
        config_digest=config_sha256({"samples": "data/samples.tsv"}),
        input_files={"data/a.dat": tmp_path / "a.dat"},
        commit="unknown",
        dirty=None,
    )
    record = provenance_record(**kwargs)
    assert record == provenance_record(**kwargs)
    assert record["input_files_sha256"] == {"data/a.dat": sha256_file(tmp_path / "a.dat")}
    assert record["config_sha256"] == config_sha256({"samples": "data/samples.tsv"})
    assert record["dependencies"]["numpy"] == np.__version__
    assert record["git_commit"] == "unknown" and record["git_dirty"] is None
    write_json(record, tmp_path / "p1.json")
    write_json(dict(reversed(list(record.items()))), tmp_path / "p2.json")
    assert (tmp_path / "p1.json").read_bytes() == (tmp_path / "p2.json").read_bytes()
    assert json.loads((tmp_path / "p1.json").read_text()) == record


def test_provenance_of_a_missing_input_raises(tmp_path):
    with pytest.raises(InputFormatError, match="does not exist"):
        provenance_record(
            config_digest="0", input_files={"x": tmp_path / "x"}, commit="u", dirty=None
        )


def test_exact_comparison_rejects_any_byte_difference(tmp_path):
    ref, new = tmp_path / "ref", tmp_path / "new"
    expected = build_manifest(_outputs(ref), root=ref)
    actual = build_manifest(_outputs(new, scale=1 + 3e-8), root=new)
    assert compare_manifests(actual, expected) == []
    diffs = compare_manifests(actual, expected, exact=True)
    assert [d.path for d in diffs] == ["results/tables/fits.csv"]


def test_check_manifest_script_exit_codes(tmp_path):
    script = Path(__file__).resolve().parents[2] / "scripts" / "check_manifest.py"
    ref, new = tmp_path / "ref", tmp_path / "new"
    write_manifest(build_manifest(_outputs(ref), root=ref), tmp_path / "expected.tsv")
    write_manifest(build_manifest(_outputs(new, scale=2.0), root=new), tmp_path / "actual.tsv")

    def run(*args):
        return subprocess.run(
            [sys.executable, str(script), *map(str, args)], capture_output=True, text=True
        )

    same = run(tmp_path / "expected.tsv", tmp_path / "expected.tsv")
    assert same.returncode == 0 and "0 difference(s) against 3" in same.stdout
    differs = run(tmp_path / "actual.tsv", tmp_path / "expected.tsv")
    assert differs.returncode == 1 and "DIFFERS results/tables/fits.csv" in differs.stdout
    assert run(tmp_path / "actual.tsv", tmp_path / "expected.tsv", "--rtol", "2").returncode == 0
    (tmp_path / "bad.tsv").write_text("nonsense\n")
    bad = run(tmp_path / "bad.tsv", tmp_path / "expected.tsv")
    assert bad.returncode == 2 and "bad.tsv:1" in bad.stderr
