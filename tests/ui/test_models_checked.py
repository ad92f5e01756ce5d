"""Every item model of the window passes qtmodeltester, on the demo region with its rows in.

Each model also has a test beside its screen; this file catches the ones nobody checked
with real rows (the bundling assistant's lots), and fails when a new model class appears
in gunmane_desktop/ui without a model-tester check anywhere under tests/ui.
"""

import importlib
import inspect
import pkgutil
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel

import gunmane_desktop.ui as ui_package
from gunmane_desktop.ui.contract_bundling import BundlingPanel
from gunmane_desktop.ui.row_list_model import RowListModel

TESTS = Path(__file__).resolve().parent

# Models that live in dialogs or wizards rather than in the window's pages, and the test
# file that runs the model tester on them.
CHECKED_BESIDE_THEIR_SCREEN = {
    "BackupListModel": "test_backup_dialog.py",
    "MappingModel": "test_ledger_wizard.py",
    "ImportErrorModel": "test_ledger_wizard.py",
}
ABSTRACT = {RowListModel}  # the base of most models, never shown itself


def _model_classes() -> set[type]:
    """Every QAbstractItemModel subclass defined in gunmane_desktop.ui."""
    found = set()
    for info in pkgutil.iter_modules(ui_package.__path__):
        module = importlib.import_module(f"gunmane_desktop.ui.{info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QAbstractItemModel) and cls.__module__ == module.__name__:
                found.add(cls)
    return found - ABSTRACT


def _our_models(widget) -> list[QAbstractItemModel]:
    return [m for m in widget.findChildren(QAbstractItemModel)
            if type(m).__module__.startswith("gunmane_desktop.ui.")]


def test_every_model_of_every_page_passes_the_model_tester(window, qtbot, qtmodeltester):
    # Given the window on the demo region with every page shown once (lazy pages read then)
    for page in range(window.pages.count()):
        window.show_page(page)
        qtbot.wait(10)
    qtbot.waitUntil(lambda: not window.busy, timeout=20_000)
    models = _our_models(window)
    # Then the register, the urgent list and the measures have rows to be checked with
    by_class = {}
    for model in models:
        by_class.setdefault(type(model).__name__, []).append(model)
    for name in ("RegisterTableModel", "UrgentItemsModel", "WaitingAssetsModel", "MeasureListModel"):
        assert sum(m.rowCount() for m in by_class[name]) > 0, name
    # and every one of them passes the model tester
    for model in models:
        qtmodeltester.check(model, force_py=True)


def test_the_bundling_assistants_lots_pass_the_model_tester(region, qtbot, qtmodeltester):
    # Given the bundling assistant on the demo region, When it proposes lots for FY2027
    panel = BundlingPanel(region)
    qtbot.addWidget(panel)
    panel.year_spin.setValue(2027)
    with qtbot.waitSignal(panel.proposal_made, timeout=30_000):
        panel.run_button.click()
    # Then the lots and the per-town baseline have rows, and both models pass
    assert panel.lot_model.rowCount() >= 2 and panel.baseline_model.rowCount() >= 1
    qtmodeltester.check(panel.lot_model, force_py=True)
    qtmodeltester.check(panel.baseline_model, force_py=True)
    panel.select_lot(panel.lot_model.row_data(1).number)
    qtmodeltester.check(panel.lot_model, force_py=True)


def test_no_model_class_is_left_without_a_model_tester_check(window):
    in_window = {type(m) for m in _our_models(window)}
    classes = _model_classes()
    assert in_window <= classes  # the scan finds the window's models
    # a class counts as checked when it, or a subclass built on it, is in the window
    covered = {c for c in classes if any(issubclass(w, c) for w in in_window)}
    unchecked = {c.__name__ for c in classes - covered} - set(CHECKED_BESIDE_THEIR_SCREEN)
    assert not unchecked, f"add a qtmodeltester check for {sorted(unchecked)} (here or beside its screen)"
    for name, test_file in CHECKED_BESIDE_THEIR_SCREEN.items():
        text = (TESTS / test_file).read_text(encoding="utf-8")
        assert name in text and "qtmodeltester.check(" in text, (name, test_file)
