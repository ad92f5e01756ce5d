"""The 措置 page: Ⅲ/Ⅳ assets still waiting for a measure, every measure, and the form.

On the left, the flagged assets (action required by their latest grade, no measure started)
above the list of measures; on the right, the form for the chosen one: a new measure for a
flagged asset, or an existing measure to advance from planned to started to completed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.models import ValidationError
from ..storage import asset_record as ar
from ..storage import register_query as rq
from ..storage import ui_queries as uq
from ..storage.database import Database
from ..storage.measures import MeasureRepository
from .editing import gui_change_context
from .measure_form import MeasureForm
from .measure_models import MeasureListModel, WaitingAssetsModel


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    # Sized to the contents once per refresh, not on every layout pass (ResizeToContents
    # measures every row each time and made a refresh take half a second).
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(200)  # widths from the first 200 rows are enough
    header.setStretchLastSection(True)
    return view


def _bold(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class MeasuresPage(QWidget):
    """Flag Ⅲ/Ⅳ assets without a started measure; add and advance measures."""

    measure_saved = Signal(str, str)
    """A measure was added or changed (asset id, measure id)."""

    def __init__(self, db: Database, *, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today

        self.org_combo = QComboBox()
        self.org_combo.addItem(self.tr("All owners"), None)
        for code, name in rq.organisations(db.conn):
            self.org_combo.addItem(name, code)
        self.open_only_check = QCheckBox(self.tr("Only measures not yet completed"))
        top = QHBoxLayout()
        owner_label = QLabel(self.tr("Owner"))
        owner_label.setBuddy(self.org_combo)
        top.addWidget(owner_label)
        top.addWidget(self.org_combo)
        top.addSpacing(12)
        top.addWidget(self.open_only_check)
        top.addStretch(1)

        self.waiting_model = WaitingAssetsModel(self)
        self.waiting_view = _table(self.waiting_model)
        self.waiting_caption = _bold("")
        self.waiting_caption.setStyleSheet("color: #8e1c1c;")
        self.measure_model = MeasureListModel(self)
        self.measure_view = _table(self.measure_model)
        self.measure_caption = _bold("")

        lists = QSplitter(Qt.Orientation.Vertical)
        for caption, view in ((self.waiting_caption, self.waiting_view),
                              (self.measure_caption, self.measure_view)):
            box = QWidget()
            layout = QVBoxLayout(box)
            layout.setContentsMargins(0, 0, 0, 0)
            layout.addWidget(caption)
            layout.addWidget(view, 1)
            lists.addWidget(box)
        lists.setSizes([300, 500])
        lists.setChildrenCollapsible(False)

        self.form = MeasureForm(uq.measure_kinds(db.conn), uq.measure_statuses(db.conn))
        self.form_title = _bold("")
        font = self.form_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.form_title.setFont(font)
        self.form_title.setWordWrap(True)
        self.form_subtitle = QLabel()
        self.form_subtitle.setWordWrap(True)
        self.new_button = QPushButton(self.tr("New measure for this asset"))
        self.save_button = QPushButton(self.tr("Save measure"))
        self.save_button.setDefault(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        editor = QWidget()
        editor_layout = QVBoxLayout(editor)
        editor_layout.setContentsMargins(8, 0, 0, 0)
        editor_layout.addWidget(self.form_title)
        editor_layout.addWidget(self.form_subtitle)
        editor_layout.addWidget(self.form)
        editor_layout.addLayout(buttons)
        editor_layout.addWidget(self.status)
        editor_layout.addStretch(1)
        hint = QLabel(self.tr("Choose a flagged asset to plan its measure, or a measure to "
                              "advance it."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setStyleSheet("color: #595959; padding: 24px;")
        self._right = QStackedWidget()
        self._right.addWidget(hint)
        self._right.addWidget(editor)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(lists)
        splitter.addWidget(self._right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 420])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.org_combo.currentIndexChanged.connect(self._on_scope_changed)
        self.open_only_check.toggled.connect(self._on_scope_changed)
        self.waiting_view.selectionModel().currentRowChanged.connect(self._on_waiting_row)
        self.measure_view.selectionModel().currentRowChanged.connect(self._on_measure_row)
        self.new_button.clicked.connect(self._on_new_clicked)
        self.save_button.clicked.connect(self._on_save_clicked)
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText))
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self._on_save_clicked)

    # -- content ------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the flagged assets and the measures again for the current owner."""
        org = self.org_combo.currentData()
        waiting = uq.assets_waiting_for_measures(self._db.conn, org=org)
        self.waiting_model.set_rows(waiting)
        self.waiting_caption.setText(self.tr(
            "Ⅲ/Ⅳ assets without a started measure: %1 (★ emergency route)").replace(
            "%1", f"{len(waiting):,}"))
        measures = uq.measure_list(self._db.conn, org=org,
                                   open_only=self.open_only_check.isChecked())
        self.measure_model.set_rows(measures)
        for view in (self.waiting_view, self.measure_view):
            view.resizeColumnsToContents()
        self.measure_caption.setText(self.tr("Measures: %1").replace("%1", f"{len(measures):,}"))

    def start_new_for(self, asset_id: str) -> bool:
        """Show the form for a new measure of ``asset_id``; False if there is no such asset."""
        detail = ar.asset_detail(self._db.conn, asset_id)
        if detail is None:
            return False
        self._show_asset(detail)
        self.form.new_measure(asset_id=asset_id, owner=detail["owner"],
                              inspections=ar.history(self._db.conn, asset_id), today=self._today)
        self.status.setText("")
        self._right.setCurrentIndex(1)
        return True

    def edit(self, measure_id: str) -> bool:
        """Show an existing measure in the form."""
        row = self._db.conn.execute("SELECT asset_id FROM measures WHERE id = ?",
                                    (measure_id,)).fetchone()
        if row is None:
            return False
        asset_id = row[0]
        measure = next(m for m in MeasureRepository(self._db).for_asset(asset_id)
                       if m.id == measure_id)
        detail = ar.asset_detail(self._db.conn, asset_id)
        if detail is None:
            return False
        self._show_asset(detail)
        self.form.edit_measure(measure, ar.history(self._db.conn, asset_id), today=self._today)
        self.status.setText("")
        self._right.setCurrentIndex(1)
        return True

    def _show_asset(self, detail: dict) -> None:
        self.form_title.setText(detail["name"])
        grade = f"{detail['grade_symbol']} {detail['grade_label']}" if detail["grade_symbol"] \
            else self.tr("Not inspected")
        self.form_subtitle.setText(" ・ ".join((detail["type_name"], detail["owner_name"],
                                               grade)))

    def save(self) -> str | None:
        """Add or update the measure in the form; returns its id or None (errors shown)."""
        measure, errors = self.form.build()
        repo = MeasureRepository(self._db)
        if measure is not None:
            errors = measure.validate(repo.catalogue)
        if measure is None or errors:
            self.form.show_errors(errors)
            self.status.setStyleSheet("color: #b00020;")
            self.status.setText(self.tr("Not saved: please correct the fields marked in red."))
            return None
        ctx = gui_change_context(self._db, measure.owner)
        try:
            if self.form.measure is None:
                repo.add(ctx, measure)
            else:
                repo.update(ctx, measure)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return None
        self.refresh()
        self.edit(measure.id)
        row = self.measure_model.row_of(measure.id)
        if row is not None:
            self.measure_view.selectionModel().blockSignals(True)
            self.measure_view.selectionModel().setCurrentIndex(
                self.measure_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.measure_view.selectionModel().blockSignals(False)
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setText(self.tr("Saved."))
        self.measure_saved.emit(measure.asset_id, measure.id)
        return measure.id

    # -- slots --------------------------------------------------------------------------
    def _on_scope_changed(self, *_args: object) -> None:
        self.refresh()

    def _on_waiting_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.waiting_model.row_data(current.row()) if current.isValid() else None
        if row is not None:
            self.start_new_for(row.asset_id)

    def _on_measure_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.measure_model.row_data(current.row()) if current.isValid() else None
        if row is not None:
            self.edit(row.measure_id)

    def _on_new_clicked(self) -> None:
        if self.form.asset_id:
            self.start_new_for(self.form.asset_id)

    def _on_save_clicked(self) -> None:
        self.save()
