"""Table models of the ledger import wizard: the column mapping and the row-level errors.

``MappingModel`` lists the file's headers with sample values and the field each goes to
(editable through a combo box delegate); ``ImportErrorModel`` shows the preview's
RowErrors as file, sheet, row, column, value, reason.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QWidget

from ..ledger.errors import RowError
from ..ledger.mapping import Mapping

_Index = QModelIndex | QPersistentModelIndex

FIELD_KEY_ROLE = Qt.ItemDataRole.UserRole + 1


class MappingModel(QAbstractTableModel):
    """One row per column of the sheet: header, sample values, target field."""

    COL_HEADER, COL_SAMPLE, COL_FIELD = range(3)

    def __init__(self, choices: Sequence[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self._choices = list(choices)  # (field key, label)
        self._labels = dict(self._choices)
        self._headers: list[str] = []
        self._samples: list[str] = []
        self._fields: list[str | None] = []

    @property
    def choices(self) -> list[tuple[str, str]]:
        return self._choices

    def set_columns(self, headers: Sequence[str], samples: Sequence[Sequence[str]],
                    mapping: Mapping | None) -> None:
        """Show a sheet's headers, a sample of each column, and a mapping's fields."""
        self.beginResetModel()
        self._headers = list(headers)
        self._samples = []
        for i in range(len(self._headers)):
            values = [row[i] for row in samples if i < len(row) and row[i].strip()]
            self._samples.append(" / ".join(values[:3]))
        self._fields = [self._known(mapping.field_for(h)) if mapping else None for h in self._headers]
        self.endResetModel()

    def apply_mapping(self, mapping: Mapping) -> None:
        """Take a loaded mapping's field for every header it names."""
        self._fields = [self._known(mapping.field_for(h)) for h in self._headers]
        if self._headers:
            self.dataChanged.emit(self.index(0, self.COL_FIELD),
                                  self.index(len(self._headers) - 1, self.COL_FIELD))

    def _known(self, key: str | None) -> str | None:
        return key if key in self._labels else None

    def mapping(self, *, name: str = "", sheet: str | None = None,
                header_row: int | None = None) -> Mapping:
        """The mapping as the person left it."""
        return Mapping(columns=dict(zip(self._headers, self._fields, strict=True)), name=name,
                       sheet=sheet, header_row=header_row)

    def field_of(self, row: int) -> str | None:
        return self._fields[row]

    def mapped_count(self) -> int:
        return sum(1 for f in self._fields if f)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Column in the file"), self.tr("Sample values"),
                    self.tr("Imported as"))[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == self.COL_FIELD:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if c == self.COL_HEADER:
                return self._headers[r] or self.tr("(blank header)")
            if c == self.COL_SAMPLE:
                return self._samples[r]
            key = self._fields[r]
            return self._labels[key] if key else self.tr("(not imported)")
        if role == Qt.ItemDataRole.EditRole and c == self.COL_FIELD:
            return self._fields[r] or ""
        if role == FIELD_KEY_ROLE:
            return self._fields[r]
        if role == Qt.ItemDataRole.ForegroundRole and c == self.COL_FIELD and not self._fields[r]:
            return Qt.GlobalColor.gray
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.COL_FIELD or role != Qt.ItemDataRole.EditRole:
            return False
        key = value or None
        if key is not None and key not in self._labels:
            return False
        self._fields[index.row()] = key
        self.dataChanged.emit(index, index)
        return True


class FieldDelegate(QStyledItemDelegate):
    """A combo box of target fields (and "not imported") for the mapping column."""

    def __init__(self, model: MappingModel, parent=None) -> None:
        super().__init__(parent)
        self._model = model

    def createEditor(self, parent: QWidget, option, index: _Index) -> QWidget:
        combo = QComboBox(parent)
        combo.addItem(self.tr("(not imported)"), "")
        for key, label in self._model.choices:
            combo.addItem(label, key)
        combo.activated.connect(lambda _i, c=combo: self.commitData.emit(c))
        return combo

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model, index: _Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class ImportErrorModel(QAbstractTableModel):
    """The preview's row-level errors, as the error report lists them."""

    COL_FILE, COL_SHEET, COL_ROW, COL_COLUMN, COL_VALUE, COL_REASON = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._errors: list[RowError] = []

    def set_errors(self, errors: Sequence[RowError]) -> None:
        self.beginResetModel()
        self._errors = list(errors)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._errors)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("File"), self.tr("Sheet"), self.tr("Row"), self.tr("Column"),
                    self.tr("Value"), self.tr("Reason"))[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        e = self._errors[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return (e.file, e.sheet, str(e.row), e.column, e.value, e.reason)[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == self.COL_ROW:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
