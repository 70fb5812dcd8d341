"""Line splitting: only CR, LF and CRLF end a line, whatever else the text holds."""

import pytest

from spinrelax.errors import InputFormatError
from spinrelax.io.text_lines import decode_text, split_lines


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("", []),
        ("a", ["a"]),
        ("a\n", ["a"]),
        ("a\r\nb\r\n", ["a", "b"]),
        ("a\rb\r", ["a", "b"]),
        ("a\r\r\nb\n\nc", ["a", "", "b", "", "c"]),
        ("\n", [""]),
        ("a\x85b\r\nc", ["a\x85b", "c"]),  # U+0085 is a Latin-1 character, not a line break
        ("a\x0bb\x0c\rc\u2028d\n", ["a\x0bb\x0c", "c\u2028d"]),
    ],
)
def test_split_lines(text, lines):
    assert split_lines(text) == lines


def test_latin1_next_line_character_keeps_line_numbers():
    text, encoding = decode_text(b"T_K,x\r\n2.0,caf\xe9\x85\r\n3.0,1\r\n", file="f.csv")
    assert encoding == "latin-1"
    assert split_lines(text) == ["T_K,x", "2.0,caf\xe9\x85", "3.0,1"]


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_byte_order_mark_is_decoded(codec):
    text = "[Header]\r\nTITLE,Er°\r\n"
    bom = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    assert decode_text(bom + text.encode(codec), file="f.dat") == (text, "utf-16")


def test_utf8_bom_is_stripped_and_nul_is_binary():
    assert decode_text(b"\xef\xbb\xbfT_K\n", file="f.csv") == ("T_K\n", "utf-8")
    with pytest.raises(InputFormatError, match="binary content") as err:
        decode_text(b"a\nb\x00", file="f.csv")
    assert err.value.line == 2
    with pytest.raises(InputFormatError, match="binary content"):
        decode_text(b"\xff\xfea\x00\x00\x00", file="f.csv")  # NUL inside UTF-16 text
