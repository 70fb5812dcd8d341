"""YAML input as data: config files, sample settings and schemas read without running anything.

Snakemake reads config files with YTE, which evaluates ``?expression`` values as Python when the
document sets ``__use_yte__: true``; PyYAML's full loader builds Python objects from tags such as
``!!python/name:``; and anchors with aliases let a few hundred bytes stand for billions of nodes
("billion laughs", CVE-2003-1564 in XML; YAML aliases work the same way, YAML 1.2 spec 3.2.2.2).
:func:`check_yaml_text` refuses all three before any loader sees the text, with one line naming
the file, line and column, in time linear in the text:

- size: at most :data:`MAX_YAML_BYTES` bytes (the only check of a JSON text, which Snakemake
  reads as JSON and which holds no tags or aliases);
- explicit tags (``!name``, ``!!type``, ``!<uri>``) anywhere: a config holds plain values only;
- a ``__use_yte__`` key at any depth: templating would make the config code;
- alias expansion: the document with every alias expanded may hold at most
  :data:`MAX_YAML_NODES` nodes (counted on the composed graph, each shared node once).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from spinrelax.errors import InputFormatError

#: Largest YAML input read (bytes); the repository's config.yaml is about 20 kB.
MAX_YAML_BYTES = 1_000_000
#: Largest number of nodes a YAML document may expand to once its aliases are resolved.
MAX_YAML_NODES = 200_000
#: The key with which a document asks YTE to evaluate it as a template.
YTE_KEY = "__use_yte__"
#: libyaml's safe loader where PyYAML was built with it (same events, about 5x faster).
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark_line(mark: yaml.Mark | None) -> int | None:
    return None if mark is None else mark.line + 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [child for pair in node.value for child in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Number of nodes of ``root`` with aliases expanded, or ``limit + 1`` once past ``limit``
    or on a recursive alias. Each distinct node is counted once and its size reused (memo), so
    the time is linear in the composed graph; iterative, so any nesting depth is fine."""
    size: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            size[key] = min(limit + 1, 1 + sum(size[id(c)] for c in _children(node)))
            continue
        if key in size:
            continue
        if key in open_nodes:  # the node contains itself: a recursive alias
            return limit + 1
        open_nodes.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in size)
    return size[id(root)]


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def check_yaml_text(text: str, file: str | Path) -> None:
    """Refuse YAML ``text`` (read from ``file``) that is not plain data; see the module doc."""
    size = len(text.encode("utf-8"))
    if size > MAX_YAML_BYTES:
        raise InputFormatError(
            f"YAML file of {size} bytes is larger than the {MAX_YAML_BYTES} bytes accepted",
            file=file,
        )
    if _is_json(text):
        return  # JSON has no tags or aliases, and Snakemake reads it as JSON, never with YTE
    try:
        tokens = list(yaml.scan(text, Loader=LOADER))
        key_next = False
        for token in tokens:
            if isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                tag = f"{handle}{suffix}" if handle else f"!<{suffix}>"
                raise InputFormatError(
                    f"YAML tag '{tag}' refused: a config file holds plain values only",
                    file=file,
                    line=_mark_line(token.start_mark),
                )
            if key_next and isinstance(token, yaml.ScalarToken) and token.value == YTE_KEY:
                raise InputFormatError(
                    f"'{YTE_KEY}' refused: config files are data, templates (YTE) would run "
                    "their expressions as Python",
                    file=file,
                    line=_mark_line(token.start_mark),
                )
            key_next = isinstance(token, yaml.KeyToken)
        for document in yaml.compose_all(text, Loader=LOADER):
            if document is not None:
                nodes = _expanded_size(document, MAX_YAML_NODES)
                if nodes > MAX_YAML_NODES:
                    raise InputFormatError(
                        f"YAML aliases expand to more than {MAX_YAML_NODES} nodes "
                        "(an alias bomb or a recursive alias)",
                        file=file,
                    )
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise InputFormatError(
            f"not valid YAML: {exc.problem or exc.context}",
            file=file,
            line=_mark_line(mark),
        ) from None
    except yaml.YAMLError as exc:
        raise InputFormatError(f"not valid YAML: {exc}", file=file) from None
    except RecursionError:  # PyYAML's pure-Python composer (without libyaml) recurses
        raise InputFormatError("YAML nested too deeply", file=file) from None


def read_yaml_text(path: str | Path) -> str:
    """The text of the YAML file ``path``, checked by :func:`check_yaml_text`.

    The size is checked before the file is read whole, so a huge file is refused at once.
    """
    p = Path(path)
    if not p.is_file():
        raise InputFormatError("YAML file not found (or not a regular file)", file=path)
    with p.open("rb") as handle:
        raw = handle.read(MAX_YAML_BYTES + 1)
    if len(raw) > MAX_YAML_BYTES:
        raise InputFormatError(
            f"YAML file is larger than the {MAX_YAML_BYTES} bytes accepted", file=path
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputFormatError(f"not UTF-8 text (byte {exc.start})", file=path) from None
    check_yaml_text(text, path)
    return text


def load_yaml(path: str | Path) -> Any:
    """The package's YAML loader: :func:`read_yaml_text`, then the safe loader."""
    return yaml.load(read_yaml_text(path), Loader=LOADER)
