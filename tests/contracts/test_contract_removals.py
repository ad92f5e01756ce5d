"""Taking back what was entered by mistake, and awarding a contract from its tender: the
repository tombstones documents and tenders (audited, undoable) and sets the contractor."""

import datetime as dt

import pytest
from contracts_helpers import JV, PREF, TOWN_A

from gunmane_desktop.core.contracts import Bid, Contract, ContractStatus, Orderer, Tender
from gunmane_desktop.core.models import ValidationError
from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.storage.attachments import AttachmentStore
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.storage.undo import EditJournal

COMPANY = "8110001087654"


def _draft(ctx, repo):
    return repo.add(ctx, Contract(ctx.new_id(), PREF, "R8-舗装-1", "舗装補修 (県・若葉市)",
                                  (Orderer(PREF, 1, lead=True), Orderer(TOWN_A, 1)), None,
                                  dt.date(2026, 4, 1), dt.date(2027, 3, 31), amount_yen=30_000_000,
                                  status=ContractStatus.TENDERING))


def _tender(ctx, contract, bids, round=1, previous=None):
    return Tender(ctx.new_id(), PREF, contract.id, dt.date(2026, 2, 1), 31_000_000, bids,
                  opened_on=dt.date(2026, 3, 1), round=round, previous_id=previous)


def _audit(db, table, row_id):
    return db.conn.execute("SELECT action, summary FROM audit_log WHERE table_name = ? AND row_id = ? "
                           "ORDER BY seq", (table, row_id)).fetchall()


def test_a_removed_document_leaves_the_list_but_its_bytes_stay_for_another_contract(db, ctx):
    repo = ContractRepository(db)
    first, second = _draft(ctx, repo), _draft(ctx, repo)
    digest = AttachmentStore(db).put(b"%PDF-1.4 spec", "application/pdf")
    doc = repo.attach_document(ctx, first.id, digest, "仕様書.pdf", "仕様書")
    repo.attach_document(ctx, second.id, digest, "仕様書.pdf", "仕様書")
    repo.remove_document(ctx, doc)
    assert repo.documents(first.id) == []
    assert [d["filename"] for d in repo.documents(second.id)] == ["仕様書.pdf"]
    assert AttachmentStore(db).get(digest) == b"%PDF-1.4 spec"
    assert [tuple(r) for r in _audit(db, "contract_documents", doc)] == [
        ("insert", "契約書類「仕様書.pdf」を添付"), ("tombstone", "契約書類「仕様書.pdf」を削除")]
    with pytest.raises(KeyError):
        repo.remove_document(ctx, doc)  # already removed


def test_a_deleted_tender_no_longer_counts_and_undo_brings_it_back(db, ctx):
    repo = ContractRepository(db)
    contract = _draft(ctx, repo)
    tender = repo.add_tender(ctx, _tender(ctx, contract, (Bid(JV, 30_000_000),)))
    journal = EditJournal(db)
    gui = ChangeContext(db, PREF, "sato", "gui", journal=journal)
    repo.delete_tender(gui, tender.id)
    assert repo.tenders(contract.id) == []
    assert _audit(db, "tenders", tender.id)[-1]["action"] == "tombstone"
    assert "第1回" in _audit(db, "tenders", tender.id)[-1]["summary"]
    journal.undo(ChangeContext(db, PREF, "sato", "gui undo"))
    assert [t.id for t in repo.tenders(contract.id)] == [tender.id]


def test_a_failed_tender_that_was_re_run_cannot_be_deleted_before_its_re_tender(db, ctx):
    repo = ContractRepository(db)
    contract = _draft(ctx, repo)
    failed = repo.add_tender(ctx, _tender(ctx, contract, (Bid(JV, None),)))
    again = repo.add_tender(ctx, _tender(ctx, contract, (Bid(JV, 30_000_000),), 2, failed.id))
    with pytest.raises(ValueError, match="先に再入札を削除"):
        repo.delete_tender(ctx, failed.id)
    repo.delete_tender(ctx, again.id)
    repo.delete_tender(ctx, failed.id)
    assert repo.tenders(contract.id) == []


def test_awarding_sets_the_contractor_and_puts_the_contract_in_force(db, ctx):
    repo = ContractRepository(db)
    contract = _draft(ctx, repo)
    awarded = repo.award(ctx, contract.id, JV)
    assert (awarded.contractor, awarded.status) == (JV, ContractStatus.ACTIVE)
    assert repo.get(contract.id) == awarded
    summary = _audit(db, "contracts", contract.id)[-1]["summary"]
    assert "contractor" in summary and "status" in summary


def test_only_a_registered_company_jv_or_cooperative_can_be_awarded(db, ctx):
    repo = ContractRepository(db)
    contract = _draft(ctx, repo)
    with pytest.raises(ValidationError):
        repo.award(ctx, contract.id, COMPANY)  # not in this file's organisations
    with pytest.raises(ValidationError):
        repo.award(ctx, contract.id, TOWN_A)  # a town is not a contractor
    OrganisationRepository(db).save(ctx, Organisation(COMPANY, OrgKind.COMPANY, "みどり建設株式会社"))
    assert repo.award(ctx, contract.id, COMPANY).contractor == COMPANY
