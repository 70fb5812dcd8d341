"""spinrelax.io.safe_yaml: plain YAML data passes; tags, YTE and parse errors give one located line."""

from __future__ import annotations

import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.safe_yaml import check_yaml_text, load_yaml


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !foo 1\n", "f.yaml:1: YAML tag '!foo' refused"),
        ("a: 1\nb: !<tag:yaml.org,2002:str> 1\n", "f.yaml:2: YAML tag '!<tag:yaml.org,2002:str>'"),
        ("a: 1\nb: !!str 1\n", "f.yaml:2: YAML tag '!!str' refused"),
        ("{__use_yte__: true}\n", "f.yaml:1: '__use_yte__' refused"),
        ("a:\n  ? __use_yte__\n  : 1\n", "f.yaml:2: '__use_yte__' refused"),
        ("a: {x: [1, __use_yte__: 2]}\n", "f.yaml:1: '__use_yte__' refused"),
        ("a: 1\nb: [1, 2\n", "f.yaml:3: not valid YAML"),
    ],
)
def test_non_data_yaml_is_refused_with_its_line(text, message):
    with pytest.raises(InputFormatError) as err:
        check_yaml_text(text, "f.yaml")
    assert str(err.value).startswith(message)


def test_deep_nesting_is_data_up_to_the_parser_limit():
    """999 nested lists passed the parser and then overflowed the recursive alias count."""
    check_yaml_text("a: " + "[" * 999 + "]" * 999 + "\n", "f.yaml")
    with pytest.raises(InputFormatError, match="f.yaml:1: not valid YAML: exceeded maximum"):
        check_yaml_text("a: " + "[" * 5000 + "]" * 5000 + "\n", "f.yaml")


def test_the_key_name_as_a_value_is_data():
    check_yaml_text("note: __use_yte__\nlist: [__use_yte__]\n", "f.yaml")


def test_json_is_data_even_with_tab_indentation():
    """Snakemake reads a JSON config as JSON (no YTE); tabs are fine there, not in YAML."""
    check_yaml_text('{\n\t"samples": "s.tsv",\n\t"__use_yte__": true\n}\n', "c.json")


def test_plain_data_loads(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("a: &x [1, 2]\nb: *x\nc: {d: 1.5e-3}\n")
    assert load_yaml(path) == {"a": [1, 2], "b": [1, 2], "c": {"d": 1.5e-3}}


@pytest.mark.parametrize("content", [b"\xff\xfe a: 1\n", None])
def test_unreadable_files_are_refused(tmp_path, content):
    path = tmp_path / "c.yaml"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputFormatError, match=str(path)):
        load_yaml(path)
