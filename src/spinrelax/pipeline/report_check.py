"""Checks of the self-contained HTML report written by ``snakemake --report``.

Snakemake (9.x) writes one HTML file whose ``<script id="results">`` block assigns a JSON object
``var results = {path: {caption, mime_type, data_uri, ...}}``; every report item is embedded as a
base64 ``data:`` URI, and the page's scripts and styles are inlined. :func:`check_report` verifies,
against the run's manifest (:mod:`spinrelax.pipeline.provenance`), that every figure, table and document
of the run is embedded byte for byte with a caption, that the page loads nothing from the
network (so it works offline), that no data block holds text that would end its script element
(:func:`spinrelax.pipeline.report_html.script_breakouts`: script injection through a config string,
file name or job parameter) and, given the checkout folder, that the page does not name it.
:func:`compare_reports` compares two reports under the documented canonicalisation
(:func:`spinrelax.pipeline.report_html.canonical`).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from spinrelax.errors import InputFormatError
from spinrelax.pipeline.report_html import (
    BLOCK_START,
    canonical,
    decode_block,
    root_references,
    script_breakouts,
)

#: Attributes or CSS that would fetch a resource over the network when the page is opened.
_REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)(?:https?:)?//""", re.I)
#: Manifest kinds that must appear in the report.
REPORTED_KINDS = ("table", "figure", "document")
#: Folders of intermediate data (e.g. the Parquet spectra table): listed in the manifest for
#: provenance, not report items.
INTERMEDIATE_PREFIXES = ("results/interim/",)


def _script_json(html: str, script_id: str, path: str | Path) -> object:
    for match in BLOCK_START.finditer(html):
        if match.group("id") == script_id:
            return decode_block(html, match, file=path)[0]
    raise InputFormatError(f"no <script id={script_id!r}> block: not a Snakemake report", file=path)


def report_results(path: str | Path) -> dict[str, dict]:
    """The report's embedded items: output path -> {caption, mime_type, data_uri, ...}."""
    html = Path(path).read_text(encoding="utf-8")
    results = _script_json(html, "results", path)
    if not isinstance(results, dict):
        raise InputFormatError("results block is not an object", file=path)
    return results


def report_categories(path: str | Path) -> dict[str, dict[str, list[str]]]:
    """The report's categories: category -> subcategory -> list of output paths."""
    html = Path(path).read_text(encoding="utf-8")
    categories = _script_json(html, "categories", path)
    if not isinstance(categories, dict):
        raise InputFormatError("categories block is not an object", file=path)
    return categories


def embedded_bytes(item: dict) -> bytes:
    """Decode the base64 ``data_uri`` of one report item."""
    uri = item.get("data_uri") or ""
    head, sep, payload = uri.partition(",")
    if not sep or not head.startswith("data:") or not head.endswith(";base64"):
        raise ValueError("item has no base64 data URI")
    return base64.b64decode(payload, validate=True)


def remote_references(path: str | Path) -> list[str]:
    """Snippets of every ``src=``/``href=``/``url(`` that points at the network."""
    html = Path(path).read_text(encoding="utf-8")
    return [html[m.start() : m.end() + 40] for m in _REMOTE.finditer(html)]


def check_report(
    report: str | Path,
    manifest: pd.DataFrame,
    *,
    exempt: Iterable[str] = (),
    root: str | Path | None = None,
) -> list[str]:
    """Problems of ``report`` against the run's ``manifest`` (empty list: the report is complete).

    Every manifest row of a kind in :data:`REPORTED_KINDS` outside
    :data:`INTERMEDIATE_PREFIXES` must be embedded, decode to bytes
    with the manifest's sha256 and carry a non-empty caption; every embedded item must be in
    the manifest unless listed in ``exempt`` (e.g. the manifest itself); the page must load
    nothing remote, no data block may hold ``</script`` or ``<!--``, and (given ``root``, the
    checkout folder) the page must not contain the absolute path of ``root``.
    """
    results = report_results(report)
    known = set(manifest["path"]) | set(exempt)
    problems = [
        f"{p}: in the report but not in the manifest" for p in sorted(results) if p not in known
    ]
    for row in manifest.itertuples(index=False):
        if row.kind not in REPORTED_KINDS or row.path.startswith(INTERMEDIATE_PREFIXES):
            continue
        item = results.get(row.path)
        if item is None:
            problems.append(f"{row.path}: not in the report")
            continue
        try:
            digest = hashlib.sha256(embedded_bytes(item)).hexdigest()
        except ValueError as exc:
            problems.append(f"{row.path}: {exc}")
            continue
        if digest != row.sha256:
            problems.append(f"{row.path}: embedded bytes differ from the file (stale report?)")
        if not re.sub(r"<[^>]+>", "", item.get("caption") or "").strip():
            problems.append(f"{row.path}: empty caption")
    problems += [f"remote resource: {snippet!r}" for snippet in remote_references(report)]
    html = Path(report).read_text(encoding="utf-8")
    problems += [f"script injection: {b}" for b in script_breakouts(html, file=report)]
    if root is not None and (n := root_references(html, root)):
        problems.append(f"the checkout path {Path(root).resolve()} appears {n} times")
    return problems


def compare_reports(
    first: str | Path,
    second: str | Path,
    *,
    first_root: str | Path | None = None,
    second_root: str | Path | None = None,
) -> list[str]:
    """Differences between two reports after :func:`~spinrelax.pipeline.report_html.canonical` (each
    with its own checkout folder); an empty list means they are equal under that rule."""
    texts = [
        canonical(Path(p).read_text(encoding="utf-8"), r)
        for p, r in ((first, first_root), (second, second_root))
    ]
    if texts[0] == texts[1]:
        return []
    a, b = texts
    diff = (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y)
    at = next(diff, min(len(a), len(b)))
    return [
        f"canonical reports differ from character {at}: "
        f"{a[max(at - 40, 0) : at + 40]!r} vs {b[max(at - 40, 0) : at + 40]!r}"
    ]
