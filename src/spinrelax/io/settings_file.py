"""A settings file of ``spinrelax report --settings`` and ``spinrelax app``: one sample's choices.

The file holds the same per-sample block as the workflow config's ``sample_settings``::

    sample_settings:
      <sample id>:
        acsus:
          model: generalized_debye        # or auto, debye, ...
          weighting: none
          exclude_spectra:                # whole spectra, by their mean T and field
            - {T_K: 2.2, H_Oe: 0.0, reason: peak below the window}
          exclude_points:                 # single points, by T, field and frequency
            - {T_K: 4.0, H_Oe: 0.0, f_Hz: 0.1, reason: spike}
        rates:                            # keys of spinrelax.rates.settings.law_settings
          law: orbach+raman
          T_min_K: 3.0
          fixed: {n_raman: 9}

``reason`` is optional. A malformed file is refused with :class:`InputFormatError` naming the
file, the line and the key. Matching of (T, H, f) is in :mod:`spinrelax.io.user_exclusions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from spinrelax.acsus.models import MODEL_NAMES
from spinrelax.acsus.packing import WEIGHTINGS
from spinrelax.errors import InputFormatError
from spinrelax.io.safe_yaml import check_yaml_text
from spinrelax.rates.settings import law_settings

#: Keys of a sample's ``acsus`` block that the CLI and the app read.
ACSUS_KEYS: tuple[str, ...] = ("model", "weighting", "exclude_spectra", "exclude_points")
#: Required number keys of one exclusion entry (plus an optional ``reason``).
SPECTRUM_KEYS: tuple[str, ...] = ("T_K", "H_Oe")
POINT_KEYS: tuple[str, ...] = ("T_K", "H_Oe", "f_Hz")


@dataclass(frozen=True)
class Exclusion:
    """One spectrum (``f_Hz`` None) or one point excluded by the user; T in K, H in Oe, f in Hz."""

    T_K: float
    H_Oe: float
    f_Hz: float | None = None
    reason: str = ""


@dataclass
class SampleChoices:
    """The choices of one sample: spectrum model and weighting, exclusions, rate-law keys."""

    model: str = "generalized_debye"
    weighting: str = "none"
    exclude_spectra: list[Exclusion] = field(default_factory=list)
    exclude_points: list[Exclusion] = field(default_factory=list)
    rates: dict[str, Any] = field(default_factory=dict)

    def block(self) -> dict:
        """The ``sample_settings`` block of these choices (plain YAML types)."""
        acsus: dict[str, Any] = {"model": self.model, "weighting": self.weighting}
        if self.exclude_spectra:
            acsus["exclude_spectra"] = [_entry(e) for e in self.exclude_spectra]
        if self.exclude_points:
            acsus["exclude_points"] = [_entry(e) for e in self.exclude_points]
        block: dict[str, Any] = {"acsus": acsus}
        if self.rates:
            block["rates"] = dict(self.rates)
        return block


def _entry(e: Exclusion) -> dict:
    out: dict[str, Any] = {"T_K": float(e.T_K), "H_Oe": float(e.H_Oe)}
    if e.f_Hz is not None:
        out["f_Hz"] = float(e.f_Hz)
    if e.reason:
        out["reason"] = e.reason
    return out


def settings_text(sample: str, choices: SampleChoices) -> str:
    """The YAML text of a settings file holding ``choices`` for ``sample`` (deterministic)."""
    return yaml.safe_dump(
        {"sample_settings": {sample: choices.block()}}, sort_keys=False, allow_unicode=True
    )


class _Located:
    """Line numbers (1-based) of the keys of a YAML mapping tree, by key path."""

    def __init__(self, node: yaml.Node | None):
        self.lines: dict[tuple, int] = {}
        if node is not None:
            self._walk(node, ())

    def _walk(self, node: yaml.Node, path: tuple) -> None:
        self.lines.setdefault(path, node.start_mark.line + 1)  # a key's own line first
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                self.lines[(*path, key.value)] = key.start_mark.line + 1
                self._walk(value, (*path, key.value))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self._walk(item, (*path, i))

    def line(self, path: tuple) -> int | None:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)


def _exclusions(items: Any, keys: tuple[str, ...], path: tuple, file: str, where: _Located):
    if not isinstance(items, list):
        raise InputFormatError(
            f"key {'.'.join(map(str, path))}: must be a list of entries with {', '.join(keys)}",
            file=file, line=where.line(path),
        )  # fmt: skip
    out = []
    for i, item in enumerate(items):
        here = (*path, i)
        name = f"{'.'.join(map(str, path))}[{i}]"
        if not isinstance(item, Mapping):
            raise InputFormatError(
                f"key {name}: must be a mapping", file=file, line=where.line(here)
            )
        stray = sorted(set(item) - {*keys, "reason"})
        if stray:
            raise InputFormatError(
                f"key {name}.{stray[0]}: unknown; known: {', '.join(keys)}, reason",
                file=file, line=where.line((*here, stray[0])),
            )  # fmt: skip
        values = {}
        for key in keys:
            value = item.get(key)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise InputFormatError(
                    f"key {name}.{key}: must be a number, got {value!r}",
                    file=file, line=where.line((*here, key)),
                )  # fmt: skip
            values[key] = float(value)
        reason = item.get("reason", "")
        if not isinstance(reason, str):
            raise InputFormatError(
                f"key {name}.reason: must be text", file=file, line=where.line((*here, "reason"))
            )
        out.append(Exclusion(reason=reason, **values))
    return out


def parse_settings(text: str, file: str, sample: str) -> SampleChoices:
    """The choices of ``sample`` in the settings ``text`` of ``file``; a malformed file, a
    missing block or a bad key raises :class:`InputFormatError` with the file, line and key."""
    check_yaml_text(text, file)  # size, tags, alias bombs: refused before parsing
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = None if mark is None else mark.line + 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise InputFormatError(f"not valid YAML: {problem}", file=file, line=line) from None
    where = _Located(node)
    if not isinstance(data, Mapping) or not isinstance(data.get("sample_settings"), Mapping):
        raise InputFormatError(
            "key sample_settings: missing; the file must hold sample_settings: {<sample>: ...}",
            file=file, line=where.line(("sample_settings",)) or 1,
        )  # fmt: skip
    blocks = data["sample_settings"]
    if sample not in blocks:
        raise InputFormatError(
            f"key sample_settings.{sample}: missing; the file has {sorted(map(str, blocks))} "
            "(name the sample with --sample)",
            file=file, line=where.line(("sample_settings",)),
        )  # fmt: skip
    block = blocks[sample] or {}
    base = ("sample_settings", sample)
    if not isinstance(block, Mapping):
        raise InputFormatError(
            f"key {'.'.join(base)}: must be a mapping", file=file, line=where.line(base)
        )
    for stage in block:
        if stage not in ("acsus", "rates"):
            raise InputFormatError(
                f"key {'.'.join(base)}.{stage}: not read here (known: acsus, rates)",
                file=file, line=where.line((*base, stage)),
            )  # fmt: skip
        if not isinstance(block[stage] or {}, Mapping):
            raise InputFormatError(
                f"key {'.'.join(base)}.{stage}: must be a mapping",
                file=file, line=where.line((*base, stage)),
            )  # fmt: skip
    acsus = dict(block.get("acsus") or {})
    choices = SampleChoices()
    for key, value in acsus.items():
        path = (*base, "acsus", key)
        name = ".".join(map(str, path))
        if key not in ACSUS_KEYS:
            raise InputFormatError(
                f"key {name}: unknown; known: {', '.join(ACSUS_KEYS)}", file=file,
                line=where.line(path),
            )  # fmt: skip
        if key == "model" and value not in (*MODEL_NAMES, "auto"):
            raise InputFormatError(
                f"key {name}: {value!r} is not one of {[*MODEL_NAMES, 'auto']}",
                file=file, line=where.line(path),
            )  # fmt: skip
        if key == "weighting" and value not in WEIGHTINGS:
            raise InputFormatError(
                f"key {name}: {value!r} is not one of {list(WEIGHTINGS)}",
                file=file, line=where.line(path),
            )  # fmt: skip
        if key == "exclude_spectra":
            choices.exclude_spectra = _exclusions(value, SPECTRUM_KEYS, path, file, where)
        elif key == "exclude_points":
            choices.exclude_points = _exclusions(value, POINT_KEYS, path, file, where)
        else:
            setattr(choices, key, value)
    rates = dict(block.get("rates") or {})
    for key in rates:
        try:
            law_settings({key: rates[key]})
        except ValueError as exc:
            raise InputFormatError(
                f"key {'.'.join(base)}.rates.{key}: {exc}",
                file=file, line=where.line((*base, "rates", key)),
            ) from None  # fmt: skip
    try:
        law_settings(rates)
    except ValueError as exc:
        raise InputFormatError(
            f"key {'.'.join(base)}.rates: {exc}", file=file, line=where.line((*base, "rates"))
        ) from None
    choices.rates = rates
    return choices


def _read_text(path: str | Path) -> str:
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFormatError(f"cannot read settings file: {exc}", file=str(path)) from None


def read_settings(path: str | Path, sample: str) -> SampleChoices:
    """:func:`parse_settings` of the file at ``path``."""
    return parse_settings(_read_text(path), str(path), sample)


def settings_block(path: str | Path, sample: str) -> dict:
    """The ``sample_settings`` block of ``sample`` in the settings file at ``path``, checked by
    :func:`parse_settings`, with only the keys the file gives (``{"acsus": {...}, "rates":
    {...}}``): what the workflow layers over the config's block."""
    text = _read_text(path)
    parse_settings(text, str(path), sample)
    block = yaml.safe_load(text)["sample_settings"][sample] or {}
    return {stage: dict(block[stage] or {}) for stage in ("acsus", "rates") if stage in block}


