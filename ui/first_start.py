"""The first-start guide, shown on an empty store: 1. your name and unit,
2. log in to the team's server or "arbejd alene indtil videre", 3. the first
citizen (or skip). Closing it at any step is fine; it is not shown again."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QRadioButton, QVBoxLayout, QWidget, QWizard, QWizardPage

from app.context import Context
from app.rules.errors import ValidationError
from app.services import citizens, first_start
from ui.login_dialog import LoginForm
from ui.widgets.form import Form

DEFAULT_UNIT = "Kommunens beskæftigelsesenhed"


def _intro(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class MePage(QWizardPage):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.setTitle("Velkommen til Jobcoach")
        self.setSubTitle("Trin 1 af 3: dig og din enhed")
        self.form = Form()
        self.full_name = self.form.add("full_name", "&Dit navn:", QLineEdit(first_start.my_name(ctx)))
        unit = ctx.settings.unit_name
        self.unit_name = self.form.add("unit_name", "&Enhedens navn:", QLineEdit("" if unit == DEFAULT_UNIT else unit))
        self.unit_name.setPlaceholderText("fx Jobcenter Varde, Virksomhedsteamet")
        box = QVBoxLayout(self)
        box.addWidget(_intro("Dit navn står på dine besøg og forløb, så kollegerne kan se, hvem der har "
                             "skrevet hvad. Enhedens navn kommer på tillægsaftalerne."))
        box.addWidget(self.form)

    def validatePage(self) -> bool:
        try:
            first_start.save_me(self.ctx, self.full_name.text(), self.unit_name.text())
        except ValidationError as exc:
            self.form.errors.show(exc.errors)
            return False
        return True


class ServerPage(QWizardPage):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.setTitle("Synkronisering med teamet")
        self.setSubTitle("Trin 2 af 3: log ind på teamets server – eller arbejd alene indtil videre")
        self.alone = QRadioButton("&Arbejd alene indtil videre (du kan logge ind senere under Synkronisering)")
        self.server = QRadioButton("&Log ind på teamets server nu")
        self.alone.setChecked(True)
        self.login = LoginForm(ctx)
        self.login.setEnabled(False)
        self.server.toggled.connect(self.login.setEnabled)
        self.login.logged_in.connect(lambda _id: self.wizard().next())
        self.logged_in = False
        self.login.logged_in.connect(lambda _id: setattr(self, "logged_in", True))
        box = QVBoxLayout(self)
        box.addWidget(self.alone)
        box.addWidget(self.server)
        box.addWidget(self.login)

    def validatePage(self) -> bool:
        if self.alone.isChecked() or self.logged_in:
            return True
        self.login.start()  # in the background; a successful login moves on by itself
        return False


class CitizenPage(QWizardPage):
    def __init__(self, ctx: Context) -> None:
        super().__init__()
        self.ctx = ctx
        self.created: str | None = None
        self.setTitle("Din første borger")
        self.setSubTitle("Trin 3 af 3: opret den første borger – eller spring over og gør det senere")
        self.form = Form()
        self.name = self.form.add("name", "&Navn:", QLineEdit())
        self.phone = self.form.add("phone", "&Telefon:", QLineEdit())
        box = QVBoxLayout(self)
        box.addWidget(_intro("Skriv borgerens navn (og evt. telefonnummer); resten kan du udfylde bagefter. "
                             "Lad felterne stå tomme for at springe over."))
        box.addWidget(self.form)

    def validatePage(self) -> bool:
        if not self.name.text().strip() and not self.phone.text().strip():
            return True
        try:
            self.created = citizens.create_citizen(self.ctx, name=self.name.text(), phone=self.phone.text()).id
        except ValidationError as exc:
            self.form.errors.show(exc.errors)
            return False
        return True


class FirstStartGuide(QWizard):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Jobcoach – kom godt i gang")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)  # the same on every system
        self.me, self.server, self.citizen = MePage(ctx), ServerPage(ctx), CitizenPage(ctx)
        for page in (self.me, self.server, self.citizen):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, "&Næste >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Tilbage")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Færdig")
        self.setButtonText(QWizard.WizardButton.CancelButton, "&Luk")
        self.finished.connect(lambda _code: first_start.mark_done(ctx))
        self.resize(640, 460)


def maybe_show_guide(window, ctx: Context) -> FirstStartGuide | None:
    """On an empty store, once: the guide; afterwards the first citizen opens."""
    if not first_start.should_show(ctx):
        return None
    from ui.lock_install import follow_settings

    guide = FirstStartGuide(ctx, window)
    if guide.exec() and guide.citizen.created:
        window.open_citizen(guide.citizen.created)
    follow_settings(ctx)  # the idle lock waited for the guide (it asks for a PIN now)
    return guide
