"""The composition root: a file that cannot be opened gets a clear message, not a traceback."""

import pytest

from gunmane_desktop.storage.database import Database
from gunmane_desktop.ui import app as app_module
from gunmane_desktop.ui.app import open_database, open_window


@pytest.fixture
def shown_errors(monkeypatch):
    shown = []
    monkeypatch.setattr(app_module, "show_error",
                        lambda parent, title, message: shown.append((title, message)))
    return shown


def test_a_file_that_is_not_ours_is_refused_with_its_reason(tmp_path, qapp, shown_errors,
                                                            japanese):
    path = tmp_path / "メモ.txt"
    path.write_text("これはデータベースではありません", encoding="utf-8")
    assert open_database(path) is None
    [(title, message)] = shown_errors
    assert title == "ファイルを開けません"
    assert "メモ.txt" in message and "SQLite データベースではありません" in message
    assert "Traceback" not in message


def test_a_missing_file_is_named_in_the_message(tmp_path, qapp, shown_errors):
    assert open_database(tmp_path / "ない.sqlite") is None
    assert "ない.sqlite" in shown_errors[0][1]


def test_a_file_open_in_another_window_is_refused(region, qapp, shown_errors):
    assert open_database(region.path) is None
    assert "別の群マネ Desktop で開かれています" in shown_errors[0][1]


def test_the_window_gets_everything_it_needs_from_the_context(region, settings, qtbot):
    window = open_window(region, settings, "en")
    qtbot.addWidget(window)
    assert window.register_page.model.rowCount() > 0
    window.close()
    assert settings.value("window/geometry") is not None


def test_the_window_is_kept_out_of_the_cyclic_collector(region, settings, qtbot):
    import gc

    first = open_window(region, settings, "en")
    qtbot.addWidget(first)
    frozen = gc.get_freeze_count()
    assert frozen > 10_000  # the window, its pages and the modules: not walked by every collection
    # A second window (e.g. a new text size) first unfreezes what the first one left
    gc.freeze()
    before_second = gc.get_freeze_count()
    second = open_window(region, settings, "en")
    qtbot.addWidget(second)
    assert 0 < gc.get_freeze_count() < before_second + frozen
    gc.unfreeze()  # the other tests run as before


def test_a_new_empty_file_opens_with_an_empty_register(tmp_path, settings, qtbot):
    db = Database.create(tmp_path / "new.sqlite")
    try:
        window = open_window(db, settings, "en")
        qtbot.addWidget(window)
        assert window.register_page.model.rowCount() == 0
        assert window.count_label.text() == "0 of 0 assets"
        window.register_page.detail.show_asset(None)
    finally:
        db.close()


def test_settings_travel_with_the_data_folder_outside_user_mode(tmp_path, monkeypatch, qapp):
    from gunmane_desktop.ui.app import user_settings

    monkeypatch.setenv("GUNMANE_DATA_DIR", str(tmp_path / "stick"))
    settings = user_settings()
    settings.setValue("ui/language", "en")
    settings.sync()
    assert (tmp_path / "stick" / "settings.ini").exists()