def block_exclusions(acsus: Mapping, file: str) -> tuple[list[Exclusion], list[Exclusion]]:
    """(excluded spectra, excluded points) of an ``acsus`` settings block (a config's
    ``sample_settings`` entry or :func:`settings_block`); a bad entry raises
    :class:`InputFormatError` naming ``file`` and the key."""
    where = _Located(None)
    spectra = _exclusions(acsus.get("exclude_spectra", []), SPECTRUM_KEYS,
                          ("acsus", "exclude_spectra"), file, where)  # fmt: skip
    points = _exclusions(acsus.get("exclude_points", []), POINT_KEYS,
                         ("acsus", "exclude_points"), file, where)  # fmt: skip
    return spectra, points


def with_sample(text: str | None, sample: str, choices: SampleChoices) -> str:
    """The settings file ``text`` (None: no file yet) with ``sample``'s block replaced by
    ``choices``; the other samples' blocks are kept (comments are not)."""
    data = yaml.safe_load(text) if text else None
    blocks = dict(data["sample_settings"]) if isinstance(data, Mapping) and isinstance(
        data.get("sample_settings"), Mapping) else {}  # fmt: skip
    if set(blocks) <= {sample}:
        return settings_text(sample, choices)
    blocks[sample] = choices.block()
    return yaml.safe_dump({"sample_settings": blocks}, sort_keys=False, allow_unicode=True)
