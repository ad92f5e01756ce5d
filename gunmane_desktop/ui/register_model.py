"""The register's table model: 500,000 assets without loading them.

It holds only the list of matching ``assets.seq`` values (from ``filtered_seqs``, filtered
and sorted by SQLite) and reads display rows a page at a time when ``data()`` asks for a row
it has not seen, keeping a bounded number of pages (after Anki's browser table).

On a large register a filter, search or sort takes SQLite up to 0.7 s, too long to freeze
the window: above ``WORKER_ABOVE`` assets those queries run on a worker thread with its own
read-only connection, the view keeps the previous rows until the answer comes, and a newer
request interrupts an older one (typing a search never queues up queries). The first query,
which the window needs before it can show anything, and every query on small files (a few
milliseconds) stay on the GUI thread, so they are done when ``set_filter`` returns.
"""

from __future__ import annotations

import contextlib
import sqlite3
from array import array
from collections import OrderedDict
from functools import partial

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from ..storage import register_query as rq
from ..storage.register_query import RegisterFilter, RegisterRow
from .display import built_year_text, fiscal_year_text, fiscal_year_with_western, length_text
from .grade_colours import grade_background, grade_foreground
from .read_worker import ReadQuery, asset_capacity, database_file

AssetIdRole = Qt.ItemDataRole.UserRole + 1
"""The asset's id (UUID text), on every cell of its row."""
GradeLevelRole = Qt.ItemDataRole.UserRole + 2
"""0 (best) .. 3 (worst) within the grade's scale, None when not inspected."""
SeqRole = Qt.ItemDataRole.UserRole + 3
"""The asset's local ``seq``."""

_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ALIGN_CENTRE = Qt.AlignmentFlag.AlignCenter

