"""この画面の使い方 (F1): a short explanation of the page on screen, in the UI language.

The texts are Markdown files in resources/help, ``<page>.<language>.md``, so a staffer's
supporter can improve them without touching code, and both languages sit side by side.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def help_file(resources: Path, key: str, language: str) -> Path:
    return Path(resources) / "help" / f"{key}.{language}.md"


def load_help(resources: Path, key: str, language: str) -> str:
    """The Markdown help of page ``key``; the other language if this one is missing."""
    for lang in (language, "ja" if language != "ja" else "en"):
        path = help_file(resources, key, lang)
        if path.is_file():
            return path.read_text(encoding="utf-8")
    return ""


class HelpDialog(QDialog):
    """The help of one page, beside the window (not modal: the user can follow it)."""

    def __init__(self, markdown: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("How to use this page"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(markdown or self.tr("There is no help for this page yet."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("漢")
        self.resize(34 * em, 24 * em)

    def set_markdown(self, markdown: str) -> None:
        self.browser.setMarkdown(markdown or self.tr("There is no help for this page yet."))
