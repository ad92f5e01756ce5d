"""Finishing touches of the 契約 page, driven as a staffer does in the Japanese UI: a 落札 that
makes the winner the contractor, the photo of a resident's request, taking back a document
or a tender entered by mistake, and the demo road maintenance contract's scope."""

import datetime as dt

import pytest
from contracts_fixtures import add_tendering_contract, open_page
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QMessageBox

from gunmane_desktop.contracts.demo import COMPANY, JV
from gunmane_desktop.core.contracts import ContractStatus
from gunmane_desktop.core.performance import RequestCategory, ResidentRequest
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.undo import EditJournal
from gunmane_desktop.ui.contract_models import index_id
from gunmane_desktop.ui.editing import record_saves_in
from gunmane_desktop.ui.photo_strip import PhotoViewer

WAKABA, COASTAL, INAHO = "152986", "155926", "155934"


@pytest.fixture
def journal(demo):
    """The window's undo journal, recording every save of the page (as the main window does)."""
    db, _ids = demo
    edits = EditJournal(db)
    record_saves_in(db, edits)
    yield edits
    record_saves_in(db, None)


@pytest.fixture
def demo(contracts_demo):
    return contracts_demo


@pytest.fixture
def page(qtbot, demo, japanese, app_fonts):
    return open_page(qtbot, demo[0])


@pytest.fixture
def answers(monkeypatch):
    """Stands in for the staffer answering confirmations: records each question, answers from
    ``answers.reply`` (Yes unless a test says otherwise)."""
    class Answers(list):
        reply = QMessageBox.StandardButton.Yes

    asked = Answers()

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return asked.reply

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _undo(db, journal):
    journal.undo(ChangeContext(db, COASTAL, "test", "gui undo"))


def _save(dialog):
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()


def _one(db, sql, *params):
    return tuple(db.conn.execute(sql, params).fetchone())


def _select_row(table, row_id):
    model = table.model()
    row = next(r for r in range(model.rowCount()) if index_id(model.index(r, 0)) == row_id)
    table.setCurrentIndex(model.index(row, 0))


# -- 1. a 落札 makes the winner the contractor ---------------------------------------------------

@pytest.fixture
def tendering(page, demo):
    """A joint contract of 若葉市 and 稲穂町 out to tender, with no contractor, on the 入札 tab."""
    return add_tendering_contract(page, demo[0])


def _listed(page, contract_id):
    m = page.list_model
    return next(m.row_data(r) for r in range(m.rowCount()) if m.row_data(r).contract_id == contract_id)


def test_an_awarded_tender_makes_the_winner_contractor_in_one_save_and_one_undo(
        qtbot, page, demo, tendering, journal):
    db, _ids = demo
    repo = ContractRepository(db)
    # Given the tender dialog of a contract without a contractor
    page.tender_button.click()
    dialog = page.tender_dialog
    dialog.ceiling_edit.setText("50,000,000")
    assert not dialog.award_check.isVisibleTo(dialog)
    # When みどり建設 bids lowest under the ceiling, the dialog offers to award the contract
    dialog.add_bid(COMPANY, "48,000,000")
    dialog.add_bid(JV, "49,500,000")
    assert dialog.award_check.isVisibleTo(dialog)
    assert "みどり建設株式会社" in dialog.award_check.text() and "履行中" in dialog.award_check.text()
    assert not dialog.award_check.isChecked()  # the staffer confirms by ticking it
    dialog.award_check.setChecked(True)
    # (a tick confirms that winner only: a lower bid typed afterwards clears it)
    row = dialog.add_bid(JV, "47,000,000")
    assert "汐見・稲穂" in dialog.award_check.text() and not dialog.award_check.isChecked()
    dialog.bid_table.selectRow(row)
    dialog.remove_bid_button.click()
    assert "みどり建設株式会社" in dialog.award_check.text()
    dialog.award_check.setChecked(True)
    with qtbot.waitSignal(page.data_changed):
        _save(dialog)
    # Then the contract has the winner as contractor and is in force, in the list and 概要
    saved = repo.get(tendering.id)
    assert (saved.contractor, saved.status) == (COMPANY, ContractStatus.ACTIVE)
    row = _listed(page, tendering.id)
    assert (row.contractor_name, row.status) == ("みどり建設株式会社", "active")
    assert "受注者: みどり建設株式会社" in page.overview.text() and "状態: 履行中" in page.overview.text()
    # and the audit trail says so, written from the GUI
    audit = db.conn.execute("SELECT source, summary FROM audit_log WHERE table_name = 'contracts' "
                            "AND row_id = ? ORDER BY seq", (tendering.id,)).fetchall()
    assert audit[-1][0] == "gui" and "contractor" in audit[-1][1] and "status" in audit[-1][1]
    # And one undo takes back both the tender and the award
    assert "入札" in journal.undo_text
    _undo(db, journal)
    page.refresh()
    back = repo.get(tendering.id)
    assert (back.contractor, back.status) == (None, ContractStatus.TENDERING)
    assert repo.tenders(tendering.id) == [] and page.tender_model.rowCount() == 0
    assert not journal.can_undo


