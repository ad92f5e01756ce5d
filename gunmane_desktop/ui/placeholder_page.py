"""A page of the navigation that a later release fills; it says so rather than pretend."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPage(QWidget):
    """Names the page, says which release will bring it and what it will hold."""

    def __init__(self, title: str, release: str, purpose: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(title)
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        when = QLabel(self.tr("This page comes with version %1.").replace("%1", release))
        what = QLabel(purpose)
        what.setWordWrap(True)
        now = QLabel(self.tr("In this version, use the asset register (施設台帳)."))
        now.setStyleSheet("color: #595959;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        for widget in (heading, when, what, now):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(widget)
        layout.addStretch(1)
