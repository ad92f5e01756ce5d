"""Contracts through the exchange: a lead (みどり県), two towns and a contractor.

A joint contract made by the lead reaches each orderer with only its own part; the
contractor gets the contract, its whole scope and the scope assets, records results under
delegations, and the lead relays each town the results for its own assets. Residents'
contact data stays in the town's file unless the sender asks for it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from sync_helpers import (
    CONTRACTOR,
    LEAD,
    TOWN_A,
    TOWN_B,
    ctx_of,
    exchange,
    file_digest,
    make_site,
    rebuild,
    row,
)

from gunmane_desktop import cli
from gunmane_desktop.core.contracts import Contract, ContractStatus, Orderer, PaymentForm, ShareMethod, Tender
from gunmane_desktop.core.models import Inspection
from gunmane_desktop.core.organisations import OrgKind
from gunmane_desktop.core.performance import (
    Kpi,
    Measurement,
    RequestCategory,
    ResidentContact,
    ResidentRequest,
    WorkOrder,
)
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.inspections import InspectionRepository
from gunmane_desktop.sync import export_package, import_package
from gunmane_desktop.sync.delegations import grant
from gunmane_desktop.sync.tables import table as sync_table

RESIDENT, PHONE, ADDRESS = "山田花子", "0299-12-3456", "亀屋市本町1-2-3"


@dataclass
class World:
    lead: Database
    a: Database
    b: Database
    c: Database
    contract: str
    kpi: str
    scope_a: list[str]
    scope_b: list[str]
    request: str
    order: str


def _assets(db: Database, owner: str, n: int) -> list[str]:
    return [r[0] for r in db.conn.execute("SELECT id FROM assets WHERE owner = ? ORDER BY id LIMIT ?",
                                          (owner, n))]


def _count(db: Database, table: str, where: str = "1", params: tuple = ()) -> int:
    return db.conn.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]


@pytest.fixture
def world(sites, tmp_path):
    """The lead's joint contract with both towns (3 of A's bridges, 2 of B's) for the
    contractor, a KPI, and a resident's request in town A with a work order to the contractor."""
    lead, a, b = sites["lead"], sites["a"], sites["b"]
    # Each town lets the contractor record inspections of its assets; town A also lets it
    # report its work orders complete; the lead lets it enter the contract's KPI values.
    for town in (a, b):
        grant(ctx_of(town), CONTRACTOR, "inspections", "橋梁点検業務")
        exchange(town, lead)
    grant(ctx_of(a), CONTRACTOR, "work_orders", "通報対応")
    exchange(a, lead)
    grant(ctx_of(lead), CONTRACTOR, "kpi_measurements", "性能指標の報告")
    scope_a, scope_b = _assets(lead, TOWN_A, 3), _assets(lead, TOWN_B, 2)
    ctx = ctx_of(lead)
    repo = ContractRepository(lead)
    contract = repo.add(ctx, Contract(
        ctx.new_id(), LEAD, "R8-橋点-1", "橋梁定期点検業務 (県・亀屋市・深森村 共同発注)",
        (Orderer(LEAD, 1, lead=True), Orderer(TOWN_A, 1), Orderer(TOWN_B, 1)), CONTRACTOR,
        dt.date(2026, 4, 1), dt.date(2027, 3, 31), amount_yen=30_000_000,
        payment_form=PaymentForm.UNIT_PRICE, share_method=ShareMethod.BY_ASSETS,
        status=ContractStatus.ACTIVE), scope_a + scope_b)
    repo.add_tender(ctx, Tender(ctx.new_id(), LEAD, contract.id, dt.date(2026, 2, 1), 31_000_000))
    kpi = repo.add_kpi(ctx, Kpi(ctx.new_id(), LEAD, contract.id, "点検の計画どおり実施率", "%", 95.0))
    exchange(lead, a)
    # Town A takes a resident's call about one of its bridges and orders the contractor.
    ctx_a = ctx_of(a)
    repo_a = ContractRepository(a)
    t0 = dt.datetime(2026, 6, 1, 9, 0)
    request = repo_a.add_request(ctx_a, ResidentRequest(
        ctx_a.new_id(), TOWN_A, t0, RequestCategory.POTHOLE, place="橋の取付部", asset_id=scope_a[0],
        contract_id=contract.id, description="段差があります"), ResidentContact("", RESIDENT, PHONE, ADDRESS))
    order = repo_a.add_work_order(ctx_a, WorkOrder(ctx_a.new_id(), TOWN_A, request.id, contract.id,
                                                   CONTRACTOR, t0 + dt.timedelta(hours=1)))
    exchange(a, lead)
    exchange(lead, b)
    c = make_site(tmp_path / "c.sqlite", CONTRACTOR, OrgKind.COMPANY, "みどり建設株式会社")
    exchange(c, lead)
    exchange(lead, c)
    yield World(lead, a, b, c, contract.id, kpi.id, scope_a, scope_b, request.id, order.id)
    c.close()


