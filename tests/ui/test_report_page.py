"""The 帳票 page: choosing a report and printing it to PDF off the GUI thread."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel

from gunmane_desktop.ui.report_page import COUNCIL, LEDGER, PLAN, REGION, ReportPage


def open_page(qtbot, region) -> ReportPage:
    page = ReportPage(region)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_council_pack_for_the_demo_region(qtbot, region, tmp_path, monkeypatch):
    # Given the report page on the demo region, with the council pack chosen
    page = open_page(qtbot, region)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(COUNCIL))
    out = tmp_path / "議会説明資料.pdf"
    page.path_edit.setText(str(out))

    # When 作成 is pressed
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert not page.create_button.isEnabled()  # one report at a time

    # Then the PDF is written off the GUI thread and the page offers to open it
    with qtbot.waitSignal(page.report_created, timeout=60000) as created:
        pass
    assert created.args == [str(out)]
    assert out.read_bytes().startswith(b"%PDF")
    assert page.open_button.isVisible()
    assert str(out) in page.status_label.text()
    opened = []
    monkeypatch.setattr("gunmane_desktop.ui.report_page.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(out)]


def test_plan_and_contracts_are_listed_but_not_selectable(qtbot, region):
    page = open_page(qtbot, region)
    model = page.kind_combo.model()
    assert isinstance(model, QStandardItemModel)
    plan_row = page.kind_combo.findData(PLAN)
    assert plan_row >= 0
    assert not model.item(plan_row).isEnabled()


def test_region_report_has_no_organisation_and_ledger_no_year(qtbot, region, tmp_path):
    page = open_page(qtbot, region)
    page.path_edit.setText(str(tmp_path / "x.pdf"))
    page.org_combo.setCurrentIndex(1)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(REGION))
    assert not page.org_combo.isEnabled()
    assert page.request().org is None
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(LEDGER))
    assert page.request().fiscal_year is None


def test_bad_output_folder_is_a_message(qtbot, region, tmp_path):
    page = open_page(qtbot, region)
    page.path_edit.setText(str(tmp_path / "ない" / "帳票.pdf"))
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.task is None
    assert "ない" in page.status_label.text()


def test_cancel_leaves_no_pdf(qtbot, region, tmp_path):
    # Given a council pack being created
    page = open_page(qtbot, region)
    out = tmp_path / "中止.pdf"
    page.path_edit.setText(str(out))
    page.create_report()

    # When the person cancels at once
    page.task.cancel()

    # Then the page says so and no PDF is left behind
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    assert not out.exists()
    assert page.status_label.text() != ""
    assert not page.open_button.isVisible()
