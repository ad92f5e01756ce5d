"""The register's filter bar: organisation, sector/type, grade, free text, retired assets.

It turns what the user picks into a ``RegisterFilter`` and says so with ``filter_changed``;
typing in the search field waits for a short pause first so each key press does not query
500,000 rows. Filters a user needs again (e.g. "Ⅲ判定の橋梁・みどり町") can be saved under a
name; they live as JSON in the settings, so they survive a restart of the program.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..storage import register_query as rq
from ..storage.register_query import NOT_INSPECTED, RegisterFilter
from .catalogue_names import DEFAULT_LANGUAGE, grade_text, localised

SEARCH_DELAY_MS = 250
SAVED_FILTERS_KEY = "register/saved_filters"


def filter_to_json(flt: RegisterFilter) -> dict[str, object]:
    return dataclasses.asdict(flt)


def filter_from_json(data: dict[str, object]) -> RegisterFilter:
    """A saved filter; keys a later version added or dropped are ignored."""
    names = {f.name for f in dataclasses.fields(RegisterFilter)}
    return RegisterFilter(**{k: v for k, v in data.items() if k in names})


class FilterBar(QWidget):
    """Combo boxes and a search field above the register table."""

    filter_changed = Signal(object)
    """The user changed the filter; carries the new RegisterFilter."""
    search_edited = Signal()
    """The user typed in the search field; the search follows after the typing pause."""

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None, *,
                 settings: QSettings | None = None, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._settings = settings
        self._language = language
        self._types = rq.asset_types(conn)
        self._grades = rq.grades(conn)

        self.org_combo = QComboBox()
        self.org_combo.addItem(self.tr("All owners"), None)
        for code, name in rq.organisations(conn):
            self.org_combo.addItem(name, code)
        self.org_combo.setToolTip(self.tr("Owner (管理者)"))

        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("All types"), None)
        bold = QFont(self.type_combo.font())
        bold.setBold(True)
        sector = None
        for t in self._types:
            if t.sector_id != sector:
                sector = t.sector_id
                sector_name = localised(t.sector_ja, t.sector_en, language)
                self.type_combo.addItem(self.tr("%1 (all)").replace("%1", sector_name),
                                        f"sector:{t.sector_id}")
                self.type_combo.setItemData(self.type_combo.count() - 1, bold,
                                            Qt.ItemDataRole.FontRole)
            self.type_combo.addItem(localised(t.name_ja, t.name_en, language), f"type:{t.id}")
        self.type_combo.setMaxVisibleItems(20)

        self.grade_combo = QComboBox()
        self.grade_combo.setMaxVisibleItems(24)
        self._fill_grades(None)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search name, route, ID, location"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)

        self.retired_check = QCheckBox(self.tr("Include retired"))

        self.saved_combo = QComboBox()
        self.saved_combo.setToolTip(self.tr("Apply a saved filter"))
        self.saved_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.saved_combo.setMinimumContentsLength(10)
        self.save_filter_button = QPushButton(self.tr("Save filter…"))
        self.save_filter_button.setToolTip(self.tr("Keep the present filter under a name"))
        self.delete_filter_button = QPushButton(self.tr("Delete"))
        self.delete_filter_button.setToolTip(self.tr("Delete the chosen saved filter"))
        self._fill_saved(None)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)

        for combo in (self.org_combo, self.type_combo, self.grade_combo):
            # Narrow when closed (long scale names would widen the window); the list that
            # opens is as wide as its longest entry.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(9)
            combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        choices = QHBoxLayout()
        for label, widget in ((self.tr("Owner"), self.org_combo),
                              (self.tr("Type"), self.type_combo),
                              (self.tr("Grade"), self.grade_combo)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            choices.addWidget(caption)
            choices.addWidget(widget, 1)
        layout.addLayout(choices, 0, 0, 1, 2)
        layout.addWidget(self.search_edit, 1, 0)
        layout.addWidget(self.retired_check, 1, 1)
        saved = QHBoxLayout()
        saved.addWidget(self.saved_combo, 1)
        saved.addWidget(self.save_filter_button)
        saved.addWidget(self.delete_filter_button)
        layout.addLayout(saved, 2, 0, 1, 2)
        for widget in (self.saved_combo, self.save_filter_button, self.delete_filter_button):
            widget.setVisible(settings is not None)  # no settings, nowhere to keep them

        self.org_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.type_combo.currentIndexChanged.connect(self._on_type_changed)
        self.grade_combo.currentIndexChanged.connect(self._on_choice_changed)
        self.retired_check.toggled.connect(self._on_choice_changed)
        self.search_edit.textChanged.connect(self._on_search_edited)
        self.search_edit.returnPressed.connect(self._on_search_timeout)
        self._search_timer.timeout.connect(self._on_search_timeout)
        self.saved_combo.activated.connect(self._on_saved_activated)
        self.save_filter_button.clicked.connect(self._on_save_filter_clicked)
        self.delete_filter_button.clicked.connect(self._on_delete_filter_clicked)
        self.filter_changed.connect(self._on_own_filter_changed)

    # -- the filter ---------------------------------------------------------------------
    def current_filter(self) -> RegisterFilter:
        sector = asset_type = grade = scale = None
        kind, _, value = (self.type_combo.currentData() or "").partition(":")
        if kind == "sector":
            sector = value
        elif kind == "type":
            asset_type = value
        choice = self.grade_combo.currentData()
        if choice == NOT_INSPECTED:
            grade = NOT_INSPECTED
        elif choice:
            scale, _, grade = choice.partition(":")
        return RegisterFilter(org=self.org_combo.currentData(), sector=sector,
                              asset_type=asset_type, grade=grade, grade_scale=scale,
                              text=self.search_edit.text().strip(),
                              include_retired=self.retired_check.isChecked())

    def select(self, *, org: str | None = None, sector: str | None = None,
               asset_type: str | None = None, grade: str | None = None,
               grade_scale: str | None = None, text: str | None = None) -> None:
        """Pick entries as a user would; the filter follows at once.

        ``grade`` is a grade code (with its ``grade_scale``) or NOT_INSPECTED.
        """
        if org is not None:
            self.org_combo.setCurrentIndex(self.org_combo.findData(org))
        if sector is not None:
            self.type_combo.setCurrentIndex(self.type_combo.findData(f"sector:{sector}"))
        if asset_type is not None:
            self.type_combo.setCurrentIndex(self.type_combo.findData(f"type:{asset_type}"))
        if grade is not None:
            key = grade if grade == NOT_INSPECTED else f"{grade_scale}:{grade}"
            self.grade_combo.setCurrentIndex(self.grade_combo.findData(key))
        if text is not None:
            self.search_edit.setText(text)
            self._on_search_timeout()

    def apply(self, flt: RegisterFilter) -> None:
        """Show exactly ``flt`` (fields it leaves at "all" are reset) and emit it once."""
        widgets = (self.org_combo, self.type_combo, self.grade_combo, self.search_edit,
                   self.retired_check)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(flt.org)))
            type_key = (f"type:{flt.asset_type}" if flt.asset_type
                        else f"sector:{flt.sector}" if flt.sector else None)
            self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(type_key)))
            self._fill_grades_for_type()
            key = (flt.grade if flt.grade in (None, NOT_INSPECTED)
                   else f"{flt.grade_scale}:{flt.grade}")
            self.grade_combo.setCurrentIndex(max(0, self.grade_combo.findData(key)))
            self.search_edit.setText(flt.text)
            self.retired_check.setChecked(flt.include_retired)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._search_timer.stop()
        self.filter_changed.emit(self.current_filter())

    # -- saved filters ------------------------------------------------------------------
    def saved_filters(self) -> dict[str, RegisterFilter]:
        """The filters saved under a name, in the order they were saved."""
        if self._settings is None:
            return {}
        raw = self._settings.value(SAVED_FILTERS_KEY, "")
        try:
            data = json.loads(raw) if isinstance(raw, str) and raw else {}
            return {str(name): filter_from_json(value) for name, value in data.items()}
        except (ValueError, TypeError, AttributeError):
            return {}  # a hand-edited settings file: start again rather than fail

    def save_filter(self, name: str) -> None:
        """Keep the present filter under ``name`` (replacing one of that name)."""
        name = name.strip()
        if self._settings is None or not name:
            return
        saved = self.saved_filters()
        saved[name] = self.current_filter()
        self._store(saved)
        self._fill_saved(name)

    def delete_saved_filter(self, name: str) -> None:
        saved = self.saved_filters()
        if saved.pop(name, None) is not None:
            self._store(saved)
        self._fill_saved(None)

    def apply_saved_filter(self, name: str) -> None:
        """Show the filter saved as ``name``, as choosing it in the list does."""
        flt = self.saved_filters().get(name)
        if flt is None:
            return
        self._fill_saved(name)
        self.apply(flt)

    def _store(self, saved: dict[str, RegisterFilter]) -> None:
        if self._settings is None:
            return
        self._settings.setValue(SAVED_FILTERS_KEY, json.dumps(
            {name: filter_to_json(flt) for name, flt in saved.items()}, ensure_ascii=False))
        self._settings.sync()

    def _fill_saved(self, chosen: str | None) -> None:
        saved = self.saved_filters()
        self.saved_combo.blockSignals(True)
        self.saved_combo.clear()
        self.saved_combo.addItem(self.tr("Saved filters (%n)", "", len(saved)), None)
        for name in saved:
            self.saved_combo.addItem(name, name)
        self.saved_combo.setCurrentIndex(max(0, self.saved_combo.findData(chosen)))
        self.saved_combo.blockSignals(False)
        self.saved_combo.setEnabled(bool(saved))
        self.delete_filter_button.setEnabled(self.saved_combo.currentData() is not None)

    def _fill_grades_for_type(self) -> None:
        """Offer the grades of the chosen type's or sector's scales (all when none)."""
        kind, _, value = (self.type_combo.currentData() or "").partition(":")
        if kind == "sector":
            scales: set[str] | None = {t.scale_id for t in self._types if t.sector_id == value}
        elif kind == "type":
            scales = {t.scale_id for t in self._types if t.id == value}
        else:
            scales = None
        self._fill_grades(scales)

    def _fill_grades(self, scales: set[str] | None) -> None:
        previous = self.grade_combo.currentData()
        self.grade_combo.blockSignals(True)
        self.grade_combo.clear()
        self.grade_combo.addItem(self.tr("All grades"), None)
        self.grade_combo.addItem(self.tr("Not inspected yet"), NOT_INSPECTED)
        shown = [g for g in self._grades if scales is None or g.scale_id in scales]
        # With several scales the same symbol means different things (健全性 Ⅰ is sound,
        # 下水道 緊急度 Ⅰ is severe), so each entry then names its scale.
        several = len({g.scale_id for g in shown}) > 1
        for g in shown:
            label = grade_text(g.symbol, g.label_ja, g.label_en, self._language)
            if several:
                label = f"{localised(g.scale_ja, g.scale_en, self._language)}: {label}"
            self.grade_combo.addItem(label, f"{g.scale_id}:{g.code}")
        index = self.grade_combo.findData(previous) if previous is not None else 0
        self.grade_combo.setCurrentIndex(max(index, 0))
        self.grade_combo.blockSignals(False)

    # -- slots --------------------------------------------------------------------------
    def _on_type_changed(self, _index: int) -> None:
        self._fill_grades_for_type()
        self._on_choice_changed()

    def _on_choice_changed(self, *_args: object) -> None:
        self._search_timer.stop()
        self.filter_changed.emit(self.current_filter())

    def _on_search_edited(self, _text: str) -> None:
        self._search_timer.start()
        self.search_edited.emit()

    def _on_search_timeout(self) -> None:
        self._search_timer.stop()
        self.filter_changed.emit(self.current_filter())

    def _on_saved_activated(self, index: int) -> None:
        name = self.saved_combo.itemData(index)
        if name is not None:
            self.apply_saved_filter(name)
        self.delete_filter_button.setEnabled(name is not None)

    def _on_save_filter_clicked(self) -> None:
        current = self.saved_combo.currentData() or ""
        name, ok = QInputDialog.getText(self, self.tr("Save filter"),
                                        self.tr("Name of this filter:"), text=current)
        if ok and name.strip():
            self.save_filter(name)

    def _on_delete_filter_clicked(self) -> None:
        name = self.saved_combo.currentData()
        if name is not None:
            self.delete_saved_filter(name)

    def _on_own_filter_changed(self, flt: RegisterFilter) -> None:
        # Once the user changes the filter, the list no longer names what is shown.
        name = self.saved_combo.currentData()
        if name is not None and self.saved_filters().get(name) != flt:
            self._fill_saved(None)
