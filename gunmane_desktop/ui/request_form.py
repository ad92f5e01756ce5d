"""Residents' requests (住民要望) of a contract: record one, order the work, mark it done.

Three small dialogs, each one save through the contracts repository with the GUI's change
context (audited, one undo step):

* ``RequestDialog`` records what the resident reported: when, where (a place and, if known, an
  asset of the contract's scope), the category, a description, an optional photo, and the
  reporter's name, phone and address. The contact goes to ``request_contacts``, the town's
  local-only table that no exchange package carries.
* ``WorkOrderDialog`` gives the work to the contract's contractor (作業指示), and
* ``CompletionDialog`` records when it was fixed, from which the response time (and the
  contract's response-time KPIs) follow.

Times are the town's wall clock (JST), to the minute. Each problem is shown beside its field
and nothing is written until every field reads.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.contracts import Contract
from ..core.ids import new_id
from ..core.models import FieldError
from ..core.performance import (
    RequestCategory,
    ResidentContact,
    ResidentRequest,
    WorkOrder,
)
from ..storage import contract_queries as cq
from ..storage.attachments import AttachmentStore
from ..storage.changes import ChangeContext
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .catalogue_names import DEFAULT_LANGUAGE
from .contract_names import request_category_name
from .editing import gui_change_context
from .field_errors import FieldErrorDisplay
from .inspection_form import error_label, with_error
from .photo_strip import IMAGE_FILTER, Photo, read_photo

_PHONE = re.compile(r"^[0-9()+\- ]{6,20}$")
#: How far ahead of the computer's clock a time may be (a slow office PC clock), in minutes.
_CLOCK_SLACK = dt.timedelta(minutes=10)

#: After a save, the page passes the save's context here so that derived values (the
#: response-time KPIs) are written in the same transaction and undone with it.
AfterSave = Callable[[ChangeContext, ResidentRequest], None]


def now_minute() -> dt.datetime:
    """The computer's local time to the minute (what a staffer would write down)."""
    return dt.datetime.now().replace(second=0, microsecond=0)


def _qdatetime(moment: dt.datetime) -> QDateTime:
    return QDateTime(QDate(moment.year, moment.month, moment.day), QTime(moment.hour, moment.minute))


def _pydatetime(value: QDateTime) -> dt.datetime:
    d, t = value.date(), value.time()
    return dt.datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())


