"""Reading ledger files: encodings, line ends, header rows, merged headers, several sheets."""

import pytest
from ledger_fixtures import REGISTER_HEADER, merged_header_xlsx, register_csv

from gunmane_desktop.ledger.errors import LedgerReadError
from gunmane_desktop.ledger.headers import column_field, find_header
from gunmane_desktop.ledger.readers import read_file


@pytest.mark.parametrize(("encoding", "newline", "detected"), [
    ("cp932", "\r\n", "cp932"),
    ("cp932", "\n", "cp932"),
    ("cp932", "\r", "cp932"),
    ("utf-8-sig", "\r\n", "utf-8-sig"),
    ("utf-8", "\n", "utf-8"),
])
def test_csv_encodings_and_line_ends_are_detected(tmp_path, encoding, newline, detected):
    # Given the same ledger saved four ways
    path = register_csv(tmp_path / "橋梁台帳.csv", encoding, newline)
    # When it is read
    [sheet] = read_file(path)
    # Then the encoding is detected and the Japanese text is intact
    assert sheet.encoding == detected
    assert sheet.rows[1] == REGISTER_HEADER
    assert sheet.rows[2][1] == "一の橋"
    assert find_header(sheet.rows).excel_row == 2


def test_two_row_merged_header_is_found_and_combined(tmp_path):
    sheets = read_file(merged_header_xlsx(tmp_path / "台帳.xlsx"))
    assert [s.name for s in sheets] == ["橋梁台帳", "トンネル", "メモ"]
    header = find_header(sheets[0].rows)
    assert header.depth == 2 and header.excel_row == 4
    fields = [column_field(h) for h in header.columns]
    assert fields == ["external_id", "name", "route", "built_year", "length_m", "width_m", "lat", "lon",
                      "inspection_fy", "grade"]
    assert sheets[0].rows[4][4] == "15.2" and sheets[0].rows[4][0] == "BR0-011002-00011"


def test_one_sheet_can_be_chosen_and_a_missing_one_is_named(tmp_path):
    path = merged_header_xlsx(tmp_path / "台帳.xlsx")
    assert [s.name for s in read_file(path, "トンネル")] == ["トンネル"]
    with pytest.raises(LedgerReadError, match="シート「無い」"):
        read_file(path, "無い")


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("x.xlsx", b"PK\x03\x04 truncated", "Excel"),
    ("x.xlsx", b"", "Excel"),
    ("x.csv", b"\x00\x01\x02\xff\xfe\x00\x00", "文字コード"),
    ("x.pdf", b"%PDF-1.4", "形式"),
])
def test_unreadable_files_raise_one_clear_error(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(LedgerReadError) as info:
        read_file(path)
    assert reason in str(info.value) and name in str(info.value) and "\n" not in str(info.value)


def test_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(LedgerReadError, match="見つかりません"):
        read_file(tmp_path / "none.csv")


def test_survey_describes_each_sheet_for_the_mapping_screen(tmp_path):
    from gunmane_desktop.ledger.survey import field_choices, survey_file

    surveys = survey_file(merged_header_xlsx(tmp_path / "台帳.xlsx"))
    bridges, tunnels, notes = surveys
    assert bridges.header_row == 4 and bridges.data_rows == 2
    assert bridges.suggested.columns["名称"] == "name" and bridges.samples[0][1] == "桜橋"
    assert tunnels.suggested.columns["トンネル名"] == "name"
    assert notes.header_row is None and notes.suggested is None
    assert ("name", "名称") in field_choices()
