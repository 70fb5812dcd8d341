"""One sample, one compound: files analysed together must not name different samples.

Quantum Design headers name the sample: ``SAMPLE_MATERIAL``, the mass (``SAMPLE_MASS`` or
``WEIGHT``, mg) and the molar mass (``SAMPLE_MOLECULAR_WEIGHT`` or ``MOLECULAR WEIGHT``,
g/mol). Files given together (the CLI's ``FILE...``, one sample's ``raw_glob``) whose headers
give different values of one of these fields come from different samples (``spinrelax report
ErCOT.dat K18c6.dat`` would fit one tau(T) series through two compounds); they are refused with
one line naming both files and the field, unless the user says they belong together (CLI
``--same-sample``, sample-sheet column or per-sample setting ``same_sample``). A field that only
one of the two files gives is not compared.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from spinrelax.errors import InputFormatError

#: Header fields compared: AcFileData attribute -> name in messages.
FIELDS: dict[str, str] = {
    "material": "SAMPLE_MATERIAL",
    "sample_mass_mg": "sample mass (mg)",
    "molar_mass_g_per_mol": "molar mass (g/mol)",
}
#: Hint of the CLI.
CLI_HINT = "give one sample's files per command, or --same-sample if they belong together"
#: Hint of the workflow.
SHEET_HINT = (
    "give each sample its own row of the sample sheet, or set same_sample to true for the "
    "sample if the files belong together"
)


class MixedSamplesError(InputFormatError):
    """Files given together whose headers name different samples."""


def _given(value: object) -> bool:
    if value is None or value == "":
        return False
    return not (isinstance(value, float) and math.isnan(value))


def _differ(a: object, b: object) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return " ".join(str(a).split()).lower() != " ".join(str(b).split()).lower()
    return not math.isclose(float(a), float(b), rel_tol=1e-9)


def check_one_compound(
    files: Sequence[tuple[str, object]], *, allow: bool, where: str = "", hint: str = CLI_HINT
) -> None:
    """Raise :class:`MixedSamplesError` for the first header field (:data:`FIELDS`) on which a
    file differs from an earlier one (``files``: (name, data with those attributes)); nothing
    when ``allow``."""
    if allow:
        return
    for attr, label in FIELDS.items():
        first: tuple[str, object] | None = None
        for name, data in files:
            value = getattr(data, attr, None)
            if not _given(value):
                continue
            if first is None:
                first = (name, value)
            elif _differ(first[1], value):
                raise MixedSamplesError(
                    f"{where}{first[0]} and {name} name different samples: header {label} "
                    f"{first[1]!r} vs {value!r}; {hint}",
                    file=name,
                )
