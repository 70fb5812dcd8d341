"""Environment that makes workflow jobs and the ``spinrelax`` command compute bit-identical numbers
on any x86-64 host.

Measured here: the same code and inputs give a paper-2 calibration error K_err of
3.996616794e-3 with OpenBLAS's Haswell/Zen kernels and 3.996616799e-3 with its SkylakeX kernels
(the kernel is picked at run time from the host CPU), and numpy's AVX-512 loops move the last
digit again; the chaotic profile fits downstream amplify such differences to a few percent in
ill-determined errors. Pinning OpenBLAS to its Haswell (AVX2 + FMA) kernels and turning off
numpy's AVX-512 dispatch makes every x86-64 host with AVX2 run the same code path.

Sources: OpenBLAS ``OPENBLAS_CORETYPE`` (README, "Runtime CPU detection" with DYNAMIC_ARCH);
numpy ``NPY_DISABLE_CPU_FEATURES`` (NumPy reference, "CPU/SIMD optimizations: runtime
dispatch"); numpy >= 2.4 names its x86 dispatch targets ``X86_V3``, ``X86_V4``,
``AVX512_ICL`` and ``AVX512_SPR``.
"""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Mapping, MutableMapping

#: Settings for x86-64 hosts; a value the user already set in the environment wins.
X86_64_SETTINGS: dict[str, str] = {
    "OPENBLAS_CORETYPE": "Haswell",
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
}


def portable_numerics_env(environ: Mapping[str, str], machine: str | None = None) -> dict[str, str]:
    """The variables to add to ``environ`` (those it does not set already); none off x86-64."""
    arch = (machine if machine is not None else platform.machine()).lower()
    if arch not in {"x86_64", "amd64"}:
        return {}
    return {k: v for k, v in X86_64_SETTINGS.items() if k not in environ}


def apply_before_numpy(environ: MutableMapping[str, str] | None = None) -> dict[str, str]:
    """Set :func:`portable_numerics_env` in ``environ`` (default: this process's environment)
    while numpy is not imported yet; return what was set.

    The ``spinrelax`` command calls this first, so its fits use the kernels the workflow's jobs
    use. OpenBLAS reads ``OPENBLAS_CORETYPE`` when numpy loads it and numpy reads
    ``NPY_DISABLE_CPU_FEATURES`` when it is imported, so once numpy is imported (e.g. the command
    called from Python) the settings cannot take effect here and nothing is set.
    """
    target = os.environ if environ is None else environ
    if "numpy" in sys.modules:
        return {}
    added = portable_numerics_env(target)
    target.update(added)
    return added
