"""The 帳票 page: choosing a report and printing it to PDF off the GUI thread."""

import datetime as dt

from PySide6.QtCore import Qt

from gunmane_desktop.core.wareki import fiscal_year_of
from gunmane_desktop.ui.report_page import CONTRACTS, COUNCIL, LEDGER, PLAN, REGION, ReportPage


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


def test_plan_report_starts_next_year_and_is_written(qtbot, region, tmp_path):
    # Given the report page with the long-life repair plan chosen for one town
    page = open_page(qtbot, region)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(PLAN))
    page.org_combo.setCurrentIndex(page.org_combo.findData("155926"))
    # Then the fiscal year offered is the plan's first year: next year by default
    this_year = fiscal_year_of(dt.date.today())
    assert page.request().fiscal_year == this_year + 1
    assert all(page.year_combo.itemData(i) >= this_year for i in range(page.year_combo.count()))
    out = tmp_path / "長寿命化修繕計画.pdf"
    page.path_edit.setText(str(out))

    # When 作成 is pressed, the plan is run and printed off the GUI thread
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.report_created, timeout=60000):
        pass
    assert out.read_bytes().startswith(b"%PDF")

    # And going back to the council pack offers past years again
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(COUNCIL))
    assert page.request().fiscal_year == this_year


def test_contracts_report_takes_no_sector_or_year(qtbot, region, tmp_path):
    page = open_page(qtbot, region)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(CONTRACTS))
    assert not page.sector_combo.isEnabled() and not page.year_combo.isEnabled()
    page.path_edit.setText(str(tmp_path / "契約.pdf"))
    request = page.request()
    assert (request.kind, request.sector, request.fiscal_year) == (CONTRACTS, None, None)
    assert request.out.name == "契約.pdf"
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.report_created, timeout=60000):
        pass
    assert (tmp_path / "契約.pdf").read_bytes().startswith(b"%PDF")


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
