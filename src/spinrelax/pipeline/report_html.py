"""Safe, reproducible form of the HTML report that ``snakemake --report`` writes.

Snakemake (9.x) writes its data into the page as ``<script id="..."> var name = <JSON>;
</script>`` blocks, with ``json.dumps`` and no HTML escaping. A string holding ``</script>``
(a config value, an input path, a job parameter) therefore ends the script element and the
rest of the string becomes live HTML: ``</script><img src=x onerror=...>`` runs JavaScript when
the page is opened. The page's React code renders job parameters, wildcards and file names as
text; only captions, the workflow description and rule code are inserted as HTML, and those
are produced by docutils and pygments, which escape their text.

:func:`harden` rewrites every ``<``, ``>`` and ``&`` inside those JSON blocks as the JSON escapes
``\\u003c``, ``\\u003e``, ``\\u0026``. In JSON these characters can only occur inside strings, so
the data the page sees are unchanged, but no string can end the script element or open an HTML
comment. :func:`script_breakouts` finds the sequences that would (``</script``, ``<!--``).

:func:`canonical` is the documented canonicalisation that makes two reports of the same inputs
byte-identical: the hardened page with

- the job runtimes (``runtimes`` block) and job start/end times (``timeline`` block) emptied
  (per-job runtimes of the heavy rules are in ``results/benchmarks/``), and
- the absolute checkout path (``root``, followed by ``/``) removed from every data block, so
  paths read relative to the checkout and the page does not reveal where the checkout lives.

``make report`` writes ``results/report.html`` in this canonical form; ``scripts/check_report.py``
checks it and can compare two reports under the same rule (``--same-as``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

from spinrelax.errors import InputFormatError

BLOCK_START = re.compile(r"<script id=\"(?P<id>[a-z_-]+)\">\s*var \w+ = ")
#: Data blocks whose values change from run to run (job runtimes and time stamps).
VOLATILE_BLOCKS = ("runtimes", "timeline")
#: Sequences that end a script element or open an HTML comment inside one.
_BREAKOUT = re.compile(r"</script|<!--", re.I)
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def decode_block(html: str, match: re.Match, *, file: str | Path = "report") -> tuple[object, int]:
    """(value, end) of the JSON that follows a :data:`BLOCK_START` match; a block that does not
    hold JSON raises :class:`InputFormatError` naming the block and line."""
    try:
        return json.JSONDecoder().raw_decode(html, match.end())
    except json.JSONDecodeError as exc:
        raise InputFormatError(
            f"<script id={match.group('id')!r}> does not hold JSON: {exc.msg}",
            file=file,
            line=html.count("\n", 0, exc.pos) + 1,
        ) from exc


def data_blocks(html: str, *, file: str | Path = "report") -> Iterator[tuple[str, int, int]]:
    """``(block id, start, end)`` of the JSON text of every ``var name = <JSON>`` data block."""
    for match in BLOCK_START.finditer(html):
        _, end = decode_block(html, match, file=file)
        yield match.group("id"), match.end(), end


def escape_json_for_html(text: str) -> str:
    """JSON text with ``<``, ``>`` and ``&`` written as ``\\u`` escapes (same JSON value)."""
    return re.sub(r"[<>&]", lambda m: _ESCAPES[m.group()], text)


def _rewrite(html: str, edit) -> str:
    """``html`` with the JSON text of every data block replaced by ``edit(id, text)``."""
    parts, last = [], 0
    for block_id, start, end in list(data_blocks(html)):
        parts += [html[last:start], edit(block_id, html[start:end])]
        last = end
    return "".join(parts) + html[last:]


def harden(html: str) -> str:
    """``html`` with every data block escaped by :func:`escape_json_for_html`."""
    return _rewrite(html, lambda _id, text: escape_json_for_html(text))


def _without_values(text: str) -> str:
    spec = json.loads(text)
    if isinstance(spec, dict) and isinstance(spec.get("data"), dict):
        spec["data"]["values"] = []
    return json.dumps(spec)


def canonical(html: str, root: str | Path | None = None) -> str:
    """The canonical report (module docstring): hardened, volatile blocks emptied, ``root``
    removed."""
    prefixes = []
    if root is not None:
        resolved = str(Path(root).resolve())
        prefixes = sorted({resolved, str(Path(root).absolute())}, key=len, reverse=True)

    def edit(block_id: str, text: str) -> str:
        if block_id in VOLATILE_BLOCKS:
            text = _without_values(text)
        for prefix in prefixes:
            text = text.replace(json.dumps(prefix + "/")[1:-1], "")
        return escape_json_for_html(text)

    return _rewrite(html, edit)


def script_breakouts(html: str, *, file: str | Path = "report") -> list[str]:
    """Where a data block holds ``</script`` or ``<!--`` (text that would leave the script)."""
    found = []
    for block_id, start, end in data_blocks(html, file=file):
        for m in _BREAKOUT.finditer(html, start, end):
            snippet = html[m.start() : m.start() + 60]
            found.append(f"<script id={block_id!r}> holds {snippet!r}")
    return found


def root_references(html: str, root: str | Path) -> int:
    """How often the absolute path ``root`` appears in the page."""
    return html.count(str(Path(root).resolve()))
