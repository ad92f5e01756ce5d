"""One conflict side by side with the user's merge: per differing field, ours or theirs
(the ticked cell) or a value of their own, and the common base when it was known.

The model holds the choices and checks typed values against the column's type, so a value
the field cannot hold is refused here, before anything reaches the database; the view only
asks it for the resulting resolution (``merge``).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ..sync import Conflict
from ..sync.tables import table as sync_table
from .exchange_models import ConflictFieldsModel, field_label

_Index = QModelIndex | QPersistentModelIndex
ERROR_BACKGROUND = QColor("#ffd6d6")
#: Typing a value of one's own is offered for plain values, not for the tombstone flag, the
#: per-type JSON or references to other rows and the catalogue (those are picked, not typed).
_NOT_TYPED = ("id", "owner", "deleted", "attributes")


class ConflictMergeModel(ConflictFieldsModel):
    """The comparison (field, ours, theirs, base) plus the user's value per differing field.

    Columns 0-2 are those of ``ConflictFieldsModel``; the ours / theirs cells of a field that
    differs (and that a resolution may change) are checkable, like radio buttons: ticking one
    picks that side. Typing in "Your value" overrides both; clearing it goes back to the tick.
    """

    COL_BASE, COL_OWN = 3, 4

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [*self._headers, self.tr("Common base"), self.tr("Your value")]
        self._conflict: Conflict | None = None
        self._choice: dict[str, str] = {}  # field -> "local" / "remote"
        self._typed: dict[str, str] = {}  # field -> the text the user typed
        self._values: dict[str, object] = {}  # field -> the typed text as the column holds it
        self._errors: dict[str, str] = {}  # field -> why the typed text was refused
        self._choosable: set[str] = set()
        self._types: dict[str, str] = {}
        self._typeable: set[str] = set()

    def set_conflict(self, conflict: Conflict | None) -> None:
        """Show ``conflict`` with ours ticked for every differing field and nothing typed."""
        self._conflict = conflict
        self._choice, self._typed, self._values, self._errors = {}, {}, {}, {}
        self._choosable, self._typeable, self._types = set(), set(), {}
        if conflict is not None:
            t = sync_table(conflict.table)
            editable = {"deleted"} if t.append_only else set(t.content) - {"id", "owner"}
            refs = {p.column for p in t.parents} | {c for c, _table, _key in t.catalogue_refs}
            self._types = {c.name: c.type for c in t.columns}
            self._choosable = {f for f in conflict.differing_fields() if f in editable}
            self._typeable = {f for f in self._choosable if f not in _NOT_TYPED and f not in refs}
            self._choice = dict.fromkeys(self._choosable, "local")
        super().set_conflict(conflict)

    # -- what the user chose ------------------------------------------------------------------
    def has_base(self) -> bool:
        return self._conflict is not None and self._conflict.base is not None

    def is_choosable(self, name: str) -> bool:
        return name in self._choosable

    def is_typeable(self, name: str) -> bool:
        return name in self._typeable

    def problems(self) -> list[str]:
        """Why typed values were refused, one sentence per field (empty when all are fine)."""
        return [self._errors[name] for name, _l, _r in self._rows if name in self._errors]

    def chosen_values(self) -> dict[str, object]:
        """Every choosable field with the value the merge gives it."""
        c = self._conflict
        if c is None:
            return {}
        out: dict[str, object] = {}
        for name in self._choosable:
            if name in self._values:
                out[name] = self._values[name]
            else:
                out[name] = (c.remote if self._choice[name] == "remote" else c.local).get(name)
        return out

    def merge(self) -> tuple[str, dict[str, object]]:
        """The resolution as ``conflicts.resolve`` takes it: the side to keep and the edits on top.

        The side is the one that needs fewer edits (ours when tied), so a merge that is all
        theirs but one field reads in the audit as "theirs, with edits" rather than a list of
        every field. Edits are only the fields whose chosen value differs from that side.
        """
        c = self._conflict
        if c is None:
            raise ValueError("no conflict shown")
        chosen = self.chosen_values()
        by_side = {side: {k: v for k, v in chosen.items() if v != image.get(k)}
                   for side, image in (("local", c.local), ("remote", c.remote))}
        keep = "remote" if len(by_side["remote"]) < len(by_side["local"]) else "local"
        return keep, by_side[keep]

    def choose(self, name: str, side: str) -> None:
        """Pick ours ("local") or theirs ("remote") for ``name``; any typed value is dropped."""
        row = self._row_of(name)
        if row is None or name not in self._choosable or side not in ("local", "remote"):
            return
        self._choice[name] = side
        for d in (self._typed, self._values, self._errors):
            d.pop(name, None)
        self._row_changed(row)

    def type_value(self, name: str, text: str) -> bool:
        """Use ``text`` as the value of ``name``; False (and a reason in ``problems``) when the
        field cannot hold it. Empty text goes back to the ticked side."""
        row = self._row_of(name)
        if row is None or name not in self._typeable:
            return False
        for d in (self._typed, self._values, self._errors):
            d.pop(name, None)
        ok = True
        if text.strip():
            self._typed[name] = text
            value, error = self._parse(name, text)
            if error:
                self._errors[name] = error
                ok = False
            else:
                self._values[name] = value
        self._row_changed(row)
        return ok

    def _parse(self, name: str, text: str) -> tuple[object, str | None]:
        kind = self._types.get(name, "TEXT")
        label = field_label(name)
        if kind == "INTEGER":
            try:
                return int(text.strip()), None
            except ValueError:
                return None, (self.tr("%1: \"%2\" is not a whole number; nothing was written.")
                              .replace("%1", label).replace("%2", text))
        if kind == "REAL":
            try:
                number = float(text.strip().replace(",", ""))
            except ValueError:
                number = math.nan
            if not math.isfinite(number):
                return None, (self.tr("%1: \"%2\" is not a number; nothing was written.")
                              .replace("%1", label).replace("%2", text))
            return number, None
        return text, None

    def _row_of(self, name: str) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r[0] == name), None)

    def _row_changed(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.COL_OWN))

    # -- Qt -----------------------------------------------------------------------------------
    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return flags
        name = self._rows[index.row()][0]
        if index.column() in (self.COL_LOCAL, self.COL_REMOTE) and name in self._choosable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == self.COL_OWN and name in self._typeable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        name = self._rows[index.row()][0]
        column = index.column()
        if column in (self.COL_LOCAL, self.COL_REMOTE) and role == Qt.ItemDataRole.CheckStateRole:
            if name not in self._choosable:
                return None
            side = "local" if column == self.COL_LOCAL else "remote"
            ticked = name not in self._typed and self._choice.get(name) == side
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if column < self.COL_BASE:
            return super().data(index, role)
        if column == self.COL_BASE:
            if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return None
            base = self._conflict.base if self._conflict is not None else None
            value = base.get(name) if base is not None else None
            return "" if value is None else str(value)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._typed.get(name, "")
        if role == Qt.ItemDataRole.BackgroundRole and name in self._errors:
            return ERROR_BACKGROUND
        if role == Qt.ItemDataRole.ToolTipRole:
            if name in self._errors:
                return self._errors[name]
            if name in self._typeable:
                return self.tr("Type a value of your own to use instead of ours or theirs.")
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return False
        name = self._rows[index.row()][0]
        column = index.column()
        if column in (self.COL_LOCAL, self.COL_REMOTE) and role == Qt.ItemDataRole.CheckStateRole:
            if name not in self._choosable or Qt.CheckState(value) != Qt.CheckState.Checked:
                return False  # a side is unticked by ticking the other one, as with radio buttons
            self.choose(name, "local" if column == self.COL_LOCAL else "remote")
            return True
        if column == self.COL_OWN and role == Qt.ItemDataRole.EditRole and name in self._typeable:
            self.type_value(name, "" if value is None else str(value))
            return True  # kept even when refused, so the user sees what is wrong and can fix it
        return False
