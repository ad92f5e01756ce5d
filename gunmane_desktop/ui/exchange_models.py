"""Table models of the データ交換 page: import preview, rejections, conflicts, peers.

Each model holds plain rows handed to it by the page (the sync package computes them); the
models never query the database, so they can be filled from a worker's result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ..ledger.headers import FIELDS_BY_KEY
from ..sync import Conflict, Preview, Rejection
from .row_list_model import RowListModel

_Index = QModelIndex | QPersistentModelIndex
ConflictIdRole = Qt.ItemDataRole.UserRole + 1
DiffersRole = Qt.ItemDataRole.UserRole + 2
DIFFERS_BACKGROUND = QColor("#fff3b0")
DIFFERS_TEXT = QColor("#3b2e00")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
VERDICTS = ("new", "updated", "unchanged", "conflicts", "rejected")


class ExchangeTerms(QObject):
    """Translated names of the exchanged tables (a QObject of its own, so lupdate and the
    runtime agree on the translation context)."""

    def table(self, table: str) -> str:
        """The translated name of an exchanged table (its SQL name when unknown)."""
        return {"organisations": self.tr("Organisations"), "delegations": self.tr("Delegations"),
                "assets": self.tr("Asset records"), "inspections": self.tr("Inspections"),
                "inspection_members": self.tr("Inspection members"), "measures": self.tr("Measures"),
                "attachment_links": self.tr("Photos")}.get(table, table)


def table_label(table: str) -> str:
    """The translated name of an exchanged table."""
    return ExchangeTerms().table(table)


def field_label(name: str) -> str:
    """A column's register heading (名称, 所在地, ...) with its key, or the key alone."""
    spec = FIELDS_BY_KEY.get(name)
    return f"{spec.header} ({name})" if spec is not None else name


def local_time_text(stamp: str | None) -> str:
    """A stored UTC stamp ("2026-11-24T07:03:00.000Z") in local time to the minute; "-" for never."""
    if not stamp:
        return "-"
    try:
        moment = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True, slots=True)
class PreviewRow:
    org: str
    org_name: str
    table: str
    counts: dict[str, int]


