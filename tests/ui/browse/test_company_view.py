"""Companies: the CVR number is checked at the field (wrong refused, right
accepted), contact persons added, changed and removed."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QMessageBox, QPushButton

from app.services import companies
from tests.ui.conftest import answer, grab, settle, when_modal
from ui.views.page_ids import Page

GOOD_CVR = "10150817"


def _ok(dialog):
    box = dialog.findChild(QDialogButtonBox)
    return box.button(QDialogButtonBox.StandardButton.Ok) or box.button(QDialogButtonBox.StandardButton.Save)


def test_new_company_cvr_refused_then_accepted(window, ctx, qtbot) -> None:
    page = window.go(Page.COMPANIES)
    seen = {}

    def fill(dialog) -> None:
        fields = dialog.form.fields
        qtbot.waitUntil(dialog.isActiveWindow, timeout=3000)
        fields["name"].setFocus()
        qtbot.keyClicks(fields["name"], "Østerby Bageri ApS")
        qtbot.keyClick(fields["name"], Qt.Key.Key_Tab)
        assert fields["cvr"].hasFocus()
        qtbot.keyClicks(fields["cvr"], "10150818")
        qtbot.keyClick(fields["cvr"], Qt.Key.Key_Tab)  # leaving the field checks it
        seen["at_field"] = dialog.findChild(QLabel, "cvr_error").text()
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
        seen["still_open"] = dialog.isVisible()
        seen["name_kept"] = fields["name"].text()
        grab(dialog, "company_new_cvr_refused")
        fields["cvr"].clear()
        qtbot.keyClicks(fields["cvr"], GOOD_CVR)
        qtbot.keyClick(fields["cvr"], Qt.Key.Key_Tab)
        seen["after_fix"] = dialog.findChild(QLabel, "cvr_error").isHidden()
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_modal(fill)
    qtbot.mouseClick(page.findChild(QPushButton, "new_company"), Qt.MouseButton.LeftButton)
    assert "kontrolciffer" in seen["at_field"]
    assert seen["still_open"] and seen["name_kept"] == "Østerby Bageri ApS" and seen["after_fix"]
    [company] = companies.list_companies(ctx).rows
    assert company.cvr == GOOD_CVR
    qtbot.waitUntil(lambda: page.view.company_id == company.id, timeout=5000)
    grab(window, "company_view")


def test_company_view_refuses_wrong_cvr_on_save(window, ctx, qtbot) -> None:
    company = companies.create_company(ctx, name="Vejle Lager", cvr=GOOD_CVR)
    page = window.go(Page.COMPANIES)
    page.refresh()
    page.open_company(company.id)
    view = page.view
    qtbot.waitUntil(lambda: view.company_id == company.id, timeout=5000)
    cvr, city = view.form.fields["cvr"], view.form.fields["city"]
    cvr.clear()
    qtbot.keyClicks(cvr, "1234567")
    qtbot.keyClicks(city, "Vejle")
    qtbot.keyClick(view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "8 cifre" in view.findChild(QLabel, "cvr_error").text()
    assert city.text() == "Vejle"
    assert companies.get_company(ctx, company.id).city == ""
    cvr.clear()
    qtbot.keyClicks(cvr, "1015 0817")
    qtbot.mouseClick(view.findChild(QPushButton, "save_company"), Qt.MouseButton.LeftButton)
    assert companies.get_company(ctx, company.id).city == "Vejle"
    assert view.findChild(QLabel, "cvr_error").isHidden()


def test_contact_persons_add_edit_remove(window, ctx, qtbot) -> None:
    company = companies.create_company(ctx, name="Grøn Gartneri")
    page = window.go(Page.COMPANIES)
    page.refresh()
    page.open_company(company.id)
    view = page.view
    qtbot.waitUntil(lambda: view.company_id == company.id, timeout=5000)
    view.tabs.setCurrentIndex(1)

    def add(dialog) -> None:
        qtbot.keyClicks(dialog.form.fields["name"], "Søren Mester")
        qtbot.keyClicks(dialog.form.fields["phone"], "2040608")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)
        assert "8 cifre" in dialog.findChild(QLabel, "phone_error").text()
        qtbot.keyClicks(dialog.form.fields["phone"], "0")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_modal(add)
    qtbot.mouseClick(view.findChild(QPushButton, "contact_add"), Qt.MouseButton.LeftButton)
    settle(qtbot)
    [contact] = companies.list_contacts(ctx, company.id)
    assert (contact.name, contact.phone) == ("Søren Mester", "20406080")
    qtbot.waitUntil(lambda: view.contacts.model.rowCount() == 1, timeout=5000)
    view.contacts.table.selectRow(0)

    def edit(dialog) -> None:
        qtbot.keyClicks(dialog.form.fields["title"], "Mester")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_modal(edit)
    qtbot.mouseClick(view.findChild(QPushButton, "contact_edit"), Qt.MouseButton.LeftButton)
    assert companies.list_contacts(ctx, company.id)[0].title == "Mester"
    settle(qtbot)
    grab(window, "company_contacts")
    view.contacts.table.selectRow(0)
    answer(QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(view.findChild(QPushButton, "contact_remove"), Qt.MouseButton.LeftButton)
    assert companies.list_contacts(ctx, company.id) == []
