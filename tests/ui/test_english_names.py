"""With English chosen, the catalogue's names and the contract codes show in English: asset
types, sectors and grade words from the catalogue's name_en, contract statuses, payment forms,
processes, tender results, request categories and document kinds from their English names.
What is stored stays as it was (``active``, ``no_bid``, 仕様書), and Japanese, the default,
shows what it always showed.
"""

import re

import pytest
from contracts_fixtures import open_page
from PySide6.QtWidgets import QLabel

from gunmane_desktop.core.catalogue import default_catalogue
from gunmane_desktop.core.contracts import ContractStatus, TenderResult
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.ui.asset_form import AssetForm
from gunmane_desktop.ui.catalogue_names import grade_text, sector_name, type_name
from gunmane_desktop.ui.contract_form import ContractDialog
from gunmane_desktop.ui.contract_names import (
    contract_status_name,
    document_kind_name,
    english_names,
    japanese_names,
)
from gunmane_desktop.ui.contracts_page import ContractsPage
from gunmane_desktop.ui.ledger_wizard import LedgerImportWizard
from gunmane_desktop.ui.planning_models import PlanRow, PlanTableModel
from gunmane_desktop.ui.planning_page import PlanningPage
from gunmane_desktop.ui.report_page import COUNCIL, PLAN, ReportPage
from gunmane_desktop.ui.request_form import RequestDialog
from gunmane_desktop.ui.tender_form import TenderDialog

JAPANESE = re.compile(r"[\u3040-\u30fa\u30fc-\u30ff\u3400-\u9fff]")
# Every Japanese word of a contract code: none may show in the English UI.
STATUS_WORDS = sorted({w for table in japanese_names().values() for w in table.values()}, key=len,
                      reverse=True)


def _column(model, column: int) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _status_words_in(text: str) -> list[str]:
    return [w for w in STATUS_WORDS if w in text]


@pytest.fixture
def english_page(qtbot, contracts_demo):
    db, ids = contracts_demo
    page = ContractsPage(db, language="en")
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitExposed(page)
    return page, db, ids


def test_the_contracts_page_in_english_shows_no_japanese_status_words(english_page, qtmodeltester):
    page, db, ids = english_page
    # Given the page in English, when the road maintenance contract is shown
    page.select_contract(ids["road_maintenance"])
    # then the list says its status in English, as does the overview with the payment form and
    # processes, and the list model still passes the model tester
    qtmodeltester.check(page.list_model)
    statuses = _column(page.list_model, page.list_model.STATUS)
    assert set(statuses) == {"In force"} and not _status_words_in(" ".join(statuses))
    overview = page.overview.text()
    assert "Status: In force" in overview
    assert "Payment form: Lump sum and unit price" in overview
    assert "Processes: Patrol, Cleaning, Pavement repair" in overview
    assert not _status_words_in(overview.replace(page.contract.note, ""))  # the note is data
    # and the scope names the asset types by the catalogue's English names
    assert set(_column(page.scope_model, 1)) == {"Pavement section", "Pedestrian overpass"}
    # and the tenders and the residents' requests carry English results and categories
    assert _column(page.tender_model, 6) == ["No valid bid", "Awarded"]
    categories = set(_column(page.request_model, 2))
    assert "Pothole" in categories and not any(JAPANESE.search(c) for c in categories)
    # while the file keeps the codes
    assert page.contract.status is ContractStatus.ACTIVE
    assert [t.result for t in ContractRepository(db).tenders(page.contract.id)] == [
        TenderResult.NO_BID, TenderResult.AWARDED]


def test_bridges_in_a_contract_scope_are_bridges_in_english(english_page):
    page, _db, ids = english_page
    page.select_contract(ids["bridge_inspection"])
    assert set(_column(page.scope_model, 1)) == {"Bridge"}


def test_a_document_kind_chosen_in_english_is_stored_as_the_town_files_it(english_page, tmp_path):
    page, _db, ids = english_page
    page.select_contract(ids["bridge_inspection"])
    panel = page.documents
    kinds = [panel.kind_combo.itemText(i) for i in range(panel.kind_combo.count())]
    assert kinds == ["Specification", "Contract document", "Agreement", "Drawing", "Other"]
    spec = tmp_path / "spec.pdf"
    spec.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    # When the staffer picks "Specification" and attaches the file
    panel.kind_combo.setCurrentText("Specification")
    panel.attach_files([spec])
    # Then the table says Specification and the file says 仕様書, as a Japanese user filed it
    assert panel.model.row_data(0)[1] == "Specification"
    assert [d["kind"] for d in panel.documents()] == ["仕様書"]
    # and a kind typed by hand is kept as typed
    other = tmp_path / "minutes.pdf"
    other.write_bytes(b"%PDF-1.4\n")
    panel.kind_combo.setCurrentText("議事録")
    panel.attach_files([other])
    assert sorted(d["kind"] for d in panel.documents()) == ["仕様書", "議事録"]