class PreviewModel(RowListModel):
    """What an import would do: one row per organisation and table, counted by verdict."""

    COL_ORG, COL_TABLE, COL_NEW, COL_UPDATED, COL_UNCHANGED, COL_CONFLICTS, COL_REJECTED = range(7)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [self.tr("Organisation"), self.tr("Table"), self.tr("New"), self.tr("Updated"),
                         self.tr("Unchanged"), self.tr("Conflicts"), self.tr("Rejected")]

    def set_preview(self, preview: Preview | None, org_names: dict[str, str]) -> None:
        """Show ``preview`` (None clears the table)."""
        from ..sync.classify import COUNTED_AS

        rows = []
        for org, tables in sorted((preview.by_org if preview else {}).items()):
            for table, verdicts in sorted(tables.items()):
                counts = dict.fromkeys(VERDICTS, 0)
                for verdict, n in verdicts.items():
                    counts[COUNTED_AS.get(verdict, "unchanged")] += n
                rows.append(PreviewRow(org, org_names.get(org, ""), table, counts))
        self.set_rows(rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: PreviewRow = self._rows[index.row()]
        column = index.column()
        if column >= self.COL_NEW:
            n = r.counts[VERDICTS[column - self.COL_NEW]]
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{n:,}"
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(_RIGHT)
            if role == Qt.ItemDataRole.BackgroundRole and n and column in (self.COL_CONFLICTS,
                                                                           self.COL_REJECTED):
                return DIFFERS_BACKGROUND
            if role == Qt.ItemDataRole.ForegroundRole and n and column in (self.COL_CONFLICTS,
                                                                           self.COL_REJECTED):
                return DIFFERS_TEXT
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == self.COL_ORG:
            return f"{r.org_name} ({r.org})" if r.org_name else r.org
        return table_label(r.table)


class RejectionModel(RowListModel):
    """Rows the package may not write, with the reason for each."""

    COL_TABLE, COL_ID, COL_OWNER, COL_REASON = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [self.tr("Table"), self.tr("Row"), self.tr("Owner"), self.tr("Reason")]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: Rejection = self._rows[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return (table_label(r.table), r.id, r.owner, r.reason)[index.column()]


class ConflictListModel(RowListModel):
    """Open conflicts: which row, whose, from which package, which fields differ."""

    COL_SEQ, COL_TABLE, COL_ROW, COL_OWNER, COL_SENDER, COL_FIELDS = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [self.tr("No."), self.tr("Table"), self.tr("Row"), self.tr("Owner"),
                         self.tr("From"), self.tr("Differing fields")]
        self._org_names: dict[str, str] = {}

    def set_conflicts(self, conflicts: Sequence[Conflict], org_names: dict[str, str]) -> None:
        """Show ``conflicts``, naming organisations by ``org_names`` (code -> name)."""
        self._org_names = dict(org_names)
        self.set_rows(conflicts)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c: Conflict = self._rows[index.row()]
        if role == ConflictIdRole:
            return c.seq
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == self.COL_SENDER:
            return c.package
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        names = self._org_names
        return (str(c.seq), table_label(c.table), c.local.get("name") or c.row_id,
                names.get(c.owner, c.owner), names.get(c.sender, c.sender),
                ", ".join(field_label(f) for f in c.differing_fields()))[index.column()]


class ConflictFieldsModel(RowListModel):
    """One conflict side by side: field, this file's value, the received value."""

    COL_FIELD, COL_LOCAL, COL_REMOTE = range(3)
    _HIDDEN = ("vv", "hlc")
    _LAST = ("modified_at", "modified_by", "id", "owner")  # bookkeeping, shown after the content

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [self.tr("Field"), self.tr("This file (ours)"), self.tr("Received (theirs)")]
        self._differing: set[str] = set()

    def set_conflict(self, conflict: Conflict | None) -> None:
        """Show ``conflict``; differing fields first, then the rest."""
        if conflict is None:
            self._differing = set()
            self.set_rows([])
            return
        differing = conflict.differing_fields()
        self._differing = set(differing)
        names = [k for k in conflict.local if k not in self._HIDDEN]
        names += [k for k in conflict.remote if k not in names and k not in self._HIDDEN]
        rest = [k for k in names if k not in self._differing]
        order = differing + [k for k in rest if k not in self._LAST] + [k for k in rest if k in self._LAST]
        self.set_rows([(k, conflict.local.get(k), conflict.remote.get(k)) for k in order])

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name, local, remote = self._rows[index.row()]
        differs = name in self._differing
        if role == DiffersRole:
            return differs
        if role == Qt.ItemDataRole.BackgroundRole:
            return DIFFERS_BACKGROUND if differs else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return DIFFERS_TEXT if differs else None
        if role == Qt.ItemDataRole.FontRole and differs:
            font = QFont()
            font.setBold(True)
            return font
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if index.column() == self.COL_FIELD:
            return field_label(name) if role == Qt.ItemDataRole.DisplayRole else name
        value = (name, local, remote)[index.column()]
        return "" if value is None else str(value)


@dataclass(frozen=True, slots=True)
class PeerRow:
    peer: str
    name: str
    last_sent_at: str | None
    last_sent_file: str | None
    last_received_at: str | None
    last_received_file: str | None
    pending: int


class PeerModel(RowListModel):
    """The sync log per peer: last sent, last received, rows waiting to be sent."""

    COL_PEER, COL_SENT, COL_RECEIVED, COL_PENDING = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [self.tr("Peer"), self.tr("Last sent"), self.tr("Last received"),
                         self.tr("Waiting to send (rows)")]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: PeerRow = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_PENDING:
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_SENT:
                return r.last_sent_file
            if column == self.COL_RECEIVED:
                return r.last_received_file
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match column:
            case self.COL_PEER:
                return f"{r.name} ({r.peer})" if r.name else r.peer
            case self.COL_SENT:
                return local_time_text(r.last_sent_at)
            case self.COL_RECEIVED:
                return local_time_text(r.last_received_at)
            case _:
                return f"{r.pending:,}"

