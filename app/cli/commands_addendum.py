"""`jobcoach addendum ID -o FILE.pdf`: print the tillægsaftale of a placement.

Unchanged content reuses the last version (the same file, byte for byte);
changed content makes version N+1. `--version N` writes a stored version
again; `--list` shows the versions of the placement and how each was
signed; `--signed` writes the newest sealed signed copy; `--attach FILE
--version N` keeps a photo or scan of a copy signed on paper.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.cli.common import EXIT_USAGE, CliError, cli_context, write_file
from app.documents.addendum_changes import local_time
from app.formatting import fmt_date, fmt_datetime
from app.rules.errors import ValidationError
from app.services import addenda, addendum_files, signing_state
from app.services.crud import NotFound


def register(sub: argparse._SubParsersAction) -> None:
    cmd = sub.add_parser("addendum", help="udskriv tillægsaftalen for et forløb som PDF")
    cmd.add_argument("placement_id", metavar="ID", help="forløbets id (se `jobcoach list placements`)")
    cmd.add_argument("-o", "--output", type=Path, help="PDF-filen der skal skrives")
    cmd.add_argument("--version", type=int, dest="version_no", help="skriv en tidligere version igen")
    cmd.add_argument("--list", action="store_true", help="vis forløbets versioner, og om de er underskrevet")
    cmd.add_argument("--signed", action="store_true", help="skriv den nyeste underskrevne, forseglede version")
    cmd.add_argument("--attach", type=Path, metavar="FIL",
                     help="vedhæft et foto eller en scanning af en underskrevet papirkopi (med --version N)")
    cmd.set_defaults(func=cmd_addendum)


def cmd_addendum(args: argparse.Namespace) -> int:
    if not args.list and args.attach is None and args.output is None:
        raise CliError("Angiv PDF-filen med -o FIL.pdf.", EXIT_USAGE)
    if args.attach is not None and args.version_no is None:
        raise CliError("Angiv hvilken version kopien er underskrevet på, med --version N.", EXIT_USAGE)
    with cli_context() as ctx:
        try:
            if args.list:
                return _list(ctx, args.placement_id)
            if args.attach is not None:
                return _attach(ctx, args.placement_id, args.version_no, args.attach)
            if args.signed:
                return _write_signed(ctx, args.placement_id, args.output)
            if args.version_no is not None:
                return _write_version(ctx, args.placement_id, args.version_no, args.output)
            dto, pdf, new = addenda.print_addendum(ctx, args.placement_id)
        except NotFound:
            raise CliError(f"Forløbet {args.placement_id!r} findes ikke. Se `jobcoach list placements`.",
                           EXIT_USAGE) from None
    write_file(args.output, pdf)
    state = "ny version" if new else "uændret indhold, samme version som før"
    print(f"Tillægsaftale version {dto.version_no} ({state}) skrevet til {args.output}", file=sys.stderr)
    print(f"{dto.id}\t{dto.version_no}\t{dto.file_sha256}")
    return 0


def _list(ctx, placement_id: str) -> int:
    states = signing_state.states(ctx, placement_id)
    for v in addenda.versions(ctx, placement_id):
        state = states[v.id].describe() if v.id in states else "ikke underskrevet"
        print(f"{v.id}\t{v.version_no}\t{fmt_datetime(local_time(v.printed_at))}\t{fmt_date(v.signed_on)}\t{v.file_sha256}"
              f"\t{state}")
    return 0


def _write_signed(ctx, placement_id: str, output: Path) -> int:
    found = signing_state.newest_signed(ctx, placement_id)
    if found is None:
        raise CliError("Forløbet har ingen tillægsaftale, der er underskrevet på skærm.", EXIT_USAGE)
    addendum_id, version_no, pdf = found
    write_file(output, pdf)
    addenda.record_reprint(ctx, addendum_id)  # a copy out of the store is in the access log
    print(f"Underskrevet tillægsaftale version {version_no} skrevet til {output}", file=sys.stderr)
    return 0


def _attach(ctx, placement_id: str, version_no: int, path: Path) -> int:
    match = [v for v in addenda.versions(ctx, placement_id) if v.version_no == version_no]
    if not match:
        raise CliError(f"Forløbet har ingen tillægsaftale med version {version_no}.", EXIT_USAGE)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CliError(f"Kunne ikke læse {path}: {exc.strerror or exc}", EXIT_USAGE) from None
    try:
        kept = addendum_files.attach_paper(ctx, match[0].id, path.name, data)
    except ValidationError as exc:
        raise CliError("; ".join(exc.errors.values()), EXIT_USAGE) from None
    print(f"Underskrevet kopi vedhæftet version {version_no}", file=sys.stderr)
    print(f"{kept.id}\t{version_no}\t{kept.file_hash}")
    return 0


def _write_version(ctx, placement_id: str, version_no: int, output: Path) -> int:
    match = [v for v in addenda.versions(ctx, placement_id) if v.version_no == version_no]
    if not match:
        raise CliError(f"Forløbet har ingen tillægsaftale med version {version_no}.", EXIT_USAGE)
    write_file(output, addenda.reproduce(ctx, match[0].id))
    print(f"Tillægsaftale version {version_no} skrevet igen til {output}", file=sys.stderr)
    print(f"{match[0].id}\t{version_no}\t{match[0].file_sha256}")
    return 0

