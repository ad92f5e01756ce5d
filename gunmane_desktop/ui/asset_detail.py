"""The detail pane beside the register: one asset's fields, inspection history and measures.

Field names go through tr() like every UI word (``_field_labels``), so English shows English
and the Japanese translation keeps the domain's labels (those of ``core.models.FIELD_LABELS_JA``,
which audit summaries and messages still use). The built year is shown in 和暦 with 西暦 and
the ledger's original spelling.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.models import AssetStatus
from ..storage import asset_record as ar
from .display import built_year_wareki, fiscal_year_with_western, length_text
from .grade_colours import grade_background, grade_foreground
from .history_models import InspectionHistoryModel, MeasureTableModel

# Fields shown in the form, in order. Empty optional ones are left out.
_FIELDS = ("owner", "asset_type", "external_id", "name_kana", "route", "address", "built_year",
           "length_m", "width_m", "area_m2", "structure", "status", "coordinates", "grade",
           "next_due", "notes")
_ALWAYS = {"owner", "asset_type", "route", "address", "built_year", "length_m", "status",
           "grade", "next_due"}
_FLAGS = ("emergency_route", "over_railway", "over_road")


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view


class AssetDetailPane(QWidget):
    """Shows the asset chosen in the register; empty with a hint until one is chosen."""

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self.asset_id: str | None = None

        self._stack = QStackedWidget()
        self._hint = QLabel(self.tr("Select an asset in the register to see its details, "
                                    "inspection history and measures."))
        self._hint.setWordWrap(True)
        self._hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._hint.setStyleSheet("color: #595959; padding: 24px;")
        self._stack.addWidget(self._hint)

        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)

        self._form_widget = QWidget()
        self._form = QFormLayout(self._form_widget)
        self._form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._form_widget)

        self.history_model = InspectionHistoryModel(self)
        self.history_view = _table(self.history_model)
        self.history_caption = QLabel()
        self.history_empty = QLabel(self.tr("No inspection recorded yet."))
        self.measure_model = MeasureTableModel(self)
        self.measure_view = _table(self.measure_model)
        self.measure_caption = QLabel()
        self.measure_empty = QLabel(self.tr("No measure recorded."))

        fields = QWidget()
        fields_layout = QVBoxLayout(fields)
        fields_layout.setContentsMargins(0, 0, 0, 0)
        fields_layout.addWidget(self.title)
        fields_layout.addWidget(self.subtitle)
        fields_layout.addWidget(scroll, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(fields)
        splitter.addWidget(self._titled(self.history_caption, self.history_view,
                                        self.history_empty))
        splitter.addWidget(self._titled(self.measure_caption, self.measure_view,
                                        self.measure_empty))
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([500, 330, 170])
        self._splitter = splitter
        self._stack.addWidget(splitter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self._stack)

    @staticmethod
    def _titled(caption: QLabel, view: QTableView, empty: QLabel) -> QWidget:
        font = caption.font()
        font.setBold(True)
        caption.setFont(font)
        empty.setStyleSheet("color: #595959; padding: 4px;")
        empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(view, 1)
        layout.addWidget(empty, 1)
        return box

    # -- content ------------------------------------------------------------------------
    def clear(self) -> None:
        self.asset_id = None
        self.history_model.set_rows([])
        self.measure_model.set_rows([])
        self._stack.setCurrentIndex(0)

    def show_asset(self, asset_id: str | None) -> None:
        """Show an asset by id; None (or an id no longer in the file) empties the pane."""
        detail = ar.asset_detail(self._conn, asset_id) if asset_id else None
        if detail is None:
            self.clear()
            return
        self.asset_id = asset_id
        self.title.setText(detail["name"])
        self.subtitle.setText(f"{detail['type_name']} ・ {detail['owner_name']}")
        self._fill_form(detail)
        inspections = ar.history(self._conn, detail["id"])
        self.history_model.set_rows(inspections)
        self.history_caption.setText(
            self.tr("Inspection history (%n)", "", len(inspections)))
        measures = ar.measures(self._conn, detail["id"])
        self.measure_model.set_rows(measures)
        self.measure_caption.setText(self.tr("Measures (%n)", "", len(measures)))
        for view, empty, rows in ((self.history_view, self.history_empty, inspections),
                                  (self.measure_view, self.measure_empty, measures)):
            view.setVisible(bool(rows))
            empty.setVisible(not rows)
        self._stack.setCurrentIndex(1)

    def _fill_form(self, d: dict[str, Any]) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        values = self._values(d)
        for key in _FIELDS:
            value = values.get(key, "")
            if not value and key not in _ALWAYS:
                continue
            label = QLabel(value or "—")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key == "grade" and d["grade_symbol"]:
                level = d["grade_level"]
                label.setWordWrap(False)
                # Margins, unlike style-sheet padding, count in the size hint: no clipping.
                label.setContentsMargins(6, 2, 6, 2)
                label.setStyleSheet(f"background: {grade_background(level).name()}; "
                                    f"color: {grade_foreground(level).name()};")
                label.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
            self._form.addRow(self._label_for(key), label)

    def shown_fields(self) -> list[tuple[str, str]]:
        """The (label, value) rows of the form as the user reads them, top to bottom."""
        rows = []
        for row in range(self._form.rowCount()):
            label = self._form.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            value = self._form.itemAt(row, QFormLayout.ItemRole.FieldRole).widget()
            rows.append((label.text(), value.text()))
        return rows

    def _label_for(self, key: str) -> str:
        return self._field_labels()[key]

    def _field_labels(self) -> dict[str, str]:
        """The label of each field and flag, translated when asked (never at import time)."""
        return {
            "owner": self.tr("Owner"), "asset_type": self.tr("Type"),
            "external_id": self.tr("Asset ID"), "name_kana": self.tr("Name (kana)"),
            "route": self.tr("Route"), "address": self.tr("Location"),
            "built_year": self.tr("Built"), "length_m": self.tr("Length (m)"),
            "width_m": self.tr("Width (m)"), "area_m2": self.tr("Area (m²)"),
            "structure": self.tr("Structure and form"), "status": self.tr("Asset status"),
            "coordinates": self.tr("Latitude, longitude"), "grade": self.tr("Latest grade"),
            "next_due": self.tr("Next inspection"), "notes": self.tr("Notes"),
            "emergency_route": self.tr("Emergency route"),
            "over_railway": self.tr("Over a railway"), "over_road": self.tr("Over a road"),
        }

    def _status_text(self, status: AssetStatus) -> str:
        return {AssetStatus.IN_SERVICE: self.tr("In service"),
                AssetStatus.RETIRED: self.tr("Retired"),
                AssetStatus.REMOVED: self.tr("Removed")}[status]

    def _values(self, d: dict[str, Any]) -> dict[str, str]:
        def metres(value: float | None, unit: str = "m") -> str:
            return f"{length_text(value)} {unit}" if value is not None else ""

        labels = self._field_labels()
        # The list separator is translated too: "、" in Japanese, ", " in English.
        separator = self.tr(", ")
        flags = separator.join(labels[f] for f in _FLAGS if d[f])
        structure = separator.join(x for x in (d["structure"], flags) if x)
        coordinates = (f"{d['lat']:.6f}, {d['lon']:.6f}" if d["lat"] is not None
                       else d["coord_text"])
        grade = ""
        if d["grade_symbol"]:
            grade = f"{d['grade_symbol']} {d['grade_label']}"
            if d["last_fiscal_year"] is not None:
                grade += f"  ({fiscal_year_with_western(d['last_fiscal_year'])})"
        else:
            grade = self.tr("Not inspected")
        return {
            "owner": d["owner_name"], "asset_type": d["type_name"],
            "external_id": d["external_id"], "name_kana": d["name_kana"], "route": d["route"],
            "address": d["address"],
            "built_year": built_year_wareki(d["built_year"], d["built_year_text"],
                                            unknown=self.tr("Unknown"),
                                            as_written=self.tr("as written: %1")),
            "length_m": metres(d["length_m"]), "width_m": metres(d["width_m"]),
            "area_m2": metres(d["area_m2"], "m²"), "structure": structure,
            "status": self._status_text(AssetStatus(d["status"])),
            "coordinates": coordinates, "grade": grade,
            "next_due": fiscal_year_with_western(d["next_due_fy"]), "notes": d["notes"],
        }
