"""Checks of the self-contained HTML report written by ``snakemake --report``.

Snakemake (9.x) writes one HTML file whose ``<script id="results">`` block assigns a JSON object
``var results = {path: {caption, mime_type, data_uri, ...}}``; every report item is embedded as a
base64 ``data:`` URI, and the page's scripts and styles are inlined. :func:`check_report` verifies,
against the run's manifest (:mod:`spinrelax.provenance`), that every figure, table and document
of the run is embedded byte for byte with a caption, and that the page loads nothing from the
network (so it works offline).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from spinrelax.errors import InputFormatError

_ASSIGNMENT = re.compile(r"<script id=\"(?P<id>[a-z_-]+)\">\s*var \w+ = ", re.S)
#: Attributes or CSS that would fetch a resource over the network when the page is opened.
_REMOTE = re.compile(r"""(?:\b(?:src|href)\s*=\s*["']?|url\(\s*["']?)(?:https?:)?//""", re.I)
#: Manifest kinds that must appear in the report.
REPORTED_KINDS = ("table", "figure", "document")
#: Folders of intermediate data (e.g. the Parquet spectra table): listed in the manifest for
#: provenance, not report items.
INTERMEDIATE_PREFIXES = ("results/interim/",)


def _script_json(html: str, script_id: str, path: str | Path) -> object:
    for match in _ASSIGNMENT.finditer(html):
        if match.group("id") == script_id:
            try:
                value, _ = json.JSONDecoder().raw_decode(html, match.end())
            except json.JSONDecodeError as exc:
                raise InputFormatError(
                    f"<script id={script_id!r}> does not hold JSON: {exc.msg}",
                    file=path,
                    line=html.count("\n", 0, exc.pos) + 1,
                ) from exc
            return value
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
    report: str | Path, manifest: pd.DataFrame, *, exempt: Iterable[str] = ()
) -> list[str]:
    """Problems of ``report`` against the run's ``manifest`` (empty list: the report is complete).

    Every manifest row of a kind in :data:`REPORTED_KINDS` outside
    :data:`INTERMEDIATE_PREFIXES` must be embedded, decode to bytes
    with the manifest's sha256 and carry a non-empty caption; every embedded item must be in
    the manifest unless listed in ``exempt`` (e.g. the manifest itself); the page must load
    nothing remote.
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
    return problems