def test_the_entry_dialogs_offer_english_codes(qtbot, english_page):
    page, db, ids = english_page
    page.select_contract(ids["road_maintenance"])
    contract = page.contract
    form = ContractDialog(db, [], page, language="en")
    tender = TenderDialog(db, contract, ContractRepository(db).tenders(contract.id), page, language="en")
    request = RequestDialog(db, contract, page, language="en")
    for dialog in (form, tender, request):
        qtbot.addWidget(dialog)
    combo_texts = [form.payment_combo.itemText(i) for i in range(form.payment_combo.count())]
    combo_texts += [form.status_combo.itemText(i) for i in range(form.status_combo.count())]
    combo_texts += [box.text() for box in form.process_checks.values()]
    combo_texts += [tender.result_combo.itemText(i) for i in range(tender.result_combo.count())]
    combo_texts += [request.category_combo.itemText(i) for i in range(1, request.category_combo.count())]
    assert "Lump sum" in combo_texts and "Awarded" in combo_texts and "Fallen tree" in combo_texts
    assert [t for t in combo_texts if JAPANESE.search(t)] == []
    # and the stored values behind them are the codes
    assert tender.result_combo.itemData(0) == "awarded"


def test_the_report_page_in_english_names_sectors_and_files_in_english(qtbot, region):
    page = ReportPage(region, language="en")
    qtbot.addWidget(page)
    sectors = [page.sector_combo.itemText(i) for i in range(1, page.sector_combo.count())]
    assert sectors == ["Roads", "Sewerage", "Parks", "Rivers", "Other"]
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(COUNCIL))
    assert page.path_edit.text().endswith("Council pack.pdf")
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(PLAN))
    assert page.path_edit.text().endswith("Long-life repair plan.pdf")
    # The sector chosen is still the catalogue's id
    page.sector_combo.setCurrentIndex(1)
    assert page.request().sector == "road"


def test_the_report_page_in_japanese_keeps_its_japanese_names(qtbot, region):
    page = ReportPage(region)
    qtbot.addWidget(page)
    assert page.sector_combo.itemText(1) == "道路"
    assert page.path_edit.text().endswith("議会説明資料.pdf")


def test_type_names_in_forms_wizards_and_plans_follow_the_language(qtbot, region, qtmodeltester):
    form = AssetForm(region, None, language="en")
    wizard = LedgerImportWizard(region, language="en")
    planning = PlanningPage(region, load=False, language="en")
    for widget in (form, wizard, planning):
        qtbot.addWidget(widget)
    assert form.type_combo.itemText(0) == "Bridge (Roads)"
    # the bridge's own fields are labelled in English too (stored under the same keys)
    labels = {w.text() for w in form.findChildren(QLabel)}
    assert {"Spans", "Crossing", "Detour"} <= labels and "径間数" not in labels
    sectors = wizard.file_page.sector_combo
    assert [sectors.itemText(i) for i in range(1, sectors.count())][:2] == ["Roads", "Sewerage"]
    planning.refresh()
    assert planning.sector.itemText(1) == "Roads"
    model = PlanTableModel()
    model.language = "en"
    model.set_rows([PlanRow(2027, "a1", "150002", "汐見橋", "bridge", "replacement", 120_000_000)])
    qtmodeltester.check(model)
    assert model.index(0, PlanTableModel.COL_TYPE).data() == "Bridge"
    model.language = "ja"
    assert model.index(0, PlanTableModel.COL_TYPE).data() == "橋梁"


def test_the_catalogue_names_pick_name_ja_or_name_en():
    soundness = default_catalogue().scale("soundness")
    sewer = default_catalogue().scale("sewer_urgency")
    assert (type_name("bridge"), type_name("bridge", "en")) == ("橋梁", "Bridge")
    assert type_name("橋梁", "en") == "Bridge"  # as a query names it
    assert type_name("culvert_x", "en") == "culvert_x"  # a type of a newer catalogue, as given
    assert (sector_name("sewer"), sector_name("sewer", "en")) == ("下水道", "Sewerage")
    # The grade's code stays; only its word translates
    assert grade_text("Ⅲ", "早期措置段階", "Early action stage") == "Ⅲ 早期措置段階"
    assert grade_text("Ⅲ", "早期措置段階", "Early action stage", "en") == "Ⅲ Early action stage"
    none = sewer.grade("none")
    assert grade_text(none.symbol, none.label_ja, none.label_en, "en") == "No defect"
    assert soundness.grade("IV").label_en == "Emergency action stage"


def test_the_japanese_translation_of_the_english_names_is_the_cores_words(japanese):
    # In the Japanese translation the English names come back as the words the core and the
    # audit summaries use, so both languages' tables name the same things.
    assert english_names() == japanese_names()


def test_a_code_the_tables_do_not_know_is_shown_as_stored():
    # a status of a newer program, a document kind typed by hand
    assert contract_status_name("suspended", "en") == "suspended"
    assert document_kind_name("議事録", "en") == "議事録"
    assert contract_status_name("active", "en") == "In force"


def test_the_default_page_keeps_the_japanese_codes(qtbot, contracts_demo):
    db, ids = contracts_demo
    page = open_page(qtbot, db)
    page.select_contract(ids["road_maintenance"])
    assert set(_column(page.list_model, page.list_model.STATUS)) == {"履行中"}
    assert _column(page.tender_model, 6) == ["不調", "落札"]
