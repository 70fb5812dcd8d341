"""The template environment: values escaped by default as :func:`html.escape` does, unknown
names an error, and one place only that marks a string as safe HTML."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

import spinrelax
from spinrelax.sample_report.templating import environment, trusted

HOSTILE = "<b title=\"x\">'&'</b>"


def test_values_are_escaped_like_the_standard_library():
    page = (
        environment()
        .from_string("{{ value }}|{{ safe }}")
        .render(value=HOSTILE, safe=trusted("χ<sub>S</sub>"))
    )
    assert page == "&lt;b title=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/b&gt;|χ<sub>S</sub>"


def test_html_templates_autoescape_and_unknown_names_fail():
    env = environment()
    assert env.autoescape("report.html.j2") and env.autoescape("index.html.j2")
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("report.html.j2").render(settings={}, samples=[])


def test_only_the_templating_module_marks_html_safe():
    package = Path(spinrelax.__file__).parent
    users = sorted(
        str(p.relative_to(package))
        for p in package.rglob("*.py")
        if re.search(r"\bMarkup\(|\|\s*safe\b", p.read_text(encoding="utf-8"))
    )
    templates = package / "sample_report" / "templates"
    assert not [p for p in templates.iterdir() if "|safe" in p.read_text().replace(" ", "")]
    assert users == ["sample_report/templating.py"]
