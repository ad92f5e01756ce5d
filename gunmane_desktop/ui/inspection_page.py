"""The 点検 page: record an inspection of the asset chosen in the register.

The new inspection's form is on the left and the previous inspection on the right, so the
staffer compares as they type. Saving validates the record (messages beside the fields),
then writes the inspection and its photos in one transaction through the repositories, with
a ChangeContext naming the file's organisation and the OS user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.models import FieldError, ValidationError
from ..storage import asset_record as ar
from ..storage import register_query as rq
from ..storage import ui_queries as uq
from ..storage.attachments import AttachmentStore
from ..storage.database import Database
from ..storage.inspections import InspectionRepository
from .display import date_text
from .editing import gui_change_context
from .grade_colours import grade_background, grade_foreground
from .grade_history_chart import GradeHistoryChart
from .inspection_form import InspectionForm
from .photo_strip import Photo, PhotoStrip


def _bold(label: QLabel, scale: float = 1.0) -> QLabel:
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


class PreviousInspectionPanel(QFrame):
    """The asset's latest inspection: grade, date, who, findings, members and photos."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._grades = rq.grades(db.conn)
        self._scales = {t.id: t.scale_id for t in rq.asset_types(db.conn)}
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = _bold(QLabel(self.tr("Previous inspection")))
        self.empty = QLabel(self.tr("No inspection recorded yet."))
        self.empty.setStyleSheet("color: #595959;")
        self.grade = QLabel()
        self.grade.setContentsMargins(6, 2, 6, 2)
        self.grade.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.date = QLabel()
        self.method = QLabel()
        self.inspector = QLabel()
        self.findings = QLabel()
        self.members = QLabel()
        for label in (self.findings, self.members, self.date, self.inspector, self.method):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.photos = PhotoStrip(editable=False)
        # Photos named by an exchange package that left them out (sync/photos.py).
        self.photos_missing = QLabel()
        self.photos_missing.setStyleSheet("color: #595959;")
        self.trend_heading = _bold(QLabel(self.tr("Grade over time")))
        self.trend = GradeHistoryChart()
        self.trend.setFixedHeight(self.fontMetrics().height() * 11)
        self._details = QWidget()
        form = self._form = QFormLayout(self._details)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Grade"), self.grade)
        form.addRow(self.tr("Inspected on"), self.date)
        form.addRow(self.tr("Method"), self.method)
        form.addRow(self.tr("Inspector"), self.inspector)
        form.addRow(self.tr("Findings"), self.findings)
        form.addRow(self.tr("Members"), self.members)
        form.addRow(self.tr("Photos"), self.photos)
        form.addRow("", self.photos_missing)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty)
        layout.addWidget(self._details)
        layout.addWidget(self.trend_heading)
        layout.addWidget(self.trend)
        layout.addStretch(1)

    def show_latest(self, asset_id: str, asset_type: str) -> ar.HistoryRow | None:
        """Show the asset's latest inspection and its grades over time; returns the latest."""
        history = ar.history(self._db.conn, asset_id)
        latest = history[0] if history else None
        for widget in (self._details, self.trend_heading, self.trend):
            widget.setVisible(latest is not None)
        self.empty.setVisible(latest is None)
        if latest is None:
            return None
        scale = self._scales.get(asset_type)
        self.trend.set_history(history, [g for g in self._grades if g.scale_id == scale])
        self.heading.setText(self.tr("Previous inspection (%n on record)", "", len(history)))
        self.grade.setText(f"{latest.grade_symbol} {latest.grade_label}".strip())
        self.grade.setStyleSheet(f"background: {grade_background(latest.grade_level).name()};"
                                 f" color: {grade_foreground(latest.grade_level).name()};")
        self.date.setText(date_text(latest.inspected_on))
        self.method.setText(latest.method or "—")
        self.inspector.setText(" / ".join(w for w in (latest.inspector_name,
                                                      latest.inspector_org_name) if w) or "—")
        self.findings.setText(latest.findings or "—")
        full = InspectionRepository(self._db).get(latest.inspection_id)
        members = full.members if full else ()
        self.members.setText("\n".join(
            f"{m.member} {m.damage_type} {m.degree} {m.countermeasure}".strip()
            for m in members) or "—")
        store = AttachmentStore(self._db)
        photos = []
        for _link, sha, filename in uq.photo_links(self._db.conn, "inspections",
                                                   latest.inspection_id):
            data = store.get(sha)
            if data is not None:
                photos.append(Photo(filename or sha[:12], "image", data))
        self.photos.set_photos(photos)
        self._form.setRowVisible(self.photos, bool(photos))
        waiting = store.not_received("inspections", latest.inspection_id)
        self.photos_missing.setText(self.tr("%1 photo(s) not received yet: a later exchange package "
                                            "brings them.").replace("%1", str(waiting)))
        self._form.setRowVisible(self.photos_missing, bool(waiting))
        return latest


