"""Provenance: file hashes, the output manifest, the run sidecar and manifest comparison.

The manifest (``results/manifest.tsv``) has one row per workflow output (every table and figure
the targets name), with columns :data:`MANIFEST_COLUMNS`:

- ``path`` (relative to the working directory, POSIX), ``kind`` (``table``, ``figure``,
  ``document`` or ``other``, from the suffix: :data:`KIND_BY_SUFFIX`), ``bytes``, ``sha256``;
- for tables (CSV, TSV, Parquet) a *content signature* that survives cross-machine rounding:
  ``n_rows``, ``columns_sha256`` (header names and order), ``text_sha256`` (every non-numeric
  column, with the working-directory prefix stripped from absolute paths) and
  ``numeric_signature`` (per numeric column: counts of NaN, +inf, -inf and four linear
  functionals of the finite values, see :func:`numeric_signature`).

Comparison (:func:`compare_manifests`) -- what "the same result" means across machines:

- the sets of paths must be equal; a file with the same sha256 always agrees;
- **tables** agree when ``n_rows``, ``columns_sha256``, ``text_sha256`` and the non-finite counts
  are equal and each functional F = sum_i w_i x_i (w_i = 1 and w_i = (i + 1) / n, so row order
  counts) satisfies ``|F - F_expected| <= rtol * sum_i w_i |x_i| + atol * sum_i w_i``.
  By the triangle inequality this never fails when every value agrees element-wise within
  ``|x - x_expected| <= rtol |x| + atol`` (the tolerance :data:`RTOL` = 1e-6 absorbs libm/BLAS
  differences and optimiser end points far below the fit uncertainties; :data:`ATOL` = 1e-12
  only matters for columns that are zero up to rounding); it does detect any change of the
  column larger than that, except changes that cancel exactly in both functionals.
  Bitwise equality cannot hold across machines (different BLAS, libm and CPU instruction
  sets change the last digits of fitted values), so tables are never compared by hash alone.
- **figures** (PNG, PDF, SVG) agree when both exist and the byte sizes are within a factor
  :data:`FIGURE_SIZE_RATIO` = 2 (same *size class*): raster and font rendering differ between
  machines, so pixels are not compared; the numbers drawn are checked through the tables.
- **documents** (HTML, Markdown, LaTeX) are compared like figures: they render tables whose
  numbers are checked through the CSV tables, plus formatting.
- everything else (JSON, text) must be byte-identical.

The sidecar (``results/provenance.json``, :func:`provenance_record`) records the package and
dependency versions, the git commit (``"unknown"`` outside a git checkout), the sha256 of the
analysis configuration and the sha256 of every input file. It holds no time stamp or host name,
so two runs from the same checkout give the same bytes.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import platform
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd

from spinrelax import __version__
from spinrelax.errors import InputFormatError, raise_at_first_row

MANIFEST_COLUMNS = (
    "path",
    "kind",
    "bytes",
    "sha256",
    "n_rows",
    "columns_sha256",
    "text_sha256",
    "numeric_signature",
)
KIND_BY_SUFFIX = {
    ".csv": "table",
    ".tsv": "table",
    ".parquet": "table",
    ".png": "figure",
    ".pdf": "figure",
    ".svg": "figure",
    ".html": "document",
    ".md": "document",
    ".tex": "document",
}
#: Relative tolerance of numeric table values across machines (see module docstring).
RTOL = 1e-6
#: Absolute tolerance per value, for columns that are zero up to rounding.
ATOL = 1e-12
#: Figures and documents agree when their byte sizes are within this factor.
FIGURE_SIZE_RATIO = 2.0
#: Dependencies whose versions the sidecar records.
RECORDED_DISTRIBUTIONS = (
    "numpy",
    "scipy",
    "pandas",
    "lmfit",
    "matplotlib",
    "pyarrow",
    "snakemake",
)
_CHUNK_BYTES = 1 << 20


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of the bytes of ``path`` (read in 1 MiB chunks)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK_BYTES):
            h.update(chunk)
    return h.hexdigest()


def sha256_text(text: str) -> str:
    """Hex sha256 of ``text`` encoded as UTF-8."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_kind(path: str | Path) -> str:
    """``table``, ``figure``, ``document`` or ``other`` from the suffix of ``path``."""
    return KIND_BY_SUFFIX.get(Path(path).suffix.lower(), "other")


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a CSV, TSV or Parquet output table (suffix decides); raises InputFormatError."""
    p = Path(path)
    suffix = p.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(p)
        return pd.read_csv(p, sep="\t" if suffix == ".tsv" else ",", comment=None)
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError, OSError) as exc:
        raise InputFormatError(f"cannot read table: {exc}", file=p) from exc


def numeric_signature(values: np.ndarray) -> list[float]:
    """Signature of one numeric column: [n_nan, n_posinf, n_neginf, N0, S0, A0, N1, S1, A1].

    Over the finite values x_i at rows i = 0..n-1, with weights w_i = 1 (index 0) and
    w_i = (i + 1) / n (index 1): N = sum w_i, S = sum w_i x_i, A = sum w_i |x_i|. S1 changes
    when rows are permuted; A and N scale the tolerance in :func:`signatures_agree`.
    """
    x = np.asarray(values, dtype=float)
    n = x.size
    finite = np.isfinite(x)
    xf = np.where(finite, x, 0.0)
    signature: list[float] = [
        int(np.isnan(x).sum()),
        int(np.isposinf(x).sum()),
        int(np.isneginf(x).sum()),
    ]
    for w in (np.ones(n), (np.arange(n, dtype=float) + 1.0) / max(n, 1)):
        wf = np.where(finite, w, 0.0)
        signature += [float(wf.sum()), float((wf * xf).sum()), float((wf * np.abs(xf)).sum())]
    return signature


def signatures_agree(
    actual: Sequence[float], expected: Sequence[float], *, rtol: float = RTOL, atol: float = ATOL
) -> bool:
    """True when two :func:`numeric_signature` lists agree within the documented tolerance.

    The non-finite counts and weight sums N must be equal; each functional S must satisfy
    ``|S - S_exp| <= rtol * max(A, A_exp) + atol * N``.
    """
    if len(actual) != 9 or len(expected) != 9 or list(actual[:3]) != list(expected[:3]):
        return False
    for k in (3, 6):
        n_w, s, a = actual[k : k + 3]
        e_n_w, e_s, e_a = expected[k : k + 3]
        if not math.isclose(n_w, e_n_w, rel_tol=1e-12):
            return False
        if abs(s - e_s) > rtol * max(a, e_a) + atol * n_w:
            return False
    return True


def _strip_root(text: str, root_prefix: str) -> str:
    return text.replace(root_prefix, "") if root_prefix else text


def table_signature(table: pd.DataFrame, *, root: str | Path | None = None) -> dict[str, object]:
    """``n_rows``, ``columns_sha256``, ``text_sha256`` and ``numeric_signature`` of a table.

    Numeric (non-boolean) columns enter the numeric signature; all others are hashed as text,
    missing values as the empty string and ``<root>/`` removed so that absolute paths written
    from a checkout in another folder hash the same.
    """
    prefix = "" if root is None else str(Path(root).resolve()) + "/"
    numeric: dict[str, list[float]] = {}
    text_parts: list[str] = []
    for name in table.columns:
        col = table[name]
        if pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col):
            numeric[str(name)] = numeric_signature(col.to_numpy(dtype=float, na_value=np.nan))
        else:
            cells = ["" if pd.isna(v) else _strip_root(str(v), prefix) for v in col]
            text_parts.append(str(name) + "\x1e" + "\x1f".join(cells))
    return {
        "n_rows": len(table),
        "columns_sha256": sha256_text("\x1f".join(str(c) for c in table.columns)),
        "text_sha256": sha256_text("\x1d".join(text_parts)),
        "numeric_signature": json.dumps(numeric, sort_keys=True, separators=(",", ":")),
    }


def _relative(path: str | Path, root: Path) -> str:
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(root.resolve())
        except ValueError:
            pass
    return p.as_posix()


def manifest_row(path: str | Path, *, root: str | Path = ".") -> dict[str, object]:
    """One manifest row for the output ``path`` (relative paths are taken from ``root``)."""
    root = Path(root)
    rel = _relative(path, root)
    full = Path(path) if Path(path).is_absolute() else root / path
    if not full.is_file():
        raise InputFormatError("output listed for the manifest does not exist", file=full)
    kind = file_kind(full)
    row: dict[str, object] = {
        "path": rel,
        "kind": kind,
        "bytes": full.stat().st_size,
        "sha256": sha256_file(full),
        "n_rows": "",
        "columns_sha256": "",
        "text_sha256": "",
        "numeric_signature": "",
    }
    if kind == "table":
        row.update(table_signature(read_table(full), root=root))
    return row


def build_manifest(paths: Iterable[str | Path], *, root: str | Path = ".") -> pd.DataFrame:
    """Manifest of ``paths`` (duplicates removed), one row each, sorted by path."""
    rows = {}
    for path in paths:
        row = manifest_row(path, root=root)
        rows[row["path"]] = row
    return pd.DataFrame([rows[k] for k in sorted(rows)], columns=list(MANIFEST_COLUMNS))


def write_manifest(manifest: pd.DataFrame, path: str | Path) -> None:
    """Write the manifest as tab-separated UTF-8 with LF line ends (values written verbatim)."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(MANIFEST_COLUMNS)
        for row in manifest.itertuples(index=False):
            writer.writerow(["" if pd.isna(v) else v for v in row])