def test_a_joint_contract_reaches_each_town_with_only_its_part(world):
    lead, a, b = world.lead, world.a, world.b
    for town in (a, b):
        assert row(town, "contracts", world.contract) == row(lead, "contracts", world.contract)
        assert _count(town, "contract_orderers") == 3  # who orders with whom is the contract itself
        assert _count(town, "tenders") == _count(town, "kpis") == 1
    assert sorted(r[0] for r in a.conn.execute("SELECT asset_id FROM contract_scope")) == world.scope_a
    assert sorted(r[0] for r in b.conn.execute("SELECT asset_id FROM contract_scope")) == world.scope_b
    assert _count(lead, "contract_scope") == 5
    assert _count(a, "assets", "owner = ?", (TOWN_B,)) == _count(b, "assets", "owner = ?", (TOWN_A,)) == 0
    # town A's request and work order are A's business: B does not get them
    assert _count(b, "requests") == _count(b, "work_orders") == 0
    assert _count(lead, "requests") == _count(lead, "work_orders") == 1


def test_the_contractor_gets_the_contract_its_whole_scope_and_only_the_scope_assets(world):
    c = world.c
    assert row(c, "contracts", world.contract)["contractor"] == CONTRACTOR
    assert sorted(r[0] for r in c.conn.execute("SELECT asset_id FROM contract_scope")) == sorted(
        world.scope_a + world.scope_b)
    assert sorted(r[0] for r in c.conn.execute("SELECT id FROM assets")) == sorted(
        world.scope_a + world.scope_b)
    # with their inspection history, so the inspector sees the last result
    assert _count(c, "inspections") == _count(world.lead, "inspections", "asset_id IN (SELECT asset_id "
                                              "FROM contract_scope)") > 0
    assert row(c, "work_orders", world.order) and row(c, "requests", world.request)


def test_contractor_results_are_relayed_to_the_town_that_owns_each_asset(world):
    lead, a, b, c = world.lead, world.a, world.b, world.c
    ctx = ctx_of(c)
    inspections = InspectionRepository(c)
    on_a = inspections.add(ctx, Inspection(ctx.new_id(), TOWN_A, world.scope_a[1], dt.date(2026, 9, 1),
                                           "soundness", "III", inspector_org=CONTRACTOR,
                                           contract_id=world.contract))
    on_b = inspections.add(ctx, Inspection(ctx.new_id(), TOWN_B, world.scope_b[0], dt.date(2026, 9, 2),
                                           "soundness", "II", inspector_org=CONTRACTOR,
                                           contract_id=world.contract))
    repo = ContractRepository(c)
    repo.complete_work_order(ctx, world.order, dt.datetime(2026, 6, 1, 15, 0), "段差をすり付け補修")
    repo.record_measurement(ctx, Measurement(world.kpi, "2026", 100.0))
    at_lead = exchange(c, lead)
    assert at_lead.preview.rejections == []
    # (rows the contractor received from the lead come back as identical: harmless)
    assert at_lead.preview.by_table["inspections"]["new"] == 2
    assert at_lead.preview.by_table["work_orders"] == {"fast_forward": 1}
    assert at_lead.preview.by_table["kpi_measurements"] == {"new": 1}
    at_a, at_b = exchange(lead, a), exchange(lead, b)
    assert at_a.preview.rejections == at_b.preview.rejections == []
    assert row(a, "inspections", on_a.id)["contract_id"] == world.contract
    assert not row(a, "inspections", on_b.id) and not row(b, "inspections", on_a.id)
    assert row(b, "inspections", on_b.id)["grade"] == "II"
    assert row(a, "work_orders", world.order)["completed_at"] == "2026-06-01T15:00:00"
    # the KPI value belongs to the contract: every orderer sees it
    assert _count(a, "kpi_measurements") == _count(b, "kpi_measurements") == 1
    # and the town's register shows the contractor's result as the latest inspection
    latest = a.conn.execute("SELECT s.last_inspection_id FROM asset_status s JOIN assets x "
                            "ON x.seq = s.asset_seq WHERE x.id = ?", (world.scope_a[1],)).fetchone()[0]
    assert latest == on_a.id


