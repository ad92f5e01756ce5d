"""The form of one asset: register a new one or correct an existing one, for every type.

Common fields (owner, type, name, route, 架設年, dimensions, coordinates, flags) sit on the
left; the fields of the chosen type (径間数, 管径, 河川名 …, from ``core.type_attributes``)
on the right, stored in the asset's attributes. Years accept 和暦 or 西暦 as people type them
(S45, 昭和45年, 1970, 令和元年, 不明) and the form says how it read them. A field that cannot be
read, or that ``Asset.validate()`` refuses, gets its message underneath; Save refuses until
there is none. Saving goes through ``AssetRepository`` with the GUI's ChangeContext, so the
asset is stamped and audited in one transaction.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.ids import new_id
from ..core.models import Asset, AssetStatus, FieldError, ValidationError
from ..core.organisations import OrgKind
from ..core.type_attributes import (
    FLAG,
    FLAG_NO,
    FLAG_YES,
    AttributeSpec,
    attribute_text,
    attributes_for,
    parse_attribute,
)
from ..core.wareki import WarekiError, format_year, parse_year
from ..storage import register_query as rq
from ..storage.assets import AssetRepository
from ..storage.database import Database
from ..storage.organisations import OrganisationRepository
from .catalogue_names import DEFAULT_LANGUAGE, localised
from .editing import gui_change_context
from .inspection_form import error_label, with_error
from .retire_dialog import RetireDialog

READING_STYLE = "color: #454545;"
_NUMBER_FIELDS = ("length_m", "width_m", "area_m2")
_TEXT_FIELDS = ("name", "name_kana", "route", "address", "external_id", "structure")


def _number_text(value: float | None) -> str:
    """A stored number as typed back; reading it again gives the same value."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(",", "").strip()


