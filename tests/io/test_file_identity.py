"""A raw file's identity: the hash of its data rows ignores the header and line endings, but
not the data; repeated rows are found among the used rows only."""

from spinrelax.io.file_identity import data_rows_sha256, repeated_rows

QD = ["[Header]", "TITLE,run 1", "INFO,5,SAMPLE_MASS", "[Data]", "Comment,T (K)", ",2.0", ",3.0"]


def test_the_data_hash_ignores_header_lines_and_line_ends():
    digest = data_rows_sha256(QD)
    assert data_rows_sha256([*QD[:1], "TITLE,retitled", *QD[2:]]) == digest
    assert data_rows_sha256([line + "\r" for line in QD] + [""]) == digest
    assert data_rows_sha256([*QD[:-1], ",3.1"]) != digest
    assert data_rows_sha256([*QD[:4], "Comment,T (C)", *QD[5:]]) != digest  # the columns count


def test_the_data_hash_of_a_tidy_csv_starts_at_its_column_header():
    tidy = ["# chi_unit = emu/mol", "# title = a", "T_K,H_Oe", "2,0"]
    assert data_rows_sha256(tidy) == data_rows_sha256(["# title = b", *tidy[2:]])


def test_repeated_rows_pair_each_repeat_with_its_first_reading():
    lines = ["h", "a,1", ",,comment", "a,2", ",,comment", "a,1", "a,2"]
    # the comment rows (lines 3 and 5) are not used rows, so they are not readings
    assert repeated_rows(lines, [2, 4, 6, 7]) == ((2, 6), (4, 7))
    assert repeated_rows(lines, [2, 4]) == ()