class InspectionPage(QWidget):
    """Enter a new inspection of one asset; the previous one is shown beside it."""

    inspection_saved = Signal(str, str)
    """An inspection was recorded (asset id, inspection id)."""
    register_requested = Signal()
    """The user wants to pick another asset in the register."""

    def __init__(self, db: Database, *, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today
        self._types = {t.id: t for t in rq.asset_types(db.conn)}
        self._grades = rq.grades(db.conn)
        self._organisations = uq.organisation_choices(db.conn)
        self.asset: dict | None = None
        self.unsaved = False  # the user has typed into the form since it was prepared

        self.hint = QLabel(self.tr("Select an asset in the register (施設台帳) first; its "
                                   "new inspection is entered here."))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #595959; padding: 24px;")
        self.title = _bold(QLabel(), 1.35)
        self.subtitle = QLabel()
        self.choose_button = QPushButton(self.tr("Choose another asset…"))
        self.form = InspectionForm()
        self.previous = PreviousInspectionPanel(db)
        self.save_button = QPushButton(self.tr("Save inspection"))
        self.save_button.setDefault(True)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.status = QLabel()
        self.status.setWordWrap(True)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignTop)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        form_box = QWidget()
        form_box_layout = QVBoxLayout(form_box)
        form_box_layout.setContentsMargins(0, 0, 8, 0)
        form_box_layout.addWidget(self.form)
        form_box_layout.addStretch(1)  # spare height below the form, not between its rows
        scroll.setWidget(form_box)
        previous_scroll = QScrollArea()
        previous_scroll.setWidgetResizable(True)
        previous_scroll.setFrameShape(QFrame.Shape.NoFrame)
        previous_scroll.setWidget(self.previous)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(scroll)
        splitter.addWidget(previous_scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([600, 400])
        splitter.setChildrenCollapsible(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.save_button)

        entry = QWidget()
        entry_layout = QVBoxLayout(entry)
        entry_layout.setContentsMargins(0, 0, 0, 0)
        entry_layout.addLayout(header)
        entry_layout.addWidget(splitter, 1)
        entry_layout.addLayout(buttons)

        self._stack = QStackedWidget()
        self._stack.addWidget(self.hint)
        self._stack.addWidget(entry)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self._stack)

        self.save_button.clicked.connect(self._on_save_clicked)
        self.save_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText))
        save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_shortcut.activated.connect(self._on_save_clicked)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.choose_button.clicked.connect(self.register_requested)
        self.form.changed.connect(self._on_form_changed)

    # -- the asset ----------------------------------------------------------------------
    @property
    def asset_id(self) -> str | None:
        return self.asset["id"] if self.asset else None

    def set_asset(self, asset_id: str | None) -> None:
        """Prepare a new inspection of this asset (None: show the hint)."""
        detail = ar.asset_detail(self._db.conn, asset_id) if asset_id else None
        self.asset = detail
        if detail is None:
            self._stack.setCurrentIndex(0)
            return
        kind = self._types.get(detail["asset_type"])
        scale = kind.scale_id if kind else "soundness"
        self.title.setText(detail["name"])
        self.subtitle.setText(" ・ ".join(x for x in (detail["type_name"], detail["owner_name"],
                                                      detail["route"]) if x))
        self.form.prepare(
            scale=scale, grades=[g for g in self._grades if g.scale_id == scale],
            definitions=uq.grade_definitions(self._db.conn, scale),
            organisations=self._organisations,
            default_org=self._db.site_org or detail["owner"],
            methods=uq.known_methods(self._db.conn, detail["asset_type"]),
            cycle_years=uq.cycle_years(self._db.conn, detail["asset_type"]), today=self._today)
        self.previous.show_latest(detail["id"], detail["asset_type"])
        self.status.setText("")
        self._stack.setCurrentIndex(1)
        self.unsaved = False

    def follow_asset(self, asset_id: str) -> None:
        """Switch to the asset chosen in the register, unless that would discard typing."""
        if asset_id == self.asset_id:
            return
        if self.unsaved and self.asset is not None:
            answer = QMessageBox.question(self, self.tr("Unsaved inspection"), self.tr(
                "The inspection of %1 is not saved. Discard it and enter one for the asset "
                "chosen in the register?").replace("%1", self.asset["name"]))
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.set_asset(asset_id)

    # -- saving -------------------------------------------------------------------------
    def save(self) -> str | None:
        """Validate and record the inspection; returns its id, or None (errors shown)."""
        if self.asset is None:
            return None
        owner = self.asset["owner"]
        inspection, errors = self.form.build(asset_id=self.asset["id"], owner=owner)
        repo = InspectionRepository(self._db)
        if inspection is not None:
            errors = inspection.validate(repo.catalogue, today=self._today)
        if inspection is None or errors:
            self._show_problems(errors)
            return None
        ctx = gui_change_context(self._db, owner)
        photos = self.form.photos.photos()
        try:
            with self._db.transaction():
                repo.add(ctx, inspection)
                store = AttachmentStore(self._db)
                for photo in photos:
                    store.attach(ctx, owner, "inspections", inspection.id, photo.data,
                                 photo.mime, photo.filename)
        except ValidationError as exc:
            self._show_problems(exc.errors)
            return None
        except ValueError as exc:  # a photo refused by the store
            self._show_problems([FieldError("photos", str(exc))])
            return None
        self.set_asset(self.asset["id"])
        self.status.setStyleSheet("color: #1b5e20;")
        self.status.setText(self.tr("Saved: %1, %2 photo(s).").replace(
            "%1", date_text(inspection.inspected_on)).replace("%2", str(len(photos))))
        self.inspection_saved.emit(inspection.asset_id, inspection.id)
        return inspection.id

    def _show_problems(self, errors: Sequence[FieldError]) -> None:
        self.form.show_errors(errors)
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(self.tr("Not saved: please correct the fields marked in red."))

    # -- slots --------------------------------------------------------------------------
    def _on_save_clicked(self) -> None:
        self.save()

    def _on_form_changed(self) -> None:
        self.unsaved = True

    def _on_clear_clicked(self) -> None:
        self.set_asset(self.asset_id)
