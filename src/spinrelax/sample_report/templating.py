"""The Jinja2 environment of the HTML pages: templates shipped in ``templates/``, every value
escaped on output, undefined names an error.

Escaping uses :func:`html.escape` (``&#x27;``, ``&quot;``) rather than MarkupSafe's ``&#39;``,
``&#34;``, so the pages stay byte for byte what the earlier string-built pages were.
"""

from __future__ import annotations

import html
from functools import cache

import jinja2
from markupsafe import Markup


def _escape(value: object) -> object:
    """Escape every value that is not already :class:`Markup` (the template's autoescape then
    leaves it as it is)."""
    return value if isinstance(value, Markup) else Markup(html.escape(str(value)))


@cache
def environment() -> jinja2.Environment:
    """The environment loading ``spinrelax/sample_report/templates``."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("spinrelax.sample_report", "templates"),
        autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=True, default=True),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_escape,
    )


def render(template: str, **context: object) -> str:
    """``template`` rendered with ``context`` (plain data: escaped by the template)."""
    return environment().get_template(template).render(**context)


def trusted(snippet: str) -> Markup:
    """The only place a string is marked safe HTML. Callers pass constant HTML of this package
    only: figure captions with ``<sub>`` (:data:`spinrelax.sample_report.html.CAPTIONS`),
    parameter symbols from :func:`spinrelax.io.unit_text.symbol_html` (built from the package's
    own parameter names), and the headers of
    :func:`spinrelax.sample_report.spectrum_table.display_table` (constant symbols; the unit
    read from a file is escaped there), and the page's script and its Content-Security-Policy
    (:mod:`spinrelax.sample_report.page_policy`). Nothing read from an input file reaches this
    function unescaped."""
    return Markup(snippet)  # noqa: S704 - constant HTML of this package, see docstring