def _personal_bytes(package: Path) -> bytes:
    with zipfile.ZipFile(package) as zf:
        return zf.read("package.sqlite") + zf.read("manifest.json")


def test_resident_contacts_never_leave_the_town_unless_asked(world, tmp_path, capsys):
    a, lead = world.a, world.lead
    export_package(a, tmp_path / "default.zip", to=LEAD, full=True)
    raw = _personal_bytes(tmp_path / "default.zip")
    for text in (RESIDENT, PHONE, ADDRESS):
        assert text.encode() not in raw
    with zipfile.ZipFile(tmp_path / "default.zip") as zf:
        zf.extract("package.sqlite", tmp_path / "default")
    with sqlite3.connect(tmp_path / "default" / "package.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM request_contacts").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM requests").fetchone()[0] == 1
    assert _count(lead, "request_contacts") == 0
    # explicitly asked (the lead runs the call-back): the contact goes, once
    export_package(a, tmp_path / "with.zip", to=LEAD, include_personal_data=True)
    assert PHONE.encode() in _personal_bytes(tmp_path / "with.zip")
    result = import_package(lead, tmp_path / "with.zip")
    assert result.preview.by_table["request_contacts"] == {"new": 1}
    assert ContractRepository(lead).contact(world.request).phone == PHONE
    audit = lead.conn.execute("SELECT summary, changes FROM audit_log WHERE table_name = 'request_contacts'"
                              ).fetchone()
    assert RESIDENT not in audit[0] + audit[1] and PHONE not in audit[0] + audit[1]
    # the same option on the command line warns
    a.close()
    assert cli.main(["sync", "export", str(a.path), str(tmp_path / "cli.zip"),
                     "--include-personal-data"]) == 0
    out = capsys.readouterr()
    assert "個人情報" in out.err and "personal data" in out.err
    assert PHONE.encode() in _personal_bytes(tmp_path / "cli.zip")


def test_contacts_sent_by_someone_who_may_not_send_the_request_are_rejected(world, tmp_path):
    lead, a = world.lead, world.a
    export_package(a, tmp_path / "real.zip", to=LEAD, full=True, include_personal_data=True)
    forged = rebuild(tmp_path / "real.zip", tmp_path / "forged.zip",
                     manifest=lambda m: m.update(sender=TOWN_B))
    result = import_package(lead, forged)
    assert result.preview.by_table["request_contacts"] == {"rejected": 1}
    assert any(r.table == "request_contacts" and "sender may not send" in r.reason
               for r in result.preview.rejections)
    assert _count(lead, "request_contacts") == 0


def _smuggle(site: Database, out: Path, table: str, row_id: str, tmp_path: Path) -> Path:
    """The site's package to the lead with one more row it had no right to send."""
    export_package(site, tmp_path / f"{out.stem}-real.zip", to=LEAD)

    def add(path):
        conn = sqlite3.connect(path)
        cols = ", ".join(sync_table(table).names)
        conn.execute("ATTACH DATABASE ? AS s", (str(site.path),))
        conn.execute(f"INSERT OR REPLACE INTO {table} ({cols}) SELECT {cols} FROM s.{table} WHERE id = ?",
                     (row_id,))
        conn.commit()
        conn.close()

    def count(m):
        m["counts"][table] = m["counts"].get(table, 0) + 1

    return rebuild(tmp_path / f"{out.stem}-real.zip", out, db=add, manifest=count)


def _edit(db: Database, table: str, row_id: str, column: str, value: object) -> None:
    with db.transaction() as conn:
        s = ctx_of(db).stamp(row(db, table, row_id)["vv"])
        conn.execute(f"UPDATE {table} SET {column} = ?, vv = ?, hlc = ?, modified_at = ?, modified_by = ? "
                     "WHERE id = ?", (value, s.vv, s.hlc, s.modified_at, s.modified_by, row_id))


