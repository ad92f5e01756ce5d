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

The model also keeps ``QueryAids`` for as long as the file is unchanged: which seqs are in
service (``LiveAssets``, from the unfiltered register or read once on the worker), which
spares a grade filter or a short search 50-100 ms, and on large registers the search text in
memory (``SearchTexts``), read when the user starts typing, which answers words of one or
two characters in tens of ms instead of a scan of the file.
"""

from __future__ import annotations

import contextlib
import sqlite3
from array import array
from collections import OrderedDict
from dataclasses import dataclass
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
from ..storage.register_query import LiveAssets, RegisterFilter, RegisterRow
from ..storage.search_texts import SearchTexts
from .catalogue_names import DEFAULT_LANGUAGE, type_name
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
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ROLES = frozenset({_DISPLAY, _BACKGROUND, _FOREGROUND, _TOOLTIP, _ALIGNMENT,
                    int(AssetIdRole), int(SeqRole), int(GradeLevelRole)})
"""The roles ``data`` answers."""
# Computed once: or-ing Qt flags in Python costs about 25 µs, and a repaint asks for every
# visible cell's flags (300 cells, 7 ms a repaint).
_CELL_FLAGS = (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
               | Qt.ItemFlag.ItemNeverHasChildren)


@dataclass(frozen=True, slots=True)
class QueryAids:
    """What the model keeps of the file between queries while it is unchanged: the live
    assets (``LiveAssets``) and, on large registers once a short word was searched, the
    search text in memory (``SearchTexts``). Never changed once made: worker threads share it.
    """

    live: LiveAssets | None = None
    texts: SearchTexts | None = None


def find_seqs(conn: sqlite3.Connection, flt: RegisterFilter, sort_column: int | None,
              descending: bool, aids: QueryAids, *, with_texts: bool) -> tuple[array, QueryAids]:
    """One register query: the seqs, and the aids to keep (those given plus any read here
    because the query needed them; the search text only ``with_texts``)."""
    live, texts = aids.live, aids.texts
    if live is None and rq.needs_live(flt, sort_column, descending):
        live = LiveAssets.read(conn)
    if texts is None and with_texts and rq.needs_texts(flt, sort_column, descending):
        texts = SearchTexts.read(conn)
    seqs = rq.filtered_seqs(conn, flt, sort_column, descending, live=live, texts=texts)
    return seqs, QueryAids(live, texts)


def read_search_texts(conn: sqlite3.Connection, aids: QueryAids) -> QueryAids:
    """``aids`` with the search text read (the worker's job when the user starts typing)."""
    return QueryAids(aids.live, aids.texts if aids.texts is not None else SearchTexts.read(conn))


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

    def __init__(self, conn: sqlite3.Connection, parent=None, *, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._conn = conn
        self._language = language
        self._type_names: dict[str, str] = {}  # the register's type name -> shown name
        self._path = database_file(conn)
        self.uses_worker = self._path is not None and asset_capacity(conn) > self.WORKER_ABOVE
        self._running: ReadQuery | None = None
        self._running_state: tuple[int, int] | None = None  # _file_state() when it started
        self._preparing: ReadQuery | None = None  # reading the search text (prepare_search)
        self._preparing_state: tuple[int, int] | None = None
        self._waits_for_texts = False  # a short search waits for _preparing to end
        self._filter = RegisterFilter()
        self._sort_column: int | None = None
        self._descending = False
        self._seqs: array = array("q")
        self._pages: OrderedDict[int, dict[int, RegisterRow]] = OrderedDict()
        self._queried = False  # a view sets its sort before the first query: no query then
        self._aids = QueryAids()
        self._aids_state: tuple[int, int] | None = None  # _file_state() they belong to
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
        return self._running is not None or self._waits_for_texts

    def prepare_search(self) -> None:
        """Start reading the search text on the worker if a short search would need it: the
        user has begun typing, and the search runs after the typing pause, by when the
        text (0.3-1 s to read on 500,000 assets) is mostly or wholly there."""
        if not self._queried or not self.uses_worker or self._preparing is not None:
            return
        state = self._file_state()
        aids = self._kept_aids(state)
        if aids.texts is not None:
            return
        assert self._path is not None
        query = ReadQuery(self._path, partial(read_search_texts, aids=aids))
        query.answered.connect(self._on_texts_read, Qt.ConnectionType.QueuedConnection)
        self._preparing, self._preparing_state = query, state
        query.start()

    def release_search_texts(self) -> None:
        """Let the search text go (52 MB on 500,000 assets) while the register is out of
        sight; typing a search reads it again. A search waiting for it keeps it coming."""
        if self._preparing is not None and not self._waits_for_texts:
            self._preparing.cancel()
            self._preparing = None
        self._aids = QueryAids(self._aids.live, None)

    @property
    def search_texts_bytes(self) -> int:
        """Memory held by the search text kept for short searches (0 when none)."""
        return self._aids.texts.nbytes if self._aids.texts is not None else 0

    def refresh(self) -> None:
        """Query again, e.g. after the file changed."""
        if self._queried and self.uses_worker:
            self._start_query()
            return
        state = self._file_state()
        # Small registers scan their search text in SQL in a few ms: no copy in memory.
        seqs, aids = find_seqs(self._conn, self._filter, self._sort_column, self._descending,
                               self._kept_aids(state), with_texts=False)
        self.beginResetModel()
        self._seqs = seqs
        self._keep(state, aids)
        self._pages.clear()
        self._queried = True
        self.endResetModel()
        self.query_finished.emit(len(self._seqs))

    def _file_state(self) -> tuple[int, int]:
        """Changes since the file was opened: this connection's own (total_changes) and
        other connections' commits (data_version); equal states, equal rows."""
        return (self._conn.total_changes,
                self._conn.execute("PRAGMA data_version").fetchone()[0])

    def _kept_aids(self, state: tuple[int, int]) -> QueryAids:
        if self._conn.in_transaction:
            return QueryAids()  # uncommitted changes: workers cannot see them yet
        if self._aids_state != state:
            self._aids, self._aids_state = QueryAids(), None  # the file changed: let them go
        return self._aids

    def _keep(self, state: tuple[int, int], aids: QueryAids, *, answered: bool = True) -> None:
        """Keep ``aids`` (read at ``state``). When ``answered`` (``_seqs`` was just set by the
        query of the present filter) an unfiltered register's seqs are the live set."""
        if (answered and aids.live is None and self._filter == RegisterFilter()
                and self._sort_column is None and not self._descending):
            aids = QueryAids(LiveAssets.from_seqs(self._seqs), aids.texts)
        if state == self._file_state() and not self._conn.in_transaction:
            self._aids, self._aids_state = aids, state

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Block until the running query is answered and applied (tests, scripts)."""
        while self._running is not None or self._waits_for_texts:
            query = self._running or self._preparing
            assert query is not None
            if not query.wait(timeout_ms):
                return False
            # Deliver the queued answer now rather than at the next event-loop turn.
            QCoreApplication.sendPostedEvents(self)
        return True

    def _start_query(self) -> None:
        if self._running is not None:
            self._running.cancel()
            self._running = None
        state = self._file_state()
        aids = self._kept_aids(state)
        if (self._preparing is not None and self._preparing_state == state
                and rq.needs_texts(self._filter, self._sort_column, self._descending)):
            self._waits_for_texts = True  # started when the text is read: not read twice
            return
        self._waits_for_texts = False
        assert self._path is not None
        query = ReadQuery(self._path, partial(find_seqs, flt=self._filter,
                                              sort_column=self._sort_column,
                                              descending=self._descending, aids=aids,
                                              with_texts=True))
        query.answered.connect(self._on_answered, Qt.ConnectionType.QueuedConnection)
        self._running, self._running_state = query, state
        query.start()

    def _on_texts_read(self, query: ReadQuery, aids: QueryAids | None) -> None:
        query.release()
        if query is not self._preparing:
            return
        self._preparing = None
        if aids is not None and self._preparing_state is not None:
            self._keep(self._preparing_state, aids, answered=False)
        if self._waits_for_texts:
            self._start_query()

    def _on_answered(self, query: ReadQuery, answer: tuple[array, QueryAids] | None) -> None:
        query.release()
        if query is not self._running:
            return  # superseded by a newer filter or sort
        self._running = None
        if answer is None:
            return  # failed (logged): the view keeps the rows it has
        seqs, aids = answer
        # A layout change rather than a reset: the view keeps its selection and current row
        # when the asset is still in the result, as the synchronous path lets the page do.
        self.layoutAboutToBeChanged.emit()
        old = self._seqs
        self._seqs = seqs
        assert self._running_state is not None
        self._keep(self._running_state, aids)
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
        self._seqs, _aids = find_seqs(self._conn, self._filter, self._sort_column,
                                      self._descending, self._kept_aids(self._file_state()),
                                      with_texts=False)
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
        return _CELL_FLAGS

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        # A repaint asks each visible cell for about 15 roles (6,400 calls for 40 rows):
        # the roles this model never answers leave before any other work.
        if role not in _ROLES or not index.isValid():
            return None
        row = self.row_data(index.row())
        if row is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return self._display(row, column)
        if role == AssetIdRole:
            return row.asset_id
        if role == SeqRole:
            return row.seq
        if role == GradeLevelRole:
            return row.grade_level
        if column == rq.COL_GRADE:
            if role == _BACKGROUND:
                return grade_background(row.grade_level)
            if role == _FOREGROUND:
                return grade_foreground(row.grade_level)
            if role == _TOOLTIP and row.grade_symbol:
                return f"{row.grade_symbol} {row.grade_label}"
        if role == _ALIGNMENT:
            if column == rq.COL_LENGTH:
                return _ALIGN_RIGHT
            if column == rq.COL_GRADE:
                return _ALIGN_CENTRE
        if role == _TOOLTIP:
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
                shown = self._type_names.get(row.type_name)
                if shown is None:
                    shown = self._type_names[row.type_name] = type_name(row.type_name, self._language)
                return shown
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
