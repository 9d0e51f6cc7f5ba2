"""`jobcoach login URL USER` and `jobcoach sync`.

The password is read from the terminal (or one line of stdin in scripts) and
sent once to register this laptop; the device token the server returns goes
to the OS keyring only — never into a file, a log or an error message.
"""
from __future__ import annotations

import argparse
import sys

from app.cli.common import CliError, cli_context, progress_printer, read_secret
from app.secrets import KeyringUnavailable
from app.sync.errors import AuthError, NotLoggedIn, SyncError, UpdateRequired

EXIT_FAILED, EXIT_USAGE = 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    login = sub.add_parser("login", help="log denne computer ind på synkroniseringsserveren")
    login.add_argument("url", help="serverens adresse, fx https://jobcoach.kommune.dk")
    login.add_argument("user", help="dit brugernavn på serveren")
    login.add_argument("--no-verify-tls", action="store_true",
                       help="slå kontrol af serverens certifikat fra (kun til test)")
    login.set_defaults(func=cmd_login)
    sync = sub.add_parser("sync", help="synkronisér én gang (fremdrift på stderr)")
    sync.set_defaults(func=cmd_sync)


def cmd_login(args: argparse.Namespace) -> int:
    from app.sync.client import login

    if not args.url.startswith(("http://", "https://")):
        raise CliError("Adressen skal begynde med https:// (eller http:// på en testmaskine).", EXIT_USAGE)
    password = read_secret(f"Adgangskode for {args.user}: ")
    if not password:
        raise CliError("Ingen adgangskode angivet.", EXIT_USAGE)
    with cli_context() as ctx:
        if args.no_verify_tls:
            ctx.settings.verify_tls = False
        try:
            device_id = login(ctx, args.url, args.user, password)
        except (SyncError, KeyringUnavailable) as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    print(f"Logget ind som {args.user}; enhed {device_id}.", file=sys.stderr)
    return 0


def cmd_sync(_args: argparse.Namespace) -> int:
    from app.sync.client import sync_round

    with cli_context() as ctx:
        try:
            report = sync_round(ctx, progress=progress_printer("Synkronisering"))
        except (NotLoggedIn, AuthError, UpdateRequired) as exc:
            raise CliError(str(exc), EXIT_USAGE if isinstance(exc, NotLoggedIn) else EXIT_FAILED) from None
        except (SyncError, KeyringUnavailable) as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    print(f"Sendt {report.pushed}, hentet {report.pulled}, åbne konflikter {report.conflicts}"
          f"{', fuld gensynkronisering' if report.resynced else ''} ({report.seconds:.1f} s).", file=sys.stderr)
    if report.notice:
        print(report.notice, file=sys.stderr)
    print(f"pushed\t{report.pushed}\tpulled\t{report.pulled}\tconflicts\t{report.conflicts}")
    return 0
