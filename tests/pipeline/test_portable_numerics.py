"""The portable-numerics environment is applied by the workflow and honoured by numpy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from spinrelax.pipeline.portable_numerics import X86_64_SETTINGS, portable_numerics_env

REPO = Path(__file__).resolve().parents[2]


def test_x86_hosts_get_the_settings_and_user_values_win():
    assert portable_numerics_env({}, "x86_64") == X86_64_SETTINGS
    assert "OPENBLAS_CORETYPE" not in portable_numerics_env({"OPENBLAS_CORETYPE": "Zen"}, "AMD64")
    assert portable_numerics_env({}, "aarch64") == {}


def test_the_snakefile_applies_them():
    assert "portable_numerics_env(os.environ)" in (REPO / "workflow" / "Snakefile").read_text()


@pytest.mark.skipif(not portable_numerics_env({}), reason="not an x86-64 host")
def test_numpy_honours_the_feature_names():
    """A numpy that renamed its dispatch targets would silently ignore the setting."""
    code = (
        "import json; from numpy._core._multiarray_umath import __cpu_features__ as f, "
        "__cpu_dispatch__ as d; print(json.dumps([list(d), {k: f.get(k) for k in d}]))"
    )
    env = {**os.environ, **X86_64_SETTINGS}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    dispatch, enabled = json.loads(out.stdout)
    disabled = X86_64_SETTINGS["NPY_DISABLE_CPU_FEATURES"].split()
    assert set(disabled) <= set(dispatch) | {"AVX512_SPR", "AVX512_ICL"}
    assert not any(enabled.get(name) for name in disabled)