def test_an_award_left_unticked_saves_only_the_tender(qtbot, page, demo, tendering):
    db, _ids = demo
    page.tender_button.click()
    dialog = page.tender_dialog
    dialog.ceiling_edit.setText("50,000,000")
    dialog.add_bid(COMPANY, "48,000,000")
    assert dialog.award_check.isVisibleTo(dialog)
    with qtbot.waitSignal(page.data_changed):
        _save(dialog)
    assert ContractRepository(db).get(tendering.id).contractor is None
    assert page.tender_model.rowCount() == 1 and dialog.awarded_to is None


def test_no_award_is_offered_for_a_failed_tender_or_a_bidder_typed_by_name(page, tendering):
    page.tender_button.click()
    dialog = page.tender_dialog
    dialog.ceiling_edit.setText("50,000,000")
    dialog.add_bid(COMPANY, "51,000,000")  # above the ceiling: 不落
    dialog.result_combo.setCurrentIndex(dialog.result_combo.findData("over_ceiling"))
    assert not dialog.award_check.isVisibleTo(dialog)
    dialog.add_bid("未登録の土木会社", "47,000,000")  # wins, but is not an organisation of the file
    dialog.result_combo.setCurrentIndex(dialog.result_combo.findData("awarded"))
    assert not dialog.award_check.isVisibleTo(dialog)


def test_a_contract_that_has_its_contractor_is_not_offered_another(page, demo):
    _db, ids = demo
    page.select_contract(ids["road_maintenance"])
    page.tender_button.click()
    dialog = page.tender_dialog
    dialog.ceiling_edit.setText("745,000,000")
    dialog.add_bid(COMPANY, "700,000,000")
    assert not dialog.award_check.isVisibleTo(dialog)


# -- 2. the photo of a resident's request ------------------------------------------------------------

def _photo_file(tmp_path):
    image = QImage(320, 240, QImage.Format.Format_RGB32)
    image.fill(QColor("#6d6a5f"))
    path = tmp_path / "穴_町道.png"
    image.save(str(path), "PNG")
    return path


def test_the_selected_requests_photo_shows_as_a_thumbnail_and_opens_full_size(qtbot, page, demo, tmp_path):
    _db, ids = demo
    # Given a request recorded with a photo under the road maintenance contract
    page.select_contract(ids["road_maintenance"])
    page.detail_tabs.setCurrentIndex(page.TAB_REQUESTS)
    page.new_request_button.click()
    dialog = page.request_dialog
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("pothole"))
    dialog.place_edit.setText("町道2-1号線 汐見橋の南")
    assert dialog.set_photo_file(_photo_file(tmp_path))
    with qtbot.waitSignal(page.data_changed):
        _save(dialog)
    # Then, selected, it shows its photo as a thumbnail
    _select_row(page.request_table, dialog.saved_id)
    assert page.request_photo.isVisible() and page.request_photo.list.count() == 1
    assert len(page.request_photo.photos()) == 1
    # which opens full size on a double-click
    item = page.request_photo.list.item(0)
    page.request_photo.list.itemDoubleClicked.emit(item)
    viewers = page.request_photo.findChildren(PhotoViewer)
    assert viewers and viewers[-1].isVisible()
    assert viewers[-1].windowTitle().endswith("町道2-1号線 汐見橋の南")
    viewers[-1].close()
    # And a request without a photo says so instead
    other = next(r for r in page._requests.values() if r.photo_sha256 is None)
    _select_row(page.request_table, other.id)
    assert not page.request_photo.isVisible() and page.request_photo_status.text() == "写真はありません。"


def test_a_photo_not_received_yet_shows_mikushin_instead(page, demo):
    db, ids = demo
    # Given a request whose photo an exchange package named but left out (--no-photos): the
    # attachments row is the exchange's placeholder, empty data with the real size
    digest = "ab" * 32
    ctx = ChangeContext(db, COASTAL, "test", "exchange")
    with db.transaction():
        db.conn.execute("INSERT INTO attachments (sha256, mime, size, data, created_at) "
                        "VALUES (?, 'image/jpeg', 48213, X'', '2026-10-01T00:00:00Z')", (digest,))
        request = ContractRepository(db).add_request(ctx, ResidentRequest(
            ctx.new_id(), COASTAL, dt.datetime(2026, 10, 1, 9), RequestCategory.POTHOLE,
            place="町道2-3号線", contract_id=ids["road_maintenance"], photo_sha256=digest))
    # When the staffer selects it
    page.refresh()
    page.select_contract(ids["road_maintenance"])
    page.detail_tabs.setCurrentIndex(page.TAB_REQUESTS)
    _select_row(page.request_table, request.id)
    # Then no thumbnail is shown but 未受信
    assert not page.request_photo.isVisible() and page.request_photo.photos() == []
    assert "未受信" in page.request_photo_status.text()


