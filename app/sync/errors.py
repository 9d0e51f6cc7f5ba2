"""Errors of the sync client. Messages are Danish and safe to show: they
never contain the token, the password or personal data."""
from __future__ import annotations


class SyncError(RuntimeError):
    """Sync failed; the message is for the user."""


class NotLoggedIn(SyncError):
    def __init__(self) -> None:
        super().__init__("Denne computer er ikke logget ind på en synkroniseringsserver. "
                         "Brug 'jobcoach login URL BRUGER'.")


class AuthError(SyncError):
    """401: wrong password, or the device was revoked."""


class ForbiddenError(SyncError):
    """403: a change touches another team's data."""


class OutOfOrder(SyncError):
    """409 "out_of_order": the batch this one was to follow is not applied on
    the server, so this one was not either; it is sent again."""


class GoneError(SyncError):
    """410: the cursor is from another epoch or too old; do a full resync."""


class UpdateRequired(SyncError):
    """426: this program is too old for the server."""
