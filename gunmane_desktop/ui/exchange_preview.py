"""The review-before-merge panel: totals, a table per organisation and table, the rejections.

It only shows a ``Preview`` computed by the sync package (a dry-run import); applying is the
page's business.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..sync import Preview
from .exchange_models import PreviewModel, RejectionModel


def make_table(model, *, stretch_last: bool = True) -> QTableView:
    """A read-only, row-selecting table view in the house look."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class ImportPreviewPanel(QWidget):
    """What a received package would change, before anything is written."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = PreviewModel(self)
        self.table = make_table(self.model, stretch_last=False)
        self.rejections_label = QLabel()
        self.rejection_model = RejectionModel(self)
        self.rejections = make_table(self.rejection_model)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.rejections_label)
        lower_layout.addWidget(self.rejections)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self.show_preview(None, {})

    def show_preview(self, preview: Preview | None, org_names: dict[str, str]) -> None:
        """Show ``preview`` (None: nothing chosen yet)."""
        self.model.set_preview(preview, org_names)
        self.rejection_model.set_rows(preview.rejections if preview else [])
        if preview is None:
            self.summary.setText(self.tr("Choose a package to see what it would change."))
        else:
            t = preview.totals()
            sender = org_names.get(preview.sender, "")
            who = f"{sender} ({preview.sender})" if sender else preview.sender
            self.summary.setText(
                self.tr("%1 from %2: new %3, updated %4, unchanged %5, conflicts %6, rejected %7")
                .replace("%1", preview.package).replace("%2", who)
                .replace("%3", f"{t['new']:,}").replace("%4", f"{t['updated']:,}")
                .replace("%5", f"{t['unchanged']:,}").replace("%6", f"{t['conflicts']:,}")
                .replace("%7", f"{t['rejected']:,}"))
        count = len(preview.rejections) if preview else 0
        self.rejections_label.setText(self.tr("Rejected rows and why: %1").replace("%1", f"{count:,}"))
        self.table.resizeColumnsToContents()
        self.rejections.resizeColumnsToContents()
