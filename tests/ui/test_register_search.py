"""On a large register the model keeps what speeds up filters and short searches (the live
assets, the search text in memory) only while the file is unchanged, reads the text when the
user starts typing, and answers as the plain query does."""

import dataclasses

from gunmane_desktop.core.models import AssetStatus
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.ui.register_model import RegisterTableModel
from gunmane_desktop.ui.register_page import RegisterPage


def _large_model(region, monkeypatch) -> RegisterTableModel:
    monkeypatch.setattr(RegisterTableModel, "WORKER_ABOVE", 0)  # the demo stands in
    model = RegisterTableModel(region.conn)
    model.set_filter(RegisterFilter())
    return model


def _shown(model: RegisterTableModel) -> list[int]:
    return [model.seq_at(r) for r in range(model.rowCount())]


def _apply(model: RegisterTableModel, flt: RegisterFilter) -> list[int]:
    model.set_filter(flt)
    assert model.wait()
    return _shown(model)


def test_a_short_search_waits_for_the_text_being_read_and_reads_it_once(region, qtbot,
                                                                        monkeypatch):
    model = _large_model(region, monkeypatch)
    # Given the user began typing (the text is being read on the worker)
    model.prepare_search()
    # When the search itself starts before the text is there
    flt = RegisterFilter(text="橋")
    model.set_filter(flt)
    assert model.busy
    # Then it is answered once the text is read, as the plain query answers it
    assert model.wait()
    assert _shown(model) == list(rq.filtered_seqs(region.conn, flt))
    kept = model.search_texts_bytes
    assert kept > 0
    # And the next short search uses the same text (nothing read again)
    assert _apply(model, RegisterFilter(text="町道 19")) == list(
        rq.filtered_seqs(region.conn, RegisterFilter(text="町道 19")))
    assert model.search_texts_bytes == kept


def test_after_an_edit_short_searches_and_filters_see_the_new_data(region, qtbot, monkeypatch):
    model = _large_model(region, monkeypatch)
    assert _apply(model, RegisterFilter(text="鯱")) == []
    assert model.search_texts_bytes > 0
    grade = RegisterFilter(grade="II", grade_scale="soundness")
    graded = _apply(model, grade)
    assert graded
    # When one asset is renamed and one of the graded ones is retired
    ctx = ChangeContext(region, region.site_org, "tanaka", "test")
    assets = AssetRepository(region)
    renamed, retired = assets.get_by_seq(graded[1]), assets.get_by_seq(graded[0])
    assets.update(ctx, dataclasses.replace(renamed, name="鯱橋"))
    assets.retire(ctx, retired.id, AssetStatus.RETIRED)
    # Then the model reads again what it kept: the new name is found, the retired one gone
    assert _apply(model, RegisterFilter(text="鯱")) == [
        region.conn.execute("SELECT seq FROM assets WHERE id = ?", (renamed.id,)).fetchone()[0]]
    assert _apply(model, grade) == [s for s in graded if s != graded[0]]


def test_typing_in_the_search_field_starts_reading_the_text(region, qtbot, monkeypatch):
    monkeypatch.setattr(RegisterTableModel, "WORKER_ABOVE", 0)
    page = RegisterPage(region.conn)
    qtbot.addWidget(page)
    page.load()
    assert page.model.search_texts_bytes == 0
    with qtbot.waitSignal(page.filter_bar.search_edited):
        qtbot.keyClicks(page.filter_bar.search_edit, "19")
    qtbot.waitUntil(lambda: page.model.search_texts_bytes > 0, timeout=10_000)
    qtbot.waitUntil(lambda: page.model.register_filter.text == "19" and not page.model.busy,
                    timeout=10_000)
    assert _shown(page.model) == list(rq.filtered_seqs(region.conn, RegisterFilter(text="19")))


def test_small_registers_keep_no_search_text(region, qtbot):
    model = RegisterTableModel(region.conn)
    model.set_filter(RegisterFilter())
    model.prepare_search()
    assert _apply(model, RegisterFilter(text="橋")) == list(
        rq.filtered_seqs(region.conn, RegisterFilter(text="橋")))
    assert model.search_texts_bytes == 0 and not model.busy


def test_the_search_text_is_let_go_while_another_page_is_shown(region, qtbot, monkeypatch):
    monkeypatch.setattr(RegisterTableModel, "WORKER_ABOVE", 0)
    page = RegisterPage(region.conn)
    qtbot.addWidget(page)
    page.show()
    page.load()
    page.filter_bar.select(text="橋")
    assert page.model.wait() and page.model.search_texts_bytes > 0
    # When the user goes to another page
    page.hide()
    # Then the memory is given back, and the next short search reads the text again
    assert page.model.search_texts_bytes == 0
    page.show()
    page.filter_bar.select(text="19")
    assert page.model.wait() and page.model.search_texts_bytes > 0
    assert _shown(page.model) == list(rq.filtered_seqs(region.conn, RegisterFilter(text="19")))


def test_a_shown_register_reads_the_text_before_the_first_keystroke(region, qtbot, monkeypatch):
    monkeypatch.setattr(RegisterTableModel, "WORKER_ABOVE", 0)
    page = RegisterPage(region.conn)
    qtbot.addWidget(page)
    # Given the register shown with its first rows
    page.show()
    page.load()
    # Then the text for short searches is read while the user looks, without any typing
    qtbot.waitUntil(lambda: page.model.search_texts_bytes > 0, timeout=10_000)
    # and again when the page comes back after another page was shown
    page.hide()
    assert page.model.search_texts_bytes == 0
    page.show()
    qtbot.waitUntil(lambda: page.model.search_texts_bytes > 0, timeout=10_000)
