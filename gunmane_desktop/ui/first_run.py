"""The first start: try the demo region, create the town's own file, or open one.

A lone staffer installing the program has no file yet and no one to ask how ``gunmane
init`` works, so the wizard asks the same three things (団体コード, name, lead) in plain
words and creates the file through the same storage function. There is no list of the
~1,700 municipalities to pick from: the prefecture is chosen from a list, and the town
types its 6-digit 団体コード, which is checked by its check digit as it is typed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..core.organisations import (
    Organisation,
    OrgCodeError,
    OrgKind,
    is_prefecture_code,
    normalise_code,
    validate_lg_code,
)
from ..core.prefectures import PREFECTURES, prefecture_of
from ..storage.errors import StorageError
from ..storage.site_file import create_site_file

FILE_SUFFIX = ".sqlite"

(PAGE_CHOICE, PAGE_ORGANISATION, PAGE_SAVE) = range(3)
(CHOICE_DEMO, CHOICE_NEW, CHOICE_OPEN) = ("demo", "new", "open")


class ChoicePage(QWizardPage):
    """What to start with; only a new file goes on to the next pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Welcome to 群マネ Desktop"))
        self.setSubTitle(self.tr("There is no file to open yet. What would you like to do?"))
        self.demo_button = QRadioButton(self.tr("Try the demo region (a prefecture and four "
                                                "made-up towns)"))
        self.new_button = QRadioButton(self.tr("Create the file of my town, city or "
                                               "prefecture"))
        self.open_button = QRadioButton(self.tr("Open a file I already have…"))
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        for button in (self.demo_button, self.new_button, self.open_button):
            self.group.addButton(button)
            layout.addWidget(button)
            button.toggled.connect(self._on_choice_toggled)
        layout.addStretch(1)
        self.demo_button.setChecked(True)

    def _on_choice_toggled(self) -> None:
        # QWizard reads nextId() only when a page is shown or its final flag changes, so
        # the choice sets the flag: Finish for the demo or a file, Next for a new file.
        self.setFinalPage(self.choice() != CHOICE_NEW)

    def choice(self) -> str:
        if self.new_button.isChecked():
            return CHOICE_NEW
        return CHOICE_OPEN if self.open_button.isChecked() else CHOICE_DEMO

    def nextId(self) -> int:
        return PAGE_ORGANISATION if self.choice() == CHOICE_NEW else -1