class RegisterTableModel(QAbstractTableModel):
    """Assets matching a RegisterFilter, sorted in SQL, rows read lazily in pages."""

    rows_fetched = Signal(int)
    """A page of display rows was read from the file (the page number)."""
    query_finished = Signal(int)
    """The filter or sort was applied; the number of matching assets."""

    PAGE_SIZE = 200
    MAX_CACHED_PAGES = 64  # about 13,000 rows, a few MB
    WORKER_ABOVE = 50_000
    """Registers with more assets than this query on a worker after the first query."""

    def __init__(self, conn: sqlite3.Connection, parent=None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._path = database_file(conn)
        self.uses_worker = self._path is not None and asset_capacity(conn) > self.WORKER_ABOVE
        self._running: ReadQuery | None = None
        self._filter = RegisterFilter()
        self._sort_column: int | None = None
        self._descending = False
        self._seqs: array = array("q")
        self._pages: OrderedDict[int, dict[int, RegisterRow]] = OrderedDict()
        self._queried = False  # a view sets its sort before the first query: no query then
        self.pages_fetched = 0  # for tests and benchmarks
        self._headers = (
            self.tr("Owner"), self.tr("Type"), self.tr("Name"), self.tr("Route"),
            self.tr("Location"), self.tr("Built"), self.tr("Length (m)"),
            self.tr("Latest grade"), self.tr("Inspected (FY)"), self.tr("Next due (FY)"),
            self.tr("Measures"),
        )
        self._not_inspected = self.tr("Not inspected")
        self._no_measure = self.tr("Not started")

    # -- querying -----------------------------------------------------------------------
    @property
    def register_filter(self) -> RegisterFilter:
        return self._filter

    def set_filter(self, flt: RegisterFilter) -> None:
        """Show the assets matching ``flt`` (one SQL query), keeping the sort order."""
        self._filter = flt
        self.refresh()

    @property
    def busy(self) -> bool:
        """True while a query runs on the worker (the view shows the previous rows)."""
        return self._running is not None

    def refresh(self) -> None:
        """Query again, e.g. after the file changed."""
        if self._queried and self.uses_worker:
            self._start_query()
            return
        self.beginResetModel()
        self._seqs = rq.filtered_seqs(self._conn, self._filter, self._sort_column,
                                      self._descending)
        self._pages.clear()
        self._queried = True
        self.endResetModel()
        self.query_finished.emit(len(self._seqs))

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the running query is answered and applied (tests, scripts)."""
        while self._running is not None:
            if not self._running.wait(timeout_ms):
                return False
            # Deliver the queued answer now rather than at the next event-loop turn.
            QCoreApplication.sendPostedEvents(self)
        return True

    def _start_query(self) -> None:
        if self._running is not None:
            self._running.cancel()
        assert self._path is not None
        query = ReadQuery(self._path, partial(rq.filtered_seqs, flt=self._filter,
                                              sort_column=self._sort_column,
                                              descending=self._descending))
        query.answered.connect(self._on_answered, Qt.ConnectionType.QueuedConnection)
        self._running = query
        query.start()

    def _on_answered(self, query: ReadQuery, seqs: array | None) -> None:
        query.release()
        if query is not self._running:
            return  # superseded by a newer filter or sort
        self._running = None
        if seqs is None:
            return  # failed (logged): the view keeps the rows it has
        # A layout change rather than a reset: the view keeps its selection and current row
        # when the asset is still in the result, as the synchronous path lets the page do.
        self.layoutAboutToBeChanged.emit()
        old = self._seqs
        self._seqs = seqs
        self._pages.clear()
        self._move_persistent_indexes(old)
        self.layoutChanged.emit()
        self.query_finished.emit(len(self._seqs))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Re-query with ORDER BY in SQL; a negative column means the register's own order."""
        sort_column = column if 0 <= column < rq.COLUMN_COUNT else None
        descending = order == Qt.SortOrder.DescendingOrder
        # QTableView.sortByColumn asks twice (once through the header's indicator): at
        # 500,000 rows each query costs half a second, so an unchanged order is not re-run.
        unchanged = (sort_column, descending) == (self._sort_column, self._descending)
        self._sort_column, self._descending = sort_column, descending
        if not self._queried or unchanged:
            return
        if self.uses_worker:
            self._start_query()
            return
        self.layoutAboutToBeChanged.emit()
        old = self._seqs
        self._seqs = rq.filtered_seqs(self._conn, self._filter, self._sort_column,
                                      self._descending)
        self._pages.clear()
        self._move_persistent_indexes(old)
        self.layoutChanged.emit()
        self.query_finished.emit(len(self._seqs))

    def _move_persistent_indexes(self, old: array) -> None:
        # Views keep their selection and current row through a sort by persistent indexes.
        persistent = self.persistentIndexList()
        if not persistent:
            return
        # array.index scans in C: a few ms for 500,000 rows, where a dict of every position
        # built in Python takes tens; a selection holds only a few distinct rows.
        position = {}
        for seq in {old[i.row()] for i in persistent if 0 <= i.row() < len(old)}:
            with contextlib.suppress(ValueError):  # no longer in the result
                position[seq] = self._seqs.index(seq)
        new = []
        for i in persistent:
            row = position.get(old[i.row()]) if 0 <= i.row() < len(old) else None
            new.append(self.index(row, i.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(persistent, new)

    # -- lookup -------------------------------------------------------------------------
    def row_data(self, row: int) -> RegisterRow | None:
        """The display row at ``row``, read from the file with its page if needed."""
        if not 0 <= row < len(self._seqs):
            return None
        page_no = row // self.PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            start = page_no * self.PAGE_SIZE
            page = rq.fetch_rows(self._conn, self._seqs[start:start + self.PAGE_SIZE])
            self._pages[page_no] = page
            self.pages_fetched += 1
            while len(self._pages) > self.MAX_CACHED_PAGES:
                self._pages.popitem(last=False)
            self.rows_fetched.emit(page_no)
        else:
            self._pages.move_to_end(page_no)
        return page.get(self._seqs[row])

    def asset_id_at(self, row: int) -> str | None:
        data = self.row_data(row)
        return data.asset_id if data else None

    def seq_at(self, row: int) -> int | None:
        return self._seqs[row] if 0 <= row < len(self._seqs) else None

    def row_of_seq(self, seq: int) -> int | None:
        try:
            return self._seqs.index(seq)
        except ValueError:
            return None

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    # -- Qt model interface -------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else rq.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < rq.COLUMN_COUNT:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._headers[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and section in (
                    rq.COL_LENGTH, rq.COL_GRADE):
                return _ALIGN_RIGHT if section == rq.COL_LENGTH else _ALIGN_CENTRE
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.parent().isValid():
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == AssetIdRole:
            return row.asset_id
        if role == SeqRole:
            return row.seq
        if role == GradeLevelRole:
            return row.grade_level
        if column == rq.COL_GRADE:
            if role == Qt.ItemDataRole.BackgroundRole:
                return grade_background(row.grade_level)
            if role == Qt.ItemDataRole.ForegroundRole:
                return grade_foreground(row.grade_level)
            if role == Qt.ItemDataRole.ToolTipRole and row.grade_symbol:
                return f"{row.grade_symbol} {row.grade_label}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == rq.COL_LENGTH:
                return _ALIGN_RIGHT
            if column == rq.COL_GRADE:
                return _ALIGN_CENTRE
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (rq.COL_FISCAL_YEAR, rq.COL_NEXT_DUE):
                return fiscal_year_with_western(
                    row.fiscal_year if column == rq.COL_FISCAL_YEAR else row.next_due_fy) or None
            if column in (rq.COL_NAME, rq.COL_ADDRESS, rq.COL_ROUTE):
                return self._display(row, column) or None
        return None

    def _display(self, row: RegisterRow, column: int) -> str:
        match column:
            case rq.COL_OWNER:
                return row.owner_name
            case rq.COL_TYPE:
                return row.type_name
            case rq.COL_NAME:
                return row.name
            case rq.COL_ROUTE:
                return row.route
            case rq.COL_ADDRESS:
                return row.address
            case rq.COL_BUILT:
                return built_year_text(row.built_year, row.built_year_text)
            case rq.COL_LENGTH:
                return length_text(row.length_m)
            case rq.COL_GRADE:
                return row.grade_symbol or self._not_inspected
            case rq.COL_FISCAL_YEAR:
                return fiscal_year_text(row.fiscal_year)
            case rq.COL_NEXT_DUE:
                return fiscal_year_text(row.next_due_fy)
            case rq.COL_MEASURE:
                if row.measure_state != "none":
                    return row.measure_label
                return self._no_measure if row.action_required else ""
        return ""
