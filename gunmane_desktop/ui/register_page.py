"""The 施設台帳 page: filter bar and lazy register table on the left, detail pane on the right.

The selected asset survives filtering and sorting when it is still in the result, so a user
can narrow the list without losing their place. With the file given as a ``Database`` the
page also edits: 新規 (new), 編集 (edit, or a double click), 廃止 (retire) and 一括編集 (one
field for every selected row); after a save it queries again, selects the saved asset and
says ``assets_changed`` so the window can mark other pages stale.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.models import AssetStatus
from ..storage import register_query as rq
from ..storage.asset_edits import MAX_BULK_ASSETS
from ..storage.database import Database
from ..storage.register_query import RegisterFilter
from .asset_detail import AssetDetailPane
from .asset_form import AssetForm
from .bulk_edit import BulkEditDialog
from .catalogue_names import DEFAULT_LANGUAGE
from .filter_bar import FilterBar
from .register_model import RegisterTableModel
from .retire_dialog import RetireDialog

# Initial column widths in full-width characters, for typical values (みどり県, 平成6年 (1994),
# 令和5年度); longer ones are elided and shown whole in the tooltip.
_COLUMN_EMS = {
    rq.COL_OWNER: 4.5, rq.COL_TYPE: 6, rq.COL_NAME: 7, rq.COL_ROUTE: 8, rq.COL_ADDRESS: 10,
    rq.COL_BUILT: 7.5, rq.COL_LENGTH: 4.5, rq.COL_GRADE: 4.5, rq.COL_FISCAL_YEAR: 5.5,
    rq.COL_NEXT_DUE: 5.5, rq.COL_MEASURE: 4,
}
DETAIL_SHARE = 0.35  # of the page's width at first


class RegisterPage(QWidget):
    """Browse, filter and sort the asset register; show the chosen asset beside it."""

    asset_selected = Signal(str)
    """The user selected an asset (its id)."""
    counts_changed = Signal(int, int)
    """The number of assets shown and the number in the register changed."""
    PREFETCH_AFTER_SHOW_MS = 1000

    assets_changed = Signal()
    """Assets were added, edited or retired from this page."""

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None, *,
                 db: Database | None = None, settings: QSettings | None = None,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._conn = conn
        self._db = db
        self._language = language
        self.asset_form: AssetForm | None = None  # the dialog open now, if any
        self.bulk_dialog: BulkEditDialog | None = None
        self.retire_dialog: RetireDialog | None = None
        self._select_when_answered: str | None = None
        self.filter_bar = FilterBar(conn, settings=settings, language=language)
        self.model = RegisterTableModel(conn, self, language=language)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Fixed row heights keep a 500,000-row view from measuring rows.
        vertical = self.table.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        # On screen 最新判定 follows 名称: on a 1366-pixel screen the last columns scroll out
        # of sight, and the grade is what a reader looks for first. The model's order stays.
        header.moveSection(header.visualIndex(rq.COL_GRADE), header.visualIndex(rq.COL_NAME) + 1)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorClearable(True)
        self.table.setSortingEnabled(True)
        em = self.fontMetrics().horizontalAdvance("漢")
        padding = self.fontMetrics().averageCharWidth() * 2
        for column, ems in _COLUMN_EMS.items():
            self.table.setColumnWidth(column, max(int(ems * em) + padding,
                                                  header.sectionSizeHint(column)))

        self.detail = AssetDetailPane(conn)
        self.detail.setMinimumWidth(320)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.table, 1)
        self.new_button = QPushButton(self.tr("New…"))
        self.new_button.setToolTip(self.tr("Register a new asset (Ctrl+N)"))
        self.new_button.setShortcut(QKeySequence.StandardKey.New)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.setToolTip(self.tr("Edit the current asset (or double-click it)"))
        self.retire_button = QPushButton(self.tr("Retire…"))
        self.retire_button.setToolTip(self.tr("供用廃止 or 撤去: kept in the file, hidden "
                                              "unless retired assets are included"))
        self.bulk_button = QPushButton(self.tr("Bulk edit…"))
        self.bulk_button.setToolTip(self.tr("Set one field for all selected assets"))
        actions = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.retire_button, self.bulk_button):
            actions.addWidget(button)
        actions.addStretch(1)
        left_layout.addLayout(actions)
        # Only a writable file is edited here; without a Database the page just browses.
        self._editable = db is not None and not db.readonly
        for button in (self.new_button, self.edit_button, self.retire_button, self.bulk_button):
            button.setVisible(db is not None)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # Relative weights: QSplitter scales them to the width it gets.
        self.splitter.setSizes([round(1000 * (1 - DETAIL_SHARE)), round(1000 * DETAIL_SHARE)])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        # Register size per include_retired; an unfiltered query tells it for free.
        self._totals: dict[bool, int] = {}
        self.filter_bar.filter_changed.connect(self._on_filter_changed)
        # Typing starts reading what a short search needs while the typing pause runs.
        self.filter_bar.search_edited.connect(self.model.prepare_search)
        self.model.query_finished.connect(self._on_query_finished)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.table.doubleClicked.connect(self._on_double_clicked)
        self.new_button.clicked.connect(self.new_asset)
        self.edit_button.clicked.connect(self.edit_current)
        self.retire_button.clicked.connect(self.retire_current)
        self.bulk_button.clicked.connect(self.bulk_edit_selected)
        self._update_actions()

    # -- actions ------------------------------------------------------------------------
    def load(self) -> None:
        """Run the first query (all in-service assets) and show the first asset's details."""
        self._apply(self.filter_bar.current_filter())
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select_row(0)

    def apply_filter(self, flt: RegisterFilter) -> None:
        """Show the register filtered to ``flt``, with the filter bar saying so."""
        self.filter_bar.apply(flt)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select_row(0)

    def refresh(self) -> None:
        """Query again after the file changed, keeping the filter and the selection."""
        self._totals.clear()
        self._apply(self.model.register_filter)
        self.detail.show_asset(self.detail.asset_id)

    @property
    def shown_count(self) -> int:
        return self.model.rowCount()

    @property
    def total_count(self) -> int:
        return self._total_for(self.model.register_filter.include_retired)

    def _total_for(self, include_retired: bool) -> int:
        if include_retired not in self._totals:
            self._totals[include_retired] = rq.count_assets(self._conn,
                                                            include_retired=include_retired)
        return self._totals[include_retired]

    def select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def select_asset(self, asset_id: str) -> None:
        """Select ``asset_id`` in the table if the filter shows it; show its details anyway."""
        found = self._conn.execute("SELECT seq FROM assets WHERE id = ?", (asset_id,)).fetchone()
        row = self.model.row_of_seq(found[0]) if found else None
        if row is not None:
            self.select_row(row)
        else:
            self.detail.show_asset(asset_id)

    def current_asset_id(self) -> str | None:
        """The asset of the table's current row (the one the detail pane shows)."""
        current = self.table.currentIndex()
        return self.model.asset_id_at(current.row()) if current.isValid() else None

    def selected_count(self) -> int:
        return sum(r.bottom() - r.top() + 1 for r in self.table.selectionModel().selection())

    def selected_asset_ids(self) -> list[str]:
        """The ids of the selected rows, in the table's order (read by seq, not by page)."""
        rows = sorted({row for r in self.table.selectionModel().selection()
                       for row in range(r.top(), r.bottom() + 1)})
        seqs = [s for s in (self.model.seq_at(row) for row in rows) if s is not None]
        ids: dict[int, str] = {}
        for start in range(0, len(seqs), 500):
            chunk = seqs[start:start + 500]
            ids.update(self._conn.execute(
                f"SELECT seq, id FROM assets WHERE seq IN ({', '.join('?' * len(chunk))})",
                chunk).fetchall())
        return [ids[s] for s in seqs if s in ids]

    # -- editing ------------------------------------------------------------------------
    def new_asset(self) -> AssetForm | None:
        """Open the form for a new asset, owned by the filter's owner or the current one's."""
        if not self._editable or self._db is None:
            return None
        owner = self.model.register_filter.org
        asset_type = self.model.register_filter.asset_type
        current = self.current_asset_id()
        if owner is None and current is not None:
            row = self._conn.execute("SELECT owner FROM assets WHERE id = ?",
                                     (current,)).fetchone()
            owner = row[0] if row else None
        return self._open_form(AssetForm(self._db, None, self, owner=owner,
                                         asset_type=asset_type, language=self._language))

    def edit_current(self) -> AssetForm | None:
        """Open the form on the current asset."""
        asset_id = self.current_asset_id()
        if not self._editable or self._db is None or asset_id is None:
            return None
        return self._open_form(AssetForm(self._db, asset_id, self, language=self._language))

    def retire_current(self) -> RetireDialog | None:
        """Ask for the date and reason, then retire the current asset."""
        asset_id = self.current_asset_id()
        if not self._editable or self._db is None or asset_id is None:
            return None
        self.retire_dialog = RetireDialog(self._db, asset_id, self)
        self.retire_dialog.asset_retired.connect(self._on_asset_retired)
        self.retire_dialog.open()
        return self.retire_dialog

    def bulk_edit_selected(self) -> BulkEditDialog | None:
        """Open the bulk edit for the selected rows."""
        if not self._editable or self._db is None or self.selected_count() < 2:
            return None
        self.bulk_dialog = BulkEditDialog(self._db, self.selected_asset_ids(), self)
        self.bulk_dialog.changes_applied.connect(self._on_bulk_applied)
        self.bulk_dialog.open()
        return self.bulk_dialog

    def _open_form(self, form: AssetForm) -> AssetForm:
        self.asset_form = form
        form.asset_saved.connect(self._on_asset_saved)
        form.open()
        return form

    def _after_edit(self, asset_id: str | None) -> None:
        self.refresh()
        if asset_id is not None:
            if self.model.busy:  # a large register answers on its worker: select then
                self._select_when_answered = asset_id
            else:
                self.select_asset(asset_id)
        self.assets_changed.emit()

    def _apply(self, flt: RegisterFilter) -> None:
        selected = self.model.seq_at(self.table.currentIndex().row())
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.model.set_filter(flt)
        finally:
            QApplication.restoreOverrideCursor()
        row = self.model.row_of_seq(selected) if selected is not None else None
        if row is not None:
            self.select_row(row)
        else:
            self.detail.clear()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Back from another page: read the short-search text again once the switch has
        # settled (started at once, it met the page switch's own work and stalled the window
        # 130-150 ms on 500,000 assets); typing before then starts it at the first key.
        QTimer.singleShot(self.PREFETCH_AFTER_SHOW_MS, self._prefetch_search_text)

    def _prefetch_search_text(self) -> None:
        if self.isVisible():
            self.model.prepare_search()

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page is shown: the memory of the short-search text is theirs to use.
        self.model.release_search_texts()
        super().hideEvent(event)

    # -- slots --------------------------------------------------------------------------
    def _on_filter_changed(self, flt: RegisterFilter) -> None:
        self._apply(flt)

    def _on_query_finished(self, count: int) -> None:
        if self.isVisible():
            # Read the text for 1-2 character searches on the worker while the user looks at
            # the rows, so the first short search finds it there (large registers only; the
            # model skips it when the text is already kept or being read).
            self.model.prepare_search()
        flt = self.model.register_filter
        if flt == RegisterFilter(include_retired=flt.include_retired):
            self._totals[flt.include_retired] = count
        self.counts_changed.emit(count, self._total_for(flt.include_retired))
        if self._select_when_answered is not None:
            asset_id, self._select_when_answered = self._select_when_answered, None
            self.select_asset(asset_id)
            return
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        asset_id = self.model.asset_id_at(current.row()) if current.isValid() else None
        self.detail.show_asset(asset_id)
        if asset_id:
            self.asset_selected.emit(asset_id)
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        current = self.table.currentIndex()
        row = self.model.row_data(current.row()) if current.isValid() else None
        selected = self.selected_count()
        self.new_button.setEnabled(self._editable)
        self.edit_button.setEnabled(self._editable and row is not None)
        self.retire_button.setEnabled(self._editable and row is not None
                                      and row.status == AssetStatus.IN_SERVICE)
        self.bulk_button.setEnabled(self._editable and 2 <= selected <= MAX_BULK_ASSETS)
        self.bulk_button.setText(self.tr("Bulk edit (%n)…", "", selected) if selected >= 2
                                 else self.tr("Bulk edit…"))

    def _on_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_current()

    def _on_asset_saved(self, asset_id: str) -> None:
        self._after_edit(asset_id)

    def _on_asset_retired(self, asset_id: str) -> None:
        self._after_edit(asset_id)

    def _on_bulk_applied(self, _count: int) -> None:
        current = self.current_asset_id()
        self._after_edit(current)
