"""`jobcoach export-citizen ID -o DIR`, `jobcoach erase-citizen ID --yes`, `jobcoach backup`,
`jobcoach restore FILE`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app import backups, paths
from app.cli.common import EXIT_STORE, EXIT_USAGE, CliError, cli_context
from app.instance_lock import AlreadyRunning, InstanceLock
from app.secrets import KeyringUnavailable
from app.services.crud import NotFound
from db.engine import StoreError


def register(sub: argparse._SubParsersAction) -> None:
    exp = sub.add_parser("export-citizen", help="udtræk alt om én borger (JSON og PDF) til indsigt")
    exp.add_argument("citizen_id", metavar="ID", help="borgerens id (se `jobcoach list citizens`)")
    exp.add_argument("-o", "--output", required=True, type=Path, metavar="MAPPE")
    exp.set_defaults(func=cmd_export)
    era = sub.add_parser("erase-citizen", help="slet én borgers personoplysninger (som Sletning), "
                         "også på serveren ved næste synkronisering")
    era.add_argument("citizen_id", metavar="ID", help="borgerens id (se `jobcoach list citizens`)")
    era.add_argument("--yes", action="store_true", help="bekræft sletningen (kræves)")
    era.set_defaults(func=cmd_erase)
    bak = sub.add_parser("backup", help="tag en krypteret sikkerhedskopi af databasen nu")
    bak.set_defaults(func=cmd_backup)
    res = sub.add_parser("restore", help="gendan databasen fra en sikkerhedskopi")
    res.add_argument("file", type=Path, metavar="FIL")
    res.set_defaults(func=cmd_restore)


def cmd_export(args: argparse.Namespace) -> int:
    from app.services.privacy import export_citizen

    with cli_context() as ctx:
        try:
            result = export_citizen(ctx, args.citizen_id, args.output)
        except NotFound:
            raise CliError(f"Der findes ingen borger med id {args.citizen_id}. "
                           "Se id'erne med `jobcoach list citizens`.", EXIT_USAGE) from None
    print(result.json_path)
    print(result.pdf_path)
    return 0


def cmd_erase(args: argparse.Namespace) -> int:
    """For IT, after an approved request: what *Sletning* does, logged the same way."""
    from app.services.retention import erase_citizen

    if not args.yes:
        raise CliError("Sletning kan ikke fortrydes. Gentag kommandoen med --yes for at bekræfte.", EXIT_USAGE)
    with cli_context() as ctx:
        try:
            rows = erase_citizen(ctx, args.citizen_id)
        except NotFound:
            raise CliError(f"Der findes ingen borger med id {args.citizen_id}. "
                           "Se id'erne med `jobcoach list citizens`.", EXIT_USAGE) from None
    print(f"Borgerens personoplysninger er slettet ({rows} rækker); serveren får det ved næste "
          "synkronisering.", file=sys.stderr)
    return 0


def _key() -> str:
    from app.store import store_key

    try:
        return store_key()
    except (KeyringUnavailable, StoreError) as exc:
        raise CliError(str(exc), EXIT_STORE) from None


def cmd_backup(_args: argparse.Namespace) -> int:
    if not paths.store_path().exists():
        raise CliError("Der er ingen database at tage en kopi af.", EXIT_STORE)
    key = _key()
    from app.settings import Settings

    info = backups.make_backup(key)
    backups.rotate(Settings.load().backup_keep_days)
    print(info.path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise CliError(f"Filen findes ikke: {args.file}", EXIT_USAGE)
    key = _key()
    try:
        with InstanceLock():
            kept = backups.restore(args.file, key)
    except AlreadyRunning as exc:
        raise CliError(f"{exc} Gendannelse kræver, at programmet er lukket.", 1) from None
    except backups.RestoreError as exc:
        raise CliError(str(exc), 1) from None
    print(f"Databasen er gendannet fra {args.file.name}.", file=sys.stderr)
    if kept:
        print(f"Den tidligere database er gemt som {kept}", file=sys.stderr)
    return 0
