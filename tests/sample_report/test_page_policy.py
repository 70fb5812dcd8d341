"""The report page's policy check: the page's own script under its hash passes; any other
script, event handler, loading element or remote URL, or a missing or late policy, does not."""

import base64
import hashlib

import pytest

from spinrelax.sample_report.page_policy import POLICY, SCRIPT, SCRIPT_HASH, page_problems

HEAD = f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="{POLICY}">'
GOOD = (HEAD + '</head><body><a href="tables/x.csv">x</a><img src="data:image/png;base64,AA">'
        f'<svg><use href="#mk0" x="1" y="2"/></svg><script>{SCRIPT}</script></body></html>')  # fmt: skip


def test_the_policy_allows_the_page_script_by_its_hash():
    digest = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
    assert SCRIPT_HASH == f"sha256-{digest}" and f"script-src '{SCRIPT_HASH}';" in POLICY
    assert (
        "default-src 'none'" in POLICY
        and "unsafe-inline" not in POLICY.split("script-src")[1].split(";")[0]
    )
    assert page_problems(GOOD) == []


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (("</body>", "<script>window.__pwned=2</script></body>"), "not the page's script"),
        (("<body>", '<body><img src=x onerror="window.__pwned=1">'), "event handler"),
        (("<body>", '<body><script src="a.js"></script>'), "with attributes"),
        (("<body>", '<body><a href="javascript:alert(1)">'), "leaves the page"),
        (("<body>", '<body><img src="https://example.org/a.png">'), "leaves the page"),
        (("<body>", "<body><iframe></iframe>"), "<iframe> element"),
        (("<body>", "<body><base href='/'>"), "<base> element"),
        ((POLICY, "default-src *"), "expected one Content-Security-Policy"),
        (("</body>", HEAD.split("<head>")[1] + "</body>"), "expected one"),
    ],
)
def test_anything_else_is_a_problem(edit, problem):
    page = GOOD.replace(*edit, 1)
    assert any(problem in p for p in page_problems(page)), page_problems(page)


def test_a_policy_after_the_body_does_not_count():
    page = GOOD.replace(HEAD, "<!DOCTYPE html><html><head>").replace(
        "<body>", "<body>" + HEAD.split("<head>")[1]
    )
    assert any("after the body" in p for p in page_problems(page))
