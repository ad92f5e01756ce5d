"""The 書類 tab of a contract: attach 仕様書, 契約書, 協定書 and other files, list them, open one,
take one off (a tombstone on the link, behind a confirmation, undoable).

A document's bytes go into the file's content-addressed attachments (stored once by SHA-256,
so the same PDF attached to two contracts is kept once) and a ``contract_documents`` row links
them to the contract, in one transaction with the GUI's change context: the attachment is
audited and can be undone from the 編集 menu. Opening writes a copy of the stored bytes to a
temporary folder and hands it to the system viewer, because the document lives inside the
SQLite file, not next to it.
"""

from __future__ import annotations

import mimetypes
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..storage.attachments import MAX_ATTACHMENT_BYTES, AttachmentStore
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .catalogue_names import DEFAULT_LANGUAGE
from .contract_models import TextTableModel, index_id
from .contract_names import DOCUMENT_KINDS, document_kind_name
from .editing import gui_change_context
from .exchange_preview import make_table
from .inspection_form import ERROR_STYLE

_SAVED_STYLE = "color: #1b5e20;"


def document_copy_path(sha256: str, filename: str) -> Path:
    """Where the opened copy of a stored document is written (one folder per content)."""
    name = Path(filename).name or sha256[:12]
    return Path(tempfile.gettempdir()) / "gunmane-documents" / sha256[:16] / name


