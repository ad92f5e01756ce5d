"""The データ交換 page: send a package, receive one (validate, preview, apply), resolve
conflicts, see the log per peer, and undo the last import.

Validation, the dry-run preview, the import, the export and the undo run on a worker
(``background.BackgroundTask``); while one runs, the page's actions are disabled so the file has one
writer. Errors the user can cause (a hostile or misaddressed package, an unresolvable
conflict) are shown as one line on the page, never as a traceback.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..storage.changes import ChangeContext
from ..storage.database import Database
from ..sync import (
    REGION,
    ConflictError,
    ExportError,
    ImportRefused,
    PackageError,
    export_package,
    import_package,
    list_conflicts,
    resolve,
    undo_last_import,
    validate_package,
)
from ..sync.apply import check_addressed
from ..sync.export import pending_rows
from ..sync.merge import merged_count
from ..sync.parts import DEFAULT_MAX_MB, MB
from ..sync.peers import Peers
from .background import BackgroundTask
from .conflict_view import ConflictView
from .editing import os_user
from .exchange_models import PeerModel, PeerRow, local_time_text
from .exchange_preview import ImportPreviewPanel, make_table

log = logging.getLogger(__name__)
_EXPECTED = (PackageError, ImportRefused, ExportError, ConflictError, OSError)
ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"


def one_line(exc: BaseException) -> str:
    """An exception as one line for the page; unexpected ones are logged in full."""
    if not isinstance(exc, _EXPECTED):
        log.error("unexpected error in the exchange page", exc_info=exc)
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if isinstance(exc, _EXPECTED) else f"{type(exc).__name__}: {text}"


class ExchangePage(QWidget):
    """Exchange files with the lead, other towns and the region (design.md section 3)."""

    data_changed = Signal()
    """An import, a resolution or an undo changed the file; other pages should re-read it."""

    TAB_RECEIVE, TAB_SEND, TAB_CONFLICTS, TAB_PEERS = range(4)

    def __init__(self, db: Database, parent: QWidget | None = None, *, load: bool = True) -> None:
        super().__init__(parent)
        self._db = db
        self._task: BackgroundTask | None = None
        self._pending = None  # (TemporaryDirectory, ValidatedPackage, ImportResult) of the preview
        self.heading = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_receive(), self.tr("Receive"))
        self.tabs.addTab(self._build_send(), self.tr("Send"))
        self.conflicts = ConflictView()
        self.conflicts.resolution_chosen.connect(self._on_resolution_chosen)
        self.conflicts.merge_chosen.connect(self._on_merge_chosen)
        self.tabs.addTab(self.conflicts, self.tr("Conflicts"))
        self.peer_model = PeerModel(self)
        self.peers = make_table(self.peer_model)
        self.tabs.addTab(self.peers, self.tr("Exchange log"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        if load:  # the main window refreshes when the page is shown (counting is slow at 500k)
            self.refresh()

    # -- building ---------------------------------------------------------------------------
    def _build_receive(self) -> QWidget:
        page = QWidget()
        self.choose_button = QPushButton(self.tr("Choose package…"))
        self.choose_button.clicked.connect(self._on_choose_clicked)
        self.apply_button = QPushButton(self.tr("Apply import"))
        self.apply_button.clicked.connect(self._on_apply_clicked)
        self.undo_button = QPushButton(self.tr("Undo last import…"))
        self.undo_button.clicked.connect(self._on_undo_clicked)
        self.last_import = QLabel()
        self.last_import.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.choose_button)
        row.addWidget(self.apply_button)
        row.addStretch(1)
        row.addWidget(self.undo_button)
        self.preview = ImportPreviewPanel()
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.last_import)
        layout.addWidget(self.preview, 1)
        return page

    def _build_send(self) -> QWidget:
        page = QWidget()
        self.recipient = QComboBox()
        self.recipient.currentIndexChanged.connect(self._update_pending)
        self.incremental = QRadioButton(self.tr("Only what the recipient has not confirmed (incremental)"))
        self.full = QRadioButton(self.tr("Everything (full)"))
        self.incremental.setChecked(True)
        group = QButtonGroup(page)
        group.addButton(self.incremental)
        group.addButton(self.full)
        self.personal = QCheckBox(self.tr("Include residents' contact details (name, phone, address)"))
        self.personal.setToolTip(self.tr(
            "Off by default: residents' personal data stays in this file. Tick only when the "
            "recipient has to call the resident back."))
        self.personal.toggled.connect(self._on_personal_toggled)
        # Mail-sized packages (issue #5). Photos go by default; splitting is on by default
        # here because the GUI's usual road is LGWAN mail (the CLI splits only when asked).
        self.photos = QCheckBox(self.tr("Include photos"))
        self.photos.setChecked(True)
        self.photos.setToolTip(self.tr(
            "Untick to send the rows only: the recipient sees the photos as not received "
            "until a later package with photos brings them."))
        self.split = QCheckBox(self.tr("Split into parts for mail, each at most"))
        self.split.setChecked(True)
        self.max_size = QDoubleSpinBox()
        self.max_size.setRange(0.5, 1000.0)
        self.max_size.setDecimals(1)
        self.max_size.setSingleStep(1.0)
        self.max_size.setValue(DEFAULT_MAX_MB)
        self.max_size.setSuffix(" MB")
        self.split.toggled.connect(self.max_size.setEnabled)
        self.split.setToolTip(self.tr(
            "A package larger than this is saved as several files (NAME.part1of3.zip …). Each "
            "part can be imported on its own, in any order."))
        split_row = QHBoxLayout()
        split_row.addWidget(self.split)
        split_row.addWidget(self.max_size)
        split_row.addStretch(1)
        self.pending_label = QLabel()
        self.export_button = QPushButton(self.tr("Save package as…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Send to"), self.recipient)
        form.addRow(self.tr("Contents"), self.incremental)
        form.addRow("", self.full)
        form.addRow(self.tr("Personal data"), self.personal)
        form.addRow(self.tr("Photos"), self.photos)
        form.addRow(self.tr("Mail size"), split_row)
        form.addRow("", self.pending_label)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        hint = QLabel(self.tr("Send the saved file by LGWAN mail or USB. The recipient's "
                              "acknowledgement comes back with their next package."))
        hint.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addStretch(1)
        return page

    # -- state --------------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while background work runs on the file."""
        return self._task is not None

    def _org_names(self) -> dict[str, str]:
        return {r["code"]: r["name"] for r in self._db.conn.execute(
            "SELECT code, name FROM organisations WHERE deleted = 0")}

    def refresh(self) -> None:
        """Re-read recipients, conflicts, the peer log and the last import from the file."""
        names = self._org_names()
        site = self._db.site_org or ""
        self.heading.setText(self.tr("This file: %1").replace(
            "%1", f"{names.get(site, '')} ({site})" if site else self.tr("no organisation set")))
        self._fill_recipients(names, site)
        self.conflicts.set_conflicts(list_conflicts(self._db), names)
        self.tabs.setTabText(self.TAB_CONFLICTS, self.tr("Conflicts (%1)").replace(
            "%1", str(self.conflicts.list_model.rowCount())))
        peers = []
        for p in Peers(self._db).all():
            try:
                pending = pending_rows(self._db, p.peer)
            except Exception:
                log.exception("pending rows for %s", p.peer)
                pending = 0
            name = names.get(p.peer, self.tr("whole region") if p.peer == REGION else "")
            peers.append(PeerRow(p.peer, name,
                                 p.last_sent_at, p.last_sent_file, p.last_received_at,
                                 p.last_received_file, pending))
        self.peer_model.set_rows(peers)
        self.peers.resizeColumnsToContents()
        last = self._db.conn.execute("SELECT package, sender, imported_at FROM sync_imports "
                                     "ORDER BY seq DESC LIMIT 1").fetchone()
        self.last_import.setText(
            self.tr("Last import: %1 from %2 at %3").replace("%1", last["package"])
            .replace("%2", last["sender"]).replace("%3", local_time_text(last["imported_at"]))
            if last else self.tr("No import to undo."))
        self._update_actions()

    def _fill_recipients(self, names: dict[str, str], site: str) -> None:
        current = self.recipient.currentData()
        self.recipient.blockSignals(True)
        self.recipient.clear()
        row = self._db.conn.execute("SELECT lead_code FROM organisations WHERE code = ? AND deleted = 0",
                                    (site,)).fetchone()
        lead = row[0] if row else None
        if lead:
            self.recipient.addItem(self.tr("Lead: %1").replace("%1", f"{names.get(lead, '')} ({lead})"), lead)
        for code, name in sorted(names.items()):
            if code not in (site, lead):
                self.recipient.addItem(f"{name} ({code})", code)
        self.recipient.addItem(self.tr("Whole region (read-only snapshot)"), REGION)
        index = self.recipient.findData(current)
        self.recipient.setCurrentIndex(max(0, index))
        self.recipient.blockSignals(False)
        self._update_pending()

    def _update_pending(self) -> None:
        peer = self.recipient.currentData()
        if not peer or not self._db.site_org:
            self.pending_label.setText("")
            return
        try:
            n = pending_rows(self._db, peer)
        except Exception:
            log.exception("pending rows for %s", peer)
            self.pending_label.setText("")
            return
        self.pending_label.setText(self.tr("Rows not yet confirmed by the recipient: %1")
                                   .replace("%1", f"{n:,}"))

    def _update_actions(self) -> None:
        idle = self._task is None
        result = self._pending[2] if self._pending else None
        self.choose_button.setEnabled(idle)
        self.apply_button.setEnabled(idle and result is not None)
        has_import = self._db.conn.execute("SELECT 1 FROM sync_imports LIMIT 1").fetchone() is not None
        self.undo_button.setEnabled(idle and has_import)
        self.export_button.setEnabled(idle and bool(self._db.site_org))
        self.conflicts.set_enabled_actions(idle)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else OK_STYLE)
        self.message.setText(text)

    def _start(self, task: BackgroundTask) -> None:
        self._task = task
        task.finished.connect(self._on_task_finished)
        self._update_actions()
        task.start()

    def _on_task_finished(self) -> None:
        self._task = None
        self._update_actions()

    # -- receive ----------------------------------------------------------------------------
    def _on_choose_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose an exchange package"), "",
                                              self.tr("Exchange packages (*.zip);;All files (*)"))
        if path:
            self.open_package(path)

    def _discard_pending(self) -> None:
        if self._pending is not None:
            self._pending[0].cleanup()
        self._pending = None

    def open_package(self, path: str | Path) -> None:
        """Validate ``path`` and show what importing it would change (nothing is written)."""
        self._discard_pending()
        self.preview.show_preview(None, {})
        self.tabs.setCurrentIndex(self.TAB_RECEIVE)
        workdir = tempfile.TemporaryDirectory(prefix="gunmane-import-")
        db = self._db

        def work(progress, _cancel):
            progress(0.0, self.tr("Checking the package"))
            validated = validate_package(path, Path(workdir.name) / "pkg")
            check_addressed(validated, db.site_org, db.path)
            return validated, import_package(db, validated.path, dry_run=True, validated=validated,
                                             progress=progress)

        def done(out) -> None:
            validated, result = out
            self._pending = (workdir, validated, result)
            self.preview.show_preview(result.preview, self._org_names())
            if result.preview.writes:
                self._say(self.tr("Checked. Review the changes below, then apply.")
                          + self._merged_text(result.preview))
            else:
                self._say(self.tr("Checked. The package brings nothing new; "
                                  "applying records it as received."))

        def failed(exc: BaseException) -> None:
            workdir.cleanup()
            self._say(self.tr("Refused: %1").replace("%1", one_line(exc)), error=True)

        self._say("")
        self._start(BackgroundTask(self, work,
                    self.tr("Checking the package…"), cancellable=False)
                    .on_success(done)
                    .on_failure(failed))

    def _on_apply_clicked(self) -> None:
        if self._pending is None:
            return
        t = self._pending[2].preview.totals()
        answer = QMessageBox.question(
            self, self.tr("Apply import"),
            self.tr("Write %1 new and %2 updated rows and record %3 conflicts? The rows as they "
                    "are now are kept with the import, so it can be undone.").replace("%1", f"{t['new']:,}")
            .replace("%2", f"{t['updated']:,}").replace("%3", f"{t['conflicts']:,}"))
        if answer == QMessageBox.StandardButton.Yes:
            self.apply_import()

    def apply_import(self) -> None:
        """Apply the previewed package (the user has confirmed)."""
        if self._pending is None:
            return
        validated = self._pending[1]
        db = self._db

        def work(progress, _cancel):
            return import_package(db, validated.path, validated=validated, progress=progress)

        def done(result) -> None:
            self._discard_pending()
            self.preview.show_preview(result.preview, self._org_names())
            t = result.preview.totals()
            text = (self.tr("Imported: new %1, updated %2, conflicts %3.").replace("%1", f"{t['new']:,}")
                    .replace("%2", f"{t['updated']:,}").replace("%3", f"{t['conflicts']:,}"))
            text += self._merged_text(result.preview)
            if result.photos_missing:
                text += " " + self.tr("%1 photo(s) not received yet; a later package brings them.").replace(
                    "%1", f"{result.photos_missing:,}")
            self._say(text)
            self.refresh()
            if t["conflicts"]:
                self.tabs.setCurrentIndex(self.TAB_CONFLICTS)
            self.data_changed.emit()

        def failed(exc: BaseException) -> None:
            self._discard_pending()
            self._say(self.tr("Not imported; the file is unchanged: %1").replace("%1", one_line(exc)),
                      error=True)
            self.refresh()

        self._start(BackgroundTask(self, work,
                    self.tr("Importing…"), cancellable=False)
                    .on_success(done)
                    .on_failure(failed))

    def _merged_text(self, preview) -> str:
        """A sentence on rows both sides changed in different fields (merged by the import)."""
        merged = merged_count(preview)
        if not merged:
            return ""
        return " " + self.tr("%1 of the updated rows were changed on both sides in different fields "
                             "and are merged automatically.").replace("%1", f"{merged:,}")

    def _on_undo_clicked(self) -> None:
        row = self._db.conn.execute("SELECT package, audit_seq FROM sync_imports "
                                    "ORDER BY seq DESC LIMIT 1").fetchone()
        if row is None:
            return
        latest = self._db.conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
        changed = latest != row["audit_seq"]
        text = self.tr("Put the file back as it was before importing %1?").replace("%1", row["package"])
        if changed:
            text += "\n" + self.tr("Changes were made after that import; they will be lost too.")
        answer = QMessageBox.question(self, self.tr("Undo last import"), text)
        if answer == QMessageBox.StandardButton.Yes:
            self.undo_import(force=changed)

    def undo_import(self, *, force: bool = False) -> None:
        """Undo the last import from its backup (the user has confirmed)."""
        db = self._db

        def done(out) -> None:
            self._say(self.tr("Undone: %1").replace("%1", out["package"]))
            self.refresh()
            self.data_changed.emit()

        def failed(exc: BaseException) -> None:
            self._say(one_line(exc), error=True)

        self._discard_pending()
        self.preview.show_preview(None, {})
        self._start(BackgroundTask(self, lambda _p, _c: undo_last_import(db, force=force),
                    self.tr("Undoing the last import…"), cancellable=False)
                    .on_success(done)
                    .on_failure(failed))

    # -- conflicts ----------------------------------------------------------------------------
    def _on_resolution_chosen(self, conflict_id: int, keep: str) -> None:
        self.resolve_conflict(conflict_id, keep)

    def _on_merge_chosen(self, conflict_id: int, keep: str, edits: dict) -> None:
        self.resolve_conflict(conflict_id, keep, edits)

    def resolve_conflict(self, conflict_id: int, keep: str, edits: dict | None = None) -> None:
        """Resolve a conflict keeping "local" or "remote", with ``edits`` (field -> value) on top
        for an edited merge; the result travels onward as an edit."""
        if self._task is not None:
            return
        site = self._db.site_org
        if not site:
            self._say(self.tr("This file has no organisation set; conflicts cannot be resolved here."),
                      error=True)
            return
        try:
            resolve(ChangeContext(self._db, site, os_user(), "gui"), conflict_id, keep, edits)
        except (*_EXPECTED, sqlite3.IntegrityError) as exc:  # a value the table's checks refuse
            self._say(one_line(exc), error=True)
            return
        self._say((self.tr("Conflict %1 resolved with the merged values.") if edits
                   else self.tr("Conflict %1 resolved.")).replace("%1", str(conflict_id)))
        self.refresh()
        self.data_changed.emit()

    # -- send -----------------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        peer = self.recipient.currentData() or REGION
        suggested = f"{self._db.site_org}-to-{peer}.zip"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save exchange package"), suggested,
                                              self.tr("Exchange packages (*.zip)"))
        if path:
            self.export_to(path)

    def _on_personal_toggled(self, checked: bool) -> None:
        if checked and QMessageBox.warning(
                self, self.tr("Personal data"),
                self.tr("The package will hold residents' names, phone numbers and addresses. "
                        "Send it only to an organisation that must contact them, by LGWAN "
                        "mail or an encrypted USB stick. Include them?"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            self.personal.setChecked(False)

    def export_to(self, path: str | Path) -> None:
        """Write a package for the chosen recipient to ``path``."""
        path = Path(path)
        peer = self.recipient.currentData() or REGION
        full = self.full.isChecked()
        personal = self.personal.isChecked()
        photos = self.photos.isChecked()
        max_bytes = int(self.max_size.value() * MB) if self.split.isChecked() else None
        db = self._db

        def work(_progress, _cancel):
            if path.exists():
                path.unlink()  # the save dialog has asked before overwriting
            for old in path.parent.glob(f"{path.stem}.part*of*{path.suffix}"):
                old.unlink()  # parts of an earlier export to the same name
            return export_package(db, path, to=None if peer == REGION else peer, full=full,
                                  include_personal_data=personal, photos=photos, max_bytes=max_bytes)

        def done(result) -> None:
            if len(result.files) > 1:
                text = (self.tr("Saved in %1 parts for %2 (%3 rows): %4")
                        .replace("%1", str(len(result.files))).replace("%2", result.manifest.recipient)
                        .replace("%3", f"{result.rows:,}")
                        .replace("%4", ", ".join(f.name for f in result.files)))
            else:
                text = (self.tr("Saved %1: %2 rows for %3.").replace("%1", str(result.path))
                        .replace("%2", f"{result.rows:,}").replace("%3", result.manifest.recipient))
            if not photos:
                text += " " + self.tr("Photos were left out.")
            if result.oversize:
                text += " " + self.tr("Over the size limit and cannot be split further: %1").replace(
                    "%1", ", ".join(f.name for f in result.oversize))
            self._say(text, error=bool(result.oversize))
            self.refresh()

        def failed(exc: BaseException) -> None:
            self._say(self.tr("Not saved: %1").replace("%1", one_line(exc)), error=True)

        self._start(BackgroundTask(self, work,
                    self.tr("Writing the package…"), cancellable=False)
                    .on_success(done)
                    .on_failure(failed))
