"""What `jobcoach login` checks and adopts: the server's address (plain
http only to this machine), the device's name, and the account the laptop
becomes. The server refuses access-log entries whose user is not the
caller, so entries written before the login are sent under the account."""
from __future__ import annotations

import json
import socket
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Context
from db.models import Coach, OutboxEntry

LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
PLAIN_HTTP_REFUSED = ("Adressen bruger http:// uden kryptering: adgangskoden og alle data ville blive sendt "
                      "i klartekst. Brug https://, eller giv --insecure-http, hvis det er en testserver "
                      "på et lukket net.")
NO_TLS_WARNING = ("Advarsel: serverens certifikat kontrolleres ikke (--no-verify-tls). Enhver på nettet "
                  "kan udgive sig for serveren. Gælder kun denne kommando.")


class InsecureAddress(ValueError):
    pass


def check_address(url: str, insecure_http: bool = False) -> None:
    """Plain http only to this machine unless explicitly allowed."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme != "http":
        raise InsecureAddress("Adressen skal begynde med https://.")
    if (parts.hostname or "") in LOCAL_HOSTS or insecure_http:
        return
    raise InsecureAddress(PLAIN_HTTP_REFUSED)


def default_device_name(username: str) -> str:
    return f"{socket.gethostname()} ({username})"[:100]


def take_account(ctx: Context, session: Session, answer: dict) -> None:
    """The laptop's user becomes the server account: its name, the
    team-leader role (which shows the access log), and the user of the
    access-log entries not yet sent."""
    coach = session.get(Coach, ctx.coach_id)
    new = answer["username"]
    if coach is not None:
        coach.username = new
        coach.role = "leder" if answer.get("leader") else "coach"
    ctx.username = new
    rows = session.execute(select(OutboxEntry).where(
        OutboxEntry.entity == "access_log", OutboxEntry.sent.is_(False))).scalars()
    for entry in rows:  # unsent entries are all this laptop's own
        fields = json.loads(entry.fields)
        if fields.get("user", [None, None])[1] != new:
            fields["user"] = [None, new]
            entry.fields = json.dumps(fields)
