"""Report captions: every caption a rule names exists, and every caption renders as clean RST.

Snakemake renders ``workflow/report/*.rst`` with docutils into the HTML report; an RST warning
shows up there as an error box next to the figure, so warnings fail here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils.core import publish_parts
from docutils.utils import SystemMessage

REPO = Path(__file__).resolve().parents[2]
REPORT_DIR = REPO / "workflow" / "report"
CAPTIONS = sorted(REPORT_DIR.glob("*.rst"))


def _named_captions() -> list[str]:
    names = set()
    for smk in (REPO / "workflow" / "rules").glob("*.smk"):
        names.update(re.findall(r'caption="\.\./report/([^"{}]+\.rst)"', smk.read_text()))
    return sorted(names)


@pytest.mark.parametrize("name", _named_captions())
def test_every_caption_a_rule_names_exists(name):
    assert (REPORT_DIR / name).is_file(), f"workflow/report/{name} is missing"


@pytest.mark.parametrize("path", CAPTIONS, ids=[p.name for p in CAPTIONS])
def test_caption_renders_without_rst_warnings(path):
    text = path.read_text(encoding="utf-8")
    try:
        html = publish_parts(
            text,
            writer="html",
            settings_overrides={
                "halt_level": 2,
                "report_level": 5,
                "file_insertion_enabled": False,
            },
        )["body"]
    except SystemMessage as exc:
        pytest.fail(f"{path.name}: {exc}")
    assert re.sub(r"<[^>]+>", "", html).strip(), f"{path.name} is empty"
