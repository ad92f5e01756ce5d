"""Photos of an inspection: dropped or chosen files shown as thumbnails, opened full size.

The strip only collects images (bytes, type and file name); the page stores them through
``AttachmentStore`` when the inspection is saved, so a cancelled entry leaves nothing behind.
A file that is not an image or is too large is refused with a message naming it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QImage, QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..storage.attachments import MAX_ATTACHMENT_BYTES

THUMBNAIL = QSize(112, 84)
_MIME = {"jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png", "gif": "image/gif",
         "bmp": "image/bmp", "tiff": "image/tiff", "tif": "image/tiff", "webp": "image/webp"}
IMAGE_FILTER = "*.jpg *.jpeg *.png *.gif *.bmp *.tif *.tiff *.webp"


@dataclass(frozen=True, slots=True)
class Photo:
    filename: str
    mime: str
    data: bytes


def read_photo(path: Path) -> Photo:
    """Read an image file; raises ValueError with a message for the user when it is not one."""
    if not path.is_file():
        raise ValueError(f"{path.name}: ファイルが見つかりません")
    if path.stat().st_size > MAX_ATTACHMENT_BYTES:
        raise ValueError(f"{path.name}: 50 MB を超えるファイルは添付できません")
    data = path.read_bytes()
    image_format = bytes(QImageReader.imageFormat(str(path)).data()).decode().lower()
    mime = _MIME.get(image_format)
    if mime is None or QImage.fromData(data).isNull():
        raise ValueError(f"{path.name}: 画像ファイル (JPEG, PNG など) ではありません")
    return Photo(path.name, mime, data)


def _pixmap(data: bytes) -> QPixmap:
    pixmap = QPixmap()
    pixmap.loadFromData(QByteArray(data))
    return pixmap


class PhotoViewer(QDialog):
    """One photo at full size, scrollable."""

    def __init__(self, photo: Photo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(photo.filename)
        label = QLabel()
        label.setPixmap(_pixmap(photo.data))
        scroll = QScrollArea()
        scroll.setWidget(label)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.resize(900, 700)


class PhotoStrip(QWidget):
    """Thumbnails of photos; files can be dropped on it or chosen with a button."""

    photos_changed = Signal(int)
    """Photos were added or removed (how many there are now)."""

    def __init__(self, *, editable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._photos: list[Photo] = []
        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(THUMBNAIL)
        self.list.setFlow(QListView.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setFixedHeight(THUMBNAIL.height() + self.fontMetrics().height() + 30)
        self.list.setToolTip(self.tr("Double-click a photo to see it full size."))
        self.list.itemDoubleClicked.connect(self._on_item_double_clicked)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020;")
        self.message.setWordWrap(True)
        self.message.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        if editable:
            self.setAcceptDrops(True)
            self.add_button = QPushButton(self.tr("Add photos…"))
            self.add_button.clicked.connect(self._on_add_clicked)
            self.remove_button = QPushButton(self.tr("Remove"))
            self.remove_button.clicked.connect(self._on_remove_clicked)
            hint = QLabel(self.tr("or drop image files here"))
            hint.setStyleSheet("color: #595959;")
            buttons = QHBoxLayout()
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
            buttons.addWidget(hint)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        layout.addWidget(self.message)

    # -- content ------------------------------------------------------------------------
    def photos(self) -> list[Photo]:
        return list(self._photos)

    def set_photos(self, photos: list[Photo]) -> None:
        self._photos = []
        self.list.clear()
        self.message.hide()
        for photo in photos:
            self._add(photo)
        self.photos_changed.emit(len(self._photos))

    def clear(self) -> None:
        self.set_photos([])

    def add_files(self, paths: list[str | Path]) -> list[str]:
        """Add image files; returns (and shows) a message per file that was refused."""
        problems = []
        for path in paths:
            try:
                self._add(read_photo(Path(path)))
            except (OSError, ValueError) as exc:
                problems.append(str(exc))
        self.message.setText("\n".join(problems))
        self.message.setVisible(bool(problems))
        self.photos_changed.emit(len(self._photos))
        return problems

    def _add(self, photo: Photo) -> None:
        self._photos.append(photo)
        thumb = _pixmap(photo.data).scaled(THUMBNAIL, Qt.AspectRatioMode.KeepAspectRatio,
                                           Qt.TransformationMode.SmoothTransformation)
        item = QListWidgetItem(QIcon(thumb), photo.filename)
        item.setToolTip(photo.filename)
        self.list.addItem(item)

    def open_photo(self, row: int) -> PhotoViewer:
        viewer = PhotoViewer(self._photos[row], self)
        viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        viewer.show()
        return viewer

    # -- drag and drop ------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.add_files(paths)
            event.acceptProposedAction()

    # -- slots --------------------------------------------------------------------------
    def _on_add_clicked(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "", f"{self.tr('Images')} ({IMAGE_FILTER})")
        if paths:
            self.add_files(paths)

    def _on_remove_clicked(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._photos):
            del self._photos[row]
            self.list.takeItem(row)
            self.photos_changed.emit(len(self._photos))

    def _on_item_double_clicked(self, item: QListWidgetItem) -> None:
        self.open_photo(self.list.row(item))
