"""On a large register, filters and sorts run on a worker: the window stays responsive, the
answer matches the same query on the GUI thread, only the newest request is applied, and
the selected asset stays selected."""

from PySide6.QtCore import QItemSelectionModel, Qt

from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.ui.register_model import RegisterTableModel


def _large_model(region, monkeypatch) -> RegisterTableModel:
    # The demo region stands in for a large one: the threshold, not the data, decides.
    monkeypatch.setattr(RegisterTableModel, "WORKER_ABOVE", 0)
    model = RegisterTableModel(region.conn)
    assert model.uses_worker
    model.set_filter(RegisterFilter())  # the first query: on the GUI thread, done at once
    assert not model.busy and model.rowCount() > 0
    return model


def test_small_registers_stay_on_the_gui_thread(region, qapp):
    model = RegisterTableModel(region.conn)
    model.set_filter(RegisterFilter(asset_type="bridge"))
    assert not model.uses_worker and not model.busy
    assert model.rowCount() == len(rq.filtered_seqs(region.conn,
                                                    RegisterFilter(asset_type="bridge")))


def test_a_filter_on_a_large_register_is_answered_by_the_worker(region, qtbot, monkeypatch,
                                                                 qtmodeltester):
    model = _large_model(region, monkeypatch)
    before = model.rowCount()
    flt = RegisterFilter(asset_type="bridge", text="橋")
    with qtbot.waitSignal(model.query_finished, timeout=10_000) as finished:
        model.set_filter(flt)
        assert model.busy
        assert model.rowCount() == before  # the old rows stay until the answer comes
    expected = rq.filtered_seqs(region.conn, flt)
    assert finished.args == [len(expected)]
    assert [model.seq_at(r) for r in range(model.rowCount())] == list(expected)
    assert not model.busy
    qtmodeltester.check(model, force_py=True)


def test_only_the_newest_of_quick_successive_requests_is_applied(region, qtbot, monkeypatch):
    model = _large_model(region, monkeypatch)
    counts = []
    model.query_finished.connect(counts.append)
    for text in ("橋", "大橋", "町道", "存在しない"):  # typing faster than the queries end
        model.set_filter(RegisterFilter(text=text))
    model.sort(rq.COL_NAME, Qt.SortOrder.DescendingOrder)
    assert model.wait()
    qtbot.wait(50)  # any late answer of an older request would arrive now
    assert counts == [0]
    assert model.rowCount() == 0


def test_a_sort_on_the_worker_keeps_the_selected_asset_selected(region, qtbot, monkeypatch):
    from PySide6.QtWidgets import QTableView

    model = _large_model(region, monkeypatch)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    row = model.rowCount() // 3
    seq = model.seq_at(row)
    view.selectionModel().setCurrentIndex(
        model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    with qtbot.waitSignal(model.query_finished, timeout=10_000):
        model.sort(rq.COL_NAME, Qt.SortOrder.DescendingOrder)
    expected = rq.filtered_seqs(region.conn, RegisterFilter(), rq.COL_NAME, True)
    assert [model.seq_at(r) for r in range(model.rowCount())] == list(expected)
    current = view.currentIndex()
    assert current.isValid() and model.seq_at(current.row()) == seq
    assert view.selectionModel().isRowSelected(current.row())
