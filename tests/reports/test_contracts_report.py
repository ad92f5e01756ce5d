"""契約・KPI on the demo region's contracts: amounts, shares, tenders, KPIs, response times,
counted here from the tables themselves, and no resident's name or phone on paper."""

import datetime as dt
import io
import json

import pytest
from report_helpers import (
    TODAY,
    assert_a4,
    assert_fonts_embedded_subsets,
    flat_text,
    has_sequence,
    page_lines,
    pdf_reader,
)

from gunmane_desktop.core.contracts import Orderer, ShareMethod, cost_shares
from gunmane_desktop.reports import render_pdf
from gunmane_desktop.reports.contracts_report import build_contracts_report

BRIDGES = "R9-道路-橋点-1"
ROAD = "R8-包括-1"


def _pdf(report):
    buf = io.BytesIO()
    render_pdf(report, buf)
    return pdf_reader(buf.getvalue())


@pytest.fixture(scope="module")
def reader(db):
    return _pdf(build_contracts_report(db.conn, today=TODAY))


@pytest.fixture(scope="module")
def lines(reader):
    return [ln for page in page_lines(reader) for ln in page]


def test_contract_amounts_and_total(db, reader, lines):
    amounts = dict(db.conn.execute("SELECT number, amount_yen FROM contracts WHERE deleted = 0"))
    assert set(amounts) == {BRIDGES, ROAD}
    for number, amount in amounts.items():
        assert number in lines
        assert f"{amount:,}" in lines
    assert has_sequence(lines, ["計", f"{sum(amounts.values()):,}"])
    assert_a4(reader)
    assert_fonts_embedded_subsets(reader)


def test_shares_by_scope_assets_add_up_to_the_amount(db, lines):
    # The bridge contract is shared by the number of scope bridges each orderer owns
    (cid, amount), = db.conn.execute("SELECT id, amount_yen FROM contracts WHERE number = ?", (BRIDGES,))
    counts = dict(db.conn.execute(
        "SELECT a.owner, count(*) FROM contract_scope s JOIN assets a ON a.id = s.asset_id "
        "WHERE s.contract_id = ? AND s.deleted = 0 GROUP BY a.owner", (cid,)))
    shares = cost_shares(amount, [Orderer(o) for o in counts], ShareMethod.BY_ASSETS, counts)
    per_year = cost_shares(75_000_000, [Orderer(o) for o in counts], ShareMethod.BY_ASSETS, counts)
    assert sum(shares.values()) == amount
    names = dict(db.conn.execute("SELECT code, name FROM organisations"))
    for owner, n in counts.items():
        lead = ["○"] if owner == "150002" else []
        assert has_sequence(lines, [names[owner], *lead, f"{n} 件", f"{per_year[owner]:,}",
                                    f"{per_year[owner]:,}", f"{shares[owner]:,}"]), owner
    assert has_sequence(lines, ["計", "75,000,000", "75,000,000", f"{amount:,}"])
    assert has_sequence(lines, ["計", *(["148,000,000"] * 5), "740,000,000"])


def test_failed_tender_rate_per_fiscal_year(db, lines):
    # Counted here: notices from April to March are one fiscal year; no_bid/over_ceiling failed
    per = {}
    for notice, result in db.conn.execute("SELECT notice_on, result FROM tenders WHERE deleted = 0"):
        day = dt.date.fromisoformat(notice)
        fy = day.year if day.month >= 4 else day.year - 1
        n, failed = per.get(fy, (0, 0))
        per[fy] = (n + 1, failed + (result in ("no_bid", "over_ceiling")))
    assert per == {2025: (2, 1), 2026: (1, 0)}
    assert has_sequence(lines, ["R7 (2025)", "2", "1", "50.0%"])
    assert has_sequence(lines, ["R8 (2026)", "1", "0", "0.0%"])
    assert "1 / 3 回" in lines and "率 33.3%" in lines  # the key figure: 不調・不落 of all rounds


def test_kpi_compliance_counts(db, lines):
    # Counted here from the measurements and the targets
    rows = db.conn.execute(
        "SELECT c.number, k.name, k.target, k.direction, m.value FROM kpi_measurements m "
        "JOIN kpis k ON k.id = m.kpi_id JOIN contracts c ON c.id = k.contract_id "
        "WHERE m.deleted = 0").fetchall()
    tally = {}
    for number, name, target, direction, value in rows:
        met = value >= target if direction == "at_least" else value <= target
        ok, missed = tally.get((number, name), (0, 0))
        tally[(number, name)] = (ok + met, missed + (not met))
    assert tally[(ROAD, "道路巡回 (月あたり)")] == (6, 1)
    for (number, name), (ok, missed) in tally.items():
        assert has_sequence(lines, [number, name]), name
        i = next(i for i in range(len(lines) - 1) if lines[i:i + 2] == [number, name])
        assert lines[i + 3:i + 6] == [f"{ok:,}", f"{missed:,}", f"{ok + missed:,}"], name
    total_ok = sum(ok for ok, _m in tally.values())
    assert has_sequence(lines, [f"{total_ok} / {len(rows)}"])


def test_response_within_24_hours_counted_from_work_orders(db, lines):
    # Hours from receipt to the last completion per request; open ones past 24 h count as missed
    as_of = dt.datetime.combine(TODAY, dt.time.min)
    within = judged = 0
    for received, done, still_open in db.conn.execute(
            "SELECT r.received_at, max(w.completed_at), sum(w.completed_at IS NULL) FROM requests r "
            "JOIN work_orders w ON w.request_id = r.id WHERE r.deleted = 0 GROUP BY r.id"):
        start = dt.datetime.fromisoformat(received)
        if still_open:
            judged += (as_of - start).total_seconds() > 24 * 3600
            continue
        judged += 1
        within += (dt.datetime.fromisoformat(done) - start).total_seconds() <= 24 * 3600
    assert judged == 60
    assert has_sequence(lines, ["全体", "60"])
    assert f"{within:,} / {judged:,}" in lines
    assert f"{100 * within / judged:.1f}%" in lines


def test_no_resident_personal_data(db, reader):
    text = flat_text(reader)
    contacts = db.conn.execute("SELECT name, phone, address FROM request_contacts").fetchall()
    assert len(contacts) == 60
    for name, phone, address in contacts:
        assert name not in text
        assert phone not in text and phone.replace("-", "") not in text.replace("-", "")
        if address:
            assert address not in text
    # Nor the free text of the reports (a resident may write anything there)
    for (description,) in db.conn.execute("SELECT DISTINCT description FROM requests"):
        assert description not in text


def test_organisation_sees_only_the_contracts_it_orders(db):
    reader = _pdf(build_contracts_report(db.conn, org="152986", today=TODAY))  # 若葉市
    lines = [ln for page in page_lines(reader) for ln in page]
    assert BRIDGES in lines and ROAD not in lines
    orderers = json.dumps([r[0] for r in db.conn.execute(
        "SELECT o.org FROM contract_orderers o JOIN contracts c ON c.id = o.contract_id "
        "WHERE c.number = ?", (ROAD,))])
    assert "152986" not in orderers
