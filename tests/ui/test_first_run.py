"""The first start: the wizard creates a town's own file, checked by its 団体コード."""

from PySide6.QtWidgets import QWizard

from gunmane_desktop.storage.database import Database
from gunmane_desktop.ui.app import open_window
from gunmane_desktop.ui.first_run import (
    CHOICE_DEMO,
    CHOICE_NEW,
    CHOICE_OPEN,
    PAGE_ORGANISATION,
    PAGE_SAVE,
    FirstRunWizard,
)

MAEBASHI = "102016"  # 前橋市, 群馬県 (100005)


def _wizard(qtbot, tmp_path):
    wizard = FirstRunWizard(tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _next(wizard):
    wizard.button(QWizard.WizardButton.NextButton).click()


def test_the_demo_and_an_existing_file_finish_on_the_first_page(qtbot, tmp_path):
    wizard = _wizard(qtbot, tmp_path)
    assert wizard.choice == CHOICE_DEMO
    assert wizard.choice_page.nextId() == -1
    wizard.choice_page.open_button.setChecked(True)
    assert wizard.choice == CHOICE_OPEN and wizard.choice_page.nextId() == -1
    wizard.choice_page.new_button.setChecked(True)
    assert wizard.choice == CHOICE_NEW and wizard.choice_page.nextId() == PAGE_ORGANISATION


def test_a_code_with_a_wrong_check_digit_is_refused_with_the_right_one(qtbot, tmp_path,
                                                                       japanese):
    wizard = _wizard(qtbot, tmp_path)
    wizard.choice_page.new_button.setChecked(True)
    _next(wizard)
    page = wizard.organisation_page
    assert wizard.currentId() == PAGE_ORGANISATION
    qtbot.keyClicks(page.code_edit, "102015")
    page.name_edit.setText("前橋市")
    assert not page.isComplete()
    assert "検査数字" in page.message.text() and MAEBASHI in page.message.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    # Typing the code chose its prefecture and names it as the lead
    assert page.prefecture_combo.currentText() == "10 群馬県"
    page.code_edit.clear()
    page.code_edit.insert("１０２０１６")  # full-width digits, as an IME types them
    assert page.isComplete() and page.message.text() == ""
    assert page.lead_label.text() == "群馬県 (100005)"
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_the_prefecture_itself_is_chosen_from_the_list(qtbot, tmp_path):
    wizard = _wizard(qtbot, tmp_path)
    page = wizard.organisation_page
    page.prefecture_button.setChecked(True)
    page.prefecture_combo.setCurrentIndex(10)
    assert page.code_edit.text() == "100005" and page.name_edit.text() == "群馬県"
    org = page.organisation()
    assert org.kind == "prefecture" and org.lead_code is None
    # and a town's code is not taken for the prefecture's
    page.code_edit.setText(MAEBASHI)
    assert page.organisation() is None and MAEBASHI in page.message.text()


def test_a_new_town_file_is_created_and_opens_in_the_window(qtbot, tmp_path, settings):
    # Given a new user who creates their town's file
    wizard = _wizard(qtbot, tmp_path)
    wizard.choice_page.new_button.setChecked(True)
    _next(wizard)
    qtbot.keyClicks(wizard.organisation_page.code_edit, MAEBASHI)
    wizard.organisation_page.name_edit.insert("前橋市")
    _next(wizard)
    assert wizard.currentId() == PAGE_SAVE
    # the file is proposed in the data folder under the town's name
    assert wizard.save_page.path_edit.text() == str(tmp_path / "前橋市.sqlite")

    # When they finish
    wizard.button(QWizard.WizardButton.FinishButton).click()

    # Then the file exists, is the town's, names its prefecture as lead, and opens
    assert wizard.result() == QWizard.DialogCode.Accepted
    assert wizard.created_path == tmp_path / "前橋市.sqlite"
    with Database.open(wizard.created_path) as db:
        assert db.site_org == MAEBASHI
        rows = db.conn.execute("SELECT code, name, lead_code FROM organisations "
                               "ORDER BY code").fetchall()
        assert [tuple(r) for r in rows] == [("100005", "群馬県", None),
                                            (MAEBASHI, "前橋市", "100005")]
        window = open_window(db, settings, "en")
        qtbot.addWidget(window)
        assert window.register_page.model.rowCount() == 0
        window.close()


def test_an_existing_file_is_never_overwritten(qtbot, tmp_path):
    existing = tmp_path / "前橋市.sqlite"
    existing.write_bytes(b"keep me")
    wizard = _wizard(qtbot, tmp_path)
    wizard.choice_page.new_button.setChecked(True)
    _next(wizard)
    wizard.organisation_page.code_edit.setText(MAEBASHI)
    wizard.organisation_page.name_edit.setText("前橋市")
    _next(wizard)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.isVisible() and wizard.created_path is None
    assert str(existing) in wizard.save_page.message.text()
    assert existing.read_bytes() == b"keep me"
