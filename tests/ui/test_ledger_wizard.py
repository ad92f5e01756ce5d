"""The ledger import wizard and the export dialog, driven as a person would use them."""

import csv

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QWizard

from gunmane_desktop.ledger.mapping import load_mapping
from gunmane_desktop.ui.ledger_export_dialog import ExportLedgerDialog
from gunmane_desktop.ui.ledger_models import FIELD_KEY_ROLE, ImportErrorModel, MappingModel
from gunmane_desktop.ui.ledger_wizard import (
    PAGE_MAPPING,
    PAGE_PREVIEW,
    PAGE_RESULT,
    PAGE_SHEET,
    LedgerImportWizard,
)

TOWN = "155926"
HEADERS = ["橋梁番号", "橋梁名", "路線名", "架設年度", "橋長（ｍ）", "点検年度", "健全性", "メモ欄"]
ROWS = [
    ["W-001", "テスト一号橋", "町道1号線", "昭和45年", "12.5", "令和5年度", "Ⅱ", "a"],
    ["W-002", "テスト二号橋", "町道2号線", "平成3年", "30", "R5", "Ⅲ", "b"],
    ["W-003", "テスト三号橋", "町道3号線", "不明な年", "abc", "令和5年度", "Ⅱ", "c"],  # bad row
    ["W-004", "テスト四号橋", "町道4号線", "H10", "8.2", "令和4年度", "Ⅰ", "d"],
]


@pytest.fixture
def cp932_csv(tmp_path):
    path = tmp_path / "橋梁台帳.csv"
    with path.open("w", encoding="cp932", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(ROWS)
    return path


def asset_count(db) -> int:
    return db.conn.execute("SELECT count(*) FROM assets WHERE deleted = 0").fetchone()[0]


def open_wizard(qtbot, region) -> LedgerImportWizard:
    wizard = LedgerImportWizard(region)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def choose_file(qtbot, wizard, path, owner=TOWN):
    page = wizard.file_page
    page.path_edit.setText(str(path))
    page.owner_combo.setCurrentIndex(page.owner_combo.findData(owner))
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def wait_for_preview(qtbot, wizard):
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_PREVIEW and wizard.plan is not None
                    and not wizard.busy, timeout=20000)


def test_csv_import_from_file_to_result(qtbot, region, cp932_csv):
    # Given a CP932 CSV with 和暦 years and one row whose year and length cannot be read
    wizard = open_wizard(qtbot, region)
    before = asset_count(region)

    # When the person chooses the file and their town
    choose_file(qtbot, wizard, cp932_csv)

    # Then the single-sheet CSV goes straight to the mapping, with suggestions filled in
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_MAPPING, timeout=10000)
    model = wizard.mapping_page.model
    fields = {model.index(r, MappingModel.COL_HEADER).data(): model.index(r, 0).data(FIELD_KEY_ROLE)
              for r in range(model.rowCount())}
    assert fields["橋梁名"] == "name"
    assert fields["架設年度"] == "built_year"
    assert fields["健全性"] == "grade"
    assert fields["メモ欄"] is None

    # When they map メモ欄 to 備考 with the drop-down and go on
    row = HEADERS.index("メモ欄")
    assert model.setData(model.index(row, MappingModel.COL_FIELD), "notes")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)

    # Then the preview runs on a worker (no going back meanwhile), then counts three new assets
    # and one failed row, naming the bad row
    back = wizard.button(QWizard.WizardButton.BackButton)
    qtbot.waitUntil(lambda: wizard.busy or wizard.plan is not None)
    assert not back.isEnabled() or wizard.plan is not None
    wait_for_preview(qtbot, wizard)
    page = wizard.preview_page
    assert page.count_labels["new"].text() == "3"
    assert page.count_labels["failed"].text() == "1"
    errors = page.error_model
    assert errors.rowCount() >= 1
    assert {errors.index(r, ImportErrorModel.COL_ROW).data() for r in range(errors.rowCount())} == {"4"}
    assert errors.index(0, ImportErrorModel.COL_FILE).data() == cp932_csv.name
    assert asset_count(region) == before  # nothing written yet
    assert wizard.button(QWizard.WizardButton.BackButton).isEnabled()

    # When they save the errors and press 取込
    report = page.save_errors_to(cp932_csv.with_name("errors.xlsx"))
    assert report is not None
    sheet = openpyxl.load_workbook(report).active
    assert [c.value for c in sheet[1]] == ["ファイル", "シート", "行", "列", "値", "理由"]
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)

    # Then the three good rows are written and the result names the backup
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT, timeout=30000)
    assert asset_count(region) == before + 3
    assert wizard.result.backup is not None and wizard.result.backup.exists()
    assert str(wizard.result.backup) in wizard.result_page.backup_label.text()
    names = {r[0] for r in region.conn.execute(
        "SELECT name FROM assets WHERE owner = ? AND name LIKE 'テスト%'", (TOWN,))}
    assert names == {"テスト一号橋", "テスト二号橋", "テスト四号橋"}
    built = region.conn.execute("SELECT built_year FROM assets WHERE name = 'テスト一号橋'").fetchone()[0]
    assert built == 1970