class ContractDocumentsPanel(QWidget):
    """The documents of one contract, with buttons to attach and to open."""

    document_attached = Signal(str)
    """A document was attached to the shown contract (the contract_documents row id)."""

    document_removed = Signal(str)
    """A document was taken off the shown contract (the contract_documents row id)."""

    FILENAME, KIND, SIZE, SHA256 = range(4)

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._db = db
        self._language = language
        self._repo = ContractRepository(db)
        self._store = AttachmentStore(db)
        self._contract_id: str | None = None
        self._owner = ""
        self.model = TextTableModel(self)
        self.table = make_table(self.model)
        self.table.doubleClicked.connect(lambda index: self.open_document(index.row()))
        self.table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.kind_combo = QComboBox()
        self.kind_combo.setEditable(True)
        # The offered kinds in the UI language; what is stored is the kind as the town files it.
        for kind in DOCUMENT_KINDS:
            self.kind_combo.addItem(document_kind_name(kind, language), kind)
        self.attach_button = QPushButton(self.tr("Attach a document…"))
        self.attach_button.clicked.connect(self._on_attach_clicked)
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(lambda: self.open_document(self.table.currentIndex().row()))
        self.remove_button = QPushButton(self.tr("Remove…"))
        self.remove_button.setToolTip(self.tr("Take the selected document off the contract."))
        self.remove_button.clicked.connect(lambda: self.remove_document(self.table.currentIndex().row()))
        self.message = QLabel()
        self.message.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Kind")))
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.attach_button)
        bar.addWidget(self.open_button)
        bar.addWidget(self.remove_button)
        bar.addWidget(self.message, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.set_contract(None, "")

    # -- content -------------------------------------------------------------------------------
    def set_contract(self, contract_id: str | None, owner: str) -> None:
        """Show the documents of ``contract_id`` (None: no contract chosen)."""
        if contract_id != self._contract_id:
            self.message.setText("")
        self._contract_id = contract_id
        self._owner = owner
        docs = self._repo.documents(contract_id) if contract_id else []
        sizes = self._sizes([d["sha256"] for d in docs])
        self.model.set_table(
            [self.tr("File"), self.tr("Kind"), self.tr("Size (KB)"), self.tr("SHA-256")],
            [(d["filename"], document_kind_name(d["kind"], self._language),
              self._size_text(sizes.get(d["sha256"])), d["sha256"][:16] + "…") for d in docs],
            numeric=(self.SIZE,), ids=[d["id"] for d in docs])
        self.table.resizeColumnsToContents()
        self._docs = docs
        self.attach_button.setEnabled(contract_id is not None)
        self._update_actions()

    def _sizes(self, digests: list[str]) -> dict[str, int | None]:
        """Size per stored document; None for one an exchange named but has not brought."""
        if not digests:
            return {}
        marks = ", ".join("?" * len(digests))
        return {r[0]: r[1] if r[2] else None for r in self._db.conn.execute(
            f"SELECT sha256, size, length(data) = size FROM attachments WHERE sha256 IN ({marks})",
            digests)}

    def _size_text(self, size: int | None) -> str:
        return self.tr("not received yet") if size is None else f"{(size + 1023) // 1024:,}"

    def documents(self) -> list[dict[str, str]]:
        """The listed documents (id, sha256, filename, kind), in the order shown."""
        return list(self._docs)

    def _update_actions(self, *_args: object) -> None:
        chosen = index_id(self.table.currentIndex()) is not None
        self.open_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # -- attaching -----------------------------------------------------------------------------
    def chosen_kind(self) -> str:
        """The kind to store: an offered kind as the town files it (仕様書 also when English
        shows "Specification"), or the text typed."""
        text = self.kind_combo.currentText().strip()
        index = self.kind_combo.findText(text)
        return self.kind_combo.itemData(index) if index >= 0 else text

    def attach_files(self, paths: list[str | Path], kind: str | None = None) -> list[str]:
        """Attach files to the shown contract in one save; returns the new row ids.

        A file that cannot be read or is over the size limit is refused with a message
        naming it, and nothing of that batch is saved.
        """
        if self._contract_id is None or not paths:
            return []
        kind = (kind if kind is not None else self.chosen_kind()).strip()
        files: list[tuple[str, bytes, str]] = []
        for raw in paths:
            path = Path(raw)
            try:
                if path.stat().st_size > MAX_ATTACHMENT_BYTES:
                    raise ValueError(self.tr("%1: files over 50 MB cannot be attached.")
                                     .replace("%1", path.name))
                data = path.read_bytes()
            except (OSError, ValueError) as exc:
                text = str(exc) if isinstance(exc, ValueError) else self.tr(
                    "%1: the file cannot be read.").replace("%1", path.name)
                self._say(text, error=True)
                return []
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            files.append((path.name, data, mime))
        ctx = gui_change_context(self._db, self._owner)
        ids = []
        with self._db.transaction():
            for name, data, mime in files:
                digest = self._store.put(data, mime)
                ids.append(self._repo.attach_document(ctx, self._contract_id, digest, name, kind))
        self.set_contract(self._contract_id, self._owner)
        self._say(self.tr("Attached %1 document(s).").replace("%1", str(len(ids))))
        for doc_id in ids:
            self.document_attached.emit(doc_id)
        return ids

    def _on_attach_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Attach documents to the contract"), "",
            f"{self.tr('Documents')} (*.pdf *.docx *.doc *.xlsx *.xls *.jtd *.txt *.zip *.jpg *.png);;"
            f"{self.tr('All files')} (*)")
        if paths:
            self.attach_files(paths)

    # -- removing ------------------------------------------------------------------------------
    def remove_document(self, row: int) -> bool:
        """Take the document in ``row`` off the contract after asking (a tombstone on the
        link, audited and undoable; the stored bytes stay). True when removed."""
        if self._contract_id is None or not 0 <= row < len(self._docs):
            return False
        doc = self._docs[row]
        answer = QMessageBox.question(
            self, self.tr("Remove a document"),
            self.tr("Remove %1 from the contract? It can be undone from the Edit menu.")
            .replace("%1", doc["filename"]))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        ctx = gui_change_context(self._db, self._owner)
        with self._db.transaction():
            self._repo.remove_document(ctx, doc["id"])
        self.set_contract(self._contract_id, self._owner)
        self._say(self.tr("Removed %1.").replace("%1", doc["filename"]))
        self.document_removed.emit(doc["id"])
        return True

    # -- opening -------------------------------------------------------------------------------
    def open_document(self, row: int) -> Path | None:
        """Write the stored bytes of the document in ``row`` to a temporary copy and open it
        with the system's viewer; returns the copy's path (None: nothing opened)."""
        if not 0 <= row < len(self._docs):
            return None
        doc = self._docs[row]
        data = self._store.get(doc["sha256"])
        if data is None:  # the link came by exchange without its bytes
            self._say(self.tr("%1 is not stored in this file.").replace("%1", doc["filename"]), error=True)
            return None
        path = document_copy_path(doc["sha256"], doc["filename"])
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists() or path.read_bytes() != data:
                path.write_bytes(data)
        except OSError as exc:
            self._say(self.tr("Cannot write a copy to open: %1").replace("%1", str(exc)), error=True)
            return None
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._say(self.tr("No program opens %1; the copy is at %2.")
                      .replace("%1", doc["filename"]).replace("%2", str(path)), error=True)
        return path

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else _SAVED_STYLE)
        self.message.setText(text)