def _datetime_edit(moment: dt.datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(_qdatetime(moment))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


class _EntryDialog(FieldErrorDisplay, QDialog):
    """Shared parts: per-field error labels, a Save/Cancel bar, a status line."""

    def __init__(self, db: Database, contract: Contract, parent: QWidget | None,
                 now: dt.datetime | None, language: str) -> None:
        super().__init__(parent)
        self._db = db
        self._language = language
        self._repo = ContractRepository(db)
        self.contract = contract
        self._now = now or now_minute()
        self.errors: dict[str, QLabel] = {}
        self.after_save: AfterSave | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        # Each dialog's ``save`` validates, writes and closes; a refused save keeps it open.
        self.buttons.accepted.connect(self.save)  # type: ignore[attr-defined]
        self.buttons.rejected.connect(self.reject)

    def _field(self, key: str, widget: QWidget) -> QWidget:
        self.errors[key] = error_label()
        return with_error(widget, self.errors[key])


class RequestDialog(_EntryDialog):
    """A new resident's request under one contract."""

    request_saved = Signal(str)
    """The request was saved (its id)."""

    def __init__(self, db: Database, contract: Contract, parent: QWidget | None = None, *,
                 now: dt.datetime | None = None, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(db, contract, parent, now, language)
        self.setWindowTitle(self.tr("New resident's request"))
        self.saved_id: str | None = None
        self._photo: Photo | None = None
        names = cq.org_names(db.conn)

        self.received_edit = _datetime_edit(self._now)
        self.town_combo = QComboBox()
        for o in contract.orderers:
            self.town_combo.addItem(names.get(o.org, o.org), o.org)
        site = db.site_org if db.site_org in {o.org for o in contract.orderers} else contract.owner
        self.town_combo.setCurrentIndex(max(0, self.town_combo.findData(site)))
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("e.g. 町道12号線 汐見橋の南 50 m"))
        self.asset_combo = QComboBox()
        self.asset_combo.addItem(self.tr("(no asset / not known)"), None)
        for asset_id, name, owner in self._repo.scope_assets(contract.id):
            self.asset_combo.addItem(f"{name} ({names.get(owner, owner)})", asset_id)
        self.category_combo = QComboBox()
        self.category_combo.addItem(self.tr("— choose —"), None)
        for category in RequestCategory:
            self.category_combo.addItem(request_category_name(category, language), str(category))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.photo_button = QPushButton(self.tr("Choose a photo…"))
        self.photo_button.clicked.connect(self._on_photo_clicked)
        self.photo_label = QLabel(self.tr("(no photo)"))
        photo_row = QWidget()
        photo_layout = QHBoxLayout(photo_row)
        photo_layout.setContentsMargins(0, 0, 0, 0)
        photo_layout.addWidget(self.photo_button)
        photo_layout.addWidget(self.photo_label, 1)
        self.name_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.phone_edit.setPlaceholderText(self.tr("e.g. 0250-12-3456"))
        self.address_edit = QLineEdit()

        form = QFormLayout()
        form.addRow(self.tr("Received"), self._field("received_at", self.received_edit))
        form.addRow(self.tr("Town"), self.town_combo)
        form.addRow(self.tr("Category"), self._field("category", self.category_combo))
        form.addRow(self.tr("Place"), self._field("place", self.place_edit))
        form.addRow(self.tr("Asset"), self.asset_combo)
        form.addRow(self.tr("Description"), self.description_edit)
        form.addRow(self.tr("Photo"), self._field("photo", photo_row))
        contact = QLabel(self.tr("Reporter (optional; kept in this file only, never exchanged)"))
        contact.setWordWrap(True)
        form.addRow(contact)
        form.addRow(self.tr("Name"), self.name_edit)
        form.addRow(self.tr("Phone"), self._field("phone", self.phone_edit))
        form.addRow(self.tr("Address"), self.address_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(600, 700)
        self.show_errors([])

    # -- photo ---------------------------------------------------------------------------------
    def set_photo_file(self, path: str | Path) -> bool:
        """Take the photo from an image file; a file that is not one is refused beside the field."""
        try:
            self._photo = read_photo(Path(path))
        except (OSError, ValueError) as exc:
            self._photo = None
            self.photo_label.setText(self.tr("(no photo)"))
            self.show_errors([FieldError("photo", str(exc))])
            return False
        self.photo_label.setText(self._photo.filename)
        self.errors["photo"].hide()
        return True

    def _on_photo_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Photo of the request"), "",
                                              f"{self.tr('Images')} ({IMAGE_FILTER})")
        if path:
            self.set_photo_file(path)

    # -- values --------------------------------------------------------------------------------
    def contact(self, request_id: str) -> ResidentContact | None:
        name, phone, address = (e.text().strip() for e in (self.name_edit, self.phone_edit,
                                                          self.address_edit))
        return ResidentContact(request_id, name, phone, address) if (name or phone or address) else None

    def build(self) -> tuple[ResidentRequest | None, list[FieldError]]:
        """The request as entered, or None with the problems found."""
        errors: list[FieldError] = []
        received = _pydatetime(self.received_edit.dateTime())
        if received > self._now + _CLOCK_SLACK:
            errors.append(FieldError("received_at", self.tr("The request cannot be received in the future.")))
        category = self.category_combo.currentData()
        if not category:
            errors.append(FieldError("category", self.tr("Choose what the request is about.")))
        place = self.place_edit.text().strip()
        asset_id = self.asset_combo.currentData()
        if not place and not asset_id:
            errors.append(FieldError("place", self.tr("Enter the place, or choose the asset.")))
        phone = unicodedata.normalize("NFKC", self.phone_edit.text()).strip()
        if phone and not _PHONE.match(phone):
            errors.append(FieldError("phone", self.tr("“%1” is not a phone number.").replace(
                "%1", self.phone_edit.text().strip())))
        if errors:
            return None, errors
        return ResidentRequest(
            id=new_id(), owner=self.town_combo.currentData() or self.contract.owner, received_at=received,
            category=RequestCategory(category), place=place, asset_id=asset_id,
            contract_id=self.contract.id,
            description=self.description_edit.toPlainText().strip()), []

    def save(self) -> str | None:
        """Validate and save the request (with its photo and contact); returns its id."""
        request, errors = self.build()
        if request is None:
            self.show_errors(errors)
            return None
        self.phone_edit.setText(unicodedata.normalize("NFKC", self.phone_edit.text()).strip())
        ctx = gui_change_context(self._db, request.owner)
        try:
            with self._db.transaction():
                if self._photo is not None:
                    request.photo_sha256 = AttachmentStore(self._db).put(self._photo.data, self._photo.mime)
                self._repo.add_request(ctx, request, self.contact(request.id))
                if self.after_save is not None:
                    self.after_save(ctx, request)
        except ValueError as exc:  # a photo refused by the store
            self.show_errors([FieldError("photo", str(exc))])
            return None
        self.saved_id = request.id
        self.request_saved.emit(request.id)
        self.accept()
        return request.id


class WorkOrderDialog(_EntryDialog):
    """Order the work of one request from the contract's contractor (作業指示)."""

    order_saved = Signal(str)
    """The work order was saved (its id)."""

    def __init__(self, db: Database, contract: Contract, request: ResidentRequest,
                 parent: QWidget | None = None, *, now: dt.datetime | None = None,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(db, contract, parent, now, language)
        self.setWindowTitle(self.tr("Order the work"))
        self.request = request
        self.saved_id: str | None = None
        names = cq.org_names(db.conn)
        contractor = contract.contractor
        self.contractor_label = QLabel(names.get(contractor, contractor) if contractor
                                       else self.tr("(not awarded)"))
        self.ordered_edit = _datetime_edit(max(self._now, request.received_at))
        self.work_edit = QLineEdit()
        self.work_edit.setPlaceholderText(self.tr("e.g. 穴埋め (常温合材)"))
        form = QFormLayout()
        form.addRow(self.tr("Request"), QLabel(_request_text(request, language)))
        form.addRow(self.tr("Contractor"), self._field("contractor", self.contractor_label))
        form.addRow(self.tr("Ordered"), self._field("ordered_at", self.ordered_edit))
        form.addRow(self.tr("Work"), self.work_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(520, 260)
        self.show_errors([])

    def build(self) -> tuple[WorkOrder | None, list[FieldError]]:
        errors: list[FieldError] = []
        if not self.contract.contractor:
            errors.append(FieldError("contractor", self.tr(
                "The contract has no contractor yet: record the tender that awarded it first.")))
        ordered = _pydatetime(self.ordered_edit.dateTime())
        if ordered < self.request.received_at:
            errors.append(FieldError("ordered_at", self.tr("The order cannot be before the request was "
                                                           "received (%1).").replace(
                "%1", self.request.received_at.strftime("%Y-%m-%d %H:%M"))))
        elif ordered > self._now + _CLOCK_SLACK:
            errors.append(FieldError("ordered_at", self.tr("The order cannot be in the future.")))
        if errors:
            return None, errors
        assert self.contract.contractor is not None
        return WorkOrder(id=new_id(), owner=self.request.owner, request_id=self.request.id,
                         contract_id=self.contract.id, contractor=self.contract.contractor,
                         ordered_at=ordered, work_done=self.work_edit.text().strip()), []

    def save(self) -> str | None:
        order, errors = self.build()
        if order is None:
            self.show_errors(errors)
            return None
        ctx = gui_change_context(self._db, order.owner)
        with self._db.transaction():
            self._repo.add_work_order(ctx, order)
            if self.after_save is not None:
                self.after_save(ctx, self.request)
        self.saved_id = order.id
        self.order_saved.emit(order.id)
        self.accept()
        return order.id


class CompletionDialog(_EntryDialog):
    """Record when the ordered work of a request was finished."""

    completion_saved = Signal(str)
    """The work order was marked completed (its id)."""

    def __init__(self, db: Database, contract: Contract, request: ResidentRequest, order: WorkOrder,
                 parent: QWidget | None = None, *, now: dt.datetime | None = None,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(db, contract, parent, now, language)
        self.setWindowTitle(self.tr("Work completed"))
        self.request = request
        self.order = order
        self.completed_edit = _datetime_edit(max(self._now, order.ordered_at))
        self.work_edit = QLineEdit(order.work_done)
        self.response_label = QLabel()
        self.completed_edit.dateTimeChanged.connect(self._show_response)
        form = QFormLayout()
        form.addRow(self.tr("Request"), QLabel(_request_text(request, language)))
        form.addRow(self.tr("Ordered"), QLabel(order.ordered_at.strftime("%Y-%m-%d %H:%M")))
        form.addRow(self.tr("Completed"), self._field("completed_at", self.completed_edit))
        form.addRow(self.tr("Response"), self.response_label)
        form.addRow(self.tr("Work done"), self.work_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(520, 280)
        self.show_errors([])
        self._show_response()

    def completed_at(self) -> dt.datetime:
        return _pydatetime(self.completed_edit.dateTime())

    def _show_response(self, *_args: object) -> None:
        hours = (self.completed_at() - self.request.received_at).total_seconds() / 3600
        self.response_label.setText(self.tr("%1 h after the request was received").replace(
            "%1", f"{hours:,.1f}"))

    def check(self) -> list[FieldError]:
        done = self.completed_at()
        received = self.request.received_at
        if done < received:
            return [FieldError("completed_at", self.tr("Completion cannot be before the request was "
                                                       "received (%1).").replace(
                "%1", received.strftime("%Y-%m-%d %H:%M")))]
        if done < self.order.ordered_at:
            return [FieldError("completed_at", self.tr("Completion cannot be before the work was "
                                                       "ordered (%1).").replace(
                "%1", self.order.ordered_at.strftime("%Y-%m-%d %H:%M")))]
        if done > self._now + _CLOCK_SLACK:
            return [FieldError("completed_at", self.tr("Completion cannot be in the future."))]
        return []

    def save(self) -> str | None:
        errors = self.check()
        if errors:
            self.show_errors(errors)
            return None
        ctx = gui_change_context(self._db, self.order.owner)
        with self._db.transaction():
            self._repo.complete_work_order(ctx, self.order.id, self.completed_at(),
                                           self.work_edit.text().strip())
            if self.after_save is not None:
                self.after_save(ctx, self.request)
        self.completion_saved.emit(self.order.id)
        self.accept()
        return self.order.id


def _request_text(request: ResidentRequest, language: str) -> str:
    parts = [request.received_at.strftime("%Y-%m-%d %H:%M"),
             request_category_name(request.category, language), request.place]
    return "  ".join(p for p in parts if p)