# -- 3. taking back a document or a tender -------------------------------------------------------------

def test_removing_a_document_asks_first_and_can_be_undone(qtbot, page, demo, tmp_path, answers, journal):
    db, ids = demo
    doc = tmp_path / "協定書.pdf"
    doc.write_bytes(b"%PDF-1.4 agreement")
    page.select_contract(ids["road_maintenance"])
    page.detail_tabs.setCurrentIndex(page.TAB_DOCUMENTS)
    panel = page.documents
    (doc_id,) = panel.attach_files([doc], "協定書")
    assert not panel.remove_button.isEnabled()
    _select_row(panel.table, doc_id)
    # When the staffer presses 削除… and answers No, nothing changes
    answers.reply = QMessageBox.StandardButton.No
    panel.remove_button.click()
    assert "協定書.pdf" in answers[-1] and panel.model.rowCount() == 1
    # and when they answer Yes, the document leaves the list (a tombstone, audited)
    answers.reply = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(page.data_changed):
        panel.remove_button.click()
    assert panel.model.rowCount() == 0 and "協定書.pdf を削除しました" in panel.message.text()
    assert _one(db, "SELECT deleted FROM contract_documents WHERE id = ?", doc_id) == (1,)
    assert _one(db, "SELECT action, source FROM audit_log WHERE table_name = 'contract_documents' "
                "AND row_id = ? ORDER BY seq DESC", doc_id) == ("tombstone", "gui")
    # And undo brings it back
    assert "契約書類" in journal.undo_text
    _undo(db, journal)
    page.refresh()
    assert [d["id"] for d in page.documents.documents()] == [doc_id]


def test_deleting_a_tender_asks_first_refuses_a_re_run_one_and_can_be_undone(
        qtbot, page, demo, answers, journal):
    db, ids = demo
    repo = ContractRepository(db)
    # Given the road maintenance contract: round 1 不調, re-run as round 2 落札
    page.select_contract(ids["road_maintenance"])
    page.detail_tabs.setCurrentIndex(page.TAB_TENDERS)
    first, second = repo.tenders(ids["road_maintenance"])
    assert not page.delete_tender_button.isEnabled()
    # When the staffer tries to delete round 1, it is refused: round 2 re-runs it
    _select_row(page.tender_table, first.id)
    page.delete_tender_button.click()
    assert "第1回" in answers[-1] and "不調" in answers[-1]
    assert page.tender_message.isVisibleTo(page) and "先に再入札を削除" in page.tender_message.text()
    assert page.tender_model.rowCount() == 2
    # and round 2, entered by mistake, is deleted once they confirm
    _select_row(page.tender_table, second.id)
    with qtbot.waitSignal(page.data_changed):
        page.delete_tender_button.click()
    assert [t.id for t in repo.tenders(ids["road_maintenance"])] == [first.id]
    assert page.tender_model.rowCount() == 1 and not page.tender_message.isVisibleTo(page)
    assert "不調・不落: 1 件中 1 件 (100%)" in page.tender_label.text()
    # And undo brings it back
    _undo(db, journal)
    page.refresh()
    assert page.tender_model.rowCount() == 2


# -- 4. the demo road maintenance contract's scope -----------------------------------------------------

def test_the_demo_road_maintenance_contract_looks_after_the_towns_roads(page, demo):
    db, ids = demo
    repo = ContractRepository(db)
    page.select_contract(ids["road_maintenance"])
    scope = repo.scope_by_owner(ids["road_maintenance"])
    # The two orderer towns' road sections and the footbridges over their roads
    assert set(scope) == {COASTAL, INAHO} and all(n >= 10 for n in scope.values())
    rows = {(page.scope_model.row_data(r)[0], page.scope_model.row_data(r)[1])
            for r in range(page.scope_model.rowCount())}
    assert rows == {("汐見町", "舗装区間"), ("汐見町", "横断歩道橋"), ("稲穂町", "舗装区間"),
                    ("稲穂町", "横断歩道橋")}
    assert f"対象施設: {sum(scope.values()):,} 件" in page.overview.text()
    # and residents' pothole reports name a section of those roads
    in_scope = set(repo.scope(ids["road_maintenance"]))
    potholes = [r for r in repo.requests(ids["road_maintenance"]) if r.category is RequestCategory.POTHOLE]
    assert potholes and all(r.asset_id in in_scope for r in potholes)