class OrganisationPage(QWizardPage):
    """Whose file: the prefecture from a list, then the 団体コード and the name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Your organisation"))
        self.setSubTitle(self.tr(
            "This program has no list of municipalities: type your 6-digit 全国地方公共団体"
            "コード (with its check digit) and your name as you write it."))
        self.prefecture_combo = QComboBox()
        self.prefecture_combo.addItem(self.tr("Choose…"), "")
        for prefecture in PREFECTURES:
            self.prefecture_combo.addItem(f"{prefecture.number} {prefecture.name}",
                                          prefecture.number)
        self.municipality_button = QRadioButton(self.tr("A town, village or city"))
        self.prefecture_button = QRadioButton(self.tr("The prefecture itself"))
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.municipality_button)
        self.kind_group.addButton(self.prefecture_button)
        self.municipality_button.setChecked(True)
        kinds = QHBoxLayout()
        kinds.addWidget(self.municipality_button)
        kinds.addWidget(self.prefecture_button)
        kinds.addStretch(1)
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("6 digits, e.g. 104213"))
        self.code_edit.setMaxLength(12)  # room for full-width digits and hyphens
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. 〇〇町"))
        self.lead_label = QLabel()
        self.lead_label.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")

        form = QFormLayout(self)
        form.addRow(self.tr("Prefecture:"), self.prefecture_combo)
        form.addRow(self.tr("This file is for:"), kinds)
        form.addRow(self.tr("団体コード:"), self.code_edit)
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Exchanges with:"), self.lead_label)
        form.addRow(self.message)

        self.prefecture_combo.currentIndexChanged.connect(self._on_prefecture_changed)
        self.prefecture_button.toggled.connect(self._on_prefecture_changed)
        self.code_edit.textChanged.connect(self._on_code_edited)
        self.name_edit.textChanged.connect(self.completeChanged)
        self._update_lead()

    # -- what the page holds ---------------------------------------------------------------
    def code(self) -> str | None:
        """The validated code, or None (and the reason in the message label)."""
        text = self.code_edit.text().strip()
        try:
            code = validate_lg_code(text)
        except OrgCodeError as exc:
            # Say what is wrong once the code is nearly typed, not at every keystroke.
            self.message.setText(str(exc) if len(normalise_code(text)) >= 5 else "")
            return None
        if self.prefecture_button.isChecked() != is_prefecture_code(code):
            self.message.setText(self.tr("%1 is the code of a prefecture, not of a town.")
                                 .replace("%1", code) if is_prefecture_code(code) else
                                 self.tr("%1 is the code of a town, not of a prefecture.")
                                 .replace("%1", code))
            return None
        self.message.setText("")
        return code

    def organisation(self) -> Organisation | None:
        code = self.code()
        name = self.name_edit.text().strip()
        if code is None or not name:
            return None
        if is_prefecture_code(code):
            return Organisation(code=code, kind=OrgKind.PREFECTURE, name=name)
        lead = prefecture_of(code)
        return Organisation(code=code, kind=OrgKind.MUNICIPALITY, name=name,
                            lead_code=lead.code if lead else None)

    def lead_name(self) -> str:
        org = self.organisation()
        lead = prefecture_of(org.lead_code) if org and org.lead_code else None
        return lead.name if lead else ""

    def isComplete(self) -> bool:
        return self.organisation() is not None

    # -- slots -----------------------------------------------------------------------------
    def _on_prefecture_changed(self) -> None:
        number = self.prefecture_combo.currentData()
        if number and self.prefecture_button.isChecked():
            prefecture = PREFECTURES[int(number) - 1]
            self.code_edit.setText(prefecture.code)
            self.name_edit.setText(prefecture.name)
        elif number and not normalise_code(self.code_edit.text()).startswith(number):
            self.code_edit.setText(number)
        self._update_lead()
        self.completeChanged.emit()

    def _on_code_edited(self, text: str) -> None:
        prefecture = prefecture_of(normalise_code(text))
        if prefecture is not None and prefecture.number != self.prefecture_combo.currentData():
            self.prefecture_combo.blockSignals(True)
            self.prefecture_combo.setCurrentIndex(int(prefecture.number))
            self.prefecture_combo.blockSignals(False)
        self._update_lead()
        self.completeChanged.emit()

    def _update_lead(self) -> None:
        code = normalise_code(self.code_edit.text())
        prefecture = prefecture_of(code)
        if self.prefecture_button.isChecked():
            self.lead_label.setText(self.tr("The towns of the prefecture send their files here."))
        elif prefecture is None:
            self.lead_label.setText(self.tr("Your prefecture (from the first two digits)."))
        else:
            self.lead_label.setText(f"{prefecture.name} ({prefecture.code})")


class SavePage(QWizardPage):
    """Where the new file goes; pressing Finish creates it."""

    def __init__(self, organisation_page: OrganisationPage, default_folder: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._organisation_page = organisation_page
        self._default_folder = Path(default_folder)
        self.created: Path | None = None
        self.setTitle(self.tr("Where to save the file"))
        self.setSubTitle(self.tr(
            "Everything is kept in this one file. Backups are made in a folder “backups” "
            "beside it."))
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("File:")))
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.setFinalPage(True)

    def initializePage(self) -> None:
        org = self._organisation_page.organisation()
        if org is not None and not self.path_edit.text():
            self.path_edit.setText(str(self._default_folder / f"{org.name}{FILE_SUFFIX}"))

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        org = self._organisation_page.organisation()
        path = Path(self.path_edit.text().strip())
        if not path.suffix:
            path = path.with_suffix(FILE_SUFFIX)
        if org is None:
            return False
        if path.exists():
            self.message.setText(self.tr("%1 already exists. Choose another name, or go back "
                                         "and open it instead.").replace("%1", str(path)))
            return False
        try:
            create_site_file(path, org, lead_name=self._organisation_page.lead_name(),
                             source="first run")
        except StorageError as exc:
            self.message.setText(f"{exc.path.name}: {exc.problem}")
            return False
        except OSError as exc:
            self.message.setText(f"{path}: {exc.strerror}")
            return False
        self.created = path
        return True

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the new file as"),
            self.path_edit.text() or str(self._default_folder),
            f"群マネ Desktop (*{FILE_SUFFIX})")
        if path:
            self.path_edit.setText(path)


class FirstRunWizard(QWizard):
    """Asks what to start with; afterwards ``choice`` and ``created_path`` say what."""

    def __init__(self, default_folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("群マネ Desktop")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.choice_page = ChoicePage()
        self.organisation_page = OrganisationPage()
        self.save_page = SavePage(self.organisation_page, default_folder)
        self.setPage(PAGE_CHOICE, self.choice_page)
        self.setPage(PAGE_ORGANISATION, self.organisation_page)
        self.setPage(PAGE_SAVE, self.save_page)
        self.setStartId(PAGE_CHOICE)
        em = self.fontMetrics().horizontalAdvance("漢")
        self.resize(40 * em, 26 * em)

    @property
    def choice(self) -> str:
        return self.choice_page.choice()

    @property
    def created_path(self) -> Path | None:
        return self.save_page.created
