"""The report page's one script and the Content-Security-Policy that lets only that script run.

The page holds exactly one script, ``templates/interactive.js`` (hover and isolate in the
interactive plots), written inline. Its ``<meta http-equiv="Content-Security-Policy">``
(:data:`POLICY`, first in ``<head>``) allows scripts only by the sha256 hash of that text, so a
script that reached the page through a file name, sample id or any other string from the input
files could not run even if escaping failed: an inline ``<script>`` with other text, an event
handler attribute (``onerror=``) and a ``javascript:`` URL are all refused by the browser.
The policy also loads nothing: images only from ``data:`` URIs (the embedded figures), no
fetch, font, frame or form target (``default-src 'none'``); styles stay inline (the page's
own ``<style>``; with nothing loadable, a style cannot send anything anywhere).

:func:`page_problems` checks a written page against these rules (the tests run it on the real
files' reports and on reports of hostile names).
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from importlib.resources import files

SCRIPT = (files("spinrelax.sample_report") / "templates" / "interactive.js").read_text("utf-8")
SCRIPT_HASH = "sha256-" + base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
POLICY = (
    f"default-src 'none'; script-src '{SCRIPT_HASH}'; style-src 'unsafe-inline'; "
    "img-src data:; base-uri 'none'; form-action 'none'"
)
#: Elements that would load or run something besides the page's script.
_FORBIDDEN_TAGS = ("base", "iframe", "frame", "object", "embed", "link", "form")
_URL_ATTRIBUTES = ("src", "href", "xlink:href", "action", "formaction", "data", "poster")
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)


class _Scan(HTMLParser):
    """Policies, scripts (attributes and text) and problems of attributes, in page order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policies: list[tuple[str, bool]] = []  # (content, before <body> and any script)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.problems: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []
        self._body = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self._body = True
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append((a.get("content") or "", not self._body and not self.scripts))
        if tag == "script":
            self._script, self._text = a, []
        if tag in _FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}= on <{tag}>")
            elif name in _URL_ATTRIBUTES and value and _REMOTE.match(value):
                if not (tag == "img" and name == "src" and value.startswith("data:image/")):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}> leaves the page")

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None


def page_problems(html: str) -> list[str]:
    """Problems of a report page (empty: safe): exactly one policy, :data:`POLICY`, before
    the body; every ``<script>`` inline with the text of :data:`SCRIPT`; no event-handler
    attribute, no element that loads or embeds anything, no URL that leaves the page (links
    to the CSV tables beside it are relative; figures are ``data:image`` URIs)."""
    scan = _Scan()
    scan.feed(html)
    scan.close()
    problems = list(scan.problems)
    if [c for c, _ in scan.policies] != [POLICY]:
        problems.append(f"expected one Content-Security-Policy {POLICY!r}, found {scan.policies}")
    elif not scan.policies[0][1]:
        problems.append("the Content-Security-Policy comes after the body or a script")
    for attrs, text in scan.scripts:
        if attrs:
            problems.append(f"<script> with attributes {sorted(attrs)}")
        if text != SCRIPT:
            problems.append(f"<script> that is not the page's script: {text[:60]!r}")
    return problems