def test_forged_contract_edits_are_rejected_row_by_row(world, tmp_path):
    lead, b, c = world.lead, world.b, world.c
    # an orderer that is not the contract's owner rewrites the amount: its export leaves the
    # row out, and a package with the row put in by hand is refused for that row
    _edit(b, "contracts", world.contract, "amount_yen", 1)
    before = row(lead, "contracts", world.contract)
    export_package(b, tmp_path / "honest.zip", to=LEAD)
    assert import_package(lead, tmp_path / "honest.zip").preview.by_table["contracts"] == {}
    result = import_package(lead, _smuggle(b, tmp_path / "b.zip", "contracts", world.contract, tmp_path))
    assert [(r.table, r.id) for r in result.preview.rejections] == [("contracts", world.contract)]
    assert "sender may not send" in result.preview.rejections[0].reason
    assert row(lead, "contracts", world.contract) == before
    # the contractor may enter KPI values but not change the KPI's target
    _edit(c, "kpis", world.kpi, "target", 50.0)
    ContractRepository(c).record_measurement(ctx_of(c), Measurement(world.kpi, "2026", 97.0))
    result = import_package(lead, _smuggle(c, tmp_path / "c.zip", "kpis", world.kpi, tmp_path))
    assert [(r.table, r.id) for r in result.preview.rejections] == [("kpis", world.kpi)]
    assert result.preview.by_table["kpi_measurements"] == {"new": 1}
    assert row(lead, "kpis", world.kpi)["target"] == 95.0
    # a lead relaying an edit the contractor made without a delegation is refused by the town
    with lead.transaction() as conn:
        conn.execute("UPDATE kpis SET target = 50, vv = ?, hlc = ? WHERE id = ?",
                     (row(c, "kpis", world.kpi)["vv"], row(c, "kpis", world.kpi)["hlc"], world.kpi))
    at_a = exchange(lead, world.a)
    assert [(r.table, r.id) for r in at_a.preview.rejections] == [("kpis", world.kpi)]
    assert "without a delegation" in at_a.preview.rejections[0].reason
    assert row(world.a, "kpis", world.kpi)["target"] == 95.0


def test_a_reimported_contract_package_writes_nothing(world, tmp_path):
    lead, a = world.lead, world.a
    ContractRepository(lead).add_scope(ctx_of(lead), world.contract, _assets(lead, TOWN_A, 4)[3:])
    export_package(lead, tmp_path / "scope.zip", to=TOWN_A)
    first = import_package(a, tmp_path / "scope.zip")
    assert first.applied and first.preview.by_table["contract_scope"] == {"new": 1}
    before = file_digest(a.path)
    again = import_package(a, tmp_path / "scope.zip")
    assert not again.applied and again.preview.totals()["new"] == again.preview.totals()["updated"] == 0
    assert file_digest(a.path) == before


def test_a_town_made_an_orderer_later_gets_the_contracts_older_rows(world, tmp_path):
    """Incremental packages skip rows the town acknowledged by clock; a contract that only
    now came into its view must still arrive whole."""
    lead, b = world.lead, world.b
    ctx = ctx_of(lead)
    repo = ContractRepository(lead)
    late = repo.add(ctx, Contract(
        ctx.new_id(), LEAD, "R8-舗装-1", "舗装補修業務 (県単独)", (Orderer(LEAD, 1, lead=True),), CONTRACTOR,
        dt.date(2026, 4, 1), dt.date(2027, 3, 31), status=ContractStatus.ACTIVE),
        _assets(lead, TOWN_B, 3)[2:])
    repo.add_kpi(ctx, Kpi(ctx.new_id(), LEAD, late.id, "補修完了率", "%", 90.0))
    exchange(lead, b)
    assert not row(b, "contracts", late.id)  # not B's contract (yet)
    exchange(b, lead)  # B acknowledges everything up to now
    with lead.transaction() as conn:  # the lead adds B as an orderer (a new row of its own)
        s = ctx.stamp()
        conn.execute("INSERT INTO contract_orderers (id, owner, vv, hlc, modified_at, modified_by, "
                     "contract_id, org, ratio, lead) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 0)",
                     (ctx.new_id(), LEAD, s.vv, s.hlc, s.modified_at, s.modified_by, late.id, TOWN_B))
    result = exchange(lead, b)
    assert result.preview.rejections == []
    assert row(b, "contracts", late.id) and _count(b, "kpis", "contract_id = ?", (late.id,)) == 1
    assert _count(b, "contract_scope", "contract_id = ?", (late.id,)) == 1


def test_the_contract_an_inspection_was_made_under_cannot_be_rewritten(tmp_path):
    path = tmp_path / "v4.sqlite"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schema_v4.sqlite", path)
    Database.open(path).close()  # upgraded to the latest schema
    conn = sqlite3.connect(path)
    try:
        made_under = conn.execute("SELECT count(*) FROM inspections WHERE contract_id IS NOT NULL")
        assert made_under.fetchone()[0] == 1
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE inspections SET contract_id = NULL")
    finally:
        conn.close()
