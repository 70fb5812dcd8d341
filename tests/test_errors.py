"""Error messages name file, line and column."""

import pytest

from spinrelax.errors import (
    InputFormatError,
    MissingMetadataError,
    SpinrelaxError,
    raise_at_first_row,
)


def test_message_names_file_line_and_column():
    err = InputFormatError(
        "not a number: 'abc'", file="data/x.dat", line=42, column="Temperature (K)"
    )
    assert str(err) == "data/x.dat:42: column 'Temperature (K)': not a number: 'abc'"
    assert (err.file, err.line, err.column) == ("data/x.dat", 42, "Temperature (K)")


def test_message_without_location_parts():
    assert (
        str(MissingMetadataError("sample mass missing", file="a.dat"))
        == "a.dat: sample mass missing"
    )
    assert str(SpinrelaxError("bad", line=3)) == "line 3: bad"
    assert str(SpinrelaxError("bad")) == "bad"
    assert issubclass(MissingMetadataError, SpinrelaxError)


def test_raise_at_first_row_names_the_file_line_of_the_first_bad_row():
    raise_at_first_row([False, False], "never", file="t.csv")  # nothing bad: no error
    with pytest.raises(InputFormatError) as err:
        raise_at_first_row([False, True, True], "bad value", file="t.csv", column="x")
    assert (err.value.line, err.value.column) == (3, "x")  # header is line 1, row 0 is line 2
