"""Fixture: the real-data corpus beside the checkout (skip when absent)."""

from pathlib import Path

import pytest

REALDATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "realdata"


@pytest.fixture(scope="session")
def realdata_dir() -> Path:
    """<repo>/../shared/realdata, or skip the test when it is not there."""
    if not REALDATA.is_dir():
        pytest.skip(f"real-data corpus not found at {REALDATA.resolve()}")
    return REALDATA.resolve()
