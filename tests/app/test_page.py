"""The app's Bokeh page without a browser: text from files is escaped, a tap excludes and
restores a point, the isolate selector narrows the plots, a refused choice is undone."""

from pathlib import Path

import pytest

pytest.importorskip("bokeh")

from spinrelax.app.page import Page, SavePaths  # noqa: E402
from spinrelax.app.session import Session  # noqa: E402

FILE = "mpms3_ErCOT_I_THF2_ACvsF.dat"


@pytest.fixture(scope="module")
def page(realdata_dir):
    session = Session.load([str(realdata_dir / FILE)], sample="<img src=x onerror=alert(1)>")
    return Page(session, SavePaths(Path("<b>s.yaml"), Path("rep")))


def test_text_from_files_is_escaped(page):
    header = page.layout.children[0].text
    assert "&lt;img src=x onerror=alert(1)&gt;" in header and "<img" not in header
    assert "&lt;b&gt;s.yaml" in header


def test_isolate_tap_and_restore(page):
    page.select.value = "2"
    assert len(page.points.data["f_Hz"]) == 30 and len(page.curves.data["xs"]) == 1
    page.points.selected.indices = [4]
    assert len(page.excluded.data["f_Hz"]) == 1 and len(page.points.data["f_Hz"]) == 29
    assert page.t_rejected.source.data["reason"][0].startswith("excluded by the user (point")
    page.excluded.selected.indices = [0]
    assert page.session.choices.exclude_points == [] and len(page.points.data["f_Hz"]) == 30
    page.select.value = "all"
    assert len(page.points.data["f_Hz"]) == 540 and len(page.curves.data["xs"]) == 18


def test_refused_law_is_undone_with_its_message(page):
    page.law.value = "orbach+raman"  # at a bound on this file
    assert "at bound" in page.status.text
    assert page.law.value == "auto" and "law" not in page.session.choices.rates
    page.t_min.value = "<cold>"
    assert "&lt;cold&gt;" in page.status.text and page.t_min.value == ""
