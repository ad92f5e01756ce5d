"""Member-level findings of an inspection (様式1): an editable table model and its editors.

Each row is one member with its damage type, 損傷程度 (a-e), member grade and 対策区分.
Damage types are offered from the 26 of the national inspection guideline but any text is
accepted (prefectures add their own); degree and 対策区分 are picked from lists, so a
typing slip cannot reach ``MemberFinding.validate``.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..core.models import COUNTERMEASURE_CLASSES, DAMAGE_DEGREES, MemberFinding

# The 26 damage types of the 道路橋定期点検要領 (suggestions; free text is accepted).
DAMAGE_TYPES = (
    "腐食", "亀裂", "ゆるみ・脱落", "破断", "防食機能の劣化", "ひびわれ", "剥離・鉄筋露出",
    "漏水・遊離石灰", "抜け落ち", "補修・補強材の損傷", "床版ひびわれ", "うき", "遊間の異常",
    "路面の凹凸", "舗装の異常", "支承部の機能障害", "その他", "定着部の異常", "変色・劣化",
    "漏水・滞水", "異常な音・振動", "異常なたわみ", "変形・欠損", "土砂詰まり",
    "沈下・移動・傾斜", "洗掘",
)
MEMBERS = ("主桁", "横桁", "床版", "下部構造", "支承部", "伸縮装置", "高欄・防護柵", "排水施設",
           "舗装", "覆工", "坑門", "側壁")

_Index = QModelIndex | QPersistentModelIndex
_FIELDS = ("member", "damage_type", "degree", "member_grade", "countermeasure", "note")


class MemberTableModel(QAbstractTableModel):
    """Rows of member findings being entered; every cell is editable text."""

    COL_MEMBER, COL_DAMAGE, COL_DEGREE, COL_GRADE, COL_COUNTERMEASURE, COL_NOTE = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[dict[str, str]] = []
        self._grade_symbols: dict[str, str] = {}
        self._headers = (self.tr("Member"), self.tr("Damage type"), self.tr("Degree (a–e)"),
                         self.tr("Member grade"), self.tr("Countermeasure class"),
                         self.tr("Note"))

    def set_grade_symbols(self, symbols: dict[str, str]) -> None:
        """Grade code -> symbol of the asset's scale, for the member-grade column."""
        self._grade_symbols = dict(symbols)

    def grade_choices(self) -> list[tuple[str, str]]:
        """(symbol, code) of the member grades that can be picked, best first."""
        return [(symbol, code) for code, symbol in self._grade_symbols.items()]

    # -- rows ---------------------------------------------------------------------------
    def add_row(self, member: str = "") -> int:
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append({name: "" for name in _FIELDS} | {"member": member})
        self.endInsertRows()
        return row

    def remove_row(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self.endResetModel()

    def set_findings(self, findings: Sequence[MemberFinding]) -> None:
        self.beginResetModel()
        self._rows = [{name: getattr(f, name) for name in _FIELDS} for f in findings]
        self.endResetModel()

    def findings(self) -> tuple[MemberFinding, ...]:
        """The rows as MemberFindings; rows left entirely empty are dropped."""
        return tuple(MemberFinding(**{k: v.strip() for k, v in r.items()})
                     for r in self._rows if any(v.strip() for v in r.values()))

    # -- Qt -----------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self.COLUMN_COUNT:
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        value = self._rows[index.row()][_FIELDS[index.column()]]
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == self.COL_GRADE:
                return self._grade_symbols.get(value, value)
            return value
        return None

    def setData(self, index: _Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (role != Qt.ItemDataRole.EditRole or not index.isValid()
                or not 0 <= index.row() < len(self._rows)):
            return False
        self._rows[index.row()][_FIELDS[index.column()]] = str(value or "")
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])
        return True


class MemberChoiceDelegate(QStyledItemDelegate):
    """Combo-box editors: free text with suggestions for member and damage type, fixed
    lists for degree, member grade and 対策区分."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex) -> QWidget:
        model = index.model()
        column = index.column()
        if column == MemberTableModel.COL_NOTE:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        if column in (MemberTableModel.COL_MEMBER, MemberTableModel.COL_DAMAGE):
            combo.setEditable(True)
            combo.addItems(MEMBERS if column == MemberTableModel.COL_MEMBER else DAMAGE_TYPES)
        elif column == MemberTableModel.COL_DEGREE:
            combo.addItems(["", *DAMAGE_DEGREES])
        elif column == MemberTableModel.COL_COUNTERMEASURE:
            combo.addItems(["", *COUNTERMEASURE_CLASSES])
        elif column == MemberTableModel.COL_GRADE:
            combo.addItem("", "")
            source = model.sourceModel() if hasattr(model, "sourceModel") else model
            for symbol, code in source.grade_choices():
                combo.addItem(symbol, code)
        return combo

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if not isinstance(editor, QComboBox):
            super().setEditorData(editor, index)
            return
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        found = editor.findData(value) if index.column() == MemberTableModel.COL_GRADE else \
            editor.findText(value)
        if found >= 0:
            editor.setCurrentIndex(found)
        elif editor.isEditable():
            editor.setEditText(value)

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:
        if not isinstance(editor, QComboBox):
            super().setModelData(editor, model, index)
            return
        if index.column() == MemberTableModel.COL_GRADE:
            model.setData(index, editor.currentData() or "")
        else:
            model.setData(index, editor.currentText())