def test_xlsx_sheet_choice_and_saved_mapping(qtbot, region, tmp_path):
    # Given a workbook whose ledger is on its second sheet
    path = tmp_path / "台帳.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "説明"
    book.active["A1"] = "この台帳について"
    data = book.create_sheet("橋梁")
    data.append(HEADERS)
    for row in ROWS[:2]:
        data.append(row)
    book.save(path)
    wizard = open_wizard(qtbot, region)

    # When the file is chosen, the sheet page offers both sheets with the ledger preselected
    choose_file(qtbot, wizard, path)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SHEET, timeout=10000)
    assert wizard.sheet_page.sheet_list.count() == 2
    assert wizard.sheet_page.sheet_list.currentRow() == 1
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_MAPPING)

    # Then a changed mapping can be saved, reset and loaded back
    page = wizard.mapping_page
    model = page.model
    row = HEADERS.index("メモ欄")
    model.setData(model.index(row, MappingModel.COL_FIELD), "notes")
    saved = tmp_path / "我が町.json"
    assert page.save_mapping_to(saved)
    assert load_mapping(saved).columns["メモ欄"] == "notes"
    model.setData(model.index(row, MappingModel.COL_FIELD), "")
    assert model.index(row, 0).data(FIELD_KEY_ROLE) is None
    assert page.load_mapping_from(saved)
    assert model.index(row, 0).data(FIELD_KEY_ROLE) == "notes"

    # And a broken mapping file is a message on the page, not a crash
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert not page.load_mapping_from(broken)
    assert "broken.json" in page.error_label.text()

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, wizard)
    assert wizard.preview_page.count_labels["new"].text() == "2"
    assert wizard.preview_page.count_labels["failed"].text() == "0"


def test_missing_file_is_a_message(qtbot, region, tmp_path):
    wizard = open_wizard(qtbot, region)
    choose_file(qtbot, wizard, tmp_path / "ない.csv")
    assert wizard.currentId() == 0
    assert "ない.csv" in wizard.file_page.error_label.text()


def test_unreadable_file_is_a_message(qtbot, region, tmp_path):
    path = tmp_path / "壊れた.xlsx"
    path.write_bytes(b"not a workbook")
    wizard = open_wizard(qtbot, region)
    choose_file(qtbot, wizard, path)
    qtbot.waitUntil(lambda: not wizard.busy and wizard.file_page.error_label.text() != "", timeout=10000)
    assert wizard.currentId() == 0
    assert "Traceback" not in wizard.file_page.error_label.text()


def test_models_pass_the_model_tester(qtmodeltester):
    mapping = MappingModel([("name", "名称"), ("notes", "備考")])
    mapping.set_columns(["名称", "x"], [["a", "b"], ["c"]], None)
    mapping.setData(mapping.index(0, MappingModel.COL_FIELD), "name")
    qtmodeltester.check(mapping)
    assert mapping.rowCount(mapping.index(0, 0)) == 0
    errors = ImportErrorModel()
    qtmodeltester.check(errors)
    assert errors.rowCount(QModelIndex()) == 0


def test_export_dialog_writes_csv_for_one_town(qtbot, region, tmp_path):
    # Given the export dialog
    dialog = ExportLedgerDialog(region)
    qtbot.addWidget(dialog)
    dialog.show()

    # When CSV in UTF-8 BOM for one town is chosen
    out = tmp_path / "台帳.csv"
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".csv"))
    dialog.encoding_combo.setCurrentIndex(dialog.encoding_combo.findData("utf-8-sig"))
    dialog.org_combo.setCurrentIndex(dialog.org_combo.findData(TOWN))
    dialog.path_edit.setText(str(out))
    dialog.start_export()

    # Then the register is written with a BOM and only that town's assets
    qtbot.waitUntil(lambda: dialog.result_value is not None, timeout=20000)
    assert dialog.result_value.assets > 0
    text = out.read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(text.decode("utf-8-sig").splitlines()))
    owner_col = rows[0].index("団体コード")
    assert {r[owner_col] for r in rows[1:]} == {TOWN}
