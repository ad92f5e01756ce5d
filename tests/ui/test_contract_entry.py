"""Entering a contract's records on the 契約 page as a staffer does: documents, residents'
requests with their work orders, and tenders; bad input refused beside the field.

That a resident's contact never leaves the town's file in an exchange package is guarded by
tests/sync/test_contract_exchange.py; here we check the form puts it in the local-only table.
"""

import datetime as dt
import hashlib

import pytest
from contracts_fixtures import add_tendering_contract, open_page
from PySide6.QtCore import QDate, QDateTime, QObject, QTime, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage

from gunmane_desktop.core.performance import response_measurement
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.undo import EditJournal
from gunmane_desktop.ui.contract_models import index_id
from gunmane_desktop.ui.editing import record_saves_in
from gunmane_desktop.ui.request_form import now_minute

PREF, WAKABA, INAHO = "150002", "152986", "155934"
COMPANY, OTHER_BIDDER = "8110001087654", "7110001087655"
POTHOLE_KPI = "ポットホール24時間以内対応率"


@pytest.fixture
def demo(contracts_demo):
    return contracts_demo


@pytest.fixture
def page(qtbot, demo):
    return open_page(qtbot, demo[0])


class UrlCatcher(QObject):
    """Stands in for the system viewer: Qt hands it every file URL openUrl is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open_url(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def viewer():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open_url")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


def _count(db, table, where="1"):
    return db.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def _qdt(year, month, day, hour, minute=0):
    return QDateTime(QDate(year, month, day), QTime(hour, minute))


def _save(dialog):
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def _kpi_value(page, name, period):
    rows = [r for r in page.kpi_rows() if r.kpi.name == name and r.result.period == period]
    return rows[0].result.value if rows else None


def _request_row(page, request_id):
    m = page.request_model
    return next(m.row_data(r) for r in range(m.rowCount()) if index_id(m.index(r, 0)) == request_id)


# -- documents ------------------------------------------------------------------------------------

def test_an_attached_document_is_listed_stored_once_by_hash_and_opens(qtbot, page, demo, tmp_path, viewer):
    db, ids = demo
    spec = tmp_path / "仕様書_橋梁点検.pdf"
    content = "%PDF-1.4\n% 橋梁定期点検業務 特記仕様書\n".encode() + bytes(range(256)) * 40
    spec.write_bytes(content)
    digest = hashlib.sha256(content).hexdigest()
    # Given the bridge inspection contract's 書類 tab, with no documents yet
    page.select_contract(ids["bridge_inspection"])
    page.detail_tabs.setCurrentIndex(page.TAB_DOCUMENTS)
    panel = page.documents
    assert panel.model.rowCount() == 0 and not panel.open_button.isEnabled()
    # When the staffer picks the kind 仕様書 and attaches the file
    panel.kind_combo.setCurrentText("仕様書")
    with qtbot.waitSignal(page.data_changed):
        panel.attach_files([spec])
    # Then it is listed with its kind and size, and stored by its SHA-256
    kb = f"{(len(content) + 1023) // 1024}"
    assert panel.model.row_data(0)[:3] == ("仕様書_橋梁点検.pdf", "仕様書", kb)
    assert panel.documents()[0]["sha256"] == digest
    assert _count(db, "attachments", f"sha256 = '{digest}'") == 1
    # And the same file attached to the other contract is linked again but stored once
    page.select_contract(ids["road_maintenance"])
    panel.attach_files([spec], kind="協定書")
    assert _count(db, "attachments", f"sha256 = '{digest}'") == 1
    assert _count(db, "contract_documents", f"sha256 = '{digest}'") == 2
    assert _count(db, "audit_log", "table_name = 'contract_documents' AND source = 'gui'") == 2
    # When it is opened, the system viewer gets a copy with the stored bytes
    page.select_contract(ids["bridge_inspection"])
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    assert panel.open_button.isEnabled()
    panel.open_button.click()
    assert len(viewer.urls) == 1
    opened = viewer.urls[0].toLocalFile()
    assert opened.endswith("仕様書_橋梁点検.pdf")
    with open(opened, "rb") as f:
        assert f.read() == content


def test_an_unreadable_file_is_refused_and_nothing_is_attached(page, demo, tmp_path):
    db, ids = demo
    page.select_contract(ids["bridge_inspection"])
    before = _count(db, "audit_log")
    assert page.documents.attach_files([tmp_path / "ない.pdf"]) == []
    assert "ない.pdf" in page.documents.message.text()
    assert _count(db, "audit_log") == before and _count(db, "contract_documents") == 0



def test_a_document_an_exchange_named_without_its_bytes_shows_as_not_received(page, demo, viewer):
    db, ids = demo
    # Given a document row whose bytes a --no-photos package left out (a stand-in attachment)
    digest = "ab" * 32
    with db.conn:
        db.conn.execute("INSERT INTO attachments (sha256, mime, size, data, created_at) "
                        "VALUES (?, 'application/pdf', 5000, x'', '2026-11-01T00:00:00Z')", (digest,))
    ContractRepository(db).attach_document(ChangeContext(db, org=PREF, user="test"),
                                           ids["bridge_inspection"], digest, "協定書.pdf", "協定書")
    # When the 書類 tab shows it
    page.select_contract(ids["bridge_inspection"])
    # Then its size says it has not come yet, and opening it says so instead of an empty file
    assert page.documents.model.row_data(0)[:3] == ("協定書.pdf", "協定書", "not received yet")
    assert page.documents.open_document(0) is None and viewer.urls == []
    assert "協定書.pdf" in page.documents.message.text()

# -- residents' requests -----------------------------------------------------------------------------

def test_a_request_with_a_contact_is_ordered_and_completed_and_the_24h_share_follows(
        qtbot, page, demo, tmp_path):
    db, ids = demo
    repo = ContractRepository(db)
    photo = tmp_path / "穴.png"
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#555555"))
    assert image.save(str(photo))
    # Given the road maintenance contract, whose 24 h share for FY2026 was computed before
    page.select_contract(ids["road_maintenance"])
    page.detail_tabs.setCurrentIndex(page.TAB_REQUESTS)
    share_before = _kpi_value(page, POTHOLE_KPI, "2026")
    assert share_before is not None and share_before < 100
    assert "60 requests, 3 open" in page.request_label.text()
    # When the staffer records a resident's pothole report with a photo and the caller's contact
    page.new_request_button.click()
    dialog = page.request_dialog
    dialog.received_edit.setDateTime(_qdt(2026, 11, 2, 9, 0))
    dialog.town_combo.setCurrentIndex(dialog.town_combo.findData(INAHO))
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("pothole"))
    dialog.place_edit.setText("町道7号線 稲穂小学校前")
    dialog.description_edit.setPlainText("直径30cmほどの穴")
    assert dialog.set_photo_file(photo)
    dialog.name_edit.setText("山田 花子")
    dialog.phone_edit.setText("０２５０－１１－２２３３")  # full-width, as typed with IME on
    dialog.address_edit.setText("稲穂町本町1-2")
    with qtbot.waitSignal(page.data_changed):
        _save(dialog)
    request_id = dialog.saved_id
    # Then it is listed (the contact shown only here) and the contact stays in the local table
    row = _request_row(page, request_id)
    assert (row[2], row[3], row[5], row[6]) == ("路面の穴 (ポットホール)", "町道7号線 稲穂小学校前",
                                                "山田 花子", "0250-11-2233")
    contact = repo.contact(request_id)
    assert (contact.name, contact.address) == ("山田 花子", "稲穂町本町1-2")
    saved = next(r for r in repo.requests(ids["road_maintenance"]) if r.id == request_id)
    assert saved.owner == INAHO and saved.photo_sha256 == hashlib.sha256(photo.read_bytes()).hexdigest()
    assert _count(db, "attachments", f"sha256 = '{saved.photo_sha256}'") == 1
    assert "61 requests, 4 open" in page.request_label.text()

    # When the work is ordered from the contract's JV half an hour later
    assert page.order_button.isEnabled() and not page.complete_button.isEnabled()
    page.order_button.click()
    order_dialog = page.order_dialog
    assert order_dialog.contractor_label.text() == "汐見・稲穂地域維持管理共同企業体"
    order_dialog.ordered_edit.setDateTime(_qdt(2026, 11, 2, 9, 30))
    with qtbot.waitSignal(page.data_changed):
        _save(order_dialog)
    assert _request_row(page, request_id)[7] == "2026-11-02 09:30"
    # and marked completed at 11:00
    assert page.complete_button.isEnabled() and not page.order_button.isEnabled()
    page.complete_button.click()
    done = page.completion_dialog
    done.completed_edit.setDateTime(_qdt(2026, 11, 2, 11, 0))
    assert "2.0 h" in done.response_label.text()
    done.work_edit.setText("常温合材で穴埋め")
    with qtbot.waitSignal(page.data_changed):
        _save(done)
    # Then the request shows a response of 2 hours, and the 24 h share went up to what the
    # records give
    row = _request_row(page, request_id)
    assert (row[8], row[9]) == ("2026-11-02 11:00", "2.0")
    share_after = _kpi_value(page, POTHOLE_KPI, "2026")
    kpi = next(k for k in repo.kpis(ids["road_maintenance"]) if k.name == POTHOLE_KPI)
    expected = response_measurement(kpi, repo.requests(ids["road_maintenance"]),
                                    repo.work_orders(ids["road_maintenance"]), "2026", as_of=now_minute())
    assert share_after == expected.value > share_before
    assert "61 requests, 3 open" in page.request_label.text()
    summaries = [r[0] for r in db.conn.execute(
        "SELECT summary FROM audit_log WHERE source = 'gui' ORDER BY seq")]
    assert any("住民からの通報" in s for s in summaries) and any("作業の完了" in s for s in summaries)


def test_completion_before_the_request_was_received_is_refused_beside_the_field(qtbot, page, demo):
    db, ids = demo
    page.select_contract(ids["road_maintenance"])
    # Given one of the demo's requests whose work is ordered but not done
    open_id = next(r.id for r in page._requests.values()
                   if any(o.completed_at is None for o in page._request_orders(r)))
    page.select_request(open_id)
    request = page._requests[open_id]
    before = _count(db, "audit_log")
    page.complete_button.click()
    dialog = page.completion_dialog
    # When the completion time typed is an hour before the request came in
    early = request.received_at - dt.timedelta(hours=1)
    dialog.completed_edit.setDateTime(_qdt(early.year, early.month, early.day, early.hour, early.minute))
    _save(dialog)
    # Then the message is beside the completion field, the dialog stays open, nothing is written
    shown = dialog.visible_errors()
    assert list(shown) == ["completed_at"] and "before the request was received" in shown["completed_at"]
    assert dialog.isVisible()
    assert _count(db, "audit_log") == before
    assert _count(db, "work_orders", f"request_id = '{open_id}' AND completed_at IS NULL") == 1


def test_a_request_without_a_category_or_place_is_refused_beside_the_fields(page, demo):
    db, ids = demo
    page.select_contract(ids["road_maintenance"])
    before = (_count(db, "requests"), _count(db, "request_contacts"), _count(db, "audit_log"))
    page.new_request_button.click()
    dialog = page.request_dialog
    dialog.name_edit.setText("佐藤 一郎")
    dialog.phone_edit.setText("電話なし")
    _save(dialog)
    shown = dialog.visible_errors()
    assert set(shown) == {"category", "place", "phone"}
    assert "Choose what the request is about" in shown["category"]
    assert dialog.isVisible()
    assert (_count(db, "requests"), _count(db, "request_contacts"), _count(db, "audit_log")) == before


def test_a_request_about_a_scope_asset_is_saved_and_undone_as_one_step(qtbot, page, demo):
    db, ids = demo
    repo = ContractRepository(db)
    journal = EditJournal(db)
    record_saves_in(db, journal)
    try:
        # Given the bridge inspection contract, whose scope assets are offered by name
        page.select_contract(ids["bridge_inspection"])
        page.new_request_button.click()
        dialog = page.request_dialog
        scope = repo.scope_assets(ids["bridge_inspection"])
        assert dialog.asset_combo.count() == len(scope) + 1 and dialog.asset_combo.currentData() is None
        # When a report about the first scope bridge is recorded without a place
        asset_id, asset_name, _owner = scope[0]
        dialog.asset_combo.setCurrentIndex(dialog.asset_combo.findData(asset_id))
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("guardrail"))
        with qtbot.waitSignal(page.data_changed):
            _save(dialog)
        # Then it names the asset, with no contact kept
        row = _request_row(page, dialog.saved_id)
        assert (row[2], row[4], row[5]) == ("防護柵", asset_name, "")
        assert repo.contact(dialog.saved_id) is None
        # And undo takes it back
        journal.undo(ChangeContext(db, PREF, "test", "gui undo"))
        page.refresh()
        assert page.request_model.rowCount() == 0
    finally:
        record_saves_in(db, None)


# -- tenders -------------------------------------------------------------------------------------------

@pytest.fixture
def draft(page, demo):
    """A joint draft contract of 若葉市 and 稲穂町 with no tender yet, shown on the page."""
    return add_tendering_contract(page, demo[0])


def test_a_failed_tender_and_its_re_tender_show_in_the_tab_and_the_failed_rate(qtbot, page, demo, draft):
    db, _ids = demo
    assert page.tender_model.rowCount() == 0
    assert "failed tenders 33% (1 of 3)" in page.effects_label.text()
    # When the first tender is recorded: nobody bid (不調)
    page.tender_button.click()
    first = page.tender_dialog
    assert first.retender_combo.currentData() is None
    first.notice_edit.setDate(first.notice_edit.date().fromString("2026-06-01", "yyyy-MM-dd"))
    first.opened_edit.setDate(first.opened_edit.date().fromString("2026-06-22", "yyyy-MM-dd"))
    first.ceiling_edit.setText("5,000万円")
    first.add_bid(COMPANY, "")  # declined
    first.result_combo.setCurrentIndex(first.result_combo.findData("no_bid"))
    with qtbot.waitSignal(page.data_changed):
        _save(first)
    # and the re-tender a month later, where the local company wins under the ceiling
    page.tender_button.click()
    second = page.tender_dialog
    assert second.retender_combo.currentData() == first.saved_id  # offered by default
    second.notice_edit.setDate(second.notice_edit.date().fromString("2026-07-01", "yyyy-MM-dd"))
    second.opened_edit.setDate(second.opened_edit.date().fromString("2026-07-21", "yyyy-MM-dd"))
    second.ceiling_edit.setText("50,000,000")
    second.add_bid(COMPANY, "48,200,000")
    second.add_bid(OTHER_BIDDER, "4,950万円")
    assert "48,200,000" in second.lowest_label.text() and "落札" in second.lowest_label.text()
    second.result_combo.setCurrentIndex(second.result_combo.findData("awarded"))
    with qtbot.waitSignal(page.data_changed):
        _save(second)
    # Then the tab shows the chain, the winner and this contract's failed-tender rate
    m = page.tender_model
    rows = [m.row_data(r) for r in range(m.rowCount())]
    assert [(r[0], r[3], r[4], r[5], r[6]) for r in rows] == [
        ("1", "50,000,000", "", "1", "不調"), ("2", "50,000,000", "48,200,000", "2", "落札")]
    assert rows[1][7] == "みどり建設株式会社" and rows[1][8] == "re-tender of round 1"
    assert "1 of 2 (50%)" in page.tender_label.text()
    # and the region-wide rate on the 効果 tab counts both
    assert "failed tenders 40% (2 of 5)" in page.effects_label.text()
    saved = ContractRepository(db).tenders(draft.id)
    assert [(t.round, t.previous_id) for t in saved] == [(1, None), (2, first.saved_id)]


def test_a_bid_above_the_ceiling_marked_awarded_is_refused_beside_the_result(qtbot, page, demo, draft):
    db, _ids = demo
    before = (_count(db, "tenders"), _count(db, "audit_log"))
    page.tender_button.click()
    dialog = page.tender_dialog
    dialog.ceiling_edit.setText("50,000,000")
    dialog.add_bid(COMPANY, "51,000,000")
    dialog.result_combo.setCurrentIndex(dialog.result_combo.findData("awarded"))
    assert "不落" in dialog.lowest_label.text()
    _save(dialog)
    shown = dialog.visible_errors()
    assert list(shown) == ["result"] and "不落" in shown["result"]
    assert dialog.isVisible()
    assert (_count(db, "tenders"), _count(db, "audit_log")) == before
    # A ceiling that does not read is refused beside the ceiling
    dialog.ceiling_edit.setText("五千万")
    _save(dialog)
    assert list(dialog.visible_errors()) == ["ceiling_yen"]
    assert (_count(db, "tenders"), _count(db, "audit_log")) == before


def test_a_tender_saved_from_the_page_is_one_undo_step(qtbot, page, demo, draft):
    db, _ids = demo
    journal = EditJournal(db)
    record_saves_in(db, journal)
    try:
        page.tender_button.click()
        dialog = page.tender_dialog
        dialog.ceiling_edit.setText("50,000,000")
        dialog.add_bid(COMPANY, "49,000,000")
        _save(dialog)
        assert _count(db, "tenders", f"contract_id = '{draft.id}' AND deleted = 0") == 1
        assert journal.undo_steps() and "入札" in journal.undo_text
        journal.undo(ChangeContext(db, WAKABA, "test", "gui undo"))
        assert _count(db, "tenders", f"contract_id = '{draft.id}' AND deleted = 0") == 0
    finally:
        record_saves_in(db, None)


def test_the_new_tables_pass_the_model_tester(qtmodeltester, page, demo, tmp_path):
    _db, ids = demo
    doc = tmp_path / "協定書.pdf"
    doc.write_bytes(b"%PDF-1.4 agreement")
    page.select_contract(ids["road_maintenance"])
    page.documents.attach_files([doc])
    for model in (page.documents.model, page.tender_model, page.request_model):
        qtmodeltester.check(model)