class AssetForm(QDialog):
    """Create a new asset (``asset_id`` None) or edit an existing one."""

    asset_saved = Signal(str)
    """The asset was added, changed or retired (its id)."""

    def __init__(self, db: Database, asset_id: str | None = None, parent: QWidget | None = None,
                 *, owner: str | None = None, asset_type: str | None = None,
                 today: dt.date | None = None, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._db = db
        self._language = language  # of the catalogue's names ("ja" or "en")
        self._repo = AssetRepository(db)
        self._today = today
        self.asset: Asset | None = self._repo.get(asset_id) if asset_id else None
        if asset_id and self.asset is None:
            raise KeyError(asset_id)
        self._show_all = False  # after a refused save every message shows, not only touched
        self._touched: set[str] = set()
        self._initial: dict[str, str] = {}
        self._attribute_texts: dict[str, str] = {}
        self.attribute_edits: dict[str, QLineEdit | QComboBox] = {}
        self.retire_dialog: RetireDialog | None = None
        self.setWindowTitle(self.tr("New asset") if self.asset is None
                            else self.tr("Edit asset — %1").replace("%1", self.asset.name))

        self.owner_combo = QComboBox()
        for org in OrganisationRepository(db).all():
            if org.kind in (OrgKind.PREFECTURE, OrgKind.MUNICIPALITY):
                self.owner_combo.addItem(f"{org.name} ({org.code})", org.code)
        self.type_combo = QComboBox()
        self._types = rq.asset_types(db.conn)
        current_scale = None
        if self.asset is not None:
            current_scale = next((t.scale_id for t in self._types
                                  if t.id == self.asset.asset_type), None)
        for t in self._types:
            # An asset keeps its inspection history, so it may only become a type graded on
            # the same scale.
            if current_scale is None or t.scale_id == current_scale:
                self.type_combo.addItem(f"{localised(t.name_ja, t.name_en, language)} "
                                        f"({localised(t.sector_ja, t.sector_en, language)})", t.id)
        self.type_combo.setMaxVisibleItems(12)

        self.edits: dict[str, QLineEdit] = {}
        for key in (*_TEXT_FIELDS, "built_year", *_NUMBER_FIELDS, "lat", "lon"):
            self.edits[key] = QLineEdit()
        self.edits["built_year"].setPlaceholderText(
            self.tr("e.g. S45, 昭和45年, 1970, 不明"))
        self.edits["external_id"].setPlaceholderText(self.tr("e.g. BR0-011002-00001"))
        self.edits["lat"].setPlaceholderText(self.tr("decimal degrees, e.g. 36.3912"))
        self.edits["lon"].setPlaceholderText(self.tr("decimal degrees, e.g. 139.0608"))
        self.built_reading = QLabel()
        self.built_reading.setStyleSheet(READING_STYLE)
        self.emergency_check = QCheckBox(self.tr("Emergency transport route (緊急輸送道路)"))
        self.railway_check = QCheckBox(self.tr("Over a railway (跨線橋)"))
        self.road_check = QCheckBox(self.tr("Over a road (跨道橋)"))
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.status_label = QLabel()

        self.errors: dict[str, QLabel] = {key: error_label() for key in (
            "owner", "asset_type", *_TEXT_FIELDS, "built_year", *_NUMBER_FIELDS, "lat", "lon")}

        common = QFormLayout()
        common.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        common.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        built_box = QWidget()
        built_layout = QVBoxLayout(built_box)
        built_layout.setContentsMargins(0, 0, 0, 0)
        built_layout.setSpacing(2)
        built_layout.addWidget(self.edits["built_year"])
        built_layout.addWidget(self.built_reading)
        built_layout.addWidget(self.errors["built_year"])
        rows: tuple[tuple[str, str, QWidget], ...] = (
            (self.tr("Owner"), "owner", self.owner_combo),
            (self.tr("Type"), "asset_type", self.type_combo),
            (self.tr("Name"), "name", self.edits["name"]),
            (self.tr("Name (kana)"), "name_kana", self.edits["name_kana"]),
            (self.tr("Route"), "route", self.edits["route"]),
            (self.tr("Location"), "address", self.edits["address"]),
            (self.tr("Facility ID"), "external_id", self.edits["external_id"]),
            (self.tr("Built (year)"), "built_year", built_box),
            (self.tr("Length (m)"), "length_m", self.edits["length_m"]),
            (self.tr("Width (m)"), "width_m", self.edits["width_m"]),
            (self.tr("Area (m²)"), "area_m2", self.edits["area_m2"]),
            (self.tr("Structure / form"), "structure", self.edits["structure"]),
            (self.tr("Latitude"), "lat", self.edits["lat"]),
            (self.tr("Longitude"), "lon", self.edits["lon"]),
        )
        for text, key, widget in rows:
            label = QLabel(text)
            label.setBuddy(self.edits["built_year"] if key == "built_year" else widget)
            common.addRow(label, widget if key == "built_year"
                          else with_error(widget, self.errors[key]))
        flags = QVBoxLayout()
        flags.setSpacing(2)
        for check in (self.emergency_check, self.railway_check, self.road_check):
            flags.addWidget(check)
        common.addRow(self.tr("Flags"), flags)

        self.attributes_box = QGroupBox()
        self._attributes_form = QFormLayout(self.attributes_box)
        self._attributes_form.setFieldGrowthPolicy(
            QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._attributes_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        right = QVBoxLayout()
        right.addWidget(self.attributes_box)
        notes_label = QLabel(self.tr("Notes"))
        notes_label.setBuddy(self.notes_edit)
        right.addWidget(notes_label)
        right.addWidget(self.notes_edit)
        right.addWidget(self.status_label)
        right.addStretch(1)

        columns = QHBoxLayout()
        columns.addLayout(common, 3)
        columns.addSpacing(12)
        columns.addLayout(right, 2)
        body = QWidget()
        body.setLayout(columns)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.retire_button = QPushButton(self.tr("Retire…"))
        self.retire_button.setToolTip(self.tr("供用廃止 or 撤去: the asset stays in the file "
                                              "with its history."))
        self.buttons.addButton(self.retire_button, QDialogButtonBox.ButtonRole.ResetRole)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._load(owner, asset_type)
        self.buttons.accepted.connect(self._on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.retire_button.clicked.connect(self._on_retire_clicked)
        self.type_combo.currentIndexChanged.connect(self._on_type_changed)
        self.owner_combo.currentIndexChanged.connect(self._on_any_changed)
        for key, edit in self.edits.items():
            edit.textEdited.connect(lambda _text, key=key: self._on_edited(key))
        self.edits["built_year"].textChanged.connect(self._on_built_changed)
        self.resize(920, 640)

    # -- loading ------------------------------------------------------------------------
    def _load(self, owner: str | None, asset_type: str | None) -> None:
        a = self.asset
        if a is None:
            site = self._db.site_org
            default_owner = owner or site
            index = self.owner_combo.findData(default_owner)
            self.owner_combo.setCurrentIndex(max(0, index))
            self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(asset_type)))
            self.retire_button.hide()
            self.status_label.hide()
        else:
            self.owner_combo.setCurrentIndex(self.owner_combo.findData(a.owner))
            if self.owner_combo.currentIndex() < 0:  # an owner that is no town: show it as is
                self.owner_combo.addItem(a.owner, a.owner)
                self.owner_combo.setCurrentIndex(self.owner_combo.count() - 1)
            # The owner is who exchanges the record; it changes hands only through the exchange.
            self.owner_combo.setEnabled(False)
            self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(a.asset_type)))
            for key in _TEXT_FIELDS:
                self.edits[key].setText(getattr(a, key))
            self.edits["built_year"].setText(
                a.built_year_text or (str(a.built_year) if a.built_year is not None else ""))
            for key in (*_NUMBER_FIELDS, "lat", "lon"):
                self.edits[key].setText(_number_text(getattr(a, key)))
            self.emergency_check.setChecked(a.emergency_route)
            self.railway_check.setChecked(a.over_railway)
            self.road_check.setChecked(a.over_road)
            self.notes_edit.setPlainText(a.notes)
            for specs in (attributes_for(t.id) for t in self._types):
                for spec in specs:
                    if spec.key in a.attributes:
                        self._attribute_texts[spec.key] = attribute_text(
                            spec, a.attributes[spec.key])
            self.status_label.setText(self.tr("Status: %1").replace(
                "%1", AssetRepository.status_label(a.status)))
            self.retire_button.setVisible(a.status is AssetStatus.IN_SERVICE)
        self._initial = {key: edit.text() for key, edit in self.edits.items()}
        self._initial.update({f"attr:{k}": v for k, v in self._attribute_texts.items()})
        self._build_attributes()
        self._on_built_changed(self.edits["built_year"].text())
        self.show_errors([])

    def _build_attributes(self) -> None:
        """Lay out the fields of the chosen type, keeping what was typed for other types."""
        for key, widget in self.attribute_edits.items():
            self._attribute_texts[key] = self._attribute_widget_text(widget)
        while self._attributes_form.rowCount():
            self._attributes_form.removeRow(0)
        self.attribute_edits = {}
        for key in [k for k in self.errors if k.startswith("attr:")]:
            del self.errors[key]
        type_id = self.type_combo.currentData()
        name = self.type_combo.currentText().split(" (")[0]
        self.attributes_box.setTitle(self.tr("Fields of %1").replace("%1", name))
        specs = attributes_for(type_id)
        if not specs:
            empty = QLabel(self.tr("This type has no fields of its own."))
            empty.setStyleSheet(READING_STYLE)
            self._attributes_form.addRow(empty)
        for spec in specs:
            widget = self._attribute_widget(spec)
            self.attribute_edits[spec.key] = widget
            error = error_label()
            self.errors[f"attr:{spec.key}"] = error
            name = localised(spec.label_ja, spec.label_en, self._language)
            text = f"{name} ({spec.unit})" if spec.unit else name
            label = QLabel(text)
            label.setBuddy(widget)
            self._attributes_form.addRow(label, with_error(widget, error))

    def _attribute_widget(self, spec: AttributeSpec) -> QLineEdit | QComboBox:
        text = self._attribute_texts.get(spec.key, "")
        key = f"attr:{spec.key}"
        if spec.kind == FLAG:
            combo = QComboBox()
            combo.addItem(self.tr("— not recorded —"), "")
            combo.addItem(FLAG_YES, FLAG_YES)
            combo.addItem(FLAG_NO, FLAG_NO)
            combo.setCurrentIndex(max(0, combo.findData(text)))
            combo.currentIndexChanged.connect(lambda _i, key=key: self._on_edited(key))
            return combo
        if spec.choices:
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.addItems(spec.choices)
            combo.setEditText(text)
            combo.editTextChanged.connect(lambda _t, key=key: self._on_edited(key))
            return combo
        edit = QLineEdit(text)
        if spec.kind == "year":
            edit.setPlaceholderText(self.tr("e.g. H3, 1991"))
        edit.textEdited.connect(lambda _t, key=key: self._on_edited(key))
        return edit

    @staticmethod
    def _attribute_widget_text(widget: QLineEdit | QComboBox) -> str:
        if isinstance(widget, QLineEdit):
            return widget.text()
        if widget.isEditable():
            return widget.currentText()
        return widget.currentData() or ""

    # -- values -------------------------------------------------------------------------
    def build(self) -> tuple[Asset | None, list[FieldError]]:
        """The asset as entered and every problem found, each naming its field."""
        errors: list[FieldError] = []
        text = {key: edit.text() for key, edit in self.edits.items()}
        base = self.asset
        owner = self.owner_combo.currentData()
        if not owner:
            errors.append(FieldError("owner", self.tr("Choose the owner.")))

        if base is not None and text["built_year"] == self._initial["built_year"]:
            built_year, built_text = base.built_year, base.built_year_text
        else:
            built_text = text["built_year"].strip()
            try:
                built_year = parse_year(built_text).year
            except WarekiError as exc:
                built_year = None
                errors.append(FieldError("built_year", str(exc)))

        numbers: dict[str, float | None] = {}
        for key in (*_NUMBER_FIELDS, "lat", "lon"):
            s = _fold(text[key])
            try:
                numbers[key] = float(s) if s else None
            except ValueError:
                numbers[key] = None
                errors.append(FieldError(key, self.tr("Enter a number, e.g. 12.5.")))

        attributes: dict[str, Any] = dict(base.attributes) if base else {}
        for key, widget in self.attribute_edits.items():
            spec = next(s for s in attributes_for(self.type_combo.currentData()) if s.key == key)
            typed = self._attribute_widget_text(widget)
            if base is not None and typed == self._initial.get(f"attr:{key}", ""):
                continue  # untouched: keep the stored value exactly (1 stays 1, not 1.0)
            try:
                value = parse_attribute(spec, typed)
            except ValueError as exc:
                errors.append(FieldError(f"attr:{key}", str(exc)))
                continue
            if value is None:
                attributes.pop(key, None)
            else:
                attributes[key] = value

        coords_changed = base is None or any(text[k] != self._initial[k] for k in ("lat", "lon"))
        coord_text = base.coord_text if base and not coords_changed else (
            f"{_fold(text['lat'])}, {_fold(text['lon'])}"
            if text["lat"].strip() and text["lon"].strip() else "")
        asset = Asset(
            id=base.id if base else new_id(), owner=owner or "",
            asset_type=self.type_combo.currentData() or "",
            name=text["name"].strip(), name_kana=text["name_kana"].strip(),
            route=text["route"].strip(), address=text["address"].strip(),
            external_id=text["external_id"].strip(), lat=numbers["lat"], lon=numbers["lon"],
            coord_text=coord_text, built_year=built_year, built_year_text=built_text,
            length_m=numbers["length_m"], width_m=numbers["width_m"],
            area_m2=numbers["area_m2"], structure=text["structure"].strip(),
            emergency_route=self.emergency_check.isChecked(),
            over_railway=self.railway_check.isChecked(), over_road=self.road_check.isChecked(),
            status=base.status if base else AssetStatus.IN_SERVICE, attributes=attributes,
            notes=self.notes_edit.toPlainText().strip())
        unreadable = {e.field for e in errors}
        errors += [e for e in asset.validate(self._repo.catalogue, today=self._today)
                   if e.field not in unreadable]
        errors += self._duplicate_id_errors(asset)
        return (None if errors else asset), errors

    def _duplicate_id_errors(self, asset: Asset) -> list[FieldError]:
        if not asset.external_id or not asset.owner:
            return []
        other = self._repo.find_by_external_id(asset.owner, asset.external_id)
        if other is None or other.id == asset.id:
            return []
        return [FieldError("external_id", self.tr("Facility ID %1 is already used by “%2”.")
                           .replace("%1", asset.external_id).replace("%2", other.name))]

    def show_errors(self, errors: list[FieldError]) -> None:
        """Each message under its field; before the first save only for fields touched."""
        by_key: dict[str, list[str]] = {}
        for e in errors:
            key = e.field if e.field in self.errors else "name"
            if self._show_all or key in self._touched:
                by_key.setdefault(key, []).append(e.message)
        for key, label in self.errors.items():
            label.setText("\n".join(by_key.get(key, [])))
            label.setVisible(key in by_key)

    def visible_errors(self) -> dict[str, str]:
        """The messages on screen by field key (for tests and for the status line)."""
        return {k: v.text() for k, v in self.errors.items() if not v.isHidden()}

    def save(self) -> str | None:
        """Validate and save; returns the asset's id, or None with the messages shown."""
        self._show_all = True
        asset, errors = self.build()
        if asset is None:
            self.show_errors(errors)
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(self.tr("Not saved: please correct the fields marked in red."))
            return None
        ctx = gui_change_context(self._db, asset.owner)
        try:
            if self.asset is None:
                self._repo.add(ctx, asset)
            else:
                self._repo.update(ctx, asset)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return None
        except sqlite3.Error as exc:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(self.tr("Not saved: the file could not be written (%1).")
                                 .replace("%1", str(exc)))
            return None
        self.asset = asset
        self.asset_saved.emit(asset.id)
        self.accept()
        return asset.id

    # -- slots --------------------------------------------------------------------------
    def _on_save_clicked(self) -> None:
        self.save()

    def _on_retire_clicked(self) -> None:
        if self.asset is None:
            return
        self.retire_dialog = RetireDialog(self._db, self.asset.id, self, today=self._today)
        self.retire_dialog.asset_retired.connect(self._on_asset_retired)
        self.retire_dialog.open()

    def _on_asset_retired(self, asset_id: str) -> None:
        self.asset_saved.emit(asset_id)
        self.accept()

    def _on_type_changed(self, _index: int) -> None:
        self._build_attributes()
        self._on_edited("asset_type")

    def _on_built_changed(self, text: str) -> None:
        if not text.strip():
            self.built_reading.setText("")
            return
        try:
            year = parse_year(text).year
        except WarekiError:
            self.built_reading.setText("")
            return
        self.built_reading.setText(
            "= " + (f"{year} ({format_year(year)})" if year is not None else format_year(None)))

    def _on_edited(self, key: str) -> None:
        self._touched.add(key)
        self._on_any_changed()

    def _on_any_changed(self, *_args: object) -> None:
        _asset, errors = self.build()
        self.show_errors(errors)
        if not errors:
            self.message.clear()
