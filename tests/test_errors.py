"""Error messages name file, line and column."""

from spinrelax.errors import InputFormatError, MissingMetadataError, SpinrelaxError


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
