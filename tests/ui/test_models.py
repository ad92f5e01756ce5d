"""Every table model passes Qt's model tester; the register model stays lazy and bounded."""

import pytest

from gunmane_desktop.storage import asset_record as ar
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.ui.history_models import InspectionHistoryModel, MeasureTableModel
from gunmane_desktop.ui.register_model import AssetIdRole, GradeLevelRole, RegisterTableModel


@pytest.fixture
def model(region, qapp):
    m = RegisterTableModel(region.conn)
    m.set_filter(RegisterFilter())
    return m


def test_register_model_passes_the_model_tester(model, qtmodeltester):
    qtmodeltester.check(model, force_py=True)


def test_register_model_passes_the_model_tester_after_filter_and_sort(model, qtmodeltester):
    model.set_filter(RegisterFilter(org="155918", sector="road"))
    model.sort(rq.COL_NAME)
    qtmodeltester.check(model, force_py=True)


def test_history_and_measure_models_pass_the_model_tester(region, qapp, qtmodeltester):
    asset_id = region.conn.execute(
        "SELECT asset_id FROM measures GROUP BY asset_id ORDER BY count(*) DESC").fetchone()[0]
    history = InspectionHistoryModel()
    history.set_rows(ar.history(region.conn, asset_id))
    measures = MeasureTableModel()
    measures.set_rows(ar.measures(region.conn, asset_id))
    assert history.rowCount() and measures.rowCount()
    qtmodeltester.check(history, force_py=True)
    qtmodeltester.check(measures, force_py=True)


def test_rows_are_read_in_pages_and_the_cache_stays_bounded(model):
    model.MAX_CACHED_PAGES = 3
    assert model.pages_fetched == 0  # nothing read until a view asks
    for row in range(0, model.rowCount(), 50):
        model.index(row, 0).data()
    assert model.pages_fetched == -(-model.rowCount() // model.PAGE_SIZE)
    assert model.cached_pages == 3


def test_custom_roles_give_the_asset_id_and_grade_level(model, region):
    seq, asset_id = region.conn.execute(
        "SELECT a.seq, a.id FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
        "WHERE s.grade = 'IV' AND s.scale_id = 'soundness' AND a.status = 'in_service' "
        "LIMIT 1").fetchone()
    row = model.row_of_seq(seq)
    assert model.index(row, rq.COL_NAME).data(AssetIdRole) == asset_id
    assert model.index(row, rq.COL_GRADE).data(GradeLevelRole) == 3