def read_manifest(path: str | Path) -> pd.DataFrame:
    """Read a manifest written by :func:`write_manifest`; raises InputFormatError when malformed."""
    p = Path(path)
    with open(p, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    if not rows or tuple(rows[0]) != MANIFEST_COLUMNS:
        raise InputFormatError(
            "header must be the tab-separated columns " + ", ".join(MANIFEST_COLUMNS),
            file=p,
            line=1,
        )
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(MANIFEST_COLUMNS):
            raise InputFormatError(
                f"expected {len(MANIFEST_COLUMNS)} fields, found {len(row)}", file=p, line=line
            )
        if not row[2].isdigit():
            raise InputFormatError("not a byte count", file=p, line=line, column="bytes")
    table = pd.DataFrame(rows[1:], columns=list(MANIFEST_COLUMNS), dtype=object)
    table["bytes"] = table["bytes"].astype(int)
    raise_at_first_row(table["path"].duplicated(), "duplicate path", file=p, column="path")
    return table


@dataclass(frozen=True)
class ManifestDifference:
    """One output that does not agree with the expected manifest, and why."""

    path: str
    reason: str


def _compare_tables(actual: Mapping, expected: Mapping, rtol: float, atol: float) -> list[str]:
    reasons = []
    if actual["columns_sha256"] != expected["columns_sha256"]:
        return ["columns differ (names or order)"]
    if str(actual["n_rows"]) != str(expected["n_rows"]):
        return [f"{actual['n_rows']} rows, expected {expected['n_rows']}"]
    if actual["text_sha256"] != expected["text_sha256"]:
        reasons.append("non-numeric columns differ")
    a_sig = json.loads(actual["numeric_signature"] or "{}")
    e_sig = json.loads(expected["numeric_signature"] or "{}")
    if sorted(a_sig) != sorted(e_sig):
        reasons.append("numeric columns differ: " + ", ".join(sorted(set(a_sig) ^ set(e_sig))))
    bad = [
        c
        for c in sorted(set(a_sig) & set(e_sig))
        if not signatures_agree(a_sig[c], e_sig[c], rtol=rtol, atol=atol)
    ]
    if bad:
        reasons.append(f"values beyond rtol={rtol:g}, atol={atol:g} in: " + ", ".join(bad))
    return reasons


def compare_manifests(
    actual: pd.DataFrame,
    expected: pd.DataFrame,
    *,
    rtol: float = RTOL,
    atol: float = ATOL,
    size_ratio: float = FIGURE_SIZE_RATIO,
    exact: bool = False,
) -> list[ManifestDifference]:
    """Every disagreement between two manifests under the rules of the module docstring.

    With ``exact`` every file must have the expected sha256 (two runs on one machine). An
    empty list means the run reproduces the expected outputs.
    """
    a_rows = {r["path"]: r for r in actual.to_dict("records")}
    e_rows = {r["path"]: r for r in expected.to_dict("records")}
    diffs = []
    for path in sorted(set(a_rows) | set(e_rows)):
        if path not in a_rows:
            diffs.append(ManifestDifference(path, "missing: expected output was not produced"))
            continue
        if path not in e_rows:
            diffs.append(ManifestDifference(path, "unexpected: not in the expected manifest"))
            continue
        a, e = a_rows[path], e_rows[path]
        if a["kind"] != e["kind"]:
            diffs.append(ManifestDifference(path, f"kind {a['kind']}, expected {e['kind']}"))
        elif a["sha256"] == e["sha256"]:
            continue
        elif exact:
            diffs.append(ManifestDifference(path, "content differs (sha256, exact comparison)"))
        elif a["kind"] == "table":
            diffs += [ManifestDifference(path, r) for r in _compare_tables(a, e, rtol, atol)]
        elif a["kind"] in ("figure", "document"):
            ratio = int(a["bytes"]) / max(int(e["bytes"]), 1)
            if not 1.0 / size_ratio <= ratio <= size_ratio:
                diffs.append(
                    ManifestDifference(
                        path, f"size {a['bytes']} B, expected {e['bytes']} B (x{ratio:.2f})"
                    )
                )
        else:
            diffs.append(ManifestDifference(path, "content differs (sha256)"))
    return diffs


def _git(repo: str | Path, *args: str) -> subprocess.CompletedProcess | None:
    """``git -C repo args...``, or None when git cannot run (not installed, timed out)."""
    try:
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None


def git_commit(repo: str | Path) -> str:
    """HEAD commit of the git checkout at ``repo``, or ``"unknown"`` (no git, not a checkout)."""
    done = _git(repo, "rev-parse", "--verify", "HEAD")
    commit = done.stdout.strip() if done is not None else ""
    return commit if done is not None and done.returncode == 0 and len(commit) == 40 else "unknown"


def git_dirty(repo: str | Path) -> bool | None:
    """True when tracked files differ from HEAD, None when ``repo`` is not a git checkout."""
    done = _git(repo, "status", "--porcelain", "--untracked-files=no")
    if done is None or done.returncode != 0:
        return None
    return bool(done.stdout.strip())


def config_sha256(config: Mapping) -> str:
    """sha256 of the configuration as canonical JSON (sorted keys, no whitespace)."""
    return sha256_text(json.dumps(config, sort_keys=True, separators=(",", ":"), default=str))


def distribution_versions(names: Iterable[str] = RECORDED_DISTRIBUTIONS) -> dict[str, str]:
    """Installed version of each named distribution (``"not installed"`` when absent)."""
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def relative_name(path: str | Path, repo: str | Path) -> str:
    """Name of ``path`` as the sidecar records it: POSIX path relative to ``repo`` when inside
    it, else absolute."""
    return _relative(Path(path).resolve(), Path(repo))


def expand_input_globs(patterns: Iterable[str], repo: str | Path) -> dict[str, str]:
    """Files matched by glob ``patterns`` (relative to ``repo`` or absolute; ``**`` recurses
    without loops: :func:`spinrelax.io.raw_files.glob_files`).

    Returns name -> absolute path, sorted by name, where the name is the path relative to
    ``repo`` (absolute when outside it). Folders are skipped.
    """
    from spinrelax.io.raw_files import glob_files

    repo = Path(repo).resolve()
    found = {}
    for pattern in patterns:
        full = pattern if Path(pattern).is_absolute() else str(repo / pattern)
        for match in glob_files(full):
            path = Path(match).resolve()
            if path.is_file():
                found[_relative(path, repo)] = str(path)
    return dict(sorted(found.items()))


def provenance_record(
    *,
    config_digest: str,
    input_files: Mapping[str, str | Path],
    commit: str,
    dirty: bool | None,
) -> dict[str, object]:
    """The provenance sidecar: versions, git state, config hash and input file hashes.

    ``config_digest`` is the :func:`config_sha256` of the analysis configuration (the workflow
    passes the digest, not the configuration, so no configuration string reaches the HTML
    report through the rule's parameters). ``input_files`` maps the name recorded (e.g. the
    repository-relative path) to the file to hash. No time stamp or host name is recorded, so
    the record is reproducible from the same checkout.
    """
    inputs = {}
    for name, path in input_files.items():
        if not Path(path).is_file():
            raise InputFormatError("input file for provenance does not exist", file=path)
        inputs[str(name)] = sha256_file(path)
    return {
        "spinrelax_version": __version__,
        "python_version": platform.python_version(),
        "dependencies": distribution_versions(),
        "git_commit": commit,
        "git_dirty": dirty,
        "config_sha256": config_digest,
        "input_files_sha256": dict(sorted(inputs.items())),
    }


def write_json(record: Mapping, path: str | Path) -> None:
    """Write ``record`` as sorted, indented UTF-8 JSON with a final newline."""
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, sort_keys=True, indent=2) + "\n", encoding="utf-8")
