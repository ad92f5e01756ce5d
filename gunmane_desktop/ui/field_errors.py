"""Validation messages beside the fields of an entry dialog, the rest on its status line.

The contract entry dialogs (requests, work orders, completions, tenders) show a
``core.models.FieldError`` the same way: under the field it names when the dialog has a
label for it, otherwise on the status line, which also says why nothing was saved.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel

from ..core.models import FieldError


class FieldErrorDisplay:
    """Mixed into a dialog that has ``errors`` (field key -> error label) and ``status``."""

    errors: dict[str, QLabel]
    status: QLabel

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Each message beside the field it names (others on the status line)."""
        by_key: dict[str, list[str]] = {}
        for e in errors:
            by_key.setdefault(e.field if e.field in self.errors else "", []).append(e.message)
        for key, label in self.errors.items():
            label.setText("\n".join(by_key.get(key, [])))
            label.setVisible(key in by_key)
        not_saved = QCoreApplication.translate(
            "FieldErrorDisplay", "Not saved: please correct the fields marked in red.")
        self.status.setText("\n".join(by_key.get("", [])) if "" in by_key else (
            not_saved if errors else ""))

    def visible_errors(self) -> dict[str, str]:
        """Field -> message shown now (for tests)."""
        return {k: v.text() for k, v in self.errors.items() if not v.isHidden()}
