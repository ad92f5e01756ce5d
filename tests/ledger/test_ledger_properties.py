"""Robustness: random bytes, random CSV shapes and random cell values never crash the reader
and never leave partial data behind."""

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gunmane_desktop.core.catalogue import default_catalogue
from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.ledger.apply import apply_plan
from gunmane_desktop.ledger.errors import LedgerReadError
from gunmane_desktop.ledger.headers import FIELDS
from gunmane_desktop.ledger.normalise import (
    CellError,
    parse_bool,
    parse_coord,
    parse_date_cell,
    parse_grade,
    parse_number,
    parse_owner,
    parse_year_cell,
)
from gunmane_desktop.ledger.preview import plan_import
from gunmane_desktop.ledger.readers import read_file
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HEADERS = [f.header for f in FIELDS] + [a for f in FIELDS for a in f.aliases[:2]] + ["", "謎", "備考2"]
CELLS = st.one_of(
    st.sampled_from(["S45", "昭和45年", "不明", "-", "", "12.5m", "１，２００", "35°41′22″", "Ⅲ", "③", "4",
                     "R5", "2023-06-01", "○", "橋梁", "トンネル", "011002", "BR0-011002-00001", "x,y", '"q"',
                     "改行\nあり", "0", "-5", "1e308", "99999", "S99", "Ⅴ", "nan"]),
    st.text(max_size=12),
)


def fresh_db(folder: Path) -> Database:
    db = Database.create(folder / "town.sqlite")
    db.set_meta("site_org", "011002")
    OrganisationRepository(db).save(ChangeContext(db, "011002", "t", "test"),
                                    Organisation("011002", OrgKind.MUNICIPALITY, "札幌市"))
    return db


def counts(db):
    return [db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("assets", "inspections", "audit_log")]


@SETTINGS
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".xlsx", ".xls", ".tsv", ".dat"]))
def test_random_bytes_never_crash_the_reader(data, suffix):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"ledger{suffix}"
        path.write_bytes(data)
        try:
            sheets = read_file(path)
        except LedgerReadError as exc:
            assert str(path.name) in str(exc)
        else:
            assert all(isinstance(c, str) for s in sheets for row in s.rows for c in row)


@SETTINGS
@given(header=st.one_of(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
                       st.lists(st.sampled_from(HEADERS), max_size=6)
                       .map(lambda h: ["橋梁名", "路線名", *h])),
       rows=st.lists(st.one_of(st.lists(CELLS, max_size=10),
                               st.tuples(st.text(min_size=1, max_size=4), st.sampled_from(["道1", "道2", ""]),
                                         st.lists(CELLS, max_size=6)).map(lambda t: [t[0], t[1], *t[2]])),
                     max_size=12),
       encoding=st.sampled_from(["cp932", "utf-8", "utf-8-sig"]),
       newline=st.sampled_from(["\r\n", "\n"]))
def test_random_csv_shapes_import_whole_rows_or_nothing(header, rows, encoding, newline):
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=newline).writerows([header, *rows])
    try:
        data = buffer.getvalue().encode(encoding)
    except UnicodeEncodeError:
        data = buffer.getvalue().encode("utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "橋梁台帳.csv"
        path.write_bytes(data)
        db = fresh_db(Path(tmp))
        try:
            before = counts(db)
            try:
                plan = plan_import(db, path)
            except LedgerReadError:
                assert counts(db) == before
                return
            assert counts(db) == before  # a preview writes nothing
            c = plan.counts
            assert c["new"] + c["updated"] + c["unchanged"] == len(plan.rows)
            assert c["failed"] == len({(e.sheet, e.row) for e in plan.errors})
            result = apply_plan(db, plan, ChangeContext(db, "011002", "t", "test"), backup=False)
            # Exactly the planned rows went in: no failed row, no half-written row
            assert counts(db)[0] == before[0] + c["new"]
            assert counts(db)[1] == before[1] + result.inspections
            again = plan_import(db, path)
            assert again.counts["new"] == again.counts["updated"] == 0
        finally:
            db.close()


XLSX_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
    st.sampled_from(["S45", "不明", "Ⅲ(早期措置段階)", "35°41′22″", "12.5m", "R5", "橋梁", "=1+1"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=10),
)


@SETTINGS
@given(rows=st.lists(st.lists(XLSX_VALUES, min_size=6, max_size=6), max_size=10))
def test_random_xlsx_cell_values_import_whole_rows_or_nothing(rows):
    from openpyxl import Workbook

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "橋梁台帳.xlsx"
        book = Workbook()
        ws = book.active
        ws.append(["橋梁名", "路線名", "架設年", "橋長", "点検年度", "健全性"])
        for row in rows:
            ws.append(row)
        book.save(path)
        db = fresh_db(Path(tmp))
        try:
            before = counts(db)
            plan = plan_import(db, path)
            assert counts(db) == before
            result = apply_plan(db, plan, ChangeContext(db, "011002", "t", "test"), backup=False)
            assert counts(db)[0] == before[0] + plan.counts["new"]
            assert counts(db)[1] == before[1] + result.inspections
            assert plan_import(db, path).counts["new"] == 0
        finally:
            db.close()


SCALES = [s for s in default_catalogue().scales]


@SETTINGS
@given(text=st.one_of(st.text(max_size=20), CELLS), scale=st.sampled_from(SCALES))
def test_random_cell_values_give_a_value_or_a_cell_error(text, scale):
    for parser in (parse_number, parse_coord, parse_year_cell, parse_date_cell, parse_bool, parse_owner,
                   lambda t: parse_grade(t, scale, {"1": "I"})):
        try:
            parser(text)
        except CellError as exc:
            assert "(" in str(exc)  # Japanese with the English in brackets
