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
from app.sync.account import NO_TLS_WARNING, InsecureAddress, check_address
from app.sync.errors import AuthError, NotLoggedIn, SyncError, UpdateRequired

EXIT_FAILED, EXIT_USAGE = 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    login = sub.add_parser("login", help="log denne computer ind på synkroniseringsserveren")
    login.add_argument("url", help="serverens adresse, fx https://jobcoach.kommune.dk")
    login.add_argument("user", help="dit brugernavn på serveren")
    login.add_argument("--device-name", metavar="NAVN", default=None,
                       help="enhedens navn på serveren (standard: computerens navn og brugernavnet)")
    login.add_argument("--insecure-http", action="store_true",
                       help="tillad http:// uden kryptering til en anden maskine end denne (kun test)")
    _no_tls(login)
    login.set_defaults(func=cmd_login)
    sync = sub.add_parser("sync", help="synkronisér én gang (fremdrift på stderr)")
    _no_tls(sync)
    sync.set_defaults(func=cmd_sync)


def _no_tls(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-verify-tls", action="store_true",
                        help="slå kontrol af serverens certifikat fra for denne kommando (kun til test)")


def _verify_tls(args: argparse.Namespace) -> bool:
    """Off only for this command, and never quietly."""
    if args.no_verify_tls:
        print(NO_TLS_WARNING, file=sys.stderr)
    return not args.no_verify_tls


def cmd_login(args: argparse.Namespace) -> int:
    from app.sync.client import login

    try:
        check_address(args.url, args.insecure_http)
    except InsecureAddress as exc:
        raise CliError(str(exc), EXIT_USAGE) from None
    verify = _verify_tls(args)
    password = read_secret(f"Adgangskode for {args.user}: ")
    if not password:
        raise CliError("Ingen adgangskode angivet.", EXIT_USAGE)
    with cli_context() as ctx:
        try:
            device_id = login(ctx, args.url, args.user, password, device_name=args.device_name,
                              verify_tls=verify)
        except (SyncError, KeyringUnavailable) as exc:
            raise CliError(str(exc), EXIT_FAILED) from None
    print(f"Logget ind som {args.user}; enhed {device_id}.", file=sys.stderr)
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from app.sync.client import sync_round, transport_for

    verify = _verify_tls(args)
    with cli_context() as ctx:
        try:
            with transport_for(ctx, verify) as transport:
                report = sync_round(ctx, transport, progress=progress_printer("Synkronisering"))
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
