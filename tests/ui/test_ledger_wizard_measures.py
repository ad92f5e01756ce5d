"""The import wizard with a 措置 (measures) sheet: measure counts in the preview and the result."""

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from test_ledger_wizard import TOWN, choose_file, open_wizard, wait_for_preview

from gunmane_desktop.ledger.export import export_ledger
from gunmane_desktop.ui.ledger_wizard import PAGE_MAPPING, PAGE_RESULT, PAGE_SHEET


def test_an_edited_measure_sheet_shows_measure_counts_and_updates_one_measure(qtbot, region, tmp_path):
    # Given the town's road ledger exported, with one planned measure marked 着手 in Excel
    path = tmp_path / "台帳.xlsx"
    exported = export_ledger(region, path, org=TOWN, sector="road")
    book = openpyxl.load_workbook(path)
    ws = book["措置"]
    status_col = [c.value for c in ws[1]].index("措置状況") + 1
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, status_col).value == "計画")
    ws.cell(row, status_col).value = "着手"
    book.save(path)
    wizard = open_wizard(qtbot, region)

    # When the person picks the 措置 sheet and goes on to the preview
    choose_file(qtbot, wizard, path)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_SHEET, timeout=10000)
    wizard.sheet_page.sheet_list.setCurrentRow(2)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_MAPPING)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    wait_for_preview(qtbot, wizard)

    # Then the preview counts the measures: one to update, the rest unchanged, no assets
    labels = wizard.preview_page.count_labels
    assert {k: labels[k].text() for k in ("measures_new", "measures_updated", "measures_unchanged")} == {
        "measures_new": "0", "measures_updated": "1", "measures_unchanged": str(exported.measures - 1)}
    assert labels["new"].text() == "0" and labels["failed"].text() == "0"
    assert "1 measures" in wizard.preview_page.message_label.text()

    # When they import, the measure is updated and the result says so
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CommitButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_RESULT, timeout=30000)
    assert wizard.result.measures == {"new": 0, "updated": 1, "unchanged": exported.measures - 1}
    assert "Measures added: 0, updated: 1" in wizard.result_page.summary_label.text()
    started = region.conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'measures'"
                                  " AND action = 'update' AND source LIKE 'ledger import%'").fetchone()[0]
    assert started == 1
