"""Open conflicts: the list, one conflict side by side (ours, theirs, the common base), and
the choice: keep ours, take theirs, or merge field by field (a tick per field, or a value
of one's own).

The view only emits what the user chose; the page resolves it (it owns the database).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..sync import Conflict
from .conflict_merge_model import ConflictMergeModel
from .exchange_models import ConflictListModel, field_label, table_label
from .exchange_preview import make_table

ERROR_STYLE = "color: #b00020;"


class ConflictView(QWidget):
    """List of open conflicts with a per-field comparison, keep-ours / take-theirs buttons and
    an edited merge of the values ticked or typed per field."""

    resolution_chosen = Signal(int, str)
    """The user chose how to resolve a conflict: its id and "local" or "remote"."""

    merge_chosen = Signal(int, str, object)
    """The user confirmed an edited merge: the conflict's id, the side kept ("local" or
    "remote") and the field -> value edits on top of it (``ConflictMergeModel.merge``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list_model = ConflictListModel(self)
        self.list = make_table(self.list_model)
        self.fields_model = ConflictMergeModel(self)
        self.fields = make_table(self.fields_model)
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                    | QAbstractItemView.EditTrigger.EditKeyPressed
                                    | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.fields_model.dataChanged.connect(self._show_problems)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.keep_ours = QPushButton(self.tr("Keep ours"))
        self.keep_ours.setToolTip(self.tr("Keep this file's version; it is sent onward as a new edit."))
        self.take_theirs = QPushButton(self.tr("Take theirs"))
        self.take_theirs.setToolTip(self.tr("Take the received version; it is sent onward as a new edit."))
        self.keep_ours.clicked.connect(lambda: self._choose("local"))
        self.take_theirs.clicked.connect(lambda: self._choose("remote"))
        self.merge_button = QPushButton(self.tr("Merge the chosen values…"))
        self.merge_button.setToolTip(self.tr(
            "Tick ours or theirs for each differing field, or type a value of your own; the "
            "merged row is sent onward as a new edit."))
        self.merge_button.clicked.connect(self._on_merge_clicked)
        self.merge_message = QLabel()
        self.merge_message.setWordWrap(True)
        self.merge_message.setStyleSheet(ERROR_STYLE)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(self.keep_ours)
        buttons.addWidget(self.take_theirs)
        merge_row = QHBoxLayout()
        merge_row.addWidget(self.merge_message, 1)
        merge_row.addWidget(self.merge_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(buttons)
        lower_layout.addWidget(self.fields)
        lower_layout.addLayout(merge_row)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self._conflicts: list[Conflict] = []
        self._org_names: dict[str, str] = {}
        self._show(None)

    def set_conflicts(self, conflicts: Sequence[Conflict], org_names: dict[str, str] | None = None) -> None:
        """Show ``conflicts`` (organisations named by ``org_names``) and select the first."""
        self._conflicts = list(conflicts)
        self._org_names = dict(org_names or {})
        self.list_model.set_conflicts(self._conflicts, self._org_names)
        self.list.resizeColumnsToContents()
        if self._conflicts:
            self.select(0)
        else:
            self._show(None)

    def select(self, row: int) -> None:
        """Select the conflict in ``row`` of the list."""
        index = self.list_model.index(row, 0)
        self.list.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show(self._conflicts[row])

    def current(self) -> Conflict | None:
        index = self.list.currentIndex()
        return self._conflicts[index.row()] if index.isValid() and self._conflicts else None

    def set_enabled_actions(self, enabled: bool) -> None:
        has = self.current() is not None
        self.keep_ours.setEnabled(enabled and has)
        self.take_theirs.setEnabled(enabled and has)
        self.merge_button.setEnabled(enabled and has)

    def _on_current_changed(self, current, _previous) -> None:
        self._show(self._conflicts[current.row()] if current.isValid() else None)

    def _show(self, conflict: Conflict | None) -> None:
        self.fields_model.set_conflict(conflict)
        self.fields.setColumnHidden(ConflictMergeModel.COL_BASE, not self.fields_model.has_base())
        self.fields.resizeColumnsToContents()
        self.merge_message.setText("")
        if conflict is None:
            self.heading.setText(self.tr("No open conflicts.") if not self._conflicts
                                 else self.tr("Choose a conflict to compare."))
        else:
            self.heading.setText(
                self.tr("%1 %2 changed here and at %3 (%4). Differing fields are highlighted.")
                .replace("%1", table_label(conflict.table))
                .replace("%2", conflict.local.get("name") or conflict.row_id)
                .replace("%3", self._org_names.get(conflict.sender, conflict.sender))
                .replace("%4", conflict.package))
        self.keep_ours.setEnabled(conflict is not None)
        self.take_theirs.setEnabled(conflict is not None)
        self.merge_button.setEnabled(conflict is not None)

    def _choose(self, keep: str) -> None:
        conflict = self.current()
        if conflict is not None:
            self.resolution_chosen.emit(conflict.seq, keep)

    def _show_problems(self, *_args) -> None:
        self.merge_message.setText(" ".join(self.fields_model.problems()))

    def _on_merge_clicked(self) -> None:
        conflict = self.current()
        if conflict is None:
            return
        problems = self.fields_model.problems()
        if problems:  # refused before anything is written; the cell says which value
            self.merge_message.setText(" ".join(problems))
            return
        keep, edits = self.fields_model.merge()
        values = self.fields_model.chosen_values()
        lines = "\n".join(f"{field_label(k)}: {'' if v is None else v}" for k, v in sorted(values.items()))
        answer = QMessageBox.question(
            self, self.tr("Merge the chosen values"),
            self.tr("Resolve conflict %1 with these values? The merged row is sent onward as a new edit.")
            .replace("%1", str(conflict.seq)) + "\n\n" + lines)
        if answer == QMessageBox.StandardButton.Yes:
            self.merge_chosen.emit(conflict.seq, keep, edits)
