"""The PDF plan report prints the user's choices kept in the file: a row set by hand is
marked 【変更】 in the appendix, with the amount the user set, and a decision is shown."""

import io
import shutil

from report_helpers import TODAY, flat_text, pdf_reader

from gunmane_desktop.reports import render_pdf
from gunmane_desktop.reports.plan_report import build_plan_report, run_plan
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.plan_decisions import PlanDecisionRepository, PlanOverride

START = 2027
TOWN = "155926"


def test_a_row_set_by_hand_is_marked_in_the_pdf(region_path, tmp_path):
    # Given a town's plan and one of its rows set by hand in the file
    path = tmp_path / "region.sqlite"
    shutil.copy(region_path, path)
    with Database.open(path, lock=False) as db:
        before = run_plan(db.conn, org=TOWN, fiscal_year=START, replications=2)
        row = next(r for r in before.plan_rows() if r["fiscal_year"] == START + 2)
        ctx = ChangeContext(db, TOWN, "staff", "test")
        PlanDecisionRepository(db).set_row(ctx, PlanOverride(row["asset_id"], START + 2, "replacement",
                                                             87_654_000))

        # When the report is made from the file
        result = run_plan(db.conn, org=TOWN, fiscal_year=START, replications=2)
        buf = io.BytesIO()
        render_pdf(build_plan_report(db.conn, result, today=TODAY), buf)

    # Then the appendix marks the row, prints the amount set, and says what the mark means
    text = flat_text(pdf_reader(buf.getvalue()))
    assert "【変更】" in text and "87,654" in text
    assert "手で変更した行です (1 件)" in text
