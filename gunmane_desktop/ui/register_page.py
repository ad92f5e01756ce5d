"""The 施設台帳 page: filter bar and lazy register table on the left, detail pane on the right.

The selected asset survives filtering and sorting when it is still in the result, so a user
can narrow the list without losing their place.
"""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..storage import register_query as rq
from ..storage.register_query import RegisterFilter
from .asset_detail import AssetDetailPane
from .filter_bar import FilterBar
from .register_model import RegisterTableModel

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

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self.filter_bar = FilterBar(conn)
        self.model = RegisterTableModel(conn, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
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
        self.model.query_finished.connect(self._on_query_finished)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)

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

    # -- slots --------------------------------------------------------------------------
    def _on_filter_changed(self, flt: RegisterFilter) -> None:
        self._apply(flt)

    def _on_query_finished(self, count: int) -> None:
        flt = self.model.register_filter
        if flt == RegisterFilter(include_retired=flt.include_retired):
            self._totals[flt.include_retired] = count
        self.counts_changed.emit(count, self._total_for(flt.include_retired))
        current = self.table.currentIndex()
        if current.isValid():
            self.table.scrollTo(current)

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        asset_id = self.model.asset_id_at(current.row()) if current.isValid() else None
        self.detail.show_asset(asset_id)
        if asset_id:
            self.asset_selected.emit(asset_id)
