"""Checking the login fields before asking the server, and turning what
went wrong into Danish that says what to do (never a bare "HTTP 422").
Pure Python: the window (ui/login_dialog.py) shows the messages."""
from __future__ import annotations

import getpass
from dataclasses import dataclass
from urllib.parse import urlsplit

from app.rules.errors import Collector
from app.sync.account import InsecureAddress, check_address
from app.sync.account import default_device_name as named_for
from app.sync.errors import AuthError, ForbiddenError, SyncError, UpdateRequired


@dataclass(frozen=True)
class LoginFields:
    url: str
    username: str
    password: str
    device_name: str


def default_device_name() -> str:
    """As `jobcoach login` names it: host and user."""
    return named_for(getpass.getuser())


def check_fields(url: str, username: str, password: str, device_name: str) -> LoginFields:
    """The fields, cleaned; ValidationError with a Danish message per field."""
    c = Collector()
    url = url.strip()
    if "://" not in url and url:
        url = "https://" + url  # people type the host name only
    parts = urlsplit(url)
    if not url:
        c.add("url", "Skriv serverens adresse, fx https://jobcoach.kommune.dk.")
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        c.add("url", "Adressen skal se ud som https://jobcoach.kommune.dk (spørg IT, hvis du ikke har den).")
    else:
        try:
            check_address(url)  # plain http only to this machine: the password would travel in clear
        except InsecureAddress:
            c.add("url", "Adressen bruger http:// uden kryptering, så adgangskoden ville blive sendt i "
                         "klartekst. Brug https:// (spørg IT).")
    if not username.strip():
        c.add("username", "Skriv dit brugernavn på serveren.")
    if not password:
        c.add("password", "Skriv din adgangskode.")
    if not device_name.strip():
        c.add("device_name", "Giv computeren et navn, fx »Bærbar Lise«.")
    elif len(device_name.strip()) > 100:
        c.add("device_name", "Navnet må højst have 100 tegn.")
    c.raise_if_any()
    return LoginFields(url.rstrip("/"), username.strip(), password, device_name.strip())


def explain(exc: Exception) -> tuple[str | None, str]:
    """(the field to show it at, or None; a Danish message that says what to do)."""
    if isinstance(exc, AuthError):
        return "password", "Brugernavn eller adgangskode er forkert. Tjek dem og prøv igen."
    if isinstance(exc, ForbiddenError):
        return None, "Brugeren må ikke logge ind fra denne computer. Kontakt din teamleder eller IT."
    if isinstance(exc, UpdateRequired):
        return None, "Programmet er for gammelt til serveren. Bed IT om den nyeste version, og prøv igen."
    text = str(exc)
    if isinstance(exc, SyncError) and "kunne ikke nås" in text:
        return "url", ("Serveren kunne ikke nås på den adresse. Tjek adressen og at computeren er på "
                       "netværket (evt. VPN), og prøv igen.")
    if isinstance(exc, SyncError) and ("HTTP 404" in text or "HTTP 405" in text or "Not Found" in text):
        return "url", "Adressen svarer, men det er ikke en Jobcoach-server. Tjek adressen med IT."
    if isinstance(exc, SyncError):
        return None, ("Serveren kunne ikke bruge oplysningerne. Tjek at alle felter er udfyldt rigtigt, "
                      "og prøv igen. Sker det igen, så kontakt IT.")
    return None, "Login mislykkedes af en uventet grund. Prøv igen; sker det igen, så kontakt IT."
